// The GitLab lane operations in Azure Pipelines: its "lanes" are the stages themselves, which
// the stage operations already edit. Reordering `stages:` is refused because the order is also
// a dependency: a stage without `dependsOn` waits for the one written before it, so moving an
// item would silently rewire the stages around both its old and its new place.
import type { EditOperation } from '../../operations';
import { Refusal } from '../../splices';

type LaneOperation = Extract<EditOperation, { op: 'addLane' | 'renameLane' | 'moveLane' }>;

export function refuseLaneOperation(op: LaneOperation): never {
  switch (op.op) {
    case 'addLane':
      throw new Refusal('Azure Pipelines has no lanes apart from its stages; add a stage from a template (addStage) instead');
    case 'renameLane':
      throw new Refusal(`Azure Pipelines has no lanes apart from its stages; rename the stage "${op.lane}" itself (renameStage) instead`);
    case 'moveLane':
      throw new Refusal(
        'in Azure Pipelines the order of stages: is also a dependency (a stage without dependsOn waits for the one written before it), ' +
          'so moving a stage would change what runs after what; change its dependencies instead',
      );
  }
}

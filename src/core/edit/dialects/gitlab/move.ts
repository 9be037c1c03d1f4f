// moveToStage: set the job's `stage:`, adding the stage to `stages:` when it is new. GitLab
// rejects needs that point at a later stage, in either direction of the move.
import { pairOf } from '../../../yaml/source';
import type { EditOperation } from '../../operations';
import { Refusal } from '../../splices';
import { insertEntry } from './entries';
import type { GitlabFile } from './file';
import { editableJob } from './references';
import { ensureLane } from './stagesList';

export function planMove(file: GitlabFile, op: Extract<EditOperation, { op: 'moveToStage' }>): void {
  const job = editableJob(file, op.stage, 'would move');
  if (job.stage === op.to) return;
  const known = file.laneIndex(op.to);
  // A new stage goes at the end of stages:, just before .post.
  const target = known >= 0 ? known : file.laneIndex('.post') - 0.5;
  for (const edge of file.ctx.graph.edges) {
    if (edge.implicit || edge.unresolved) continue;
    if (edge.to === op.stage) {
      const dependency = file.ctx.node(edge.from);
      if (file.laneIndex(dependency.stage ?? '') > target) {
        throw new Refusal(`"${op.stage}" needs "${edge.from}" of stage "${dependency.stage}", which would run after stage "${op.to}"; GitLab rejects needs on a later stage`);
      }
    }
    if (edge.from === op.stage) {
      const dependant = file.ctx.node(edge.to);
      if (file.laneIndex(dependant.stage ?? '') < target) {
        throw new Refusal(`"${edge.to}" (stage "${dependant.stage}") needs "${op.stage}", which would move to the later stage "${op.to}"; GitLab rejects needs on a later stage`);
      }
    }
  }
  ensureLane(file, op.to, 'end');
  const map = file.jobMap(op.stage);
  const stage = pairOf(map, 'stage');
  if (stage) file.ctx.splices.setPair(map, 'stage', op.to);
  else insertEntry(file.ctx.splices, map, 'stage', op.to, true, { first: true });
}

// The Azure Pipelines edit planner: stages (`- stage:` items with `dependsOn` and the
// previous-stage default) and their jobs (`Stage/Job` ids, job-level `dependsOn` within a stage),
// or a pipeline of top-level jobs. Each operation lives in its own module under ./azure/.
import { planAddCache } from '../addCache';
import type { DialectPlanner } from '../plan';
import { Refusal } from '../splices';
import { planAddStage } from './azure/addStage';
import { planDependency } from './azure/dependencies';
import { refuseLaneOperation } from './azure/lanes';
import { readLayout } from './azure/layout';
import { planMove } from './azure/move';
import { planSetProperty } from './azure/properties';
import { planDelete } from './azure/remove';
import { planRename } from './azure/rename';

export const planAzureEdit: DialectPlanner = (ctx, op) => {
  // A cache touches one job's steps, found by its offsets: no stage layout needed (an implicit
  // job of top-level steps gets one too).
  if (op.op === 'addCache') return planAddCache(ctx, op);
  if (op.op === 'pinAction') throw new Refusal('pinning an action to a commit is for GitHub Actions workflows');
  const layout = readLayout(ctx);
  switch (op.op) {
    case 'renameStage':
      return planRename(ctx, layout, op);
    case 'deleteStage':
      return planDelete(ctx, layout, op);
    case 'addDependency':
    case 'removeDependency':
      return planDependency(ctx, layout, op);
    case 'addStage':
      return planAddStage(ctx, layout, op);
    case 'moveToStage':
      return planMove(ctx, layout, op);
    case 'setProperty':
      return planSetProperty(ctx, layout, op);
    case 'addLane':
    case 'renameLane':
    case 'moveLane':
      return refuseLaneOperation(op);
  }
};

// GitLab CI edit planner: turns an operation into splices on the job entries, `needs:` lists
// and `stages:`, in the file's own style. Jobs are top-level keys; lanes come from `stages:`.
import { planAddCache } from '../addCache';
import type { DialectPlanner } from '../plan';
import { Refusal } from '../splices';
import { planAddLane } from './gitlab/addLane';
import { planAddStage } from './gitlab/addStage';
import { planAddDependency, planRemoveDependency } from './gitlab/dependencies';
import { readGitlabFile } from './gitlab/file';
import { planMove } from './gitlab/move';
import { planMoveLane } from './gitlab/moveLane';
import { planSetProperty } from './gitlab/properties';
import { planDelete } from './gitlab/remove';
import { planRename } from './gitlab/rename';
import { planRenameLane } from './gitlab/renameLane';

export const planGitlabEdit: DialectPlanner = (ctx, op) => {
  const file = readGitlabFile(ctx);
  switch (op.op) {
    case 'renameStage':
      return planRename(file, op);
    case 'deleteStage':
      return planDelete(file, op);
    case 'addDependency':
      return planAddDependency(file, op);
    case 'removeDependency':
      return planRemoveDependency(file, op);
    case 'addStage':
      return planAddStage(file, op);
    case 'moveToStage':
      return planMove(file, op);
    case 'setProperty':
      return planSetProperty(file, op);
    case 'addLane':
      return planAddLane(file, op);
    case 'renameLane':
      return planRenameLane(file, op);
    case 'moveLane':
      return planMoveLane(file, op);
    case 'addCache':
      return planAddCache(ctx, op);
    case 'pinAction':
      throw new Refusal('pinning an action to a commit is for GitHub Actions workflows');
  }
};

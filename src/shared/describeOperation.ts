// A short phrase for an edit operation, for the log and for the designer's messages
// ("delete deploy", "make deploy depend on test").
import type { EditOperation } from '../core/edit/operations';

export function describeOperation(op: EditOperation): string {
  switch (op.op) {
    case 'renameStage':
      return `rename ${op.stage} to ${op.newId}`;
    case 'deleteStage':
      return `delete ${op.stage}`;
    case 'addDependency':
      return `make ${op.stage} depend on ${op.dependsOn}`;
    case 'removeDependency':
      return `remove the dependency of ${op.stage} on ${op.dependsOn}`;
    case 'addStage':
      return `add ${op.id} from the ${op.template} template${op.lane !== undefined ? ` to the stage ${op.lane}` : ''}`;
    case 'moveToStage':
      return `move ${op.stage} to ${op.to}`;
    case 'setProperty':
      return `${op.value === null ? 'clear' : 'set'} the ${op.property} of ${op.stage}`;
    case 'addLane':
      return `add the stage ${op.lane}${op.after ? ` after ${op.after}` : ''}`;
    case 'renameLane':
      return `rename the stage ${op.lane} to ${op.newName}`;
    case 'moveLane':
      return `move the stage ${op.lane} ${op.after === '.pre' ? 'to the start' : op.after ? `after ${op.after}` : 'to the end'}`;
  }
}

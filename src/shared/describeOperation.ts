// A short phrase for an edit operation, for the log and for the designer's messages
// ("delete deploy", "make deploy depend on test"); once applied, with what else it changed
// ("delete approve; production now waits for staging").
import type { Reconnection } from '../core/edit/inherit';
import type { EditOperation } from '../core/edit/operations';
import { listOf } from '../core/words';

/** What an applied operation did besides its own change, as the planner reports it. */
export interface OperationOutcome {
  reconnected?: readonly Reconnection[];
  /** A rename: the references it rewrote besides the name. */
  references?: number;
  /** The files the operation changed, when it changed more than the document (a composed pipeline). */
  files?: number;
}

export function describeOperation(op: EditOperation, outcome: OperationOutcome = {}): string {
  const what = operationPhrase(op);
  const reconnected = outcome.reconnected ?? [];
  const parts = [what, ...reconnected.map((r) => `${r.stage} now waits for ${listOf(r.waitsFor)}`)];
  if (op.op === 'renameStage' && outcome.references) parts.push(referencesPhrase(outcome.references, outcome.files));
  return parts.join('; ');
}

/**
 * What a rename does besides the name: "renames 5 references", said before and after applying;
 * "renames 5 references in 2 files" when the name and its references are written in several.
 */
export function referencesPhrase(references: number, files = 1): string {
  if (references === 0) return 'nothing else refers to it';
  return `renames ${references} reference${references === 1 ? '' : 's'}${files > 1 ? ` in ${files} files` : ''}`;
}

function operationPhrase(op: EditOperation): string {
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
    case 'addDispatchTrigger':
      return 'let the workflow be run by hand (workflow_dispatch)';
    case 'addCache':
      return `cache the ${op.manager} downloads of ${op.stage}`;
    case 'pinAction':
      return `pin ${op.uses} in ${op.stage} to ${op.sha.slice(0, 7)}`;
  }
}

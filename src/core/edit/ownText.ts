// Read-only only where it must be (issue #10): a mark says what in a node the designer will not
// rewrite, not that nothing in it may change. A matrix expands the job's body, not its `needs`;
// a job calling a reusable workflow has its own key, `needs`, `if` and `name`; a GitLab job's
// own keys override what it inherits through `extends`. Such an edit touches only the node's own
// text and the verifying re-parse shows whether it did exactly what was asked.
import type { Dialect, GraphNode, OpaqueMark } from '../model';
import type { StageProperty } from './operations';

/** The part of a node an edit writes. */
export type EditPart = 'needs' | 'delete' | 'cache' | 'pin' | StageProperty;

/** Per mark, the parts it leaves editable; a mark not listed leaves none. */
const OPEN_PARTS: Partial<Record<OpaqueMark, ReadonlySet<EditPart>>> = {
  // GitHub rejects anything but name, needs, if, with, secrets, permissions, strategy… beside `uses:`.
  'reusable-workflow': new Set<EditPart>(['needs', 'delete', 'condition', 'name']),
  // The matrix is the job's strategy; everything else is the job's, for every copy alike.
  matrix: new Set<EditPart>(['needs', 'delete', 'condition', 'name', 'timeout', 'environment', 'runner', 'gate', 'cache', 'pin']),
};

/** GitLab `extends`: the job's own keys win over the parents' (its planner checks a key is its own). */
const GITLAB_EXTENDS_OPEN = new Set<EditPart>(['needs', 'delete', 'condition', 'name', 'timeout', 'environment', 'runner', 'gate']);

/**
 * Azure stages passed to an `extends` template are the pipeline's own text, which the template
 * runs: their order, conditions and names are theirs. What they deploy and on what is left alone,
 * as the template may add to it; so is deleting one (the last stage of a file without a final
 * line break, nested under `parameters:`, is not removed cleanly yet).
 */
const AZURE_EXTENDS_OPEN = new Set<EditPart>(['needs', 'condition', 'name', 'timeout']);

/** The node's marks that keep `part` from being edited; empty when the edit may go ahead. */
export function marksInTheWay(node: Pick<GraphNode, 'marks' | 'role'>, dialect: Dialect, part: EditPart): OpaqueMark[] {
  return node.marks.filter((mark) => {
    if (mark === 'extends' && dialect === 'gitlab') return !GITLAB_EXTENDS_OPEN.has(part);
    if (mark === 'extends' && dialect === 'azure') return !AZURE_EXTENDS_OPEN.has(part);
    // An Azure stage group's marks summarise its jobs, which each edit checks itself.
    if (dialect === 'azure' && mark === 'matrix' && part === 'environment') return true;
    return !OPEN_PARTS[mark]?.has(part);
  });
}

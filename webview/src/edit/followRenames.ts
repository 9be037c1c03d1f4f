// The selection across a rename: the renamed stage stays selected under its new id once the
// host's document has it (the F2 box and the inspector's id field both rename). Pure.
import type { EditOperation } from '../../../src/core/edit/operations';

type Rename = Extract<EditOperation, { op: 'renameStage' }>;

/** The id the renamed node will have: an Azure job (`Stage/Job`) is renamed by its own part. */
export function renamedId(op: Rename): string {
  const slash = op.stage.lastIndexOf('/');
  return slash >= 0 && !op.newId.includes('/') ? `${op.stage.slice(0, slash + 1)}${op.newId}` : op.newId;
}

/**
 * `selection` with each id the document no longer has replaced by what it was renamed to, when
 * the document has that (an Azure stage's jobs move with it: `Old/Job` becomes `New/Job`).
 * Undefined when nothing changes.
 */
export function followRenames(selection: readonly string[], renames: ReadonlyMap<string, string>, ids: ReadonlySet<string>): string[] | undefined {
  let changed = false;
  const next = selection.map((id) => {
    if (ids.has(id)) return id;
    for (const [from, to] of renames) {
      const moved = id === from ? to : id.startsWith(`${from}/`) ? `${to}${id.slice(from.length)}` : undefined;
      if (moved !== undefined && ids.has(moved)) {
        changed = true;
        return moved;
      }
    }
    return id;
  });
  return changed ? next : undefined;
}

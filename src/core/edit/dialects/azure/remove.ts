// deleteStage for Azure: the whole `- stage:` (or `- job:`) item, and its name taken out of every
// `dependsOn` beside it. A stage that relied on the previous-stage default keeps relying on it
// (it now follows the stage before the deleted one); one whose explicit list loses its last name
// gets `dependsOn: []`, so it still waits for nothing rather than picking up the default.
import type { EditOperation } from '../../operations';
import type { PlanContext } from '../../plan';
import { Refusal } from '../../splices';
import { DependsOnWriter, readDependsOnState } from './dependsOnEdit';
import { refuseIfMentioned } from './expressionRefs';
import { removeItem } from './items';
import { localName, locate, mustBeEditable, type AzureLayout, type EntryList, type ListEntryRef } from './layout';

type Delete = Extract<EditOperation, { op: 'deleteStage' }>;

export function planDelete(ctx: PlanContext, layout: AzureLayout, op: Delete): void {
  const target = locate(ctx, layout, op.stage);
  const isStage = target.node.role === 'stage';
  if (target.list.seq.items.length < 2) {
    throw new Refusal(
      isStage
        ? `"${op.stage}" is the only stage; a pipeline needs at least one`
        : target.stage
          ? `"${op.stage}" is the only job of stage "${target.stage.node?.id}"; delete the stage instead`
          : `"${op.stage}" is the only job; a pipeline needs at least one`,
    );
  }
  const name = localName(op.stage);
  refuseIfMentioned(ctx.src, ctx.src.doc.contents, [name], `"${op.stage}" can't be deleted visually`, target.entry.map.range as unknown as [number, number]);
  removeItem(ctx.splices, target.list.seq, target.entry.itemIndex);
  removeReferences(ctx, target.list, [target.entry], [name], isStage ? 'stage' : 'job');
}

/** Takes `names` out of the `dependsOn` of every other entry of `list`. */
export function removeReferences(
  ctx: PlanContext,
  list: EntryList,
  /** Entries being removed or moved themselves. */
  except: readonly ListEntryRef[],
  names: readonly string[],
  level: 'stage' | 'job',
): void {
  const gone = new Set(names);
  const writer = new DependsOnWriter(ctx.splices, ctx.style, level);
  for (const entry of list.entries) {
    if (except.includes(entry)) continue;
    const state = readDependsOnStateIfNaming(entry, gone);
    if (!state) continue;
    mustBeEditable(entry.node, `"${entry.node?.id ?? 'an entry'}", which depends on ${[...gone].map((n) => `"${n}"`).join(', ')},`);
    writer.remove(state, gone);
  }
}

function readDependsOnStateIfNaming(entry: ListEntryRef, names: ReadonlySet<string>) {
  try {
    const state = readDependsOnState(entry.map);
    return state.items.some((i) => names.has(i.name)) ? state : undefined;
  } catch (e) {
    // A dependsOn the designer cannot read only matters when it is this entry's (read-only) business.
    if (e instanceof Refusal && entry.node && entry.node.marks.length > 0) return undefined;
    throw e;
  }
}

// addStage for Azure: a template stage as a new `- stage:` item (or, in a pipeline of top-level
// jobs, the template's job as a new `- job:` item), written in the list's own dash column and
// blank-line rhythm, after `after`'s item, else before `before`'s item, else at the end.
//
// The previous-stage default makes position matter. The new stage always names `after`
// explicitly. The stage written right after the new one used to follow the stage before it by
// default and now would follow the new stage; where that is not exactly what the operation
// means, its dependencies are written out so the resulting edges are exactly the expected ones.
// Without `after`, the new stage itself keeps Azure's default (it follows the stage before it).
import { isValidReferenceName } from '../../../dialects/azure/expressions';
import { readOnlyClause } from '../../../readOnly';
import { pairOf } from '../../../yaml/source';
import { azureJobTemplate, azureTemplate } from '../../../templates/azure';
import type { EditOperation } from '../../operations';
import type { PlanContext } from '../../plan';
import { Refusal } from '../../splices';
import { DependsOnWriter, readDependsOnState } from './dependsOnEdit';
import { implicitPrevious } from './implicit';
import { appendItem, insertItem } from './items';
import { localName, type AzureLayout, type EntryList, type ListEntryRef } from './layout';
import { checkName } from './rename';

type AddStage = Extract<EditOperation, { op: 'addStage' }>;

export function planAddStage(ctx: PlanContext, layout: AzureLayout, op: AddStage): void {
  if (op.lane !== undefined) throw new Refusal('Azure Pipelines has no lanes apart from its stages; place the new stage with "after" or "before" instead of "lane"');
  if (layout.stages) return addStageItem(ctx, layout.stages, op);
  if (layout.jobs) return addJobItem(ctx, layout.jobs, op);
  throw new Refusal('this pipeline has no `stages:` or `jobs:` list to add to; write one in the text first');
}

function addStageItem(ctx: PlanContext, list: EntryList, op: AddStage): void {
  checkName(op.id, 'stage');
  const rendered = azureTemplate(op.template, { id: op.id });
  if (!rendered) throw new Refusal(`there is no Azure template named "${op.template}"`);
  const after = op.after ? entryOf(ctx, list, op.after, 'stage') : undefined;
  const before = op.before ? entryOf(ctx, list, op.before, 'stage') : undefined;
  const afterName = op.after !== undefined ? localName(op.after) : undefined;
  if (afterName !== undefined) nameable(afterName, op.after!);

  const { stage: _id, displayName, ...rest } = rendered.body;
  const body = { stage: op.id, displayName, ...(afterName !== undefined ? { dependsOn: afterName } : {}), ...rest };
  if (!after && !before) {
    // At the end: it follows the last stage by default, and nothing follows it.
    appendItem(ctx, list, body);
    return;
  }
  // Insert after item `k` (-1: before the first item).
  const k = after ? after.itemIndex : before!.itemIndex - 1;
  insertItem(ctx, list, k, body);

  const writer = new DependsOnWriter(ctx.splices, ctx.style, 'stage');
  let beforeDone = false;
  // The entries of the item that now follows the new stage: those that take the stage before
  // them by default would take the new one.
  const followers = list.entries.filter((e) => e.itemIndex === k + 1);
  for (const follower of followers) {
    if (!takesPreviousByDefault(ctx, list, follower, k, follower === followers[0])) continue;
    const isBefore = follower === before;
    if (follower.nested || !follower.node || follower.node.marks.length > 0) {
      throw new Refusal(
        `"${follower.node?.id ?? 'the next stage'}" follows the stage before it by default and is read-only ` +
          `(${follower.node ? readOnlyClause(follower.node) : 'it is not drawn'}); a stage inserted right before it would change what it waits for`,
      );
    }
    const old = implicitPrevious(ctx, follower.node.id);
    const wanted = isBefore ? replaceOrAppend(old, afterName, op.id) : old;
    if (!(wanted.length === 1 && wanted[0] === op.id)) writer.setNames(readDependsOnState(follower.map), wanted);
    if (isBefore) beforeDone = true;
  }
  if (before && !beforeDone) rewireBefore(ctx, writer, before, afterName, op.id);
}

function addJobItem(ctx: PlanContext, list: EntryList, op: AddStage): void {
  checkName(op.id, 'job');
  const rendered = azureJobTemplate(op.template, { id: op.id });
  if (!rendered) throw new Refusal(`there is no Azure template named "${op.template}"`);
  const after = op.after ? entryOf(ctx, list, op.after, 'job') : undefined;
  const before = op.before ? entryOf(ctx, list, op.before, 'job') : undefined;
  const afterName = op.after;
  if (afterName !== undefined) nameable(afterName, op.after!);
  const entries = Object.entries(rendered.body);
  // `dependsOn` goes after the name and display name, as for stages.
  const body = Object.fromEntries([...entries.slice(0, 2), ...(afterName !== undefined ? [['dependsOn', afterName]] : []), ...entries.slice(2)]);
  if (!after && !before) {
    appendItem(ctx, list, body);
    return;
  }
  insertItem(ctx, list, after ? after.itemIndex : before!.itemIndex - 1, body);
  if (before) rewireBefore(ctx, new DependsOnWriter(ctx.splices, ctx.style, 'job'), before, afterName, op.id);
}

/** `before` waits for the new stage instead of `after` (or as well as what it waited for). */
function rewireBefore(ctx: PlanContext, writer: DependsOnWriter, before: ListEntryRef, afterName: string | undefined, newName: string): void {
  const state = readDependsOnState(before.map);
  const isStage = before.node?.role === 'stage';
  if (state.form === 'absent' && isStage) {
    writer.setNames(state, replaceOrAppend(implicitPrevious(ctx, before.node!.id), afterName, newName));
  } else if (afterName !== undefined && state.items.some((i) => i.name === afterName)) {
    writer.rename(state, afterName, newName);
  } else {
    writer.add(state, newName);
  }
}

/**
 * True when the entry waits for whatever stage is written before it: no `dependsOn`, and its
 * default edges (if any) come from items up to `k` (or it is the first stage of the list).
 */
function takesPreviousByDefault(ctx: PlanContext, list: EntryList, entry: ListEntryRef, k: number, firstOfItem: boolean): boolean {
  if (pairOf(entry.map, 'dependsOn')) return false;
  const from = ctx.graph.edges.filter((e) => e.implicit && e.to === entry.node?.id).map((e) => e.from);
  if (from.length === 0) return firstOfItem && k === -1;
  return from.every((id) => list.entries.some((e) => e.node?.id === id && e.itemIndex <= k));
}

/** `after` is written into the new stage's `dependsOn`, so it must be a plain name. */
function nameable(name: string, id: string): void {
  if (!isValidReferenceName(name)) throw new Refusal(`"${id}" cannot be named in \`dependsOn\` (it is not a plain stage or job name); add the stage in the text`);
}

function replaceOrAppend(names: readonly string[], from: string | undefined, to: string): string[] {
  if (from !== undefined && names.includes(from)) return names.map((n) => (n === from ? to : n));
  return [...names, to];
}

function entryOf(ctx: PlanContext, list: EntryList, id: string, role: 'stage' | 'job'): ListEntryRef {
  const node = ctx.node(id);
  if (node.role !== role) {
    throw new Refusal(role === 'stage' ? `"${id}" is a job; a new stage goes between stages` : `"${id}" is not a job of this pipeline's \`jobs:\` list`);
  }
  const entry = list.entries.find((e) => e.node === node);
  if (!entry || entry.itemIndex < 0) throw new Refusal(`"${id}" is not written directly in the list`);
  return entry;
}

// deleteStage for Azure: the whole `- stage:` (or `- job:`) item, and its dependants keep the
// order: every `dependsOn` naming it names what it depended on instead (the last name gone
// leaves `dependsOn: []` on a stage, which still waits for nothing rather than picking up the
// default). A stage that relied on the previous-stage default now follows the stage before the
// deleted one, which is right when the deleted one relied on the default too; otherwise it gets
// the deleted one's dependencies written out.
import { isValidReferenceName } from '../../../dialects/azure/expressions';
import { dependantsOf, dependenciesOf } from '../../inherit';
import type { EditOperation } from '../../operations';
import type { PlanContext } from '../../plan';
import { Refusal } from '../../splices';
import { DependsOnWriter, passedValue, readDependsOnState, type DependsOnState } from './dependsOnEdit';
import { refuseIfMentioned } from './expressionRefs';
import { templateUseOf } from '../../../dialects/azure/compose/expand';
import { isMap, isSeq, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import { fileBounds, keyOf, otherFileAt, pairOf, partAt } from '../../../yaml/source';
import { setInlinePair } from './pairs';
import { removeItem } from './items';
import { localName, locate, mustBeEditable, type AzureLayout, type EntryList, type Located, type ListEntryRef } from './layout';

type Delete = Extract<EditOperation, { op: 'deleteStage' }>;

export function planDelete(ctx: PlanContext, layout: AzureLayout, op: Delete): void {
  const target = locate(ctx, layout, op.stage);
  const isStage = target.node.role === 'stage';
  if (target.list.entries.length < 2) {
    // The platform's rule (platformRules.ts), checked on the list as written here too.
    throw new Refusal(
      isStage
        ? `"${op.stage}" is the only stage; a pipeline needs at least one`
        : target.stage
          ? `"${op.stage}" is the only job of stage "${target.stage.node?.id}", and a stage needs at least one; delete the stage instead`
          : `"${op.stage}" is the only job; a pipeline needs at least one`,
      { platform: isStage ? 'pipeline-needs-a-stage' : target.stage ? 'stage-needs-a-job' : 'pipeline-needs-a-job' },
    );
  }
  const use = wholeTemplateUse(ctx, target);
  if (!use) refuseEmptyingTemplate(ctx, target, isStage ? 'stage' : 'job');
  const name = localName(op.stage);
  refuseIfMentioned(ctx, ctx.src.doc.contents, [name], `"${op.stage}" can't be deleted visually`, target.entry.map.range as unknown as [number, number]);
  if (use) removeItem(ctx.splices, use.seq, use.index);
  else removeEntry(ctx, target);
  passOnDependencies(ctx, target, isStage ? 'stage' : 'job');
}

/**
 * In a composed pipeline, the `- template:` item whose use put the entry in its list as all it
 * puts there (`- template: deploy-region.yml` and its one stage): deleting the entry is dropping
 * that use, which is its includer's own text — the template, which other uses and pipelines
 * share, is not touched. Undefined when the use puts more there, or its item is all its list holds.
 */
function wholeTemplateUse(ctx: PlanContext, target: Located): { seq: YAMLSeq.Parsed; index: number } | undefined {
  const use = templateUseOf(ctx.src, target.entry.map);
  const at = use?.item.range?.[0];
  if (!use || use.entries !== 1 || at === undefined) return undefined;
  const seq = writtenListOf(ctx, at);
  const index = seq ? seq.items.findIndex((item) => (item as Node | null)?.range?.[0] === at) : -1;
  return seq && index >= 0 && seq.items.length > 1 ? { seq: seq as YAMLSeq.Parsed, index } : undefined;
}

/**
 * In a composed pipeline, an entry a template puts into this list as all it puts there (the
 * template's one stage): deleting it would leave the template's list empty — for every pipeline
 * using the template, not only this one. What this pipeline can drop is its use of the template.
 */
function refuseEmptyingTemplate(ctx: PlanContext, target: Located, level: 'stage' | 'job'): void {
  const at = target.entry.map.range[0];
  const [start] = fileBounds(ctx.src, at);
  if (start === fileBounds(ctx.src, target.list.seq.range[0])[0]) return;
  if (target.list.entries.some((e) => e !== target.entry && fileBounds(ctx.src, e.map.range[0])[0] === start)) return;
  // The template's list as written holds more (a `- template:` item of its own, whose entries
  // are another file's): deleting this one leaves it that.
  if ((writtenListOf(ctx, at)?.items.length ?? 0) > 1) return;
  const path = otherFileAt(ctx.src, at, target.list.seq.range[0]) ?? 'its template';
  throw new Refusal(`"${target.node.id}" is the only ${level} \`${path}\` puts here: deleting it would empty the template, for every pipeline using it; remove the \`- template:\` item that uses it instead`, { byHand: true });
}

/** The list written in the file holding `at` (a composite offset) whose item starts there. */
function writtenListOf(ctx: PlanContext, at: number): YAMLSeq | undefined {
  const part = ctx.src.parts === undefined ? undefined : partAt(ctx.src.parts, at);
  let found: YAMLSeq | undefined;
  const visit = (node: unknown): void => {
    if (found || !(isMap(node) || isSeq(node))) return;
    if (isSeq(node) && node.items.some((item) => (item as Node | null)?.range?.[0] === at)) {
      found = node as YAMLSeq;
      return;
    }
    for (const item of node.items) visit(isMap(node) ? (item as { value: unknown }).value : item);
  };
  visit(part?.src.doc.contents);
  return found;
}

/**
 * Removes the entry's item. One under a `${{ if }}` block goes from the block's own list (the
 * block with it when it held nothing else); one under `${{ each }}` stands for every copy the
 * loop makes, which deleting one of them cannot express.
 */
function removeEntry(ctx: PlanContext, target: Located): void {
  const { entry, list } = target;
  if (!entry.nested) {
    removeItem(ctx.splices, list.seq, entry.itemIndex);
    return;
  }
  const blocks = entryBlocks(list.seq.items[entry.itemIndex], entry.map);
  const loop = blocks.find((b) => /^\$\{\{\s*each\b/.test(b.key));
  if (loop) throw new Refusal(`"${target.node.id}" is written once for every item of \`${loop.key}\``, { byHand: true });
  // From the innermost block outwards: the first list holding more than what leads to the entry
  // loses that item; a block holding only the entry goes with it, unless other branches share it.
  for (let i = blocks.length - 1; i >= 0; i--) {
    const { seq, index, soleKey } = blocks[i];
    if (seq.items.length > 1) {
      removeItem(ctx.splices, seq, index);
      return;
    }
    if (!soleKey) {
      throw new Refusal(`"${target.node.id}" is all that \`${blocks[i].key}\` holds, beside other branches`, { byHand: true });
    }
  }
  removeItem(ctx.splices, list.seq, entry.itemIndex);
}

interface Block {
  key: string;
  /** The block's list and the index in it of the item leading to the entry. */
  seq: YAMLSeq.Parsed;
  index: number;
  /** The block mapping holds this one key only (no else branch beside it). */
  soleKey: boolean;
}

/** The `${{ }}` blocks from a list item down to `map`, outermost first. */
function entryBlocks(item: unknown, map: YAMLMap.Parsed): Block[] {
  const found: Block[] = [];
  const descend = (node: unknown): boolean => {
    if (node === map) return true;
    if (!isMap(node)) return false;
    for (const pair of (node as YAMLMap.Parsed).items) {
      const value = pair.value;
      if (!isSeq(value)) continue;
      const seq = value as YAMLSeq.Parsed;
      for (let index = 0; index < seq.items.length; index++) {
        const block: Block = { key: keyOf(pair) ?? '', seq, index, soleKey: (node as YAMLMap.Parsed).items.length === 1 };
        found.push(block);
        if (descend(seq.items[index])) return true;
        found.pop();
      }
    }
    return false;
  };
  descend(item);
  return found;
}

/** Every entry that waited for the deleted one waits for what it waited for. */
function passOnDependencies(ctx: PlanContext, target: Located, level: 'stage' | 'job'): void {
  const id = target.node.id;
  const dependants = dependantsOf(ctx.graph, id);
  if (dependants.length === 0) return;
  const inherited = dependenciesOf(ctx.graph, id);
  // Checked when they are about to be written: a default that stays right writes nothing.
  const names = () => {
    const bad = inherited.find((d) => !isValidReferenceName(localName(d)));
    if (bad) throw new Refusal(`"${id}" waits for "${bad}", which cannot be named in the \`dependsOn\` of what waits for "${id}"; edit it in the text`);
    return inherited.map(localName);
  };
  const writer = new DependsOnWriter(ctx.splices, ctx.style, level);
  const name = localName(id);
  const defaultAfter = level === 'stage' ? previousStagesOnceGone(ctx, target) : undefined;
  const expression = dependsOnExpression(ctx, target.entry);
  for (const d of dependants) {
    const entry = target.list.entries.find((e) => e.node?.id === d.id);
    if (!entry || entry === target.entry) continue;
    if (!d.implicit) {
      mustBeEditable(entry.node, `"${d.id}", which depends on "${id}",`);
      const state = readDependsOnState(entry.map);
      if (expression && inheritsWhole(ctx, state, name, expression, entry)) setInlinePair(ctx.splices, ctx.style, entry.map, 'dependsOn', expression.text);
      else writer.replace(state, name, names());
      continue;
    }
    const state = readDependsOnState(entry.map);
    // The stage after one whose dependsOn each use gives: it waits for the same, in every use.
    if (expression && state.form === 'absent' && inSameFile(ctx, expression, entry)) {
      mustBeEditable(entry.node, `"${d.id}", which follows "${id}" by default,`);
      setInlinePair(ctx.splices, ctx.style, entry.map, 'dependsOn', expression.text);
      continue;
    }
    // The stage default: it will wait for the stage before the deleted one.
    if (defaultAfter && sameMembers(defaultAfter, inherited)) continue;
    mustBeEditable(entry.node, `"${d.id}", which follows "${id}" by default,`);
    writer.setNames(state, names());
  }
}

/**
 * The deleted entry's `dependsOn` when it is one `${{ }}` expression on one line
 * (`dependsOn: ${{ parameters.after }}`), as written: what it waits for is what each use of its
 * template passes. An entry `${{ each }}` writes is left out (its loop's names are not in scope
 * elsewhere).
 */
function dependsOnExpression(ctx: PlanContext, entry: ListEntryRef): { text: string; at: number } | undefined {
  if (entry.nested) return undefined;
  const key = pairOf(entry.map, 'dependsOn')?.key as Node | undefined;
  if (!key?.range) return undefined;
  // Read after the key, not at the value: composed, the value is what a use passes, drawn where
  // it is passed (expand.ts), while the expression stays written here.
  const text = ctx.splices.text;
  const lineEnd = text.indexOf('\n', key.range[1]);
  const written = /^[ \t]*:[ \t]*((['"]?)\$\{\{[^\n]*?\}\}\2)[ \t]*(?:#.*)?$/.exec(text.slice(key.range[1], lineEnd < 0 ? undefined : lineEnd));
  return written ? { text: written[1], at: key.range[1] + written.index + written[0].indexOf(written[1]) } : undefined;
}

/**
 * Whether `entry`, which waits for `name` alone, is written in the same file as the expression
 * and not in a loop (inSameFile): it then inherits the expression as written, in every use of
 * the template alike, instead of the names one use gives it. (Beside other names, the
 * expression's value — a name or a list — could not be written into the list as it is.)
 */
function inheritsWhole(ctx: PlanContext, state: DependsOnState, name: string, expression: { at: number }, entry: ListEntryRef): boolean {
  // A value the use passes (the entry's own `dependsOn` an expression too) is that use's: not the template's text.
  return state.items.length === 1 && state.items[0].name === name && inSameFile(ctx, expression, entry) && !passedValue(state, ctx.splices.text);
}

function inSameFile(ctx: PlanContext, expression: { at: number }, entry: ListEntryRef): boolean {
  return !entry.nested && fileBounds(ctx.src, entry.map.range[0])[0] === fileBounds(ctx.src, expression.at)[0];
}

/**
 * The stages a stage right after `target` waits for by default once `target` is gone: the ones
 * `target` itself followed by default, or the stage written before it. Undefined when that
 * cannot be told (`${{ }}` blocks around them).
 */
function previousStagesOnceGone(ctx: PlanContext, target: Located): string[] | undefined {
  const byDefault = ctx.graph.edges.filter((e) => e.to === target.node.id && e.implicit).map((e) => e.from);
  if (byDefault.length > 0) return byDefault;
  const entries = target.list.entries;
  const k = entries.indexOf(target.entry);
  if (k === 0 && !target.entry.nested) return [];
  const previous = entries[k - 1];
  if (!previous?.node || previous.nested || target.entry.nested) return undefined;
  return [previous.node.id];
}

function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
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

// A job's own `needs:` (or `dependencies:`) as written: which form it has and where each named
// job sits, so items can be renamed, removed or added in that form.
import { isMap, isScalar, isSeq, type Node, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { pairOf, scalarText } from '../../../yaml/source';
import { columnOf } from '../../lines';
import { Refusal, type Splices } from '../../splices';
import { dashColumn, endOfLinesThrough } from '../../wholeLines';
import { blockValueColumn, inlineText, insertEntry, replaceValue } from './entries';
import type { AnyPair } from './file';

/** How refusals name an item of a `needs:` or `dependencies:` list. */
const LIST_ITEM = 'a list item';

/** A `needs:` entry: a job name, or `{job, optional: true}` for a job that rules may leave out. */
/**
 * A job name, `{job, optional: true}`, or an inherited entry written out as it is inherited
 * (`{job, parallel: {matrix: …}}`, `{job, artifacts: false}`): its other keys as plain values.
 */
export type NeedEntry = string | ({ job: string; optional?: true } & Record<string, unknown>);

export function needName(entry: NeedEntry): string {
  return typeof entry === 'string' ? entry : entry.job;
}

export interface ListItem {
  /** The job it names: for one job of a matrix (`build: [linux]`), the matrix job. */
  name: string;
  /** The name as written. */
  written: string;
  /** Index in the list (0 for a single value). */
  index: number;
  /** The scalar holding the name: the item itself, or its `job:` value. */
  nameNode: Scalar.Parsed;
  /** `a` or `{job: a, …}`. */
  form: 'string' | 'map';
  /** `{job: a, optional: true}`: rules may leave the job out of a pipeline. */
  optional: boolean;
}

export interface JobList {
  key: 'needs' | 'dependencies';
  pair?: AnyPair;
  /** absent: no entry or an empty value; single: `needs: a` or `needs: {job: a}`. */
  shape: 'absent' | 'single' | 'list';
  seq?: YAMLSeq.Parsed;
  /** Items naming a job of this pipeline (cross-pipeline items are left out). */
  items: ListItem[];
  /** Every item of the list, counting cross-pipeline ones (what is left decides `[]`). */
  total: number;
}

/** `jobOf`: the job a name as written stands for (GitlabFile.jobNamed: one job of a matrix is the matrix job). */
export function readJobList(job: YAMLMap.Parsed, key: 'needs' | 'dependencies', jobOf: (written: string) => string = (w) => w): JobList {
  const pair = pairOf(job, key) as AnyPair | undefined;
  const value = pair?.value;
  if (!pair || value === null || value === undefined || (isScalar(value) && value.value === null)) {
    return { key, pair, shape: 'absent', items: [], total: 0 };
  }
  if (isSeq(value)) {
    const items: ListItem[] = [];
    value.items.forEach((item, index) => {
      const found = itemOf(item, index, key, jobOf);
      if (found) items.push(found);
    });
    return { key, pair, shape: 'list', seq: value as YAMLSeq.Parsed, items, total: value.items.length };
  }
  const single = itemOf(value, 0, key, jobOf);
  return { key, pair, shape: 'single', items: single ? [single] : [], total: 1 };
}

function itemOf(item: unknown, index: number, key: string, jobOf: (written: string) => string): ListItem | undefined {
  if (isScalar(item)) {
    const written = scalarText(item);
    return written === undefined ? undefined : { name: jobOf(written), written, index, nameNode: item as Scalar.Parsed, form: 'string', optional: false };
  }
  if (isMap(item)) {
    if (pairOf(item, 'pipeline') || pairOf(item, 'project')) return undefined; // another pipeline's job
    const job = pairOf(item, 'job')?.value;
    const written = scalarText(job);
    if (written === undefined || !isScalar(job)) return undefined;
    const optional = scalarText(pairOf(item, 'optional')?.value) === 'true';
    return { name: jobOf(written), written, index, nameNode: job as Scalar.Parsed, form: 'map', optional };
  }
  if (item !== null && item !== undefined) {
    throw new Refusal(`an item of ${key}: is not a job name or {job: …} (an alias or tag); edit it in the text`);
  }
  return undefined;
}

/** Rename every item naming `from` (one job of its matrix keeps its values: `to: [linux]`). */
export function renameInList(splices: Splices, list: JobList, from: string, to: string): void {
  for (const item of list.items) if (item.name === from) splices.replaceScalar(item.nameNode, `${to}${item.written.slice(from.length)}`);
}

/** The refusal for a job named by several items: written twice, or several jobs of its matrix. */
function namedSeveralTimes(list: JobList, name: string, gone: readonly ListItem[]): Refusal {
  return gone.some((i) => i.written !== name)
    ? new Refusal(`${list.key}: names ${gone.length} jobs of the matrix of "${name}" (${gone.map((i) => `"${i.written}"`).join(', ')}); edit them in the text`)
    : new Refusal(`"${name}" is listed more than once in ${list.key}:; tidy that up in the text first`);
}

/**
 * Remove every item naming `name`. A list left empty becomes `[]`: the job had explicit
 * dependencies, so it never waited for the stage order, and `[]` keeps it that way.
 */
export function removeFromList(splices: Splices, list: JobList, name: string): void {
  const gone = list.items.filter((i) => i.name === name);
  if (gone.length === 0) return;
  if (gone.length > 1) throw namedSeveralTimes(list, name, gone);
  if (list.total === gone.length) {
    writeWholeValue(splices, list.pair!, [], true);
    return;
  }
  splices.removeSeqItem(list.seq!, gone[0].index);
}

/**
 * Put `entries` where the list names `name` (those it does not name already), in the list's
 * form: `needs: a` → `needs: b` or `[b, c]`; an item → `b, c` in its place (as `{job: b}` when
 * every item is written that way). With nothing new, `name` just goes (see removeFromList).
 */
export function replaceInList(splices: Splices, list: JobList, name: string, entries: readonly NeedEntry[]): void {
  const named = new Set(list.items.map((i) => i.name));
  const added = entries.filter((e, i) => !named.has(needName(e)) && entries.findIndex((o) => needName(o) === needName(e)) === i);
  const gone = list.items.filter((i) => i.name === name);
  if (added.length === 0 || gone.length === 0) {
    removeFromList(splices, list, name);
    return;
  }
  if (gone.length > 1) throw namedSeveralTimes(list, name, gone);
  const asMaps = list.items.every((i) => i.form === 'map');
  const values = added.map((e) => (typeof e === 'string' && asMaps ? { job: e } : e));
  const inline = (v: unknown) => inlineText(v, splices, 'flow');
  if (list.shape === 'list') {
    splices.replaceSeqItem(list.seq!, gone[0].index, values, inline);
    return;
  }
  if (values.length === 1 && typeof values[0] === 'string' && gone[0].form === 'string') {
    splices.replaceScalar(gone[0].nameNode, values[0]);
    return;
  }
  writeWholeValue(splices, list.pair!, values, true);
}

/** Add `name` in the list's own form; a single value becomes a flow list. */
export function appendToList(splices: Splices, list: JobList, name: string, extra: Record<string, unknown> = {}): void {
  const useMap = Object.keys(extra).length > 0 || (list.items.length > 0 && list.items.every((i) => i.form === 'map'));
  const item: unknown = useMap ? { job: name, ...extra } : name;
  if (list.shape === 'single') {
    const value = list.pair!.value as Node;
    if (isMap(value) && !value.flow) throw new Refusal(`${list.key}: is a single mapping, not a list; make it a list in the text first`);
    const [start, end] = value.range!;
    splices.replace(start, end, `[${splices.text.slice(start, end)}, ${inlineText(item, splices)}]`);
    return;
  }
  const seq = list.seq!;
  const mapItems = seq.items.filter((i) => isMap(i)) as YAMLMap[];
  if (!seq.flow && useMap && mapItems.length > 0 && mapItems.every((m) => m.flow)) {
    // `- {job: a}` items: add one more in the same flow form.
    const last = seq.items[seq.items.length - 1] as Node;
    const line = `${' '.repeat(dashColumn(splices.text, seq, LIST_ITEM))}- ${inlineText(item, splices)}${splices.style.eol}`;
    splices.insertLines(endOfLinesThrough(splices.text, last.range![1]), line);
    return;
  }
  splices.appendSeqItem(seq, item);
}

/**
 * Write the whole list: replace the value of an existing entry, or add the entry to the job
 * (after `stage:`, else first). `flow` is the form to use when there is no list to follow.
 */
export function writeWholeList(splices: Splices, job: YAMLMap.Parsed, list: JobList, items: unknown[], flow: boolean): void {
  if (list.pair) {
    writeWholeValue(splices, list.pair, items, job.flow || (list.seq ? !!list.seq.flow : flow));
    return;
  }
  insertEntry(splices, job, list.key, items, flow || items.length === 0, { afterKeys: ['stage'] });
}

function writeWholeValue(splices: Splices, pair: AnyPair, items: unknown[], flow: boolean): void {
  const value = pair.value as Node | null;
  const keyColumn = columnOf(splices.text, (pair.key as Node).range![0]);
  // A block list keeps its dash column; a new one follows the file's sequence indentation.
  const column = isSeq(value) && !value.flow && value.items.length > 0
    ? dashColumn(splices.text, value, LIST_ITEM)
    : blockValueColumn(splices, keyColumn, true);
  replaceValue(splices, pair, items, flow || items.length === 0, column);
}

/** How this file writes `needs:` lists: flow (`[a, b]`) unless its jobs use block lists more. */
export function preferFlowNeeds(root: YAMLMap.Parsed): boolean {
  let flow = 0;
  let block = 0;
  for (const entry of root.items) {
    const needs = pairOf(entry.value, 'needs')?.value;
    if (!isSeq(needs) || needs.items.length === 0) continue;
    if (needs.flow) flow++;
    else block++;
  }
  return flow >= block;
}

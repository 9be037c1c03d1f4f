// Azure list items (stages, jobs, steps) in whole lines: the lines an item occupies, the
// blank-line rhythm between items, new items in the list's own dash column and rhythm, and
// removing one.
import { visit, type Node, type YAMLSeq } from 'yaml';
import { renderSeqItem } from '../../fragment';
import type { PlanContext } from '../../plan';
import type { Splices } from '../../splices';
import { commentLinesAbove, dashColumn, introducingCommentsStart, isBlankLine, itemLines, removalWithSpacing } from '../../wholeLines';
import type { EntryList } from './layout';
import { fileBounds, partAt, type YamlSource } from '../../../yaml/source';

/** How refusals name an item. */
const ITEM = 'a list item';

/**
 * [start, end) of the whole lines of block list item `index`: its dash line through the end of
 * its `yaml` range, so the comment lines that range runs on over go with the item (see
 * ItemLinesOptions.through).
 */
export function itemLinesAt(text: string, seq: YAMLSeq.Parsed, index: number): [number, number] {
  return itemLines(text, seq.items[index], { what: ITEM, through: 'range' });
}

/** The column of the list's dashes. */
export function itemDashColumn(text: string, seq: YAMLSeq.Parsed): number {
  return dashColumn(text, seq, ITEM);
}

/**
 * True when the list's items are separated by blank lines (so a new item should be too). In a
 * composed pipeline a list may hold items of several files (a template's stages among the
 * root's): only two items written one after the other in one file say how that file spaces them.
 */
export function itemsSpacedOut(text: string, seq: YAMLSeq.Parsed, src?: YamlSource): boolean {
  let pairs = 0;
  for (let i = 1; i < seq.items.length; i++) {
    const [, previousEnd] = itemLinesAt(text, seq, i - 1);
    const [nextStart] = itemLinesAt(text, seq, i);
    if (src?.parts && fileBounds(src, previousEnd - 1)[0] !== fileBounds(src, nextStart)[0]) continue;
    if (previousEnd >= nextStart || !isBlankLine(text, previousEnd)) return false;
    pairs++;
  }
  return pairs > 0;
}

/**
 * Writes `body` as a new last item of the list as it is written. In a composed pipeline the list
 * drawn may end with a template's items (`- template: stages.yml` last in the root's list): the
 * new item goes after that `- template:` line, in the file the list is written in, not into the
 * template, which other pipelines may use too.
 */
export function appendItem(ctx: PlanContext, list: EntryList, body: Record<string, unknown>): void {
  const seq = writtenList(ctx, list.seq);
  insertItem(ctx, { ...list, seq }, seq.items.length - 1, body);
}

/** The list node as its file writes it, when `seq` (a composite's, see above) ends with another file's items. */
function writtenList(ctx: PlanContext, seq: YAMLSeq.Parsed): YAMLSeq.Parsed {
  const start = seq.range?.[0];
  const last = seq.items[seq.items.length - 1] as Node | undefined;
  if (!ctx.src.parts || start === undefined || !last?.range) return seq;
  const [fileStart] = fileBounds(ctx.src, start);
  if (fileBounds(ctx.src, last.range[0])[0] === fileStart) return seq;
  const part = partAt(ctx.src.parts, start);
  let written: YAMLSeq.Parsed | undefined;
  for (const doc of part?.src.docs ?? []) {
    visit(doc, {
      Seq(_, node) {
        if (node.range?.[0] !== start) return undefined;
        written = node as YAMLSeq.Parsed;
        return visit.BREAK;
      },
    });
  }
  return written && written.items.length > 0 ? written : seq;
}

/** Writes `body` as a new list item after item `k` (or before the first when k is -1). */
export function insertItem(ctx: PlanContext, list: EntryList, k: number, body: Record<string, unknown>): void {
  const text = ctx.text;
  const lines = renderSeqItem(body, ctx.style, itemDashColumn(text, list.seq));
  if (k >= 0) {
    insertItemLinesAfter(ctx, list.seq, k, lines);
    return;
  }
  const spaced = itemsSpacedOut(text, list.seq, ctx.src);
  // Above the comment lines written directly above the first item: they belong to it.
  const at = commentLinesAbove(text, itemLinesAt(text, list.seq, 0)[0]);
  ctx.splices.insert(at, lines + (spaced ? ctx.style.eol : ''));
}

/** Writes an item's whole lines after item `k`, set apart by a blank line when the list's items are. */
export function insertItemLinesAfter(ctx: PlanContext, seq: YAMLSeq.Parsed, k: number, lines: string): void {
  const at = itemLinesAt(ctx.text, seq, k)[1];
  const spaced = itemsSpacedOut(ctx.text, seq, ctx.src);
  ctx.splices.insertLines(at, (spaced ? ctx.style.eol : '') + lines);
}

/**
 * Removes block list item `index` in whole lines, with the comment lines that introduce it,
 * keeping the list's spacing as GitHub's and GitLab's job removal do: between two items one run of blank lines stays (the one above the
 * item; the first item takes the run below it along), and the last item takes the run above it
 * along, so the list does not end in a blank line it did not have. At the end of a file without a
 * final line break, the break goes too, so the file still ends without one.
 */
export function removeItem(splices: Splices, seq: YAMLSeq.Parsed, index: number): void {
  const text = splices.text;
  const [lines, end] = itemLinesAt(text, seq, index);
  // Comment lines that clearly introduce the item (at its dash's column, after a blank line or
  // the list's key) go with it, as a deleted GitHub job's do.
  const start = introducingCommentsStart(text, lines, itemDashColumn(text, seq));
  splices.removeLines(...removalWithSpacing(text, start, end, { first: index === 0, last: index === seq.items.length - 1 }));
}

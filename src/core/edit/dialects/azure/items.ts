// New list items (a stage, a job, a gate job) in the list's own dash column and blank-line rhythm.
import { renderSeqItem } from '../../fragment';
import { lineStart } from '../../lines';
import type { PlanContext } from '../../plan';
import { dashColumn, insertLinesAt, itemLines, itemsSpacedOut } from './lineText';
import type { EntryList } from './layout';

/** Writes `body` as a new list item after item `k` (or before the first when k is -1). */
export function insertItem(ctx: PlanContext, list: EntryList, k: number, body: Record<string, unknown>): void {
  const text = ctx.text;
  const eol = ctx.style.eol;
  const lines = renderSeqItem(body, ctx.style, dashColumn(text, list.seq));
  const spaced = itemsSpacedOut(text, list.seq);
  if (k >= 0) {
    insertLinesAt(ctx.splices, itemLines(text, list.seq, k)[1], lines, eol, spaced);
    return;
  }
  const at = leadingCommentsStart(text, itemLines(text, list.seq, 0)[0]);
  ctx.splices.insert(at, lines + (spaced ? eol : ''));
}

/** The start of the comment lines written directly above a line (they belong to the item below). */
function leadingCommentsStart(text: string, at: number): number {
  let start = at;
  while (start > 0) {
    const previous = lineStart(text, start - 1);
    if (!/^[ \t]*#/.test(text.slice(previous, start))) break;
    start = previous;
  }
  return start;
}

// Whole-line regions of block YAML: where a node's content ends, the lines a mapping entry or a
// list item occupies, the blank lines and comment lines around them. Block YAML is edited in
// whole lines, so every planner finds its splice edges here; Splices applies them
// (insertLines, removeLines, replaceLines).
import { isMap, isSeq, type Node, type Pair } from 'yaml';
import { columnOf, contentEndBefore, lineContentEnd, lineStart, nextLineStart, startsItsLine } from './lines';
import { Refusal } from './refusal';

type AnyPair = Pair<unknown, unknown>;

// --- where content ends ---------------------------------------------------------------------

/**
 * Where a node's content ends: the end of its last scalar, not of its range, because a block
 * collection's range runs on over comment lines that belong to whatever follows it. Undefined
 * for a node without a position.
 */
export function contentEnd(node: unknown): number | undefined {
  const n = node as Node | null | undefined;
  if (!n?.range) return undefined;
  if ((isMap(n) || isSeq(n)) && !n.flow && n.items.length > 0) {
    const last = n.items[n.items.length - 1] as unknown;
    const inner = isMap(n) ? contentEnd((last as AnyPair).value) ?? contentEnd((last as AnyPair).key) : contentEnd(last);
    // In a composite an Azure list may end with items a template read in place of its
    // `- template:` item: they are in another file's text, and the list's own ends at its range.
    if (inner !== undefined && inner > n.range[0] && inner <= n.range[1]) return inner;
  }
  return n.range[1];
}

/** The end of a pair's content: its value's, or its key's when the value is empty. */
export function pairContentEnd(pair: AnyPair): number {
  const valueEnd = contentEnd(pair.value);
  if (valueEnd !== undefined) return valueEnd;
  const keyRange = (pair.key as Node | null | undefined)?.range;
  if (!keyRange) throw new Refusal('the key has no position in the file');
  return keyRange[1];
}

/** Offset after the line break of the last line holding content before `end`. */
export function endOfLinesThrough(text: string, end: number): number {
  return nextLineStart(text, Math.max(0, contentEndBefore(text, end) - 1));
}

// --- mapping entries ------------------------------------------------------------------------

/**
 * The whole lines of a mapping entry: from its key's line through the line of its last content,
 * plus comment lines right below that are indented deeper than the key (they are inside it).
 * Returns [start of the key's line, start of the line after the entry].
 */
export function entryLines(text: string, pair: AnyPair): [number, number] {
  const keyStart = (pair.key as Node).range![0];
  const keyColumn = columnOf(text, keyStart);
  let end = endOfLinesThrough(text, pairContentEnd(pair));
  // Comments indented under the entry belong to it, even across blank lines between them.
  let probe = end;
  while (probe < text.length) {
    if (isBlankLine(text, probe)) {
      probe = nextLineStart(text, probe);
      continue;
    }
    const column = commentColumn(text, probe);
    if (column === undefined || column <= keyColumn) break;
    probe = nextLineStart(text, probe);
    end = probe;
  }
  return [lineStart(text, keyStart), end];
}

// --- block list items -----------------------------------------------------------------------

/**
 * The `-` of the block list item whose value starts at `itemStart`. `what` names the item in the
 * refusal when the dash does not start its line.
 */
export function dashBefore(text: string, itemStart: number, what = 'the list item'): number {
  let i = itemStart - 1;
  while (i >= 0 && text[i] === ' ') i--;
  if (text[i] !== '-' || !startsItsLine(text, i)) throw new Refusal(`${what} is not on a line of its own`);
  return i;
}

/** The column of a block list's dashes (its first item's). */
export function dashColumn(text: string, seq: { items: unknown[] }, what = 'the list item'): number {
  const first = seq.items[0] as Node | null | undefined;
  if (!first?.range) throw new Refusal('the list is empty');
  return columnOf(text, dashBefore(text, first.range[0], what));
}

export interface ItemLinesOptions {
  /** Names the item in refusals. */
  what?: string;
  /**
   * 'content' (the default): through the line of the item's last content. 'range': through the
   * end of the item's `yaml` range, which can run on over the comment lines below the item, even
   * ones that introduce the next item; the Azure planner has always cut its items there.
   */
  through?: 'content' | 'range';
}

/** [start, end) of the whole lines of a block list item: its dash's line through its last line. */
export function itemLines(text: string, item: unknown, { what = 'the list item', through = 'content' }: ItemLinesOptions = {}): [number, number] {
  const range = (item as Node | null | undefined)?.range;
  if (!range) throw new Refusal(`${what} has no position in the file`);
  const end = through === 'range' ? range[1] : contentEnd(item)!;
  return [lineStart(text, dashBefore(text, range[0], what)), endOfLinesThrough(text, end)];
}

// --- blank lines ----------------------------------------------------------------------------

/** True when the line starting at `at` holds nothing but spaces and tabs. */
export function isBlankLine(text: string, at: number): boolean {
  return /^[ \t]*$/.test(text.slice(at, lineContentEnd(text, at)));
}

/** Start of the run of blank lines ending at `at` (a line start), not above `stop`; `at` when there is none. */
export function blankRunBefore(text: string, at: number, stop = 0): number {
  let start = at;
  while (start > stop) {
    const previous = lineStart(text, start - 1);
    if (!isBlankLine(text, previous)) break;
    start = previous;
  }
  return start;
}

/** End of the run of blank lines starting at `at` (a line start). */
export function blankRunAfter(text: string, at: number): number {
  let end = at;
  while (end < text.length && isBlankLine(text, end)) end = nextLineStart(text, end);
  return end;
}

/**
 * The lines to remove for the entry or list item whose whole lines are [start, end) (introducing
 * comments included) so that its neighbours stay spaced as they were: between two of them one run
 * of blank lines stays (the one above; the `first` takes the run below it along), and the `last`
 * — of its list, or of the file — takes the run above it along, so nothing is left ending in a
 * blank line it did not have. GitHub's jobs, GitLab's top-level entries and Azure's list items.
 */
export function removalWithSpacing(
  text: string,
  start: number,
  end: number,
  { first, last }: { first: boolean; last: boolean },
  // The file's own text within `text`: a composite of several files (compose/compositeSource.ts)
  // has a line break between two files that is in neither, which no removal may take.
  [fileStart, fileEnd]: readonly [number, number] = [0, text.length],
): [number, number] {
  const blankBefore = blankRunBefore(text, start, fileStart);
  const blankAfter = Math.min(blankRunAfter(text, end), fileEnd);
  if (blankAfter > end && !last && end < fileEnd && (blankBefore < start || first)) return [start, blankAfter];
  if (blankBefore < start && (last || end >= fileEnd)) return [blankBefore, end];
  return [start, end];
}

// --- comment lines --------------------------------------------------------------------------

/** The column of the `#` of a line that holds only a comment (indented with spaces). */
function commentColumn(text: string, at: number): number | undefined {
  const m = /^( *)#/.exec(text.slice(at, lineContentEnd(text, at)));
  return m ? m[1].length : undefined;
}

/** The start of the comment lines written directly above the line at `at` (all of them, at any column). */
export function commentLinesAbove(text: string, at: number): number {
  let start = at;
  while (start > 0) {
    const previous = lineStart(text, start - 1);
    if (!/^[ \t]*#/.test(text.slice(previous, start))) break;
    start = previous;
  }
  return start;
}

/**
 * The start of the comment lines directly above the line at `lineAt` at `column`, when they
 * clearly introduce it: a blank line or the key that opens the block precedes them. Otherwise
 * they may be the tail of the previous entry (a commented-out step, say) and `lineAt` is returned.
 */
export function introducingCommentsStart(text: string, lineAt: number, column: number): number {
  let start = lineAt;
  while (start > 0) {
    const previous = lineStart(text, start - 1);
    if (commentColumn(text, previous) !== column) break;
    start = previous;
  }
  if (start === lineAt || start === 0) return start;
  const previous = lineStart(text, start - 1);
  if (isBlankLine(text, previous)) return start;
  const line = text.slice(previous, lineContentEnd(text, previous));
  const indent = /^ */.exec(line)![0].length;
  const opensBlock = /:\s*(#.*)?$/.test(line) && !line.trimStart().startsWith('#');
  if (indent < column && !line.trimStart().startsWith('#')) return start;
  if (indent === column && opensBlock) return start;
  return lineAt;
}

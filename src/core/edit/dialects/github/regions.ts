// Whole-line regions of a GitHub workflow: where a mapping entry's text really ends (its last
// content, not the comments the `yaml` range runs on into), the comments that introduce a job,
// and inserting or removing whole lines without losing a missing final line break.
import { isMap, isScalar, isSeq, Scalar, type Node, type Pair } from 'yaml';
import { Refusal, type Splices } from '../../splices';
import { columnOf, contentEndBefore, lineContentEnd, lineStart, nextLineStart } from '../../lines';

type AnyPair = Pair<unknown, unknown>;

/**
 * Offset just past the last character of a node's content. A block collection's `yaml` range
 * runs on over comments and blank lines up to the next key; its last item's end does not.
 */
export function contentEnd(text: string, node: unknown): number {
  const n = node as Node | null | undefined;
  if (!n?.range) throw new Refusal('a value has no position in the file');
  if ((isMap(n) || isSeq(n)) && !n.flow && n.items.length > 0) {
    const last = n.items[n.items.length - 1] as unknown;
    return isMap(n) ? pairContentEnd(text, last as AnyPair) : contentEnd(text, last);
  }
  if (isScalar(n) && (n.type === Scalar.BLOCK_LITERAL || n.type === Scalar.BLOCK_FOLDED)) {
    return contentEndBefore(text, n.range[1]);
  }
  return n.range[1];
}

/** Offset where the entry ends: the content end of its value, or of its key when it has none. */
export function pairContentEnd(text: string, pair: AnyPair): number {
  const value = pair.value as Node | null | undefined;
  if (value?.range && !(isScalar(value) && value.value === null && value.range[0] === value.range[1])) {
    return contentEnd(text, value);
  }
  return contentEnd(text, pair.key);
}

function isBlank(text: string, start: number): boolean {
  return text.slice(start, lineContentEnd(text, start)).trim() === '';
}

function commentColumn(text: string, start: number): number | undefined {
  const line = text.slice(start, lineContentEnd(text, start));
  const m = /^( *)#/.exec(line);
  return m ? m[1].length : undefined;
}

/**
 * The whole lines of a mapping entry: from its key's line through the line of its last content,
 * plus comment lines right below that are indented deeper than the key (they are inside it).
 * Returns [start of the key's line, start of the line after the entry].
 */
export function entryLines(text: string, pair: AnyPair): [number, number] {
  const keyStart = (pair.key as Node).range![0];
  const keyColumn = columnOf(text, keyStart);
  let end = nextLineStart(text, Math.max(keyStart, pairContentEnd(text, pair) - 1));
  // Comments indented under the entry belong to it, even across blank lines between them.
  let probe = end;
  while (probe < text.length) {
    if (isBlank(text, probe)) {
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

/**
 * The start of the comment lines directly above the line at `lineAt` at `column`, when they
 * clearly introduce it: a blank line or the key that opens the block precedes them. Otherwise
 * they may be the tail of the previous entry (a commented-out step, say) and `lineAt` is returned.
 */
export function leadingCommentStart(text: string, lineAt: number, column: number): number {
  let start = lineAt;
  while (start > 0) {
    const previous = lineStart(text, start - 1);
    if (commentColumn(text, previous) !== column) break;
    start = previous;
  }
  if (start === lineAt || start === 0) return start;
  const previous = lineStart(text, start - 1);
  if (isBlank(text, previous)) return start;
  const line = text.slice(previous, lineContentEnd(text, previous));
  const indent = /^ */.exec(line)![0].length;
  const opensBlock = /:\s*(#.*)?$/.test(line) && !line.trimStart().startsWith('#');
  if (indent < column && !line.trimStart().startsWith('#')) return start;
  if (indent === column && opensBlock) return start;
  return lineAt;
}

/** Start of the run of blank lines ending at `at` (a line start); `at` when there is none. */
export function blankRunBefore(text: string, at: number, stop: number): number {
  let start = at;
  while (start > stop) {
    const previous = lineStart(text, start - 1);
    if (!isBlank(text, previous)) break;
    start = previous;
  }
  return start;
}

/** End of the run of blank lines starting at `at` (a line start). */
export function blankRunAfter(text: string, at: number): number {
  let end = at;
  while (end < text.length && isBlank(text, end)) end = nextLineStart(text, end);
  return end;
}

/**
 * Remove the whole lines [start, end). When they are the last lines of a file without a final
 * line break, the line break before them goes instead, so the file still ends without one.
 */
export function removeLines(splices: Splices, start: number, end: number): void {
  const text = splices.text;
  if (end === text.length && !text.endsWith('\n') && start > 0) {
    const eolLength = text[start - 2] === '\r' ? 2 : 1;
    splices.replace(start - eolLength, end, '');
    return;
  }
  splices.replace(start, end, '');
}

/** Insert whole lines (each ending with a line break) at a line start, keeping a missing final line break missing. */
export function insertLines(splices: Splices, at: number, lines: string): void {
  const text = splices.text;
  if (at === text.length && text.length > 0 && !text.endsWith('\n')) {
    const eol = splices.style.eol;
    splices.insert(at, eol + lines.slice(0, lines.length - eol.length));
    return;
  }
  splices.insert(at, lines);
}

// Whole-line arithmetic for Azure list items: the lines an item occupies, the blank-line rhythm
// between items, inserting new item lines, and shifting a block of lines to another column.
import type { Node, YAMLSeq } from 'yaml';
import { columnOf, contentEndBefore, lineStart, nextLineStart, startsItsLine } from '../../lines';
import { Refusal, type Splices } from '../../splices';

/** Offset of the `-` that opens the block list item whose value starts at `valueStart`. */
export function dashOf(text: string, valueStart: number): number {
  let i = valueStart - 1;
  while (i >= 0 && text[i] === ' ') i--;
  if (text[i] !== '-' || !startsItsLine(text, i)) throw new Refusal('a list item is not on a line of its own');
  return i;
}

/** [start, end) of the whole lines of block list item `index`: its dash line through its last content line. */
export function itemLines(text: string, seq: YAMLSeq.Parsed, index: number): [number, number] {
  const item = seq.items[index] as Node | null;
  if (!item?.range) throw new Refusal('a list item has no position in the file');
  const start = lineStart(text, dashOf(text, item.range[0]));
  return [start, linesEnd(text, item.range[1])];
}

/** Offset after the line break of the last line holding content before `end`. */
export function linesEnd(text: string, end: number): number {
  const contentEnd = contentEndBefore(text, end);
  return nextLineStart(text, Math.max(0, contentEnd - 1));
}

/** The column of the list's dashes. */
export function dashColumn(text: string, seq: YAMLSeq.Parsed): number {
  const first = seq.items[0] as Node | null;
  if (!first?.range) throw new Refusal('the list is empty');
  return columnOf(text, dashOf(text, first.range[0]));
}

/** True when the list's items are separated by blank lines (so a new item should be too). */
export function itemsSpacedOut(text: string, seq: YAMLSeq.Parsed): boolean {
  for (let i = 1; i < seq.items.length; i++) {
    const [, previousEnd] = itemLines(text, seq, i - 1);
    const [nextStart] = itemLines(text, seq, i);
    const gap = text.slice(previousEnd, nextStart);
    if (!/^[ \t]*\r?\n/.test(gap)) return false;
  }
  return seq.items.length > 1;
}

/**
 * Inserts whole lines (each ending with `eol`) at a line start. At the end of a file without a
 * final line break, the break goes first and the file still ends without one.
 */
export function insertLinesAt(splices: Splices, at: number, lines: string, eol: string, blankBefore: boolean): void {
  const text = splices.text;
  const body = (blankBefore ? eol : '') + lines;
  if (at === text.length && text.length > 0 && !text.endsWith('\n')) {
    splices.insert(at, eol + body.slice(0, body.length - eol.length));
  } else {
    splices.insert(at, body);
  }
}

/**
 * Moves a block of whole lines `delta` columns right (or left when negative). Blank lines stay
 * as they are; a line that does not have the spaces to lose is refused, since that would change
 * what the YAML means.
 */
export function shiftLines(block: string, delta: number): string {
  if (delta === 0) return block;
  return block
    .split('\n')
    .map((line) => {
      if (line.trim() === '') return line;
      if (delta > 0) return ' '.repeat(delta) + line;
      const spaces = /^ */.exec(line)![0].length;
      if (spaces < -delta) throw new Refusal('the job has lines indented less than the job itself; it cannot be moved visually');
      return line.slice(-delta);
    })
    .join('\n');
}

/**
 * Removes block list item `index` in whole lines. When the item ends a file that has no final
 * line break, the break before it goes instead, so the file still ends without one.
 */
export function removeItemLines(splices: Splices, seq: YAMLSeq.Parsed, index: number): [number, number] {
  const text = splices.text;
  const [start, end] = itemLines(text, seq, index);
  if (end === text.length && !text.endsWith('\n') && start > 0) {
    const breakStart = text[start - 2] === '\r' ? start - 2 : start - 1;
    splices.replace(breakStart, end, '');
  } else {
    splices.replace(start, end, '');
  }
  return [start, end];
}

// YAML-aware splices: replace a scalar, add or remove a list item or a mapping entry, touching
// only the bytes of that item. Block collections are edited in whole lines (so comments on
// other lines stay put; wholeLines.ts finds them); flow collections character by character.
// Anything these cannot do safely throws a Refusal, which plan.ts words for its caller
// (refusal.ts).
import { isCollection, isMap, isPair, isScalar, isSeq, Scalar, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { keyOf } from '../yaml/source';
import { renderInline, renderPair, renderSeqItem, renderString, type ScalarContext } from './fragment';
import { columnOf, lineStart, startsItsLine } from './lines';
import { Refusal } from './refusal';
import type { FileStyle } from './style';
import type { TextEdit } from './textEdit';
import { blankRunBefore, contentEnd, dashColumn, endOfLinesThrough, itemLines, pairContentEnd } from './wholeLines';

// Refusal has a module of its own (wholeLines.ts throws it too); planners import it from here.
export { Refusal };

type AnyPair = Pair<unknown, unknown>;

function rangeOf(node: unknown, what: string): [number, number, number] {
  const r = (node as Node | null | undefined)?.range;
  if (!r) throw new Refusal(`${what} has no position in the file`);
  return r;
}

export class Splices {
  private readonly planned: TextEdit[] = [];
  /**
   * Whole lines removed at the end of a file without a final line break. They take the line
   * break above them, which may belong to lines another splice removes or rewrites too, so the
   * edit is worked out once all splices are in (see `edits`).
   */
  private tail: { start: number } | undefined;

  constructor(
    readonly text: string,
    readonly style: FileStyle,
    /** The document's root, to tell whether a scalar sits inside a flow collection. */
    private readonly root?: unknown,
  ) {}

  replace(start: number, end: number, text: string): void {
    this.add({ offset: start, length: end - start, text });
  }

  insert(offset: number, text: string): void {
    this.add({ offset, length: 0, text });
  }

  /**
   * The same text reached twice is changed once: in a composed pipeline one template's text
   * stands for each of its uses (a job template used twice names the job it depends on twice).
   */
  private add(edit: TextEdit): void {
    // In a composed pipeline a pair's value can be written in another file than its key (a list a
    // pipeline passes to a template's `${{ parameters.x }}`): a span from one to the other is no
    // text of either, and applied it would remove lines of neither's choosing.
    if (edit.length < 0) throw new Refusal('the change would reach from a template into the value a pipeline passes to it, which are written in different files', { byHand: true });
    if (this.planned.some((e) => e.offset === edit.offset && e.length === edit.length && e.text === edit.text)) return;
    this.planned.push(edit);
  }

  /** Every splice as a text edit of the original text. */
  get edits(): TextEdit[] {
    return this.tail ? this.withTail(this.tail.start) : this.planned;
  }

  /**
   * The edits with the file's last lines, from `start`, removed. Without a final line break the
   * break above them goes instead of theirs. When other splices remove or rewrite the whole lines
   * just above (a `needs:` line naming the removed job, say), that break is theirs: they join
   * the removal, and the file still ends without a line break after whatever is left.
   */
  private withTail(start: number): TextEdit[] {
    const text = this.text;
    const edits = [...this.planned];
    // The blank lines right above go too: kept, they would end the file with a line break.
    let from = blankRunBefore(text, start);
    for (;;) {
      const i = edits.findIndex((e) => e.length > 0 && e.offset + e.length === from && lineStart(text, e.offset) === e.offset);
      if (i < 0) break;
      const above = edits[i];
      if (above.text === '') {
        edits.splice(i, 1);
        from = above.offset;
        continue;
      }
      const eol = above.text.endsWith('\r\n') ? 2 : above.text.endsWith('\n') ? 1 : 0;
      if (eol === 0) break; // not whole lines: applying the edits will report the overlap
      edits[i] = { offset: above.offset, length: text.length - above.offset, text: above.text.slice(0, -eol) };
      return edits;
    }
    const breakLength = from === 0 ? 0 : text[from - 2] === '\r' ? 2 : 1;
    const at = from - breakLength;
    // Lines inserted where the removed ones start end the file now: the break goes before them.
    for (const [i, e] of edits.entries()) {
      const eol = e.text.endsWith('\r\n') ? 2 : e.text.endsWith('\n') ? 1 : 0;
      if (e.length === 0 && e.offset === from && at < from && eol > 0) {
        edits[i] = { offset: at, length: 0, text: text.slice(at, from) + e.text.slice(0, -eol) };
      }
    }
    edits.push({ offset: at, length: text.length - at, text: '' });
    return edits;
  }

  // --- scalars -------------------------------------------------------------------------------

  /** Replace a scalar's value, keeping its quoting when it had one. */
  replaceScalar(node: unknown, value: string | number | boolean): void {
    if (!isScalar(node)) throw new Refusal('expected a single value here');
    if (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED) {
      throw new Refusal('the value is a multi-line block scalar');
    }
    const [start, end] = rangeOf(node, 'the value');
    // Only a value with `,[]{}` reads differently in a flow collection; only then look.
    const context: ScalarContext = typeof value === 'string' && /[,[\]{}]/.test(value) && isInFlowCollection(this.root, start) ? 'flow' : 'block';
    const text = typeof value === 'string' ? renderString(value, this.style, node.type, context) : renderInline(value, this.style, context);
    if (this.text.slice(start, end) !== text) this.replace(start, end, text);
  }

  // --- lists ---------------------------------------------------------------------------------

  /** Remove item `index`. A block list must keep at least one item (the caller decides otherwise). */
  removeSeqItem(seq: YAMLSeq, index: number): void {
    const item = seq.items[index];
    const [start] = rangeOf(item, 'the list item');
    const valueEnd = contentEnd(item)!;
    if (seq.flow) {
      this.removeFlowItem(seq.items as unknown[], index, start, valueEnd);
      return;
    }
    if (seq.items.length < 2) throw new Error('removeSeqItem: a block list needs another item left');
    this.removeLines(...itemLines(this.text, item));
  }

  /**
   * Put `values` (at least one) where item `index` is, in the list's own style: in a flow list
   * as `a, b` in its place; in a block list a plain item keeps its line (its quoting and any
   * comment on it) for the first value and the others follow on lines of their own, while any
   * other item's lines are rewritten. `inline` writes a value on one line (flow lists, and the
   * `- {job: a}` items of a block list written that way).
   */
  replaceSeqItem(seq: YAMLSeq, index: number, values: readonly unknown[], inline = (v: unknown) => renderInline(v, this.style, 'flow')): void {
    const item = seq.items[index];
    const [start, end] = rangeOf(item, 'the list item');
    if (values.length === 0) throw new Error('replaceSeqItem: nothing to put in the item\'s place');
    const keepsType = isScalar(item) ? item.type : undefined;
    const written = (v: unknown, context: ScalarContext) => (typeof v === 'string' ? renderString(v, this.style, keepsType, context) : inline(v));
    if (seq.flow) {
      const next = seq.items[1] as Node | undefined;
      const between = next?.range ? this.text.slice(rangeOf(seq.items[0], 'the first item')[1], next.range[0]) : ', ';
      const separator = /^\s*,[ \t]*$/.test(between) ? between : ', ';
      this.replace(start, end, values.map((v) => written(v, 'flow')).join(separator));
      return;
    }
    const column = dashColumn(this.text, seq);
    const [linesStart, linesEnd] = itemLines(this.text, item);
    const inlineItem = isCollection(item) && item.flow;
    const line = (v: unknown) => (inlineItem || (typeof v === 'string' && keepsType !== undefined)
      ? `${' '.repeat(column)}- ${written(v, 'block')}${this.style.eol}`
      : renderSeqItem(v, this.style, column));
    if (isScalar(item) && typeof values[0] === 'string') {
      this.replaceScalar(item, values[0]);
      if (values.length > 1) this.insertLines(linesEnd, values.slice(1).map(line).join(''));
      return;
    }
    this.replaceLines(linesStart, linesEnd, values.map(line).join(''));
  }

  /** Append an item at the end of a list, in the list's own style. */
  appendSeqItem(seq: YAMLSeq, value: unknown): void {
    const [, seqEnd] = rangeOf(seq, 'the list');
    if (seq.flow) {
      const close = this.closingBracket(seqEnd, ']');
      const last = seq.items[seq.items.length - 1];
      if (last === undefined) this.insert(close, renderInline(value, this.style, 'flow'));
      else this.insert(rangeOf(last, 'the last list item')[1], `, ${renderInline(value, this.style, 'flow')}`);
      return;
    }
    const first = seq.items[0];
    const last = seq.items[seq.items.length - 1];
    if (first === undefined || last === undefined) throw new Refusal('the list is empty');
    const column = dashColumn(this.text, seq);
    this.insertLines(endOfLinesThrough(this.text, contentEnd(last) ?? rangeOf(last, 'the last list item')[1]), renderSeqItem(value, this.style, column));
  }

  // --- mappings ------------------------------------------------------------------------------

  /** Remove one entry of a mapping, with its value and the comments on its lines. */
  removePair(map: YAMLMap, pair: AnyPair): void {
    const [keyStart] = rangeOf(pair.key, 'the key');
    const valueEnd = map.flow ? (pair.value as Node | null)?.range?.[1] ?? rangeOf(pair.key, 'the key')[1] : pairContentEnd(pair);
    if (map.flow) {
      const index = map.items.indexOf(pair as never);
      this.removeFlowItem(map.items as unknown[], index, keyStart, valueEnd);
      return;
    }
    if (!startsItsLine(this.text, keyStart)) {
      throw new Refusal(`"${keyOf(pair)}" shares its line with a list dash; removing it would change the list`);
    }
    this.removeLines(lineStart(this.text, keyStart), endOfLinesThrough(this.text, valueEnd));
  }

  /**
   * Add `key: value` to a block mapping, after `after` (default: the last entry), at the column
   * of the mapping's keys.
   */
  insertPair(map: YAMLMap, key: string, value: unknown, after?: AnyPair): void {
    if (map.flow) {
      const [, mapEnd] = rangeOf(map, 'the mapping');
      const close = this.closingBracket(mapEnd, '}');
      const last = map.items[map.items.length - 1];
      const entry = `${renderString(key, this.style, undefined, 'flow')}: ${renderInline(value, this.style, 'flow')}`;
      if (last === undefined) this.insert(close, entry);
      else this.insert(rangeOf(last.value ?? last.key, 'the last entry')[1], `, ${entry}`);
      return;
    }
    const first = map.items[0];
    if (!first) throw new Refusal('the mapping is empty');
    const column = columnOf(this.text, rangeOf(first.key, 'the first key')[0]);
    const anchor = after ?? map.items[map.items.length - 1];
    this.insertLines(endOfLinesThrough(this.text, pairContentEnd(anchor)), renderPair(key, value, this.style, column));
  }

  /** Set `key` to `value`: replace the existing value in place, or add the entry. */
  setPair(map: YAMLMap, key: string, value: unknown, after?: AnyPair): void {
    const pair = map.items.find((p) => keyOf(p) === key);
    if (!pair) {
      this.insertPair(map, key, value, after);
      return;
    }
    const old = pair.value;
    const primitive = value === null || typeof value !== 'object';
    if (primitive && isScalar(old) && old.type !== Scalar.BLOCK_LITERAL && old.type !== Scalar.BLOCK_FOLDED && old.range) {
      this.replaceScalar(old, value as string | number | boolean);
      return;
    }
    if (map.flow) {
      const [start, end] = rangeOf(old, 'the value');
      this.replace(start, end, renderInline(value, this.style, 'flow'));
      return;
    }
    // A collection (or a scalar becoming one): rewrite this entry's lines only.
    const [keyStart] = rangeOf(pair.key, 'the key');
    const valueEnd = pairContentEnd(pair);
    const ownLine = startsItsLine(this.text, keyStart);
    const column = columnOf(this.text, keyStart);
    let lines = renderPair(key, value, this.style, column);
    if (!ownLine) lines = lines.slice(column); // the key follows a list dash on its line
    this.replaceLines(ownLine ? lineStart(this.text, keyStart) : keyStart, endOfLinesThrough(this.text, valueEnd), lines);
  }

  // --- whole lines ---------------------------------------------------------------------------

  /** Insert whole lines (each ending with a line break) at a line start, keeping a missing final line break missing. */
  insertLines(at: number, lines: string): void {
    if (at === this.text.length && this.text.length > 0 && !this.text.endsWith('\n')) {
      this.insert(at, this.style.eol + lines.slice(0, lines.length - this.style.eol.length));
    } else {
      this.insert(at, lines);
    }
  }

  /**
   * Remove whole lines [start, end). When they are the file's last lines and it has no final
   * line break, the break before them goes instead, so the file still ends without one.
   */
  removeLines(start: number, end: number): void {
    if (end === this.text.length && !this.text.endsWith('\n') && start > 0) {
      if (this.tail) throw new Error('removeLines: the end of the file is removed twice');
      this.tail = { start };
      return;
    }
    this.replace(start, end, '');
  }

  /** Replace whole lines [start, end) by `lines` (each ending with a line break), keeping a missing final line break missing. */
  replaceLines(start: number, end: number, lines: string): void {
    if (end === this.text.length && !this.text.endsWith('\n')) {
      this.replace(start, end, lines.slice(0, lines.length - this.style.eol.length));
    } else {
      this.replace(start, end, lines);
    }
  }

  // --- flow collections ----------------------------------------------------------------------

  private closingBracket(collectionEnd: number, bracket: ']' | '}'): number {
    const at = collectionEnd - 1;
    if (this.text[at] !== bracket) throw new Refusal(`expected "${bracket}" closing the flow collection`);
    return at;
  }

  /** Remove item `index` of a flow collection with one adjoining separator. */
  private removeFlowItem(items: unknown[], index: number, start: number, end: number): void {
    const next = items[index + 1];
    if (next !== undefined) {
      const nextStart = flowItemStart(next);
      this.replace(start, nextStart, '');
      return;
    }
    const previous = items[index - 1];
    if (previous !== undefined) {
      this.replace(flowItemEnd(previous), end, '');
      return;
    }
    this.replace(start, end, '');
  }
}

/** True when the node starting at `offset` lies inside a flow collection (found by descending through ranges). */
function isInFlowCollection(root: unknown, offset: number): boolean {
  let node = root;
  while (isCollection(node)) {
    if (node.flow) return true;
    let next: unknown;
    for (const item of node.items as unknown[]) {
      for (const part of isPair(item) ? [item.key, item.value] : [item]) {
        const r = (part as Node | null | undefined)?.range;
        if (r && r[0] <= offset && offset < r[2]) next = part;
      }
      if (next !== undefined) break;
    }
    node = next;
  }
  return false;
}

function flowItemStart(item: unknown): number {
  const node = (isPairLike(item) ? item.key : item) as Node | null;
  return rangeOf(node, 'the next item')[0];
}

function flowItemEnd(item: unknown): number {
  const node = (isPairLike(item) ? item.value ?? item.key : item) as Node | null;
  return rangeOf(node, 'the previous item')[1];
}

function isPairLike(item: unknown): item is AnyPair {
  return typeof item === 'object' && item !== null && 'key' in item && !isMap(item) && !isSeq(item);
}

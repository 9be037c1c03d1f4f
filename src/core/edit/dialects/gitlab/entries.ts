// Writing whole entries of a job mapping (`needs: [a, b]`, `stage: test`) where the edit needs
// more control than the generic splices give: flow lists inside block mappings, a chosen
// position among the job's keys, and rewriting a value in place from its colon on.
import { isMap, isScalar, isSeq, Scalar, type Node, type YAMLMap } from 'yaml';
import { keyOf } from '../../../yaml/source';
import { renderBlockLines, renderInline, renderPair, renderString, type ScalarContext } from '../../fragment';
import { columnOf, contentEndBefore, lineStart, nextLineStart } from '../../lines';
import type { Splices } from '../../splices';
import { Refusal } from '../../splices';
import type { AnyPair } from './file';

/** A value on one line: `a`, `[a, {job: b, optional: true}]`, in GitLab's usual flow spacing. */
export function inlineText(value: unknown, splices: Splices, context: ScalarContext = 'block'): string {
  if (typeof value === 'string') return renderString(value, splices.style, undefined, context);
  if (Array.isArray(value)) return `[${value.map((v) => inlineText(v, splices, 'flow')).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const parts = Object.entries(value).map(([k, v]) => `${renderString(k, splices.style, undefined, 'flow')}: ${inlineText(v, splices, 'flow')}`);
    return `{${parts.join(', ')}}`;
  }
  return renderInline(value, splices.style, context);
}

/** Where a block node's content really ends: the last item's end, not trailing comment lines. */
export function contentEnd(node: unknown): number {
  if ((isSeq(node) || isMap(node)) && !node.flow && node.items.length > 0) {
    const last = node.items[node.items.length - 1] as unknown;
    if (isSeq(node)) return contentEnd(last);
    const pair = last as AnyPair;
    return pair.value ? contentEnd(pair.value) : rangeEnd(pair.key);
  }
  return rangeEnd(node);
}

function rangeEnd(node: unknown): number {
  const range = (node as Node | null)?.range;
  if (!range) throw new Refusal('a value has no position in the file');
  return range[1];
}

/** Offset just past the line break of the last line holding content before `end`. */
export function endOfLinesThrough(text: string, end: number): number {
  return nextLineStart(text, Math.max(0, contentEndBefore(text, end) - 1));
}

export type Placement = { first: true } | { afterKeys: string[] } | { last: true };

/**
 * Add `key: value` to a job mapping. `flow` writes a list or mapping on one line. Placement:
 * after the last present key of `afterKeys` (else first), or as the first or last entry.
 */
export function insertEntry(splices: Splices, map: YAMLMap.Parsed, key: string, value: unknown, flow: boolean, placement: Placement): void {
  const text = splices.text;
  if (map.flow) {
    const close = rangeEnd(map) - 1;
    if (text[close] !== '}') throw new Refusal('expected "}" closing the job mapping');
    const entry = `${renderString(key, splices.style, undefined, 'flow')}: ${inlineText(value, splices, 'flow')}`;
    const last = map.items[map.items.length - 1];
    if (!last) splices.insert(close, entry);
    else splices.insert(rangeEnd(last.value ?? last.key), `, ${entry}`);
    return;
  }
  const first = map.items[0];
  if (!first) throw new Refusal('the job mapping is empty');
  const firstKeyStart = (first.key as Node).range![0];
  const column = columnOf(text, firstKeyStart);
  const lines = flow || !isCollectionValue(value)
    ? `${' '.repeat(column)}${renderString(key, splices.style)}: ${inlineText(value, splices)}${splices.style.eol}`
    : renderPair(key, value, splices.style, column);
  let after: AnyPair | undefined;
  if ('afterKeys' in placement) {
    for (const pair of map.items) if (placement.afterKeys.includes(keyOf(pair) ?? '')) after = pair as AnyPair;
  } else if ('last' in placement) {
    after = map.items[map.items.length - 1] as AnyPair;
  }
  if (!after) {
    if (lineStart(text, firstKeyStart) + column !== firstKeyStart) throw new Refusal('the job\'s first key does not start its line');
    splices.insert(lineStart(text, firstKeyStart), lines);
    return;
  }
  const at = endOfLinesThrough(text, after.value ? contentEnd(after.value) : rangeEnd(after.key));
  if (at === text.length && !text.endsWith('\n')) {
    splices.insert(at, splices.style.eol + lines.slice(0, lines.length - splices.style.eol.length));
  } else {
    splices.insert(at, lines);
  }
}

function isCollectionValue(value: unknown): boolean {
  return value !== null && typeof value === 'object' && (!Array.isArray(value) || value.length > 0);
}

/**
 * Replace an entry's value, keeping its key (and anything before the colon) as written. `flow`
 * writes the new value on the key's line; otherwise block lines follow at `blockColumn`.
 */
export function replaceValue(splices: Splices, pair: AnyPair, value: unknown, flow: boolean, blockColumn: number): void {
  const text = splices.text;
  const old = pair.value as Node | null;
  if (isScalar(old) && (old.type === Scalar.BLOCK_LITERAL || old.type === Scalar.BLOCK_FOLDED)) {
    throw new Refusal(`"${keyOf(pair)}" is a multi-line block scalar`);
  }
  const keyEnd = rangeEnd(pair.key);
  const colon = text.indexOf(':', keyEnd);
  if (colon < 0) throw new Refusal(`no colon after "${keyOf(pair)}"`);
  // A null value (`needs:` with nothing after it) ends where the key line ends.
  const oldEnd = old && old.range && !(isScalar(old) && old.value === null) ? contentEnd(old) : colon + 1;
  if (flow || !isCollectionValue(value)) {
    splices.replace(colon + 1, oldEnd, ` ${inlineText(value, splices)}`);
    return;
  }
  // The value's lines, each ending with a line break; the last break is the one already there.
  const block = renderBlockLines(value as unknown[] | Record<string, unknown>, splices.style, blockColumn);
  splices.replace(colon + 1, oldEnd, splices.style.eol + block.slice(0, block.length - splices.style.eol.length));
}

/** The column where a block value of the entry starting at `keyStart` goes. */
export function blockValueColumn(splices: Splices, keyColumn: number, isList: boolean): number {
  return isList && !splices.style.indentedSequences ? keyColumn : keyColumn + splices.style.indent;
}

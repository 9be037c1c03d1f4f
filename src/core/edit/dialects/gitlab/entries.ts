// Writing whole entries of a job mapping (`needs: [a, b]`, `stage: test`) where the edit needs
// more control than the generic splices give: flow lists inside block mappings, a chosen
// position among the job's keys, and rewriting a value in place from its colon on.
import { isScalar, Scalar, type Node, type YAMLMap } from 'yaml';
import { keyOf } from '../../../yaml/source';
import { renderBlockLines, renderInline, renderPair, renderString, type ScalarContext } from '../../fragment';
import { columnOf, lineStart } from '../../lines';
import type { Splices } from '../../splices';
import { Refusal } from '../../splices';
import { contentEnd, endOfLinesThrough, pairContentEnd } from '../../wholeLines';
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

function rangeEnd(node: unknown): number {
  const range = (node as Node | null)?.range;
  if (!range) throw new Refusal('a value has no position in the file');
  return range[1];
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
  splices.insertLines(endOfLinesThrough(text, pairContentEnd(after)), lines);
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
  const isNull = !old || (isScalar(old) && old.value === null);
  const oldEnd = (isNull ? undefined : contentEnd(old)) ?? colon + 1;
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

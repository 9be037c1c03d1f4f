// The file's own formatting, so that new fragments look as if the file's author wrote them.
import { isMap, isPair, isScalar, isSeq, Scalar, visit, type Node } from 'yaml';
import type { YamlSource } from '../yaml/source';
import { columnOf } from './lines';

export interface FileStyle {
  eol: '\n' | '\r\n';
  /** Spaces per nesting level of block mappings. */
  indent: number;
  /** True: `key:\n  - item`; false: `key:\n- item` (dash flush with the key). */
  indentedSequences: boolean;
  /** The quote used when a new string must be quoted. */
  quote: 'single' | 'double';
  /** The file ends with a line break. */
  finalNewline: boolean;
}

/** The line break most of the text's lines end with. */
export function lineBreakOf(text: string): FileStyle['eol'] {
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/\n/g) ?? []).length - crlf;
  return crlf > lf ? '\r\n' : '\n';
}

/**
 * The style `src` is written in. `otherwise`: what to take where the text says nothing (no nested
 * mapping, list or quoted string to judge by); without it, 2 spaces, indented lists, single quotes.
 */
export function detectStyle(src: YamlSource, otherwise?: FileStyle): FileStyle {
  const text = src.text;
  const indents = new Map<number, number>();
  // How far indented sequences sit from their key: the indent width of a file whose nested
  // collections are all lists (Azure `stages:` / `jobs:` / `steps:`).
  const seqIndents = new Map<number, number>();
  let indentedSeq = 0;
  let flushSeq = 0;
  let single = 0;
  let double = 0;
  visit(src.doc, {
    Pair(_, pair) {
      if (!isPair(pair)) return;
      const key = pair.key as Node | null;
      const value = pair.value as Node | null;
      const keyStart = key?.range?.[0];
      if (keyStart === undefined || !value?.range) return;
      const keyColumn = columnOf(text, keyStart);
      if (isMap(value) && !value.flow && value.items.length > 0) {
        const first = value.items[0].key as Node | null;
        if (first?.range) {
          const delta = columnOf(text, first.range[0]) - keyColumn;
          if (delta > 0) indents.set(delta, (indents.get(delta) ?? 0) + 1);
        }
      } else if (isSeq(value) && !value.flow && value.items.length > 0) {
        const dashColumn = columnOf(text, value.range[0]);
        if (dashColumn > keyColumn) {
          indentedSeq++;
          seqIndents.set(dashColumn - keyColumn, (seqIndents.get(dashColumn - keyColumn) ?? 0) + 1);
        } else flushSeq++;
      }
    },
    Scalar(_, node) {
      if (!isScalar(node)) return;
      if (node.type === Scalar.QUOTE_SINGLE) single++;
      else if (node.type === Scalar.QUOTE_DOUBLE) double++;
    },
  });
  let indent = otherwise?.indent ?? 2;
  let best = 0;
  for (const [delta, count] of indents.size > 0 ? indents : seqIndents) {
    if (count > best || (count === best && delta < indent)) {
      indent = delta;
      best = count;
    }
  }
  return {
    eol: lineBreakOf(text),
    indent,
    indentedSequences: indentedSeq + flushSeq === 0 && otherwise ? otherwise.indentedSequences : indentedSeq >= flushSeq,
    quote: single + double === 0 && otherwise ? otherwise.quote : double > single ? 'double' : 'single',
    finalNewline: text.length === 0 || text.endsWith('\n'),
  };
}

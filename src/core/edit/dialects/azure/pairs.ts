// Setting one `key: value` of a stage or job mapping where the value is written inline (a name,
// a number, `[A, B]`): in place when it is a scalar or flow value, as one rewritten line when it
// was a block, or as a new line at the key column in Azure's usual key order.
import type { Node, Pair, YAMLMap, YAMLSeq } from 'yaml';
import { isScalar, isSeq } from 'yaml';
import { keyOf, pairOf } from '../../../yaml/source';
import { columnOf, lineStart, startsItsLine } from '../../lines';
import { Refusal, type Splices } from '../../splices';
import type { FileStyle } from '../../style';
import { endOfLinesThrough } from '../../wholeLines';

// The order Azure's documentation writes stage, job and strategy keys in; new keys go after the
// last key that comes before them here (and first when none does).
const KEY_ORDER = [
  'stage', 'job', 'deployment', 'displayName', 'dependsOn', 'condition', 'trigger', 'isSkippable', 'continueOnError',
  'pool', 'environment', 'timeoutInMinutes', 'cancelTimeoutInMinutes', 'variables', 'increments', 'maxParallel',
  'strategy', 'preDeploy', 'deploy', 'routeTraffic', 'postRouteTraffic', 'on', 'steps', 'jobs',
];

/** The pair a new `key` goes after, or undefined when it goes first. */
export function anchorFor(map: YAMLMap.Parsed, key: string): Pair<unknown, unknown> | undefined {
  const rank = KEY_ORDER.indexOf(key);
  let anchor: Pair<unknown, unknown> | undefined;
  for (const pair of map.items) {
    const r = KEY_ORDER.indexOf(keyOf(pair) ?? '');
    if (r >= 0 && r < rank) anchor = pair;
  }
  return anchor;
}

export function setInlinePair(splices: Splices, style: FileStyle, map: YAMLMap.Parsed, key: string, inline: string): void {
  const text = splices.text;
  const pair = pairOf(map, key);
  const value = pair?.value as Node | null | undefined;
  if (pair && value?.range && (isSeq(value) ? (value as YAMLSeq).flow : isScalar(value) && value.value !== null)) {
    splices.replace(value.range[0], value.range[1], inline);
    return;
  }
  if (pair) {
    const keyNode = pair.key as Node;
    const keyStart = keyNode.range![0];
    const end = endOfLinesThrough(text, value?.range?.[1] ?? keyNode.range![1]);
    const own = startsItsLine(text, keyStart);
    const indent = own ? ' '.repeat(columnOf(text, keyStart)) : '';
    splices.replace(own ? lineStart(text, keyStart) : keyStart, end, `${indent}${text.slice(keyStart, keyNode.range![1])}: ${inline}${style.eol}`);
    return;
  }
  insertInlinePair(splices, style, map, key, inline);
}

/** Adds `key: inline` as a line of its own at the mapping's key column. */
export function insertInlinePair(splices: Splices, style: FileStyle, map: YAMLMap.Parsed, key: string, inline: string): void {
  const text = splices.text;
  const first = map.items[0]?.key as Node | undefined;
  if (!first?.range) throw new Refusal('the mapping is empty');
  const column = columnOf(text, first.range[0]);
  const line = `${' '.repeat(column)}${key}: ${inline}${style.eol}`;
  const anchor = anchorFor(map, key);
  if (anchor) {
    const end = (anchor.value as Node | null)?.range?.[1] ?? (anchor.key as Node).range![1];
    splices.insertLines(endOfLinesThrough(text, end), line);
    return;
  }
  if (!startsItsLine(text, first.range[0])) {
    throw new Refusal(`"${keyOf(map.items[0])}" shares its line with a list dash; "${key}" cannot go before it`);
  }
  splices.insert(lineStart(text, first.range[0]), line);
}

// Stages, jobs and steps lists share one shape: items, or `${{ if/elseif/else/each }}:` keys whose
// values are more items. The walker flattens that into entries in document order and works out
// which entries run directly before each one, so Azure's "previous stage" default can be drawn.
import type { Node, YAMLMap, YAMLSeq } from 'yaml';
import { isMap, isScalar, isSeq, keyOf } from '../../yaml/source';
import { isElseKey, isIfKey, isTemplateExpression } from './expressions';

export interface ListEntry {
  map: YAMLMap.Parsed;
  /** The `${{ }}` keys around this entry, outermost first; empty when it always applies. */
  enclosing: string[];
  /** Entries that come directly before this one (more than one after an if/else chain). */
  previous: ListEntry[];
}

/** A list item that is neither an entry nor a `${{ }}` block. */
export interface StrayItem {
  node: Node;
  /** True for a `${{ parameters.x }}` scalar spliced in as an item: opaque, not an error. */
  templateExpression: boolean;
}

export interface WalkedList {
  entries: ListEntry[];
  strays: StrayItem[];
  /** True when any item sits under a `${{ }}` key or is a `${{ }}` scalar. */
  hasTemplateExpressions: boolean;
}

/** Item keys that make a mapping an entry rather than a block of `${{ }}` keys. */
function isEntry(map: YAMLMap.Parsed): boolean {
  // An empty `{}` is a (broken) entry, so that it is reported rather than skipped.
  return map.items.length === 0 || map.items.some((pair) => {
    const key = keyOf(pair);
    return key !== undefined && !isTemplateExpression(key);
  });
}

export function walkList(list: unknown): WalkedList {
  const result: WalkedList = { entries: [], strays: [], hasTemplateExpressions: false };
  if (isSeq(list)) walkItems(list as YAMLSeq.Parsed, [], [], result);
  return result;
}

/** Walks items in order; returns the entries that end the walked part (the next one's previous). */
function walkItems(seq: YAMLSeq.Parsed, enclosing: string[], before: ListEntry[], out: WalkedList): ListEntry[] {
  // The walk's state is one object and endChain a plain function rather than a closure made per
  // list: every job's steps list is walked on every parse.
  const walk: ItemsWalk = { last: before, chain: undefined };
  for (const item of seq.items) {
    if (isMap(item) && !isEntry(item as YAMLMap.Parsed)) {
      for (const pair of (item as YAMLMap.Parsed).items) {
        const key = keyOf(pair) ?? '';
        out.hasTemplateExpressions = true;
        if (isIfKey(key)) {
          endChain(walk);
          walk.chain = { start: walk.last, ends: [] };
        } else if (!isElseKey(key)) {
          endChain(walk);
        }
        const chain = walk.chain;
        const from = chain && isElseKey(key) ? chain.start : walk.last;
        const branchEnds = walkBlockValue(pair.value, [...enclosing, key], from, out);
        if (chain && (isIfKey(key) || isElseKey(key))) {
          for (const end of branchEnds) if (!chain.ends.includes(end)) chain.ends.push(end);
        } else {
          walk.last = branchEnds;
        }
      }
      continue;
    }
    endChain(walk);
    if (isMap(item)) {
      const entry: ListEntry = { map: item as YAMLMap.Parsed, enclosing, previous: walk.last };
      out.entries.push(entry);
      walk.last = [entry];
    } else if (item && typeof item === 'object') {
      const templateExpression = isScalar(item) && typeof item.value === 'string' && isTemplateExpression(item.value);
      if (templateExpression) out.hasTemplateExpressions = true;
      out.strays.push({ node: item as Node, templateExpression });
    }
  }
  endChain(walk);
  return walk.last;
}

interface ItemsWalk {
  /** The entries the next item follows. */
  last: ListEntry[];
  /** While inside an if/elseif/else chain: what came before it, and where its branches end. */
  chain: { start: ListEntry[]; ends: ListEntry[] } | undefined;
}

function endChain(walk: ItemsWalk): void {
  if (!walk.chain) return;
  // An if without else may be skipped at compile time, but authors read the written order:
  // the next item follows the branch ends, not also the entries before the chain.
  walk.last = walk.chain.ends.length > 0 ? walk.chain.ends : walk.chain.start;
  walk.chain = undefined;
}

/** The value under a `${{ }}` key: usually more items, sometimes a single mapping. */
function walkBlockValue(value: unknown, enclosing: string[], before: ListEntry[], out: WalkedList): ListEntry[] {
  if (isSeq(value)) return walkItems(value as YAMLSeq.Parsed, enclosing, before, out);
  if (isMap(value) && isEntry(value as YAMLMap.Parsed)) {
    const entry: ListEntry = { map: value as YAMLMap.Parsed, enclosing, previous: before };
    out.entries.push(entry);
    return [entry];
  }
  return before;
}

// A resolved view of GitLab YAML: aliases followed, `<<` merge keys applied, `!reference` tags
// replaced by what they point at. Values stay YAML nodes, so every leaf keeps its source position
// (an inherited value reports where it is written, e.g. at the anchor).
import { isAlias, isMap, isScalar, isSeq, type Alias, type Node, type Pair, type ParsedNode } from 'yaml';
import { aliasTarget, keyOf, type YamlSource } from '../../yaml/source';

/** A mapping after merges: key → entry. Leaves and sequences stay as parsed nodes. */
export class MapView {
  readonly entries = new Map<string, ViewEntry>();

  get(key: string): ViewValue | undefined {
    return this.entries.get(key)?.value;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }
}

export interface ViewEntry {
  /** The key node as written (for positions); null for entries with a non-scalar key. */
  keyNode: ParsedNode | null;
  value: ViewValue;
}

export type ViewValue = MapView | ParsedNode | null;

// Anchors can refer to themselves and !reference chains can loop or fan out; these bound any walk
// so that a hostile file cannot hang the parser. GitLab itself allows 10 levels of !reference.
const MAX_DEPTH = 40;
const MAX_REFERENCE_FOLLOWS = 10_000;

export interface Resolver {
  /** The view of a mapping node (or an alias to one); undefined for anything else. */
  mapOf(node: unknown): MapView | undefined;
  /** A value with aliases and `!reference` followed; mappings become views. */
  value(node: unknown): ViewValue;
  /** Items of a sequence, each resolved; a `!reference` to a list yields that list's items. */
  items(node: unknown): { item: ViewValue; written: ParsedNode }[];
}

/**
 * `lookupTopLevel(name)` gives the raw node of a top-level key, for `!reference [name, ...]`.
 */
export function createResolver(src: YamlSource, lookupTopLevel: (name: string) => unknown): Resolver {
  const followAlias = (alias: Node): Node | undefined => {
    try {
      return aliasTarget(src, alias as Alias);
    } catch {
      return undefined; // dangling or malformed alias: treat as absent
    }
  };

  const value = (node: unknown, depth: number): ViewValue => {
    if (depth > MAX_DEPTH || node === null || node === undefined) return null;
    if (node instanceof MapView) return node;
    if (isAlias(node)) return value(followAlias(node), depth + 1);
    if (isSeq(node) && (node as { tag?: string }).tag === '!reference') {
      return value(followReference(node as ParsedNode, depth), depth + 1);
    }
    if (isMap(node)) return mapOf(node, depth) ?? null;
    return node as ParsedNode;
  };

  // One view per mapping node: many jobs merge the same anchor, and nested merges must not multiply.
  const views = new Map<unknown, MapView>();
  const building = new Set<unknown>();
  const mapOf = (node: unknown, depth: number): MapView | undefined => {
    if (depth > MAX_DEPTH) return undefined;
    if (isAlias(node)) return mapOf(followAlias(node), depth + 1);
    if (!isMap(node)) return undefined;
    const known = views.get(node);
    if (known) return known;
    if (building.has(node)) return undefined; // a mapping that merges itself
    building.add(node);
    const view = buildView(node, depth);
    building.delete(node);
    views.set(node, view);
    return view;
  };

  const buildView = (node: { items: unknown[] }, depth: number): MapView => {
    const view = new MapView();
    const mergeSources: MapView[] = [];
    for (const pair of node.items as Pair<unknown, unknown>[]) {
      const key = keyOf(pair);
      if (key === undefined) continue;
      if (key === '<<') {
        mergeSources.push(...mergeSourcesOf(pair.value, depth + 1));
        continue;
      }
      view.entries.set(key, { keyNode: (pair.key as ParsedNode) ?? null, value: value(pair.value, depth + 1) });
    }
    // YAML merge is shallow; keys written here win, and earlier merge sources beat later ones.
    for (const source of mergeSources) {
      for (const [key, entry] of source.entries) if (!view.entries.has(key)) view.entries.set(key, entry);
    }
    return view;
  };

  const mergeSourcesOf = (node: unknown, depth: number): MapView[] => {
    if (isSeq(node)) {
      return node.items.flatMap((item) => {
        const m = mapOf(item, depth + 1);
        return m ? [m] : [];
      });
    }
    const m = mapOf(node, depth);
    return m ? [m] : [];
  };

  // `!reference [job, key, ...]`: walk from a top-level entry through nested keys.
  let referenceFollows = 0;
  const followReference = (tagged: ParsedNode, depth: number): ViewValue | undefined => {
    if (!isSeq(tagged) || depth > MAX_DEPTH || ++referenceFollows > MAX_REFERENCE_FOLLOWS) return undefined;
    const path = tagged.items.map((i) => (isScalar(i) ? String(i.value ?? '') : undefined));
    if (path.length === 0 || path.some((p) => p === undefined)) return undefined;
    let current: ViewValue = value(lookupTopLevel(path[0]!), depth + 1);
    for (const key of path.slice(1)) {
      if (!(current instanceof MapView)) return undefined;
      current = current.get(key!) ?? null;
    }
    return current;
  };

  const items = (node: unknown, depth: number): { item: ViewValue; written: ParsedNode }[] => {
    if (depth > MAX_DEPTH) return [];
    let seq: unknown = node;
    if (isAlias(seq)) seq = followAlias(seq);
    if (isSeq(seq) && (seq as { tag?: string }).tag === '!reference') seq = followReference(seq as ParsedNode, depth);
    if (!isSeq(seq)) return [];
    const out: { item: ViewValue; written: ParsedNode }[] = [];
    for (const raw of seq.items) {
      if (isSeq(raw) && (raw as { tag?: string }).tag === '!reference') {
        const target = followReference(raw as ParsedNode, depth);
        if (isSeq(target)) {
          out.push(...items(target, depth + 1));
          continue;
        }
      }
      out.push({ item: value(raw, depth + 1), written: raw as ParsedNode });
    }
    return out;
  };

  return {
    mapOf: (node) => mapOf(node, 0),
    value: (node) => value(node, 0),
    items: (node) => items(node, 0),
  };
}

/** Offset where a node is written, if it is a node with a position. */
export function startOf(node: unknown): number | undefined {
  if (!node || typeof node !== 'object' || node instanceof MapView) return undefined;
  const range = (node as { range?: unknown }).range;
  return Array.isArray(range) && typeof range[0] === 'number' ? range[0] : undefined;
}

// Reading the edited file back for value checks: the mapping of a node in the re-parsed YAML.
import type { YAMLMap } from 'yaml';
import { isMap, visit } from 'yaml';
import type { PipelineGraph } from '../../../model';
import type { YamlSource } from '../../../yaml/source';

export interface After {
  src: YamlSource;
  graph: PipelineGraph;
}

/** The mapping that starts at `offset`. */
export function mapAt(src: YamlSource, offset: number): YAMLMap.Parsed | undefined {
  let found: YAMLMap.Parsed | undefined;
  visit(src.doc, {
    Map(_, node) {
      if (isMap(node) && node.range?.[0] === offset) {
        found = node as YAMLMap.Parsed;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/** The mapping of node `id` after the edit. */
export function mapOfNode(after: After, id: string): YAMLMap.Parsed | undefined {
  const node = after.graph.nodes.find((n) => n.id === id);
  return node ? mapAt(after.src, node.offsets[0]) : undefined;
}

/** `key`'s value under node `id` after the edit, as plain data (undefined when absent). */
export function valueAfter(after: After, id: string, key: string): unknown {
  const map = mapOfNode(after, id);
  const value = map?.get(key, true) as { toJSON?: () => unknown } | undefined;
  return value && typeof value.toJSON === 'function' ? value.toJSON() : value;
}

/** A problem message when `actual` is not `expected` (compared as JSON), else undefined. */
export function differs(what: string, actual: unknown, expected: unknown): string | undefined {
  const a = JSON.stringify(actual ?? null);
  const e = JSON.stringify(expected ?? null);
  return a === e ? undefined : `${what} should be ${e} but is ${a}`;
}

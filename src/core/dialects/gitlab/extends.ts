// GitLab `extends:` within one file: a job inherits from the named jobs (usually hidden templates)
// by deep merge — mappings merge key by key, anything else (lists, scalars) is replaced — with
// later parents overriding earlier ones and the job's own keys overriding all of them.
import type { GraphProblem } from '../../model';
import { lookedIn, positionAt, scalarText, type YamlSource } from '../../yaml/source';
import { MapView, startOf, type Resolver } from './view';

export interface ExtendsContext {
  src: YamlSource;
  resolver: Resolver;
  /** Raw value node of every top-level key, hidden or not (extends may name either). */
  topLevel: Map<string, unknown>;
  /** Whether the file includes others: an unknown parent may then come from an included file. */
  hasIncludes: boolean;
}

export interface ExtendsResolver {
  /** The job's view after extends; undefined when the value is not a mapping. */
  resolve(name: string): MapView | undefined;
  /** Problems found so far (unknown parents, cycles), each reported once. */
  problems(): GraphProblem[];
  /**
   * True when the job (resolved first) inherits from a parent this file does not define, directly
   * or through its parents: what it says is then only part of what GitLab reads for it.
   */
  incomplete(name: string): boolean;
}

export function createExtendsResolver(ctx: ExtendsContext): ExtendsResolver {
  const resolved = new Map<string, MapView | undefined>();
  const incomplete = new Set<string>();
  const problems = new Map<string, GraphProblem>();
  const report = (problem: GraphProblem) => {
    const key = `${problem.line}:${problem.column}:${problem.message}`;
    if (!problems.has(key)) problems.set(key, problem);
  };

  const resolve = (name: string, chain: string[]): MapView | undefined => {
    if (resolved.has(name)) return resolved.get(name);
    const own = ctx.resolver.mapOf(ctx.topLevel.get(name));
    if (!own) {
      resolved.set(name, undefined);
      return undefined;
    }
    const parents = ctx.resolver.items(own.get('extends') ?? null);
    const single = own.get('extends');
    const parentRefs = parents.length > 0 ? parents : single ? [{ item: single, written: single }] : [];
    // Claimed before walking parents, so a cycle or a web of cycles is walked once, not per path.
    resolved.set(name, own);
    // Most jobs extend nothing: their view is their own, with no merge to allocate.
    if (parentRefs.length === 0) return own;
    let merged = new MapView();
    for (const { item, written } of parentRefs) {
      const parentName = item instanceof MapView ? undefined : scalarText(item);
      if (parentName === undefined) continue;
      const at = positionAt(ctx.src, startOf(written) ?? startOf(item) ?? 0);
      if (parentName === name || chain.includes(parentName)) {
        report({
          message: `extends cycle: ${[...chain, name, parentName].join(' → ')}`,
          ...at,
          severity: 'error',
          source: 'structure',
        });
        continue;
      }
      if (!ctx.topLevel.has(parentName)) {
        // GitLab rejects the pipeline ("unknown keys in `extends`"): an error, unless the parent
        // may be in a file not read here (an include, or the file including this one: parse.ts).
        report({
          message: `"${name}" extends "${parentName}", which is not defined in ${lookedIn(ctx.src)}` +
            (ctx.hasIncludes ? ` (it may come from ${ctx.src.parts !== undefined ? 'an include that is not read' : 'an included file'})` : ''),
          ...at,
          severity: ctx.hasIncludes ? 'warning' : 'error',
          source: 'reference',
          code: 'unknown-parent',
        });
        incomplete.add(name);
        continue;
      }
      const parent = resolve(parentName, [...chain, name]);
      if (parent) merged = deepMerge(merged, parent);
      if (incomplete.has(parentName)) incomplete.add(name);
    }
    const result = deepMerge(merged, own);
    resolved.set(name, result);
    return result;
  };

  return {
    resolve: (name) => resolve(name, []),
    problems: () => [...problems.values()],
    incomplete: (name) => incomplete.has(name),
  };
}

/** GitLab's extends merge: `over` wins; two mappings under the same key merge recursively. */
export function deepMerge(base: MapView, over: MapView): MapView {
  const out = new MapView();
  for (const [key, entry] of base.entries) out.entries.set(key, entry);
  for (const [key, entry] of over.entries) {
    const under = out.entries.get(key);
    if (under && under.value instanceof MapView && entry.value instanceof MapView) {
      out.entries.set(key, { keyNode: entry.keyNode, value: deepMerge(under.value, entry.value) });
    } else {
      out.entries.set(key, entry);
    }
  }
  return out;
}

// `dependsOn:` at stage and job level: a name, a list of names, `[]`, or absent (each level
// has its own default). Names written as `${{ }}` are compiled elsewhere and give no edge.
import type { Node, Pair } from 'yaml';
import type { GraphEdge, GraphProblem } from '../../model';
import { isMap, isScalar, isSeq, lookedIn, positionAt, stringList, type YamlSource } from '../../yaml/source';
import { hasExpression } from './expressions';
import { structureProblem } from './problems';

export interface DependsOn {
  /** False when `dependsOn` is absent or empty-valued: the level's default applies. */
  written: boolean;
  edges: GraphEdge[];
  /** Some dependency is a template expression (or `${{ }}` block), so the list is not all here. */
  templated: boolean;
  problems: GraphProblem[];
}

/** Edges into `toId` from the names under `pair`; `idOf` turns a written name into a node id. */
export function readDependsOn(
  src: YamlSource,
  pair: Pair<unknown, unknown> | undefined,
  toId: string,
  idOf: (name: string) => string,
): DependsOn {
  const result: DependsOn = { written: false, edges: [], templated: false, problems: [] };
  const value = pair?.value;
  if (!pair || value === null || value === undefined || (isScalar(value) && value.value === null)) return result;
  result.written = true;
  if (isMap(value)) {
    result.problems.push(structureProblem(src, value as Node, '`dependsOn` must be a name or a list of names'));
    return result;
  }
  if (!isSeq(value) && !isScalar(value)) return result;
  const { items, other } = stringList(value);
  if (other.length > 0) result.templated = true;
  const seen = new Set<string>();
  for (const item of items) {
    const name = item.value.trim();
    if (name === '') continue;
    if (hasExpression(name)) {
      result.templated = true;
      continue;
    }
    const from = idOf(name);
    if (seen.has(from)) continue;
    seen.add(from);
    const { line, column } = positionAt(src, item.offset);
    result.edges.push({ from, to: toId, implicit: false, line, column });
  }
  return result;
}

/**
 * In a list that takes items from templates or `${{ }}` blocks, a name this file does not
 * define may well be defined there. Such references become warnings without an edge, instead
 * of the "not defined" error a plain list deserves.
 */
export function softenTemplateReferences(
  edges: GraphEdge[],
  definedIds: ReadonlySet<string>,
  listTakesTemplates: boolean,
  src: YamlSource,
): { edges: GraphEdge[]; problems: GraphProblem[] } {
  if (!listTakesTemplates) return { edges, problems: [] };
  const kept: GraphEdge[] = [];
  const problems: GraphProblem[] = [];
  for (const edge of edges) {
    if (edge.implicit || definedIds.has(edge.from)) {
      kept.push(edge);
      continue;
    }
    problems.push({
      message: `"${edge.to}" depends on "${edge.from}", which is not defined in ${lookedIn(src)} (it may come from a template${src.parts !== undefined ? ' that is not read' : ''})`,
      line: edge.line ?? 1,
      column: edge.column ?? 1,
      severity: 'warning',
      source: 'reference',
    });
  }
  return { edges: kept, problems };
}

// Edge bookkeeping shared by layout and drawing: the graph may name the same dependency twice
// (an explicit `needs` that repeats a stage-order default) and may depend on ids it never defines.
import type { GraphEdge, PipelineGraph } from '../../../src/core/model';

/** The id React Flow and the tests use for an edge: `${from}->${to}`. */
export function edgeId(from: string, to: string): string {
  return `${from}->${to}`;
}

/**
 * One edge per (from, to) pair, in graph order. When a pair is written twice the explicit edge
 * wins over the implicit default, and the cycle / unresolved flags of both are kept. Edges whose
 * dependant is not a node are dropped: there is nothing to draw them into.
 */
export function uniqueEdges(graph: PipelineGraph): GraphEdge[] {
  const nodeIds = new Set(graph.nodes.map((n) => n.id));
  const byId = new Map<string, GraphEdge>();
  for (const edge of graph.edges) {
    if (!nodeIds.has(edge.to)) continue;
    const id = edgeId(edge.from, edge.to);
    const seen = byId.get(id);
    const unresolved = !nodeIds.has(edge.from) || edge.unresolved === true;
    if (!seen) {
      byId.set(id, { ...edge, unresolved, cyclic: edge.cyclic === true });
      continue;
    }
    const preferred = seen.implicit && !edge.implicit ? edge : seen;
    byId.set(id, {
      ...preferred,
      unresolved: seen.unresolved === true || unresolved,
      cyclic: seen.cyclic === true || edge.cyclic === true,
    });
  }
  return [...byId.values()];
}

/** Ids that edges depend on but no node defines, in first-mention order: drawn as ghosts. */
export function missingDependencyIds(graph: PipelineGraph): string[] {
  const nodeIds = new Set(graph.nodes.map((n) => n.id));
  const missing = new Set<string>();
  for (const edge of uniqueEdges(graph)) {
    if (!nodeIds.has(edge.from)) missing.add(edge.from);
  }
  return [...missing];
}

// Which nodes to flag in the error colour, and why: reference and cycle problems (matched to the
// innermost node whose YAML holds the problem's line) and both ends of edges that close a cycle.
import type { GraphEdge, GraphNode, PipelineGraph } from '../../../src/core/model';

/** Node id → the reasons it is flagged, in problem order. */
export function flaggedNodes(graph: PipelineGraph, edges: readonly GraphEdge[]): Map<string, string[]> {
  const reasons = new Map<string, string[]>();
  const flag = (id: string, reason: string) => {
    const list = reasons.get(id) ?? [];
    if (!list.includes(reason)) list.push(reason);
    reasons.set(id, list);
  };
  for (const problem of graph.problems) {
    if (problem.source !== 'reference' && problem.source !== 'cycle') continue;
    const node = innermostNodeAt(graph.nodes, problem.line);
    if (node) flag(node.id, problem.message);
  }
  const ids = new Set(graph.nodes.map((n) => n.id));
  for (const e of edges) {
    if (e.cyclic) {
      for (const id of [e.from, e.to]) if (ids.has(id)) flag(id, `part of a dependency cycle (${e.from} → ${e.to})`);
    }
    if (e.unresolved) flag(e.to, `depends on "${e.from}", which is not defined`);
  }
  return reasons;
}

function innermostNodeAt(nodes: readonly GraphNode[], line: number): GraphNode | undefined {
  let best: GraphNode | undefined;
  for (const n of nodes) {
    if (line < n.range.startLine || line > n.range.endLine) continue;
    const span = n.range.endLine - n.range.startLine;
    if (!best || span < best.range.endLine - best.range.startLine) best = n;
  }
  return best;
}

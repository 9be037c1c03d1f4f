// A thin wrapper over dagre: sized items and edges in, top-left positions out, left to right.
import { Graph, graphlib, layout } from '@dagrejs/dagre';
import type { ColumnRule, LayoutEdge, SizedItem } from './types';

export interface DagreSpacing {
  /** Gap between columns (ranks). */
  ranksep: number;
  /** Gap between items in a column. */
  nodesep: number;
  /** How jobs are put in columns; 'needs' unless said. */
  columns?: ColumnRule;
}

/**
 * dagre's ranker for the 'needs' rule: each item one column after the last thing it waits for
 * (the longest path from a start), as GitHub and GitLab draw their pipelines. It replaces dagre's
 * network simplex, which also shortens arrows by moving independent jobs rightwards but is about
 * half of dagre's time on a graph of 1000 jobs (`npm run bench -- designer` compares the two).
 * `minlen` is dagre's own (it doubles it when it makes room for edge labels).
 */
function columnAfterNeeds(g: Graph): void {
  for (const v of graphlib.alg.topsort(g)) {
    let rank = 0;
    for (const e of g.inEdges(v) ?? []) {
      rank = Math.max(rank, (g.node(e.v) as { rank: number }).rank + (g.edge(e) as { minlen: number }).minlen);
    }
    (g.node(v) as { rank: number }).rank = rank;
  }
}

/**
 * Positions with the top-left of the whole drawing at (0, 0). Items are fed to dagre in the
 * order given and under index-based names, so the result depends only on the input order and
 * no job id (say `constructor`) can collide with anything inside dagre's own bookkeeping.
 */
export function dagrePositions(
  items: readonly SizedItem[],
  edges: readonly LayoutEdge[],
  spacing: DagreSpacing,
): Map<string, { x: number; y: number }> {
  const positions = new Map<string, { x: number; y: number }>();
  if (items.length === 0) return positions;
  const keyOf = new Map(items.map((item, i) => [item.id, `n${i}`]));
  const g = new Graph();
  g.setGraph({
    rankdir: 'LR',
    ranksep: spacing.ranksep,
    nodesep: spacing.nodesep,
    marginx: 0,
    marginy: 0,
    // dagre 3 calls a function given as `ranker` in place of its own; its types say only string.
    ranker: (spacing.columns === 'compact' ? 'network-simplex' : columnAfterNeeds) as string,
  });
  g.setDefaultEdgeLabel(() => ({}));
  items.forEach((item) => g.setNode(keyOf.get(item.id)!, { width: item.width, height: item.height }));
  for (const edge of edges) {
    const from = keyOf.get(edge.from);
    const to = keyOf.get(edge.to);
    if (from === undefined || to === undefined || from === to) continue;
    g.setEdge(from, to);
  }
  layout(g);
  let minX = Infinity;
  let minY = Infinity;
  const centres = items.map((item) => {
    const label = g.node(keyOf.get(item.id)!) as { x: number; y: number };
    const x = label.x - item.width / 2;
    const y = label.y - item.height / 2;
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    return { id: item.id, x, y };
  });
  for (const c of centres) positions.set(c.id, { x: c.x - minX, y: c.y - minY });
  return positions;
}

// A thin wrapper over dagre: sized items and edges in, top-left positions out, left to right.
import { Graph, layout } from '@dagrejs/dagre';
import type { LayoutEdge, SizedItem } from './types';

export interface DagreSpacing {
  /** Gap between columns (ranks). */
  ranksep: number;
  /** Gap between items in a column. */
  nodesep: number;
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
  g.setGraph({ rankdir: 'LR', ranksep: spacing.ranksep, nodesep: spacing.nodesep, marginx: 0, marginy: 0 });
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

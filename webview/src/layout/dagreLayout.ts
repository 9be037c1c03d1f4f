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
/** Down-and-up passes of sweepOrder: the usual number for a layered drawing to settle. */
const ORDER_SWEEPS = 4;

/**
 * dagre's `customOrder` for the 'needs' rule: the order of items within each column by the
 * barycentre heuristic, a fixed number of sweeps over the columns, each item moved to the mean
 * place of its neighbours in the column before. dagre's own ordering does the same but builds a
 * graph per column per sweep and counts crossings after each, until four sweeps bring nothing:
 * half of what remains of its time on 1000 jobs. Stable (ties keep their order), so the same
 * graph always gives the same drawing. Runs on dagre's graph, dummy nodes of long edges included.
 */
function sweepOrder(g: Graph): void {
  const columns: string[][] = [];
  for (const v of g.nodes()) {
    const rank = (g.node(v) as { rank: number }).rank;
    (columns[rank] ??= []).push(v);
  }
  const place = new Map<string, number>();
  for (const column of columns) column?.forEach((v, i) => place.set(v, i));
  // Neighbours do not change between sweeps: ask dagre's graph once (each call builds an array;
  // with the dummy nodes of long edges, that was tens of thousands of calls at 1000 jobs).
  const before = new Map<string, string[]>();
  const after = new Map<string, string[]>();
  for (const v of place.keys()) {
    before.set(v, g.predecessors(v) ?? []);
    after.set(v, g.successors(v) ?? []);
  }
  for (let sweep = 0; sweep < ORDER_SWEEPS; sweep++) {
    const down = sweep % 2 === 0;
    for (let step = 1; step < columns.length; step++) {
      const column = columns[down ? step : columns.length - 1 - step];
      if (!column) continue;
      const keyed = column.map((v, i) => {
        const neighbours = (down ? before : after).get(v)!;
        let sum = 0;
        for (const w of neighbours) sum += place.get(w)!;
        return { v, key: neighbours.length > 0 ? sum / neighbours.length : i, i };
      });
      keyed.sort((a, b) => a.key - b.key || a.i - b.i);
      keyed.forEach(({ v }, i) => {
        column[i] = v;
        place.set(v, i);
      });
    }
  }
  for (const [v, i] of place) (g.node(v) as { order: number }).order = i;
}

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
  layout(g, spacing.columns === 'compact' ? undefined : { customOrder: sweepOrder });
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

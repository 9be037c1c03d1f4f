// GitHub (and any graph without lanes or groups): one box per job, columns follow `needs`.
import type { GraphEdge, PipelineGraph } from '../../../src/core/model';
import { dagrePositions } from './dagreLayout';
import { GHOST_HEIGHT, GHOST_WIDTH, jobSize } from './nodeSize';
import type { ColumnRule, GraphLayout, SizedItem } from './types';

export const FLAT_SPACING = { ranksep: 80, nodesep: 28 };

export function flatLayout(graph: PipelineGraph, edges: GraphEdge[], missingIds: string[], columns: ColumnRule = 'needs'): GraphLayout {
  const items: SizedItem[] = [
    ...graph.nodes.map((n) => ({ id: n.id, ...jobSize(n) })),
    ...missingIds.map((id) => ({ id, width: GHOST_WIDTH, height: GHOST_HEIGHT })),
  ];
  // A cycle has no left-to-right order; leave its closing edge out of the ranking.
  const positions = dagrePositions(items, edges.filter((e) => !e.cyclic), { ...FLAT_SPACING, columns });
  const place = (item: SizedItem) => ({ ...item, ...positions.get(item.id)! });
  return {
    nodes: items.slice(0, graph.nodes.length).map(place),
    ghosts: items.slice(graph.nodes.length).map(place),
    lanes: [],
  };
}

// Graph → boxes. Pure and deterministic: the same graph always gives the same layout, which
// keeps nodes still while the user types and lets the layout move into a Web Worker later.
import type { PipelineGraph } from '../../../src/core/model';
import { missingDependencyIds, uniqueEdges } from '../graph/edges';
import { flatLayout } from './flatLayout';
import { laneLayout } from './laneLayout';
import { stageGroupLayout } from './stageGroupLayout';
import type { ColumnRule, GraphLayout } from './types';

export function layoutGraph(graph: PipelineGraph, columns: ColumnRule = 'needs'): GraphLayout {
  const edges = uniqueEdges(graph);
  const missingIds = missingDependencyIds(graph);
  if (graph.nodes.some((n) => n.role === 'stage')) return stageGroupLayout(graph, edges, missingIds, columns);
  if (graph.dialect === 'gitlab') return laneLayout(graph, edges, missingIds, columns);
  return flatLayout(graph, edges, missingIds, columns);
}

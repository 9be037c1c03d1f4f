// Messages between the page and the layout worker.
import type { PipelineGraph } from '../../../src/core/model';
import type { ColumnRule, GraphLayout } from './types';

export interface LayoutRequest {
  id: number;
  graph: PipelineGraph;
  columns: ColumnRule;
}

export type LayoutReply = { id: number; layout: GraphLayout } | { id: number; error: string };

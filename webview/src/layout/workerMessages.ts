// Messages between the page and the layout worker.
import type { PipelineGraph } from '../../../src/core/model';
import type { GraphLayout } from './types';

export interface LayoutRequest {
  id: number;
  graph: PipelineGraph;
}

export type LayoutReply = { id: number; layout: GraphLayout } | { id: number; error: string };

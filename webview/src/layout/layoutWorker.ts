// Entry point of dist/webview/layoutWorker.js: lays out large graphs off the UI thread. The same
// pure layoutGraph as the page; graph in, boxes out, one request at a time in arrival order.
import type { PipelineGraph } from '../../../src/core/model';
import { layoutGraph } from './layoutGraph';
import type { LayoutReply, LayoutRequest } from './workerMessages';

interface WorkerScope {
  onmessage: ((event: MessageEvent<LayoutRequest>) => void) | null;
  postMessage(message: LayoutReply): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = (event) => {
  const { id, graph, columns } = event.data;
  try {
    scope.postMessage({ id, layout: layoutGraph(graph as PipelineGraph, columns) });
  } catch (error) {
    scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};

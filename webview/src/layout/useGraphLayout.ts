// Which layout to draw: small graphs are laid out at once, during render; large ones in the
// layout worker, keeping the UI responsive, while the previous drawing (or a progress note)
// stays on screen.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { PipelineGraph } from '../../../src/core/model';
import { layoutGraph } from './layoutGraph';
import type { ColumnRule, GraphLayout } from './types';
import { layoutInWorker } from './workerLayout';

/** Above this many nodes, dagre takes long enough to freeze the page: use the worker. */
export const WORKER_THRESHOLD = 150;

export type LayoutEngine = 'main' | 'worker' | 'main-fallback';

export interface LaidOutGraph {
  graph: PipelineGraph;
  columns: ColumnRule;
  layout: GraphLayout;
  engine: LayoutEngine;
}

export interface GraphLayoutState {
  /** The newest finished layout; its graph may be older than the one asked for. */
  shown?: LaidOutGraph;
  /** True while the graph asked for is being laid out. */
  pending: boolean;
}

export function useGraphLayout(graph: PipelineGraph, columns: ColumnRule = 'needs'): GraphLayoutState {
  const large = graph.nodes.length > WORKER_THRESHOLD;
  const immediate = useMemo<LaidOutGraph | undefined>(
    () => (large ? undefined : { graph, columns, layout: layoutGraph(graph, columns), engine: 'main' }),
    [graph, columns, large],
  );
  const [fromWorker, setFromWorker] = useState<LaidOutGraph>();
  useEffect(() => {
    if (!large) return undefined;
    let current = true;
    layoutInWorker(graph, columns).then(
      (layout) => {
        if (current) setFromWorker({ graph, columns, layout, engine: 'worker' });
      },
      (error: unknown) => {
        // Slower, but the graph still gets drawn.
        console.warn(`laying out on the page instead: ${error instanceof Error ? error.message : String(error)}`);
        if (current) setFromWorker({ graph, columns, layout: layoutGraph(graph, columns), engine: 'main-fallback' });
      },
    );
    return () => {
      current = false;
    };
  }, [graph, columns, large]);

  // The last finished layout, whichever path made it, so a pending one never blanks the canvas.
  const last = useRef<LaidOutGraph>(undefined);
  if (immediate) last.current = immediate;
  else if (fromWorker && ((fromWorker.graph === graph && fromWorker.columns === columns) || last.current === undefined)) last.current = fromWorker;
  return { shown: last.current, pending: last.current?.graph !== graph || last.current.columns !== columns };
}

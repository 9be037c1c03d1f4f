// The React Flow canvas: draws the laid-out graph, keeps selection in sync with the app, fits
// the first graph, reveals nodes the host selects, and reports each paint.
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  useStoreApi,
  type NodeChange,
  type NodeMouseHandler,
  type Viewport,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useReducer, useRef, type KeyboardEvent } from 'react';
import type { PipelineGraph } from '../../../src/core/model';
import { GRAPH_NODE_CLASS, type DesignerNode } from '../flow/flowTypes';
import { EDGE_TYPES } from '../flow/edgeTypes';
import { toFlowElements } from '../flow/toFlowElements';
import { layoutGraph } from '../layout/layoutGraph';
import { NODE_TYPES } from '../nodes/nodeTypes';
import { afterFlowSettles } from './flowSettle';
import { revealNodes } from './revealNodes';
import { FIT_VIEW_OPTIONS } from './viewOptions';

/** A paint to report: `seq` distinguishes two documents with the same version. */
export interface RenderToken {
  version: number;
  seq: number;
}

export interface RevealRequest {
  ids: string[];
  seq: number;
}

export interface PaintReport {
  version: number;
  nodeIds: string[];
  edgeCount: number;
}

interface GraphCanvasProps {
  graph: PipelineGraph;
  renderToken?: RenderToken;
  selection: readonly string[];
  revealRequest?: RevealRequest;
  restoredViewport?: Viewport;
  onSelectionChange(ids: string[]): void;
  /** The user picked a node (click, Enter, Space). */
  onActivate(id: string): void;
  onViewportChange(viewport: Viewport): void;
  onPainted(report: PaintReport): void;
}

const PRO_OPTIONS = { hideAttribution: true };

export function GraphCanvas(props: GraphCanvasProps) {
  const { graph, renderToken, selection, revealRequest, restoredViewport } = props;
  const store = useStoreApi();
  const flow = useReactFlow();
  const containerRef = useRef<HTMLDivElement>(null);
  const callbacks = useRef(props);
  callbacks.current = props;

  const base = useMemo(() => toFlowElements(graph, layoutGraph(graph)), [graph]);
  // React Flow's measurements, kept across documents so unchanged nodes are not re-measured
  // (re-measuring hides their edges for a frame).
  const measured = useRef(new Map<string, { width: number; height: number }>());
  const [measuredTick, bumpMeasured] = useReducer((n: number) => n + 1, 0);
  const nodes = useMemo(() => {
    const chosen = new Set(selection);
    return base.nodes.map((n): DesignerNode => {
      const size = measured.current.get(n.id);
      return { ...n, selected: chosen.has(n.id), ...(size ? { measured: size } : {}) } as DesignerNode;
    });
  }, [base, selection, measuredTick]);

  const onNodesChange = useCallback((changes: NodeChange<DesignerNode>[]) => {
    let selectionChanged = false;
    const next = new Set(callbacks.current.selection);
    let sizesChanged = false;
    for (const change of changes) {
      if (change.type === 'select') {
        selectionChanged = true;
        if (change.selected) next.add(change.id);
        else next.delete(change.id);
      } else if (change.type === 'dimensions' && change.dimensions) {
        measured.current.set(change.id, change.dimensions);
        sizesChanged = true;
      }
    }
    if (sizesChanged) bumpMeasured();
    if (selectionChanged) callbacks.current.onSelectionChange([...next]);
  }, []);

  // Fit only the very first graph, and only when no saved viewport was restored.
  const needsFit = useRef(restoredViewport === undefined);
  useEffect(() => {
    if (!renderToken) return undefined;
    return afterFlowSettles(store, () => {
      const report = () => {
        const root = containerRef.current;
        const nodeIds = root
          ? [...root.querySelectorAll(`.react-flow__node.${GRAPH_NODE_CLASS}`)].map((el) => el.getAttribute('data-id') ?? '')
          : [];
        const edgeCount = root ? root.querySelectorAll('.react-flow__edge').length : 0;
        callbacks.current.onPainted({ version: renderToken.version, nodeIds, edgeCount });
      };
      if (needsFit.current && graph.nodes.length > 0) {
        needsFit.current = false;
        void flow.fitView(FIT_VIEW_OPTIONS).then(() => {
          callbacks.current.onViewportChange(flow.getViewport());
          requestAnimationFrame(report);
        });
      } else {
        report();
      }
    });
  }, [renderToken]);

  useEffect(() => {
    if (!revealRequest) return undefined;
    return afterFlowSettles(store, () => {
      void revealNodes(store, flow, revealRequest.ids).then((moved) => {
        if (moved) callbacks.current.onViewportChange(flow.getViewport());
      });
    });
  }, [revealRequest]);

  const onNodeClick: NodeMouseHandler<DesignerNode> = useCallback((_event, node) => {
    if (node.type === 'job' || node.type === 'stage') callbacks.current.onActivate(node.id);
  }, []);

  // Keyboard users pick a focused node with Enter or Space, like a click.
  const onKeyDown = useCallback((event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    const element = (event.target as Element).closest(`.react-flow__node.${GRAPH_NODE_CLASS}`);
    const id = element?.getAttribute('data-id');
    if (id) callbacks.current.onActivate(id);
  }, []);

  return (
    <div className="pw-canvas" ref={containerRef} onKeyDown={onKeyDown}>
      <ReactFlow<DesignerNode>
        nodes={nodes}
        edges={base.edges}
        nodeTypes={NODE_TYPES}
        edgeTypes={EDGE_TYPES}
        onNodesChange={onNodesChange}
        onNodeClick={onNodeClick}
        onMoveEnd={(_event, viewport) => callbacks.current.onViewportChange(viewport)}
        defaultViewport={restoredViewport ?? { x: 0, y: 0, zoom: 1 }}
        minZoom={0.1}
        maxZoom={2}
        nodesDraggable={false}
        nodesConnectable={false}
        edgesFocusable={false}
        elementsSelectable
        deleteKeyCode={null}
        proOptions={PRO_OPTIONS}
        aria-label="Pipeline graph"
      >
        <Background variant={BackgroundVariant.Dots} gap={24} size={1} />
        <Controls showInteractive={false} fitViewOptions={FIT_VIEW_OPTIONS} />
        <MiniMap pannable zoomable nodeClassName={(n) => `pw-minimap-${n.type ?? 'job'}`} ariaLabel="Overview of the graph" />
      </ReactFlow>
    </div>
  );
}

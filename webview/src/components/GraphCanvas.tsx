// The React Flow canvas: draws the laid-out graph, keeps selection in sync with the app, fits
// the first graph, reveals nodes the host selects, and reports each paint.
import {
  Background,
  BackgroundVariant,
  ControlButton,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  useStoreApi,
  type Connection,
  type EdgeChange,
  type FinalConnectionState,
  type IsValidConnection,
  type NodeChange,
  type NodeMouseHandler,
  type OnNodeDrag,
  type Viewport,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState, type KeyboardEvent } from 'react';
import type { EditOperation } from '../../../src/core/edit/operations';
import type { PipelineGraph } from '../../../src/core/model';
import { connectOperation, deleteOperations, renameOperation, renameStart } from '../edit/gestures';
import { RenameContext, RenameState, type RenameControl } from '../edit/RenameContext';
import { ELSEWHERE_GHOST_CLASS, GRAPH_NODE_CLASS, type DesignerEdge, type DesignerNode } from '../flow/flowTypes';
import { EDGE_TYPES } from '../flow/edgeTypes';
import { routeObstacles } from '../flow/edgeRoutes';
import { RouteContext } from '../flow/routeContext';
import { toFlowElements } from '../flow/toFlowElements';
import { useSelectedNodes } from '../flow/useSelectedNodes';
import { LayoutProgress } from '../layout/LayoutProgress';
import type { ColumnRule } from '../layout/types';
import { useGraphLayout } from '../layout/useGraphLayout';
import { useKeptPlaces, withKept } from '../positions/useKeptPlaces';
import { placeNodes } from '../positions/placeNodes';
import { useNodeDrag, type StageDropHandler } from '../positions/useNodeDrag';
import { AddStageButton } from '../groups/AddStageButton';
import { LaneCanvasContext, type LaneCanvasControl } from '../lanes/laneContext';
import { useLaneDrop } from '../lanes/useLaneDrop';
import { useMinimapShown } from '../viewport/minimap';
import { useReadableFit } from '../viewport/useReadableFit';
import type { NodePositions } from '../../../src/shared/nodePositions';
import { NODE_TYPES } from '../nodes/nodeTypes';
import { useCanvasKeyboard } from '../keyboard/useCanvasKeyboard';
import { drawsOnlyVisible } from '../viewport/culling';
import { afterFlowSettles } from './flowSettle';
import { revealNodes } from './revealNodes';
import { nodeElement, useNodeFocus } from './useNodeFocus';

/** A paint to report: `seq` distinguishes two documents with the same version. */
export interface RenderToken {
  version: number;
  seq: number;
}

export interface RevealRequest {
  ids: string[];
  seq: number;
}

/** Move the keyboard focus to a node (from outside the canvas: the inspector's way back). */
export interface FocusRequest {
  id: string;
  seq: number;
}

export interface PaintReport {
  version: number;
  nodeIds: string[];
  edgeCount: number;
}

interface GraphCanvasProps {
  graph: PipelineGraph;
  /** How jobs are put in columns (the user's setting). */
  columns?: ColumnRule;
  /** Changes when the layout must decide every place again (Tidy): see useKeptPlaces. */
  layoutEpoch?: number;
  /** Whether nodes are drawn where an earlier drawing put them rather than where the layout would. */
  onKeptPlaces?(keeps: boolean): void;
  renderToken?: RenderToken;
  selection: readonly string[];
  revealRequest?: RevealRequest;
  /** A node to focus, brought into view first when a large graph keeps it out of the page. */
  focusRequest?: FocusRequest;
  restoredViewport?: Viewport;
  onSelectionChange(ids: string[]): void;
  /** The user picked a node (click, Enter, Space). */
  onActivate(id: string): void;
  onViewportChange(viewport: Viewport): void;
  onPainted(report: PaintReport): void;
  /**
   * Why gestures cannot edit now (the YAML does not parse), or undefined when they can. The
   * canvas never changes its own graph: an edit goes to the host and comes back as a document.
   */
  editBlockedReason?: string;
  onEdit(operation: EditOperation): void;
  /** A gesture the designer will not turn into an edit, and why. */
  onRefused(reason: string): void;
  /** Where the user dragged nodes in this file (not part of the graph: never an edit). */
  positions?: NodePositions;
  /** Nodes dropped where they should stay. */
  onNodesMoved?(moves: NodePositions, graph: PipelineGraph): void;
  /** A job dropped in another GitLab lane or Azure stage (see StageDropHandler). */
  onStageDrop?: StageDropHandler;
  /** Enter on a node (keyboard): open the inspector for it. */
  onOpenInspector?(id: string): void;
  /** Words for the screen reader's live region (keyboard connect mode). */
  onAnnounce?(text: string): void;
  /** The user's minimap choice; undefined: shown when the pane is roomy (viewport/minimap.ts). */
  minimap?: boolean;
}

const NO_POSITIONS: NodePositions = {};
const NO_ELEMENTS = { nodes: [], edges: [] };

const PRO_OPTIONS = { hideAttribution: true };

/** One function for every render: a new one would re-render each of the minimap's 1000 rects. */
const minimapClass = (node: DesignerNode) => `pw-minimap-${node.type ?? 'job'}`;

export function GraphCanvas(props: GraphCanvasProps) {
  const { graph, renderToken, selection, revealRequest, restoredViewport } = props;
  const store = useStoreApi();
  const flow = useReactFlow();
  const containerRef = useRef<HTMLDivElement>(null);
  const callbacks = useRef(props);
  callbacks.current = props;

  // Large graphs are laid out in a worker: until it answers, the previous drawing stays.
  const laidOut = useGraphLayout(graph, props.columns);
  const layoutReady = laidOut.shown?.graph === graph;
  const kept = useKeptPlaces(laidOut.shown, props.layoutEpoch ?? 0, props.onKeptPlaces);
  const placed = useMemo(
    () => (laidOut.shown ? placeNodes(laidOut.shown.graph, laidOut.shown.layout, withKept(kept.positions, props.positions ?? NO_POSITIONS)) : undefined),
    [laidOut.shown, kept, props.positions],
  );
  kept.remember(laidOut.shown, placed);
  const base = useMemo(() => (laidOut.shown && placed ? toFlowElements(laidOut.shown.graph, placed) : NO_ELEMENTS), [placed]);
  // What arrows route around: every stage, job and ghost box where it is placed (not lanes).
  const obstacles = useMemo(() => routeObstacles(placed ? [...placed.nodes, ...placed.ghosts] : []), [placed]);
  const fitReadable = useReadableFit();
  const showMinimap = useMinimapShown(props.minimap);
  // A job dropped on another GitLab lane or Azure stage group asks to move there.
  const laneDrop = useLaneDrop({
    graph: laidOut.shown?.graph ?? graph,
    layout: placed,
    edit: (operation) => callbacks.current.onEdit(operation),
    refuse: (reason) => callbacks.current.onRefused(reason),
    blockedReason: () => callbacks.current.editBlockedReason,
  });
  const laneControl = useMemo<LaneCanvasControl>(() => ({
    graph: laidOut.shown?.graph ?? graph,
    request: (operation) => {
      const blocked = callbacks.current.editBlockedReason;
      if (blocked) callbacks.current.onRefused(blocked);
      else callbacks.current.onEdit(operation);
    },
    refuse: (reason) => callbacks.current.onRefused(reason),
    ...(laneDrop.dropTarget !== undefined ? { dropTarget: laneDrop.dropTarget } : {}),
  }), [laidOut.shown, graph, laneDrop.dropTarget]);
  const drag = useNodeDrag({
    graph: laidOut.shown?.graph ?? graph,
    layout: placed,
    onMoved: (moves, movedIn) => callbacks.current.onNodesMoved?.(moves, movedIn),
    onStageDrop: props.onStageDrop ?? laneDrop.onStageDrop,
  });
  // React Flow's measurements, kept across documents so unchanged nodes are not re-measured
  // (re-measuring hides their edges for a frame).
  const measured = useRef(new Map<string, { width: number; height: number }>());
  const [measuredTick, bumpMeasured] = useReducer((n: number) => n + 1, 0);
  const nodes = useSelectedNodes(base.nodes, selection, measured.current, measuredTick);
  // Only the dragged nodes change while a drag lasts, so React Flow re-reads just those.
  const shownNodes = useMemo(
    () =>
      drag.dragging.size === 0
        ? nodes
        : nodes.map((n) => {
            const at = drag.dragging.get(n.id);
            return at ? ({ ...n, position: at } as DesignerNode) : n;
          }),
    [nodes, drag.dragging],
  );

  // Edge selection is the canvas's own (nothing outside needs it); ids of edges on screen.
  const [selectedEdges, setSelectedEdges] = useState<ReadonlySet<string>>(() => new Set());
  const edges = useMemo(
    () => base.edges.map((e): DesignerEdge => (selectedEdges.has(e.id) ? { ...e, selected: true } : e)),
    [base, selectedEdges],
  );
  const onEdgesChange = useCallback((changes: EdgeChange<DesignerEdge>[]) => {
    const selects = changes.filter((c) => c.type === 'select');
    if (selects.length === 0) return;
    setSelectedEdges((current) => {
      const next = new Set(current);
      for (const c of selects) {
        if (c.selected) next.add(c.id);
        else next.delete(c.id);
      }
      return next;
    });
  }, []);

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
    drag.onPositionChanges(changes);
  }, [drag.onPositionChanges]);

  // Large graphs draw only the nodes in view (viewport/culling.ts).
  const onlyVisible = drawsOnlyVisible(laidOut.shown?.graph.nodes.length ?? 0);
  const focusNode = useNodeFocus(store, flow, containerRef, () => callbacks.current.onViewportChange(flow.getViewport()));

  // Fit only the very first graph, and only when no saved viewport was restored.
  const needsFit = useRef(restoredViewport === undefined);
  useEffect(() => {
    if (!renderToken || !layoutReady) return undefined;
    let cancel = afterFlowSettles(store, () => {
      // What was laid out and placed (the nodes in view are painted by now); with a large graph,
      // more than is in the page (protocol.ts, `rendered`).
      const report = () => {
        const { nodeLookup, edges: placedEdges } = store.getState();
        const nodeIds: string[] = [];
        for (const n of nodeLookup.values()) if (n.type === 'job' || n.type === 'stage') nodeIds.push(n.id);
        const edgeCount = placedEdges.filter((e) => nodeLookup.has(e.source) && nodeLookup.has(e.target)).length;
        callbacks.current.onPainted({ version: renderToken.version, nodeIds, edgeCount });
      };
      if (needsFit.current && graph.nodes.length > 0) {
        needsFit.current = false;
        // Readable first: a long chain in a narrow editor opens at its start, not as a thin line.
        void fitReadable().then(() => {
          callbacks.current.onViewportChange(flow.getViewport());
          // A culled graph's fitted view may show nodes the first frame did not draw: wait for
          // those too. Otherwise every node is drawn and measured already.
          if (onlyVisible) cancel = afterFlowSettles(store, report, true);
          else {
            const frame = requestAnimationFrame(report);
            cancel = () => cancelAnimationFrame(frame);
          }
        });
      } else {
        report();
      }
    }, onlyVisible);
    return () => cancel();
  }, [renderToken, layoutReady]);

  useEffect(() => {
    if (!revealRequest) return undefined;
    return afterFlowSettles(store, () => {
      void revealNodes(store, flow, revealRequest.ids).then((moved) => {
        if (moved) callbacks.current.onViewportChange(flow.getViewport());
      });
    }, onlyVisible);
  }, [revealRequest]);

  useEffect(() => {
    if (props.focusRequest) focusNode(props.focusRequest.id);
  }, [props.focusRequest]);

  // A large graph removes the nodes that leave the view, the focused one included; the focus
  // then stays with the graph (arrows and F2 go on from the selected node) rather than falling
  // to the page, where no key would reach the canvas. A native listener: the node's element is
  // being removed by React's own commit when the browser reports the focus leaving it.
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return undefined;
    const onFocusOut = (event: FocusEvent) => {
      const left = event.target;
      if (event.relatedTarget !== null || !(left instanceof HTMLElement) || !left.classList.contains('react-flow__node')) return;
      requestAnimationFrame(() => {
        if (left.isConnected || (document.activeElement !== null && document.activeElement !== document.body)) return;
        container.querySelector<HTMLElement>('.react-flow')?.focus({ preventScroll: true });
      });
    };
    container.addEventListener('focusout', onFocusOut);
    return () => container.removeEventListener('focusout', onFocusOut);
  }, []);

  const onNodeClick: NodeMouseHandler<DesignerNode> = useCallback((_event, node) => {
    // A ghost that another file of the pipeline defines opens it there (the host knows where).
    if (node.type === 'job' || node.type === 'stage' || (node.type === 'ghost' && node.data.definedIn !== undefined)) callbacks.current.onActivate(node.id);
  }, []);

  // Keyboard users pick a focused node with Enter or Space, like a click.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    onEditKeys(event);
    if (event.key !== 'Enter' && event.key !== ' ') return;
    if ((event.target as HTMLElement).closest('input')) return;
    const element = (event.target as Element).closest(`.react-flow__node.${GRAPH_NODE_CLASS}, .react-flow__node.${ELSEWHERE_GHOST_CLASS}`);
    const id = element?.getAttribute('data-id');
    if (id) callbacks.current.onActivate(id);
  };

  // --- Gestures that ask the host for an edit ------------------------------------------------

  /** Runs a gesture, or says why editing is blocked. */
  const whenEditable = useCallback((gesture: () => void) => {
    const blocked = callbacks.current.editBlockedReason;
    if (blocked) callbacks.current.onRefused(blocked);
    else gesture();
  }, []);
  // Arrows, Enter (inspector) and C (connect) from the keyboard; see keyboard/useCanvasKeyboard.
  const keyboard = useCanvasKeyboard(store, focusNode, callbacks, whenEditable);

  const isValidConnection: IsValidConnection<DesignerEdge> = useCallback(
    (c) => connectOperation(callbacks.current.graph, c.source, c.target).ok,
    [],
  );
  const onConnect = useCallback((c: Connection) => {
    whenEditable(() => {
      const gesture = connectOperation(callbacks.current.graph, c.source, c.target);
      if (gesture.ok) callbacks.current.onEdit(gesture.value);
      else callbacks.current.onRefused(gesture.reason);
    });
  }, [whenEditable]);
  // A drop on a node that may not take the dependency (read-only, itself): say why.
  const onConnectEnd = useCallback((_event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
    if (state.isValid !== false || !state.fromNode || !state.toNode || !state.fromHandle) return;
    const [source, target] = state.fromHandle.type === 'source' ? [state.fromNode.id, state.toNode.id] : [state.toNode.id, state.fromNode.id];
    const gesture = connectOperation(callbacks.current.graph, source, target);
    if (!gesture.ok) whenEditable(() => callbacks.current.onRefused(gesture.reason));
  }, [whenEditable]);

  const deleteSelection = useCallback(() => {
    const edgeEnds = base.edges.filter((e) => selectedEdges.has(e.id)).map((e) => ({ from: e.source, to: e.target }));
    const { operations, refused } = deleteOperations(callbacks.current.graph, callbacks.current.selection, edgeEnds);
    if (operations.length === 0 && refused.length === 0) return;
    whenEditable(() => {
      for (const reason of refused) callbacks.current.onRefused(reason);
      // One intent each; the host's queue applies them in this order.
      for (const op of operations) callbacks.current.onEdit(op);
      if (edgeEnds.length > 0) setSelectedEdges(new Set());
    });
  }, [base, selectedEdges, whenEditable]);

  // Not React state: starting a rename re-renders the one node title that draws the box.
  const renaming = useMemo(() => new RenameState(), []);
  const startRename = useCallback((id: string) => {
    whenEditable(() => {
      const start = renameStart(callbacks.current.graph, id);
      if (!start.ok) {
        callbacks.current.onRefused(start.reason);
        return;
      }
      // The box is drawn in the node's title: a node out of view (large graphs) comes into view.
      if (!nodeElement(containerRef.current, id)) {
        void revealNodes(store, flow, [id]).then((moved) => {
          if (moved) callbacks.current.onViewportChange(flow.getViewport());
        });
      }
      renaming.set({ id, initial: start.value });
    });
  }, [whenEditable, renaming, store, flow]);
  const endRename = useCallback((id: string) => {
    renaming.set(undefined);
    // Keyboard users carry on from the node they renamed.
    requestAnimationFrame(() => focusNode(id));
  }, [renaming, focusNode]);
  const renameControl = useMemo<RenameControl>(() => ({
    state: renaming,
    commit: (id, typed) => {
      const gesture = renameOperation(callbacks.current.graph, id, typed);
      if (!gesture.ok) return gesture.reason;
      endRename(id);
      if (gesture.value) callbacks.current.onEdit(gesture.value);
      return undefined;
    },
    cancel: () => {
      const current = renaming.get();
      if (current) endRename(current.id);
    },
  }), [renaming, endRename]);

  const onNodeDoubleClick: NodeMouseHandler<DesignerNode> = useCallback((_event, node) => {
    if (node.type === 'job' || node.type === 'stage') startRename(node.id);
  }, [startRename]);

  const onEditKeys = useCallback((event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    if (target.closest('input, textarea, [contenteditable="true"]')) return;
    if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      deleteSelection();
    } else if (event.key === 'F2') {
      event.preventDefault();
      const focused = target.closest(`.react-flow__node.${GRAPH_NODE_CLASS}`)?.getAttribute('data-id');
      const id = focused ?? (callbacks.current.selection.length === 1 ? callbacks.current.selection[0] : undefined);
      if (id) startRename(id);
      else callbacks.current.onRefused('Select one job or stage to rename.');
    }
  }, [deleteSelection, startRename]);

  // Stable handlers: React Flow copies each changed prop into its store, and every store update
  // re-runs the selectors of every drawn node and edge.
  const onMoveEnd = useCallback((_event: unknown, viewport: Viewport) => callbacks.current.onViewportChange(viewport), []);
  const endLaneDrag = laneDrop.endDrag;
  const dropNodes = drag.onNodeDragStop;
  const onNodeDragStop: OnNodeDrag<DesignerNode> = useCallback((event, node, dropped) => {
    endLaneDrag();
    dropNodes(event, node, dropped);
  }, [endLaneDrag, dropNodes]);

  return (
    <RenameContext.Provider value={renameControl}>
    <LaneCanvasContext.Provider value={laneControl}>
    <RouteContext.Provider value={obstacles}>
      <div
        className="pw-canvas"
        ref={containerRef}
        onKeyDown={onKeyDown}
        onKeyDownCapture={keyboard.onKeyDownCapture}
        data-layout-engine={laidOut.shown?.engine}
        data-only-visible={onlyVisible ? 'true' : undefined}
      >
        {keyboard.banner}
        {laidOut.pending ? <LayoutProgress nodeCount={graph.nodes.length} /> : null}
        <ReactFlow<DesignerNode>
          nodes={keyboard.decorateNodes(shownNodes)}
          edges={keyboard.pendingEdges.length > 0 ? [...edges, ...keyboard.pendingEdges] : edges}
          nodeTypes={NODE_TYPES}
          edgeTypes={EDGE_TYPES}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onNodeClick={onNodeClick}
          onNodeDoubleClick={onNodeDoubleClick}
          onConnect={onConnect}
          onConnectEnd={onConnectEnd}
          isValidConnection={isValidConnection}
          onMoveEnd={onMoveEnd}
          defaultViewport={restoredViewport ?? { x: 0, y: 0, zoom: 1 }}
          minZoom={0.1}
          maxZoom={2}
          nodesDraggable
          onNodeDrag={laneDrop.onNodeDrag}
          onNodeDragStop={onNodeDragStop}
          nodesConnectable
          elementsSelectable
          zoomOnDoubleClick={false}
          deleteKeyCode={null}
          proOptions={PRO_OPTIONS}
          onlyRenderVisibleElements={onlyVisible}
          // Focusable (not in the Tab order) so the focus can stay here when a node leaves the page.
          tabIndex={-1}
          aria-label="Pipeline graph"
        >
          <Background variant={BackgroundVariant.Dots} gap={24} size={1} />
          <Controls showInteractive={false} showFitView={false}>
            <ControlButton
              className="react-flow__controls-fitview"
              title="Fit the graph to the view (as far as it stays readable)"
              aria-label="Fit the graph to the view (as far as it stays readable)"
              onClick={() => void fitReadable()}
            >
              <span className="codicon codicon-screen-full" aria-hidden="true" />
            </ControlButton>
          </Controls>
          {showMinimap ? (
            <MiniMap pannable zoomable nodeClassName={minimapClass} ariaLabel="Overview of the graph" />
          ) : null}
          <AddStageButton graph={laidOut.shown?.graph ?? graph} layout={placed} />
        </ReactFlow>
      </div>
    </RouteContext.Provider>
    </LaneCanvasContext.Provider>
    </RenameContext.Provider>
  );
}

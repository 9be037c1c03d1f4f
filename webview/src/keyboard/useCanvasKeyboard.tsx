// The canvas from the keyboard: arrows move the selection between nodes (spatialNavigation.ts),
// Enter opens the inspector on the node, and C starts a connection: arrows choose the node that
// will depend on the selected one, Enter asks for the dependency, Escape cancels. Keys are taken
// in the capture phase so React Flow's own arrow handling (moving nodes) never sees them.
// Delete and F2 stay with the canvas's edit keys; they act on the node selected here.
import type { useStoreApi } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import type { EditOperation } from '../../../src/core/edit/operations';
import type { PipelineGraph } from '../../../src/core/model';
import { connectOperation } from '../edit/gestures';
import { GRAPH_NODE_CLASS, type DesignerEdge, type DesignerNode } from '../flow/flowTypes';
import { ARROW_DIRECTIONS, firstNode, nextNode, type NavigationBox } from './spatialNavigation';
import './keyboard.css';

type FlowStore = ReturnType<typeof useStoreApi>;

/** The canvas's props this needs, read when a key is pressed. */
export interface KeyboardCallbacks {
  graph: PipelineGraph;
  selection: readonly string[];
  onSelectionChange(ids: string[]): void;
  onEdit(operation: EditOperation): void;
  onRefused(reason: string): void;
  /** Enter on a node: open the inspector for it and move focus there. */
  onOpenInspector?(id: string): void;
  /** Words for the screen reader's live region. */
  onAnnounce?(text: string): void;
}

interface PendingConnection {
  /** The dependency: the node C was pressed on. */
  source: string;
  /** The node that would depend on it, chosen with the arrows. */
  target?: string;
}

export const PENDING_EDGE_ID = 'pw-pending-connection';

export function useCanvasKeyboard(
  store: FlowStore,
  /** Focuses a node, bringing it into view first when it is not drawn (components/useNodeFocus.ts). */
  focusNode: (id: string) => void,
  callbacks: RefObject<KeyboardCallbacks>,
  whenEditable: (gesture: () => void) => void,
) {
  const [pending, setPending] = useState<PendingConnection>();
  const graph = callbacks.current.graph;

  // A new document may have removed either end; start over rather than connect stale ids.
  useEffect(() => setPending(undefined), [graph]);

  const nameOf = useCallback((id: string) => callbacks.current.graph.nodes.find((n) => n.id === id)?.name ?? id, [callbacks]);
  const announce = useCallback((text: string) => callbacks.current.onAnnounce?.(text), [callbacks]);

  /** Graph nodes as drawn (user-moved positions included), for spatial moves. */
  const boxes = useCallback((): NavigationBox[] => {
    const list: NavigationBox[] = [];
    for (const node of store.getState().nodeLookup.values()) {
      if (node.type !== 'job' && node.type !== 'stage') continue;
      const { x, y } = node.internals.positionAbsolute;
      list.push({
        id: node.id,
        x,
        y,
        width: node.measured.width ?? node.width ?? 0,
        height: node.measured.height ?? node.height ?? 0,
        group: node.type === 'stage',
      });
    }
    return list;
  }, [store]);

  const onKeyDownCapture = useCallback((event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    // Controls drawn on the canvas that handle their own keys (lane headers, the add-stage menu).
    if (target.closest('input, textarea, [contenteditable="true"], .pw-own-keys')) return;
    const { graph: current, selection } = callbacks.current;
    const focused = target.closest(`.react-flow__node.${GRAPH_NODE_CLASS}`)?.getAttribute('data-id') ?? undefined;
    const here = focused ?? (selection.length === 1 ? selection[0] : undefined);
    const direction = ARROW_DIRECTIONS[event.key];
    const plain = !event.ctrlKey && !event.metaKey && !event.altKey;

    if (pending) {
      // While connecting, the keys below belong to the connection; nothing else acts.
      event.stopPropagation();
      if (direction && plain) {
        event.preventDefault();
        const next = nextNode(boxes(), current.edges, pending.target ?? pending.source, direction);
        if (!next) return;
        setPending({ ...pending, target: next });
        focusNode(next);
        announce(next === pending.source ? `Back at ${nameOf(next)}.` : `Connect to ${nameOf(next)}? Press Enter to make it depend on ${nameOf(pending.source)}.`);
      } else if (event.key === 'Enter') {
        event.preventDefault();
        setPending(undefined);
        if (!pending.target) {
          announce('Choose a stage with the arrow keys first. Connection cancelled.');
          return;
        }
        const gesture = connectOperation(current, pending.source, pending.target);
        whenEditable(() => {
          if (gesture.ok) callbacks.current.onEdit(gesture.value);
          else callbacks.current.onRefused(gesture.reason);
        });
      } else if (event.key === 'Escape') {
        event.preventDefault();
        setPending(undefined);
        focusNode(pending.source);
        announce('Connection cancelled.');
      } else if (event.key === 'Tab') {
        setPending(undefined);
      } else {
        event.preventDefault();
      }
      return;
    }

    if (direction && plain) {
      // Stopped here so React Flow does not move the node instead.
      event.stopPropagation();
      event.preventDefault();
      const next = here ? nextNode(boxes(), current.edges, here, direction) : firstNode(boxes());
      if (!next) return;
      callbacks.current.onSelectionChange([next]);
      focusNode(next);
    } else if (event.key === 'Enter' && plain && here) {
      // The canvas's own Enter handling still reveals the node in the text.
      if (selection.length !== 1 || selection[0] !== here) callbacks.current.onSelectionChange([here]);
      callbacks.current.onOpenInspector?.(here);
    } else if ((event.key === 'c' || event.key === 'C') && plain && !event.shiftKey && here) {
      event.stopPropagation();
      event.preventDefault();
      setPending({ source: here });
      if (!focused) focusNode(here);
      announce(`Connecting from ${nameOf(here)}: use the arrow keys to choose the stage that will depend on it, Enter to connect, Escape to cancel.`);
    }
  }, [pending, boxes, callbacks, focusNode, announce, nameOf, whenEditable]);

  const decorateNodes = useCallback((nodes: DesignerNode[]): DesignerNode[] => {
    if (!pending) return nodes;
    return nodes.map((n) => {
      const role = n.id === pending.source ? 'pw-connect-source' : n.id === pending.target ? 'pw-connect-target' : undefined;
      return role ? { ...n, className: `${n.className ?? ''} ${role}` } : n;
    });
  }, [pending]);

  const pendingEdges = useMemo((): DesignerEdge[] => {
    if (!pending?.target || pending.target === pending.source) return [];
    return [{
      id: PENDING_EDGE_ID,
      source: pending.source,
      target: pending.target,
      type: 'dependency',
      selectable: false,
      focusable: false,
      deletable: false,
      animated: true,
      className: 'pw-edge-pending',
      ariaLabel: `Pending: ${nameOf(pending.target)} would depend on ${nameOf(pending.source)}`,
    }];
  }, [pending, nameOf]);

  const banner: ReactNode = pending ? (
    <div className="pw-connect-banner" role="status">
      <span className="codicon codicon-git-compare" aria-hidden="true" />
      {pending.target && pending.target !== pending.source
        ? `Connect: ${nameOf(pending.target)} will depend on ${nameOf(pending.source)}. Enter to connect, Escape to cancel.`
        : `Connecting from ${nameOf(pending.source)}: choose the stage that will depend on it with the arrow keys.`}
    </div>
  ) : null;

  return { onKeyDownCapture, decorateNodes, pendingEdges, banner, connecting: pending !== undefined };
}

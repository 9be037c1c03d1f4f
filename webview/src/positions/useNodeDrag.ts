// Dragging nodes on the canvas. While a drag lasts the dragged nodes follow the pointer from a
// local overlay (React Flow stays controlled; the graph is untouched); on drop the positions are
// kept, handed to the stage-move handler, or dropped so the node goes back (see dropOutcome).
import type { Node, NodeChange, XYPosition } from '@xyflow/react';
import { useCallback, useRef, useState } from 'react';
import type { PipelineGraph } from '../../../src/core/model';
import type { NodePosition, NodePositions } from '../../../src/shared/nodePositions';
import type { GraphLayout } from '../layout/types';
import { dropOutcome } from './dropOutcome';

/** A job dropped inside another GitLab lane or Azure stage than its own. */
export interface StageDrop {
  nodeId: string;
  fromStage: string;
  toStage: string;
  /** Where it was dropped, in flow coordinates (top-left; absolute even for an Azure job). */
  position: NodePosition;
}

/**
 * Decides what a drop in another stage means (e.g. a moveToStage edit). Returns true when it
 * acted on it: a GitLab job then keeps its dropped position (it will be inside its new lane once
 * the host's document arrives). False, or no handler, sends the job back.
 */
export type StageDropHandler = (drop: StageDrop) => boolean;

export interface NodeDragControl {
  /** Positions of nodes being dragged right now, by id. */
  dragging: ReadonlyMap<string, XYPosition>;
  /** Feed React Flow's node changes; position changes are taken, the rest ignored. */
  onPositionChanges(changes: readonly NodeChange[]): void;
  onNodeDragStop(event: unknown, node: Node, nodes: Node[]): void;
}

interface DragInputs {
  graph: PipelineGraph;
  /** The layout on screen, user positions applied. */
  layout: GraphLayout | undefined;
  onMoved(moves: NodePositions, graph: PipelineGraph): void;
  onStageDrop?: StageDropHandler;
}

export function useNodeDrag(inputs: DragInputs): NodeDragControl {
  const latest = useRef(inputs);
  latest.current = inputs;
  const [dragging, setDragging] = useState<ReadonlyMap<string, XYPosition>>(() => new Map());

  const onPositionChanges = useCallback((changes: readonly NodeChange[]) => {
    const moves = changes.filter((c) => c.type === 'position' && c.position !== undefined);
    if (moves.length === 0) return;
    setDragging((current) => {
      const next = new Map(current);
      for (const c of moves) if (c.type === 'position' && c.position) next.set(c.id, c.position);
      return next;
    });
  }, []);

  const onNodeDragStop = useCallback((_event: unknown, node: Node, nodes: Node[]) => {
    const { graph, layout, onMoved, onStageDrop } = latest.current;
    const dropped = nodes.length > 0 ? nodes : [node];
    const kept: Array<[string, NodePosition]> = [];
    for (const n of dropped) {
      if (!layout) break;
      const position = { x: n.position.x, y: n.position.y };
      const outcome = dropOutcome(graph, layout, n.id, position);
      if (outcome.kind === 'keep') {
        kept.push([n.id, position]);
      } else if (outcome.kind === 'otherStage' && onStageDrop) {
        const parent = n.parentId !== undefined ? layout.nodes.find((b) => b.id === n.parentId) : undefined;
        const absolute = parent ? { x: parent.x + position.x, y: parent.y + position.y } : position;
        const acted = onStageDrop({ nodeId: n.id, fromStage: outcome.fromStage, toStage: outcome.toStage, position: absolute });
        // An Azure job changes id when it moves (Stage/Job), so only a lane job keeps its spot.
        if (acted && !parent) kept.push([n.id, position]);
      }
    }
    setDragging(new Map());
    if (kept.length > 0) onMoved(Object.fromEntries(kept), graph);
  }, []);

  return { dragging, onPositionChanges, onNodeDragStop };
}

// Dragging a job onto another GitLab lane or Azure stage group. The drag itself (and where a drop
// lands) belongs to positions/useNodeDrag; this hook answers its StageDropHandler with a
// moveToStage edit and, while the drag lasts, names the lane or group under the job so it can be
// highlighted. The graph changes only when the host sends the edited document.
import type { Node } from '@xyflow/react';
import { useCallback, useRef, useState } from 'react';
import type { EditOperation } from '../../../src/core/edit/operations';
import type { PipelineGraph } from '../../../src/core/model';
import type { GraphLayout } from '../layout/types';
import { dropOutcome } from '../positions/dropOutcome';
import type { StageDrop } from '../positions/useNodeDrag';
import { stageDropOperation } from './stageDrop';

interface LaneDropInputs {
  graph: PipelineGraph;
  /** The layout on screen (user positions applied). */
  layout: GraphLayout | undefined;
  edit(operation: EditOperation): void;
  refuse(reason: string): void;
  /** Why edits cannot be made now, if they cannot. */
  blockedReason(): string | undefined;
}

export interface LaneDrop {
  dropTarget?: string;
  onNodeDrag(event: unknown, node: Node): void;
  /** Clears the highlight; call on every drag stop. */
  endDrag(): void;
  /** The StageDropHandler: true when the drop became an edit. */
  onStageDrop(drop: StageDrop): boolean;
}

export function useLaneDrop(inputs: LaneDropInputs): LaneDrop {
  const latest = useRef(inputs);
  latest.current = inputs;
  const [dropTarget, setDropTarget] = useState<string>();

  const onNodeDrag = useCallback((_event: unknown, node: Node) => {
    const { graph, layout } = latest.current;
    if (!layout || graph.dialect === 'github') return;
    const outcome = dropOutcome(graph, layout, node.id, node.position);
    const next = outcome.kind === 'otherStage' ? outcome.toStage : undefined;
    setDropTarget((current) => (current === next ? current : next));
  }, []);

  const endDrag = useCallback(() => setDropTarget(undefined), []);

  const onStageDrop = useCallback((drop: StageDrop) => {
    const { graph, edit, refuse, blockedReason } = latest.current;
    const blocked = blockedReason();
    if (blocked) {
      refuse(blocked);
      return false;
    }
    const gesture = stageDropOperation(graph, drop.nodeId, drop.toStage);
    if (!gesture.ok) {
      refuse(gesture.reason);
      return false;
    }
    edit(gesture.value);
    return true;
  }, []);

  return { ...(dropTarget !== undefined ? { dropTarget } : {}), onNodeDrag, endDrag, onStageDrop };
}

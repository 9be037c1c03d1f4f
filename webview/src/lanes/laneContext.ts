// What lane headers and stage groups (drawn by React Flow inside the canvas) need from the
// canvas: the graph on screen, a way to ask for an edit, and the lane or stage a dragged job is
// over. A context, so no callbacks travel inside React Flow node data.
import { createContext, useContext } from 'react';
import type { EditOperation } from '../../../src/core/edit/operations';
import type { PipelineGraph } from '../../../src/core/model';

export interface LaneCanvasControl {
  graph?: PipelineGraph;
  /** Sends the edit to the host, or says why editing is blocked now. */
  request(operation: EditOperation): void;
  /** Says why a gesture will not become an edit. */
  refuse(reason: string): void;
  /** Id of the GitLab lane or Azure stage a dragged job would move to if dropped now. */
  dropTarget?: string;
}

export const LaneCanvasContext = createContext<LaneCanvasControl>({ request: () => undefined, refuse: () => undefined });

/** True while a dragged job is over this lane or stage group (and it is not the job's own). */
export function useIsDropTarget(id: string): boolean {
  return useContext(LaneCanvasContext).dropTarget === id;
}

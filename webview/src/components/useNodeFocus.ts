// Moves the keyboard focus to a node of the canvas. A large graph draws only the nodes in view
// (viewport/culling.ts), so the node may not be in the page: then the view pans to it first (at
// the same zoom) and the focus follows once React Flow has drawn it. The focused node's own
// aria-label is what a screen reader reads, so this is also how it is announced.
import type { ReactFlowInstance, useStoreApi } from '@xyflow/react';
import { useCallback, useRef, type RefObject } from 'react';
import { revealNodes } from './revealNodes';

type FlowStore = ReturnType<typeof useStoreApi>;

/** Frames to wait for a revealed node to be drawn before giving up (it was removed meanwhile). */
const MAX_WAIT_FRAMES = 120;

export function nodeElement(container: ParentNode | null | undefined, id: string): HTMLElement | null {
  return container?.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`) ?? null;
}

/**
 * Returns `focusNode(id)`. Only the newest request is carried out: arrows pressed quickly in a
 * row end on the last node, not on whichever was drawn last. `onViewMoved` is told when the view
 * panned, so the viewport is remembered as after any move.
 */
export function useNodeFocus(
  store: FlowStore,
  flow: ReactFlowInstance,
  containerRef: RefObject<HTMLElement | null>,
  onViewMoved: () => void,
): (id: string) => void {
  const latest = useRef(0);
  const moved = useRef(onViewMoved);
  moved.current = onViewMoved;
  return useCallback((id: string) => {
    const request = ++latest.current;
    const drawn = nodeElement(containerRef.current, id);
    if (drawn) {
      drawn.focus();
      return;
    }
    if (!store.getState().nodeLookup.has(id)) return;
    void revealNodes(store, flow, [id]).then((panned) => {
      if (panned) moved.current();
      let frames = 0;
      const attempt = () => {
        if (request !== latest.current) return;
        const element = nodeElement(containerRef.current, id);
        if (element) element.focus();
        else if (++frames <= MAX_WAIT_FRAMES) requestAnimationFrame(attempt);
      };
      attempt();
    });
  }, [store, flow, containerRef]);
}

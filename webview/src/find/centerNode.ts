// Centre the view on one node at a zoom where it can be read: the current zoom, raised to the
// readable one when the view is zoomed further out (a match drawn a few pixels wide has not been
// shown), and lowered only when the node would not fit.
import type { ReactFlowInstance, useStoreApi } from '@xyflow/react';
import { READABLE_ZOOM } from '../viewport/firstViewport';

type FlowStore = ReturnType<typeof useStoreApi>;

/** Room kept around the node when the zoom must shrink to show it, in screen pixels. */
const MARGIN_PX = 40;

export async function centerNode(store: FlowStore, flow: ReactFlowInstance, id: string): Promise<boolean> {
  const { nodeLookup, width, height, transform } = store.getState();
  const node = nodeLookup.get(id);
  if (!node) return false;
  const { x, y } = node.internals.positionAbsolute;
  const w = node.measured.width ?? node.width ?? 0;
  const h = node.measured.height ?? node.height ?? 0;
  const fits = Math.min((width - 2 * MARGIN_PX) / Math.max(w, 1), (height - 2 * MARGIN_PX) / Math.max(h, 1));
  const zoom = Math.min(Math.max(transform[2], READABLE_ZOOM), Math.max(fits, 0.1));
  await flow.setCenter(x + w / 2, y + h / 2, { zoom, duration: 0 });
  return true;
}

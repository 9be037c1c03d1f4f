// Bring nodes into view without changing the zoom: pan only when some of them are off-screen.
import type { ReactFlowInstance, useStoreApi } from '@xyflow/react';

type FlowStore = ReturnType<typeof useStoreApi>;

/** True when the view moved. */
export async function revealNodes(store: FlowStore, flow: ReactFlowInstance, ids: readonly string[]): Promise<boolean> {
  const { nodeLookup, width, height, transform } = store.getState();
  const [tx, ty, zoom] = transform;
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const id of ids) {
    const node = nodeLookup.get(id);
    if (!node) continue;
    const { x, y } = node.internals.positionAbsolute;
    left = Math.min(left, x);
    top = Math.min(top, y);
    right = Math.max(right, x + (node.measured.width ?? node.width ?? 0));
    bottom = Math.max(bottom, y + (node.measured.height ?? node.height ?? 0));
  }
  if (left === Infinity) return false;
  // The part of the flow the pane shows, in flow coordinates.
  const viewLeft = -tx / zoom;
  const viewTop = -ty / zoom;
  const visible = left >= viewLeft && top >= viewTop && right <= viewLeft + width / zoom && bottom <= viewTop + height / zoom;
  if (visible) return false;
  await flow.setCenter((left + right) / 2, (top + bottom) / 2, { zoom, duration: 0 });
  return true;
}

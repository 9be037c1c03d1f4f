// "After the graph is on screen": React Flow measures nodes and their handles after mounting them
// and only then draws edges. Wait for that, then one more frame so the edges are painted too.
import type { useStoreApi } from '@xyflow/react';

type FlowStore = ReturnType<typeof useStoreApi>;

/** Frames to wait for measurement before running anyway (a node that never measures). */
const MAX_WAIT_FRAMES = 120;

/** Runs `then` once every visible node is measured and painted; returns a cancel function. */
export function afterFlowSettles(store: FlowStore, then: () => void): () => void {
  let frames = 0;
  let handle = 0;
  const check = () => {
    const measured = [...store.getState().nodeLookup.values()].every(
      (n) =>
        n.hidden === true ||
        (n.measured.width !== undefined && n.measured.height !== undefined && n.internals.handleBounds !== undefined),
    );
    handle = measured || ++frames > MAX_WAIT_FRAMES ? requestAnimationFrame(then) : requestAnimationFrame(check);
  };
  handle = requestAnimationFrame(check);
  return () => cancelAnimationFrame(handle);
}

// "After the graph is on screen": React Flow measures nodes and their handles after mounting them
// and only then draws edges. Wait for that, then one more frame so the edges are painted too.
// A large graph draws only the nodes in view (viewport/culling.ts): those are the ones waited for.
import type { useStoreApi } from '@xyflow/react';

type FlowStore = ReturnType<typeof useStoreApi>;
type FlowState = ReturnType<FlowStore['getState']>;
type InternalNode = FlowState['nodeLookup'] extends Map<string, infer N> ? N : never;

/** Frames to wait for measurement before running anyway (a node that never measures). */
const MAX_WAIT_FRAMES = 120;

/** Whether any part of the node is in the pane, as React Flow decides which nodes to draw. */
function inView(node: InternalNode, state: FlowState): boolean {
  const [tx, ty, zoom] = state.transform;
  const left = -tx / zoom;
  const top = -ty / zoom;
  const { x, y } = node.internals.positionAbsolute;
  const width = node.measured.width ?? node.width ?? 0;
  const height = node.measured.height ?? node.height ?? 0;
  return x < left + state.width / zoom && x + width > left && y < top + state.height / zoom && y + height > top;
}

/**
 * Runs `then` once every node that should be drawn is measured and painted; returns a cancel
 * function. `onlyVisible`: the canvas draws only the nodes in view.
 */
export function afterFlowSettles(store: FlowStore, then: () => void, onlyVisible = false): () => void {
  let frames = 0;
  let handle = 0;
  const check = () => {
    const state = store.getState();
    let measured = true;
    for (const n of state.nodeLookup.values()) {
      if (n.hidden === true || (onlyVisible && !inView(n, state))) continue;
      if (n.measured.width === undefined || n.measured.height === undefined || n.internals.handleBounds === undefined) {
        measured = false;
        break;
      }
    }
    handle = measured || ++frames > MAX_WAIT_FRAMES ? requestAnimationFrame(then) : requestAnimationFrame(check);
  };
  handle = requestAnimationFrame(check);
  return () => cancelAnimationFrame(handle);
}

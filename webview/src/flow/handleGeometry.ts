// Where each node's two connection handles sit, declared up front (React Flow's `handles`), so an
// arrow can be drawn to a node that is not in the page: large graphs draw only the nodes in view
// (viewport/culling.ts), and an arrow from a drawn node to one out of view still needs its end.
// Must agree with what the browser measures once the node is drawn (styles.css: .pw-handle is
// 9px plus a 1px border, centred on the card's left and right edges; a job card's edges are its
// 4px left border and 1px right border); test/webview/culling.test.ts compares the two.
import { Position, type NodeHandle } from '@xyflow/react';

/** .pw-handle: 9px square with a 1px border. */
const HANDLE_SIZE = 11;

/** Where the handles' centres are, measured in from the node's left and right sides. */
const HANDLE_INSETS: Record<'job' | 'stage' | 'ghost', { left: number; right: number }> = {
  job: { left: 4, right: 1 },
  stage: { left: 0, right: 0 },
  ghost: { left: 0, right: 0 },
};

export function declaredHandles(type: 'job' | 'stage' | 'ghost', width: number, height: number): NodeHandle[] {
  const { left, right } = HANDLE_INSETS[type];
  const y = height / 2 - HANDLE_SIZE / 2;
  return [
    { type: 'target', position: Position.Left, x: left - HANDLE_SIZE / 2, y, width: HANDLE_SIZE, height: HANDLE_SIZE },
    { type: 'source', position: Position.Right, x: width - right - HANDLE_SIZE / 2, y, width: HANDLE_SIZE, height: HANDLE_SIZE },
  ];
}

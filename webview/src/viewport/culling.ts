// Large graphs draw only what is in view (React Flow's onlyRenderVisibleElements): a card of a
// 1000-job pipeline costs React and the browser's layout the same whether or not it is on screen,
// and most are not. Every node stays laid out and in React Flow's store (minimap, keyboard moves,
// find, reveal and the `rendered` report read that); arrows to nodes out of view are drawn from
// their declared handles (flow/handleGeometry.ts). Moving the focus to a node out of view brings
// it into view first (components/focusNode.ts).

/** Graphs with more nodes than this are drawn culled; smaller ones fit on a screen or two anyway. */
export const CULL_ABOVE = 200;

export function drawsOnlyVisible(nodeCount: number): boolean {
  return nodeCount > CULL_ABOVE;
}

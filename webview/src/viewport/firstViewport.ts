// The view a file opens with, and the one the Fit buttons go back to: the whole graph when it
// fits at a readable size; otherwise the readable size, showing the start of the flow (its first
// column, from the top) so the user reads the pipeline's beginning and pans right. Pure.
import type { GraphLayout } from '../layout/types';

/** Smallest text on a node that can still be read comfortably, in screen pixels. */
export const READABLE_TEXT_PX = 11;
/** The smallest text a node card draws (styles.css: .pw-row), used when it cannot be measured. */
export const NODE_TEXT_PX = 12;
/** The canvas's own zoom limit (GraphCanvas maxZoom): readability never asks for more. */
const MAX_CANVAS_ZOOM = 2;
/** Space left between the graph and the pane's edges, in screen pixels. */
const PADDING = 24;

/** The zoom at which node text of `nodeTextPx` is drawn READABLE_TEXT_PX tall. */
export function readableZoom(nodeTextPx: number): number {
  if (!(nodeTextPx > 0)) return READABLE_TEXT_PX / NODE_TEXT_PX;
  return Math.min(MAX_CANVAS_ZOOM, READABLE_TEXT_PX / nodeTextPx);
}

/** Below this zoom, the node text of the default card styles is too small to read. */
export const READABLE_ZOOM = readableZoom(NODE_TEXT_PX);

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ViewportValue {
  x: number;
  y: number;
  zoom: number;
}

/** What the view is computed from: everything drawn, and the flow's first column. */
export interface ViewExtent {
  bounds: Rect;
  /** The box around the leftmost column of top-level boxes. */
  start: Rect;
}

export function firstViewport(
  graphBounds: Rect,
  pane: { width: number; height: number },
  start: Rect = graphBounds,
  { minZoom = READABLE_ZOOM, maxZoom = 1 } = {},
): ViewportValue {
  const roomX = Math.max(1, pane.width - 2 * PADDING);
  const roomY = Math.max(1, pane.height - 2 * PADDING);
  const fit = Math.min(roomX / Math.max(1, graphBounds.width), roomY / Math.max(1, graphBounds.height));
  // Readability wins over "never enlarged" when the two disagree (very small node text).
  const zoom = Math.max(minZoom, Math.min(maxZoom, fit));
  const drawnWidth = graphBounds.width * zoom;
  const drawnHeight = graphBounds.height * zoom;
  const x = drawnWidth <= roomX ? (pane.width - drawnWidth) / 2 - graphBounds.x * zoom : PADDING - start.x * zoom;
  let y: number;
  if (drawnHeight <= roomY) {
    y = (pane.height - drawnHeight) / 2 - graphBounds.y * zoom;
  } else {
    // Too tall too: the first column from its top, without leaving space below the graph's end.
    const lowest = pane.height - PADDING - (graphBounds.y + graphBounds.height) * zoom;
    y = Math.max(lowest, PADDING - start.y * zoom);
  }
  return { x, y, zoom };
}

/** A box as the view sees it; `graphNode` false for GitLab lanes (backgrounds, not stages). */
export interface ViewBox extends Rect {
  parentId?: string;
  graphNode: boolean;
}

/** The box around everything drawn, and the first column: top-level graph boxes at the left end. */
export function viewExtent(boxes: readonly ViewBox[]): ViewExtent | undefined {
  if (boxes.length === 0) return undefined;
  const left = Math.min(...boxes.map((b) => b.x));
  const top = Math.min(...boxes.map((b) => b.y));
  const right = Math.max(...boxes.map((b) => b.x + b.width));
  const bottom = Math.max(...boxes.map((b) => b.y + b.height));
  const bounds = { x: left, y: top, width: right - left, height: bottom - top };
  const topLevel = boxes.filter((b) => b.graphNode && b.parentId === undefined);
  const candidates = topLevel.length > 0 ? topLevel : boxes;
  const first = candidates.reduce((a, b) => (b.x < a.x ? b : a));
  // Everything that overlaps the first box's x range is the first column (GitLab's first lane
  // header included), so "its top" is where a reader starts.
  const column = boxes.filter((b) => b.parentId === undefined && b.x < first.x + first.width && b.x + b.width > first.x);
  const columnLeft = Math.min(...column.map((b) => b.x));
  const columnTop = Math.min(...column.map((b) => b.y));
  const columnRight = Math.max(...column.map((b) => b.x + b.width));
  const columnBottom = Math.max(...column.map((b) => b.y + b.height));
  return { bounds, start: { x: columnLeft, y: columnTop, width: columnRight - columnLeft, height: columnBottom - columnTop } };
}

/** viewExtent of a computed layout (before React Flow has drawn it). */
export function layoutBounds(layout: GraphLayout): ViewExtent | undefined {
  return viewExtent([
    ...layout.lanes.map((b) => ({ ...b, graphNode: false })),
    ...layout.nodes.map((b) => ({ ...b, graphNode: true })),
    ...layout.ghosts.map((b) => ({ ...b, graphNode: true })),
  ]);
}

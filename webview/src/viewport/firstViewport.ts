// The view a file opens with: the whole graph when it fits at a readable size; otherwise the
// readable size, showing the start of the flow (its left end). Pure. The Fit button still fits
// everything, however small that makes it.
import type { GraphLayout } from '../layout/types';

/** Below this zoom, job titles are too small to read. */
export const READABLE_ZOOM = 0.65;
/** Space left between the graph and the pane's edges, in screen pixels. */
const PADDING = 24;

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

export function firstViewport(
  graphBounds: Rect,
  pane: { width: number; height: number },
  start: Rect = graphBounds,
  { minZoom = READABLE_ZOOM, maxZoom = 1 } = {},
): ViewportValue {
  const roomX = Math.max(1, pane.width - 2 * PADDING);
  const roomY = Math.max(1, pane.height - 2 * PADDING);
  const fit = Math.min(roomX / Math.max(1, graphBounds.width), roomY / Math.max(1, graphBounds.height));
  const zoom = Math.min(maxZoom, Math.max(minZoom, fit));
  const drawnWidth = graphBounds.width * zoom;
  const drawnHeight = graphBounds.height * zoom;
  const x = drawnWidth <= roomX ? (pane.width - drawnWidth) / 2 - graphBounds.x * zoom : PADDING - graphBounds.x * zoom;
  let y: number;
  if (drawnHeight <= roomY) {
    y = (pane.height - drawnHeight) / 2 - graphBounds.y * zoom;
  } else {
    // Too tall too: centre the start of the flow, without leaving space above the graph's top.
    const centred = pane.height / 2 - (start.y + start.height / 2) * zoom;
    const lowest = pane.height - PADDING - (graphBounds.y + graphBounds.height) * zoom;
    y = Math.max(lowest, Math.min(centred, PADDING - graphBounds.y * zoom));
  }
  return { x, y, zoom };
}

/** The box around everything drawn, and the box of the leftmost graph node (the flow's start). */
export function layoutBounds(layout: GraphLayout): { bounds: Rect; start: Rect } | undefined {
  const boxes = [...layout.lanes, ...layout.nodes, ...layout.ghosts];
  if (boxes.length === 0) return undefined;
  const left = Math.min(...boxes.map((b) => b.x));
  const top = Math.min(...boxes.map((b) => b.y));
  const right = Math.max(...boxes.map((b) => b.x + b.width));
  const bottom = Math.max(...boxes.map((b) => b.y + b.height));
  const jobs = layout.nodes.filter((b) => b.parentId === undefined);
  const first = (jobs.length > 0 ? jobs : boxes).reduce((a, b) => (b.x < a.x || (b.x === a.x && b.y < a.y) ? b : a));
  return { bounds: { x: left, y: top, width: right - left, height: bottom - top }, start: first };
}

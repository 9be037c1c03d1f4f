// What is under a drop point on the canvas: an edge (the new stage goes between its two ends),
// a stage (the new one goes after it), or empty canvas (where, canvasPlacement.ts decides).
// Points are in flow coordinates.
import type { useStoreApi } from '@xyflow/react';
import type { PipelineGraph } from '../../../src/core/model';
import { canvasPlacement, type LaneColumn } from './canvasPlacement';
import { isPlaceable, placeableRole, type Placement } from './dropRules';

type FlowStore = ReturnType<typeof useStoreApi>;

export interface Point {
  x: number;
  y: number;
}

export interface Box {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export type DropSpot =
  | { kind: 'edge'; from: string; to: string; /** The edge's SVG path, to highlight it. */ path: string }
  | { kind: 'node'; after: string; box: Box }
  /** `after` and `before` are the boxes of the placement's stages, to draw the link to them. */
  | { kind: 'canvas'; point: Point; placement: Placement; after?: Box; before?: Box };

/** How far (screen pixels) a drop may miss an edge's line and still land on it. */
export const EDGE_TOLERANCE_PX = 10;
/** How far above or below a stage (flow units) a drop still counts as in its row: half the usual gap between rows. */
export const ROW_SLACK = 14;

/** Where the placeable stages are drawn, from React Flow's measurements. */
export function placeableBoxes(store: FlowStore, graph: PipelineGraph): Box[] {
  const { nodeLookup } = store.getState();
  const role = placeableRole(graph);
  const boxes: Box[] = [];
  for (const node of graph.nodes) {
    if (node.role !== role) continue;
    const drawn = nodeLookup.get(node.id);
    if (!drawn) continue;
    const { x, y } = drawn.internals.positionAbsolute;
    const width = drawn.measured.width ?? drawn.width ?? 0;
    const height = drawn.measured.height ?? drawn.height ?? 0;
    boxes.push({ id: node.id, x, y, width, height });
  }
  return boxes;
}

/** GitLab's lane columns as drawn (a lane's name is its stage name). */
export function laneColumns(store: FlowStore): LaneColumn[] {
  const lanes: LaneColumn[] = [];
  for (const node of store.getState().nodeLookup.values()) {
    if (node.type !== 'lane') continue;
    const width = node.measured.width ?? node.width ?? 0;
    lanes.push({ id: (node.data as { name: string }).name, x: node.internals.positionAbsolute.x, width });
  }
  return lanes;
}

export function boxAt(boxes: readonly Box[], p: Point): Box | undefined {
  return boxes.find((b) => p.x >= b.x && p.x <= b.x + b.width && p.y >= b.y && p.y <= b.y + b.height);
}

/**
 * The stage a drop on empty canvas goes after: of those whose row (their height, with a little
 * slack) holds the point and that end left of it, the one ending nearest; ties go to the one
 * whose middle is nearest the point vertically. None: the stage is added at the end.
 */
export function boxLeftOf(boxes: readonly Box[], p: Point): Box | undefined {
  let best: Box | undefined;
  for (const b of boxes) {
    if (p.y < b.y - ROW_SLACK || p.y > b.y + b.height + ROW_SLACK || b.x + b.width > p.x) continue;
    if (!best) {
      best = b;
      continue;
    }
    const right = b.x + b.width;
    const bestRight = best.x + best.width;
    const closerRow = Math.abs(b.y + b.height / 2 - p.y) < Math.abs(best.y + best.height / 2 - p.y);
    if (right > bestRight || (right === bestRight && closerRow)) best = b;
  }
  return best;
}

/**
 * For a drop in no stage's row: the stage in the nearest column to the left of the point (the
 * stages overlapping, left to right, the one ending nearest the point), and of those the one
 * nearest vertically. None when nothing ends left of the point.
 */
export function boxInColumnLeftOf(boxes: readonly Box[], p: Point): Box | undefined {
  const left = boxes.filter((b) => b.x + b.width <= p.x);
  if (left.length === 0) return undefined;
  const nearest = left.reduce((a, b) => (b.x + b.width > a.x + a.width ? b : a));
  const column = left.filter((b) => b.x < nearest.x + nearest.width && nearest.x < b.x + b.width);
  const gap = (b: Box) => Math.max(b.y - p.y, p.y - (b.y + b.height), 0);
  return column.reduce((a, b) => (gap(b) < gap(a) ? b : a));
}

/**
 * The drawn edge whose line passes within `tolerance` (flow units) of the point, nearest first.
 * Only edges between two placeable stages count (an Azure job-to-job edge cannot take a stage).
 */
export function edgeNear(container: Element, graph: PipelineGraph, p: Point, tolerance: number): Extract<DropSpot, { kind: 'edge' }> | undefined {
  let best: { from: string; to: string; path: string; distance: number } | undefined;
  for (const edge of container.querySelectorAll<SVGGElement>('.react-flow__edge[data-from][data-to]')) {
    const from = edge.getAttribute('data-from')!;
    const to = edge.getAttribute('data-to')!;
    if (!isPlaceable(graph, from) || !isPlaceable(graph, to)) continue;
    const line = edge.querySelector<SVGPathElement>('path.react-flow__edge-path');
    if (!line) continue;
    const distance = distanceToPath(line, p, tolerance);
    if (distance <= tolerance && (!best || distance < best.distance)) {
      best = { from, to, path: line.getAttribute('d') ?? '', distance };
    }
  }
  return best ? { kind: 'edge', from: best.from, to: best.to, path: best.path } : undefined;
}

/** Distance from the point to the path (Infinity when clearly farther than `tolerance`). */
function distanceToPath(path: SVGPathElement, p: Point, tolerance: number): number {
  const box = path.getBBox();
  if (p.x < box.x - tolerance || p.x > box.x + box.width + tolerance || p.y < box.y - tolerance || p.y > box.y + box.height + tolerance) {
    return Infinity;
  }
  const length = path.getTotalLength();
  // Samples closer together than the tolerance cannot step over the nearest point by much.
  const step = Math.max(1, tolerance / 3);
  let nearest = Infinity;
  for (let at = 0; at <= length + step; at += step) {
    const q = path.getPointAtLength(Math.min(at, length));
    nearest = Math.min(nearest, Math.hypot(q.x - p.x, q.y - p.y));
  }
  return nearest;
}

/** What a drop at `p` lands on: a stage first (stages are drawn over edges), then an edge, then canvas. */
export function dropSpotAt(container: Element, store: FlowStore, graph: PipelineGraph, p: Point): DropSpot {
  const boxes = placeableBoxes(store, graph);
  const zoom = store.getState().transform[2];
  const onBox = boxAt(boxes, p);
  // An Azure stage is a group box drawn under its own jobs and edges: a drop on it is "after it".
  if (onBox) return { kind: 'node', after: onBox.id, box: onBox };
  const edge = edgeNear(container, graph, p, EDGE_TOLERANCE_PX / zoom);
  if (edge) return edge;
  const placement = canvasPlacement(graph, boxes, laneColumns(store), p);
  const after = boxes.find((b) => b.id === placement.after);
  const before = boxes.find((b) => b.id === placement.before);
  return { kind: 'canvas', point: p, placement, ...(after ? { after } : {}), ...(before ? { before } : {}) };
}

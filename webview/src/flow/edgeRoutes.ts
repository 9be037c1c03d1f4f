// Where a left-to-right dependency arrow runs. Pure. An arrow between neighbouring columns is the
// usual S-curve; one that would cross or graze boxes on its way (build → production past test,
// staging and approve) runs through the free space instead: straight across each column of boxes
// in a gap between them (or above or below them), curving only in the empty space between
// columns. Computed from the boxes as placed, so it holds for every dialect's layout and for
// dragged nodes, and it needs no help from the layout engine.

import type { LayoutBox } from '../layout/types';

/** A box as placed (absolute flow coordinates); an arrow may run inside its own ends' parent groups. */
export type RouteBox = LayoutBox;

export interface RouteEnd {
  /** The node the arrow leaves or enters; it and the groups holding it are not obstacles. */
  id: string;
  x: number;
  y: number;
}

/** A vertical span [top, bottom] taken by boxes. */
type Row = readonly [number, number];

/** Boxes sharing a left edge (a column of same-width cards), looked at together. */
interface LeftGroup {
  left: number;
  /** The furthest right edge of its boxes. */
  right: number;
  boxes: RouteBox[];
  /** The rows its boxes take, merged and sorted. */
  rows: Row[];
}

/** The boxes an arrow must keep out of, ready for lookups by horizontal position. */
export interface RouteObstacles {
  /** Sorted by left edge. */
  groups: readonly LeftGroup[];
  /** The widest box: a box whose left edge is further left than this cannot reach a point. */
  widest: number;
  parentOf: ReadonlyMap<string, string | undefined>;
  groupOf: ReadonlyMap<string, LeftGroup>;
}

/** Space an arrow keeps from a box it passes, where the gap allows. */
export const ROUTE_CLEARANCE = 14;
/** Boxes closer than this leave no passage between them. */
const MIN_PASSAGE = 8;
/** Distance between the points that check whether the plain curve touches a box. */
const CURVE_STEP = 20;

export function routeObstacles(boxes: readonly RouteBox[]): RouteObstacles {
  const byLeft = new Map<number, LeftGroup>();
  const groupOf = new Map<string, LeftGroup>();
  for (const box of boxes) {
    let group = byLeft.get(box.x);
    if (!group) {
      group = { left: box.x, right: box.x, boxes: [], rows: [] };
      byLeft.set(box.x, group);
    }
    group.right = Math.max(group.right, box.x + box.width);
    group.boxes.push(box);
    groupOf.set(box.id, group);
  }
  for (const group of byLeft.values()) group.rows = mergeRows(group.boxes.map((b): Row => [b.y, b.y + b.height]));
  return {
    groups: [...byLeft.values()].sort((a, b) => a.left - b.left),
    widest: Math.max(0, ...boxes.map((b) => b.width)),
    parentOf: new Map(boxes.map((b) => [b.id, b.parentId])),
    groupOf,
  };
}

/** The plain arrow: leaves and enters sideways, bending halfway (React Flow's bezier, right to left handles). */
export function plainCurve(from: { x: number; y: number }, to: { x: number; y: number }): string {
  const middle = (from.x + to.x) / 2;
  return `M ${from.x},${from.y} C ${middle},${from.y} ${middle},${to.y} ${to.x},${to.y}`;
}

/**
 * The path for an arrow from `from` (a right-hand handle) to `to` (a left-hand handle further
 * right): the plain curve when it keeps clear of every box, otherwise a route around the boxes
 * between.
 */
export function routeEdge(obstacles: RouteObstacles, from: RouteEnd, to: RouteEnd): string {
  const pieces = piecesBetween(obstacles, from, to);
  if (pieces.length === 0) return plainCurve(from, to);
  const columns = columnsOf(pieces, from.x, to.x);
  if (!curveTouches(from, to, columns)) return plainCurve(from, to);
  let path = `M ${from.x},${from.y}`;
  let at = { x: from.x, y: from.y };
  for (const column of columns) {
    const wanted = from.y + ((to.y - from.y) * ((column.left + column.right) / 2 - from.x)) / (to.x - from.x);
    const y = freeRow(column.rows, wanted);
    path += ` ${curveTo(at, { x: column.left, y })} L ${column.right},${y}`;
    at = { x: column.right, y };
  }
  return `${path} ${curveTo(at, to)}`;
}

/** A stretch of boxes in the way: a left group, less the arrow's own ends and their groups. */
interface Piece {
  left: number;
  right: number;
  rows: Row[];
}

/** Groups of boxes reaching into the span between the two ends. */
function piecesBetween(obstacles: RouteObstacles, from: RouteEnd, to: RouteEnd): Piece[] {
  const { groups } = obstacles;
  const found: Piece[] = [];
  let own: Set<string> | undefined;
  for (let i = firstWithLeftAbove(groups, from.x - obstacles.widest); i < groups.length && groups[i].left < to.x; i++) {
    const group = groups[i];
    // Most groups end where the arrow starts (the source's own column): skip them whole.
    if (group.right <= from.x) continue;
    own ??= ownBoxes(obstacles, from, to);
    const ownHere = [...own].some((id) => obstacles.groupOf.get(id) === group);
    const boxes = group.boxes.filter((b) => b.x + b.width > from.x && !(ownHere && own!.has(b.id)));
    if (boxes.length === 0) continue;
    if (boxes.length === group.boxes.length) {
      found.push(group);
    } else {
      const right = Math.max(...boxes.map((b) => b.x + b.width));
      found.push({ left: group.left, right, rows: mergeRows(boxes.map((b): Row => [b.y, b.y + b.height])) });
    }
  }
  return found;
}

/** The two ends and the groups holding them. */
function ownBoxes(obstacles: RouteObstacles, from: RouteEnd, to: RouteEnd): Set<string> {
  const own = new Set<string>();
  for (const end of [from.id, to.id]) {
    for (let id: string | undefined = end; id !== undefined && !own.has(id); id = obstacles.parentOf.get(id)) own.add(id);
  }
  return own;
}

/** Index of the first group whose left edge is greater than `x` (binary search). */
function firstWithLeftAbove(groups: readonly LeftGroup[], x: number): number {
  let low = 0;
  let high = groups.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (groups[middle].left <= x) low = middle + 1;
    else high = middle;
  }
  return low;
}

interface Column {
  left: number;
  right: number;
  rows: Row[];
}

/** Pieces that overlap horizontally form one column; the arrow crosses each column straight. */
function columnsOf(pieces: Piece[], fromX: number, toX: number): Column[] {
  const columns: Column[] = [];
  let current: { left: number; right: number; pieces: Piece[] } | undefined;
  const close = () => {
    if (!current) return;
    const rows = current.pieces.length === 1 ? current.pieces[0].rows : mergeRows(current.pieces.flatMap((p) => p.rows));
    columns.push({ left: Math.max(fromX, current.left), right: Math.min(toX, current.right), rows });
  };
  for (const piece of pieces.sort((a, b) => a.left - b.left)) {
    if (current && piece.left <= current.right) {
      current.right = Math.max(current.right, piece.right);
      current.pieces.push(piece);
    } else {
      close();
      current = { left: piece.left, right: piece.right, pieces: [piece] };
    }
  }
  close();
  return columns;
}

/** Rows sorted and merged, closing gaps too narrow to pass through. */
function mergeRows(rows: Row[]): Row[] {
  const merged: Array<[number, number]> = [];
  for (const [top, bottom] of [...rows].sort((a, b) => a[0] - b[0])) {
    const last = merged[merged.length - 1];
    if (last && top < last[1] + MIN_PASSAGE) last[1] = Math.max(last[1], bottom);
    else merged.push([top, bottom]);
  }
  return merged;
}

/** Whether the plain curve comes closer than the clearance to a box in one of the columns. */
function curveTouches(from: { x: number; y: number }, to: { x: number; y: number }, columns: readonly Column[]): boolean {
  const middle = (from.x + to.x) / 2;
  // Steep curves change height fast: sample by the longer of the two distances.
  const samples = Math.max(8, Math.ceil(Math.max(to.x - from.x, Math.abs(to.y - from.y)) / CURVE_STEP));
  let column = 0;
  for (let i = 1; i < samples; i++) {
    const t = i / samples;
    const u = 1 - t;
    // Cubic bezier with control points (middle, from.y) and (middle, to.y); x grows with t.
    const x = u * u * u * from.x + 3 * u * t * middle + t * t * t * to.x;
    const y = (u * u * u + 3 * u * u * t) * from.y + (3 * u * t * t + t * t * t) * to.y;
    while (column < columns.length && columns[column].right < x) column++;
    if (column === columns.length) return false;
    if (x >= columns[column].left && rowNear(columns[column].rows, y, ROUTE_CLEARANCE / 2) >= 0) return true;
  }
  return false;
}

/** Index of the row that `y` is inside of or within `margin` of, or -1 (binary search). */
function rowNear(rows: readonly Row[], y: number, margin: number): number {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (rows[middle][1] + margin <= y) low = middle + 1;
    else high = middle;
  }
  return low < rows.length && rows[low][0] - margin < y ? low : -1;
}

/**
 * The row to cross a column at: `wanted` when it keeps the clearance from the boxes; otherwise
 * the nearest row that does, on the nearer side of the box in the way; in a gap too narrow for
 * the clearance, the gap's middle.
 */
function freeRow(rows: readonly Row[], wanted: number): number {
  const at = rowNear(rows, wanted, ROUTE_CLEARANCE);
  if (at < 0) return wanted;
  const [top, bottom] = rows[at];
  // Inside a box: leave by the nearer side. Beside one: stay on that side.
  const above = wanted < top || (wanted <= bottom && wanted - top <= bottom - wanted);
  const gap: [number, number] = above ? [rows[at - 1]?.[1] ?? -Infinity, top] : [bottom, rows[at + 1]?.[0] ?? Infinity];
  const [low, high] = [gap[0] + ROUTE_CLEARANCE, gap[1] - ROUTE_CLEARANCE];
  if (low > high) return (gap[0] + gap[1]) / 2;
  return Math.min(high, Math.max(low, wanted));
}

/** A curve that leaves and arrives horizontally; it stays between its two ends' x and y. */
function curveTo(from: { x: number; y: number }, to: { x: number; y: number }): string {
  if (from.y === to.y) return `L ${to.x},${to.y}`;
  const middle = (from.x + to.x) / 2;
  return `C ${middle},${from.y} ${middle},${to.y} ${to.x},${to.y}`;
}

// The auto-layout with the user's positions laid over it. Pure. Saved nodes go where the user
// put them; nodes without a saved position (say, new ones) keep their place relative to their
// neighbours: they move by the average of their moved neighbours' offsets, then step down out of
// the way of anything the user placed. GitLab jobs stay in their stage's column; an Azure stage
// group moves with its jobs and grows to hold the ones dragged inside it.
import type { PipelineGraph } from '../../../src/core/model';
import { savedPosition, type NodePosition, type NodePositions } from '../../../src/shared/nodePositions';
import { uniqueEdges } from '../graph/edges';
import { LANE_HEADER_HEIGHT, LANE_PADDING } from '../layout/laneLayout';
import { STAGE_HEADER_HEIGHT, STAGE_PADDING } from '../layout/nodeSize';
import type { GraphLayout, LaneBox, LayoutBox } from '../layout/types';

/** Room between a placed node and a user-placed box it waits for (the layout's column gap). */
const DEPENDENCY_GAP = 80;

/** Space kept between a node stepped out of the way and the box it avoided. */
const NUDGE_GAP = 24;

export function placeNodes(graph: PipelineGraph, layout: GraphLayout, positions: NodePositions): GraphLayout {
  if (Object.keys(positions).length === 0) return layout;
  const auto = new Map<string, LayoutBox>([...layout.nodes, ...layout.ghosts].map((b) => [b.id, b]));
  const placed = new Map<string, LayoutBox>();
  const userPlaced = new Set<string>();

  // 1. Top-level boxes the user placed (GitLab jobs only inside their own lane).
  for (const box of auto.values()) {
    if (box.parentId !== undefined) continue;
    const saved = savedPosition(positions, box.id);
    if (!saved) continue;
    const lane = laneOf(box, layout.lanes);
    const at = lane ? withinLane(saved, box, lane) : saved;
    if (!at) continue;
    placed.set(box.id, { ...box, ...at });
    userPlaced.add(box.id);
  }

  // 2. Top-level boxes without one: shifted with their moved neighbours, then out of the way.
  const shiftOf = neighbourShifts(graph, auto, placed);
  const dependencies = new Map<string, string[]>();
  for (const e of uniqueEdges(graph)) if (!e.cyclic) dependencies.set(e.to, [...(dependencies.get(e.to) ?? []), e.from]);
  const rightOfPlacedDependencies = (id: string) =>
    Math.max(-Infinity, ...(dependencies.get(id) ?? []).map((d) => userPlaced.has(d) ? placed.get(d)!.x + placed.get(d)!.width + DEPENDENCY_GAP : -Infinity));
  const obstacles = [...userPlaced].map((id) => placed.get(id)!);
  for (const box of auto.values()) {
    if (box.parentId !== undefined || placed.has(box.id)) continue;
    const shift = shiftOf(box.id);
    let at = { x: box.x + shift.x, y: box.y + shift.y };
    const lane = laneOf(box, layout.lanes);
    if (lane) at = withinLane(at, box, lane) ?? { x: box.x, y: at.y };
    // Never left of what it waits for among the boxes placed by the user (the auto layout already
    // puts it right of the others): an arrow into a node points right.
    else at = { x: Math.max(at.x, rightOfPlacedDependencies(box.id)), y: at.y };
    placed.set(box.id, { ...box, ...clearOf({ ...box, ...at }, obstacles) });
  }

  // 3. Boxes inside an Azure stage: relative to it, so they move with it; the stage grows to fit.
  const grown = new Map<string, { width: number; height: number }>();
  for (const box of auto.values()) {
    if (box.parentId === undefined) continue;
    const parentAuto = auto.get(box.parentId)!;
    const parent = placed.get(box.parentId)!;
    const saved = savedPosition(positions, box.id);
    const relative = saved
      ? { x: Math.max(STAGE_PADDING, saved.x), y: Math.max(STAGE_HEADER_HEIGHT, saved.y) }
      : { x: box.x - parentAuto.x, y: box.y - parentAuto.y };
    placed.set(box.id, { ...box, x: parent.x + relative.x, y: parent.y + relative.y });
    const size = grown.get(box.parentId) ?? { width: parentAuto.width, height: parentAuto.height };
    grown.set(box.parentId, {
      width: Math.max(size.width, relative.x + box.width + STAGE_PADDING),
      height: Math.max(size.height, relative.y + box.height + STAGE_PADDING),
    });
  }
  for (const [id, size] of grown) placed.set(id, { ...placed.get(id)!, ...size });

  // GitLab lanes reach below the lowest job.
  const lowest = Math.max(0, ...[...placed.values()].filter((b) => laneOf(b, layout.lanes)).map((b) => b.y + b.height + LANE_PADDING));
  const lanes = layout.lanes.map((lane) => ({ ...lane, height: Math.max(lane.height, lowest) }));
  return {
    nodes: layout.nodes.map((b) => placed.get(b.id)!),
    ghosts: layout.ghosts.map((b) => placed.get(b.id)!),
    lanes,
  };
}

/** The GitLab lane whose column holds the centre of a box, if any. */
export function laneOf(box: LayoutBox, lanes: readonly LaneBox[]): LaneBox | undefined {
  const centre = box.x + box.width / 2;
  return lanes.find((lane) => centre >= lane.x && centre < lane.x + lane.width);
}

/**
 * A position for `box` inside `lane`, or undefined when the position's centre is outside the
 * lane (the job belongs elsewhere now, or the lanes changed). Kept clear of the lane's header.
 */
export function withinLane(at: NodePosition, box: LayoutBox, lane: LaneBox): NodePosition | undefined {
  const centre = at.x + box.width / 2;
  if (centre < lane.x || centre >= lane.x + lane.width) return undefined;
  return {
    x: Math.min(Math.max(at.x, lane.x), lane.x + lane.width - box.width),
    y: Math.max(at.y, LANE_HEADER_HEIGHT + LANE_PADDING),
  };
}

/** For a box without a saved position: the average offset of its user-placed neighbours. */
function neighbourShifts(
  graph: PipelineGraph,
  auto: ReadonlyMap<string, LayoutBox>,
  placed: ReadonlyMap<string, LayoutBox>,
): (id: string) => NodePosition {
  // Edges between jobs of two Azure stages tie the stages together.
  const topOf = (id: string) => auto.get(id)?.parentId ?? id;
  const neighbours = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    if (a === b) return;
    if (!neighbours.has(a)) neighbours.set(a, new Set());
    neighbours.get(a)!.add(b);
  };
  for (const e of uniqueEdges(graph)) {
    link(topOf(e.from), topOf(e.to));
    link(topOf(e.to), topOf(e.from));
  }
  return (id) => {
    let x = 0;
    let y = 0;
    let count = 0;
    for (const other of neighbours.get(id) ?? []) {
      const moved = placed.get(other);
      const before = auto.get(other);
      if (!moved || !before) continue;
      x += moved.x - before.x;
      y += moved.y - before.y;
      count++;
    }
    return count === 0 ? { x: 0, y: 0 } : { x: x / count, y: y / count };
  };
}

/** `box`'s position, stepped down until it overlaps none of `obstacles`. */
function clearOf(box: LayoutBox, obstacles: readonly LayoutBox[]): NodePosition {
  let y = box.y;
  // Each step clears one obstacle for good, so this ends within obstacles.length steps.
  for (let step = 0; step <= obstacles.length; step++) {
    const hit = obstacles.find((o) => overlaps({ ...box, y }, o));
    if (!hit) break;
    y = hit.y + hit.height + NUDGE_GAP;
  }
  return { x: box.x, y };
}

function overlaps(a: LayoutBox, b: LayoutBox): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

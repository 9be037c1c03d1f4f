// GitLab: one background column per stage, in `stages:` order; each job sits in its stage's
// column. Jobs that `needs` another job of the same stage get a sub-column to its right, and
// dagre's crossing-reduced order of the whole graph decides the vertical order within a column.
import type { GraphEdge, Lane, PipelineGraph } from '../../../src/core/model';
import { dagrePositions } from './dagreLayout';
import { GHOST_HEIGHT, GHOST_WIDTH, JOB_WIDTH, jobSize } from './nodeSize';
import type { ColumnRule, GraphLayout, LaneBox, LayoutBox, SizedItem } from './types';

export const LANE_HEADER_HEIGHT = 36;
export const LANE_PADDING = 24;
/** With the paddings, leaves room for edges to turn between lanes. */
export const LANE_GAP = 32;
export const SUB_COLUMN_GAP = 48;
export const ROW_GAP = 24;
const MIN_LANE_HEIGHT = 160;
/** Jobs whose stage is unknown still need a column. */
const NO_STAGE = '(no stage)';

interface LaneItem extends SizedItem {
  lane: string;
}

export function laneLayout(graph: PipelineGraph, edges: GraphEdge[], missingIds: string[], columns: ColumnRule = 'needs'): GraphLayout {
  const laneOfNode = new Map(graph.nodes.map((n) => [n.id, n.stage ?? NO_STAGE]));
  // A missing dependency is drawn in its first dependant's stage, to that job's left.
  const ghostLane = new Map<string, string>();
  for (const e of edges) {
    if (missingIds.includes(e.from) && !ghostLane.has(e.from)) ghostLane.set(e.from, laneOfNode.get(e.to)!);
  }
  const items: LaneItem[] = [
    ...graph.nodes.map((n) => ({ id: n.id, lane: laneOfNode.get(n.id)!, ...jobSize(n) })),
    ...missingIds.map((id) => ({ id, lane: ghostLane.get(id)!, width: GHOST_WIDTH, height: GHOST_HEIGHT })),
  ];
  const lanes = visibleLanes(graph.lanes, items.map((i) => i.lane));
  const acyclic = edges.filter((e) => !e.cyclic);
  const subColumn = subColumns(items, acyclic);
  // Stage-order (implicit) edges join every job of a lane to every job of the next: they say
  // nothing about vertical order and grow quadratically, so only `needs` edges steer dagre.
  const order = dagrePositions(items, acyclic.filter((e) => !e.implicit), { ranksep: 80, nodesep: ROW_GAP, columns });
  const inputIndex = new Map(items.map((item, i) => [item.id, i]));

  const boxes = new Map<string, LayoutBox>();
  const laneBoxes: LaneBox[] = [];
  let laneX = 0;
  let tallest = MIN_LANE_HEIGHT;
  for (const lane of lanes) {
    const members = items.filter((i) => i.lane === lane.id);
    const columnCount = Math.max(1, ...members.map((m) => subColumn.get(m.id)! + 1));
    const width = 2 * LANE_PADDING + columnCount * JOB_WIDTH + (columnCount - 1) * SUB_COLUMN_GAP;
    for (let column = 0; column < columnCount; column++) {
      const stack = members
        .filter((m) => subColumn.get(m.id) === column)
        .sort((a, b) => order.get(a.id)!.y - order.get(b.id)!.y || inputIndex.get(a.id)! - inputIndex.get(b.id)!);
      const columnX = laneX + LANE_PADDING + column * (JOB_WIDTH + SUB_COLUMN_GAP);
      let nextFreeY = LANE_HEADER_HEIGHT + LANE_PADDING;
      for (const m of stack) {
        // Keep dagre's vertical placement where it does not overlap the box above.
        const y = Math.max(LANE_HEADER_HEIGHT + LANE_PADDING + order.get(m.id)!.y, nextFreeY);
        boxes.set(m.id, { id: m.id, x: columnX + (JOB_WIDTH - m.width) / 2, y, width: m.width, height: m.height });
        nextFreeY = y + m.height + ROW_GAP;
        tallest = Math.max(tallest, y + m.height + LANE_PADDING);
      }
    }
    laneBoxes.push({ id: lane.id, name: lane.name, implicit: lane.implicit, x: laneX, y: 0, width, height: 0 });
    laneX += width + LANE_GAP;
  }
  for (const lane of laneBoxes) lane.height = tallest;
  return {
    nodes: graph.nodes.map((n) => boxes.get(n.id)!),
    ghosts: missingIds.map((id) => boxes.get(id)!),
    lanes: laneBoxes,
  };
}

/**
 * The lanes to draw: every declared stage in order, implicit stages (.pre, .post, defaults)
 * only when a job uses them, then stages jobs name that the graph does not list at all.
 */
export function visibleLanes(lanes: readonly Lane[], usedLaneIds: readonly string[]): Lane[] {
  const used = new Set(usedLaneIds);
  const shown = lanes.filter((l) => !l.implicit || used.has(l.id));
  const known = new Set(lanes.map((l) => l.id));
  const extra = [...used].filter((id) => !known.has(id)).map((id) => ({ id, name: id, implicit: true }));
  return [...shown, ...extra];
}

/** Longest chain of same-lane dependencies ending at each item: 0 for most jobs. */
function subColumns(items: readonly LaneItem[], edges: readonly GraphEdge[]): Map<string, number> {
  const laneOf = new Map(items.map((i) => [i.id, i.lane]));
  const sameLaneDeps = new Map<string, string[]>(items.map((i) => [i.id, []]));
  for (const e of edges) {
    if (laneOf.has(e.from) && laneOf.get(e.from) === laneOf.get(e.to)) sameLaneDeps.get(e.to)!.push(e.from);
  }
  const depth = new Map<string, number>();
  const visiting = new Set<string>();
  const depthOf = (id: string): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    // An unflagged cycle must not recurse forever; treat the back edge as absent.
    if (visiting.has(id)) return -1;
    visiting.add(id);
    const d = Math.max(0, ...sameLaneDeps.get(id)!.map((dep) => depthOf(dep) + 1));
    visiting.delete(id);
    depth.set(id, d);
    return d;
  };
  for (const i of items) depthOf(i.id);
  return depth;
}

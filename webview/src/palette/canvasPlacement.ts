// Where a template dropped on the canvas goes, by dialect, and what the new stage will wait for
// once the host has added it. Pure, on the boxes as drawn (flow units): the drop target shows
// the promise as its caption, and tests hold the edit engine's result to that promise.
//
// Empty canvas:
// - GitHub, and Azure pipelines of jobs: after the stage to the left in the drop's row, else
//   after the nearest stage in the nearest column to the left; left of everything, at the start
//   (it waits for nothing).
// - Azure stages: the same, except that left of everything the stage goes first in the list,
//   before the first stage (which then waits for it): Azure orders stages by where they are written.
// - GitLab: the lane column under the drop (else the nearest one to its left) is the job's
//   stage; beside a job of that lane, in its row, it needs that job; elsewhere it has no
//   `needs` and waits for the stage before, as GitLab's stage order does.
import type { PipelineGraph } from '../../../src/core/model';
import { boxInColumnLeftOf, boxLeftOf, type Box, type Point } from './dropHitTest';
import { placeableRole, type Placement } from './dropRules';

/** A GitLab lane as drawn: its stage name and its column. */
export interface LaneColumn {
  id: string;
  x: number;
  width: number;
}

/** What the new stage will wait for, and (GitLab) the stage it will be in. */
export interface PlacementPromise {
  waitsFor: string[];
  lane?: string;
}

export function canvasPlacement(graph: PipelineGraph, boxes: readonly Box[], lanes: readonly LaneColumn[], p: Point): Placement {
  if (graph.dialect === 'gitlab') {
    const lane = laneAt(lanes, p.x);
    if (!lane) return {};
    const stageOf = new Map(graph.nodes.map((n) => [n.id, n.stage]));
    const after = boxLeftOf(boxes.filter((b) => stageOf.get(b.id) === lane.id), p);
    return { lane: lane.id, ...(after ? { after: after.id } : {}) };
  }
  const left = boxLeftOf(boxes, p) ?? boxInColumnLeftOf(boxes, p);
  if (left) return { after: left.id };
  if (placeableRole(graph) === 'stage') {
    const first = graph.nodes.find((n) => n.role === 'stage');
    if (first) return { before: first.id };
  }
  return {};
}

/** The lane whose column holds `x`; else the nearest one left of it; else the first. */
export function laneAt(lanes: readonly LaneColumn[], x: number): LaneColumn | undefined {
  const sorted = [...lanes].sort((a, b) => a.x - b.x);
  const holding = sorted.find((l) => x >= l.x && x < l.x + l.width);
  if (holding) return holding;
  const left = sorted.filter((l) => l.x + l.width <= x);
  return left[left.length - 1] ?? sorted[0];
}

/**
 * What the edit engine will make the new stage wait for. Undefined where that depends on the
 * template (a GitLab job placed by neither a lane nor a stage before it).
 */
export function promisedOutcome(graph: PipelineGraph, placement: Placement): PlacementPromise | undefined {
  const lane = placement.lane !== undefined ? { lane: placement.lane } : {};
  if (placement.after !== undefined) return { waitsFor: [placement.after], ...lane };
  if (graph.dialect === 'gitlab') {
    return placement.lane !== undefined ? { waitsFor: stageOrderDependencies(graph, placement.lane), lane: placement.lane } : undefined;
  }
  // An Azure stage written last, with no dependsOn, follows the stage written before it; one
  // written before another stage goes first.
  if (placeableRole(graph) === 'stage' && placement.before === undefined) {
    const stages = graph.nodes.filter((n) => n.role === 'stage');
    return { waitsFor: stages.length > 0 ? [stages[stages.length - 1].id] : [] };
  }
  return { waitsFor: [] };
}

/** GitLab, without `needs`: every job of the nearest earlier stage that has jobs. */
function stageOrderDependencies(graph: PipelineGraph, lane: string): string[] {
  const order = graph.lanes.map((l) => l.id);
  for (let i = order.indexOf(lane) - 1; i >= 0; i--) {
    const jobs = graph.nodes.filter((n) => n.stage === order[i]).map((n) => n.id);
    if (jobs.length > 0) return jobs;
  }
  return [];
}

/** The drop indicator's words: exactly what the new stage will wait for, by name. */
export function placementCaption(graph: PipelineGraph, what: string, placement: Placement): string {
  const nameOf = (id: string) => `“${graph.nodes.find((n) => n.id === id)?.name ?? id}”`;
  const { after, before, lane } = placement;
  if (after !== undefined && before !== undefined) return `Add ${what} between ${nameOf(after)} and ${nameOf(before)}`;
  const inLane = lane !== undefined ? ` in stage “${lane}”` : '';
  if (after !== undefined) return `Add ${what}${inLane} after ${nameOf(after)}`;
  if (before !== undefined) return `Add ${what} at the start, before ${nameOf(before)}`;
  const promise = promisedOutcome(graph, placement);
  if (!promise) return `Add ${what}`;
  const waits = promise.waitsFor;
  if (waits.length === 0) return `Add ${what}${lane !== undefined ? inLane : ' at the start'} (it waits for nothing)`;
  if (lane !== undefined && waits.length > 1) {
    const previous = graph.nodes.find((n) => n.id === waits[0])?.stage;
    return `Add ${what}${inLane} after every job of stage “${previous}”`;
  }
  return `Add ${what}${inLane} after ${waits.map(nameOf).join(' and ')}`;
}

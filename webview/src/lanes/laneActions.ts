// What a GitLab lane header may ask for: add a lane after it, rename it, move it one place left
// or right. Pure: the lane order comes from the graph (the same order the edit engine checks),
// and a name the engine would refuse is caught here first with a plain reason.
import { orderedLanes } from '../../../src/core/edit/expect';
import type { EditOperation } from '../../../src/core/edit/operations';
import type { PipelineGraph } from '../../../src/core/model';

export type LaneGesture<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface LaneControls {
  /** A new lane may go right after this one. */
  addAfter: boolean;
  canRename: boolean;
  /** The moveLane edit for one place left / right; undefined when it cannot move that way. */
  moveLeft?: EditOperation;
  moveRight?: EditOperation;
}

const NO_CONTROLS: LaneControls = { addAfter: false, canRename: false };

const isFixed = (lane: string) => lane === '.pre' || lane === '.post';

/**
 * The actions a lane offers. .pre and .post are GitLab's own (only "add after .pre" makes sense);
 * a lane jobs use but `stages:` does not declare offers nothing until it is declared, and the
 * lanes of an included file that are its pipeline's stages (`declaredIn`) are edited where declared.
 */
export function laneControls(graph: PipelineGraph, lane: string): LaneControls {
  if (graph.dialect !== 'gitlab' || graph.lanes.some((l) => l.declaredIn !== undefined)) return NO_CONTROLS;
  const order = orderedLanes(graph);
  const i = order.indexOf(lane);
  if (i < 0) return NO_CONTROLS;
  if (isFixed(lane)) return { addAfter: lane === '.pre', canRename: false };
  // .pre is first and .post last in the order, so both neighbours exist.
  return {
    addAfter: true,
    canRename: true,
    ...(order[i - 1] !== '.pre' ? { moveLeft: { op: 'moveLane', lane, after: order[i - 2] } as EditOperation } : {}),
    ...(order[i + 1] !== '.post' ? { moveRight: { op: 'moveLane', lane, after: order[i + 1] } as EditOperation } : {}),
  };
}

/** `new-stage`, or `new-stage-2`, `-3`… when a lane has that name already. */
export function newLaneName(graph: PipelineGraph): string {
  const taken = new Set(graph.lanes.map((l) => l.id));
  if (!taken.has('new-stage')) return 'new-stage';
  for (let n = 2; ; n++) if (!taken.has(`new-stage-${n}`)) return `new-stage-${n}`;
}

/** Why `typed` cannot name a lane (other than `current`), or undefined when it can. */
function nameProblem(graph: PipelineGraph, name: string, current?: string): string | undefined {
  if (name === '') return 'Enter a stage name, or press Escape to cancel.';
  if (isFixed(name)) return `"${name}" is a stage GitLab adds by itself.`;
  if (/[\r\n]/.test(name)) return 'A stage name is one line.';
  if (name !== current && graph.lanes.some((l) => l.id === name)) return `A stage named "${name}" already exists.`;
  return undefined;
}

export function addLaneOperation(graph: PipelineGraph, after: string, typed: string): LaneGesture<EditOperation> {
  const name = typed.trim();
  const problem = nameProblem(graph, name);
  return problem ? { ok: false, reason: problem } : { ok: true, value: { op: 'addLane', lane: name, after } };
}

/** The rename to send; undefined when the name did not change. */
export function renameLaneOperation(graph: PipelineGraph, lane: string, typed: string): LaneGesture<EditOperation | undefined> {
  const name = typed.trim();
  const problem = nameProblem(graph, name, lane);
  if (problem) return { ok: false, reason: problem };
  return { ok: true, value: name === lane ? undefined : { op: 'renameLane', lane, newName: name } };
}

// What a drop means for a dragged node. Pure. A job dropped in its own GitLab lane or Azure
// stage stays where it was dropped; dropped in another lane or stage it is a request to move it
// there (decided by whoever handles that, see StageDropHandler); dropped outside any of them it
// goes back. Nodes that belong to no lane or stage stay wherever they are dropped.
import type { PipelineGraph } from '../../../src/core/model';
import type { NodePosition } from '../../../src/shared/nodePositions';
import type { GraphLayout, LayoutBox } from '../layout/types';
import { laneOf } from './placeNodes';

export type DropOutcome =
  | { kind: 'keep' }
  | { kind: 'back' }
  /** Stage ids: a GitLab lane id (the stage name) or an Azure stage node id. */
  | { kind: 'otherStage'; fromStage: string; toStage: string };

/**
 * `position` is the React Flow position of the dropped node: relative to its stage group for an
 * Azure job, absolute otherwise. `layout` is the one on screen (user positions applied).
 */
export function dropOutcome(graph: PipelineGraph, layout: GraphLayout, nodeId: string, position: NodePosition): DropOutcome {
  const boxes = new Map(layout.nodes.map((b) => [b.id, b]));
  const box = boxes.get(nodeId);
  if (!box) return { kind: 'back' };
  if (box.parentId !== undefined) {
    const parent = boxes.get(box.parentId);
    if (!parent) return { kind: 'back' };
    const centre = { x: parent.x + position.x + box.width / 2, y: parent.y + position.y + box.height / 2 };
    if (contains(parent, centre)) return { kind: 'keep' };
    const stageIds = new Set(graph.nodes.filter((n) => n.role === 'stage').map((n) => n.id));
    const target = layout.nodes.find((b) => stageIds.has(b.id) && b.id !== parent.id && contains(b, centre));
    return target ? { kind: 'otherStage', fromStage: parent.id, toStage: target.id } : { kind: 'back' };
  }
  const lane = laneOf(box, layout.lanes);
  if (!lane) return { kind: 'keep' };
  const target = laneOf({ ...box, ...position }, layout.lanes);
  if (!target) return { kind: 'back' };
  return target.id === lane.id ? { kind: 'keep' } : { kind: 'otherStage', fromStage: lane.id, toStage: target.id };
}

function contains(box: LayoutBox, point: NodePosition): boolean {
  return point.x >= box.x && point.x < box.x + box.width && point.y >= box.y && point.y < box.y + box.height;
}

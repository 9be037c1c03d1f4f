// Incremental placement: after the graph changes (an edit from the designer, typing in the YAML),
// the nodes that are still there stay where they were drawn, and only new nodes are placed (by
// placeNodes, next to their neighbours and clear of the others). Pure. The layout runs afresh
// only for a new file, a new column rule, or Tidy Layout.
import type { PipelineGraph } from '../../../src/core/model';
import type { NodePositions } from '../../../src/shared/nodePositions';
import type { GraphLayout, LayoutBox } from '../layout/types';

/**
 * Where each node of `next` was drawn in `previous` (the layout on screen, user positions
 * applied), as positions placeNodes keeps: absolute for top-level boxes, relative to the stage
 * for an Azure job. A change that took one node away and brought one in (a rename, typed or
 * from the designer) keeps that place for the new one.
 */
export function keptPlaces(previousGraph: PipelineGraph, previous: GraphLayout, next: PipelineGraph): NodePositions {
  const boxes = new Map<string, LayoutBox>(previous.nodes.map((b) => [b.id, b]));
  const nextIds = new Set(next.nodes.map((n) => n.id));
  const kept: NodePositions = {};
  const placeOf = (box: LayoutBox) => {
    const parent = box.parentId === undefined ? undefined : boxes.get(box.parentId);
    return parent ? { x: box.x - parent.x, y: box.y - parent.y } : { x: box.x, y: box.y };
  };
  for (const node of next.nodes) {
    const box = boxes.get(node.id);
    // An Azure job that moved to another stage is placed in its new stage, not kept.
    if (box && (box.parentId === undefined || box.parentId === node.stage)) kept[node.id] = placeOf(box);
  }
  const gone = previousGraph.nodes.filter((n) => !nextIds.has(n.id));
  const added = next.nodes.filter((n) => !boxes.has(n.id));
  if (gone.length === 1 && added.length === 1 && gone[0].role === added[0].role && gone[0].stage === added[0].stage) {
    const box = boxes.get(gone[0].id);
    if (box) kept[added[0].id] = placeOf(box);
  }
  return kept;
}

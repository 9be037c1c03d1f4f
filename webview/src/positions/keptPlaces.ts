// Incremental placement: after the graph changes (an edit from the designer, typing in the YAML),
// the nodes the change did not touch stay where they were drawn, and only new nodes and nodes that
// gained a dependency are placed (by placeNodes, next to their neighbours and clear of the others). Pure. The layout runs afresh
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
  // A change that took one node away and brought one in is a rename: the new id keeps the place.
  const gone = previousGraph.nodes.filter((n) => !nextIds.has(n.id));
  const added = next.nodes.filter((n) => !boxes.has(n.id));
  const renamed =
    gone.length === 1 && added.length === 1 && gone[0].role === added[0].role && gone[0].stage === added[0].stage
      ? { from: gone[0].id, to: added[0].id }
      : undefined;
  const asNow = (id: string) => (renamed && id === renamed.from ? renamed.to : id);
  if (renamed) {
    const box = boxes.get(renamed.from);
    if (box) kept[renamed.to] = placeOf(box);
  }
  // A node that now waits for something it did not wait for (a `needs:` typed or connected) was
  // touched by the change: it is placed again next to its neighbours rather than left in a column
  // its new dependency may not allow. Losing a dependency leaves every place valid. GitLab's
  // stage-order edges follow from the lanes, not from the node: they do not count.
  const waitsFor = (graph: PipelineGraph) => {
    const from = new Map<string, Set<string>>();
    for (const e of graph.edges) {
      if (e.implicit) continue;
      const to = asNow(e.to);
      if (!from.has(to)) from.set(to, new Set());
      from.get(to)!.add(asNow(e.from));
    }
    return from;
  };
  const waitedBefore = waitsFor(previousGraph);
  const waitsNow = waitsFor(next);
  const gained = (id: string) => [...(waitsNow.get(id) ?? [])].some((d) => !waitedBefore.get(id)?.has(d));
  for (const node of next.nodes) {
    const box = boxes.get(node.id);
    // An Azure job that moved to another stage is placed in its new stage, not kept.
    if (!box || (box.parentId !== undefined && box.parentId !== node.stage)) continue;
    if (gained(node.id)) continue;
    kept[node.id] = placeOf(box);
  }
  return kept;
}

// Azure: each stage is a box holding its jobs. Jobs are laid out inside their stage by job-level
// edges; then the stage boxes (sized by their contents) are laid out left to right by stage edges.
import type { GraphEdge, PipelineGraph } from '../../../src/core/model';
import { dagrePositions } from './dagreLayout';
import {
  EMPTY_STAGE_BODY_HEIGHT,
  EMPTY_STAGE_WIDTH,
  GHOST_HEIGHT,
  GHOST_WIDTH,
  STAGE_HEADER_HEIGHT,
  STAGE_PADDING,
  jobSize,
} from './nodeSize';
import type { ColumnRule, GraphLayout, LayoutBox, SizedItem } from './types';

const INNER_SPACING = { ranksep: 56, nodesep: 20 };
const STAGE_SPACING = { ranksep: 90, nodesep: 36 };

export function stageGroupLayout(graph: PipelineGraph, edges: GraphEdge[], missingIds: string[], columns: ColumnRule = 'needs'): GraphLayout {
  const stageIds = new Set(graph.nodes.filter((n) => n.role === 'stage').map((n) => n.id));
  // Where each item lives: inside a stage box, or at the top level (undefined).
  const container = new Map<string, string | undefined>();
  for (const n of graph.nodes) {
    container.set(n.id, n.role === 'job' && n.stage !== undefined && stageIds.has(n.stage) ? n.stage : undefined);
  }
  // A missing dependency of a job is a missing sibling job; of a stage, a missing stage.
  for (const id of missingIds) {
    const dependant = edges.find((e) => e.from === id)!.to;
    container.set(id, container.get(dependant));
  }
  const sized = new Map<string, SizedItem>([
    ...graph.nodes.map((n): [string, SizedItem] => [n.id, { id: n.id, ...jobSize(n) }]),
    ...missingIds.map((id): [string, SizedItem] => [id, { id, width: GHOST_WIDTH, height: GHOST_HEIGHT }]),
  ]);
  const acyclic = edges.filter((e) => !e.cyclic);
  const allIds = [...graph.nodes.map((n) => n.id), ...missingIds];

  // Inside each stage: job positions relative to the stage's top-left corner.
  const relative = new Map<string, { x: number; y: number }>();
  for (const stageId of stageIds) {
    const members = allIds.filter((id) => container.get(id) === stageId).map((id) => sized.get(id)!);
    const inner = dagrePositions(
      members,
      acyclic.filter((e) => container.get(e.from) === stageId && container.get(e.to) === stageId),
      { ...INNER_SPACING, columns },
    );
    let right = 0;
    let bottom = 0;
    for (const m of members) {
      const p = inner.get(m.id)!;
      relative.set(m.id, { x: STAGE_PADDING + p.x, y: STAGE_HEADER_HEIGHT + STAGE_PADDING + p.y });
      right = Math.max(right, p.x + m.width);
      bottom = Math.max(bottom, p.y + m.height);
    }
    const stage = sized.get(stageId)!;
    stage.width = members.length > 0 ? right + 2 * STAGE_PADDING : EMPTY_STAGE_WIDTH;
    stage.height = STAGE_HEADER_HEIGHT + (members.length > 0 ? bottom + 2 * STAGE_PADDING : EMPTY_STAGE_BODY_HEIGHT);
  }

  // Top level: stages, plus jobs and ghosts that belong to no stage. An edge between jobs of two
  // stages orders the stages that hold them.
  const topOf = (id: string) => container.get(id) ?? id;
  const topItems = allIds.filter((id) => container.get(id) === undefined).map((id) => sized.get(id)!);
  const topEdges = acyclic
    .map((e) => ({ from: topOf(e.from), to: topOf(e.to) }))
    .filter((e) => e.from !== e.to);
  const top = dagrePositions(topItems, topEdges, { ...STAGE_SPACING, columns });

  const boxOf = (id: string): LayoutBox => {
    const item = sized.get(id)!;
    const parentId = container.get(id);
    if (parentId === undefined) return { ...item, ...top.get(id)! };
    const parent = top.get(parentId)!;
    const offset = relative.get(id)!;
    return { ...item, x: parent.x + offset.x, y: parent.y + offset.y, parentId };
  };
  // Groups first: React Flow needs a parent before its children.
  const ordered = [...graph.nodes].sort((a, b) => Number(b.role === 'stage') - Number(a.role === 'stage'));
  return {
    nodes: ordered.map((n) => boxOf(n.id)),
    ghosts: missingIds.map(boxOf),
    lanes: [],
  };
}

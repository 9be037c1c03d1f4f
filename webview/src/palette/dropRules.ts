// Where a template lands and the addStage operation that asks for it, or why the designer will
// not ask. Pure: the drop target and the keyboard both end here.
import type { EditOperation } from '../../../src/core/edit/operations';
import type { GraphNode, PipelineGraph } from '../../../src/core/model';
import { templateInfo } from '../../../src/core/templates/catalog';
import { notOffered, type Gesture } from '../edit/gestures';
import { newStageId } from './stageIds';

/**
 * Between which stages the new one goes (neither: the engine's default place, see
 * canvasPlacement's promisedOutcome), and in GitLab the stage (lane) it goes in.
 */
export interface Placement {
  after?: string;
  before?: string;
  lane?: string;
}

/**
 * The nodes a new stage can be placed next to. In an Azure pipeline with stages a template
 * becomes a stage, so only stages count; everywhere else, jobs.
 */
export function placeableRole(graph: PipelineGraph): GraphNode['role'] {
  return graph.dialect === 'azure' && graph.nodes.some((n) => n.role === 'stage') ? 'stage' : 'job';
}

export function isPlaceable(graph: PipelineGraph, id: string): boolean {
  const role = placeableRole(graph);
  return graph.nodes.some((n) => n.id === id && n.role === role);
}

export function addStageOperation(graph: PipelineGraph, templateName: string, placement: Placement): Gesture<EditOperation> {
  const template = templateInfo(templateName);
  if (!template) return { ok: false, reason: `There is no template named "${templateName}".` };
  const byId = (id: string) => graph.nodes.find((n) => n.id === id);
  if (placement.after !== undefined && !byId(placement.after)) return { ok: false, reason: `"${placement.after}" is no longer in the file.` };
  if (placement.before !== undefined) {
    const before = byId(placement.before);
    if (!before) return { ok: false, reason: `"${placement.before}" is no longer in the file.` };
    // The stage after the new one gets a new dependency written into it.
    const refused = notOffered(graph, before, 'needs');
    if (refused) return { ok: false, reason: refused };
  }
  return {
    ok: true,
    value: {
      op: 'addStage',
      template: template.name,
      id: newStageId(graph, template.name),
      ...(placement.after !== undefined ? { after: placement.after } : {}),
      ...(placement.before !== undefined ? { before: placement.before } : {}),
      ...(placement.lane !== undefined ? { lane: placement.lane } : {}),
    },
  };
}

/**
 * The node a keyboard insert goes after: the one selected node (for an Azure job, its stage),
 * or why there is none.
 */
export function placementAfterSelection(graph: PipelineGraph, selection: readonly string[]): Gesture<Placement> {
  const role = placeableRole(graph);
  const chosen = new Set<string>();
  for (const id of selection) {
    const node = graph.nodes.find((n) => n.id === id);
    if (!node) continue;
    if (node.role === role) chosen.add(node.id);
    else if (role === 'stage' && node.stage !== undefined) chosen.add(node.stage);
  }
  if (chosen.size !== 1) {
    return { ok: false, reason: `Select one ${role} to insert after (Shift+Enter), or press Enter to add at the end.` };
  }
  return { ok: true, value: { after: [...chosen][0] } };
}

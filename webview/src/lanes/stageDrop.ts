// A job dropped on another GitLab lane or Azure stage group becomes a moveToStage edit, unless
// the designer knows it would be refused. Pure. The ids are the graph's: a GitLab job key and a
// lane (stage) name; an Azure `Stage/Job` and the other stage's id.
import type { EditOperation } from '../../../src/core/edit/operations';
import type { PipelineGraph } from '../../../src/core/model';
import { readOnlyReason } from '../edit/gestures';
import type { LaneGesture } from './laneActions';

export function stageDropOperation(graph: PipelineGraph, nodeId: string, toStage: string): LaneGesture<EditOperation> {
  const job = graph.nodes.find((n) => n.id === nodeId);
  if (!job || job.role !== 'job') return { ok: false, reason: 'Only jobs move between stages.' };
  if (job.marks.length > 0) return { ok: false, reason: readOnlyReason(job) };
  if (job.stage === toStage) return { ok: false, reason: `"${job.name}" is already in stage "${toStage}".` };
  if (graph.dialect === 'azure') {
    const stage = graph.nodes.find((n) => n.id === toStage && n.role === 'stage');
    if (!stage) return { ok: false, reason: `"${toStage}" is not a stage.` };
    if (stage.marks.length > 0) return { ok: false, reason: readOnlyReason(stage) };
  } else if (graph.dialect !== 'gitlab') {
    return { ok: false, reason: 'This pipeline has no stages to move a job between.' };
  }
  return { ok: true, value: { op: 'moveToStage', stage: nodeId, to: toStage } };
}

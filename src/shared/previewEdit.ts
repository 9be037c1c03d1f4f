// What an edit would do, said before it is made: planned on the text the designer shows, never
// applied. The inspector's id field shows it under a new id ("renames 5 references").
import { planComposedOperation, type ComposedPipeline } from '../core/edit/composedPlan';
import { planOperation, type ParsedPipeline, type PlanOptions } from '../core/edit/plan';
import type { EditOperation } from '../core/edit/operations';
import { referencesPhrase } from './describeOperation';

export interface EditPreview {
  ok: boolean;
  /** Besides its own target: a rename's references. */
  summary?: string;
  reason?: string;
}

export function previewEdit(parsed: ParsedPipeline, op: EditOperation, options: PlanOptions = {}): EditPreview {
  const planned = planOperation(parsed.text, op, options, parsed);
  if (!planned.ok) return { ok: false, reason: planned.reason };
  return op.op === 'renameStage' ? { ok: true, summary: referencesPhrase(planned.references) } : { ok: true };
}

/** The same for a pipeline split over files: planned on every file it is composed from. */
export function previewComposedEdit(pipeline: ComposedPipeline, op: EditOperation, options: PlanOptions = {}): EditPreview {
  const planned = planComposedOperation(pipeline, op, options);
  if (!planned.ok) return { ok: false, reason: planned.reason };
  return op.op === 'renameStage' ? { ok: true, summary: referencesPhrase(planned.references, planned.changes.length) } : { ok: true };
}

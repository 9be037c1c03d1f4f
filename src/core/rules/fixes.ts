// Applying quick fixes: a fix is edit operations, planned and verified by the edit engine in
// order, so it changes only its own lines or nothing at all. `applyAllFixes` is `--fix`.
import { applyComposedOperations, composedPipelineToEdit, type ComposedPipeline } from '../edit/composedPlan';
import { applyOperations, parsePipelineFully, type PlanOptions } from '../edit/plan';
import type { ProjectFiles } from '../compose/projectFiles';
import type { RefusalFrame } from '../edit/refusal';
import { hasSyntaxErrors } from '../model';
import type { ParseOptions } from '../parse';
import { EMPTY_CONFIG, type LintConfig } from './config';
import { pipelineOfFile } from '../compose/pipelineOfFile';
import type { LintFinding } from './engine';
import { lintInPipeline } from './pipelineLint';
import type { LintOptions, RuleFix } from './rule';

export const FIX_FRAME: RefusalFrame = { prefix: "can't apply this fix: ", byHand: 'change it in the text' };

/** Another file a fix changed (paths relative to the project root). */
export interface OtherFileChange {
  path: string;
  before: string;
  text: string;
}

export type FixResult = { ok: true; text: string; others: OtherFileChange[] } | { ok: false; reason: string };

export interface FixOptions extends ParseOptions, Pick<PlanOptions, 'frame'> {
  /**
   * The pipeline of several files `text` is part of (composedPipelineToEdit, for `text`): the
   * fix is planned and verified in it, as the designer's edits are, so that a job of an included
   * file given `needs:` keeps the jobs of other files it waited for and took artifacts from.
   */
  pipeline?: ComposedPipeline;
}

/** One fix on `text`; a refusal changes nothing and says why. */
export function applyFix(text: string, fix: RuleFix, options: FixOptions = {}): FixResult {
  if (fix.needs) return { ok: false, reason: `${FIX_FRAME.prefix}it needs the commit sha of ${fix.needs.uses} from GitHub first` };
  const { pipeline, ...planOptions } = options;
  if (pipeline) {
    const r = applyComposedOperations(pipeline, fix.operations, { frame: options.frame ?? FIX_FRAME });
    if (!r.ok) return { ok: false, reason: r.reason };
    const path = pipeline.editing?.path ?? pipeline.rootPath;
    return { ok: true, text: r.changes.find((c) => c.path === path)?.text ?? text, others: r.changes.filter((c) => c.path !== path) };
  }
  const r = applyOperations(text, fix.operations, { frame: FIX_FRAME, ...planOptions });
  return r.ok ? { ok: true, text: r.text, others: [] } : { ok: false, reason: r.reason };
}

/** A fix that needed an action's commit sha, once GitHub has told it: the pinAction edit. */
export function fixWithSha(fix: RuleFix, sha: string): RuleFix {
  if (!fix.needs) return fix;
  const { stage, uses } = fix.needs;
  return { title: fix.title, operations: [{ op: 'pinAction', stage, uses, sha }], automatic: false };
}

export interface FixReport {
  rule: string;
  title: string;
  /** Where the finding was, in the text as it was when the fix ran. */
  line: number;
  /** Absent when applied. */
  refused?: string;
}

/**
 * Every fix the findings offer for `--fix` (none needs the network; fixes marked `automatic:
 * false` are left to a person), one at a time: after each, the file is
 * checked again, so later fixes are planned on the text the earlier ones left. A refused fix is
 * reported and not tried again.
 */
export function applyAllFixes(
  text: string,
  parseOptions: ParseOptions = {},
  config: LintConfig = EMPTY_CONFIG,
  lintOptions: LintOptions = {},
  /** Where the file lies in its project: a fix is planned in the pipeline of several files it is part of (FixOptions.pipeline). */
  place?: { path: string; project: ProjectFiles },
): { text: string; reports: FixReport[]; others: OtherFileChange[] } {
  const reports: FixReport[] = [];
  const tried = new Set<string>();
  let current = text;
  // Other files the fixes changed, each with its text before the first and after the last.
  const others = new Map<string, OtherFileChange>();
  const project: ProjectFiles | undefined = place && { ...place.project, readFile: (p) => others.get(p)?.text ?? place.project.readFile(p) };
  // Each fix removes its finding; the bound only guards against a fix that brings its own back.
  for (let round = 0; round < 200; round++) {
    const parsed = parsePipelineFully(current, parseOptions);
    // A file that does not parse has no findings to fix (lintText reports its syntax error).
    if (hasSyntaxErrors(parsed.graph)) break;
    // The findings `lint` reports: of a file that is part of a pipeline of several files, those
    // the whole pipeline confirms (a deploy the root's jobs already verify needs no verify job).
    const whole = place && project ? pipelineOfFile(parsed.graph.dialect, place.path, current, project, parsed.graph) : undefined;
    const findings = lintInPipeline(parsed, whole, config, lintOptions);
    // Errors first: a fix for a warning can change what the error is (an environment set first
    // would turn "no gate, no environment" into "no gate in the file", whose fix waits for a person).
    const fixable = findings.filter((f): f is LintFinding & { fix: RuleFix } => f.fix !== undefined && f.fix.automatic !== false && !tried.has(fixKey(f)));
    const next = fixable.find((f) => f.severity === 'error') ?? fixable[0];
    if (!next) break;
    tried.add(fixKey(next));
    const pipeline = place && project ? composedPipelineToEdit(parsed.graph.dialect, place.path, current, project) : undefined;
    const r = applyFix(current, next.fix, { ...parseOptions, ...(pipeline ? { pipeline } : {}) });
    if (r.ok) {
      current = r.text;
      for (const c of r.others) others.set(c.path, { path: c.path, before: others.get(c.path)?.before ?? c.before, text: c.text });
    }
    reports.push({ rule: next.code, title: next.fix.title, line: next.range.startLine, ...(r.ok ? {} : { refused: r.reason }) });
  }
  return { text: current, reports, others: [...others.values()].filter((c) => c.text !== c.before) };
}

function fixKey(f: LintFinding): string {
  return `${f.code}\u0000${f.node ?? ''}\u0000${f.fix?.title ?? ''}`;
}

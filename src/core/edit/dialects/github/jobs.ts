// Whole-job edits: rename a job (its key and every `needs` naming it), delete a job (its lines;
// the jobs that needed it need what it needed instead), add a job from a template (placed and
// spaced like its neighbours).
import { columnOf } from '../../lines';
import { renderPair, withCommentAbove } from '../../fragment';
import { dependenciesOf } from '../../inherit';
import type { PlanContext, Planned, ValueCheck } from '../../plan';
import { Refusal } from '../../splices';
import { githubTemplate } from '../../../templates/github';
import { blankRunAfter, entryLines, introducingCommentsStart, removalWithSpacing } from '../../wholeLines';
import { needsExpressionLines, needsExpressionReferences, refuseIfExpressionsRead } from './expressions';
import { addNeed, needsIds, renameNeed, replaceNeed } from './needs';
import { allJobs, checkJobId, job, jobsMap, keyRank } from './workflow';

/** Rename a job: its key, every `needs` naming it and every expression reading `needs.<id>`. */
export function renameJob(ctx: PlanContext, id: string, newId: string): Planned {
  checkJobId(newId);
  const target = job(ctx.src, id);
  ctx.splices.replaceScalar(target.pair.key, newId);
  for (const other of allJobs(ctx.src)) {
    if (other.id !== id && needsIds(other).includes(id)) renameNeed(ctx, other, id, newId);
  }
  const expressions = needsExpressionReferences(ctx.src, id);
  for (const ref of expressions) ctx.splices.replace(ref.start, ref.end, newId);
  // The graph does not show expressions: read them back. Every one now reads the new id, none the old.
  const alreadyNew = id.toLowerCase() === newId.toLowerCase() ? 0 : needsExpressionReferences(ctx.src, newId).length;
  const check: ValueCheck = (after) => {
    const left = id.toLowerCase() === newId.toLowerCase() ? [] : needsExpressionLines(after.src, id);
    if (left.length > 0) return `an expression still reads \`needs.${id}\` (line ${left[0]})`;
    const now = needsExpressionReferences(after.src, newId).length;
    return now === alreadyNew + expressions.length ? undefined : `${expressions.length} expressions should read \`needs.${newId}\`, but ${now - alreadyNew} do`;
  };
  return { checks: [check] };
}

export function deleteJob(ctx: PlanContext, id: string): void {
  const { map } = jobsMap(ctx.src);
  if (map.items.length < 2) {
    throw new Refusal(`"${id}" is the only job, and a workflow needs at least one; add another job before deleting this one`, { platform: 'workflow-needs-a-job' });
  }
  refuseIfExpressionsRead(ctx.src, id, `deleting "${id}"`);
  const jobs = allJobs(ctx.src);
  const index = jobs.findIndex((j) => j.id === id);
  const target = job(ctx.src, id);
  const text = ctx.text;
  const [keyLine, entryEnd] = entryLines(text, target.pair);
  const start = introducingCommentsStart(text, keyLine, columnOf(text, target.pair.key.range![0]));
  ctx.splices.removeLines(...removalWithSpacing(text, start, entryEnd, { first: index === 0, last: index === jobs.length - 1 }));
  // Whatever waited for the job now waits for what it waited for, so the order is kept.
  const inherited = dependenciesOf(ctx.graph, id);
  for (const other of jobs) {
    if (other.id !== id && needsIds(other).includes(id)) replaceNeed(ctx, other, id, inherited);
  }
}

export function addJob(ctx: PlanContext, template: string, id: string, after?: string, before?: string): void {
  checkJobId(id);
  const { map } = jobsMap(ctx.src);
  const jobs = allJobs(ctx.src);
  const rendered = githubTemplate(template, { id });
  const body = withNeeds(rendered.body, after);
  const anchor = after !== undefined ? job(ctx.src, after) : jobs[jobs.length - 1];
  if (!anchor) throw new Refusal('there is no job to add the new one after');
  const column = columnOf(ctx.text, (map.items[0].key as { range: [number, number, number] }).range[0]);
  const separated = jobsSeparatedByBlankLines(ctx, jobs.map((j) => j.pair));
  let lines = renderPair(id, body, ctx.style, column);
  for (const [key, comment] of Object.entries(rendered.comments ?? {})) {
    lines = withCommentAbove(lines, key, comment, ctx.style, column + ctx.style.indent);
  }
  if (separated) lines = ctx.style.eol + lines;
  ctx.splices.insertLines(entryLines(ctx.text, anchor.pair)[1], lines);
  if (before !== undefined) {
    const next = job(ctx.src, before);
    if (after !== undefined && needsIds(next).includes(after)) renameNeed(ctx, next, after, id);
    else addNeed(ctx, next, id);
  }
}

/** The template's job with `needs: after` at its conventional place. */
function withNeeds(body: Record<string, unknown>, after: string | undefined): Record<string, unknown> {
  if (after === undefined) return body;
  const out: Record<string, unknown> = {};
  let placed = false;
  for (const [key, value] of Object.entries(body)) {
    if (!placed && keyRank(key) > keyRank('needs')) {
      out.needs = after;
      placed = true;
    }
    out[key] = value;
  }
  if (!placed) out.needs = after;
  return out;
}

/**
 * Whether a new job should be set apart by a blank line: when every pair of neighbouring jobs
 * is, or (one job only) when the top-level entries are.
 */
function jobsSeparatedByBlankLines(ctx: PlanContext, pairs: Parameters<typeof entryLines>[1][]): boolean {
  const separatedPairs = (list: Parameters<typeof entryLines>[1][]) => {
    let gaps = 0;
    let blank = 0;
    for (let i = 1; i < list.length; i++) {
      const end = entryLines(ctx.text, list[i - 1])[1];
      gaps++;
      if (blankRunAfter(ctx.text, end) > end) blank++;
    }
    return gaps === 0 ? undefined : blank === gaps;
  };
  const jobs = separatedPairs(pairs);
  if (jobs !== undefined) return jobs;
  const root = ctx.src.doc.contents as { items?: Parameters<typeof entryLines>[1][] } | null;
  return separatedPairs(root?.items ?? []) ?? false;
}

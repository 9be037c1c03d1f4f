// A job's `needs`, in whichever form it is written: absent, a single id, a flow list `[a, b]` or
// a block list. Adding grows the form minimally (absent → `needs: a`, scalar → `[a, b]`);
// removing shrinks it (the last reference gone → the `needs` entry goes).
import { isAlias, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { renderString } from '../../fragment';
import type { PlanContext } from '../../plan';
import { Refusal } from '../../splices';
import { pairOf } from '../../../yaml/source';
import { insertEntry, removeEntry, type JobEntry } from './workflow';

type NeedsForm =
  | { form: 'absent' }
  | { form: 'empty'; pair: Pair<Node, Scalar> }
  | { form: 'scalar'; pair: Pair<Node, Scalar>; node: Scalar }
  | { form: 'list'; pair: Pair<Node, YAMLSeq>; seq: YAMLSeq };

function needsOf(job: JobEntry): NeedsForm {
  const pair = pairOf(job.body, 'needs');
  if (!pair) return { form: 'absent' };
  const value = pair.value as unknown;
  if (value === null || value === undefined || (isScalar(value) && value.value === null)) {
    return { form: 'empty', pair: pair as unknown as Pair<Node, Scalar> };
  }
  if (isAlias(value)) throw new Refusal(`the needs of "${job.id}" come from an alias; edit them in the text`);
  if (isScalar(value)) return { form: 'scalar', pair: pair as unknown as Pair<Node, Scalar>, node: value };
  if (isSeq(value)) {
    for (const item of value.items) {
      if (!isScalar(item)) throw new Refusal(`the needs of "${job.id}" hold something other than job ids; edit them in the text`);
    }
    return { form: 'list', pair: pair as unknown as Pair<Node, YAMLSeq>, seq: value };
  }
  throw new Refusal(`the needs of "${job.id}" are not a job id or a list of job ids`);
}

/** The ids a job names in `needs`, as written (for finding who refers to whom). */
export function needsIds(job: JobEntry): string[] {
  const needs = needsOf(job);
  if (needs.form === 'scalar') return [String(needs.node.value)];
  if (needs.form === 'list') return needs.seq.items.map((i) => String((i as Scalar).value));
  return [];
}

function sameId(item: unknown, id: string): boolean {
  return isScalar(item) && item.value !== null && String(item.value) === id;
}

/** Make `job` need `dependency`, growing the form as little as possible. */
export function addNeed(ctx: PlanContext, job: JobEntry, dependency: string): void {
  const needs = needsOf(job);
  const written = renderString(dependency, ctx.style);
  switch (needs.form) {
    case 'absent':
      insertEntry(ctx, job.body, 'needs', dependency);
      return;
    case 'empty': {
      const value = needs.pair.value as Node | null;
      if (value?.range && value.range[1] > value.range[0]) {
        ctx.splices.replaceScalar(value, dependency); // `needs: ~` / `needs: null`
        return;
      }
      const keyEnd = needs.pair.key.range![1];
      const colon = ctx.text.indexOf(':', keyEnd);
      if (colon < 0) throw new Refusal(`cannot find the ":" after needs of "${job.id}"`);
      ctx.splices.insert(colon + 1, ` ${written}`);
      return;
    }
    case 'scalar': {
      // `needs: a` → `needs: [a, b]`: the existing reference keeps its exact text.
      const [start, end] = needs.node.range!;
      ctx.splices.replace(start, end, `[${ctx.text.slice(start, end)}, ${renderString(dependency, ctx.style, undefined, 'flow')}]`);
      return;
    }
    case 'list':
      ctx.splices.appendSeqItem(needs.seq, dependency);
      return;
  }
}

/** Remove every reference to `dependency` from `job`'s needs; the entry goes when none is left. */
export function removeNeed(ctx: PlanContext, job: JobEntry, dependency: string): void {
  const needs = needsOf(job);
  if (needs.form === 'scalar') {
    if (sameId(needs.node, dependency)) removeNeedsEntry(ctx, job.body);
    return;
  }
  if (needs.form !== 'list') return;
  const { seq } = needs;
  const drop = seq.items.map((item, i) => (sameId(item, dependency) ? i : -1)).filter((i) => i >= 0);
  if (drop.length === 0) return;
  if (drop.length === seq.items.length) {
    removeNeedsEntry(ctx, job.body);
    return;
  }
  if (!seq.flow || drop.length === 1) {
    for (const i of drop) ctx.splices.removeSeqItem(seq, i);
    return;
  }
  // Several items of one flow list: rewrite the span between the first and last items once,
  // keeping the kept items' text and the list's own separator.
  const ranges = seq.items.map((item) => (item as Node).range!);
  const first = ranges[0];
  const last = ranges[ranges.length - 1];
  const separator = ranges.length > 1 ? ctx.text.slice(first[1], ranges[1][0]) : ', ';
  const kept = seq.items.flatMap((_, i) => (drop.includes(i) ? [] : [ctx.text.slice(ranges[i][0], ranges[i][1])]));
  ctx.splices.replace(first[0], last[1], kept.join(separator));
}

/**
 * Put `replacements` where `job` names `dependency` in its needs (those it does not name
 * already): `needs: a` → `needs: b` or `[b, c]`, a list item → `b, c` in its place. With nothing
 * new to put there, the reference just goes.
 */
export function replaceNeed(ctx: PlanContext, job: JobEntry, dependency: string, replacements: readonly string[]): void {
  const named = new Set(needsIds(job));
  const added = replacements.filter((r, i) => r !== job.id && !named.has(r) && replacements.indexOf(r) === i);
  if (added.length === 0) {
    removeNeed(ctx, job, dependency);
    return;
  }
  const needs = needsOf(job);
  if (needs.form === 'scalar') {
    if (!sameId(needs.node, dependency)) return;
    if (added.length === 1) {
      ctx.splices.replaceScalar(needs.node, added[0]);
      return;
    }
    const [start, end] = needs.node.range!;
    ctx.splices.replace(start, end, `[${added.map((a) => renderString(a, ctx.style, needs.node.type, 'flow')).join(', ')}]`);
    return;
  }
  if (needs.form !== 'list') return;
  const at = needs.seq.items.map((item, i) => (sameId(item, dependency) ? i : -1)).filter((i) => i >= 0);
  if (at.length === 0) return;
  if (at.length > 1) throw new Refusal(`"${dependency}" is listed more than once in the needs of "${job.id}"; tidy that up in the text first`);
  ctx.splices.replaceSeqItem(needs.seq, at[0], added);
}

function removeNeedsEntry(ctx: PlanContext, body: YAMLMap): void {
  removeEntry(ctx, body, 'needs');
}

/** Point every reference to `from` in `job`'s needs at `to`, keeping each reference's quoting. */
export function renameNeed(ctx: PlanContext, job: JobEntry, from: string, to: string): void {
  const needs = needsOf(job);
  const items = needs.form === 'scalar' ? [needs.node] : needs.form === 'list' ? needs.seq.items : [];
  for (const item of items) if (sameId(item, from)) ctx.splices.replaceScalar(item, to);
}

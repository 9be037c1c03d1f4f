// pinAction: a job's steps that use an action at a tag or branch are pointed at the commit it
// resolves to, keeping the ref in a comment (`uses: o/r@<sha> # v4`), so a moved tag cannot
// change what runs. The sha comes from the caller (the GitHub provider resolves it).
import { isMap, isScalar, isSeq, type YAMLMap } from 'yaml';
import { lineContentEnd } from '../../lines';
import type { PlanContext, ValueCheck } from '../../plan';
import { Refusal } from '../../splices';
import { scalarText, valueOf } from '../../../yaml/source';
import { job } from './workflow';

export function pinAction(ctx: PlanContext, stage: string, uses: string, sha: string): ValueCheck {
  const at = uses.lastIndexOf('@');
  const action = uses.slice(0, at);
  const ref = uses.slice(at + 1);
  const steps = valueOf(job(ctx.src, stage).body, 'steps');
  if (!isSeq(steps)) throw new Refusal(`job "${stage}" has no \`steps:\` list written out in this file`);
  const using = steps.items.filter((s) => isMap(s) && scalarText(valueOf(s, 'uses'))?.trim() === uses) as unknown as YAMLMap[];
  if (using.length === 0) throw new Refusal(`no step of job "${stage}" uses ${uses}`);
  const pinned = `${action}@${sha}`;
  for (const step of using) {
    const scalar = valueOf(step, 'uses');
    if (!isScalar(scalar) || !scalar.range) throw new Refusal(`the \`uses:\` of a step of job "${stage}" is not a plain value`);
    const end = scalar.range[1];
    const rest = ctx.text.slice(end, lineContentEnd(ctx.text, end));
    // The ref goes in a comment after the value: only where the value ends its line (a comment
    // inside `{ … }` would swallow the rest of it) and none is there yet.
    if (rest.trim() !== '') {
      throw new Refusal(`the \`uses: ${uses}\` of job "${stage}" has ${rest.trim().startsWith('#') ? 'a comment' : 'more'} after it on its line; pin it in the text`);
    }
    ctx.splices.replaceScalar(scalar, pinned);
    ctx.splices.insert(end, ` # ${ref}`);
  }
  return (after) => {
    const afterSteps = valueOf(job(after.src, stage).body, 'steps');
    const values = isSeq(afterSteps) ? afterSteps.items.map((s) => scalarText(valueOf(s, 'uses'))?.trim()) : [];
    return values.includes(uses) || !values.includes(pinned) ? `job "${stage}" should use ${pinned} instead of ${uses}` : undefined;
  };
}

// pull-request-target-checkout: `pull_request_target` runs with the base repository's secrets and
// a write token; checking out the pull request's head there runs a stranger's code with them.
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { pairOf, rootMap, scalarText, valueOf } from '../yaml/source';
import { yamlNodeRange } from './ranges';
import type { Rule, RuleHit } from './rule';

// Expressions that name the pull request's head (its commit, branch, fork or merge ref).
const PR_HEAD = /github\.event\.pull_request\.head\.(?:sha|ref|repo)|github\.head_ref|refs\/pull\/|github\.event\.pull_request\.number|github\.event\.number/;
const CHECKOUT_COMMAND = /\b(?:git\s+(?:checkout|fetch|switch|pull)|gh\s+pr\s+checkout)\b/;

export const pullRequestTargetRule: Rule = {
  id: 'pull-request-target-checkout',
  group: 'supply-chain',
  severity: 'error',
  dialects: ['github'],
  summary: '`pull_request_target` workflows that check out the pull request\'s head',
  check(ctx) {
    if (!triggeredByPullRequestTarget(rootMap(ctx.src))) return [];
    const hits: RuleHit[] = [];
    for (const job of ctx.jobs.jobs()) {
      const steps = valueOf(job.map, 'steps');
      if (!isSeq(steps)) continue;
      for (const step of steps.items) {
        if (!isMap(step)) continue;
        const uses = scalarText(valueOf(step, 'uses')) ?? '';
        const inputs = valueOf(step, 'with');
        if (/^actions\/checkout(@|$)/.test(uses.trim())) {
          for (const key of ['ref', 'repository']) {
            const value = valueOf(inputs, key);
            if (isScalar(value) && PR_HEAD.test(String(value.value))) {
              hits.push(hit(ctx, job.node.id, value as Node, `actions/checkout \`${key}:\``));
            }
          }
        }
        const run = valueOf(step, 'run');
        if (isScalar(run) && typeof run.value === 'string' && CHECKOUT_COMMAND.test(run.value) && PR_HEAD.test(run.value)) {
          hits.push(hit(ctx, job.node.id, run as Node, 'this step\'s script'));
        }
      }
    }
    return hits;
  },
};

function hit(ctx: Parameters<Rule['check']>[0], node: string, value: Node, where: string): RuleHit {
  return {
    range: yamlNodeRange(ctx, value),
    node,
    message: `${where} checks out the pull request's head in a \`pull_request_target\` workflow, which runs with this repository's secrets and a write token: code from any fork would run with them; check out the base, or use \`pull_request\``,
  };
}

/** `on: pull_request_target`, `on: [push, pull_request_target]` or `on: {pull_request_target: …}`. */
function triggeredByPullRequestTarget(root: unknown): boolean {
  const on = valueOf(root, 'on') ?? pairOf(root, 'true')?.value ?? undefined;
  if (isScalar(on)) return scalarText(on) === 'pull_request_target';
  if (isSeq(on)) return on.items.some((i) => scalarText(i) === 'pull_request_target');
  return isMap(on) && pairOf(on, 'pull_request_target') !== undefined;
}

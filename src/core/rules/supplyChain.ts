// Supply-chain rules: what a workflow runs from elsewhere and with which rights.
import { parseActionReference } from '../actionReference';
import { rootMap, pairOf } from '../yaml/source';
import type { NodeYaml, CommandScalar } from './jobYaml';
import { offsetRange, yamlNodeRange } from './ranges';
import type { Rule, RuleFix, RuleHit } from './rule';

// GitHub's own actions are maintained by the platform the workflow already trusts.
const FIRST_PARTY = /^(actions|github)\//i;
const FULL_SHA = /^[0-9a-f]{40}$/;

export const unpinnedActionRule: Rule = {
  id: 'unpinned-action',
  group: 'supply-chain',
  severity: 'warning',
  dialects: ['github'],
  summary: 'third-party actions referenced by a tag or branch instead of a full commit sha',
  fix: 'pins the step to the commit its tag or branch names now, the tag kept in a comment (editor only: asks GitHub, signed in)',
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const job of ctx.jobs.jobs()) {
      for (const c of job.commands) {
        if (c.key !== 'uses') continue;
        const uses = c.text.trim();
        // Local actions, Docker images and expressions are not tags to pin.
        if (uses.startsWith('./') || uses.startsWith('docker://') || uses.includes('${{')) continue;
        const at = uses.lastIndexOf('@');
        if (at < 0 || FIRST_PARTY.test(uses)) continue;
        const ref = uses.slice(at + 1);
        if (FULL_SHA.test(ref)) continue;
        hits.push({
          range: yamlNodeRange(ctx, c.scalar),
          node: job.node.id,
          message: `"${uses.slice(0, at)}" is used at "${ref}", which its owner can move to different code at any time; pin it to a full commit sha (and keep the tag in a comment)`,
          ...pinFix(job, c, uses),
        });
      }
    }
    return hits;
  },
};

/**
 * The editor's "Pin to commit sha" for a step's `uses:`: GitHub tells the sha, so the fix waits
 * for it (`needs`) and `pipewright lint --fix` leaves it alone. A job-level `uses:` (a reusable
 * workflow) is not a step the pinAction edit writes.
 */
function pinFix(job: NodeYaml, c: CommandScalar, uses: string): { fix?: RuleFix } {
  if (c.parent === job.map || !parseActionReference(uses)) return {};
  return { fix: { title: `Pin \`${uses}\` to its commit sha`, operations: [], automatic: false, needs: { kind: 'action-sha', stage: job.node.id, uses } } };
}

export const missingPermissionsRule: Rule = {
  id: 'missing-permissions',
  group: 'supply-chain',
  severity: 'warning',
  dialects: ['github'],
  summary: 'workflows without explicit `permissions`, whose token gets the repository default (often write-all)',
  check(ctx) {
    const root = rootMap(ctx.src);
    if (!root || pairOf(root, 'permissions')) return [];
    const jobs = ctx.jobs.jobs();
    // Every job states its own: nothing runs with the default.
    if (jobs.length > 0 && jobs.every((j) => pairOf(j.map, 'permissions') !== undefined || pairOf(j.map, 'uses') !== undefined)) return [];
    const anchor = pairOf(root, 'on') ?? pairOf(root, 'true') ?? pairOf(root, 'jobs');
    const key = anchor?.key as { range?: [number, number, number] } | undefined;
    const [start, end] = key?.range ?? [0, 0];
    return [{
      range: offsetRange(ctx, start, end),
      message: 'the workflow does not say what its GITHUB_TOKEN may do, so it gets the repository\'s default, which may be write access to everything; add `permissions:` with only what the jobs need',
    }];
  },
};

// A download piped straight into a shell runs whatever the server (or anyone in between) sends.
const PIPE_TO_SHELL = /\b(?:curl|wget)\b[^|\n;&]*\|\s*(?:sudo\s+(?:-\S+\s+)*)?(?:ba|z|da|k)?sh\b/g;

export const curlPipeShellRule: Rule = {
  id: 'curl-pipe-shell',
  group: 'supply-chain',
  severity: 'warning',
  dialects: ['github', 'gitlab', 'azure'],
  summary: 'scripts that pipe a download into a shell (`curl … | sh`)',
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const job of ctx.jobs.jobs()) {
      for (const c of job.commands) {
        if (c.key === 'uses' || c.key === 'task' || !c.scalar.range) continue;
        // The characters as written: a block scalar's lines are in the text verbatim.
        const [start, end] = c.scalar.range;
        const raw = ctx.text.slice(start, end);
        for (const m of raw.matchAll(PIPE_TO_SHELL)) {
          hits.push({
            range: offsetRange(ctx, start + m.index, start + m.index + m[0].length),
            node: job.node.id,
            message: 'this script pipes a download into a shell: whatever the server sends runs with the job\'s secrets; download to a file, check its checksum or signature, then run it',
          });
        }
      }
    }
    return hits;
  },
};

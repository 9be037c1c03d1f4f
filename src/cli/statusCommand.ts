// `pipewright status --target github:OWNER/REPO [--workflow FILE] [--json]`: the environments with
// their newest deployment and what waits for review, and the recent runs.
import { shortSha } from '../core/operate/actions';
import type { Conclusion, EnvironmentStatus, Job, PendingApproval, Run, RunStatus } from '../core/operate/model';
import type { OperateProvider } from '../core/operate/provider';
import { describeLight, lightOf } from '../core/operate/status';
import { describeTarget, formatTarget } from '../core/operate/target';
import { parseArgs } from './args';
import type { CliCommand } from './command';
import { EXIT_OK, UsageError, type CliIo } from './io';
import { EXIT_HELP, fail, githubProvider, githubTargetOption, githubToken, TARGET_HELP, TARGET_OPTIONS, TOKEN_HELP } from './operate';

/** The `--json` contract (names are public; more fields may be added). */
export interface StatusJson {
  target: string;
  environments: {
    name: string;
    url?: string;
    latest: { id: string; ref: string; sha: string; state: string; createdAt: string; runId: string | null; creator: string | null } | null;
    pending: { runId: string; environmentId: string; canApprove: boolean; waitTimer: number; runNumber: number | null }[];
  }[];
  runs: {
    id: string;
    number: number | null;
    workflow: string | null;
    title: string;
    status: RunStatus;
    conclusion: Conclusion | null;
    headSha: string;
    headBranch: string | null;
    event: string;
    createdAt: string;
    url: string | null;
    jobs?: { id: string; name: string; status: RunStatus; conclusion: Conclusion | null }[];
  }[];
}

const RUN_LIMIT = 10;

export const statusCommand: CliCommand = {
  name: 'status',
  summary: 'environments, deployments waiting for review, and recent runs of a repository',
  usage: [
    'usage: pipewright status --target github:OWNER/REPO [--workflow FILE] [--json] [--api-url URL]',
    '',
    'Shows each environment with its newest deployment, the deployments waiting for a review, and',
    `the ${RUN_LIMIT} most recent runs (of one workflow with --workflow), with the jobs of those still going.`,
    TOKEN_HELP,
    '',
    'options:',
    ...TARGET_HELP,
    '  --workflow FILE              only runs of this workflow (.github/workflows/deploy.yml)',
    '  --json                       print JSON: {environments: [{name, latest, pending}], runs: [...]}',
    '',
    ...EXIT_HELP,
  ].join('\n'),
  async run(args, io) {
    const parsed = parseArgs(args, { flags: ['--json'], values: [...TARGET_OPTIONS, '--workflow'] });
    if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument "${parsed.positionals[0]}"`);
    const target = githubTargetOption(parsed);
    const provider = await githubProvider(target, githubToken(io), io);
    const workflow = parsed.values.get('--workflow');

    const environments = await provider.read({ kind: 'environments' });
    if (!environments.ok) return fail('status', environments.error, io);
    const approvals = await provider.read({ kind: 'approvals' });
    if (!approvals.ok) return fail('status', approvals.error, io);
    const runs = await provider.read({ kind: 'runs', ...(workflow !== undefined ? { pipeline: workflow } : {}), limit: RUN_LIMIT });
    if (!runs.ok) return fail('status', runs.error, io);
    const jobs = new Map<string, Job[]>();
    for (const run of runs.value.filter((r) => r.status !== 'completed')) {
      const detail = await provider.read({ kind: 'run', runId: run.id });
      if (!detail.ok) return fail('status', detail.error, io);
      jobs.set(run.id, detail.value.jobs);
    }
    const json = statusJson(provider, environments.value, approvals.value, runs.value, jobs);
    io.stdout(parsed.flags.has('--json') ? `${JSON.stringify(json, null, 2)}\n` : statusText(provider, json, workflow));
    return EXIT_OK;
  },
};

export function statusJson(provider: OperateProvider, environments: EnvironmentStatus[], approvals: PendingApproval[], runs: Run[], jobs: Map<string, Job[]>): StatusJson {
  return {
    target: formatTarget(provider.target),
    environments: environments.map(({ environment, latest }) => ({
      name: environment.name,
      ...(environment.url !== undefined ? { url: environment.url } : {}),
      latest: latest
        ? { id: latest.id, ref: latest.ref, sha: latest.sha, state: latest.state, createdAt: latest.createdAt, runId: latest.runId ?? null, creator: latest.creator?.login ?? null }
        : null,
      pending: approvals
        .filter((a) => a.environment.name === environment.name)
        .map((a) => ({ runId: a.runId, environmentId: a.environment.id, canApprove: a.canApprove, waitTimer: a.waitTimerMinutes, runNumber: a.run?.number ?? null })),
    })),
    runs: runs.map((r) => ({
      id: r.id,
      number: r.number ?? null,
      workflow: r.pipeline.path ?? null,
      title: r.title,
      status: r.status,
      conclusion: r.conclusion,
      headSha: r.headSha,
      headBranch: r.headBranch,
      event: r.event,
      createdAt: r.createdAt,
      url: r.url ?? null,
      ...(jobs.has(r.id) ? { jobs: jobs.get(r.id)!.map((j) => ({ id: j.id, name: j.name, status: j.status, conclusion: j.conclusion })) } : {}),
    })),
  };
}

function statusText(provider: OperateProvider, json: StatusJson, workflow: string | undefined): string {
  const out: string[] = [`${describeTarget(provider.target)} (${json.target})`, '', 'Environments:'];
  if (json.environments.length === 0) out.push('  (none)');
  const width = Math.max(0, ...json.environments.map((e) => e.name.length));
  for (const e of json.environments) {
    const l = e.latest;
    const latest = l ? `${l.state.padEnd(11)} ${l.ref} ${shortSha(l.sha)}  ${when(l.createdAt)}${l.creator ? ` by ${l.creator}` : ''}${l.runId ? `  run ${l.runId}` : ''}` : 'no deployments';
    out.push(`  ${e.name.padEnd(width)}  ${latest}`);
  }
  const pending = json.environments.flatMap((e) => e.pending.map((p) => ({ env: e.name, ...p })));
  out.push('', 'Waiting for review:');
  if (pending.length === 0) out.push('  (nothing)');
  for (const p of pending) {
    const timer = p.waitTimer > 0 ? `, wait timer ${p.waitTimer} min` : '';
    out.push(`  ${p.env}  run ${p.runNumber !== null ? `#${p.runNumber} ` : ''}(id ${p.runId})  ${p.canApprove ? 'you can review it' : 'you are not a reviewer'}${timer}`);
  }
  out.push('', `Runs${workflow !== undefined ? ` of ${workflow}` : ''}:`);
  if (json.runs.length === 0) out.push('  (none)');
  for (const r of json.runs) {
    const state = describeLight(lightOf(r));
    out.push(`  ${r.number !== null ? `#${r.number}` : r.id}  ${state.padEnd(20)} ${r.workflow ?? ''}  ${r.headBranch ?? ''} ${shortSha(r.headSha)}  ${r.event}  ${when(r.createdAt)}  id ${r.id}  "${r.title}"`);
    for (const j of r.jobs ?? []) out.push(`      ${describeLight(lightOf(j)).padEnd(20)} ${j.name}`);
  }
  return `${out.join('\n')}\n`;
}

function when(iso: string): string {
  return iso.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');
}

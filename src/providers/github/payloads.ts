// GitHub's REST answers onto the operating model: each checks the fields it reads (fields.ts) and
// throws PayloadError naming the first one that is wrong. Pure; the shapes are those of GitHub's
// description (../shared/specs/github-ops.json), reading only what the model needs.
import type {
  BranchPolicy,
  Conclusion,
  Deployment,
  DeploymentState,
  Environment,
  Job,
  PendingApproval,
  Person,
  Pipeline,
  ProtectionRules,
  Repository,
  Review,
  Reviewer,
  Run,
  RunLabel,
  RunStatus,
  Step,
} from '../../core/operate/model';
import { describeValue, Fields, PayloadError, readList } from '../shared/fields';

/** GitHub's run/job statuses onto the model's; requested and pending are still queued. */
function status(raw: string | undefined): RunStatus {
  switch (raw) {
    case 'completed':
      return 'completed';
    case 'in_progress':
      return 'in_progress';
    case 'waiting':
      return 'waiting';
    default:
      return 'queued';
  }
}

/** GitHub's conclusions; its extra words are kept in `providerState` by the callers. */
function conclusion(raw: string | undefined): Conclusion | null {
  switch (raw) {
    case undefined:
      return null;
    case 'success':
    case 'failure':
    case 'cancelled':
    case 'skipped':
    case 'timed_out':
    case 'neutral':
      return raw;
    case 'startup_failure':
      return 'failure';
    case 'stale':
      return 'cancelled';
    default:
      // action_required and words GitHub may add: finished, neither success nor failure.
      return 'neutral';
  }
}

/** GitHub's word for a state, when the model's words lost something (`startup_failure`, `requested`). */
function ownWords(rawStatus: string | undefined, rawConclusion: string | undefined, mapped: { status: RunStatus; conclusion: Conclusion | null }): string | undefined {
  const raw = rawConclusion ?? rawStatus;
  return raw !== undefined && raw !== mapped.conclusion && raw !== mapped.status ? raw : undefined;
}

export function person(value: unknown, path: string): Person {
  const f = Fields.of(value, path);
  const name = f.optString('name');
  return {
    login: f.string('login'),
    id: f.id('id'),
    ...(name !== undefined ? { name } : {}),
    ...(f.optString('avatar_url') !== undefined ? { avatarUrl: f.optString('avatar_url') } : {}),
    ...(f.optString('html_url') !== undefined ? { url: f.optString('html_url') } : {}),
  };
}

export function workflowRun(value: unknown, path: string): Run {
  const f = Fields.of(value, path);
  const rawStatus = f.optString('status');
  const rawConclusion = f.optString('conclusion');
  const run: Run = {
    id: f.id('id'),
    number: f.integer('run_number'),
    attempt: f.optInteger('run_attempt') ?? 1,
    title: f.optString('display_title') ?? f.optString('name') ?? '',
    pipeline: { id: f.id('workflow_id'), path: f.string('path').replace(/@.*$/, ''), ...(f.optString('name') !== undefined ? { name: f.optString('name') } : {}) },
    status: status(rawStatus),
    conclusion: status(rawStatus) === 'completed' ? conclusion(rawConclusion) : null,
    event: f.string('event'),
    headSha: f.string('head_sha'),
    headBranch: f.optString('head_branch') ?? null,
    createdAt: f.time('created_at'),
    url: f.string('html_url'),
  };
  const providerState = ownWords(rawStatus, rawConclusion, run);
  if (providerState !== undefined) run.providerState = providerState;
  const started = f.optTime('run_started_at');
  if (started !== undefined) run.startedAt = started;
  const updated = f.optTime('updated_at');
  if (updated !== undefined) run.updatedAt = updated;
  if (f.has('actor')) run.actor = person(f.raw('actor'), `${path}.actor`);
  return run;
}

export function runList(value: unknown, path: string): { total: number; runs: Run[] } {
  const f = Fields.of(value, path);
  return { total: f.integer('total_count'), runs: f.list('workflow_runs', workflowRun) };
}

function step(value: unknown, path: string): Step {
  const f = Fields.of(value, path);
  const s = status(f.optString('status'));
  return {
    name: f.string('name'),
    number: f.integer('number'),
    status: s,
    conclusion: s === 'completed' ? conclusion(f.optString('conclusion')) : null,
    ...(f.optTime('started_at') !== undefined ? { startedAt: f.optTime('started_at') } : {}),
    ...(f.optTime('completed_at') !== undefined ? { completedAt: f.optTime('completed_at') } : {}),
  };
}

export function job(value: unknown, path: string): Job {
  const f = Fields.of(value, path);
  const rawStatus = f.optString('status');
  const rawConclusion = f.optString('conclusion');
  const s = status(rawStatus);
  const j: Job = {
    id: f.id('id'),
    runId: f.id('run_id'),
    name: f.string('name'),
    status: s,
    conclusion: s === 'completed' ? conclusion(rawConclusion) : null,
    attempt: f.optInteger('run_attempt') ?? 1,
    url: f.optString('html_url'),
    steps: f.optList('steps', step),
  };
  if (j.url === undefined) delete j.url;
  const providerState = ownWords(rawStatus, rawConclusion, j);
  if (providerState !== undefined) j.providerState = providerState;
  // A queued job's started_at is when it was queued, not when it ran.
  if (s !== 'queued' && s !== 'waiting') {
    const started = f.optTime('started_at');
    if (started !== undefined) j.startedAt = started;
  }
  const created = f.optTime('created_at');
  if (created !== undefined) j.createdAt = created;
  const completed = f.optTime('completed_at');
  if (completed !== undefined && s === 'completed') j.completedAt = completed;
  const runner = f.optString('runner_name');
  if (runner !== undefined) j.runnerName = runner;
  return j;
}

export function jobList(value: unknown, path: string): { total: number; jobs: Job[] } {
  const f = Fields.of(value, path);
  return { total: f.integer('total_count'), jobs: f.list('jobs', job) };
}

function reviewer(value: unknown, path: string): Reviewer {
  const f = Fields.of(value, path);
  const type = f.string('type');
  const who = f.child('reviewer');
  if (type === 'Team') return { kind: 'team', id: who.id('id'), name: who.optString('slug') ?? who.string('name') };
  return { kind: 'user', id: who.id('id'), name: who.string('login') };
}

/** A team of `GET /repos/{owner}/{repo}/teams`, as a reviewer (named by its slug). */
export function team(value: unknown, path: string): Reviewer {
  const f = Fields.of(value, path);
  return { kind: 'team', id: f.id('id'), name: f.string('slug') };
}

export function environment(value: unknown, path: string): Environment {
  const f = Fields.of(value, path);
  const protection: ProtectionRules = { reviewers: [], requiredApprovals: 0, preventSelfReview: false, waitTimerMinutes: 0, branchPolicy: 'all', otherChecks: [] };
  for (const rule of f.optList('protection_rules', (v, p) => Fields.of(v, p))) {
    const type = rule.string('type');
    if (type === 'required_reviewers') {
      protection.reviewers = rule.optList('reviewers', reviewer);
      protection.preventSelfReview = rule.optBoolean('prevent_self_review') ?? false;
      // GitHub: "Only one of the required reviewers needs to approve".
      protection.requiredApprovals = protection.reviewers.length > 0 ? 1 : 0;
    } else if (type === 'wait_timer') {
      protection.waitTimerMinutes = rule.optInteger('wait_timer') ?? 0;
    } else if (type !== 'branch_policy') {
      protection.otherChecks.push(type);
    }
  }
  const policy = f.optObject('deployment_branch_policy');
  protection.branchPolicy = branchPolicy(policy);
  const bypass = f.optBoolean('can_admins_bypass');
  if (bypass !== undefined) protection.adminsCanBypass = bypass;
  return {
    id: f.id('id'),
    name: f.string('name'),
    url: f.string('html_url'),
    protection,
    createdAt: f.time('created_at'),
    updatedAt: f.time('updated_at'),
  };
}

function branchPolicy(policy: Fields | undefined): BranchPolicy {
  if (!policy) return 'all';
  if (policy.boolean('protected_branches')) return 'protected';
  return policy.boolean('custom_branch_policies') ? 'custom' : 'all';
}

export function environmentList(value: unknown, path: string): { total: number; environments: Environment[] } {
  const f = Fields.of(value, path);
  return { total: f.optInteger('total_count') ?? 0, environments: f.optList('environments', environment) };
}

/** A deployment without its statuses: state `pending` until they are read. */
export function deployment(value: unknown, path: string): Deployment {
  const f = Fields.of(value, path);
  const d: Deployment = {
    id: f.id('id'),
    environment: f.string('environment'),
    ref: f.string('ref'),
    sha: f.string('sha'),
    state: 'pending',
    createdAt: f.time('created_at'),
    updatedAt: f.time('updated_at'),
  };
  const description = f.optString('description');
  if (description !== undefined) d.description = description;
  if (f.has('creator')) d.creator = person(f.raw('creator'), `${path}.creator`);
  return d;
}

export interface DeploymentStatusFacts {
  state: DeploymentState;
  /** Where GitHub Actions says the deployment ran: `…/actions/runs/RUN/job/JOB`. */
  runId?: string;
  jobId?: string;
  logUrl?: string;
  environmentUrl?: string;
}

const STATUS_STATES: readonly DeploymentState[] = ['error', 'failure', 'inactive', 'pending', 'success', 'queued', 'in_progress', 'waiting', 'cancelled'];

export function deploymentStatus(value: unknown, path: string): DeploymentStatusFacts {
  const f = Fields.of(value, path);
  const logUrl = f.optString('log_url') ?? f.optString('target_url');
  const facts: DeploymentStatusFacts = { state: f.oneOf('state', STATUS_STATES) };
  const link = logUrl !== undefined ? /\/actions\/runs\/(\d+)(?:\/(?:job|jobs)\/(\d+))?/.exec(logUrl) : null;
  if (logUrl) facts.logUrl = logUrl;
  if (link) {
    facts.runId = link[1];
    if (link[2] !== undefined) facts.jobId = link[2];
  }
  const envUrl = f.optString('environment_url');
  if (envUrl) facts.environmentUrl = envUrl;
  return facts;
}

/** A deployment with what its statuses (newest first, as GitHub lists them) tell. */
export function withStatuses(d: Deployment, statuses: readonly DeploymentStatusFacts[], complete: boolean): Deployment {
  const out: Deployment = { ...d, state: statuses[0]?.state ?? 'pending' };
  const linked = statuses.find((s) => s.runId !== undefined);
  if (linked?.runId !== undefined) out.runId = linked.runId;
  if (linked?.jobId !== undefined) out.jobId = linked.jobId;
  if (linked?.logUrl !== undefined) out.url = linked.logUrl;
  const envUrl = statuses.find((s) => s.environmentUrl !== undefined)?.environmentUrl;
  if (envUrl !== undefined) out.environmentUrl = envUrl;
  // `inactive` only ever follows `success` on GitHub.
  const succeeded = statuses.some((s) => s.state === 'success' || s.state === 'inactive');
  if (complete || succeeded) out.succeeded = succeeded;
  return out;
}

export function pendingDeployment(value: unknown, path: string, runId: string, run: RunLabel | undefined, since: string | undefined): PendingApproval {
  const f = Fields.of(value, path);
  const env = f.child('environment');
  const reviewers = f.optList('reviewers', reviewer);
  const envId = env.id('id');
  const envUrl = env.optString('html_url');
  const startedAt = f.optTime('wait_timer_started_at');
  const approval: PendingApproval = {
    id: `${runId}/${envId}`,
    runId,
    environment: { id: envId, name: env.string('name'), ...(envUrl !== undefined ? { url: envUrl } : {}) },
    canApprove: f.boolean('current_user_can_approve'),
    reviewers,
    requiredApprovals: reviewers.length > 0 ? 1 : 0,
    waitTimerMinutes: f.optInteger('wait_timer') ?? 0,
  };
  if (run) approval.run = run;
  if (startedAt !== undefined) approval.waitTimerStartedAt = startedAt;
  if ((startedAt ?? since) !== undefined) approval.since = startedAt ?? since;
  return approval;
}

export function review(value: unknown, path: string): Review {
  const f = Fields.of(value, path);
  return {
    decision: f.oneOf('state', ['approved', 'rejected'] as const),
    user: person(f.raw('user'), `${path}.user`),
    environments: f.optList('environments', (v, p) => Fields.of(v, p).string('name')),
    comment: f.optString('comment') ?? '',
  };
}

export function workflow(value: unknown, path: string): Pipeline {
  const f = Fields.of(value, path);
  return {
    id: f.id('id'),
    name: f.string('name'),
    path: f.string('path'),
    state: f.string('state') === 'active' ? 'active' : 'disabled',
    url: f.string('html_url'),
  };
}

export function workflowList(value: unknown, path: string): { total: number; workflows: Pipeline[] } {
  const f = Fields.of(value, path);
  return { total: f.integer('total_count'), workflows: f.list('workflows', workflow) };
}

export function repository(value: unknown, path: string): Repository {
  const f = Fields.of(value, path);
  const p = f.optObject('permissions');
  const permission: Repository['permission'] = !p
    ? 'read'
    : p.optBoolean('admin')
      ? 'admin'
      : p.optBoolean('maintain')
        ? 'maintain'
        : p.optBoolean('push')
          ? 'write'
          : p.optBoolean('triage')
            ? 'triage'
            : p.optBoolean('pull')
              ? 'read'
              : 'none';
  return { fullName: f.string('full_name'), defaultBranch: f.string('default_branch'), url: f.string('html_url'), permission };
}

const FULL_SHA = /^[0-9a-f]{40}$/;

/** `GET …/commits/{ref}`: only the sha is read, and it must be a full one (it is written into a workflow). */
export function commitSha(value: unknown, path: string): string {
  const f = Fields.of(value, path);
  const sha = f.string('sha');
  if (!FULL_SHA.test(sha)) throw new PayloadError(`${path}.sha`, `expected a full 40-character commit sha, got ${describeValue(sha)}`);
  return sha;
}

export function refNames(value: unknown, path: string): string[] {
  return readList(value, path, (v, p) => Fields.of(v, p).string('name'));
}

export function dispatchResponse(value: unknown, path: string): { runId: string; url?: string } {
  const f = Fields.of(value, path);
  return { runId: f.id('workflow_run_id'), url: f.optString('html_url') };
}

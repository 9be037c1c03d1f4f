// A GitHub repository's Actions state that moves with a clock: runs are queued, their jobs start
// when their needs are done, wait at protected environments for a review (or a wait timer), run
// for their planned time, and make deployments with statuses, as GitHub Actions does. The local
// API server (server.ts) renders it as GitHub's JSON; actions (dispatch, review, cancel, re-run,
// environment settings) change it. Nothing here waits: `sync()` applies every event up to the
// clock's present, in time order.
import type { Clock } from '../../../src/providers/scheduler/clock';

export interface UserSpec {
  login: string;
  id: number;
  name?: string;
}

export interface TeamSpec {
  slug: string;
  id: number;
  name: string;
  members: string[];
}

export type ReviewerSpec = { user: string } | { team: string };

export interface EnvironmentSpec {
  id: number;
  name: string;
  reviewers?: ReviewerSpec[];
  waitTimerMinutes?: number;
  preventSelfReview?: boolean;
  /** Which branches may deploy; absent: all. */
  branchPolicy?: 'protected' | 'custom';
  /** GitHub keeps earlier successful deployments of production environments `success` (not `inactive`). */
  production?: boolean;
  url?: string;
}

export interface InputSpec {
  type?: 'string' | 'boolean' | 'choice' | 'number' | 'environment';
  required?: boolean;
  default?: string;
  options?: string[];
}

export interface JobPlan {
  /** The job's key in the YAML. */
  key: string;
  /** Its `name:`, when it has one: GitHub names the job by it. */
  name?: string;
  needs?: string[];
  environment?: string;
  seconds: number;
  outcome?: 'success' | 'failure';
  /** `if: failure()`: runs only when a job it needs failed. */
  onFailure?: boolean;
  /** Matrix instances, by the values GitHub shows: ["ubuntu-latest, 20", …]. */
  matrix?: string[];
}

export interface WorkflowSpec {
  id: number;
  name: string;
  path: string;
  /** Its `workflow_dispatch` trigger and inputs; false when it has none. */
  dispatch: false | { inputs?: Record<string, InputSpec> };
  jobs: JobPlan[];
}

/** A run that happened (or started) before the scenario's present. */
export interface RunSeed {
  workflow: string;
  minutesAgo: number;
  branch?: string;
  event?: string;
  actor?: string;
  title?: string;
  /** What reviewers do at its gates: approve or reject a minute after it waits, or leave it waiting. */
  gates?: 'approve' | 'reject' | 'wait';
  reviewer?: string;
  /** Jobs (by key) that fail in this run. */
  failing?: string[];
  /** The commit it runs; defaults to the branch's head. */
  sha?: string;
}

export interface TokenSpec {
  token: string;
  login: string;
  /** Classic token scopes, as GitHub reports them in `x-oauth-scopes`. */
  scopes: string[];
  /** The user's permission on the repository. */
  permission: 'admin' | 'write' | 'read';
}

/** Another repository's refs: the actions a workflow uses, which pinning resolves. */
export interface RefsSpec {
  branches: Record<string, string>;
  tags: Record<string, string>;
  /** sha → message. */
  commits: Record<string, string>;
}

export interface ScenarioSpec {
  /** `owner/repo` (lower case) → its refs; answered by `GET /repos/{owner}/{repo}/commits/{ref}` only. */
  otherRepositories?: Record<string, RefsSpec>;
  owner: string;
  repo: string;
  repoId: number;
  defaultBranch: string;
  branches: Record<string, string>;
  tags: Record<string, string>;
  commits: Record<string, string>;
  users: UserSpec[];
  teams: TeamSpec[];
  /** The first token's user is the actor of seeded runs. */
  tokens: TokenSpec[];
  environments: EnvironmentSpec[];
  workflows: WorkflowSpec[];
  runs: RunSeed[];
}

export type JobState = 'pending' | 'waiting' | 'in_progress' | 'completed';
export type JobConclusion = 'success' | 'failure' | 'cancelled' | 'skipped';

export interface SimJob {
  id: number;
  key: string;
  name: string;
  plan: JobPlan;
  outcome: 'success' | 'failure';
  state: JobState;
  conclusion: JobConclusion | null;
  createdAt: number;
  readyAt?: number;
  startedAt?: number;
  completedAt?: number;
  approvedAt?: number;
  timerEndsAt?: number;
  deploymentId?: number;
}

export interface SimAttempt {
  number: number;
  createdAt: number;
  startsAt: number;
  jobs: SimJob[];
}

export interface SimRun {
  id: number;
  number: number;
  workflow: WorkflowSpec;
  event: string;
  branch: string;
  sha: string;
  title: string;
  actor: string;
  createdAt: number;
  attempts: SimAttempt[];
  gates: 'approve' | 'reject' | 'wait';
  reviewer?: string;
  updatedAt: number;
}

export interface SimReview {
  runId: number;
  environmentIds: number[];
  state: 'approved' | 'rejected';
  comment: string;
  user: string;
  at: number;
}

export type DeploymentStatusState = 'error' | 'failure' | 'inactive' | 'pending' | 'success' | 'queued' | 'in_progress';

export interface SimDeploymentStatus {
  id: number;
  state: DeploymentStatusState;
  at: number;
  description: string;
}

export interface SimDeployment {
  id: number;
  environment: string;
  sha: string;
  ref: string;
  createdAt: number;
  updatedAt: number;
  creator: string;
  runId: number;
  jobId: number;
  /** Oldest first. */
  statuses: SimDeploymentStatus[];
}

/** Why an action was not done: the HTTP status and message GitHub would answer. */
export interface Refused {
  status: number;
  message: string;
}

const QUEUE_MS = 5_000;
const SEEDED_REVIEW_AFTER_MS = 60_000;
const RETENTION_MS = 30 * 24 * 3600_000;

interface TimedEvent {
  at: number;
  seq: number;
  apply: () => void;
}

export class RepositorySimulation {
  readonly runs: SimRun[] = [];
  readonly deployments: SimDeployment[] = [];
  readonly reviews: SimReview[] = [];
  readonly environments: EnvironmentSpec[];
  private ids = { run: 9000, job: 50_000, deployment: 7000, status: 80_000 };
  private runNumbers = new Map<number, number>();
  private events: TimedEvent[] = [];
  private seq = 0;
  /** Bumped on every change: the server's ETags and the sandbox's "something moved" use it. */
  version = 0;

  constructor(
    readonly spec: ScenarioSpec,
    private readonly clock: Clock,
  ) {
    this.environments = spec.environments.map((e) => ({ ...e, reviewers: e.reviewers ? [...e.reviewers] : undefined }));
    const start = clock.now();
    for (const seed of [...spec.runs].sort((a, b) => b.minutesAgo - a.minutesAgo)) {
      const at = start - seed.minutesAgo * 60_000;
      this.schedule(at, () => this.createRun(seed, at));
    }
    this.sync();
  }

  /** Applies every event due by the clock's present, oldest first. */
  sync(): void {
    const now = this.clock.now();
    for (;;) {
      const next = this.nextEvent(now);
      if (!next) break;
      next.apply();
      this.version++;
    }
  }

  /**
   * What `ref` names in `owner/repo` (this repository or one of the others) as GitHub resolves
   * it: a full sha it has, a branch, a tag, `heads/NAME` or `tags/NAME`. Undefined repository:
   * none here; undefined commit: no such ref.
   */
  commitOf(owner: string, repo: string, ref: string): { repository?: RefsSpec; sha?: string } {
    const full = `${owner}/${repo}`.toLowerCase();
    const repository = full === `${this.spec.owner}/${this.spec.repo}` ? this.spec : this.spec.otherRepositories?.[full];
    if (!repository) return {};
    const name = ref.replace(/^(heads|tags)\//, '');
    const sha = ref in repository.commits ? ref
      : ref.startsWith('tags/') ? repository.tags[name]
      : ref.startsWith('heads/') ? repository.branches[name]
      : repository.branches[ref] ?? repository.tags[ref];
    return { repository, sha };
  }

  workflowById(idOrFile: string): WorkflowSpec | undefined {
    return this.spec.workflows.find((w) => String(w.id) === idOrFile || w.path.split('/').pop() === idOrFile);
  }

  run(id: number): SimRun | undefined {
    return this.runs.find((r) => r.id === id);
  }

  latestAttempt(run: SimRun): SimAttempt {
    return run.attempts[run.attempts.length - 1];
  }

  findJob(id: number): { run: SimRun; attempt: SimAttempt; job: SimJob } | undefined {
    for (const run of this.runs) {
      for (const attempt of run.attempts) {
        const job = attempt.jobs.find((j) => j.id === id);
        if (job) return { run, attempt, job };
      }
    }
    return undefined;
  }

  environment(name: string): EnvironmentSpec | undefined {
    return this.environments.find((e) => e.name === name);
  }

  /** GitHub's run status: waiting while a job waits at an environment. */
  runStatus(run: SimRun): { status: 'queued' | 'in_progress' | 'waiting' | 'completed'; conclusion: JobConclusion | null } {
    const jobs = this.latestAttempt(run).jobs;
    if (jobs.every((j) => j.state === 'completed')) {
      const conclusion = jobs.some((j) => j.conclusion === 'failure') ? 'failure' : jobs.some((j) => j.conclusion === 'cancelled') ? 'cancelled' : 'success';
      return { status: 'completed', conclusion };
    }
    if (jobs.some((j) => j.state === 'waiting')) return { status: 'waiting', conclusion: null };
    if (jobs.some((j) => j.state !== 'pending')) return { status: 'in_progress', conclusion: null };
    return { status: 'queued', conclusion: null };
  }

  /** Jobs of the latest attempt waiting at an environment, one entry per environment. */
  pendingEnvironments(run: SimRun): { environment: EnvironmentSpec; jobs: SimJob[]; since: number }[] {
    const byEnv = new Map<string, { environment: EnvironmentSpec; jobs: SimJob[]; since: number }>();
    for (const job of this.latestAttempt(run).jobs) {
      if (job.state !== 'waiting' || !job.plan.environment) continue;
      const environment = this.environment(job.plan.environment)!;
      if (hasReviewers(environment) && job.approvedAt !== undefined) continue;
      const entry = byEnv.get(environment.name) ?? { environment, jobs: [], since: job.readyAt! };
      entry.jobs.push(job);
      byEnv.set(environment.name, entry);
    }
    return [...byEnv.values()];
  }

  /** Whether `login` may review deployments to `environment` of `run`. */
  canReview(login: string, environment: EnvironmentSpec, run: SimRun): boolean {
    if (environment.preventSelfReview && run.actor === login) return false;
    return (environment.reviewers ?? []).some((r) => ('user' in r ? r.user === login : this.team(r.team)?.members.includes(login)));
  }

  team(slug: string): TeamSpec | undefined {
    return this.spec.teams.find((t) => t.slug === slug);
  }

  user(login: string): UserSpec {
    const user = this.spec.users.find((u) => u.login === login);
    if (!user) throw new Error(`scenario has no user ${login}`);
    return user;
  }

  /** `POST …/dispatches`: a new run of a workflow with workflow_dispatch. */
  dispatch(workflow: WorkflowSpec, ref: string, inputs: Record<string, unknown>, actor: string): SimRun | Refused {
    if (!workflow.dispatch) return { status: 422, message: "Workflow does not have 'workflow_dispatch' trigger" };
    const branch = ref.replace(/^refs\/(heads|tags)\//, '');
    const sha = this.spec.branches[branch] ?? this.spec.tags[branch];
    if (sha === undefined) return { status: 422, message: `No ref found for: ${ref}` };
    const declared = workflow.dispatch.inputs ?? {};
    const unexpected = Object.keys(inputs).filter((k) => !(k in declared));
    if (unexpected.length > 0) return { status: 422, message: `Unexpected inputs provided: ${JSON.stringify(unexpected)}` };
    for (const [name, input] of Object.entries(declared)) {
      const value = inputs[name];
      if (value !== undefined && typeof value !== 'string') return { status: 422, message: `Input '${name}' must be a string` };
      if (input.required && value === undefined && input.default === undefined) return { status: 422, message: `Required input '${name}' not provided` };
      if (input.type === 'choice' && value !== undefined && !(input.options ?? []).includes(value as string)) {
        return { status: 422, message: `Provided value '${String(value)}' for input '${name}' not in the list of allowed values` };
      }
      if (input.type === 'boolean' && value !== undefined && value !== 'true' && value !== 'false') {
        return { status: 422, message: `Provided value '${String(value)}' for input '${name}' is not a boolean` };
      }
    }
    const now = this.clock.now();
    const run = this.createRun({ workflow: workflow.path, minutesAgo: 0, branch, sha, event: 'workflow_dispatch', actor, title: workflow.name }, now);
    this.version++;
    return run;
  }

  /** `POST …/pending_deployments`. */
  review(run: SimRun, environmentIds: number[], state: 'approved' | 'rejected', comment: string, login: string): SimDeployment[] | Refused {
    const pending = this.pendingEnvironments(run);
    if (pending.length === 0) return { status: 422, message: 'No pending deployment requests to approve or reject' };
    const chosen = [];
    for (const id of environmentIds) {
      const entry = pending.find((p) => p.environment.id === id);
      if (!entry) return { status: 422, message: `Environment ${id} has no pending deployment request for this run` };
      if (!this.canReview(login, entry.environment, run)) return { status: 422, message: `You are not allowed to review deployments to ${entry.environment.name}` };
      chosen.push(entry);
    }
    const now = this.clock.now();
    this.applyReview(run, chosen, state, comment, login, now);
    this.version++;
    return chosen.flatMap((c) => c.jobs.map((j) => this.deployments.find((d) => d.id === j.deploymentId)!));
  }

  /** `POST …/cancel`. */
  cancel(run: SimRun): Refused | undefined {
    if (this.runStatus(run).status === 'completed') return { status: 409, message: 'Cannot cancel a workflow run that is completed.' };
    const now = this.clock.now();
    for (const job of this.latestAttempt(run).jobs) {
      if (job.state === 'completed') continue;
      this.finishJob(job, 'cancelled', now);
    }
    run.updatedAt = now;
    this.version++;
    return undefined;
  }

  /** `POST …/rerun`, `…/rerun-failed-jobs`, `…/jobs/{id}/rerun`: a new attempt. */
  rerun(run: SimRun, which: { kind: 'all' } | { kind: 'failed' } | { kind: 'job'; key: string }): Refused | undefined {
    if (this.runStatus(run).status !== 'completed') return { status: 403, message: 'This workflow is already running' };
    const now = this.clock.now();
    if (now - run.createdAt > RETENTION_MS) {
      return { status: 403, message: 'Unable to retry this workflow run because it was created over a month ago' };
    }
    const previous = this.latestAttempt(run);
    const again = new Set<string>();
    if (which.kind === 'all') previous.jobs.forEach((j) => again.add(j.key));
    if (which.kind === 'failed') previous.jobs.filter((j) => j.conclusion === 'failure' || j.conclusion === 'cancelled').forEach((j) => again.add(j.key));
    if (which.kind === 'job') again.add(which.key);
    // What depends on a re-run job runs again too.
    for (let grew = true; grew; ) {
      grew = false;
      for (const plan of run.workflow.jobs) {
        if (!again.has(plan.key) && (plan.needs ?? []).some((n) => again.has(n))) {
          again.add(plan.key);
          grew = true;
        }
      }
    }
    if (again.size === 0) return { status: 403, message: 'There are no failed jobs to re-run' };
    const attempt: SimAttempt = { number: previous.number + 1, createdAt: now, startsAt: now + QUEUE_MS, jobs: [] };
    for (const job of previous.jobs) {
      const fresh: SimJob = again.has(job.key)
        ? { ...this.newJob(job.plan, job.name, now), outcome: 'success' }
        : { ...job, id: this.ids.job++ };
      attempt.jobs.push(fresh);
    }
    run.attempts.push(attempt);
    run.updatedAt = now;
    this.version++;
    return undefined;
  }

  /** `PUT /repos/{owner}/{repo}/environments/{name}` (creates it when missing). */
  setEnvironment(name: string, settings: { wait_timer?: number; prevent_self_review?: boolean; reviewers?: { type?: string; id?: number }[] | null; deployment_branch_policy?: { protected_branches: boolean; custom_branch_policies: boolean } | null }): EnvironmentSpec | Refused {
    let env = this.environment(name);
    if (!env) {
      env = { id: 4000 + this.environments.length, name };
      this.environments.push(env);
    }
    if (settings.wait_timer !== undefined) env.waitTimerMinutes = settings.wait_timer;
    if (settings.prevent_self_review !== undefined) env.preventSelfReview = settings.prevent_self_review;
    if (settings.reviewers !== undefined) {
      const reviewers: ReviewerSpec[] = [];
      for (const r of settings.reviewers ?? []) {
        if (r.type === 'User') {
          const user = this.spec.users.find((u) => u.id === r.id);
          if (!user) return { status: 422, message: `Reviewer user ${r.id} is not a collaborator of this repository` };
          reviewers.push({ user: user.login });
        } else {
          const team = this.spec.teams.find((t) => t.id === r.id);
          if (!team) return { status: 422, message: `Reviewer team ${r.id} has no access to this repository` };
          reviewers.push({ team: team.slug });
        }
      }
      env.reviewers = reviewers;
    }
    if (settings.deployment_branch_policy !== undefined) {
      const p = settings.deployment_branch_policy;
      env.branchPolicy = p === null ? undefined : p.protected_branches ? 'protected' : 'custom';
    }
    this.version++;
    return env;
  }

  private createRun(seed: RunSeed, at: number): SimRun {
    const workflow = this.spec.workflows.find((w) => w.path === seed.workflow);
    if (!workflow) throw new Error(`scenario run names an unknown workflow ${seed.workflow}`);
    const branch = seed.branch ?? this.spec.defaultBranch;
    const number = (this.runNumbers.get(workflow.id) ?? 0) + 1;
    this.runNumbers.set(workflow.id, number);
    const run: SimRun = {
      id: this.ids.run++,
      number,
      workflow,
      event: seed.event ?? 'push',
      branch,
      sha: seed.sha ?? this.spec.branches[branch],
      title: seed.title ?? this.spec.commits[seed.sha ?? this.spec.branches[branch]] ?? workflow.name,
      actor: seed.actor ?? this.spec.tokens[0].login,
      createdAt: at,
      attempts: [],
      gates: seed.gates ?? 'wait',
      reviewer: seed.reviewer,
      updatedAt: at,
    };
    const attempt: SimAttempt = { number: 1, createdAt: at, startsAt: at + QUEUE_MS, jobs: [] };
    for (const plan of workflow.jobs) {
      for (const name of instanceNames(plan)) {
        attempt.jobs.push({ ...this.newJob(plan, name, at), outcome: seed.failing?.includes(plan.key) ? 'failure' : (plan.outcome ?? 'success') });
      }
    }
    run.attempts.push(attempt);
    this.runs.push(run);
    return run;
  }

  private newJob(plan: JobPlan, name: string, at: number): SimJob {
    return { id: this.ids.job++, key: plan.key, name, plan, outcome: plan.outcome ?? 'success', state: 'pending', conclusion: null, createdAt: at };
  }

  private schedule(at: number, apply: () => void): void {
    this.events.push({ at, seq: this.seq++, apply });
  }

  /** The earliest thing that happens by `now`: a scheduled event or a job's next step. */
  private nextEvent(now: number): { at: number; apply: () => void } | undefined {
    let best: { at: number; seq: number; apply: () => void } | undefined;
    const consider = (at: number | undefined, seq: number, apply: () => void) => {
      if (at === undefined || at > now) return;
      if (!best || at < best.at || (at === best.at && seq < best.seq)) best = { at, seq, apply };
    };
    for (const e of this.events) {
      consider(e.at, e.seq, () => {
        this.events.splice(this.events.indexOf(e), 1);
        e.apply();
      });
    }
    for (const run of this.runs) {
      const attempt = this.latestAttempt(run);
      for (const job of attempt.jobs) {
        const step = this.jobStep(run, attempt, job);
        if (step) consider(step.at, Number.MAX_SAFE_INTEGER, step.apply);
      }
    }
    return best;
  }

  /** When a job next changes by itself, and how. */
  private jobStep(run: SimRun, attempt: SimAttempt, job: SimJob): { at: number; apply: () => void } | undefined {
    switch (job.state) {
      case 'pending': {
        const needs = attempt.jobs.filter((j) => job.plan.needs?.includes(j.key));
        if (needs.some((n) => n.state !== 'completed')) return undefined;
        const at = Math.max(attempt.startsAt, ...needs.map((n) => n.completedAt!));
        const runs = job.plan.onFailure ? needs.some((n) => n.conclusion === 'failure') : needs.every((n) => n.conclusion === 'success');
        return { at, apply: () => (runs ? this.openJob(run, job, at) : this.finishJob(job, 'skipped', at)) };
      }
      case 'waiting': {
        const env = this.environment(job.plan.environment!)!;
        if (hasReviewers(env) && job.approvedAt === undefined) return undefined;
        const at = Math.max(job.approvedAt ?? 0, job.timerEndsAt ?? 0);
        return { at, apply: () => this.startJob(run, job, at) };
      }
      case 'in_progress': {
        const at = job.startedAt! + job.plan.seconds * 1000;
        return { at, apply: () => this.finishJob(job, job.outcome, at) };
      }
      case 'completed':
        return undefined;
    }
  }

  /** Needs done: a job with an environment makes its deployment and may wait at the gate. */
  private openJob(run: SimRun, job: SimJob, at: number): void {
    job.readyAt = at;
    run.updatedAt = at;
    const env = job.plan.environment !== undefined ? this.environment(job.plan.environment) : undefined;
    if (!env) {
      this.startJob(run, job, at);
      return;
    }
    const deployment: SimDeployment = {
      id: this.ids.deployment++,
      environment: env.name,
      sha: run.sha,
      ref: run.branch,
      createdAt: at,
      updatedAt: at,
      creator: run.actor,
      runId: run.id,
      jobId: job.id,
      statuses: [],
    };
    this.deployments.push(deployment);
    job.deploymentId = deployment.id;
    const timer = (env.waitTimerMinutes ?? 0) * 60_000;
    if (!hasReviewers(env) && timer === 0) {
      this.startJob(run, job, at);
      return;
    }
    job.state = 'waiting';
    if (timer > 0) job.timerEndsAt = at + timer;
    if (hasReviewers(env) && run.gates !== 'wait') {
      const reviewer = run.reviewer ?? (env.reviewers ?? []).flatMap((r) => ('user' in r ? [r.user] : (this.team(r.team)?.members ?? [])))[0];
      this.schedule(at + SEEDED_REVIEW_AFTER_MS, () => {
        const entry = this.pendingEnvironments(run).find((p) => p.environment.name === env.name);
        if (entry) this.applyReview(run, [entry], run.gates === 'approve' ? 'approved' : 'rejected', '', reviewer, at + SEEDED_REVIEW_AFTER_MS);
      });
    }
  }

  private startJob(run: SimRun, job: SimJob, at: number): void {
    job.state = 'in_progress';
    job.startedAt = at;
    run.updatedAt = at;
    if (job.deploymentId !== undefined) {
      this.addStatus(job.deploymentId, 'queued', at, 'Deployment queued');
      this.addStatus(job.deploymentId, 'in_progress', at, 'Deployment started');
    }
  }

  private finishJob(job: SimJob, conclusion: JobConclusion, at: number): void {
    job.state = 'completed';
    job.conclusion = conclusion;
    job.startedAt ??= at;
    job.completedAt = at;
    const found = this.findJob(job.id);
    if (found) found.run.updatedAt = at;
    if (job.deploymentId === undefined) return;
    const state: DeploymentStatusState = conclusion === 'success' ? 'success' : conclusion === 'failure' ? 'failure' : 'error';
    this.addStatus(job.deploymentId, state, at, conclusion === 'cancelled' ? 'Deployment cancelled' : `Deployment ${state}`);
    if (state === 'success') this.markEarlierInactive(job.deploymentId, at);
  }

  private applyReview(run: SimRun, entries: { environment: EnvironmentSpec; jobs: SimJob[] }[], state: 'approved' | 'rejected', comment: string, login: string, at: number): void {
    this.reviews.push({ runId: run.id, environmentIds: entries.map((e) => e.environment.id), state, comment, user: login, at });
    for (const entry of entries) {
      for (const job of entry.jobs) {
        if (state === 'approved') job.approvedAt = at;
        else this.finishJob(job, 'failure', at);
      }
    }
    run.updatedAt = at;
  }

  private addStatus(deploymentId: number, state: DeploymentStatusState, at: number, description: string): void {
    const d = this.deployments.find((x) => x.id === deploymentId)!;
    d.statuses.push({ id: this.ids.status++, state, at, description });
    d.updatedAt = at;
  }

  /** GitHub's auto_inactive: earlier successful deployments of a non-production environment. */
  private markEarlierInactive(deploymentId: number, at: number): void {
    const d = this.deployments.find((x) => x.id === deploymentId)!;
    if (this.environment(d.environment)?.production) return;
    for (const other of this.deployments) {
      if (other.id === d.id || other.environment !== d.environment || other.createdAt > d.createdAt) continue;
      const last = other.statuses[other.statuses.length - 1];
      if (last?.state === 'success') this.addStatus(other.id, 'inactive', at, 'Superseded by a newer deployment');
    }
  }
}

function hasReviewers(env: EnvironmentSpec): boolean {
  return (env.reviewers ?? []).length > 0;
}

function instanceNames(plan: JobPlan): string[] {
  const name = plan.name ?? plan.key;
  return plan.matrix ? plan.matrix.map((values) => `${name} (${values})`) : [name];
}

/** The state a deployment's newest status gives it; `pending` before its first status. */
export function deploymentState(d: SimDeployment): DeploymentStatusState {
  return d.statuses[d.statuses.length - 1]?.state ?? 'pending';
}

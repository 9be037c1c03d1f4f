// The GitHub provider's reads, one per resource kind of the operating model. Each names its
// requests by route, as GitHub's description does, and maps the answers with payloads.ts.
import { runLabel } from '../../core/operate/actions';
import { newestFirst } from '../../core/operate/choose';
import type { OperateError } from '../../core/operate/errors';
import type { CommitRef, Deployment, EnvironmentStatus, JobLog, PendingApproval, RefList, Review, Reviewer, Run, RunDetail } from '../../core/operate/model';
import { reviewerNameText, type ReviewerName } from '../../core/operate/reviewerNames';
import type { ResourceQueries, ResourceValues } from '../../core/operate/provider';
import { PayloadError, readList } from '../shared/fields';
import * as map from './payloads';
import { GitHubCallError, type GitHubSession } from './session';

const RUNS = 'GET /repos/{owner}/{repo}/actions/runs';
const WORKFLOW_RUNS = 'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs';
const RUN = 'GET /repos/{owner}/{repo}/actions/runs/{run_id}';
const JOBS = 'GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs';
const PENDING = 'GET /repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments';
const REVIEWS = 'GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals';
const ENVIRONMENTS = 'GET /repos/{owner}/{repo}/environments';
const DEPLOYMENTS = 'GET /repos/{owner}/{repo}/deployments';
const STATUSES = 'GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses';
const WORKFLOWS = 'GET /repos/{owner}/{repo}/actions/workflows';
const REPOSITORY = 'GET /repos/{owner}/{repo}';
const BRANCHES = 'GET /repos/{owner}/{repo}/branches';
const TAGS = 'GET /repos/{owner}/{repo}/tags';
const VIEWER = 'GET /user';
const LOGS = 'GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs';
const USER = 'GET /users/{username}';
const TEAMS = 'GET /repos/{owner}/{repo}/teams';
const COMMIT = 'GET /repos/{owner}/{repo}/commits/{ref}';

/** The workflow's file name: the API names a workflow by it (`deploy.yml`), not by its path. */
export function workflowFile(path: string): string {
  return path.split('/').pop() ?? path;
}

function where(s: GitHubSession): string {
  return `${s.target.owner}/${s.target.repo}`;
}

export async function readRuns(s: GitHubSession, q: ResourceQueries['runs']): Promise<Run[]> {
  const perPage = Math.min(100, Math.max(1, q.limit ?? 20));
  const params = { ...s.repo, per_page: perPage, ...(q.branch !== undefined ? { branch: q.branch } : {}), ...(q.status !== undefined || q.conclusion !== undefined ? { status: q.conclusion ?? q.status } : {}) };
  const data = q.pipeline !== undefined
    ? await s.get(WORKFLOW_RUNS, { ...params, workflow_id: workflowFile(q.pipeline) }, `the runs of ${q.pipeline} in ${where(s)}`)
    : await s.get(RUNS, params, `the runs of ${where(s)}`);
  return map.runList(data, 'body').runs;
}

export async function readRun(s: GitHubSession, runId: string): Promise<Run> {
  return map.workflowRun(await s.get(RUN, { ...s.repo, run_id: runId }, `run ${runId} of ${where(s)}`), 'body');
}

/** A run with its latest attempt's jobs; what it waits for and the reviews so far while it waits. */
export async function readRunDetail(s: GitHubSession, runId: string): Promise<RunDetail> {
  const run = await readRun(s, runId);
  const jobs = await s.pages(JOBS, { ...s.repo, run_id: runId, filter: 'latest' }, `the jobs of run ${runId}`, (d) => map.jobList(d, 'body').jobs, 1000);
  let pending: PendingApproval[] = [];
  let reviews: Review[] = [];
  if (run.status === 'waiting') {
    pending = await readPending(s, run);
    reviews = await readReviews(s, runId);
  }
  return { run, jobs, pending, reviews };
}

export async function readPending(s: GitHubSession, run: Run): Promise<PendingApproval[]> {
  const data = await s.get(PENDING, { ...s.repo, run_id: run.id }, `the deployments run ${run.id} waits for`);
  const label = runLabel(run);
  return readList(data, 'body', (v, p) => map.pendingDeployment(v, p, run.id, label, run.updatedAt));
}

export async function readReviews(s: GitHubSession, runId: string): Promise<Review[]> {
  return readList(await s.get(REVIEWS, { ...s.repo, run_id: runId }, `the reviews of run ${runId}`), 'body', map.review);
}

/** Every deployment waiting for a review in the repository (runs with status `waiting`). */
export async function readApprovals(s: GitHubSession): Promise<PendingApproval[]> {
  const waiting = await readRuns(s, { status: 'waiting', limit: 100 });
  const all: PendingApproval[] = [];
  for (const run of waiting) all.push(...(await readPending(s, run)));
  return all;
}

/** Each environment with its newest deployment and that deployment's state. */
export async function readEnvironments(s: GitHubSession): Promise<EnvironmentStatus[]> {
  const environments = await s.pages(ENVIRONMENTS, s.repo, `the environments of ${where(s)}`, (d) => map.environmentList(d, 'body').environments, 1000);
  if (environments.length === 0) return [];
  // One list of recent deployments covers most environments; the rest are asked for one by one.
  const recent = readList(await s.get(DEPLOYMENTS, { ...s.repo, per_page: 100 }, `the deployments of ${where(s)}`), 'body', map.deployment);
  const out: EnvironmentStatus[] = [];
  for (const environment of environments) {
    let latest = newestFirst(recent.filter((d) => d.environment === environment.name))[0];
    if (!latest && recent.length === 100) {
      const own = readList(await s.get(DEPLOYMENTS, { ...s.repo, environment: environment.name, per_page: 1 }, `the deployments to ${environment.name}`), 'body', map.deployment);
      latest = own[0];
    }
    out.push({ environment, latest: latest ? await withLatestStatus(s, latest) : null });
  }
  return out;
}

async function withLatestStatus(s: GitHubSession, d: Deployment): Promise<Deployment> {
  const statuses = readList(await s.get(STATUSES, { ...s.repo, deployment_id: d.id, per_page: 1 }, `deployment ${d.id}`), 'body', map.deploymentStatus);
  return map.withStatuses(d, statuses, false);
}

/** One environment's deployments, newest first, each with its whole status history read. */
export async function readDeployments(s: GitHubSession, q: ResourceQueries['deployments']): Promise<Deployment[]> {
  const limit = Math.min(100, Math.max(1, q.limit ?? 30));
  const list = readList(await s.get(DEPLOYMENTS, { ...s.repo, environment: q.environment, per_page: limit }, `the deployments to ${q.environment} in ${where(s)}`), 'body', map.deployment);
  const out: Deployment[] = [];
  for (const d of list) {
    const statuses = readList(await s.get(STATUSES, { ...s.repo, deployment_id: d.id, per_page: 100 }, `deployment ${d.id}`), 'body', map.deploymentStatus);
    out.push(map.withStatuses(d, statuses, statuses.length < 100));
  }
  return newestFirst(out);
}

export async function readPipelines(s: GitHubSession): Promise<ResourceValues['pipelines']> {
  return s.pages(WORKFLOWS, s.repo, `the workflows of ${where(s)}`, (d) => map.workflowList(d, 'body').workflows, 1000);
}

export async function readRepository(s: GitHubSession): Promise<ResourceValues['repository']> {
  return map.repository(await s.get(REPOSITORY, s.repo, `the repository ${where(s)}`), 'body');
}

export async function readRefs(s: GitHubSession): Promise<RefList> {
  const repository = await readRepository(s);
  const branches = map.refNames(await s.get(BRANCHES, { ...s.repo, per_page: 100 }, `the branches of ${where(s)}`), 'body');
  const tags = map.refNames(await s.get(TAGS, { ...s.repo, per_page: 100 }, `the tags of ${where(s)}`), 'body');
  const ordered = [repository.defaultBranch, ...branches.filter((b) => b !== repository.defaultBranch)];
  return { defaultBranch: repository.defaultBranch, branches: ordered, tags, truncated: branches.length === 100 || tags.length === 100 };
}

export async function readViewer(s: GitHubSession): Promise<ResourceValues['viewer']> {
  return map.person(await s.get(VIEWER, {}, 'the signed-in account'), 'body');
}

export async function readLog(s: GitHubSession, jobId: string): Promise<JobLog> {
  const data = await s.get(LOGS, { ...s.repo, job_id: jobId }, `the log of job ${jobId}`);
  const text = typeof data === 'string' ? data : data instanceof ArrayBuffer ? new TextDecoder().decode(data) : undefined;
  if (text === undefined) throw new PayloadError('body', 'expected the log as text');
  return { jobId, text };
}

/**
 * The commit a tag, branch or sha of the target names now: what pinning an action to its tag
 * writes (the target is then the action's repository, not the workspace's). GitHub answers 422
 * for a ref the repository does not have and 404 for a repository this account cannot see.
 */
export async function readCommit(s: GitHubSession, ref: string): Promise<CommitRef> {
  let data: unknown;
  try {
    // per_page bounds the list of changed files in the answer, which the sha does not need.
    data = await s.get(COMMIT, { ...s.repo, ref, per_page: 1 }, `\`${ref}\` in ${where(s)}`);
  } catch (e) {
    const status = e instanceof GitHubCallError ? e.info.error.status : undefined;
    if (status !== 404 && status !== 422) throw e;
    const missing = `no tag or branch \`${ref}\` in \`${where(s)}\``;
    throw new ReadRefused({
      kind: 'not-found',
      message: status === 404 ? `${missing}, or no repository \`${where(s)}\` this account can see` : missing,
      status,
      request: COMMIT,
    });
  }
  return { ref, sha: map.commitSha(data, 'body') };
}

/** A read that cannot be answered for a reason of its own (not an HTTP fault). */
export class ReadRefused extends Error {
  constructor(readonly error: OperateError) {
    super(error.message);
    this.name = 'ReadRefused';
  }
}

/**
 * Reviewers by name with the ids `PUT …/environments/{name}` needs: a user by login
 * (`GET /users/{username}`), a team among the teams with access to the repository (only those
 * can review its deployments), read once for all the teams named.
 */
export async function readReviewers(s: GitHubSession, names: readonly ReviewerName[]): Promise<Reviewer[]> {
  let teams: Reviewer[] | undefined;
  const out: Reviewer[] = [];
  for (const name of names) {
    if (name.kind === 'user') {
      const person = map.person(await s.get(USER, { username: name.login }, `the user ${name.login}`), 'body');
      out.push({ kind: 'user', id: person.id!, name: person.login });
      continue;
    }
    if (name.org.toLowerCase() !== s.target.owner.toLowerCase()) {
      throw new ReadRefused({ kind: 'invalid-input', message: `${reviewerNameText(name)} is not a team of ${s.target.owner}, which owns ${where(s)}` });
    }
    teams ??= await s.pages(TEAMS, s.repo, `the teams of ${where(s)}`, (d) => readList(d, 'body', map.team), 1000);
    const team = teams.find((t) => t.name.toLowerCase() === name.slug.toLowerCase());
    if (!team) throw new ReadRefused({ kind: 'not-found', message: `the team ${reviewerNameText(name)} has no access to ${where(s)}, so it cannot review its deployments` });
    out.push(team);
  }
  return out;
}

// The simulation rendered as GitHub's JSON, field for field as the REST description requires
// (every answer is checked against it by the server). Written for this project from the
// description's schemas; none of the description's examples is copied (some fail its schemas).
import type {
  EnvironmentSpec,
  RepositorySimulation,
  SimDeployment,
  SimJob,
  SimRun,
  UserSpec,
  WorkflowSpec,
} from './simulation';

export interface Urls {
  /** API root: `http://127.0.0.1:PORT` (or `…/api/v3` for GHES). */
  api: string;
  /** Where `html_url`s point: pages the server answers under `/_web/`. */
  web: string;
}

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const nodeId = (kind: string, id: number | string): string => Buffer.from(`${kind}:${id}`).toString('base64');

export function simpleUser(urls: Urls, user: UserSpec): Record<string, unknown> {
  const api = `${urls.api}/users/${user.login}`;
  return {
    login: user.login,
    id: user.id,
    node_id: nodeId('User', user.id),
    avatar_url: `${urls.web}/avatars/${user.login}`,
    gravatar_id: '',
    url: api,
    html_url: `${urls.web}/${user.login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: 'User',
    site_admin: false,
    ...(user.name !== undefined ? { name: user.name } : {}),
  };
}

/** The profile fields a public and a private user share. */
function profile(urls: Urls, user: UserSpec): Record<string, unknown> {
  return {
    ...simpleUser(urls, user),
    name: user.name ?? null,
    company: null,
    blog: '',
    location: null,
    email: null,
    hireable: null,
    bio: null,
    public_repos: 1,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: '2020-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
  };
}

/** `GET /user`: the private profile of the signed-in user. */
export function privateUser(urls: Urls, user: UserSpec): Record<string, unknown> {
  return {
    ...profile(urls, user),
    private_gists: 0,
    total_private_repos: 1,
    owned_private_repos: 1,
    disk_usage: 1024,
    collaborators: 0,
    two_factor_authentication: true,
    user_view_type: 'private',
  };
}

/** `GET /users/{username}`: someone else's public profile. */
export function publicUser(urls: Urls, user: UserSpec): Record<string, unknown> {
  return { ...profile(urls, user), user_view_type: 'public' };
}

export function team(sim: RepositorySimulation, urls: Urls, slug: string): Record<string, unknown> {
  const t = sim.team(slug)!;
  const api = `${urls.api}/orgs/${sim.spec.owner}/teams/${t.slug}`;
  return {
    id: t.id,
    node_id: nodeId('Team', t.id),
    url: api,
    html_url: `${urls.web}/orgs/${sim.spec.owner}/teams/${t.slug}`,
    name: t.name,
    slug: t.slug,
    description: null,
    privacy: 'closed',
    permission: 'push',
    members_url: `${api}/members{/member}`,
    repositories_url: `${api}/repos`,
    parent: null,
    type: 'organization',
  };
}

function repoUrls(urls: Urls, full: string): Record<string, string> {
  const api = `${urls.api}/repos/${full}`;
  const names = [
    'archive_url:/{archive_format}{/ref}', 'assignees_url:/assignees{/user}', 'blobs_url:/git/blobs{/sha}', 'branches_url:/branches{/branch}',
    'collaborators_url:/collaborators{/collaborator}', 'comments_url:/comments{/number}', 'commits_url:/commits{/sha}', 'compare_url:/compare/{base}...{head}',
    'contents_url:/contents/{+path}', 'contributors_url:/contributors', 'deployments_url:/deployments', 'downloads_url:/downloads', 'events_url:/events',
    'forks_url:/forks', 'git_commits_url:/git/commits{/sha}', 'git_refs_url:/git/refs{/sha}', 'git_tags_url:/git/tags{/sha}', 'hooks_url:/hooks',
    'issue_comment_url:/issues/comments{/number}', 'issue_events_url:/issues/events{/number}', 'issues_url:/issues{/number}', 'keys_url:/keys{/key_id}',
    'labels_url:/labels{/name}', 'languages_url:/languages', 'merges_url:/merges', 'milestones_url:/milestones{/number}',
    'notifications_url:/notifications{?since,all,participating}', 'pulls_url:/pulls{/number}', 'releases_url:/releases{/id}', 'stargazers_url:/stargazers',
    'statuses_url:/statuses/{sha}', 'subscribers_url:/subscribers', 'subscription_url:/subscription', 'tags_url:/tags', 'teams_url:/teams', 'trees_url:/git/trees{/sha}',
  ];
  return Object.fromEntries(names.map((n) => {
    const [key, suffix] = [n.slice(0, n.indexOf(':')), n.slice(n.indexOf(':') + 1)];
    return [key, `${api}${suffix}`];
  }));
}

export function minimalRepository(sim: RepositorySimulation, urls: Urls): Record<string, unknown> {
  const full = `${sim.spec.owner}/${sim.spec.repo}`;
  return {
    id: sim.spec.repoId,
    node_id: nodeId('Repository', sim.spec.repoId),
    name: sim.spec.repo,
    full_name: full,
    owner: simpleUser(urls, { login: sim.spec.owner, id: 1 }),
    private: true,
    html_url: `${urls.web}/${full}`,
    description: null,
    fork: false,
    url: `${urls.api}/repos/${full}`,
    ...repoUrls(urls, full),
  };
}

/** `GET /repos/{owner}/{repo}`. */
export function fullRepository(sim: RepositorySimulation, urls: Urls, permission: 'admin' | 'write' | 'read'): Record<string, unknown> {
  const full = `${sim.spec.owner}/${sim.spec.repo}`;
  return {
    ...minimalRepository(sim, urls),
    clone_url: `${urls.web}/${full}.git`,
    git_url: `git://example.invalid/${full}.git`,
    ssh_url: `git@example.invalid:${full}.git`,
    svn_url: `${urls.web}/${full}`,
    mirror_url: null,
    homepage: null,
    language: 'TypeScript',
    forks: 0,
    forks_count: 0,
    stargazers_count: 0,
    watchers_count: 0,
    watchers: 0,
    size: 512,
    default_branch: sim.spec.defaultBranch,
    open_issues: 0,
    open_issues_count: 0,
    has_issues: true,
    has_projects: false,
    has_wiki: false,
    has_pages: false,
    has_discussions: false,
    archived: false,
    disabled: false,
    visibility: 'private',
    license: null,
    pushed_at: '2026-11-30T12:00:00Z',
    created_at: '2024-03-01T09:00:00Z',
    updated_at: '2026-11-30T12:00:00Z',
    network_count: 0,
    subscribers_count: 1,
    permissions: {
      admin: permission === 'admin',
      maintain: permission === 'admin',
      push: permission !== 'read',
      triage: permission !== 'read',
      pull: true,
    },
  };
}

export function workflow(sim: RepositorySimulation, urls: Urls, w: WorkflowSpec): Record<string, unknown> {
  const full = `${sim.spec.owner}/${sim.spec.repo}`;
  return {
    id: w.id,
    node_id: nodeId('Workflow', w.id),
    name: w.name,
    path: w.path,
    state: 'active',
    created_at: '2024-03-01T09:00:00Z',
    updated_at: '2026-11-01T09:00:00Z',
    url: `${urls.api}/repos/${full}/actions/workflows/${w.id}`,
    html_url: `${urls.web}/${full}/blob/${sim.spec.defaultBranch}/${w.path}`,
    badge_url: `${urls.web}/${full}/workflows/${encodeURIComponent(w.name)}/badge.svg`,
  };
}

export function workflowRun(sim: RepositorySimulation, urls: Urls, run: SimRun, attemptNumber?: number): Record<string, unknown> {
  const full = `${sim.spec.owner}/${sim.spec.repo}`;
  const api = `${urls.api}/repos/${full}/actions/runs/${run.id}`;
  const attempt = run.attempts[(attemptNumber ?? run.attempts.length) - 1];
  const state = attemptNumber === undefined || attemptNumber === run.attempts.length ? sim.runStatus(run) : attemptState(attempt.jobs);
  const actor = simpleUser(urls, sim.user(run.actor));
  const repository = minimalRepository(sim, urls);
  return {
    id: run.id,
    name: run.workflow.name,
    node_id: nodeId('WorkflowRun', run.id),
    check_suite_id: run.id + 100_000,
    check_suite_node_id: nodeId('CheckSuite', run.id + 100_000),
    head_branch: run.branch,
    head_sha: run.sha,
    path: run.workflow.path,
    display_title: run.title,
    run_number: run.number,
    event: run.event,
    status: state.status,
    conclusion: state.conclusion,
    workflow_id: run.workflow.id,
    url: api,
    html_url: `${urls.web}/${full}/actions/runs/${run.id}`,
    pull_requests: [],
    created_at: iso(run.createdAt),
    updated_at: iso(run.updatedAt),
    actor,
    triggering_actor: actor,
    run_attempt: attempt.number,
    run_started_at: iso(attempt.startsAt),
    jobs_url: `${api}/jobs`,
    logs_url: `${api}/logs`,
    check_suite_url: `${urls.api}/repos/${full}/check-suites/${run.id + 100_000}`,
    artifacts_url: `${api}/artifacts`,
    cancel_url: `${api}/cancel`,
    rerun_url: `${api}/rerun`,
    previous_attempt_url: attempt.number > 1 ? `${api}/attempts/${attempt.number - 1}` : null,
    workflow_url: `${urls.api}/repos/${full}/actions/workflows/${run.workflow.id}`,
    head_commit: {
      id: run.sha,
      tree_id: run.sha.split('').reverse().join(''),
      message: sim.spec.commits[run.sha] ?? run.title,
      timestamp: iso(run.createdAt - 60_000),
      author: { name: sim.user(run.actor).name ?? run.actor, email: `${run.actor}@example.com` },
      committer: { name: sim.user(run.actor).name ?? run.actor, email: `${run.actor}@example.com` },
    },
    repository,
    head_repository: repository,
  };
}

function attemptState(jobs: SimJob[]): { status: string; conclusion: string | null } {
  if (jobs.every((j) => j.state === 'completed')) {
    return { status: 'completed', conclusion: jobs.some((j) => j.conclusion === 'failure') ? 'failure' : jobs.some((j) => j.conclusion === 'cancelled') ? 'cancelled' : 'success' };
  }
  return { status: 'in_progress', conclusion: null };
}

export function job(sim: RepositorySimulation, urls: Urls, run: SimRun, attempt: number, j: SimJob): Record<string, unknown> {
  const full = `${sim.spec.owner}/${sim.spec.repo}`;
  const status = j.state === 'pending' ? 'queued' : j.state;
  return {
    id: j.id,
    run_id: run.id,
    run_url: `${urls.api}/repos/${full}/actions/runs/${run.id}`,
    run_attempt: attempt,
    node_id: nodeId('CheckRun', j.id),
    head_sha: run.sha,
    url: `${urls.api}/repos/${full}/actions/jobs/${j.id}`,
    html_url: `${urls.web}/${full}/actions/runs/${run.id}/job/${j.id}`,
    status,
    conclusion: j.conclusion,
    created_at: iso(j.createdAt),
    started_at: iso(j.startedAt ?? j.createdAt),
    completed_at: j.completedAt !== undefined ? iso(j.completedAt) : null,
    name: j.name,
    steps: [
      { name: 'Set up job', status: j.startedAt !== undefined ? 'completed' : 'queued', conclusion: j.startedAt !== undefined ? 'success' : null, number: 1, started_at: j.startedAt !== undefined ? iso(j.startedAt) : null, completed_at: j.startedAt !== undefined ? iso(j.startedAt + 1000) : null },
      { name: `Run ${j.key}`, status: j.state === 'completed' ? 'completed' : j.state === 'in_progress' ? 'in_progress' : 'queued', conclusion: j.conclusion, number: 2, started_at: j.startedAt !== undefined ? iso(j.startedAt + 1000) : null, completed_at: j.completedAt !== undefined ? iso(j.completedAt) : null },
    ],
    check_run_url: `${urls.api}/repos/${full}/check-runs/${j.id}`,
    labels: ['ubuntu-latest'],
    runner_id: j.startedAt !== undefined ? 1 : null,
    runner_name: j.startedAt !== undefined ? 'GitHub Actions 1' : null,
    runner_group_id: j.startedAt !== undefined ? 2 : null,
    runner_group_name: j.startedAt !== undefined ? 'GitHub Actions' : null,
    workflow_name: run.workflow.name,
    head_branch: run.branch,
  };
}

/** The fields every answer that names an environment gives it. */
function environmentRef(sim: RepositorySimulation, urls: Urls, env: EnvironmentSpec): Record<string, unknown> {
  const full = `${sim.spec.owner}/${sim.spec.repo}`;
  return {
    id: env.id,
    node_id: nodeId('Environment', env.id),
    name: env.name,
    url: `${urls.api}/repos/${full}/environments/${encodeURIComponent(env.name)}`,
    html_url: `${urls.web}/${full}/deployments/activity_log?environments_filter=${encodeURIComponent(env.name)}`,
  };
}

const ENVIRONMENT_TIMES = { created_at: '2024-03-01T09:00:00Z', updated_at: '2026-11-01T09:00:00Z' };

export function environment(sim: RepositorySimulation, urls: Urls, env: EnvironmentSpec): Record<string, unknown> {
  const rules: Record<string, unknown>[] = [];
  if ((env.waitTimerMinutes ?? 0) > 0) rules.push({ id: env.id * 10 + 1, node_id: nodeId('Gate', env.id * 10 + 1), type: 'wait_timer', wait_timer: env.waitTimerMinutes });
  if ((env.reviewers ?? []).length > 0) {
    rules.push({
      id: env.id * 10 + 2,
      node_id: nodeId('Gate', env.id * 10 + 2),
      type: 'required_reviewers',
      prevent_self_review: env.preventSelfReview ?? false,
      reviewers: reviewers(sim, urls, env),
    });
  }
  if (env.branchPolicy) rules.push({ id: env.id * 10 + 3, node_id: nodeId('Gate', env.id * 10 + 3), type: 'branch_policy' });
  return {
    ...environmentRef(sim, urls, env),
    ...ENVIRONMENT_TIMES,
    protection_rules: rules,
    deployment_branch_policy: env.branchPolicy ? { protected_branches: env.branchPolicy === 'protected', custom_branch_policies: env.branchPolicy === 'custom' } : null,
  };
}

function reviewers(sim: RepositorySimulation, urls: Urls, env: EnvironmentSpec): Record<string, unknown>[] {
  return (env.reviewers ?? []).map((r) => ('user' in r ? { type: 'User', reviewer: simpleUser(urls, sim.user(r.user)) } : { type: 'Team', reviewer: team(sim, urls, r.team) }));
}

export function pendingDeployment(sim: RepositorySimulation, urls: Urls, run: SimRun, entry: { environment: EnvironmentSpec; since: number }, viewer: string): Record<string, unknown> {
  const env = entry.environment;
  const timer = env.waitTimerMinutes ?? 0;
  return {
    environment: environmentRef(sim, urls, env),
    wait_timer: timer,
    wait_timer_started_at: timer > 0 ? iso(entry.since) : null,
    current_user_can_approve: sim.canReview(viewer, env, run),
    reviewers: reviewers(sim, urls, env),
  };
}

export function approval(sim: RepositorySimulation, urls: Urls, review: { environmentIds: number[]; state: string; comment: string; user: string }): Record<string, unknown> {
  return {
    environments: review.environmentIds.map((id) => ({ ...environmentRef(sim, urls, sim.environments.find((e) => e.id === id)!), ...ENVIRONMENT_TIMES })),
    state: review.state,
    user: simpleUser(urls, sim.user(review.user)),
    comment: review.comment,
  };
}

export function deployment(sim: RepositorySimulation, urls: Urls, d: SimDeployment): Record<string, unknown> {
  const full = `${sim.spec.owner}/${sim.spec.repo}`;
  const api = `${urls.api}/repos/${full}/deployments/${d.id}`;
  return {
    url: api,
    id: d.id,
    node_id: nodeId('Deployment', d.id),
    sha: d.sha,
    ref: d.ref,
    task: 'deploy',
    payload: {},
    original_environment: d.environment,
    environment: d.environment,
    description: null,
    creator: simpleUser(urls, sim.user(d.creator)),
    created_at: iso(d.createdAt),
    updated_at: iso(d.updatedAt),
    statuses_url: `${api}/statuses`,
    repository_url: `${urls.api}/repos/${full}`,
    transient_environment: false,
    production_environment: sim.environment(d.environment)?.production ?? false,
  };
}

/** Newest first, as GitHub lists them. */
export function deploymentStatuses(sim: RepositorySimulation, urls: Urls, d: SimDeployment): Record<string, unknown>[] {
  const full = `${sim.spec.owner}/${sim.spec.repo}`;
  const env = sim.environment(d.environment);
  const logUrl = `${urls.web}/${full}/actions/runs/${d.runId}/job/${d.jobId}`;
  return [...d.statuses].reverse().map((s) => ({
    url: `${urls.api}/repos/${full}/deployments/${d.id}/statuses/${s.id}`,
    id: s.id,
    node_id: nodeId('DeploymentStatus', s.id),
    state: s.state,
    creator: simpleUser(urls, sim.user(d.creator)),
    description: s.description,
    environment: d.environment,
    target_url: logUrl,
    log_url: logUrl,
    ...(env?.url !== undefined ? { environment_url: env.url } : {}),
    created_at: iso(s.at),
    updated_at: iso(s.at),
    deployment_url: `${urls.api}/repos/${full}/deployments/${d.id}`,
    repository_url: `${urls.api}/repos/${full}`,
  }));
}

export function shortBranch(sim: RepositorySimulation, urls: Urls, name: string, sha: string): Record<string, unknown> {
  return { name, commit: { sha, url: `${urls.api}/repos/${sim.spec.owner}/${sim.spec.repo}/commits/${sha}` }, protected: name === sim.spec.defaultBranch };
}

export function tag(sim: RepositorySimulation, urls: Urls, name: string, sha: string): Record<string, unknown> {
  const full = `${sim.spec.owner}/${sim.spec.repo}`;
  return {
    name,
    commit: { sha, url: `${urls.api}/repos/${full}/commits/${sha}` },
    zipball_url: `${urls.api}/repos/${full}/zipball/refs/tags/${name}`,
    tarball_url: `${urls.api}/repos/${full}/tarball/refs/tags/${name}`,
    node_id: nodeId('Ref', name),
  };
}

/** `GET /repos/{owner}/{repo}/commits/{ref}`: one commit, without its changed files. */
export function commit(urls: Urls, full: string, sha: string, message: string, author: UserSpec): Record<string, unknown> {
  const api = `${urls.api}/repos/${full}`;
  const person = { name: author.name ?? author.login, email: `${author.login}@users.noreply.example.com`, date: '2026-11-01T12:00:00Z' };
  return {
    url: `${api}/commits/${sha}`,
    sha,
    node_id: nodeId('Commit', sha),
    html_url: `${urls.web}/${full}/commit/${sha}`,
    comments_url: `${api}/commits/${sha}/comments`,
    commit: {
      url: `${api}/git/commits/${sha}`,
      author: person,
      committer: person,
      message,
      comment_count: 0,
      tree: { sha: sha.split('').reverse().join(''), url: `${api}/git/trees/${sha.split('').reverse().join('')}` },
    },
    author: simpleUser(urls, author),
    committer: simpleUser(urls, author),
    parents: [],
    stats: { additions: 0, deletions: 0, total: 0 },
    files: [],
  };
}

/** A job's log as GitHub serves it: timestamped lines with ANSI colours in the group headers. */
export function jobLog(run: SimRun, j: SimJob): string {
  const at = (offset: number) => new Date((j.startedAt ?? j.createdAt) + offset).toISOString();
  const lines = [
    `${at(0)} \u001b[36;1mSet up job\u001b[0m`,
    `${at(100)} Runner name: 'GitHub Actions 1'`,
    `${at(1000)} ##[group]Run ${j.key}`,
    `${at(1100)} \u001b[36;1m${run.workflow.name} / ${j.name}\u001b[0m`,
    `${at(2000)} ##[endgroup]`,
    j.conclusion === 'failure' ? `${at(3000)} \u001b[31;1m##[error]Process completed with exit code 1.\u001b[0m` : `${at(3000)} \u001b[32mdone\u001b[0m`,
  ];
  return `${lines.join('\n')}\n`;
}

// Named scenarios of the local GitHub API server: one repository, acme/shop, with the workflows of
// samples/.github/workflows (deploy.yml, ci.yml) and fixtures/release.yml, a history of
// deployments, and different runs in flight at the scenario's start.
import type { EnvironmentSpec, RunSeed, ScenarioSpec, WorkflowSpec } from './simulation';

export const SCENARIO_NAMES = ['quiet', 'waiting-production', 'in-progress', 'sandbox'] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

/** The token of the scenarios' signed-in user, mona: scopes repo and workflow, admin of the repository. */
export const SANDBOX_TOKEN = 'ghp_sandbox_mona';
/** hubot: scope repo only, write permission, reviewer of nothing. */
export const HUBOT_TOKEN = 'ghp_sandbox_hubot';

export const SHAS = {
  c0: '0c0ffee0000000000000000000000000000000c0',
  c1: '1b4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d',
  c2: '2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d',
  c3: '3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f',
  c4: '4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f70',
  c5: '5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7081',
} as const;

const ENVIRONMENTS: EnvironmentSpec[] = [
  { id: 4001, name: 'staging', url: 'https://staging.example.com' },
  { id: 4002, name: 'production-approval', reviewers: [{ team: 'release-managers' }] },
  { id: 4003, name: 'production', production: true, branchPolicy: 'protected', url: 'https://example.com' },
  { id: 4004, name: 'production-eu', production: true, reviewers: [{ team: 'release-managers' }] },
  { id: 4005, name: 'production-us', production: true, reviewers: [{ user: 'mona' }, { user: 'octocat' }], waitTimerMinutes: 5 },
];

export const DEPLOY_WORKFLOW: WorkflowSpec = {
  id: 101,
  name: 'Deploy',
  path: '.github/workflows/deploy.yml',
  dispatch: {},
  jobs: [
    { key: 'build', seconds: 60 },
    { key: 'test', needs: ['build'], seconds: 90 },
    { key: 'staging', needs: ['build', 'test'], environment: 'staging', seconds: 45 },
    { key: 'approve', needs: ['staging'], environment: 'production-approval', seconds: 5 },
    { key: 'production', needs: ['build', 'approve'], environment: 'production', seconds: 60 },
    { key: 'verify', needs: ['production'], seconds: 30 },
    // Its `kubectl rollout undo` puts the previous release back; it makes no deployment record here.
    { key: 'rollback', needs: ['production', 'verify'], onFailure: true, seconds: 30 },
  ],
};

export const CI_WORKFLOW: WorkflowSpec = {
  id: 102,
  name: 'CI',
  path: '.github/workflows/ci.yml',
  dispatch: false,
  jobs: [
    { key: 'lint', seconds: 40 },
    { key: 'typecheck', seconds: 50 },
    { key: 'unit', needs: ['lint', 'typecheck'], matrix: ['20', '22'], seconds: 120 },
    { key: 'package', needs: ['unit'], seconds: 60 },
  ],
};

export const RELEASE_WORKFLOW: WorkflowSpec = {
  id: 103,
  name: 'Release',
  path: '.github/workflows/release.yml',
  dispatch: {
    inputs: {
      version: { type: 'string', required: true },
      channel: { type: 'choice', options: ['stable', 'beta'], default: 'stable' },
      dry_run: { type: 'boolean', default: 'false' },
    },
  },
  jobs: [
    { key: 'build', name: 'Build release', seconds: 60 },
    { key: 'staging', needs: ['build'], environment: 'staging', seconds: 40 },
    { key: 'production-eu', name: 'Deploy EU', needs: ['staging'], environment: 'production-eu', seconds: 60 },
    { key: 'production-us', name: 'Deploy US', needs: ['staging'], environment: 'production-us', seconds: 60 },
    { key: 'verify', needs: ['production-eu', 'production-us'], seconds: 30 },
  ],
};

const DAY = 24 * 60;

/**
 * Production's history: c0 (40 days ago, beyond GitHub's 30-day re-run window), c1 (v1.3.0),
 * a failed deployment of c1's successor, c2 (v1.4.0), a release rejected at the approval gate,
 * and c3 two hours ago — what production runs now.
 */
const HISTORY: RunSeed[] = [
  { workflow: DEPLOY_WORKFLOW.path, minutesAgo: 40 * DAY, sha: SHAS.c0, gates: 'approve', reviewer: 'octocat' },
  { workflow: DEPLOY_WORKFLOW.path, minutesAgo: 10 * DAY, sha: SHAS.c1, gates: 'approve', reviewer: 'octocat' },
  { workflow: DEPLOY_WORKFLOW.path, minutesAgo: 6 * DAY, sha: SHAS.c5, branch: 'feature/cart', gates: 'approve', reviewer: 'mona', failing: ['production'] },
  { workflow: DEPLOY_WORKFLOW.path, minutesAgo: 3 * DAY, sha: SHAS.c2, gates: 'approve', reviewer: 'octocat' },
  { workflow: CI_WORKFLOW.path, minutesAgo: 2 * DAY, sha: SHAS.c2 },
  { workflow: DEPLOY_WORKFLOW.path, minutesAgo: DAY, sha: SHAS.c3, gates: 'reject', reviewer: 'octocat', actor: 'hubot' },
  { workflow: DEPLOY_WORKFLOW.path, minutesAgo: 120, sha: SHAS.c3, gates: 'approve', reviewer: 'mona', actor: 'hubot' },
  { workflow: CI_WORKFLOW.path, minutesAgo: 90, sha: SHAS.c4, failing: ['lint'] },
];

/** A release waiting at both production environments (mona may approve both). */
const RELEASE_WAITING: RunSeed = { workflow: RELEASE_WORKFLOW.path, minutesAgo: 10, sha: SHAS.c4, event: 'workflow_dispatch', actor: 'hubot', title: 'Release 1.5.0' };
/** A deploy two minutes in: build done, test running; it reaches the approval gate in ~3 minutes. */
const DEPLOY_RUNNING: RunSeed = { workflow: DEPLOY_WORKFLOW.path, minutesAgo: 2, sha: SHAS.c4 };
const CI_RUNNING: RunSeed = { workflow: CI_WORKFLOW.path, minutesAgo: 1, sha: SHAS.c5, branch: 'feature/cart', event: 'pull_request' };

const IN_FLIGHT: Record<ScenarioName, RunSeed[]> = {
  quiet: [],
  'waiting-production': [RELEASE_WAITING],
  'in-progress': [DEPLOY_RUNNING],
  sandbox: [RELEASE_WAITING, DEPLOY_RUNNING, CI_RUNNING],
};

/**
 * Actions other repositories publish, for pinning (`GET …/commits/{ref}`): a tag and a branch of
 * docker/build-push-action, and github/codeql-action, whose actions live in subfolders. Their
 * shas are made up here.
 */
export const ACTION_SHAS = {
  buildPushV6: 'b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6',
  buildPushMaster: 'a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1',
  buildPushReleaseV6: 'c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6',
  codeqlV3: 'd3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3',
} as const;

const OTHER_REPOSITORIES: NonNullable<ScenarioSpec['otherRepositories']> = {
  'docker/build-push-action': {
    branches: { master: ACTION_SHAS.buildPushMaster, 'release/v6': ACTION_SHAS.buildPushReleaseV6 },
    tags: { v6: ACTION_SHAS.buildPushV6, 'v6.18.0': ACTION_SHAS.buildPushV6 },
    commits: { [ACTION_SHAS.buildPushV6]: 'Release 6.18.0', [ACTION_SHAS.buildPushMaster]: 'Bump dependencies', [ACTION_SHAS.buildPushReleaseV6]: 'Backport a fix' },
  },
  'github/codeql-action': {
    branches: { main: ACTION_SHAS.codeqlV3 },
    tags: { v3: ACTION_SHAS.codeqlV3 },
    commits: { [ACTION_SHAS.codeqlV3]: 'Update bundled CodeQL' },
  },
};

export function scenario(name: ScenarioName): ScenarioSpec {
  return {
    otherRepositories: OTHER_REPOSITORIES,
    owner: 'acme',
    repo: 'shop',
    repoId: 4242,
    defaultBranch: 'main',
    branches: { main: SHAS.c4, 'feature/cart': SHAS.c5, 'release/1.4': SHAS.c2 },
    tags: { 'v1.3.0': SHAS.c1, 'v1.4.0': SHAS.c2 },
    commits: {
      [SHAS.c0]: 'Initial storefront',
      [SHAS.c1]: 'Checkout with saved cards',
      [SHAS.c2]: 'Faster product search',
      [SHAS.c3]: 'Fix tax rounding in the EU',
      [SHAS.c4]: 'Gift cards',
      [SHAS.c5]: 'Cart drawer redesign',
    },
    users: [
      { login: 'acme', id: 1 },
      { login: 'mona', id: 101, name: 'Mona Lisa' },
      { login: 'hubot', id: 102, name: 'Hubot' },
      { login: 'octocat', id: 103, name: 'The Octocat' },
    ],
    teams: [{ slug: 'release-managers', id: 301, name: 'Release managers', members: ['mona', 'octocat'] }],
    tokens: [
      { token: SANDBOX_TOKEN, login: 'mona', scopes: ['repo', 'workflow'], permission: 'admin' },
      { token: HUBOT_TOKEN, login: 'hubot', scopes: ['repo'], permission: 'write' },
    ],
    environments: ENVIRONMENTS,
    workflows: [DEPLOY_WORKFLOW, CI_WORKFLOW, RELEASE_WORKFLOW],
    runs: [...HISTORY, ...IN_FLIGHT[name]],
  };
}

export function isScenarioName(name: string): name is ScenarioName {
  return (SCENARIO_NAMES as readonly string[]).includes(name);
}

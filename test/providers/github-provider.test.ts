// The GitHub provider against the local GitHub API server: reads mapped onto the operating model,
// conditional requests, and actions that change the simulated repository as GitHub would.
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { chooseRollback } from '../../src/core/operate/choose';
import type { Deployment, PendingApproval } from '../../src/core/operate/model';
import { parseReviewerNames } from '../../src/core/operate/reviewerNames';
import { githubTargetFromRemote, githubWebUrl } from '../../src/providers/github/remote';
import { checkAndClose, startHarness, type Harness } from './github/harness';
import { HUBOT_TOKEN, SHAS } from './github/scenarios';

let h: Harness;
afterEach(() => checkAndClose(h));

async function value<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const r = await p;
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  return r.value;
}

describe('reads', () => {
  test('the waiting release: its jobs, the two environments it waits for, who may approve, the wait timer', async () => {
    h = await startHarness();
    const runs = await value(h.provider.read({ kind: 'runs', status: 'waiting' }));
    assert.equal(runs.length, 1);
    const run = runs[0];
    assert.deepEqual(
      { number: run.number, title: run.title, status: run.status, event: run.event, pipeline: run.pipeline.path, sha: run.headSha, branch: run.headBranch, actor: run.actor?.login },
      { number: 1, title: 'Release 1.5.0', status: 'waiting', event: 'workflow_dispatch', pipeline: '.github/workflows/release.yml', sha: SHAS.c4, branch: 'main', actor: 'hubot' },
    );
    const detail = await value(h.provider.read({ kind: 'run', runId: run.id }));
    assert.deepEqual(
      detail.jobs.map((j) => [j.name, j.status, j.conclusion]),
      [['Build release', 'completed', 'success'], ['staging', 'completed', 'success'], ['Deploy EU', 'waiting', null], ['Deploy US', 'waiting', null], ['verify', 'queued', null]],
    );
    assert.deepEqual(
      detail.pending.map((p) => [p.environment.name, p.canApprove, p.waitTimerMinutes, p.reviewers.map((r) => `${r.kind}:${r.name}`), p.run?.number]),
      [
        ['production-eu', true, 0, ['team:release-managers'], 1],
        ['production-us', true, 5, ['user:mona', 'user:octocat'], 1],
      ],
    );
    assert.equal(detail.pending[1].waitTimerStartedAt !== undefined, true);
    assert.deepEqual(detail.reviews, []);
    const approvals = await value(h.provider.read({ kind: 'approvals' }));
    assert.deepEqual(approvals.map((a) => a.id), detail.pending.map((p) => p.id));
  });

  test('environments with their protection rules from the API and their newest deployment', async () => {
    h = await startHarness();
    const envs = await value(h.provider.read({ kind: 'environments' }));
    const byName = Object.fromEntries(envs.map((e) => [e.environment.name, e]));
    assert.deepEqual(Object.keys(byName), ['staging', 'production-approval', 'production', 'production-eu', 'production-us']);
    assert.deepEqual(byName['production-us'].environment.protection, {
      reviewers: [
        { kind: 'user', id: '101', name: 'mona' },
        { kind: 'user', id: '103', name: 'octocat' },
      ],
      requiredApprovals: 1,
      preventSelfReview: false,
      waitTimerMinutes: 5,
      branchPolicy: 'all',
      otherChecks: [],
    });
    assert.equal(byName.production.environment.protection.branchPolicy, 'protected');
    const latest = byName.production.latest!;
    assert.deepEqual([latest.sha, latest.state, latest.ref, latest.creator?.login], [SHAS.c3, 'success', 'main', 'hubot']);
    assert.match(latest.runId ?? '', /^\d+$/);
    assert.match(latest.jobId ?? '', /^\d+$/);
    assert.equal(latest.environmentUrl, 'https://example.com');
    // The release waits at production-eu: its deployment exists, with no status yet.
    assert.equal(byName['production-eu'].latest?.state, 'pending');
  });

  test('a production history: which deployments succeeded, the run and job of each, and what a roll back picks', async () => {
    h = await startHarness();
    const history = await value(h.provider.read({ kind: 'deployments', environment: 'production' }));
    assert.deepEqual(
      history.map((d) => [d.sha, d.state, d.succeeded]),
      [
        [SHAS.c3, 'success', true],
        [SHAS.c2, 'success', true],
        [SHAS.c5, 'failure', false],
        [SHAS.c1, 'success', true],
        [SHAS.c0, 'success', true],
      ],
    );
    const choice = chooseRollback(history, 'production', undefined, 'acme/shop');
    assert.ok(choice.ok);
    assert.equal(choice.value.to.sha, SHAS.c2);
    // Staging is not a production environment: GitHub made its earlier successes inactive.
    const staging = await value(h.provider.read({ kind: 'deployments', environment: 'staging', limit: 3 }));
    assert.deepEqual(staging.map((d) => [d.state, d.succeeded]), [['success', true], ['inactive', true], ['inactive', true]]);
  });

  test('workflows, repository, refs (default branch first), the signed-in user, a finished job\'s log', async () => {
    h = await startHarness();
    assert.deepEqual((await value(h.provider.read({ kind: 'pipelines' }))).map((p) => p.path), ['.github/workflows/deploy.yml', '.github/workflows/ci.yml', '.github/workflows/release.yml']);
    assert.deepEqual(await value(h.provider.read({ kind: 'repository' })), { fullName: 'acme/shop', defaultBranch: 'main', url: `${h.api.urls.web}/acme/shop`, permission: 'admin' });
    assert.deepEqual(await value(h.provider.read({ kind: 'refs' })), { defaultBranch: 'main', branches: ['main', 'feature/cart', 'release/1.4'], tags: ['v1.3.0', 'v1.4.0'], truncated: false });
    assert.equal((await value(h.provider.read({ kind: 'viewer' }))).login, 'mona');
    const runs = await value(h.provider.read({ kind: 'runs', pipeline: '.github/workflows/release.yml' }));
    const detail = await value(h.provider.read({ kind: 'run', runId: runs[0].id }));
    const log = await value(h.provider.read({ kind: 'log', jobId: detail.jobs[0].id }));
    assert.match(log.text, /\u001b\[36;1mRelease \/ Build release\u001b\[0m/);
  });

  test('a second read sends If-None-Match; GitHub answers 304 and the provider keeps the cached body', async () => {
    h = await startHarness();
    const first = await h.provider.read({ kind: 'environments' });
    const second = await h.provider.read({ kind: 'environments' });
    assert.ok(first.ok && second.ok);
    assert.deepEqual(second.value, first.value);
    assert.equal(first.stats.notModified, 0);
    assert.equal(second.stats.requests, first.stats.requests);
    assert.equal(second.stats.notModified, second.stats.requests);
    assert.equal(second.stats.rateLimit?.remaining, first.stats.rateLimit?.remaining, '304s do not use up the budget');
    const conditional = h.api.requests.filter((r) => r.ifNoneMatch !== undefined);
    assert.equal(conditional.length, second.stats.requests);
    assert.ok(conditional.every((r) => r.status === 304));
  });

  test('another account: a fresh provider reads its own answers, not the first account\'s cache', async () => {
    h = await startHarness({ token: HUBOT_TOKEN });
    const pending = await value(h.provider.read({ kind: 'approvals' }));
    assert.deepEqual(pending.map((p) => p.canApprove), [false, false], 'hubot is no reviewer');
    assert.equal((await value(h.provider.read({ kind: 'repository' }))).permission, 'write');
  });
});

describe('actions', () => {
  async function waitingRelease(): Promise<PendingApproval[]> {
    return value(h.provider.read({ kind: 'approvals' }));
  }

  test('approve both environments of the release in one review: one POST with their ids, state and the empty comment', async () => {
    h = await startHarness();
    const pending = await waitingRelease();
    const outcome = await h.provider.perform({
      kind: 'review',
      decision: 'approve',
      runId: pending[0].runId,
      environments: pending.map((p) => p.environment),
      comment: '',
    });
    assert.ok(outcome.ok, outcome.ok ? '' : outcome.error.message);
    assert.equal(outcome.settledBy, 'response');
    assert.equal(outcome.message, 'Approved the deployments to production-eu and production-us of run #1 "Release 1.5.0" (4d5e6f7 on main) in acme/shop.');
    const posts = h.api.apiRequests('POST /repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments');
    assert.deepEqual(posts.map((r) => r.body), [{ environment_ids: [4004, 4005], state: 'approved', comment: '' }]);
    assert.equal(h.api.apiRequests('POST /repos/{owner}/{repo}/actions/runs/{run_id}/approve').length, 0);
    // production-us still has its five-minute wait timer, started when the gate opened.
    await h.clock.advance(10 * 60_000);
    const run = await value(h.provider.read({ kind: 'run', runId: pending[0].runId }));
    assert.deepEqual([run.run.status, run.run.conclusion], ['completed', 'success']);
  });

  test('a review someone else gave meanwhile: says who, sends nothing', async () => {
    h = await startHarness();
    const pending = await waitingRelease();
    const run = h.api.sim.run(Number(pending[0].runId))!;
    h.api.sim.review(run, [4004], 'approved', 'ship it', 'octocat');
    const outcome = await h.provider.perform({ kind: 'review', decision: 'approve', runId: pending[0].runId, environments: [pending[0].environment], comment: '' });
    assert.ok(!outcome.ok);
    assert.equal(outcome.error.kind, 'conflict');
    assert.match(outcome.error.message, /production-eu of run #1 "Release 1.5.0" \(4d5e6f7 on main\) was already approved by octocat \("ship it"\)/);
    assert.equal(h.api.apiRequests('POST /repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments').length, 0);
  });

  test('an account that is no reviewer is told who the reviewers are', async () => {
    h = await startHarness({ token: HUBOT_TOKEN });
    const pending = await waitingRelease();
    const outcome = await h.provider.perform({ kind: 'review', decision: 'reject', runId: pending[1].runId, environments: [pending[1].environment], comment: 'no' });
    assert.ok(!outcome.ok);
    assert.equal(outcome.error.kind, 'forbidden');
    assert.equal(outcome.error.message, 'this account may not review deployments to production-us; its reviewers are user mona, user octocat');
  });

  test('reject fails the deployment job; the run ends in failure', async () => {
    h = await startHarness();
    const pending = await waitingRelease();
    const outcome = await h.provider.perform({ kind: 'review', decision: 'reject', runId: pending[0].runId, environments: [pending[0].environment], comment: 'not today' });
    assert.ok(outcome.ok);
    const detail = await value(h.provider.read({ kind: 'run', runId: pending[0].runId }));
    assert.deepEqual(detail.jobs.find((j) => j.name === 'Deploy EU')?.conclusion, 'failure');
  });

  test('trigger with inputs on GitHub.com: the dispatch names its run', async () => {
    h = await startHarness({ scenario: 'quiet' });
    const outcome = await h.provider.perform({ kind: 'trigger', pipeline: { path: '.github/workflows/release.yml' }, ref: 'main', inputs: { version: '1.6.0', dry_run: 'true' } });
    assert.ok(outcome.ok, outcome.ok ? '' : outcome.error.message);
    assert.match(outcome.message, /^Started \.github\/workflows\/release\.yml on main in acme\/shop \(run \d+\)\.$/);
    const dispatch = h.api.apiRequests('POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches');
    assert.deepEqual(dispatch.map((r) => [r.path, r.body]), [['/repos/acme/shop/actions/workflows/release.yml/dispatches', { ref: 'main', inputs: { version: '1.6.0', dry_run: 'true' }, return_run_details: true }]]);
    const run = await value(h.provider.read({ kind: 'run', runId: outcome.runId! }));
    assert.equal(run.run.event, 'workflow_dispatch');
  });

  test('trigger on GHES 3.19: no return_run_details; the new run is found by listing', async () => {
    h = await startHarness({ scenario: 'quiet', flavor: 'ghes-3.19' });
    assert.equal(h.provider.capabilities.triggerReturnsRun, false);
    const outcome = await h.provider.perform({ kind: 'trigger', pipeline: { path: '.github/workflows/deploy.yml' }, ref: 'main', inputs: {} });
    assert.ok(outcome.ok, outcome.ok ? '' : outcome.error.message);
    assert.match(outcome.message, /\(run #7\)\.$/);
    assert.deepEqual(h.api.apiRequests('POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches').map((r) => r.body), [{ ref: 'main', inputs: {} }]);
  });

  test('trigger of a workflow without workflow_dispatch: GitHub\'s reason', async () => {
    h = await startHarness({ scenario: 'quiet' });
    const outcome = await h.provider.perform({ kind: 'trigger', pipeline: { path: '.github/workflows/ci.yml' }, ref: 'main', inputs: {} });
    assert.ok(!outcome.ok);
    assert.deepEqual([outcome.error.kind, outcome.error.message], ['refused', "GitHub refused: Workflow does not have 'workflow_dispatch' trigger"]);
  });

  test('cancel a running deploy; cancelling a finished run is refused before anything is sent', async () => {
    h = await startHarness({ scenario: 'in-progress' });
    const running = (await value(h.provider.read({ kind: 'runs', status: 'in_progress' })))[0];
    const outcome = await h.provider.perform({ kind: 'cancel', runId: running.id });
    assert.ok(outcome.ok);
    assert.equal((await value(h.provider.read({ kind: 'run', runId: running.id }))).run.conclusion, 'cancelled');
    const again = await h.provider.perform({ kind: 'cancel', runId: running.id });
    assert.ok(!again.ok);
    assert.match(again.error.message, /already finished \(cancelled\)/);
    assert.equal(h.api.apiRequests('POST /repos/{owner}/{repo}/actions/runs/{run_id}/cancel').length, 1);
  });

  test('roll back production: the deploy job of the run that made the earlier deployment runs again', async () => {
    h = await startHarness({ scenario: 'quiet' });
    const history = await value(h.provider.read({ kind: 'deployments', environment: 'production' }));
    const choice = chooseRollback(history, 'production', undefined, 'acme/shop');
    assert.ok(choice.ok);
    const outcome = await h.provider.perform({ kind: 'rollback', environment: 'production', to: choice.value.to, from: choice.value.from ?? null });
    assert.ok(outcome.ok, outcome.ok ? '' : outcome.error.message);
    assert.match(outcome.message, /^Rolling back production to 2a3b4c5: re-running the deploy job of run #4 "Faster product search" \(2a3b4c5 on main\) in acme\/shop \(attempt 2\)\. It may wait for approval again\.$/);
    assert.deepEqual(h.api.apiRequests('POST /repos/{owner}/{repo}/actions/jobs/{job_id}/rerun').map((r) => r.path), [`/repos/acme/shop/actions/jobs/${choice.value.to.jobId}/rerun`]);
    // The re-run goes through the approval gate again, then deploys c2 anew.
    const run = h.api.sim.run(Number(choice.value.to.runId))!;
    await h.clock.advance(10_000);
    h.api.sim.review(run, [4002], 'approved', '', 'mona');
    await h.clock.advance(5 * 60_000);
    const now = await value(h.provider.read({ kind: 'environments' }));
    assert.equal(now.find((e) => e.environment.name === 'production')?.latest?.sha, SHAS.c2);
  });

  test('roll back to a deployment older than GitHub\'s re-run window: refused, saying so', async () => {
    h = await startHarness({ scenario: 'quiet' });
    const history = await value(h.provider.read({ kind: 'deployments', environment: 'production' }));
    const oldest = history[history.length - 1] as Deployment;
    assert.equal(oldest.sha, SHAS.c0);
    const outcome = await h.provider.perform({ kind: 'rollback', environment: 'production', to: oldest, from: history[0] });
    assert.ok(!outcome.ok);
    assert.equal(outcome.error.kind, 'refused');
    assert.match(outcome.error.message, /Unable to retry this workflow run because it was created over a month ago\. GitHub re-runs only workflow runs from the last 30 days/);
  });

  test('set protection rules: PUT checked against the whole description; the environment has them after', async () => {
    h = await startHarness({ scenario: 'quiet' });
    const outcome = await h.provider.perform({
      kind: 'setProtection',
      environment: 'production',
      rules: { reviewers: [{ kind: 'team', id: '301' }, { kind: 'user', id: '103' }], preventSelfReview: true, waitTimerMinutes: 15 },
    });
    assert.ok(outcome.ok, outcome.ok ? '' : outcome.error.message);
    const put = h.api.apiRequests('PUT /repos/{owner}/{repo}/environments/{environment_name}');
    assert.deepEqual(put.map((r) => r.body), [
      { wait_timer: 15, prevent_self_review: true, reviewers: [{ type: 'Team', id: 301 }, { type: 'User', id: 103 }], deployment_branch_policy: { protected_branches: true, custom_branch_policies: false } },
    ]);
    const env = (await value(h.provider.read({ kind: 'environments' }))).find((e) => e.environment.name === 'production')!.environment;
    assert.deepEqual([env.protection.reviewers.map((r) => r.name), env.protection.waitTimerMinutes, env.protection.preventSelfReview], [['release-managers', 'octocat'], 15, true]);
  });

  test('reviewers by name: users by login, teams among those with access to the repository, ids as the PUT needs them', async () => {
    h = await startHarness({ scenario: 'quiet' });
    const names = parseReviewerNames('@octocat, acme/Release-Managers mona');
    assert.ok(names.ok);
    const reviewers = await value(h.provider.read({ kind: 'reviewers', names: names.names }));
    assert.deepEqual(reviewers, [
      { kind: 'user', id: '103', name: 'octocat' },
      { kind: 'team', id: '301', name: 'release-managers' },
      { kind: 'user', id: '101', name: 'mona' },
    ]);
    assert.deepEqual(h.api.apiRequests().map((r) => `${r.route} ${r.path.split('/').pop()}`), [
      'GET /users/{username} octocat',
      'GET /repos/{owner}/{repo}/teams teams',
      'GET /users/{username} mona',
    ]);
    const ghost = await h.provider.read({ kind: 'reviewers', names: [{ kind: 'user', login: 'nobody' }] });
    assert.ok(!ghost.ok);
    assert.equal(ghost.error.kind, 'not-found');
    assert.match(ghost.error.message, /the user nobody/);
    const stranger = await h.provider.read({ kind: 'reviewers', names: [{ kind: 'team', org: 'acme', slug: 'designers' }] });
    assert.ok(!stranger.ok);
    assert.match(stranger.error.message, /the team acme\/designers has no access to acme\/shop/);
    const elsewhere = await h.provider.read({ kind: 'reviewers', names: [{ kind: 'team', org: 'other', slug: 'ops' }] });
    assert.ok(!elsewhere.ok);
    assert.equal(elsewhere.error.kind, 'invalid-input');
  });

  test('reviewer names: what a text box accepts, and what is wrong with what it does not', () => {
    assert.deepEqual(parseReviewerNames(' mona,, @acme/ops  MONA '), { ok: true, names: [{ kind: 'user', login: 'mona' }, { kind: 'team', org: 'acme', slug: 'ops' }] });
    assert.deepEqual(parseReviewerNames('mona acme/'), { ok: false, error: '"acme/" is not a team: write ORGANIZATION/team-slug' });
    assert.deepEqual(parseReviewerNames('bad_login'), { ok: false, error: '"bad_login" is not a GitHub login' });
    assert.deepEqual(parseReviewerNames('a b c d e f g'), { ok: false, error: 'GitHub allows at most 6 required reviewers; 7 are named' });
  });

  test('set protection rules without admin permission: which permission is missing', async () => {
    h = await startHarness({ scenario: 'quiet', token: HUBOT_TOKEN });
    const outcome = await h.provider.perform({ kind: 'setProtection', environment: 'staging', rules: { reviewers: [], preventSelfReview: false, waitTimerMinutes: 1 } });
    assert.ok(!outcome.ok);
    assert.equal(outcome.error.kind, 'forbidden');
    assert.match(outcome.error.message, /Must have admin rights to Repository\. — this needs admin permission on the repository/);
  });
});

describe('the repository of a workspace', () => {
  test('from its git remote: github.com in every URL form, a named GHES host, nothing else', () => {
    for (const url of ['https://github.com/acme/shop.git', 'git@github.com:acme/shop.git', 'ssh://git@github.com/acme/shop', 'https://user@github.com/acme/shop/']) {
      assert.deepEqual(githubTargetFromRemote(url), { provider: 'github', apiUrl: 'https://api.github.com', owner: 'acme', repo: 'shop' }, url);
    }
    assert.deepEqual(githubTargetFromRemote('git@ghe.example.com:team/app.git', ['ghe.example.com']), { provider: 'github', apiUrl: 'https://ghe.example.com/api/v3', owner: 'team', repo: 'app' });
    assert.equal(githubTargetFromRemote('git@ghe.example.com:team/app.git'), undefined);
    assert.equal(githubTargetFromRemote('https://gitlab.com/acme/shop.git'), undefined);
    assert.equal(githubTargetFromRemote('https://github.com/acme'), undefined);
    assert.equal(githubWebUrl({ provider: 'github', apiUrl: 'https://api.github.com', owner: 'acme', repo: 'shop' }), 'https://github.com/acme/shop');
    assert.equal(githubWebUrl({ provider: 'github', apiUrl: 'https://ghe.example.com/api/v3', owner: 'acme', repo: 'shop' }), 'https://ghe.example.com/acme/shop');
  });
});

// The local GitHub API server itself: that it holds requests and answers to GitHub's description,
// that its scenarios move with the clock as GitHub Actions does, and that its job names are the
// ones GitHub would give the scenario's workflow files.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, before, describe, test } from 'node:test';
import { mapJobsToNodes } from '../../src/core/operate/jobNodes';
import { parsePipeline } from '../../src/core/parse';
import { SimulatedClock } from '../../src/providers/scheduler/clock';
import { repoRoot } from '../helpers/corpus';
import { LocalGitHubApi } from './github/server';
import { CI_WORKFLOW, DEPLOY_WORKFLOW, RELEASE_WORKFLOW, SANDBOX_TOKEN, HUBOT_TOKEN } from './github/scenarios';

interface Reply {
  status: number;
  headers: Headers;
  body: any;
}

async function call(api: LocalGitHubApi, method: string, path: string, options: { body?: unknown; token?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
  const res = await fetch(`${api.url}${path}`, {
    method,
    redirect: 'manual',
    headers: {
      accept: 'application/vnd.github+json',
      ...(options.token !== '' ? { authorization: `token ${options.token ?? SANDBOX_TOKEN}` } : {}),
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    },
    body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text.length > 0 && /json/.test(res.headers.get('content-type') ?? '') ? JSON.parse(text) : text };
}

describe('requests and answers are held to the description', () => {
  let api: LocalGitHubApi;
  before(async () => {
    api = await LocalGitHubApi.start({ scenario: 'sandbox' });
  });
  after(() => api.close());

  test('every read the provider makes answers without a violation', async () => {
    const reads = [
      '/user',
      '/repos/acme/shop',
      '/repos/acme/shop/branches?per_page=100',
      '/repos/acme/shop/tags?per_page=100',
      '/repos/acme/shop/actions/workflows',
      '/repos/acme/shop/actions/runs?per_page=20',
      '/repos/acme/shop/actions/runs?status=waiting',
      '/repos/acme/shop/actions/workflows/deploy.yml/runs?branch=main',
      '/repos/acme/shop/environments',
      '/repos/acme/shop/environments/production-us',
      '/repos/acme/shop/deployments?environment=production&per_page=30',
    ];
    for (const path of reads) assert.equal((await call(api, 'GET', path)).status, 200, path);
    const runs = (await call(api, 'GET', '/repos/acme/shop/actions/runs?per_page=100')).body.workflow_runs as { id: number }[];
    for (const run of runs) {
      for (const suffix of ['', '/jobs', '/jobs?filter=all', '/pending_deployments', '/approvals', '/attempts/1', '/attempts/1/jobs']) {
        assert.equal((await call(api, 'GET', `/repos/acme/shop/actions/runs/${run.id}${suffix}`)).status, 200, `${run.id}${suffix}`);
      }
    }
    const deployments = (await call(api, 'GET', '/repos/acme/shop/deployments?per_page=100')).body as { id: number }[];
    for (const d of deployments) assert.equal((await call(api, 'GET', `/repos/acme/shop/deployments/${d.id}/statuses`)).status, 200);
    assert.deepEqual(api.violations, []);
  });

  test('a request outside the description is refused and recorded', async () => {
    const before = api.violations.length;
    assert.equal((await call(api, 'GET', '/repos/acme/shop/actions/runs?colour=blue')).status, 422);
    assert.equal((await call(api, 'POST', '/repos/acme/shop/actions/runs/9008/pending_deployments', { body: { environment_ids: ['4004'], state: 'approved' } })).status, 422);
    assert.equal((await call(api, 'POST', '/repos/acme/shop/actions/runs/9008/approve')).status, 501);
    const added = api.violations.splice(before);
    assert.ok(added.some((v) => /query parameter "colour" is not in the description/.test(v)), added.join('\n'));
    assert.ok(added.some((v) => /body\/environment_ids\/0: must be integer/.test(v)), added.join('\n'));
    assert.ok(added.some((v) => /body: must have required property 'comment'/.test(v)), added.join('\n'));
    assert.ok(added.some((v) => /runs\/\{run_id\}\/approve: approves a fork pull request's run, not a deployment/.test(v)), added.join('\n'));
    assert.equal((await call(api, 'GET', '/repos/acme/shop/no/such/thing')).status, 404);
    assert.match(api.violations.pop() ?? '', /GET \/repos\/acme\/shop\/no\/such\/thing: no such operation in the description/);
  });

  test('an answer that does not match its schema is recorded as a violation', () => {
    const op = api.checker.match('GET', '/repos/acme/shop/environments/production')!;
    assert.deepEqual(api.checker.checkResponse(op, 200, { id: 1, name: 'production' }).length > 0, true);
    assert.deepEqual(api.checker.checkResponse(op, 404, { message: 'Not Found' }), []);
  });

  test('operations outside the subset are checked against the whole @octokit/openapi description', () => {
    const op = api.checker.match('PUT', '/repos/acme/shop/environments/production');
    assert.equal(op?.source, 'full');
    assert.equal(op?.operationId, 'repos/create-or-update-environment');
    assert.deepEqual(api.checker.checkRequest(op!, new URLSearchParams(), { wait_timer: 5, colour: 'blue' }, true), ['body: must NOT have additional properties']);
  });

  test('ETag: the same answer is a 304 without a body, and does not use up the rate limit', async () => {
    const first = await call(api, 'GET', '/repos/acme/shop/environments');
    const etag = first.headers.get('etag')!;
    const remaining = Number(first.headers.get('x-ratelimit-remaining'));
    const second = await call(api, 'GET', '/repos/acme/shop/environments', { headers: { 'if-none-match': etag } });
    assert.equal(second.status, 304);
    assert.equal(second.body, '');
    assert.equal(Number(second.headers.get('x-ratelimit-remaining')), remaining);
    const third = await call(api, 'GET', '/repos/acme/shop/environments');
    assert.equal(Number(third.headers.get('x-ratelimit-remaining')), remaining - 1);
  });

  test('credentials: none, wrong, and a scope list in x-oauth-scopes', async () => {
    assert.equal((await call(api, 'GET', '/user', { token: '' })).body.message, 'Requires authentication');
    assert.equal((await call(api, 'GET', '/user', { token: 'ghp_wrong' })).body.message, 'Bad credentials');
    assert.equal((await call(api, 'GET', '/user', { token: HUBOT_TOKEN })).headers.get('x-oauth-scopes'), 'repo');
  });

  test('pagination: per_page, page and a Link header', async () => {
    const first = await call(api, 'GET', '/repos/acme/shop/actions/runs?per_page=2');
    assert.equal(first.body.workflow_runs.length, 2);
    assert.ok(first.body.total_count > 2);
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get('link') ?? '')?.[1];
    assert.ok(next);
    const second = await (await fetch(next, { headers: { authorization: `token ${SANDBOX_TOKEN}` } })).json();
    assert.notEqual(second.workflow_runs[0].id, first.body.workflow_runs[0].id);
  });
});

describe('the simulation moves with its clock', () => {
  let api: LocalGitHubApi;
  let clock: SimulatedClock;
  afterEach(() => api.close());

  test('a running deploy goes through staging and stops at the approval gate; approving lets it finish', async () => {
    clock = new SimulatedClock();
    api = await LocalGitHubApi.start({ scenario: 'in-progress', clock });
    const running = (await call(api, 'GET', '/repos/acme/shop/actions/runs?status=in_progress')).body.workflow_runs;
    assert.equal(running.length, 1);
    const id = running[0].id;
    const jobs = async () => Object.fromEntries(((await call(api, 'GET', `/repos/acme/shop/actions/runs/${id}/jobs`)).body.jobs as { name: string; status: string }[]).map((j) => [j.name, j.status]));
    assert.deepEqual(await jobs(), { build: 'completed', test: 'in_progress', staging: 'queued', approve: 'queued', production: 'queued', verify: 'queued', rollback: 'queued' });
    await clock.advance(5 * 60_000);
    assert.equal((await call(api, 'GET', `/repos/acme/shop/actions/runs/${id}`)).body.status, 'waiting');
    const pending = (await call(api, 'GET', `/repos/acme/shop/actions/runs/${id}/pending_deployments`)).body;
    assert.deepEqual(pending.map((p: { environment: { name: string } }) => p.environment.name), ['production-approval']);
    const reviewed = await call(api, 'POST', `/repos/acme/shop/actions/runs/${id}/pending_deployments`, { body: { environment_ids: [4002], state: 'approved', comment: '' } });
    assert.equal(reviewed.status, 200);
    await clock.advance(10 * 60_000);
    const done = (await call(api, 'GET', `/repos/acme/shop/actions/runs/${id}`)).body;
    assert.deepEqual([done.status, done.conclusion], ['completed', 'success']);
    assert.equal((await jobs()).rollback, 'completed');
    const latest = (await call(api, 'GET', '/repos/acme/shop/deployments?environment=production&per_page=1')).body[0];
    assert.equal(latest.sha, running[0].head_sha);
    assert.deepEqual(api.violations, []);
  });

  test('a dispatch with inputs starts a run; GitHub\'s refusals for bad inputs and triggers', async () => {
    clock = new SimulatedClock();
    api = await LocalGitHubApi.start({ scenario: 'quiet', clock });
    const dispatch = (workflow: string, body: unknown) => call(api, 'POST', `/repos/acme/shop/actions/workflows/${workflow}/dispatches`, { body });
    const started = await dispatch('release.yml', { ref: 'main', inputs: { version: '1.5.0' }, return_run_details: true });
    assert.equal(started.status, 200);
    const run = (await call(api, 'GET', `/repos/acme/shop/actions/runs/${started.body.workflow_run_id}`)).body;
    assert.deepEqual([run.event, run.head_branch, run.path, run.status], ['workflow_dispatch', 'main', '.github/workflows/release.yml', 'queued']);
    assert.equal((await dispatch('release.yml', { ref: 'main', inputs: { version: '1.5.0' } })).status, 204);
    assert.equal((await dispatch('ci.yml', { ref: 'main' })).body.message, "Workflow does not have 'workflow_dispatch' trigger");
    assert.equal((await dispatch('release.yml', { ref: 'nope', inputs: { version: '1' } })).body.message, 'No ref found for: nope');
    assert.equal((await dispatch('release.yml', { ref: 'main', inputs: { version: '1', colour: 'blue' } })).body.message, 'Unexpected inputs provided: ["colour"]');
    assert.equal((await dispatch('release.yml', { ref: 'main' })).body.message, "Required input 'version' not provided");
    assert.deepEqual(api.violations, []);
  });

  test('GHES 3.19 answers under /api/v3 and a dispatch never returns the run', async () => {
    clock = new SimulatedClock();
    api = await LocalGitHubApi.start({ scenario: 'quiet', clock, flavor: 'ghes-3.19' });
    assert.match(api.url, /\/api\/v3$/);
    assert.equal((await call(api, 'GET', '/repos/acme/shop/environments')).status, 200);
    const r = await call(api, 'POST', '/repos/acme/shop/actions/workflows/deploy.yml/dispatches', { body: { ref: 'main', return_run_details: true } });
    assert.equal(r.status, 204);
    assert.deepEqual(api.violations, []);
  });
});

describe('scenario job names are the names GitHub gives the workflow files', () => {
  const files: [string, string][] = [
    [DEPLOY_WORKFLOW.path, join(repoRoot, 'samples', DEPLOY_WORKFLOW.path)],
    [CI_WORKFLOW.path, join(repoRoot, 'samples', CI_WORKFLOW.path)],
    [RELEASE_WORKFLOW.path, join(repoRoot, 'test', 'providers', 'github', 'fixtures', RELEASE_WORKFLOW.path)],
  ];
  for (const [path, file] of files) {
    test(path, async () => {
      const api = await LocalGitHubApi.start({ scenario: 'sandbox' });
      try {
        const workflow = path.split('/').pop();
        const runs = (await call(api, 'GET', `/repos/acme/shop/actions/workflows/${workflow}/runs?per_page=1`)).body.workflow_runs;
        const jobs = (await call(api, 'GET', `/repos/acme/shop/actions/runs/${runs[0].id}/jobs`)).body.jobs as { id: number; name: string }[];
        const graph = parsePipeline(readFileSync(file, 'utf8'), { dialect: 'github' });
        const map = mapJobsToNodes(
          graph,
          jobs.map((j) => ({ id: String(j.id), runId: String(runs[0].id), name: j.name, status: 'queued', conclusion: null })),
        );
        assert.deepEqual(map.unmatched.map((j) => j.name), []);
        assert.deepEqual([...map.byNode.keys()].sort(), graph.nodes.map((n) => n.id).sort());
      } finally {
        await api.close();
      }
    });
  }
});

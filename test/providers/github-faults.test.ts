// Every fault the issue names, injected by the local GitHub API server, and how the provider ends
// it: the error a person reads, how many requests it cost, and — for writes — that nothing is
// sent twice and a lost answer is settled by reading the state back.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { afterEach, describe, test } from 'node:test';
import { GitHubProvider } from '../../src/providers/github/provider';
import { SimulatedClock } from '../../src/providers/scheduler/clock';
import { missingScope, primaryRateLimit, secondaryRateLimit, serverError, tooManyRequests } from './github/faults';
import { checkAndClose, startHarness, until, type Harness } from './github/harness';
import { SANDBOX_TOKEN } from './github/scenarios';

let h: Harness | undefined;
afterEach(async () => {
  await checkAndClose(h);
  h = undefined;
});

const RUNS = 'GET /repos/{owner}/{repo}/actions/runs';
const REVIEW = 'POST /repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments';
const RERUN = 'POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun';
const DISPATCH = 'POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches';

async function approveFirstPending(harness: Harness) {
  const approvals = await harness.provider.read({ kind: 'approvals' });
  assert.ok(approvals.ok);
  const first = approvals.value[0];
  return harness.provider.perform({ kind: 'review', decision: 'approve', runId: first.runId, environments: [first.environment], comment: 'lgtm' });
}

describe('answers that refuse', () => {
  test('401: sign in again, with the sign-in remedy', async () => {
    h = await startHarness({ token: 'ghp_revoked' });
    const r = await h.provider.read({ kind: 'runs' });
    assert.ok(!r.ok);
    assert.deepEqual([r.error.kind, r.error.remedy, r.error.status], ['unauthorized', 'sign-in', 401]);
    assert.equal(r.error.message, 'GitHub did not accept the credentials (Bad credentials); sign in again');
    assert.ok(!JSON.stringify(r).includes('ghp_revoked'), 'the token appears nowhere in the error');
  });

  test('403 with scope headers: names the missing scope', async () => {
    h = await startHarness({ scenario: 'quiet' });
    h.api.inject({ route: DISPATCH, fault: missingScope(['repo', 'workflow'], ['repo']) });
    const r = await h.provider.perform({ kind: 'trigger', pipeline: { path: '.github/workflows/release.yml' }, ref: 'main', inputs: { version: '1' } });
    assert.ok(!r.ok);
    assert.deepEqual([r.error.kind, r.error.missingScopes, r.error.remedy], ['forbidden', ['workflow'], 'sign-in']);
    assert.match(r.error.message, /Resource not accessible by personal access token — the token lacks the workflow scope; sign in again granting it/);
  });

  test('404: not found, or no access with this account', async () => {
    h = await startHarness();
    const r = await h.provider.read({ kind: 'run', runId: '123456' });
    assert.ok(!r.ok);
    assert.deepEqual([r.error.kind, r.error.message], ['not-found', 'not found on GitHub, or not visible to this account: run 123456 of acme/shop']);
  });

  test('422: GitHub\'s message', async () => {
    h = await startHarness({ scenario: 'quiet' });
    const r = await h.provider.perform({ kind: 'trigger', pipeline: { path: '.github/workflows/release.yml' }, ref: 'main', inputs: { version: '1', colour: 'blue' } });
    assert.ok(!r.ok);
    assert.deepEqual([r.error.kind, r.error.message], ['refused', 'GitHub refused: Unexpected inputs provided: ["colour"]']);
  });

  test('a malformed body is an error naming the field, not a crash', async () => {
    h = await startHarness();
    h.api.inject({ route: RUNS, fault: { kind: 'malformed', body: JSON.stringify({ total_count: 1, workflow_runs: [{ id: 'x' }] }) } });
    const r = await h.provider.read({ kind: 'runs' });
    assert.ok(!r.ok);
    assert.equal(r.error.kind, 'malformed');
    assert.match(r.error.message, /body\.workflow_runs\[0\]\.run_number: expected a whole number, got nothing/);
    h.api.inject({ route: RUNS, fault: { kind: 'malformed', body: '{"total_count": 1, "workflow_r' } });
    const truncated = await h.provider.read({ kind: 'runs' });
    assert.ok(!truncated.ok);
    assert.match(truncated.error.message, /body: expected an object, got a long string|body: expected an object, got "/);
  });
});

describe('rate limits', () => {
  test('a secondary limit on a command\'s read: says so, waits as told on the clock, sends once more', async () => {
    h = await startHarness();
    h.api.inject({ route: RUNS, fault: secondaryRateLimit(30) });
    const waits: [string, number][] = [];
    const pending = h.provider.read({ kind: 'runs' }, { onWait: (reason, ms) => waits.push([reason, ms]) });
    await until(() => waits.length === 1, 'the provider says it waits');
    assert.match(waits[0][0], /GitHub's secondary rate limit was reached; it asks to wait 30 s; waiting 30 s, then sending once more/);
    assert.equal(waits[0][1], 30_000);
    await h.clock.advance(30_000);
    const r = await pending;
    assert.ok(r.ok);
    assert.equal(h.api.apiRequests(RUNS).length, 2);
  });

  test('a 429 on a write: not processed, so sent once more after the wait — two requests, not five', async () => {
    h = await startHarness();
    h.api.inject({ route: REVIEW, fault: tooManyRequests(2) });
    const waits: number[] = [];
    const approvals = await h.provider.read({ kind: 'approvals' });
    assert.ok(approvals.ok);
    const first = approvals.value[0];
    const pending = h.provider.perform({ kind: 'review', decision: 'approve', runId: first.runId, environments: [first.environment], comment: '' }, { onWait: (_r, ms) => waits.push(ms) });
    await until(() => waits.length === 1, 'the provider waits');
    await h.clock.advance(2000);
    const r = await pending;
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    assert.deepEqual(h.api.apiRequests(REVIEW).map((x) => x.status), [429, 200]);
  });

  test('a write refused by the rate limit twice: one more try only, then the error', async () => {
    h = await startHarness({ scenario: 'quiet' });
    h.api.inject({ route: DISPATCH, times: 2, fault: tooManyRequests(1) });
    let waits = 0;
    const pending = h.provider.perform({ kind: 'trigger', pipeline: { path: '.github/workflows/deploy.yml' }, ref: 'main', inputs: {} }, { onWait: () => waits++ });
    await until(() => waits === 1, 'the provider waits after the first 429');
    await h.clock.advance(1000);
    const r = await pending;
    assert.ok(!r.ok);
    assert.equal(r.error.kind, 'rate-limited');
    assert.deepEqual(h.api.apiRequests(DISPATCH).map((x) => x.status), [429, 429]);
  });

  test('the scheduler\'s reads are not held up: a rate limit comes back at once with how long to wait', async () => {
    h = await startHarness();
    h.api.inject({ route: RUNS, fault: secondaryRateLimit(45) });
    const r = await h.provider.read({ kind: 'runs' }, { polled: true });
    assert.ok(!r.ok);
    assert.deepEqual([r.error.kind, r.error.retryAfterMs], ['rate-limited', 45_000]);
    assert.equal(h.api.apiRequests(RUNS).length, 1);
  });

  test('the primary limit: its reset, on the server\'s clock; a wait longer than a minute is reported, not sat through', async () => {
    h = await startHarness();
    h.api.inject({ route: RUNS, fault: primaryRateLimit(h.clock.now() + 20 * 60_000) });
    const r = await h.provider.read({ kind: 'runs' });
    assert.ok(!r.ok);
    assert.equal(r.error.kind, 'rate-limited');
    assert.equal(r.error.retryAfterMs, 20 * 60_000 + 1000);
    assert.match(r.error.message, /GitHub's rate limit was reached; it asks to wait 21 min/);
    assert.equal(h.api.apiRequests(RUNS).length, 1);
  });

  test('x-ratelimit headers reach the caller; a 304 leaves the budget as it was', async () => {
    h = await startHarness();
    h.api.setRateLimit(SANDBOX_TOKEN, 42);
    const r = await h.provider.read({ kind: 'runs' });
    assert.equal(r.stats.rateLimit?.remaining, 41);
    const again = await h.provider.read({ kind: 'runs' });
    assert.equal(again.stats.rateLimit?.remaining, 41);
  });
});

describe('server errors, time-outs and lost answers', () => {
  test('a 5xx on a command\'s read is retried with back-off; on a scheduler read it is reported at once', async () => {
    h = await startHarness();
    h.api.inject({ route: RUNS, fault: serverError(502) });
    const r = await h.provider.read({ kind: 'runs' });
    assert.ok(r.ok);
    assert.deepEqual(h.api.apiRequests(RUNS).map((x) => x.status), [502, 200]);
    h.api.inject({ route: RUNS, fault: serverError(503) });
    const polled = await h.provider.read({ kind: 'runs' }, { polled: true });
    assert.ok(!polled.ok);
    assert.deepEqual([polled.error.kind, polled.error.remedy], ['server', 'retry']);
    assert.equal(h.api.apiRequests(RUNS).length, 3);
  });

  test('a read that hangs times out on the clock and is retried', async () => {
    h = await startHarness();
    h.api.inject({ route: RUNS, fault: { kind: 'hang' } });
    const pending = h.provider.read({ kind: 'runs' });
    await until(() => h!.api.apiRequests(RUNS).length === 1, 'the request reached the server');
    await h.clock.advance(30_000);
    const r = await pending;
    assert.ok(r.ok);
    assert.equal(h.api.apiRequests(RUNS).length, 2);
  });

  test('a polled read that hangs is a time-out error', async () => {
    h = await startHarness();
    h.api.inject({ route: RUNS, fault: { kind: 'hang' } });
    const pending = h.provider.read({ kind: 'runs' }, { polled: true });
    await until(() => h!.api.apiRequests(RUNS).length === 1, 'the request reached the server');
    await h.clock.advance(30_000);
    const r = await pending;
    assert.ok(!r.ok);
    assert.deepEqual([r.error.kind, r.error.message], ['timeout', 'GitHub did not answer about the runs of acme/shop in time (no answer within 30 s)']);
  });

  test('an approval whose answer is lost after GitHub did it: settled by reading back, sent once', async () => {
    h = await startHarness();
    h.api.inject({ route: REVIEW, fault: { kind: 'drop-after' } });
    const r = await approveFirstPending(h);
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    assert.equal(r.settledBy, 'readback');
    assert.match(r.message, /confirmed by reading the reviews back\.$/);
    assert.equal(h.api.apiRequests(REVIEW).length, 1);
  });

  test('an approval answered 502 after GitHub did it: settled by reading back, sent once', async () => {
    h = await startHarness();
    h.api.inject({ route: REVIEW, fault: { kind: 'fail-after', status: 502 } });
    const r = await approveFirstPending(h);
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    assert.equal(r.settledBy, 'readback');
    assert.equal(h.api.apiRequests(REVIEW).length, 1);
  });

  test('an approval answered 503 that GitHub did not do: not done, said so, sent once', async () => {
    h = await startHarness();
    h.api.inject({ route: REVIEW, fault: serverError(503) });
    const r = await approveFirstPending(h);
    assert.ok(!r.ok);
    assert.equal(r.error.kind, 'not-done');
    assert.match(r.error.message, /^GitHub did not answer \(its answer was lost\), and reading back shows the review of production-eu was not done; nothing changed$/);
    assert.equal(h.api.apiRequests(REVIEW).length, 1);
    const runId = Number(h.api.apiRequests(REVIEW)[0].path.split('/')[6]);
    assert.deepEqual(h.api.sim.reviews.filter((x) => x.runId === runId), []);
  });

  test('a re-run whose connection drops before GitHub got it: not done, sent once', async () => {
    h = await startHarness({ scenario: 'quiet' });
    const runs = await h.provider.read({ kind: 'runs', conclusion: 'failure' });
    assert.ok(runs.ok && runs.value.length > 0);
    h.api.inject({ route: RERUN, fault: { kind: 'drop' } });
    const r = await h.provider.perform({ kind: 'rerun', runId: runs.value[0].id, failedOnly: false });
    assert.ok(!r.ok);
    assert.equal(r.error.kind, 'not-done');
    assert.equal(h.api.apiRequests(RERUN).length, 1);
  });

  test('a dispatch that times out after GitHub started the run: the new run is found by reading back', async () => {
    h = await startHarness({ scenario: 'quiet' });
    h.api.inject({ route: DISPATCH, fault: { kind: 'delay', ms: 60_000 } });
    const pending = h.provider.perform({ kind: 'trigger', pipeline: { path: '.github/workflows/deploy.yml' }, ref: 'main', inputs: {} });
    await until(() => h!.api.apiRequests(DISPATCH).length === 1, 'the dispatch reached the server');
    await h.clock.advance(30_000);
    await h.clock.advance(30_000);
    const r = await pending;
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    assert.equal(r.settledBy, 'readback');
    assert.match(r.message, /\(run #7\), confirmed by reading the runs back\.$/);
    assert.equal(h.api.apiRequests(DISPATCH).length, 1);
  });

  test('offline: one clear message naming the host', async () => {
    const port = await closedPort();
    const provider = new GitHubProvider({
      target: { provider: 'github', apiUrl: `http://127.0.0.1:${port}`, owner: 'acme', repo: 'shop' },
      fetch: globalThis.fetch,
      credentials: async () => SANDBOX_TOKEN,
      clock: new SimulatedClock(),
      retryBaseMs: 1,
    });
    const r = await provider.read({ kind: 'runs' });
    assert.ok(!r.ok);
    assert.deepEqual([r.error.kind, r.error.message], ['offline', `cannot reach 127.0.0.1:${port} (connection refused); check the network or the API URL`]);
    const write = await provider.perform({ kind: 'cancel', runId: '1' });
    assert.ok(!write.ok);
    assert.equal(write.error.kind, 'offline');
  });
});

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

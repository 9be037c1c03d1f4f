// The one scheduler, against the local GitHub API server through the real GitHub provider, on a
// simulated clock: conditional requests, how often it reads when things run or nothing moves,
// back-off, rate limits, pauses, and how fast a change on the server reaches a subscriber.
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import type { ResourceKind, ResourceQuery, ResourceValues } from '../../src/core/operate/provider';
import { GitHubProvider } from '../../src/providers/github/provider';
import { Scheduler, type Snapshot } from '../../src/providers/scheduler/scheduler';
import { secondaryRateLimit, serverError } from './github/faults';
import { checkAndClose, startHarness, until, type Harness } from './github/harness';

let h: Harness;
let scheduler: Scheduler;
afterEach(async () => {
  scheduler.dispose();
  await checkAndClose(h);
});

async function setUp(scenario: 'quiet' | 'in-progress' | 'waiting-production', token?: string): Promise<void> {
  h = await startHarness({ scenario, token });
  scheduler = new Scheduler(h.clock);
}

/** Moves simulated time; every read a timer starts finishes before time moves on. */
function advance(ms: number): Promise<void> {
  return h.clock.advance(ms, () => scheduler.whenIdle());
}

function watch<K extends ResourceKind>(query: ResourceQuery<K>, view = 'default', focus = false, provider: GitHubProvider = h.provider) {
  const seen: { at: number; snapshot: Snapshot<ResourceValues[K]> }[] = [];
  const subscription = scheduler.subscribe(provider, query, (snapshot) => seen.push({ at: h.clock.now(), snapshot }), { view, focus });
  return { seen, subscription, values: () => seen.filter((s) => s.snapshot.value !== undefined && !s.snapshot.loading) };
}

const apiRequests = () => h.api.apiRequests();

describe('reading', () => {
  test('a subscriber gets the first value at once; later reads are conditional and answered 304', async () => {
    await setUp('quiet');
    const runs = watch({ kind: 'runs' });
    await advance(0);
    assert.equal(runs.values().length, 1);
    assert.equal(runs.subscription.snapshot.value?.length, 8);
    await advance(10 * 60_000);
    const reads = h.api.apiRequests('GET /repos/{owner}/{repo}/actions/runs');
    assert.ok(reads.length >= 10, `read ${reads.length} times in 10 minutes`);
    assert.equal(reads[0].ifNoneMatch, undefined);
    assert.ok(reads.slice(1).every((r) => r.ifNoneMatch !== undefined && r.status === 304), 'every later read is a 304');
    assert.equal(runs.values().length, 1, 'an unchanged answer tells the subscriber nothing new');
  });

  test('two views on the same query share one source: one read for both', async () => {
    await setUp('quiet');
    const a = watch({ kind: 'environments' }, 'environments');
    const b = watch({ kind: 'environments' }, 'status-bar');
    await advance(0);
    const first = apiRequests().length;
    assert.deepEqual(a.subscription.snapshot.value, b.subscription.snapshot.value);
    assert.equal(h.api.apiRequests('GET /repos/{owner}/{repo}/environments').length, 1);
    assert.ok(first > 0);
  });

  test('idle: at most one request a minute per visible view, whatever the sources cost', async () => {
    await setUp('quiet');
    watch({ kind: 'environments' }, 'environments');
    watch({ kind: 'approvals' }, 'environments');
    watch({ kind: 'runs' }, 'runs');
    watch({ kind: 'approvals' }, 'approvals');
    await advance(0);
    const afterFirstLoad = apiRequests().length;
    await advance(60 * 60_000);
    const perViewPerHour = (apiRequests().length - afterFirstLoad) / 3;
    assert.ok(perViewPerHour <= 60, `${perViewPerHour} requests per view per hour`);
    assert.ok(perViewPerHour >= 20, `still polling: ${perViewPerHour} requests per view per hour`);
  });
});

describe('active runs', () => {
  test('the run in focus is read every few seconds while it runs; a job finishing reaches the view within one interval', async () => {
    await setUp('in-progress');
    const list = watch({ kind: 'runs', status: 'in_progress' });
    await advance(0);
    const runId = list.subscription.snapshot.value![0].id;
    const run = watch({ kind: 'run', runId }, 'designer', true);
    await advance(0);
    const testJob = () => run.subscription.snapshot.value?.jobs.find((j) => j.name === 'test');
    assert.equal(testJob()?.status, 'in_progress');
    // The test job finishes 35 s from the start (it started 55 s ago and takes 90 s).
    const finishesAt = h.clock.now() + 35_000;
    await advance(60_000);
    const seenDone = run.values().find((s) => s.snapshot.value?.jobs.find((j) => j.name === 'test')?.status === 'completed');
    assert.ok(seenDone, 'the view saw the job complete');
    assert.ok(seenDone.at - finishesAt <= 5_000, `seen ${seenDone.at - finishesAt} ms after it finished`);
    const runReads = h.api.apiRequests('GET /repos/{owner}/{repo}/actions/runs/{run_id}').length;
    assert.ok(runReads >= 12 && runReads <= 14, `${runReads} reads of the focused run in a minute`);
  });

  test('a run starting to wait brings the approvals up to date through the change, not through fast polling', async () => {
    await setUp('in-progress');
    const runs = watch({ kind: 'runs' }, 'runs');
    const approvals = watch({ kind: 'approvals' }, 'approvals');
    await advance(0);
    assert.deepEqual(approvals.subscription.snapshot.value, []);
    // The deploy reaches its approval gate (production-approval) 80 s from now.
    const gateAt = h.clock.now() + 80_000;
    await advance(3 * 60_000);
    const appeared = approvals.values().find((s) => (s.snapshot.value?.length ?? 0) > 0);
    assert.ok(appeared, 'the pending approval reached the Approvals view');
    assert.equal(appeared.snapshot.value![0].environment.name, 'production-approval');
    assert.ok(appeared.at - gateAt <= 21_000, `${appeared.at - gateAt} ms after the run started waiting`);
    const approvalReads = h.api.apiRequests('GET /repos/{owner}/{repo}/actions/runs').filter((r) => r.query.status === 'waiting').length;
    assert.ok(approvalReads <= 6, `${approvalReads} reads of the waiting runs in 3 minutes`);
    assert.ok(runs.values().length >= 2);
  });
});

describe('faults', () => {
  test('back-off: failed reads space out (10 s, 20 s, 40 s…); the view keeps its last data, marked stale', async () => {
    await setUp('in-progress');
    const runs = watch({ kind: 'runs' });
    await advance(0);
    assert.ok(runs.subscription.snapshot.value);
    h.api.inject({ route: 'GET /repos/{owner}/{repo}/actions/runs', times: 4, fault: serverError(502) });
    await advance(5 * 60_000);
    const times = h.api.apiRequests('GET /repos/{owner}/{repo}/actions/runs').map((r) => r.at);
    const gaps = times.slice(1).map((t, i) => (t - times[i]) / 1000);
    assert.deepEqual(gaps.slice(0, 5), [20, 20, 20, 40, 80]);
    const stale = runs.seen.find((s) => s.snapshot.stale);
    assert.ok(stale, 'the view was told its data is stale');
    assert.equal(stale.snapshot.error?.kind, 'server');
    assert.ok(stale.snapshot.value, 'and kept the last data');
    assert.equal(runs.subscription.snapshot.stale, false, 'fresh again once a read succeeded');
  });

  test('a rate limit pauses the whole target until GitHub\'s retry-after', async () => {
    await setUp('in-progress');
    watch({ kind: 'runs' }, 'runs');
    watch({ kind: 'environments' }, 'environments');
    await advance(0);
    h.api.inject({ route: 'GET /repos/{owner}/{repo}/actions/runs', fault: secondaryRateLimit(120) });
    const limitedAt = h.clock.now() + 20_000;
    await advance(20_000);
    const before = apiRequests().length;
    await advance(119_000);
    assert.equal(apiRequests().length, before, 'nothing is sent while the limit lasts');
    await advance(2_000);
    assert.ok(apiRequests().length > before, 'reads resume after it');
    assert.ok(apiRequests()[before].at >= limitedAt + 120_000);
  });

  test('a 401 stops the source instead of hammering; refresh after signing in starts it again', async () => {
    await setUp('quiet');
    const bad = new GitHubProvider({ target: h.target, fetch: globalThis.fetch, credentials: async () => 'ghp_revoked', clock: h.clock });
    const runs = watch({ kind: 'runs' }, 'runs', false, bad);
    await advance(30 * 60_000);
    assert.equal(apiRequests().length, 1);
    assert.equal(runs.subscription.snapshot.error?.remedy, 'sign-in');
    assert.equal(runs.subscription.snapshot.nextReadAt, undefined);
    scheduler.refresh({ target: h.target });
    await advance(0);
    assert.equal(apiRequests().length, 2);
  });
});

describe('refresh', () => {
  test('a refresh while a read is in flight reads again as soon as that read ends (it may predate the change)', async () => {
    await setUp('quiet');
    h.api.inject({ route: 'GET /repos/{owner}/{repo}/actions/runs', fault: { kind: 'delay', ms: 1000 } });
    watch({ kind: 'runs' }, 'runs');
    // The server answers after a second of its clock: move time without waiting for the read.
    const dontWait = () => Promise.resolve();
    await h.clock.advance(0, dontWait);
    await until(() => h.api.apiRequests().length === 1, 'the first read reached the server');
    scheduler.refresh({ target: h.target, kinds: ['runs'] });
    await h.clock.advance(1000, dontWait);
    await scheduler.whenIdle();
    await advance(0);
    assert.deepEqual(h.api.apiRequests('GET /repos/{owner}/{repo}/actions/runs').map((r) => r.at - h.api.apiRequests()[0].at), [0, 1000]);
  });
});

describe('pauses', () => {
  test('hidden views read nothing; shown again, stale data is read at once', async () => {
    await setUp('quiet');
    watch({ kind: 'runs' }, 'runs');
    await advance(0);
    scheduler.setViewVisible('runs', false);
    const before = apiRequests().length;
    await advance(60 * 60_000);
    assert.equal(apiRequests().length, before);
    scheduler.setViewVisible('runs', true);
    scheduler.refresh();
    await advance(0);
    assert.equal(apiRequests().length, before + 1);
  });

  test('an unfocused window keeps polling for five minutes, then stops; focus brings it back at once', async () => {
    await setUp('in-progress');
    watch({ kind: 'runs' }, 'runs');
    await advance(0);
    scheduler.setWindowFocused(false);
    const unfocusedAt = h.clock.now();
    await advance(60 * 60_000);
    const reads = apiRequests();
    assert.ok(reads[reads.length - 1].at <= unfocusedAt + 5 * 60_000, 'no read after five unfocused minutes');
    const before = reads.length;
    scheduler.setWindowFocused(true);
    await advance(0);
    assert.equal(apiRequests().length, before + 1);
  });
});

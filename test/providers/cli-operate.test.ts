// The operate commands of the real `pipewright` command line (spawned as a child process, as
// test/core/cli.test.ts does), pointed at the local GitHub API server with --api-url: what they
// print, their exit codes, the requests they send, and that a write is never sent twice.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, test } from 'node:test';
import { runCli } from '../../src/cli/cli';
import type { CliIo } from '../../src/cli/io';
import type { StatusJson } from '../../src/cli/statusCommand';
import { repoRoot } from '../helpers/corpus';
import { serverError, tooManyRequests } from './github/faults';
import { checkAndClose, startHarness, type Harness } from './github/harness';
import { RELEASE_WORKFLOW, SANDBOX_TOKEN, SHAS } from './github/scenarios';

interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

const REVIEW = 'POST /repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments';

let h: Harness | undefined;
afterEach(async () => {
  await checkAndClose(h);
  h = undefined;
});

/** The CLI from the sources, with only the token variables given (none of the caller's). */
function pipewright(args: string[], env: Record<string, string> = { GITHUB_TOKEN: SANDBOX_TOKEN }): Promise<CliRun> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'GITHUB_TOKEN' && k !== 'GH_TOKEN'));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'src', 'cli', 'main.ts'), ...args], { cwd: repoRoot, env: { ...base, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdin.end();
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

function at(harness: Harness): string[] {
  return ['--target', 'github:acme/shop', '--api-url', harness.api.url];
}

describe('pipewright status', () => {
  test('--json: the contract (environments with latest and pending, runs with their jobs while they go)', async () => {
    h = await startHarness({ scenario: 'sandbox' });
    const r = await pipewright(['status', ...at(h), '--json']);
    assert.equal(r.status, 0, r.stderr);
    const json = JSON.parse(r.stdout) as StatusJson;
    assert.equal(json.target, 'github:acme/shop');
    const env = (name: string) => json.environments.find((e) => e.name === name)!;
    assert.deepEqual(Object.keys(env('production').latest!).sort(), ['createdAt', 'creator', 'id', 'ref', 'runId', 'sha', 'state']);
    assert.deepEqual([env('production').latest!.sha, env('production').latest!.state, env('production').pending], [SHAS.c3, 'success', []]);
    const release = json.runs.find((x) => x.workflow === RELEASE_WORKFLOW.path)!;
    assert.deepEqual(env('production-us').pending, [{ runId: release.id, environmentId: '4005', canApprove: true, waitTimer: 5, runNumber: 1 }]);
    assert.deepEqual(env('production-eu').pending.map((p) => [p.environmentId, p.waitTimer]), [['4004', 0]]);
    for (const run of json.runs) {
      for (const key of ['id', 'workflow', 'status', 'conclusion', 'headSha', 'headBranch', 'event', 'createdAt']) assert.ok(key in run, `${key} in every run`);
      assert.equal('jobs' in run, run.status !== 'completed');
    }
    assert.deepEqual(release.jobs?.map((j) => [j.name, j.status]), [['Build release', 'completed'], ['staging', 'completed'], ['Deploy EU', 'waiting'], ['Deploy US', 'waiting'], ['verify', 'queued']]);
    assert.equal(json.runs.length, 10);
  });

  test('--workflow lists only that workflow\'s runs; the text listing names what waits and who may review', async () => {
    h = await startHarness({ scenario: 'waiting-production' });
    const r = await pipewright(['status', ...at(h), '--workflow', '.github/workflows/release.yml']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^acme\/shop \(github:acme\/shop\)$/m);
    assert.match(r.stdout, /^ {2}production-us {2}run #1 \(id \d+\) {2}you can review it, wait timer 5 min$/m);
    assert.match(r.stdout, /^Runs of \.github\/workflows\/release\.yml:$/m);
    assert.equal(r.stdout.match(/^ {2}#\d+ /gm)?.length, 1);
  });

  test('no token: exit 2 naming both variables, and nothing sent', async () => {
    h = await startHarness();
    const r = await pipewright(['status', ...at(h)], {});
    assert.equal(r.status, 2);
    assert.equal(r.stderr, 'pipewright status: no GitHub token: set GITHUB_TOKEN (or GH_TOKEN) to a token with the repo and workflow scopes\n');
    assert.equal(h.api.requests.length, 0);
  });

  test('GH_TOKEN serves when GITHUB_TOKEN is not set; a refused token: exit 3, sign in again', async () => {
    h = await startHarness();
    assert.equal((await pipewright(['status', ...at(h)], { GH_TOKEN: SANDBOX_TOKEN })).status, 0);
    const bad = await pipewright(['status', ...at(h)], { GITHUB_TOKEN: 'ghp_revoked' });
    assert.equal(bad.status, 3);
    assert.match(bad.stderr, /GitHub did not accept the credentials \(Bad credentials\); sign in again/);
    assert.ok(!bad.stderr.includes('ghp_revoked'));
  });

  test('usage errors: a bad target, a bad API URL, another platform', async () => {
    for (const [args, message] of [
      [['status', '--target', 'acme/shop'], /must start with a platform/],
      [['status', '--target', 'github:acme/shop', '--api-url', 'ftp://x'], /--api-url must be an http\(s\) URL/],
      [['status'], /missing --target github:OWNER\/REPO/],
      [['status', '--target', 'gitlab:acme/shop'], /operates GitHub repositories for now/],
    ] as const) {
      const r = await pipewright([...args]);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, message);
    }
  });
});

describe('pipewright approve / reject', () => {
  test('without --run: the one run waiting for the environment; the comment defaults to the empty string', async () => {
    h = await startHarness();
    const r = await pipewright(['approve', ...at(h), '--environment', 'production-eu', '--yes']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, 'Approved the deployment to production-eu of run #1 "Release 1.5.0" (4d5e6f7 on main) in acme/shop.\n');
    assert.deepEqual(h.api.apiRequests(REVIEW).map((x) => x.body), [{ environment_ids: [4004], state: 'approved', comment: '' }]);
  });

  test('reject with a comment', async () => {
    h = await startHarness();
    const r = await pipewright(['reject', ...at(h), '--environment', 'production-us', '--comment', 'not on a Friday', '--yes']);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(h.api.apiRequests(REVIEW).map((x) => x.body), [{ environment_ids: [4005], state: 'rejected', comment: 'not on a Friday' }]);
  });

  test('two runs waiting for the environment: exit 3 naming both, nothing sent; --run picks one', async () => {
    h = await startHarness();
    const second = h.api.sim.dispatch(h.api.sim.workflowById('release.yml')!, 'main', { version: '1.5.1' }, 'hubot');
    assert.ok('id' in second);
    await h.clock.advance(5 * 60_000);
    const r = await pipewright(['approve', ...at(h), '--environment', 'production-eu', '--yes']);
    assert.equal(r.status, 3);
    assert.match(r.stderr, /2 runs wait for a review of production-eu in acme\/shop: run #2 "Release" \(4d5e6f7 on main\); run #1 "Release 1\.5\.0" \(4d5e6f7 on main\); say which with its run id/);
    assert.equal(h.api.apiRequests(REVIEW).length, 0);
    const picked = await pipewright(['approve', ...at(h), '--environment', 'production-eu', '--run', String(second.id), '--yes']);
    assert.equal(picked.status, 0, picked.stderr);
    assert.equal(h.api.apiRequests(REVIEW)[0].path, `/repos/acme/shop/actions/runs/${second.id}/pending_deployments`);
  });

  test('nothing waiting, or a reviewer-only gate the account may not review: exit 3 with the reason', async () => {
    h = await startHarness({ scenario: 'quiet' });
    const r = await pipewright(['approve', ...at(h), '--environment', 'production', '--yes']);
    assert.equal(r.status, 3);
    assert.equal(r.stderr, 'pipewright approve: nothing waits for a review of production in acme/shop\n');
    const hubot = await startHarness({ token: 'ghp_sandbox_hubot' });
    try {
      const refused = await pipewright(['approve', ...at(hubot), '--environment', 'production-us', '--yes'], { GITHUB_TOKEN: 'ghp_sandbox_hubot' });
      assert.equal(refused.status, 3);
      assert.match(refused.stderr, /this account may not review deployments to production-us; its reviewers are user mona, user octocat/);
      assert.equal(hubot.api.apiRequests(REVIEW).length, 0);
    } finally {
      await hubot.close();
    }
  });

  test('standard input not a terminal and no --yes: exit 2 before any request', async () => {
    h = await startHarness();
    const r = await pipewright(['approve', ...at(h), '--environment', 'production-eu']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /standard input is not a terminal, so nobody can confirm: pass --yes/);
    assert.equal(h.api.requests.length, 0);
  });

  test('a 503 GitHub did not act on: not re-sent, read back, exit 3 "not done"', async () => {
    h = await startHarness();
    h.api.inject({ route: REVIEW, fault: serverError(503) });
    const r = await pipewright(['approve', ...at(h), '--environment', 'production-eu', '--yes']);
    assert.equal(r.status, 3);
    assert.match(r.stderr, /reading back shows the review of production-eu was not done; nothing changed/);
    assert.equal(h.api.apiRequests(REVIEW).length, 1);
  });

  test('an answer lost after GitHub approved: read back, exit 0 saying so, sent once', async () => {
    h = await startHarness();
    h.api.inject({ route: REVIEW, fault: { kind: 'drop-after' } });
    const r = await pipewright(['approve', ...at(h), '--environment', 'production-eu', '--yes']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /confirmed by reading the reviews back\.\n$/);
    assert.equal(h.api.apiRequests(REVIEW).length, 1);
  });

  test('a 429: waits as told, says so, sends once more', async () => {
    h = await startHarness();
    h.api.inject({ route: REVIEW, fault: tooManyRequests(1) });
    const r = await pipewright(['approve', ...at(h), '--environment', 'production-eu', '--yes']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /^pipewright approve: GitHub's secondary rate limit was reached; it asks to wait 1 s; waiting 1 s, then sending once more$/m);
    assert.deepEqual(h.api.apiRequests(REVIEW).map((x) => x.status), [429, 200]);
  });
});

describe('pipewright trigger', () => {
  test('inputs as strings, on the default branch when --ref is not given', async () => {
    h = await startHarness({ scenario: 'quiet' });
    const r = await pipewright(['trigger', ...at(h), '--workflow', '.github/workflows/release.yml', '--input', 'version=1.6.0', '--input', 'dry_run=true', '--input', 'channel=beta', '--yes']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^Started \.github\/workflows\/release\.yml on main in acme\/shop \(run #1\)\.\n/);
    assert.equal(h.api.apiRequests('GET /repos/{owner}/{repo}').length, 1);
    assert.deepEqual(h.api.apiRequests('POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches').map((x) => x.body), [
      { ref: 'main', inputs: { version: '1.6.0', dry_run: 'true', channel: 'beta' } },
    ]);
  });

  test('a workflow without workflow_dispatch: exit 3 with GitHub\'s reason; a malformed --input: exit 2', async () => {
    h = await startHarness({ scenario: 'quiet' });
    const r = await pipewright(['trigger', ...at(h), '--workflow', '.github/workflows/ci.yml', '--ref', 'main', '--yes']);
    assert.equal(r.status, 3);
    assert.equal(r.stderr, "pipewright trigger: GitHub refused: Workflow does not have 'workflow_dispatch' trigger\n");
    const bad = await pipewright(['trigger', ...at(h), '--workflow', '.github/workflows/release.yml', '--input', 'version', '--yes']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--input takes NAME=VALUE, got "version"/);
  });
});

describe('pipewright rollback', () => {
  test('without --to: the newest successful deployment before the current one, by re-running its deploy job', async () => {
    h = await startHarness({ scenario: 'quiet' });
    const r = await pipewright(['rollback', ...at(h), '--environment', 'production', '--yes']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^Rolling back production to 2a3b4c5: re-running the deploy job of run #4/);
    assert.equal(h.api.apiRequests('POST /repos/{owner}/{repo}/actions/jobs/{job_id}/rerun').length, 1);
  });

  test('--to a deployment that failed, or beyond GitHub\'s 30 days: exit 3 saying why', async () => {
    h = await startHarness({ scenario: 'quiet' });
    const failed = h.api.sim.deployments.find((d) => d.environment === 'production' && d.sha === SHAS.c5)!;
    const r = await pipewright(['rollback', ...at(h), '--environment', 'production', '--to', String(failed.id), '--yes']);
    assert.equal(r.status, 3);
    assert.match(r.stderr, new RegExp(`deployment ${failed.id} of production never succeeded`));
    const old = h.api.sim.deployments.find((d) => d.environment === 'production' && d.sha === SHAS.c0)!;
    const tooOld = await pipewright(['rollback', ...at(h), '--environment', 'production', '--to', String(old.id), '--yes']);
    assert.equal(tooOld.status, 3);
    assert.match(tooOld.stderr, /GitHub re-runs only workflow runs from the last 30 days/);
  });
});

describe('pipewright cancel', () => {
  test('a running run: exit 0; a finished one: exit 3, nothing sent', async () => {
    h = await startHarness({ scenario: 'in-progress' });
    const running = h.api.sim.runs.find((x) => h!.api.sim.runStatus(x).status !== 'completed')!;
    const r = await pipewright(['cancel', ...at(h), '--run', String(running.id), '--yes']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^Asked GitHub to cancel run #7 "Gift cards" \(4d5e6f7 on main\) in acme\/shop\.\n/);
    const again = await pipewright(['cancel', ...at(h), '--run', String(running.id), '--yes']);
    assert.equal(again.status, 3);
    assert.match(again.stderr, /already finished \(cancelled\)/);
    assert.equal(h.api.apiRequests('POST /repos/{owner}/{repo}/actions/runs/{run_id}/cancel').length, 1);
    const bad = await pipewright(['cancel', ...at(h), '--run', 'latest', '--yes']);
    assert.equal(bad.status, 2);
  });
});

describe('the confirmation prompt', () => {
  function terminalIo(answer: string, out: { stdout: string; stderr: string; questions: string[] }): CliIo {
    return {
      stdout: (t) => void (out.stdout += t),
      stderr: (t) => void (out.stderr += t),
      readText: () => '',
      readStdin: () => '',
      isDirectory: () => false,
      listDirectory: () => [],
      cwd: () => '/',
      replaceText: () => undefined,
      env: { GITHUB_TOKEN: SANDBOX_TOKEN },
      isInteractive: () => true,
      prompt: async (q) => {
        out.questions.push(q);
        return answer;
      },
      fetch: globalThis.fetch,
    };
  }

  test('names the run, its commit, the environment and the repository; "n" sends nothing, "y" approves', async () => {
    h = await startHarness();
    const no = { stdout: '', stderr: '', questions: [] as string[] };
    assert.equal(await runCli(['approve', ...at(h), '--environment', 'production-eu'], terminalIo('n', no)), 3);
    assert.deepEqual(no.questions, ['Approve the deployment to production-eu of run #1 "Release 1.5.0" (4d5e6f7 on main) in acme/shop? [y/N] ']);
    assert.equal(no.stderr, 'pipewright approve: not confirmed; nothing was changed\n');
    assert.equal(h.api.apiRequests(REVIEW).length, 0);
    const yes = { stdout: '', stderr: '', questions: [] as string[] };
    assert.equal(await runCli(['approve', ...at(h), '--environment', 'production-eu'], terminalIo('y', yes)), 0);
    assert.equal(h.api.apiRequests(REVIEW).length, 1);
  });
});

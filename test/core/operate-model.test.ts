// The provider-neutral operating model: targets, states, the words of confirmations, and the
// choices commands make before acting.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { describeAction, type OperateAction } from '../../src/core/operate/actions';
import { choosePending, chooseRollback, currentDeployment } from '../../src/core/operate/choose';
import { stripAnsi } from '../../src/core/operate/logs';
import type { Deployment, PendingApproval } from '../../src/core/operate/model';
import { queryKey } from '../../src/core/operate/provider';
import { formatDuration, lightOf, worstLight } from '../../src/core/operate/status';
import { describeTarget, formatTarget, parseTarget, targetKey, type Target } from '../../src/core/operate/target';
import { repoRoot } from '../helpers/corpus';

describe('targets', () => {
  test('every platform has a text form that reads back to the same target', () => {
    for (const text of ['github:acme/shop', 'gitlab:group/sub/project', 'gitlab:1234', 'azure-devops:contoso/web', 'kubernetes:prod/web', 'argo-rollouts:web']) {
      const parsed = parseTarget(text);
      assert.ok(parsed.ok, text);
      assert.equal(formatTarget(parsed.value), text);
    }
  });

  test('GitHub: the API URL defaults to api.github.com and --api-url replaces it, without a trailing slash', () => {
    const dotcom = parseTarget('github:acme/shop');
    assert.ok(dotcom.ok && dotcom.value.provider === 'github');
    assert.equal(dotcom.value.apiUrl, 'https://api.github.com');
    const ghes = parseTarget('github:acme/shop', { apiUrl: 'https://ghe.example.com/api/v3/' });
    assert.ok(ghes.ok && ghes.value.provider === 'github');
    assert.equal(ghes.value.apiUrl, 'https://ghe.example.com/api/v3');
    assert.notEqual(targetKey(dotcom.value), targetKey(ghes.value));
  });

  test('bad targets say which form was expected', () => {
    const cases: [string, RegExp][] = [
      ['acme/shop', /must start with a platform: github:OWNER\/REPO/],
      ['github:acme', /names an owner and a repository \(expected github:OWNER\/REPO\)/],
      ['github:acme/shop/extra', /expected github:OWNER\/REPO/],
      ['github:acme/sh op', /letters, digits/],
      ['github:/shop', /empty/],
      ['kubernetes:a/b/c', /at most a context and a namespace/],
    ];
    for (const [text, message] of cases) {
      const r = parseTarget(text);
      assert.ok(!r.ok, text);
      assert.match(r.error, message, text);
    }
  });

  test('a label names the target in messages when given', () => {
    const t: Target = { provider: 'github', apiUrl: 'http://127.0.0.1:1', owner: 'acme', repo: 'shop' };
    assert.equal(describeTarget(t), 'acme/shop');
    assert.equal(describeTarget({ ...t, label: 'Sandbox' }), 'Sandbox');
  });

  test('query keys ignore key order and absent options', () => {
    assert.equal(queryKey({ kind: 'runs', pipeline: 'a.yml', branch: undefined }), queryKey({ pipeline: 'a.yml', kind: 'runs' } as never));
  });
});

describe('states', () => {
  test('a completed item shows its conclusion; timed out counts as failed', () => {
    assert.equal(lightOf({ status: 'in_progress', conclusion: null }), 'in_progress');
    assert.equal(lightOf({ status: 'completed', conclusion: 'timed_out' }), 'failure');
    assert.equal(lightOf({ status: 'completed', conclusion: 'skipped' }), 'skipped');
  });

  test('the worst light wins: failure over waiting over running over success over skipped', () => {
    assert.equal(worstLight(['success', 'skipped']), 'success');
    assert.equal(worstLight(['success', 'in_progress', 'waiting']), 'waiting');
    assert.equal(worstLight(['waiting', 'failure', 'cancelled']), 'failure');
    assert.equal(worstLight([]), undefined);
  });

  test('durations read as people say them', () => {
    assert.equal(formatDuration(45_000), '45 s');
    assert.equal(formatDuration(185_000), '3 min 05 s');
    assert.equal(formatDuration(3_720_000), '1 h 02 min');
  });
});

const TARGET: Target = { provider: 'github', apiUrl: 'https://api.github.com', owner: 'acme', repo: 'shop' };
const SHA = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';

function deployment(id: string, createdAt: string, succeeded: boolean, sha = SHA): Deployment {
  return { id, environment: 'production', ref: 'main', sha, state: succeeded ? 'success' : 'failure', succeeded, createdAt, creator: { login: 'mona' }, runId: `r${id}` };
}

describe('confirmations name what and where', () => {
  test('a review names the run, its sha and branch, the environments and the repository', () => {
    const action: OperateAction = {
      kind: 'review',
      decision: 'approve',
      runId: '9001',
      run: { number: 42, title: 'Ship the cart', headSha: SHA, headBranch: 'main' },
      environments: [{ id: '1', name: 'production-eu' }, { id: '2', name: 'production-us' }],
      comment: '',
    };
    assert.deepEqual(describeAction(action, TARGET), {
      title: 'Approve deployments',
      question: 'Approve the deployments to production-eu and production-us of run #42 "Ship the cart" (a1b2c3d on main) in acme/shop?',
    });
  });

  test('a roll back names the deployment it goes back to, what it replaces, and how', () => {
    const to = { ...deployment('7', '2026-11-20T10:00:00Z', true), jobId: '55' };
    const from = deployment('9', '2026-11-28T10:00:00Z', true, 'ffffffffffffffffffffffffffffffffffffffff');
    assert.equal(
      describeAction({ kind: 'rollback', environment: 'production', to, from }, TARGET).question,
      'Roll back production in acme/shop to a1b2c3d (main, 2026-11-20, by mona), replacing fffffff (main, 2026-11-28, by mona) by re-running its deploy job (run r7)?',
    );
  });

  test('a trigger names the workflow, the ref and the inputs', () => {
    assert.equal(
      describeAction({ kind: 'trigger', pipeline: { path: '.github/workflows/release.yml' }, ref: 'main', inputs: { version: '1.2.0', dry_run: 'false' } }, TARGET).question,
      'Run .github/workflows/release.yml on main in acme/shop with version=1.2.0, dry_run=false?',
    );
  });
});

function pending(runId: string, environment: string): PendingApproval {
  return {
    id: `${runId}/${environment}`,
    runId,
    run: { number: Number(runId) },
    environment: { id: environment.length.toString(), name: environment },
    canApprove: true,
    reviewers: [],
    requiredApprovals: 1,
    waitTimerMinutes: 0,
  };
}

describe('which pending approval a command means', () => {
  const approvals = [pending('1', 'production'), pending('1', 'staging'), pending('2', 'staging')];

  test('the one run waiting for the environment', () => {
    const r = choosePending(approvals, 'production', undefined, 'acme/shop');
    assert.ok(r.ok);
    assert.equal(r.value.id, '1/production');
  });

  test('two runs waiting: ambiguous, naming both', () => {
    const r = choosePending(approvals, 'staging', undefined, 'acme/shop');
    assert.ok(!r.ok);
    assert.equal(r.error.kind, 'ambiguous');
    assert.match(r.error.message, /2 runs wait for a review of staging in acme\/shop: run #1; run #2/);
  });

  test('a run id picks one; a run that does not wait says which do', () => {
    const r = choosePending(approvals, 'staging', '2', 'acme/shop');
    assert.ok(r.ok);
    assert.equal(r.value.id, '2/staging');
    const none = choosePending(approvals, 'production', '2', 'acme/shop');
    assert.ok(!none.ok);
    assert.equal(none.error.kind, 'nothing-to-do');
    assert.match(none.error.message, /nothing waits for a review of production on run 2 in acme\/shop \(runs waiting for it: 1\)/);
  });
});

describe('what a roll back goes back to', () => {
  const history = [
    deployment('5', '2026-11-01T10:00:00Z', true),
    deployment('6', '2026-11-10T10:00:00Z', false),
    deployment('7', '2026-11-20T10:00:00Z', true),
    deployment('8', '2026-11-25T10:00:00Z', false),
    deployment('9', '2026-11-28T10:00:00Z', true),
    deployment('10', '2026-11-30T10:00:00Z', false),
  ].reverse();

  test('current is the newest successful; without --to, the newest successful older than it', () => {
    assert.equal(currentDeployment(history)?.id, '9');
    const r = chooseRollback(history, 'production', undefined, 'acme/shop');
    assert.ok(r.ok);
    assert.deepEqual([r.value.to.id, r.value.from?.id], ['7', '9']);
  });

  test('order comes from the times, not from the list', () => {
    const r = chooseRollback([...history].reverse(), 'production', undefined, 'acme/shop');
    assert.ok(r.ok);
    assert.equal(r.value.to.id, '7');
  });

  test('--to must name a deployment that succeeded and is not the current one', () => {
    assert.ok(chooseRollback(history, 'production', '5', 'acme/shop').ok);
    const failed = chooseRollback(history, 'production', '6', 'acme/shop');
    assert.ok(!failed.ok);
    assert.match(failed.error.message, /never succeeded/);
    const current = chooseRollback(history, 'production', '9', 'acme/shop');
    assert.ok(!current.ok);
    assert.match(current.error.message, /is what production runs now/);
    const unknown = chooseRollback(history, 'production', '99', 'acme/shop');
    assert.ok(!unknown.ok);
    assert.match(unknown.error.message, /deployment 99 is not among the deployments of production in acme\/shop/);
  });

  test('nothing earlier succeeded: nothing to do, naming the current deployment', () => {
    const r = chooseRollback([deployment('9', '2026-11-28T10:00:00Z', true), deployment('8', '2026-11-25T10:00:00Z', false)], 'production', undefined, 'acme/shop');
    assert.ok(!r.ok);
    assert.equal(r.error.kind, 'nothing-to-do');
    assert.match(r.error.message, /no successful deployment before the current one, a1b2c3d/);
  });

  test('an inactive deployment that succeeded before still counts', () => {
    const inactive = { ...deployment('7', '2026-11-20T10:00:00Z', true), state: 'inactive' as const };
    const r = chooseRollback([deployment('9', '2026-11-28T10:00:00Z', true), inactive], 'production', undefined, 'acme/shop');
    assert.ok(r.ok);
    assert.equal(r.value.to.id, '7');
  });
});

describe('job logs', () => {
  test('ANSI colours, cursor moves and terminal titles go; everything else stays', () => {
    const log = '2026-12-01T09:00:00Z \u001b[36;1mRun make\u001b[0m\n\u001b]0;title\u0007\u001b[2K\u001b[31;1m##[error]exit 1\u001b[0m\nplain [brackets] stay\n';
    assert.equal(stripAnsi(log), '2026-12-01T09:00:00Z Run make\n##[error]exit 1\nplain [brackets] stay\n');
  });
});

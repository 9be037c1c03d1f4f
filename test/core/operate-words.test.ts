// The words the sidebar, status bar and notifications use (src/vscode/views/words.ts, no `vscode`).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Deployment, Job, PendingApproval, Run } from '../../src/core/operate/model';
import { approvalSummary, deploymentSummary, jobSummary, relativeTime, runSummary, runTitle, waitsFor } from '../../src/vscode/views/words';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const SHA = '4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f70';

const run: Run = {
  id: '9001', number: 42, title: 'Gift cards', pipeline: { name: 'Deploy', path: '.github/workflows/deploy.yml' },
  status: 'in_progress', conclusion: null, event: 'push', headSha: SHA, headBranch: 'main', createdAt: '2026-12-01T11:58:00Z',
};

describe('sidebar words', () => {
  test('relative times', () => {
    assert.equal(relativeTime('2026-12-01T11:59:40Z', NOW), 'just now');
    assert.equal(relativeTime('2026-12-01T11:55:00Z', NOW), '5 min ago');
    assert.equal(relativeTime('2026-12-01T09:00:00Z', NOW), '3 h ago');
    assert.equal(relativeTime('2026-11-30T12:00:00Z', NOW), '1 day ago');
    assert.equal(relativeTime('2026-10-01T12:00:00Z', NOW), '2026-10-01');
    assert.equal(relativeTime('not a time', NOW), '');
  });

  test('runs and jobs', () => {
    assert.equal(runTitle(run), 'Deploy #42');
    assert.equal(runSummary(run, NOW), 'in progress · main 4d5e6f7 · push · 2 min ago');
    const job: Job = { id: '1', runId: '9001', name: 'build', status: 'completed', conclusion: 'success', startedAt: '2026-12-01T11:58:00Z', completedAt: '2026-12-01T11:59:05Z' };
    assert.equal(jobSummary(job, NOW), 'succeeded in 1 min 05 s');
    assert.equal(jobSummary({ ...job, status: 'in_progress', conclusion: null, completedAt: undefined }, NOW), 'in progress for 2 min 00 s');
    assert.equal(jobSummary({ ...job, status: 'queued', conclusion: null, startedAt: undefined }, NOW), 'queued');
  });

  test('deployments: a replaced one says so; the ref is left out when it is the sha', () => {
    const d: Deployment = { id: '7', environment: 'production', ref: 'main', sha: SHA, state: 'inactive', createdAt: '2026-12-01T10:00:00Z', creator: { login: 'mona' } };
    assert.equal(deploymentSummary(d, NOW), 'main 4d5e6f7 · replaced · mona · 2 h ago');
    assert.equal(deploymentSummary({ ...d, ref: SHA, state: 'failure', creator: undefined }, NOW), '4d5e6f7 · failed · 2 h ago');
  });

  test('what a run waits for, and a pending approval', () => {
    const pending: PendingApproval[] = [
      { id: '9001/1', runId: '9001', environment: { id: '1', name: 'production-eu' }, canApprove: true, reviewers: [{ kind: 'team', id: '3', name: 'Release managers' }], requiredApprovals: 1, waitTimerMinutes: 0, since: '2026-12-01T11:50:00Z', run: { number: 42, title: 'Gift cards', headSha: SHA, headBranch: 'main' } },
      { id: '9001/2', runId: '9001', environment: { id: '2', name: 'production-us' }, canApprove: true, reviewers: [{ kind: 'user', id: '5', name: 'mona' }, { kind: 'user', id: '6', name: 'octocat' }], requiredApprovals: 1, waitTimerMinutes: 5 },
    ];
    assert.equal(waitsFor(pending), 'production-eu (approval by Release managers), production-us (approval by mona or octocat, then a 5-minute wait timer)');
    assert.equal(approvalSummary(pending[0], NOW), 'Gift cards · run #42 · 4d5e6f7 on main · waiting 10 min 00 s');
    assert.equal(approvalSummary(pending[1], NOW), 'run 9001');
    assert.equal(approvalSummary(pending[0], NOW, false), 'Gift cards · 4d5e6f7 on main · waiting 10 min 00 s');
  });
});

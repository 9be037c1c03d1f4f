// The designer overlay's content: which run a choice shows, each node's status from that run's
// jobs (a matrix node: its instances' worst state and their count), and the environments' gates.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { EnvironmentStatus, Job, ProtectionRules, Run, RunDetail } from '../../src/core/operate/model';
import { chosenRunId, overlayEnvironments, overlayNodes, overlaySpanMs } from '../../src/core/operate/overlay';
import { parsePipeline } from '../../src/core/parse';
import { dedent } from '../helpers/text';

const WORKFLOW = dedent`
  on: push
  jobs:
    build:
      runs-on: ubuntu-latest
      strategy:
        matrix:
          node: [20, 22, 24]
      steps: [{ run: make }]
    deploy:
      needs: build
      runs-on: ubuntu-latest
      environment: production
      steps: [{ run: make deploy }]
    notify:
      runs-on: ubuntu-latest
      environment: { name: staging }
      steps: [{ run: echo }]
`;

function run(id: string, branch: string | null, createdAt: string): Run {
  return { id, title: `run ${id}`, pipeline: { path: '.github/workflows/deploy.yml' }, status: 'completed', conclusion: 'success', event: 'push', headSha: 'a'.repeat(40), headBranch: branch, createdAt };
}

function job(id: string, name: string, status: Job['status'], conclusion: Job['conclusion'], startedAt?: string, completedAt?: string): Job {
  return { id, runId: '1', name, status, conclusion, ...(startedAt ? { startedAt } : {}), ...(completedAt ? { completedAt } : {}) };
}

const RULES: ProtectionRules = { reviewers: [], requiredApprovals: 0, preventSelfReview: false, waitTimerMinutes: 0, branchPolicy: 'all', otherChecks: [] };

describe('which run a designer shows', () => {
  const runs = [run('3', 'feature/x', '2026-12-01T09:03:00Z'), run('2', 'main', '2026-12-01T09:02:00Z'), run('1', 'main', '2026-12-01T09:01:00Z')];

  test('latest: the newest on the checked-out branch; the newest of all when the branch is unknown', () => {
    assert.equal(chosenRunId(runs, { kind: 'latest' }, 'main'), '2');
    assert.equal(chosenRunId(runs, { kind: 'latest' }, undefined), '3');
    assert.equal(chosenRunId(runs, { kind: 'latest' }, 'release/1.4'), undefined);
  });

  test('a chosen run stays chosen, listed or not; none shows none', () => {
    assert.equal(chosenRunId(runs, { kind: 'run', runId: '1' }, 'main'), '1');
    assert.equal(chosenRunId(runs, { kind: 'run', runId: '77' }, 'main'), '77');
    assert.equal(chosenRunId(runs, { kind: 'none' }, 'main'), undefined);
  });
});

describe('node statuses from a run', () => {
  const graph = parsePipeline(WORKFLOW, { dialect: 'github' });

  test('a matrix node shows its instances\' worst state and their count; spans from first start to last end', () => {
    const detail: RunDetail = {
      run: run('1', 'main', '2026-12-01T09:00:00Z'),
      jobs: [
        job('11', 'build (20)', 'completed', 'success', '2026-12-01T09:00:10Z', '2026-12-01T09:01:00Z'),
        job('12', 'build (22)', 'completed', 'failure', '2026-12-01T09:00:20Z', '2026-12-01T09:02:00Z'),
        job('13', 'build (24)', 'in_progress', null, '2026-12-01T09:00:30Z'),
        job('21', 'deploy', 'waiting', null),
        job('31', 'someone else', 'queued', null),
      ],
      pending: [],
      reviews: [],
    };
    const nodes = overlayNodes(graph, detail, Date.parse('2026-12-01T09:03:00Z'));
    assert.deepEqual(Object.keys(nodes).sort(), ['build', 'deploy']);
    assert.equal(nodes.build.light, 'failure');
    assert.equal(nodes.build.count, 3);
    assert.deepEqual(nodes.build.jobs.map((j) => [j.id, j.light]), [['11', 'success'], ['12', 'failure'], ['13', 'in_progress']]);
    // One instance still runs: no end yet, the span grows with the clock.
    assert.equal(nodes.build.endedAt, undefined);
    assert.equal(overlaySpanMs(nodes.build, Date.parse('2026-12-01T09:03:00Z')), 170_000);
    assert.deepEqual([nodes.deploy.light, nodes.deploy.count, nodes.deploy.startedAt], ['waiting', 1, undefined]);
    assert.equal(overlaySpanMs(nodes.deploy, 0), undefined);
  });

  test('a finished node spans its first start to its last end', () => {
    const detail: RunDetail = {
      run: run('1', 'main', '2026-12-01T09:00:00Z'),
      jobs: [job('21', 'deploy', 'completed', 'success', '2026-12-01T09:00:00Z', '2026-12-01T09:00:45Z')],
      pending: [],
      reviews: [],
    };
    const nodes = overlayNodes(graph, detail, Date.parse('2026-12-02T00:00:00Z'));
    assert.equal(overlaySpanMs(nodes.deploy, Date.parse('2026-12-02T00:00:00Z')), 45_000);
  });
});

describe('environment gates', () => {
  test('only the environments the graph deploys to; required reviewers make a gate', () => {
    const graph = parsePipeline(WORKFLOW, { dialect: 'github' });
    const env = (name: string, protection: ProtectionRules): EnvironmentStatus => ({ environment: { id: name, name, protection }, latest: null });
    const reviewers = { ...RULES, reviewers: [{ kind: 'team' as const, id: '301', name: 'release-managers' }], requiredApprovals: 1, waitTimerMinutes: 5 };
    const out = overlayEnvironments(graph, [env('production', reviewers), env('staging', RULES), env('elsewhere', reviewers)]);
    assert.deepEqual(Object.keys(out), ['production', 'staging']);
    assert.equal(out.production.gated, true);
    assert.equal(out.production.rules.waitTimerMinutes, 5);
    assert.equal(out.staging.gated, false);
  });
});

// Placing a run's jobs on the designer's graph by the names the platform gives them.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { canMapJobs, mapJobsToNodes, nodeRunStatuses } from '../../src/core/operate/jobNodes';
import type { Conclusion, Job, RunStatus } from '../../src/core/operate/model';
import { parsePipeline } from '../../src/core/parse';
import { dedent } from '../helpers/text';

let nextId = 1;
function job(name: string, status: RunStatus = 'completed', conclusion: Conclusion | null = 'success', times: Partial<Job> = {}): Job {
  return { id: String(nextId++), runId: '1', name, status, conclusion: status === 'completed' ? conclusion : null, ...times };
}

function placed(yaml: string, names: string[], dialect: 'github' | 'gitlab' = 'github'): Record<string, string | null> {
  const map = mapJobsToNodes(parsePipeline(yaml, { dialect }), names.map((n) => job(n)));
  const out: Record<string, string | null> = {};
  for (const [nodeId, jobs] of map.byNode) for (const j of jobs) out[j.name] = nodeId;
  for (const j of map.unmatched) out[j.name] = null;
  return out;
}

const WORKFLOW = dedent`
  on: push
  jobs:
    build:
      runs-on: ubuntu-latest
      strategy:
        matrix:
          os: [ubuntu-latest, windows-latest]
          node: [20, 22]
      steps: [{ run: make }]
    lint:
      name: Lint and type-check
      runs-on: ubuntu-latest
      steps: [{ run: make lint }]
    deploy:
      name: Deploy \${{ matrix.region }}
      needs: [build, lint]
      strategy:
        matrix:
          region: [eu-west-1, us-east-1]
      runs-on: ubuntu-latest
      steps: [{ run: make deploy }]
    release:
      needs: deploy
      uses: ./.github/workflows/release.yml
    notify:
      name: Notify (chat)
      runs-on: ubuntu-latest
      steps: [{ run: echo done }]
`;

describe('GitHub job names onto node ids', () => {
  test('the job key, the name: value, matrix instances, evaluated expressions and reusable-workflow callers', () => {
    assert.deepEqual(
      placed(WORKFLOW, [
        'build (ubuntu-latest, 20)',
        'build (windows-latest, 22)',
        'Lint and type-check',
        'Deploy eu-west-1',
        'Deploy us-east-1',
        'release / publish',
        'release / announce (slack)',
        'Notify (chat)',
      ]),
      {
        'build (ubuntu-latest, 20)': 'build',
        'build (windows-latest, 22)': 'build',
        'Lint and type-check': 'lint',
        'Deploy eu-west-1': 'deploy',
        'Deploy us-east-1': 'deploy',
        'release / publish': 'release',
        'release / announce (slack)': 'release',
        'Notify (chat)': 'notify',
      },
    );
  });

  test('a job key is not a name when the job has a name: (GitHub shows only the name)', () => {
    assert.deepEqual(placed(WORKFLOW, ['lint', 'notify']), { lint: null, notify: null });
  });

  test('a matrix caller of a reusable workflow, and nested callers, belong to the outer caller', () => {
    const yaml = dedent`
      on: push
      jobs:
        call:
          strategy:
            matrix:
              target: [a, b]
          uses: ./.github/workflows/inner.yml
    `;
    assert.deepEqual(placed(yaml, ['call (a) / build', 'call (b) / deep / test (x)']), {
      'call (a) / build': 'call',
      'call (b) / deep / test (x)': 'call',
    });
  });

  test('names two nodes share, and names of jobs no longer in the file, stay unmatched', () => {
    const yaml = dedent`
      on: push
      jobs:
        one:
          name: Check
          runs-on: ubuntu-latest
          steps: [{ run: a }]
        two:
          name: Check
          runs-on: ubuntu-latest
          steps: [{ run: b }]
    `;
    assert.deepEqual(placed(yaml, ['Check', 'gone']), { Check: null, gone: null });
  });

  test('a literal name that looks like a matrix instance wins over the instance reading', () => {
    assert.deepEqual(placed(WORKFLOW, ['Notify (chat)']), { 'Notify (chat)': 'notify' });
  });
});

describe('GitLab job names onto node ids', () => {
  test('parallel and matrix instances belong to their job', () => {
    const yaml = dedent`
      stages: [test]
      rspec:
        stage: test
        parallel: 3
        script: rspec
      build:
        stage: test
        parallel:
          matrix:
            - RUBY: ["3.2", "3.3"]
        script: make
    `;
    assert.deepEqual(placed(yaml, ['rspec 1/3', 'rspec 3/3', 'build: [3.3]', 'rspec'], 'gitlab'), {
      'rspec 1/3': 'rspec',
      'rspec 3/3': 'rspec',
      'build: [3.3]': 'build',
      rspec: 'rspec',
    });
  });

  test('Azure has no name reading yet and says so', () => {
    assert.equal(canMapJobs('github'), true);
    assert.equal(canMapJobs('gitlab'), true);
    assert.equal(canMapJobs('azure'), false);
  });
});

describe('node status for the overlay', () => {
  test('a matrix node shows the worst state of its instances, their count and their span', () => {
    const graph = parsePipeline(WORKFLOW, { dialect: 'github' });
    const jobs = [
      job('build (ubuntu-latest, 20)', 'completed', 'success', { startedAt: '2026-12-01T10:00:00Z', completedAt: '2026-12-01T10:02:00Z' }),
      job('build (windows-latest, 22)', 'in_progress', null, { startedAt: '2026-12-01T10:01:00Z' }),
      job('Deploy eu-west-1', 'completed', 'failure', { startedAt: '2026-12-01T10:05:00Z', completedAt: '2026-12-01T10:06:00Z' }),
      job('Deploy us-east-1', 'completed', 'success', { startedAt: '2026-12-01T10:05:00Z', completedAt: '2026-12-01T10:07:00Z' }),
      job('Lint and type-check', 'waiting', null),
    ];
    const statuses = nodeRunStatuses(mapJobsToNodes(graph, jobs), Date.parse('2026-12-01T10:04:00Z'));
    assert.deepEqual(
      [...statuses].map(([id, s]) => [id, s.light, s.count, s.durationMs]),
      [
        ['build', 'in_progress', 2, 4 * 60_000],
        ['deploy', 'failure', 2, 2 * 60_000],
        ['lint', 'waiting', 1, undefined],
      ],
    );
  });
});

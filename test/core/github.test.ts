// Hand-checked GitHub Actions graphs. Line numbers in expectations count from the first line of
// each dedented YAML block.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hasSyntaxErrors, toPublicJson, type GraphNode, type PipelineGraph } from '../../src/core/model';
import { parsePipeline } from '../../src/core/parse';
import { nodeOf } from '../helpers/graphs';
import { dedent } from '../helpers/text';

function github(text: string): PipelineGraph {
  return parsePipeline(text, { dialect: 'github' });
}

describe('needs', () => {
  const fanOutFanIn = dedent`
    name: CI
    on: push
    jobs:
      build:
        runs-on: ubuntu-latest
        steps:
          - run: make
      unit:
        needs: build
        runs-on: ubuntu-latest
        steps:
          - run: npm test
      lint:
        needs: [build]
        runs-on: ubuntu-latest
        steps:
          - run: npx eslint .
      package:
        name: Package
        needs:
          - unit
          - lint
        runs-on: ubuntu-latest
        steps:
          - run: docker build .
  `;

  test('scalar and list needs give one explicit edge per reference (fan-out, fan-in)', () => {
    assert.deepEqual(toPublicJson(github(fanOutFanIn)), {
      dialect: 'github',
      nodes: [
        { id: 'build', name: 'build', kind: 'build', range: { startLine: 4, endLine: 7 } },
        { id: 'unit', name: 'unit', kind: 'test', range: { startLine: 8, endLine: 12 } },
        { id: 'lint', name: 'lint', kind: 'test', range: { startLine: 13, endLine: 17 } },
        { id: 'package', name: 'Package', kind: 'build', range: { startLine: 18, endLine: 25 } },
      ],
      edges: [
        { from: 'build', to: 'unit', implicit: false },
        { from: 'build', to: 'lint', implicit: false },
        { from: 'unit', to: 'package', implicit: false },
        { from: 'lint', to: 'package', implicit: false },
      ],
      errors: [],
    });
  });

  test('each edge records where its reference is written', () => {
    const positions = github(fanOutFanIn).edges.map((e) => `${e.from}→${e.to}@${e.line}:${e.column}`);
    assert.deepEqual(positions, ['build→unit@9:12', 'build→lint@14:13', 'unit→package@21:9', 'lint→package@22:9']);
  });

  test('title, offsets and the workflow without problems', () => {
    const graph = github(fanOutFanIn);
    assert.equal(graph.title, 'CI');
    assert.deepEqual(graph.lanes, []);
    assert.deepEqual(graph.problems, []);
    const lint = nodeOf(graph, 'lint');
    const slice = fanOutFanIn.slice(lint.offsets[0], lint.offsets[1]);
    assert.ok(slice.startsWith('lint:'), slice);
    assert.ok(slice.endsWith('- run: npx eslint .'), slice);
  });

  test('an unknown needs target is an unresolved edge and an error at the reference', () => {
    const graph = github(dedent`
      on: push
      jobs:
        build:
          runs-on: ubuntu-latest
          steps: [{ run: make }]
        deploy:
          needs: [build, biuld]
          runs-on: ubuntu-latest
          steps: [{ run: ./deploy.sh }]
    `);
    const ghost = graph.edges.find((e) => e.from === 'biuld');
    assert.deepEqual(ghost, { from: 'biuld', to: 'deploy', implicit: false, unresolved: true, line: 7, column: 20 });
    assert.deepEqual(toPublicJson(graph).errors, [
      { message: '"deploy" depends on "biuld", which is not defined in this file', line: 7, column: 20 },
    ]);
  });

  test('a cycle is reported once, at the first reference inside it, with the path', () => {
    const graph = github(dedent`
      on: push
      jobs:
        a:
          needs: c
          runs-on: ubuntu-latest
        b:
          needs: a
          runs-on: ubuntu-latest
        c:
          needs: b
          runs-on: ubuntu-latest
    `);
    assert.deepEqual(toPublicJson(graph).errors, [{ message: 'dependency cycle: a → b → c → a', line: 4, column: 12 }]);
    assert.ok(graph.edges.every((e) => e.cyclic === true));
  });

  test('a job that needs itself is a cycle', () => {
    const graph = github('on: push\njobs:\n  loop:\n    runs-on: ubuntu-latest\n    needs: [loop]\n');
    assert.deepEqual(toPublicJson(graph).errors, [{ message: 'dependency cycle: loop → loop', line: 5, column: 13 }]);
  });

  test('a job listed twice in needs gives one edge and a warning', () => {
    const graph = github('on: push\njobs:\n  a:\n    runs-on: x\n  b:\n    runs-on: x\n    needs: [a, a]\n');
    assert.equal(graph.edges.length, 1);
    assert.deepEqual(
      graph.problems.map((p) => [p.severity, p.line, p.column, p.message]),
      [['warning', 7, 16, 'job "b" lists "a" in needs more than once']],
    );
  });

  test('${{ }} in needs is not guessed at: no edge, the job is read-only', () => {
    const graph = github('on: push\njobs:\n  a:\n    runs-on: x\n  b:\n    runs-on: x\n    needs: [a, "${{ inputs.after }}"]\n');
    assert.deepEqual(graph.edges.map((e) => e.from), ['a']);
    const b = nodeOf(graph, 'b');
    assert.deepEqual(b.marks, ['template-expression']);
    assert.equal(b.readOnlyReason, 'it uses `${{ }}` expressions that are only evaluated when the pipeline runs');
    assert.deepEqual(toPublicJson(graph).errors, []);
  });

  test('needs that is a mapping is a structure error, not an edge', () => {
    const graph = github('on: push\njobs:\n  a:\n    runs-on: x\n    needs: {job: b}\n');
    assert.deepEqual(graph.edges, []);
    assert.deepEqual(toPublicJson(graph).errors, [{ message: '"needs" of job "a" must be a job id or a list of job ids', line: 5, column: 12 }]);
  });
});

describe('node details', () => {
  test('environment as a name and as {name, url}', () => {
    const graph = github(dedent`
      on: push
      jobs:
        staging:
          runs-on: ubuntu-latest
          environment: staging
          steps: [{ run: ./deploy.sh staging }]
        production:
          runs-on: ubuntu-latest
          environment:
            name: production
            url: https://example.com
          steps: [{ run: ./deploy.sh production }]
    `);
    const staging = nodeOf(graph, 'staging');
    const production = nodeOf(graph, 'production');
    assert.deepEqual([staging.environment, staging.environmentUrl, staging.kind], ['staging', undefined, 'deploy']);
    assert.deepEqual([production.environment, production.environmentUrl, production.kind], ['production', 'https://example.com', 'deploy']);
  });

  test('name: is the display name only when it is a plain string', () => {
    const graph = github('on: push\njobs:\n  a:\n    name: Build it\n    runs-on: x\n  b:\n    name: [not, a, name]\n    runs-on: x\n');
    assert.deepEqual(graph.nodes.map((n) => n.name), ['Build it', 'b']);
  });

  test('a job calling a reusable workflow is read-only with a reason', () => {
    const graph = github(dedent`
      on: push
      jobs:
        release:
          uses: ./.github/workflows/release.yml
          with: { version: 1.2.3 }
          secrets: inherit
    `);
    const release = nodeOf(graph, 'release');
    assert.deepEqual(release.marks, ['reusable-workflow']);
    assert.match(release.readOnlyReason ?? '', /reusable workflow/);
    assert.equal(toPublicJson(graph).nodes[0].readOnly, true);
    assert.deepEqual(graph.problems, []);
  });

  test('strategy.matrix marks the job as a matrix expansion, not as a deployment strategy', () => {
    const graph = github(dedent`
      on: push
      jobs:
        test:
          strategy:
            matrix:
              node: [18, 20, 22]
          runs-on: ubuntu-latest
          steps: [{ run: npm test }]
        ship:
          strategy:
            matrix:
              region: [eu, us]
          environment: production
          runs-on: ubuntu-latest
          steps: [{ run: kubectl set image deploy/app app=img:2 }]
    `);
    const job = nodeOf(graph, 'test');
    assert.deepEqual([job.strategy, job.marks, job.kind], [undefined, ['matrix'], 'test']);
    const ship = nodeOf(graph, 'ship');
    assert.deepEqual([ship.strategy, ship.marks, ship.kind], [undefined, ['matrix'], 'deploy']);
    assert.deepEqual(toPublicJson(graph).nodes[0], {
      id: 'test', name: 'test', kind: 'test', readOnly: true, marks: ['matrix'], range: { startLine: 3, endLine: 8 },
    });
  });

  test('if: failure() on a job with an environment makes it a rollback; !failure() does not', () => {
    const graph = github(dedent`
      on: push
      jobs:
        undo:
          if: failure()
          environment: production
          runs-on: ubuntu-latest
          steps: [{ run: ./restore.sh }]
        redo:
          if: \${{ !failure() }}
          environment: production
          runs-on: ubuntu-latest
          steps: [{ run: ./restore.sh }]
    `);
    assert.deepEqual(graph.nodes.map((n) => n.kind), ['rollback', 'deploy']);
  });

  test('anchors and aliases are read through and marked', () => {
    const graph = github(dedent`
      on: push
      jobs:
        unit:
          runs-on: ubuntu-latest
          steps: &test-steps
            - run: npm test
        unit-again:
          runs-on: ubuntu-latest
          steps: *test-steps
    `);
    const unit = nodeOf(graph, 'unit');
    const again = nodeOf(graph, 'unit-again');
    assert.deepEqual(unit.marks, ['anchor']);
    assert.deepEqual(again.marks, ['alias']);
    // The alias is followed: the copied steps still make it a test job.
    assert.equal(again.kind, 'test');
    assert.match(again.readOnlyReason ?? '', /alias/);
  });

  test('needs through an alias are edges positioned at the alias', () => {
    const graph = github('on: push\njobs:\n  a:\n    runs-on: x\n  b:\n    runs-on: x\n    needs: &after [a]\n  c:\n    runs-on: x\n    needs: *after\n');
    assert.deepEqual(graph.edges.map((e) => `${e.from}→${e.to}@${e.line}:${e.column}`), ['a→b@7:20', 'a→c@10:12']);
  });
});

describe('gates and strategies', () => {
  test('a trstringer/manual-approval step is a manual gate with its approvers', () => {
    const graph = github(dedent`
      on: push
      jobs:
        approve:
          runs-on: ubuntu-latest
          steps:
            - uses: trstringer/manual-approval@v1
              with:
                approvers: alice, bob
                issue-title: Deploy to production?
    `);
    const approve = nodeOf(graph, 'approve');
    assert.equal(approve.kind, 'approval-gate');
    assert.deepEqual(approve.gate, { kind: 'manual', approvers: ['alice', 'bob'], instructions: 'Deploy to production?' });
  });

  test('a job that only sleeps is a delayed gate; a sleep among real work is not', () => {
    const graph = github(dedent`
      on: push
      jobs:
        bake:
          runs-on: ubuntu-latest
          steps:
            - run: echo "letting staging bake"
            - run: sleep 30m
        deploy:
          runs-on: ubuntu-latest
          steps:
            - run: |
                ./deploy.sh
                sleep 10
    `);
    assert.deepEqual(nodeOf(graph, 'bake').gate, { kind: 'delayed', after: '30 minutes' });
    assert.equal(nodeOf(graph, 'bake').kind, 'approval-gate');
    assert.equal(nodeOf(graph, 'deploy').gate, undefined);
  });

  test('a deploy strategy is shown only where the steps state it, and only on deploy jobs', () => {
    const graph = github(dedent`
      on: push
      jobs:
        weights:
          environment: production
          runs-on: ubuntu-latest
          steps:
            - run: >-
                kubectl patch rollout app --type merge
                -p '{"spec":{"strategy":{"canary":{"steps":[{"setWeight":10}]}}}}'
        switch:
          environment: production
          runs-on: ubuntu-latest
          steps:
            - name: Point the service at the idle colour
              run: kubectl patch service app -p '{"spec":{"selector":{"color":"green"}}}'
        named:
          environment: production
          runs-on: ubuntu-latest
          steps: [{ name: Switch blue-green slot, run: ./switch.sh }]
        surge:
          environment: production
          runs-on: ubuntu-latest
          steps:
            - run: kubectl patch deploy app -p '{"spec":{"strategy":{"type":"RollingUpdate"}}}'
        set-image:
          environment: production
          runs-on: ubuntu-latest
          steps:
            - run: |
                kubectl set image deploy/app app=img:2
                kubectl rollout status deploy/app
        argo:
          environment: production
          runs-on: ubuntu-latest
          steps: [{ run: kubectl argo rollouts set image app app=img:2 }]
        helm:
          environment: production
          runs-on: ubuntu-latest
          steps: [{ run: helm upgrade --install app ./chart }]
        tidy-up:
          environment: production
          runs-on: ubuntu-latest
          steps: [{ run: kubectl delete deployment app-canary }]
        watch-health:
          runs-on: ubuntu-latest
          steps: [{ run: kubectl rollout status deploy/app }]
    `);
    assert.deepEqual(
      graph.nodes.map((n) => [n.id, n.kind, n.strategy]),
      [
        ['weights', 'deploy', 'canary'],
        ['switch', 'deploy', 'blue-green'],
        ['named', 'deploy', 'blue-green'],
        ['surge', 'deploy', 'rolling'],
        // These roll out however the Deployment or Rollout is configured, which the file does not say.
        ['set-image', 'deploy', undefined],
        ['argo', 'deploy', undefined],
        ['helm', 'deploy', undefined],
        ['tidy-up', 'deploy', undefined],
        ['watch-health', 'verify', undefined],
      ],
    );
  });

  test('kinds of a realistic Build → Test → Staging → Approve → Production → Verify → Rollback workflow', () => {
    const workflow = dedent`
      name: Deliver
      on:
        push:
          branches: [main]
      jobs:
        build:
          runs-on: ubuntu-latest
          steps:
            - uses: actions/checkout@v4
            - uses: docker/build-push-action@v6
              with: { push: true, tags: "ghcr.io/acme/app:\${{ github.sha }}" }
        test:
          needs: build
          runs-on: ubuntu-latest
          steps:
            - uses: actions/checkout@v4
            - run: npm ci && npm test
        deploy-staging:
          needs: test
          environment: staging
          runs-on: ubuntu-latest
          steps:
            - run: kubectl set image deploy/app app=ghcr.io/acme/app:\${{ github.sha }}
        approve:
          needs: deploy-staging
          runs-on: ubuntu-latest
          steps:
            - uses: trstringer/manual-approval@v1
              with: { approvers: release-team, secret: "\${{ github.TOKEN }}" }
        deploy-production:
          needs: approve
          environment:
            name: production
            url: https://acme.example
          runs-on: ubuntu-latest
          steps:
            - run: kubectl argo rollouts set image app app=ghcr.io/acme/app:\${{ github.sha }}
        verify:
          needs: deploy-production
          runs-on: ubuntu-latest
          steps:
            - run: curl -fsS --retry 5 https://acme.example/health
        rollback:
          needs: [deploy-production, verify]
          if: failure()
          runs-on: ubuntu-latest
          steps:
            - run: kubectl rollout undo deploy/app
    `;
    assert.deepEqual(toPublicJson(github(workflow)), {
      dialect: 'github',
      nodes: [
        { id: 'build', name: 'build', kind: 'build', range: { startLine: 6, endLine: 11 } },
        { id: 'test', name: 'test', kind: 'test', range: { startLine: 12, endLine: 17 } },
        { id: 'deploy-staging', name: 'deploy-staging', kind: 'deploy', environment: 'staging', range: { startLine: 18, endLine: 23 } },
        { id: 'approve', name: 'approve', kind: 'approval-gate', gate: 'manual', range: { startLine: 24, endLine: 29 } },
        { id: 'deploy-production', name: 'deploy-production', kind: 'deploy', environment: 'production', range: { startLine: 30, endLine: 37 } },
        { id: 'verify', name: 'verify', kind: 'verify', range: { startLine: 38, endLine: 42 } },
        { id: 'rollback', name: 'rollback', kind: 'rollback', range: { startLine: 43, endLine: 48 } },
      ],
      edges: [
        { from: 'build', to: 'test', implicit: false },
        { from: 'test', to: 'deploy-staging', implicit: false },
        { from: 'deploy-staging', to: 'approve', implicit: false },
        { from: 'approve', to: 'deploy-production', implicit: false },
        { from: 'deploy-production', to: 'verify', implicit: false },
        { from: 'deploy-production', to: 'rollback', implicit: false },
        { from: 'verify', to: 'rollback', implicit: false },
      ],
      errors: [],
    });
  });
});

describe('files that are not well-formed workflows', () => {
  const cases: { label: string; text: string; errors: { message: string; line: number; column: number }[] }[] = [
    { label: 'empty file', text: '', errors: [] },
    { label: 'only a comment', text: '# nothing yet\n', errors: [] },
    {
      label: 'a scalar',
      text: 'hello\n',
      errors: [{ message: 'a GitHub Actions workflow must be a mapping at the top level (name:, on:, jobs:)', line: 1, column: 1 }],
    },
    {
      label: 'a list',
      text: '- a\n- b\n',
      errors: [{ message: 'a GitHub Actions workflow must be a mapping at the top level (name:, on:, jobs:)', line: 1, column: 1 }],
    },
    { label: 'no jobs', text: 'on: push\n', errors: [{ message: 'the workflow has no `jobs:` mapping', line: 1, column: 1 }] },
    {
      label: 'jobs is empty',
      text: 'on: push\njobs:\n',
      errors: [{ message: '`jobs:` is empty: a workflow needs at least one job', line: 2, column: 1 }],
    },
    {
      label: 'jobs is a list',
      text: 'on: push\njobs:\n  - build\n',
      errors: [{ message: '`jobs:` must be a mapping of job ids to jobs', line: 3, column: 3 }],
    },
    {
      label: 'a job is a scalar',
      text: 'on: push\njobs:\n  build: make\n',
      errors: [{ message: 'job "build" must be a mapping (runs-on:, steps:, …)', line: 3, column: 10 }],
    },
    {
      label: 'a job with nothing under it',
      text: 'on: push\njobs:\n  build:\n',
      errors: [{ message: 'job "build" must be a mapping (runs-on:, steps:, …)', line: 3, column: 3 }],
    },
    {
      label: 'an invalid job id',
      text: 'on: push\njobs:\n  2build:\n    runs-on: x\n',
      errors: [{ message: 'job id "2build" is not valid: it must start with a letter or _ and hold only letters, digits, - and _', line: 3, column: 3 }],
    },
  ];
  for (const c of cases) {
    test(`${c.label}: no throw, positioned structure errors`, () => {
      const graph = github(c.text);
      assert.equal(graph.dialect, 'github');
      assert.deepEqual(toPublicJson(graph).errors, c.errors);
      assert.ok(graph.problems.every((p) => p.source === 'structure'));
    });
  }

  test('a job that is a scalar is still a node, so jobs needing it resolve', () => {
    const graph = github('on: push\njobs:\n  build: make\n  test:\n    runs-on: x\n    needs: build\n');
    assert.deepEqual(graph.nodes.map((n) => n.id), ['build', 'test']);
    assert.deepEqual(graph.edges.map((e) => e.unresolved), [undefined]);
  });

  test('duplicate job ids keep the first job and report an error that still shows the graph', () => {
    const graph = github('on: push\njobs:\n  a:\n    runs-on: x\n  a:\n    runs-on: y\n');
    assert.deepEqual(graph.nodes.map((n) => [n.id, n.range.startLine]), [['a', 3]]);
    assert.deepEqual(graph.problems.map((p) => [p.severity, p.source, p.line, p.column]), [['error', 'structure', 5, 3]]);
    assert.match(graph.problems[0].message, /duplicate key "a"/);
    assert.equal(hasSyntaxErrors(graph), false);
  });

  test('a job with neither runs-on nor uses is a warning', () => {
    const graph = github('on: push\njobs:\n  a:\n    steps: [{ run: make }]\n');
    assert.deepEqual(graph.problems.map((p) => [p.severity, p.line, p.column, p.message]), [
      ['warning', 3, 3, 'job "a" has neither runs-on: nor uses:'],
    ]);
  });

  const broken = [
    'jobs:\n  build:\n    runs-on: [ubuntu\n  test:\n    needs: build\n',
    'jobs:\n  build:\n    steps:\n      - run: "unterminated\n',
    '{{{',
    'jobs: {a: {needs: [b, }, b: ',
    'jobs:\n  a:\n    needs: *nowhere\n',
    '\t\tjobs:\n',
    '---\n---\njobs: 3\n...\n',
  ];
  for (const [i, text] of broken.entries()) {
    test(`syntax-broken YAML #${i + 1} gives a graph and positioned syntax errors`, () => {
      const graph = github(text);
      const lineCount = text.split('\n').length;
      assert.ok(graph.problems.length > 0, 'expected at least one problem');
      for (const p of graph.problems) assert.ok(p.line >= 1 && p.line <= lineCount && p.column >= 1, `${p.line}:${p.column} ${p.message}`);
      for (const e of graph.edges) assert.ok(graph.nodes.some((n) => n.id === e.to));
    });
  }
});

describe('inspector settings: runs-on, if, timeout-minutes', () => {
  const workflow = dedent`
    on: push
    jobs:
      build:
        runs-on: ubuntu-latest
        if: github.ref == 'refs/heads/main'
        timeout-minutes: 30
        steps:
          - run: make
      matrixed:
        runs-on: [self-hosted, linux]
        steps:
          - run: make
  `;

  test('plain values are read as written', () => {
    const node = nodeOf(github(workflow), 'build');
    assert.deepEqual([node.runner, node.condition, node.timeout], ['ubuntu-latest', "github.ref == 'refs/heads/main'", '30']);
  });

  test('a runner that is not one value, and absent settings, stay undefined', () => {
    const node = nodeOf(github(workflow), 'matrixed');
    assert.deepEqual([node.runner, node.condition, node.timeout], [undefined, undefined, undefined]);
  });

  test('the public JSON does not carry them', () => {
    const json = toPublicJson(github(workflow));
    for (const n of json.nodes) for (const key of ['runner', 'condition', 'timeout']) assert.equal(key in n, false, key);
  });
});

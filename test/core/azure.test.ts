// Hand-checked Azure Pipelines graphs. Line numbers in expectations count from the first line of
// each dedented YAML block.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { toPublicJson, type GraphEdge, type GraphNode, type PipelineGraph } from '../../src/core/model';
import { parsePipeline } from '../../src/core/parse';
import { nodeOf } from '../helpers/graphs';
import { dedent } from '../helpers/text';

function azure(text: string): PipelineGraph {
  return parsePipeline(text, { dialect: 'azure' });
}

function edgePairs(graph: PipelineGraph): string[] {
  return graph.edges.map((e) => `${e.from} -> ${e.to}${e.implicit ? ' (implicit)' : ''}`);
}

function edgeInto(graph: PipelineGraph, from: string, to: string): GraphEdge {
  const edge = graph.edges.find((e) => e.from === from && e.to === to);
  assert.ok(edge, `no edge ${from} -> ${to} in ${edgePairs(graph).join(', ')}`);
  return edge;
}

function errorsOf(graph: PipelineGraph): string[] {
  return graph.problems.filter((p) => p.severity === 'error').map((p) => `${p.line}:${p.column} ${p.message}`);
}

describe('stage dependencies', () => {
  test('a stage without dependsOn waits for the stage before it; the first waits for none', () => {
    const graph = azure(dedent`
      stages:
      - stage: Build
        jobs:
        - job: Compile
          steps:
          - script: make
      - stage: Test
        displayName: Run the tests
        jobs:
        - job: Unit
          steps:
          - script: make test
      - stage: Package
        jobs:
        - job: Zip
          steps:
          - script: zip -r out.zip dist
    `);
    assert.deepEqual(toPublicJson(graph), {
      dialect: 'azure',
      nodes: [
        { id: 'Build', name: 'Build', kind: 'build', range: { startLine: 2, endLine: 6 } },
        { id: 'Build/Compile', name: 'Compile', kind: 'build', stage: 'Build', range: { startLine: 4, endLine: 6 } },
        { id: 'Test', name: 'Run the tests', kind: 'test', range: { startLine: 7, endLine: 12 } },
        { id: 'Test/Unit', name: 'Unit', kind: 'test', stage: 'Test', range: { startLine: 10, endLine: 12 } },
        { id: 'Package', name: 'Package', kind: 'build', range: { startLine: 13, endLine: 17 } },
        { id: 'Package/Zip', name: 'Zip', kind: 'other', stage: 'Package', range: { startLine: 15, endLine: 17 } },
      ],
      edges: [
        { from: 'Build', to: 'Test', implicit: true },
        { from: 'Test', to: 'Package', implicit: true },
      ],
      errors: [],
      // The stages again, in their order, as lanes (GitLab's have no node): named as displayed.
      lanes: [
        { id: 'Build', name: 'Build', implicit: false },
        { id: 'Test', name: 'Run the tests', implicit: false },
        { id: 'Package', name: 'Package', implicit: false },
      ],
    });
    assert.deepEqual(
      graph.nodes.map((n) => [n.id, n.role]),
      [['Build', 'stage'], ['Build/Compile', 'job'], ['Test', 'stage'], ['Test/Unit', 'job'], ['Package', 'stage'], ['Package/Zip', 'job']],
    );
  });

  const explicit = dedent`
    stages:
    - stage: A
      jobs:
      - job: a
        steps:
        - script: echo a
    - stage: B
      dependsOn: A
      jobs:
      - job: b
        steps:
        - script: echo b
    - stage: C
      dependsOn:
      - A
      - B
      jobs:
      - job: c
        steps:
        - script: echo c
    - stage: D
      dependsOn: []
      jobs:
      - job: d
        steps:
        - script: echo d
    - stage: E
      dependsOn: [B, D]
      jobs:
      - job: e
        steps:
        - script: echo e
  `;

  test('dependsOn as a string, a block list, [] and a flow list', () => {
    const graph = azure(explicit);
    assert.deepEqual(toPublicJson(graph).edges, [
      { from: 'A', to: 'B', implicit: false },
      { from: 'A', to: 'C', implicit: false },
      { from: 'B', to: 'C', implicit: false },
      { from: 'B', to: 'E', implicit: false },
      { from: 'D', to: 'E', implicit: false },
    ]);
    assert.deepEqual(errorsOf(graph), []);
  });

  test('explicit edges carry the line and column of each reference', () => {
    const graph = azure(explicit);
    const at = (from: string, to: string) => {
      const e = edgeInto(graph, from, to);
      return `${e.line}:${e.column}`;
    };
    assert.equal(at('A', 'B'), '8:14');
    assert.equal(at('A', 'C'), '15:5');
    assert.equal(at('B', 'C'), '16:5');
    assert.equal(at('B', 'E'), '28:15');
    assert.equal(at('D', 'E'), '28:18');
  });

  test('an unknown stage in dependsOn is an unresolved edge and an error at the reference', () => {
    const graph = azure(dedent`
      stages:
      - stage: Build
        jobs:
        - job: Compile
          steps:
          - script: make
      - stage: Deploy
        dependsOn:
        - Build
        - Tset
        jobs:
        - job: Ship
          steps:
          - script: ./ship.sh
    `);
    const edge = edgeInto(graph, 'Tset', 'Deploy');
    assert.equal(edge.unresolved, true);
    assert.deepEqual(toPublicJson(graph).errors, [
      { message: '"Deploy" depends on "Tset", which is not defined in this file', line: 10, column: 5 },
    ]);
  });

  test('a dependency cycle is reported once, at a reference, and its edges are marked', () => {
    const graph = azure(dedent`
      stages:
      - stage: A
        dependsOn: C
        jobs:
        - job: a
          steps:
          - script: echo a
      - stage: B
        dependsOn: A
        jobs:
        - job: b
          steps:
          - script: echo b
      - stage: C
        dependsOn: B
        jobs:
        - job: c
          steps:
          - script: echo c
    `);
    const cycles = graph.problems.filter((p) => p.source === 'cycle');
    assert.equal(cycles.length, 1);
    assert.match(cycles[0].message, /A → B → C → A/);
    assert.deepEqual([cycles[0].line, cycles[0].column], [3, 14]);
    assert.deepEqual(graph.edges.map((e) => e.cyclic), [true, true, true]);
  });

  test('a template file (parameters, nothing that starts it) names stages of the pipeline that uses it: a warning, not an error', () => {
    const template = dedent`
      parameters:
      - name: env
        type: string
      stages:
      - stage: Publish
        dependsOn: Build
        jobs:
        - job: push
          steps: [{script: echo}]
    `;
    assert.deepEqual(azure(template).problems.map((p) => [p.severity, p.line, p.column, p.message]), [
      ['warning', 6, 14, '"Publish" depends on "Build", which is not defined in this file (it may come from the pipeline that uses this template)'],
    ]);
    // Runtime parameters of a pipeline that says what starts it: its own names, an error.
    const pipeline = azure(`trigger: [main]\n${template}`);
    assert.deepEqual(pipeline.problems.map((p) => [p.severity, p.message]), [['error', '"Publish" depends on "Build", which is not defined in this file']]);
  });
});

describe('job dependencies inside a stage', () => {
  const graph = azure(dedent`
    stages:
    - stage: CI
      jobs:
      - job: Lint
        steps:
        - script: npm run lint
      - job: Unit
        steps:
        - script: npm test
      - job: Bundle
        dependsOn:
        - Lint
        - Unit
        steps:
        - script: npm run build
      - job: Docs
        steps:
        - script: npm run docs
  `);

  test('dependsOn names jobs of the same stage; without it, jobs run in parallel', () => {
    assert.deepEqual(edgePairs(graph), ['CI/Lint -> CI/Bundle', 'CI/Unit -> CI/Bundle']);
    assert.deepEqual(
      [edgeInto(graph, 'CI/Lint', 'CI/Bundle').line, edgeInto(graph, 'CI/Lint', 'CI/Bundle').column],
      [12, 7],
    );
  });

  test('jobs belong to their stage node', () => {
    const jobs = graph.nodes.filter((n) => n.role === 'job');
    assert.deepEqual(jobs.map((n) => n.stage), ['CI', 'CI', 'CI', 'CI']);
  });

  test('an unknown job in dependsOn is an error named with the stage', () => {
    const broken = azure(dedent`
      stages:
      - stage: CI
        jobs:
        - job: Bundle
          dependsOn: Lnt
          steps:
          - script: npm run build
    `);
    assert.deepEqual(toPublicJson(broken).errors, [
      { message: '"CI/Bundle" depends on "CI/Lnt", which is not defined in this file', line: 5, column: 16 },
    ]);
  });
});

describe('pipelines without stages', () => {
  test('top-level jobs use the job name alone as id, and have no lanes', () => {
    const graph = azure(dedent`
      jobs:
      - job: Build
        steps:
        - script: dotnet build
      - job: Test
        dependsOn: Build
        steps:
        - script: dotnet test
    `);
    assert.deepEqual(toPublicJson(graph), {
      dialect: 'azure',
      nodes: [
        { id: 'Build', name: 'Build', kind: 'build', range: { startLine: 2, endLine: 4 } },
        { id: 'Test', name: 'Test', kind: 'test', range: { startLine: 5, endLine: 8 } },
      ],
      edges: [{ from: 'Build', to: 'Test', implicit: false }],
      errors: [],
    });
    assert.deepEqual(graph.lanes, []);
  });

  test('top-level steps are one job that Azure calls Job', () => {
    const graph = azure(dedent`
      trigger:
      - main
      pool:
        vmImage: ubuntu-latest
      steps:
      - script: npm ci
      - script: npm test
        displayName: Test
    `);
    assert.deepEqual(toPublicJson(graph), {
      dialect: 'azure',
      nodes: [{ id: 'Job', name: 'Job', kind: 'test', range: { startLine: 5, endLine: 8 } }],
      edges: [],
      errors: [],
    });
    assert.equal(nodeOf(graph, 'Job').role, 'job');
  });

  test('top-level steps with a matrix are read-only; a matrix is not a deployment strategy', () => {
    const graph = azure(dedent`
      strategy:
        matrix:
          linux: { image: ubuntu-latest }
          windows: { image: windows-latest }
      steps:
      - script: make
    `);
    const job = nodeOf(graph, 'Job');
    assert.equal(job.strategy, undefined);
    assert.deepEqual(job.marks, ['matrix']);
  });
});

describe('deployments', () => {
  test('runOnce, rolling and canary strategies, with each environment form', () => {
    const graph = azure(dedent`
      jobs:
      - deployment: Web
        environment: staging
        strategy:
          runOnce:
            deploy:
              steps:
              - script: ./deploy.sh web
      - deployment: Vms
        environment: production.web-vms
        strategy:
          rolling:
            maxParallel: 2
            deploy:
              steps:
              - script: ./deploy.sh vm
      - deployment: Cluster
        environment:
          name: production
          resourceType: Kubernetes
          resourceName: shop
        strategy:
          canary:
            increments: [10, 20]
            deploy:
              steps:
              - task: KubernetesManifest@1
                inputs:
                  action: deploy
                  strategy: canary
    `);
    const summary = toPublicJson(graph).nodes.map((n) => [n.id, n.kind, n.environment, n.strategy]);
    assert.deepEqual(summary, [
      ['Web', 'deploy', 'staging', 'runOnce'],
      ['Vms', 'deploy', 'production', 'rolling'],
      ['Cluster', 'deploy', 'production', 'canary'],
    ]);
    assert.deepEqual(graph.nodes.map((n) => n.marks), [[], [], []]);
  });

  test('a template expression as environment is kept whole and makes the job read-only', () => {
    const graph = azure(dedent`
      parameters:
      - name: env
        type: string
      jobs:
      - deployment: Deploy
        environment: \${{ parameters.env }}
        strategy:
          runOnce:
            deploy:
              steps:
              - script: ./deploy.sh
    `);
    const job = nodeOf(graph, 'Deploy');
    assert.equal(job.environment, '${{ parameters.env }}');
    assert.deepEqual(job.marks, ['template-expression']);
    assert.ok(job.readOnlyReason);
  });

  test('a runtime $(variable) environment is shown as written and stays editable', () => {
    const graph = azure(dedent`
      jobs:
      - deployment: Deploy
        environment: $(targetEnvironment).web
        strategy:
          runOnce:
            deploy:
              steps:
              - script: ./deploy.sh
    `);
    const job = nodeOf(graph, 'Deploy');
    assert.equal(job.environment, '$(targetEnvironment).web');
    assert.deepEqual(job.marks, []);
  });

  test('an on: failure hook does not turn a deploy into a rollback', () => {
    const graph = azure(dedent`
      jobs:
      - deployment: Deploy
        environment: production
        strategy:
          runOnce:
            deploy:
              steps:
              - script: kubectl apply -f k8s/
            on:
              failure:
                steps:
                - script: kubectl rollout undo deployment/web
    `);
    assert.equal(nodeOf(graph, 'Deploy').kind, 'deploy');
  });

  test('rejecting a canary with KubernetesManifest is a rollback', () => {
    const graph = azure(dedent`
      jobs:
      - deployment: RejectCanary
        environment: production
        strategy:
          runOnce:
            deploy:
              steps:
              - task: KubernetesManifest@1
                inputs:
                  action: reject
                  strategy: canary
    `);
    assert.equal(nodeOf(graph, 'RejectCanary').kind, 'rollback');
  });

  test('a job strategy matrix or parallel multiplies the job: marked, read-only, not a deployment strategy', () => {
    const graph = azure(dedent`
      jobs:
      - job: Test
        strategy:
          matrix:
            node18: { version: 18 }
            node20: { version: 20 }
        steps:
        - script: npm test
      - job: Shards
        strategy:
          parallel: 4
        steps:
        - script: npm test
    `);
    for (const id of ['Test', 'Shards']) {
      assert.equal(nodeOf(graph, id).strategy, undefined);
      assert.deepEqual(nodeOf(graph, id).marks, ['matrix']);
    }
    assert.equal(toPublicJson(graph).nodes[0].readOnly, true);
    assert.deepEqual(toPublicJson(graph).nodes[0].marks, ['matrix']);
  });
});

describe('gates', () => {
  test('ManualValidation in an agentless job: approvers from notifyUsers, and instructions', () => {
    const graph = azure(dedent`
      stages:
      - stage: Approve
        jobs:
        - job: WaitForApproval
          pool: server
          timeoutInMinutes: 4320
          steps:
          - task: ManualValidation@0
            inputs:
              notifyUsers: |
                ops@example.com, lead@example.com
                [Contoso]\\Release Approvers
              instructions: Check the staging dashboards, then resume.
              onTimeout: reject
    `);
    const job = nodeOf(graph, 'Approve/WaitForApproval');
    assert.equal(job.kind, 'approval-gate');
    assert.deepEqual(job.gate, {
      kind: 'approvers',
      approvers: ['ops@example.com', 'lead@example.com', '[Contoso]\\Release Approvers'],
      instructions: 'Check the staging dashboards, then resume.',
    });
    const stage = nodeOf(graph, 'Approve');
    assert.equal(stage.kind, 'approval-gate');
    assert.deepEqual(stage.gate, job.gate);
  });

  test('ManualValidation@1 is a gate too', () => {
    const graph = azure(dedent`
      jobs:
      - job: Hold
        pool: server
        steps:
        - task: ManualValidation@1
          inputs:
            notifyUsers: qa@example.com
    `);
    assert.deepEqual(nodeOf(graph, 'Hold').gate, { kind: 'approvers', approvers: ['qa@example.com'] });
  });

  test('Delay@1 is a timed gate', () => {
    const graph = azure(dedent`
      jobs:
      - job: Soak
        pool: server
        steps:
        - task: Delay@1
          inputs:
            delayForMinutes: '30'
    `);
    const job = nodeOf(graph, 'Soak');
    assert.deepEqual(job.gate, { kind: 'delayed', after: '30 minutes' });
    assert.equal(job.kind, 'approval-gate');
    assert.equal(toPublicJson(graph).nodes[0].gate, 'delayed');
  });
});

describe('opaque constructs', () => {
  const templated = dedent`
    parameters:
    - name: runE2E
      type: boolean
      default: true
    stages:
    - stage: Build
      jobs:
      - template: jobs/build.yml@templates
        parameters:
          configuration: Release
      - template: jobs/build.yml@templates
        parameters:
          configuration: Debug
    - template: stages/scan.yml
    - \${{ if eq(parameters.runE2E, true) }}:
      - stage: E2E
        jobs:
        - job: Cypress
          steps:
          - script: npx cypress run
    - \${{ else }}:
      - stage: E2E
        jobs:
        - job: Skip
          steps:
          - script: echo skipped
    - stage: Release
      jobs:
      - job: Publish
        steps:
        - script: ./publish.sh
  `;

  test('template items and conditional stages are all shown, read-only, with stable ids', () => {
    const graph = azure(templated);
    const nodes = toPublicJson(graph).nodes.map((n) => [n.id, n.readOnly ?? false]);
    assert.deepEqual(nodes, [
      ['Build', false],
      ['Build/template:jobs/build.yml@templates', true],
      ['Build/template:jobs/build.yml@templates#2', true],
      ['template:stages/scan.yml', true],
      ['E2E', true],
      ['E2E/Cypress', true],
      ['E2E#2', true],
      ['E2E#2/Skip', true],
      ['Release', false],
      ['Release/Publish', false],
    ]);
    assert.deepEqual(nodeOf(graph, 'template:stages/scan.yml').marks, ['template']);
    assert.equal(nodeOf(graph, 'template:stages/scan.yml').role, 'stage');
    assert.equal(nodeOf(graph, 'template:stages/scan.yml').kind, 'security-scan');
    assert.deepEqual(nodeOf(graph, 'E2E').marks, ['template-expression']);
    assert.match(nodeOf(graph, 'Build/template:jobs/build.yml@templates').readOnlyReason ?? '', /jobs\/build\.yml@templates/);
    assert.deepEqual(errorsOf(graph), []);
  });

  test('if and else branches both follow the stage before them; the next stage follows both', () => {
    const graph = azure(templated);
    assert.deepEqual(edgePairs(graph), [
      'Build -> template:stages/scan.yml (implicit)',
      'template:stages/scan.yml -> E2E (implicit)',
      'template:stages/scan.yml -> E2E#2 (implicit)',
      'E2E -> Release (implicit)',
      'E2E#2 -> Release (implicit)',
    ]);
    assert.deepEqual(graph.lanes.map((l) => l.id), ['Build', 'template:stages/scan.yml', 'E2E', 'E2E#2', 'Release']);
  });

  test('a stage named by a template expression keeps the expression as its id', () => {
    const graph = azure(dedent`
      parameters:
      - name: stageName
        default: Deploy
      stages:
      - stage: \${{ parameters.stageName }}
        dependsOn: \${{ parameters.after }}
        jobs:
        - job: Run
          steps:
          - script: ./run.sh
    `);
    const stage = nodeOf(graph, '${{ parameters.stageName }}');
    assert.deepEqual(stage.marks, ['template-expression']);
    assert.ok(nodeOf(graph, '${{ parameters.stageName }}/Run'));
    assert.deepEqual(graph.edges, [], 'a templated dependsOn gives no edge and no error');
    assert.deepEqual(errorsOf(graph), []);
  });

  test('${{ if }} keys inside a job mark that job and leave its stage editable', () => {
    const graph = azure(dedent`
      stages:
      - stage: Build
        jobs:
        - job: Compile
          steps:
          - \${{ if eq(variables.sign, true) }}:
            - script: ./sign.sh
          - script: make
        - job: Docs
          steps:
          - script: make docs
    `);
    assert.deepEqual(nodeOf(graph, 'Build/Compile').marks, ['template-expression']);
    assert.deepEqual(nodeOf(graph, 'Build/Docs').marks, []);
    assert.deepEqual(nodeOf(graph, 'Build').marks, []);
  });

  test('a dependency on a job that may come from a template is a warning, not an error', () => {
    const graph = azure(dedent`
      stages:
      - stage: Deploy
        jobs:
        - template: jobs/plan.yml
          parameters:
            jobName: Plan
        - job: Apply
          dependsOn: Plan
          steps:
          - script: terraform apply
    `);
    assert.deepEqual(errorsOf(graph), []);
    const warning = graph.problems.find((p) => p.severity === 'warning' && p.source === 'reference');
    assert.ok(warning);
    assert.deepEqual([warning.line, warning.column], [8, 16]);
    assert.deepEqual(graph.edges, []);
  });

  test('extends: a file mark; the stages it is given are shown read-only', () => {
    const graph = azure(dedent`
      resources:
        repositories:
        - repository: templates
          type: git
          name: platform/pipeline-templates
      extends:
        template: v1/Official.yml@templates
        parameters:
          stages:
          - stage: Build
            jobs:
            - job: Compile
              steps:
              - script: make
          - stage: Test
            jobs:
            - job: Unit
              steps:
              - script: make test
    `);
    assert.deepEqual(graph.fileMarks, [{ mark: 'extends', detail: 'v1/Official.yml@templates', line: 6 }]);
    assert.deepEqual(graph.nodes.map((n) => [n.id, n.marks]), [
      ['Build', ['extends']],
      ['Build/Compile', ['extends']],
      ['Test', ['extends']],
      ['Test/Unit', ['extends']],
    ]);
    assert.deepEqual(edgePairs(graph), ['Build -> Test (implicit)']);
  });

  test('issue #10: extends with nothing passed to draw: the file mark, and a warning saying why (in --json too)', () => {
    const graph = azure(dedent`
      extends:
        template: templates/pipeline.yml
        parameters:
          runTests: true
    `);
    assert.deepEqual(graph.nodes, []);
    assert.deepEqual(graph.fileMarks.map((m) => m.mark), ['extends']);
    const message = 'the pipeline is handed to the template `templates/pipeline.yml` in `extends:`, and none of its parameters is a list of stages or jobs: nothing to draw';
    assert.deepEqual(toPublicJson(graph).warnings, [{ message, line: 3, column: 3 }]);
    assert.deepEqual(toPublicJson(graph).errors, []);
  });

  test('a file of nothing to draw says why: a variables template as what it is, anything else as missing its jobs', () => {
    const warnings = (text: string) => azure(text).problems.map((p) => `${p.line}:${p.column} ${p.severity} ${p.message}`);
    assert.deepEqual(warnings('parameters:\n- name: config\n  default: release\nvariables:\n  config: ${{ parameters.config }}\n'), [
      '1:1 warning a variables template (only `variables:`, no `stages:`, `jobs:` or `steps:`): nothing to draw',
    ]);
    assert.deepEqual(warnings('variables:\n  config: release\ntrigger: none\n'), ['1:1 warning no `stages:`, `jobs:` or `steps:`: nothing to draw']);
  });

  test('issue #10: extends passing the stages under a parameter name of the template\'s own draws them read-only', () => {
    const graph = azure(dedent`
      extends:
        template: pipeline.yml@templates
        parameters:
          environment: prod
          pipelineStages:
            - stage: Build
              jobs:
                - job: Compile
                  steps:
                    - script: make
            - stage: Deploy
              jobs:
                - deployment: Ship
                  environment: prod
                  strategy: {runOnce: {deploy: {steps: [{script: ./ship}]}}}
    `);
    const json = toPublicJson(graph);
    assert.deepEqual(json.nodes.map((n) => `${n.id} ${(n.marks ?? []).join(',')}`), ['Build extends', 'Build/Compile extends', 'Deploy extends', 'Deploy/Ship extends']);
    assert.deepEqual(edgePairs(graph), ['Build -> Deploy (implicit)']);
    assert.equal(json.warnings, undefined);
    // Jobs passed the same way.
    const jobs = azure(dedent`
      extends:
        template: jobs.yml
        parameters:
          buildJobs:
            - job: A
              steps: [{script: a}]
            - job: B
              dependsOn: A
              steps: [{script: b}]
    `);
    assert.deepEqual(jobs.nodes.map((n) => n.id), ['A', 'B']);
    assert.deepEqual(edgePairs(jobs), ['A -> B']);
  });

  test('YAML anchors and aliases mark the nodes that hold them', () => {
    const graph = azure(dedent`
      jobs:
      - job: A
        variables: &shared
          region: westeurope
        steps:
        - script: echo a
      - job: B
        variables: *shared
        steps:
        - script: echo b
    `);
    assert.deepEqual(nodeOf(graph, 'A').marks, ['anchor']);
    assert.deepEqual(nodeOf(graph, 'B').marks, ['alias']);
  });
});

describe('a realistic release pipeline', () => {
  const pipeline = dedent`
    name: Shop release
    trigger:
    - main
    stages:
    - stage: Build
      jobs:
      - job: Build
        pool:
          vmImage: ubuntu-latest
        steps:
        - task: Docker@2
          inputs:
            command: buildAndPush
            repository: shop/web
    - stage: Test
      jobs:
      - job: UnitTests
        steps:
        - script: npm test
      - job: ImageScan
        steps:
        - script: trivy image shop/web:$(Build.BuildId)
    - stage: Staging
      jobs:
      - deployment: DeployStaging
        environment: staging
        strategy:
          runOnce:
            deploy:
              steps:
              - task: KubernetesManifest@1
                inputs:
                  action: deploy
    - stage: Approve
      jobs:
      - job: WaitForApproval
        pool: server
        steps:
        - task: ManualValidation@0
          inputs:
            notifyUsers: release-managers@example.com
            instructions: Approve the production rollout
    - stage: Production
      jobs:
      - deployment: DeployProduction
        environment: production.shop
        strategy:
          canary:
            increments: [10, 50]
            deploy:
              steps:
              - task: KubernetesManifest@1
                inputs:
                  action: deploy
            on:
              failure:
                steps:
                - script: kubectl rollout undo deployment/shop
    - stage: Verify
      jobs:
      - job: HealthCheck
        steps:
        - script: curl -fsS https://shop.example.com/healthz
    - stage: Rollback
      dependsOn: Verify
      condition: failed()
      jobs:
      - job: Undo
        steps:
        - script: kubectl rollout undo deployment/shop
  `;

  test('stages, kinds, environments, gate, strategy and edges', () => {
    const graph = azure(pipeline);
    assert.equal(graph.title, 'Shop release');
    const stages = toPublicJson(graph).nodes.filter((n) => !n.stage);
    assert.deepEqual(stages, [
      { id: 'Build', name: 'Build', kind: 'build', range: { startLine: 5, endLine: 14 } },
      { id: 'Test', name: 'Test', kind: 'test', range: { startLine: 15, endLine: 22 } },
      { id: 'Staging', name: 'Staging', kind: 'deploy', environment: 'staging', strategy: 'runOnce', range: { startLine: 23, endLine: 33 } },
      { id: 'Approve', name: 'Approve', kind: 'approval-gate', gate: 'approvers', range: { startLine: 34, endLine: 42 } },
      { id: 'Production', name: 'Production', kind: 'deploy', environment: 'production', strategy: 'canary', range: { startLine: 43, endLine: 58 } },
      { id: 'Verify', name: 'Verify', kind: 'verify', range: { startLine: 59, endLine: 63 } },
      { id: 'Rollback', name: 'Rollback', kind: 'rollback', range: { startLine: 64, endLine: 70 } },
    ]);
    assert.deepEqual(
      graph.nodes.filter((n) => n.role === 'job').map((n) => [n.id, n.kind]),
      [
        ['Build/Build', 'build'],
        ['Test/UnitTests', 'test'],
        ['Test/ImageScan', 'security-scan'],
        ['Staging/DeployStaging', 'deploy'],
        ['Approve/WaitForApproval', 'approval-gate'],
        ['Production/DeployProduction', 'deploy'],
        ['Verify/HealthCheck', 'verify'],
        ['Rollback/Undo', 'rollback'],
      ],
    );
    assert.deepEqual(edgePairs(graph), [
      'Build -> Test (implicit)',
      'Test -> Staging (implicit)',
      'Staging -> Approve (implicit)',
      'Approve -> Production (implicit)',
      'Production -> Verify (implicit)',
      'Verify -> Rollback',
    ]);
    assert.deepEqual(graph.problems, []);
    assert.ok(graph.nodes.every((n) => n.marks.length === 0), 'plain YAML is editable');
  });

  test('node offsets cover the node text', () => {
    const graph = azure(pipeline);
    const slice = (id: string) => pipeline.slice(...nodeOf(graph, id).offsets);
    assert.match(slice('Approve'), /^stage: Approve\n[\s\S]*Approve the production rollout$/);
    assert.match(slice('Test/ImageScan'), /^job: ImageScan\n[\s\S]*trivy image shop\/web:\$\(Build\.BuildId\)$/);
  });
});

describe('structure problems', () => {
  test('duplicate and invalid stage names, a stage without jobs, a non-stage item', () => {
    const graph = azure(dedent`
      stages:
      - stage: Build
        jobs:
        - job: A
          steps:
          - script: echo
      - stage: Build
        jobs:
        - job: B
          steps:
          - script: echo
      - stage: deploy-prod
        jobs:
        - job: C
          steps:
          - script: echo
      - stage: Empty
      - job: Misplaced
        steps:
        - script: echo
    `);
    assert.deepEqual(errorsOf(graph), [
      '7:10 stage "Build" is defined more than once',
      '12:10 stage name "deploy-prod" may only contain letters, digits and _, and may not start with a digit',
      '17:3 stage "Empty" has no jobs',
      '18:3 expected a stage: `- stage: <name>` or `- template: <file>`',
    ]);
    assert.ok(nodeOf(graph, 'Build#2'), 'the second Build is still drawn');
    assert.ok(graph.problems.every((p) => p.source !== 'structure' || p.line > 0));
  });

  test('a stage whose jobs are not a list, and an empty item, are reported where they are', () => {
    const graph = azure(dedent`
      stages:
      - stage: Build
        jobs: compile
      - {}
    `);
    assert.deepEqual(errorsOf(graph), [
      '3:9 `jobs` must be a list of jobs',
      '4:3 expected a stage: `- stage: <name>` or `- template: <file>`',
    ]);
  });

  test('a run-number name is not a title', () => {
    assert.equal(azure('name: $(Date:yyyyMMdd)$(Rev:.r)\nsteps:\n- script: echo\n').title, undefined);
  });

  test('a file with no stages, jobs or steps is a warning, not an error', () => {
    const graph = azure('variables:\n  region: westeurope\n');
    assert.deepEqual(graph.nodes, []);
    assert.deepEqual(graph.problems.map((p) => [p.severity, p.source]), [['warning', 'structure']]);
  });
});

describe('malformed input never throws', () => {
  const inputs: [string, string][] = [
    ['empty', ''],
    ['only a comment', '# nothing here\n'],
    ['a scalar', 'just text'],
    ['a list of scalars', '- a\n- b\n'],
    ['broken syntax', 'stages:\n- stage: A\n  jobs: [\n'],
    ['stages is a string', 'stages: build\n'],
    ['stages is a map', 'stages:\n  build: {}\n'],
    ['stage items of every shape', 'stages:\n- build\n- [a, b]\n- stage:\n- stage: {x: 1}\n  jobs: 3\n- {}\n- null\n'],
    ['jobs of every shape', 'jobs:\n- job:\n- deployment: D\n  environment: {}\n  strategy: rolling\n- job: J\n  dependsOn: {a: 1}\n  steps: 7\n- 42\n'],
    ['gate inputs missing', 'jobs:\n- job: G\n  steps:\n  - task: ManualValidation@0\n  - task: Delay@1\n    inputs: 5\n'],
    ['templates without paths', 'stages:\n- template:\n- template: {a: 1}\njobs:\n- template:\n'],
    ['unclosed expression key', 'stages:\n- ${{ if eq(1, 1) }:\n  - stage: A\n'],
    ['else without if', 'stages:\n- ${{ else }}:\n  - stage: A\n    jobs:\n    - job: a\n'],
    ['aliases to nowhere', 'stages:\n- *missing\n'],
    ['duplicate keys', 'stages:\n- stage: A\n  stage: B\n'],
    ['tabs and garbage', '\tstages:\n\t- stage: ]]]\n'],
    ['extends as a scalar', 'extends: templates/x.yml\n'],
    ['extends parameters as a list', 'extends:\n  template: t.yml\n  parameters: [1, 2]\n'],
  ];
  for (const [label, text] of inputs) {
    test(label, () => {
      const graph = azure(text);
      assert.equal(graph.dialect, 'azure');
      for (const p of graph.problems) assert.ok(p.line >= 1 && p.column >= 1, `${label}: ${p.message} at ${p.line}:${p.column}`);
      const ids = graph.nodes.map((n) => n.id);
      assert.equal(new Set(ids).size, ids.length, `${label}: duplicate ids ${ids.join(', ')}`);
    });
  }

  test('a broken file reports its syntax error, not a second structure message', () => {
    const graph = azure('- a\n  b: [\n');
    assert.ok(graph.problems.some((p) => p.source === 'syntax'));
    assert.ok(!graph.problems.some((p) => p.source === 'structure'));
  });
});

describe('inspector settings: pool, condition, timeoutInMinutes', () => {
  const pipeline = dedent`
    stages:
    - stage: Build
      pool: linux-agents
      condition: succeeded()
      jobs:
      - job: Compile
        pool:
          vmImage: ubuntu-latest
        condition: eq(variables.run, 'yes')
        timeoutInMinutes: 45
        steps:
        - script: make
      - job: Named
        pool:
          name: big-pool
          demands: docker
        steps:
        - script: make
  `;

  test('jobs: pool name or vmImage, condition and timeout as written', () => {
    const graph = azure(pipeline);
    const compile = nodeOf(graph, 'Build/Compile');
    assert.deepEqual([compile.runner, compile.condition, compile.timeout], ['ubuntu-latest', "eq(variables.run, 'yes')", '45']);
    assert.equal(nodeOf(graph, 'Build/Named').runner, 'big-pool');
  });

  test('a stage has its own pool and condition but no timeout', () => {
    const stage = nodeOf(azure(pipeline), 'Build');
    assert.deepEqual([stage.runner, stage.condition, stage.timeout], ['linux-agents', 'succeeded()', undefined]);
  });

  test('the public JSON does not carry them', () => {
    for (const n of toPublicJson(azure(pipeline)).nodes) assert.equal('runner' in n || 'condition' in n || 'timeout' in n, false);
  });
});

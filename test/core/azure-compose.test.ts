// An Azure pipeline with its templates, composed from in-memory files.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { composeAzureGraph } from '../../src/core/dialects/azure/compose/compose';
import { MAX_TEMPLATE_DEPTH, MAX_TEMPLATE_FILES } from '../../src/core/dialects/azure/compose/expand';
import type { ProjectFiles } from '../../src/core/compose/projectFiles';
import { globMatcher } from '../../src/core/dialects/gitlab/compose/glob';
import { hasSyntaxErrors, toPublicJson, type PipelineGraph } from '../../src/core/model';
import { parsePipeline } from '../../src/core/parse';
import { dedent } from '../helpers/text';

function project(files: Record<string, string>): ProjectFiles {
  return { readFile: (path) => files[path], listFiles: (glob) => Object.keys(files).filter(globMatcher(glob)) };
}

function compose(files: Record<string, string>, root = 'azure-pipelines.yml'): PipelineGraph {
  return composeAzureGraph(root, files[root], project(files));
}

const nodes = (g: PipelineGraph) => g.nodes.map((n) => `${n.id}${n.file ? ` @${n.file}` : ''}${n.marks.length > 0 ? ` [${n.marks.join(',')}]` : ''}`);
const edges = (g: PipelineGraph) => g.edges.map((e) => `${e.from}->${e.to}${e.implicit ? ' (implicit)' : ''}`);
const messages = (g: PipelineGraph) => g.problems.map((p) => `${p.file ?? ''}:${p.line}: ${p.message}`);

describe('Azure templates', () => {
  test('stage and job templates with parameters: names, files and positions from the template', () => {
    const g = compose({
      'azure-pipelines.yml': dedent`
        stages:
        - template: templates/build.yml
          parameters:
            platform: linux
        - stage: Deploy
          dependsOn: Build_linux
          jobs:
          - template: jobs/deploy.yml
            parameters: {env: prod}
      `,
      'templates/build.yml': dedent`
        parameters:
        - name: platform
          type: string
        stages:
        - stage: Build_\${{ parameters.platform }}
          displayName: Build on \${{ parameters.platform }}
          jobs:
          - job: compile
            steps:
            - script: make
      `,
      'jobs/deploy.yml': dedent`
        parameters:
          env: dev
        jobs:
        - deployment: to_\${{ parameters.env }}
          environment: \${{ parameters.env }}
          strategy:
            runOnce:
              deploy:
                steps:
                - script: ./deploy.sh
      `,
    });
    assert.deepEqual(nodes(g), ['Build_linux @templates/build.yml', 'Build_linux/compile @templates/build.yml', 'Deploy', 'Deploy/to_prod @jobs/deploy.yml']);
    assert.deepEqual(edges(g), ['Build_linux->Deploy']);
    assert.equal(g.nodes[0].name, 'Build on linux');
    assert.deepEqual(g.nodes[0].range, { startLine: 5, endLine: 10 });
    assert.equal(g.nodes[3].environment, 'prod');
    assert.equal(g.nodes[3].kind, 'deploy');
    assert.deepEqual(messages(g), []);
  });

  test('several expressions in one value: each replaced; one that is not known leaves the value as written', () => {
    const g = compose({
      'azure-pipelines.yml': dedent`
        jobs:
        - template: jobs/build.yml
          parameters: {os: linux, arch: arm64}
      `,
      'jobs/build.yml': dedent`
        parameters:
          os: ''
          arch: ''
        jobs:
        - job: build_\${{ parameters.os }}_\${{ parameters.arch }}
          displayName: '\${{ parameters.os }}}} on \${{parameters.arch}}, not \${{ parameters.os'
          steps:
          - script: make
        - job: test_\${{ parameters.os }}_\${{ variables.flavour }}
          steps:
          - script: make test
      `,
    });
    assert.deepEqual(nodes(g), ['build_linux_arm64 @jobs/build.yml', 'test_${{ parameters.os }}_${{ variables.flavour }} @jobs/build.yml [template-expression]']);
    // Each expression ends at the first `}}` after it; an unclosed one stays as it is.
    assert.equal(g.nodes[0].name, 'linux}} on arm64, not ${{ parameters.os');
  });

  test('${{ if }} and ${{ each }} over literal values are expanded; what reads variables stays marked', () => {
    const g = compose({
      'azure-pipelines.yml': dedent`
        jobs:
        - template: matrix.yml
          parameters:
            targets: [linux, windows]
            publish: false
      `,
      'matrix.yml': dedent`
        parameters:
        - name: targets
          type: object
        - name: publish
          type: boolean
          default: true
        jobs:
        - \${{ each target in parameters.targets }}:
          - job: test_\${{ target }}
            steps: [{script: make test}]
        - \${{ if eq(parameters.publish, true) }}:
          - job: publish
            steps: [{script: ./publish.sh}]
        - \${{ else }}:
          - job: dry_run
            dependsOn: [test_linux, test_windows]
            steps: [{script: ./publish.sh --dry-run}]
        - \${{ if eq(variables['Build.Reason'], 'Manual') }}:
          - job: manual
            steps: [{script: echo}]
      `,
    });
    assert.deepEqual(nodes(g), ['test_linux @matrix.yml', 'test_windows @matrix.yml', 'dry_run @matrix.yml', 'manual @matrix.yml [template-expression]']);
    assert.deepEqual(edges(g), ['test_linux->dry_run', 'test_windows->dry_run']);
    assert.deepEqual(messages(g), []);
  });

  test('extends: a local template runs the stages the root passes, with its own around them', () => {
    const g = compose({
      'azure-pipelines.yml': dedent`
        name: Shop
        extends:
          template: pipelines/secure.yml
          parameters:
            stages:
            - stage: Build
              jobs: [{job: make, steps: [{script: make}]}]
      `,
      'pipelines/secure.yml': dedent`
        parameters:
        - name: stages
          type: stageList
        stages:
        - stage: Scan
          jobs: [{job: scan, steps: [{script: trivy fs .}]}]
        - \${{ each stage in parameters.stages }}:
          - \${{ stage }}
      `,
    });
    assert.equal(g.title, 'Shop');
    assert.deepEqual(nodes(g), ['Scan @pipelines/secure.yml', 'Scan/scan @pipelines/secure.yml', 'Build', 'Build/make']);
    assert.deepEqual(edges(g), ['Scan->Build (implicit)']);
    assert.deepEqual(g.fileMarks, [], 'no banner says the template read here is not expanded');
    assert.equal(g.nodes[2].readOnlyReason, undefined, 'the stage the root passes is edited in the root');
    assert.deepEqual(g.nodes[2].range, { startLine: 6, endLine: 7 }, 'the passed stage is in the root file');
  });

  test('templates of another repository stay read-only nodes named by what they point at', () => {
    const g = compose({
      'azure-pipelines.yml': dedent`
        resources:
          repositories: [{repository: shared, type: git, name: org/shared}]
        stages:
        - template: stages/build.yml@shared
        - template: stages/local.yml@self
      `,
      'stages/local.yml': 'stages:\n- stage: Local\n  jobs: [{job: a, steps: [{script: echo}]}]\n',
    });
    assert.deepEqual(nodes(g), ['template:stages/build.yml@shared [template]', 'Local @stages/local.yml', 'Local/a @stages/local.yml']);
    assert.equal(g.nodes[0].name, 'stages/build.yml@shared');
  });

  test('extends a template of another repository: one read-only node, never an empty graph', () => {
    const g = compose({ 'azure-pipelines.yml': 'extends:\n  template: v1/Official.yml@templates\n  parameters: {sdl: {}}\n' });
    assert.deepEqual(nodes(g), ['template:v1/Official.yml@templates [extends,template]']);
    assert.deepEqual(messages(g), []);
  });

  test('a missing template is a node marked missing and a problem where it is named', () => {
    const g = compose({
      'azure-pipelines.yml': dedent`
        stages:
        - stage: A
          jobs:
          - template: jobs/gone.yml
        - template: /stages/also-gone.yml
      `,
    });
    assert.deepEqual(nodes(g), ['A', 'A/template:jobs/gone.yml [template,missing]', 'template:/stages/also-gone.yml [template,missing]']);
    assert.deepEqual(messages(g), [
      ':4: template file jobs/gone.yml not found in the repository',
      ':5: template file stages/also-gone.yml not found in the repository',
    ]);
    assert.match(g.nodes[1].readOnlyReason!, /^it is defined in the template file `jobs\/gone.yml`, which is not in the repository$/);
  });

  test('a missing extends template is a node marked missing with its problem', () => {
    const g = compose({ 'azure-pipelines.yml': 'extends:\n  template: base.yml\n' });
    assert.deepEqual(nodes(g), ['template:base.yml [extends,template,missing]']);
    assert.deepEqual(messages(g), [':2: template file base.yml not found in the repository']);
  });

  test('paths are relative to the including file; a leading / starts at the repository root', () => {
    const g = compose({
      'azure-pipelines.yml': 'stages:\n- template: ci/stages/all.yml\n',
      'ci/stages/all.yml': 'stages:\n- stage: S\n  jobs:\n  - template: ../jobs/one.yml\n  - template: /shared/two.yml\n',
      'ci/jobs/one.yml': 'jobs:\n- job: one\n  steps: [{script: echo}]\n',
      'shared/two.yml': 'jobs:\n- job: two\n  steps:\n  - template: steps.yml\n',
      'shared/steps.yml': 'steps:\n- task: KubernetesManifest@1\n  inputs: {action: deploy}\n',
    });
    assert.deepEqual(nodes(g), ['S @ci/stages/all.yml', 'S/one @ci/jobs/one.yml', 'S/two @shared/two.yml']);
    assert.equal(g.nodes[2].kind, 'deploy', 'the step template says what the job does');
  });

  test('a cycle, too deep a nesting and too many files are problems, never a hang', () => {
    const cycle = compose({
      'azure-pipelines.yml': 'stages:\n- template: a.yml\n',
      'a.yml': 'stages:\n- template: b.yml\n- stage: A\n  jobs: [{job: a, steps: [{script: echo}]}]\n',
      'b.yml': 'stages:\n- template: a.yml\n',
    });
    assert.deepEqual(messages(cycle), ['b.yml:2: template cycle: azure-pipelines.yml → a.yml → b.yml → a.yml']);
    assert.deepEqual(nodes(cycle), ['template:a.yml @b.yml [template]', 'A @a.yml', 'A/a @a.yml']);

    const deep: Record<string, string> = { 'azure-pipelines.yml': 'jobs:\n- template: t1.yml\n' };
    for (let i = 1; i <= MAX_TEMPLATE_DEPTH + 1; i++) deep[`t${i}.yml`] = `jobs:\n- job: j${i}\n  steps: [{script: echo}]\n- template: t${i + 1}.yml\n`;
    const tooDeep = compose(deep);
    assert.deepEqual(messages(tooDeep), [`t20.yml:4: templates nest more than ${MAX_TEMPLATE_DEPTH} levels deep (Azure's limit); t21.yml is not expanded`]);
    assert.equal(tooDeep.nodes.filter((n) => n.id.startsWith('j')).length, MAX_TEMPLATE_DEPTH);

    const many: Record<string, string> = { 'azure-pipelines.yml': `jobs:\n${Array.from({ length: MAX_TEMPLATE_FILES }, (_, i) => `- template: f${i}.yml\n`).join('')}` };
    for (let i = 0; i < MAX_TEMPLATE_FILES; i++) many[`f${i}.yml`] = `jobs:\n- job: f${i}\n  steps: [{script: echo}]\n`;
    const tooMany = compose(many);
    assert.deepEqual(messages(tooMany), [`:${MAX_TEMPLATE_FILES + 1}: more than ${MAX_TEMPLATE_FILES} files (Azure's limit on templates, counted with the pipeline's own file); f99.yml is not read`]);
  });

  test('a template that does not parse is one problem where it is named; the graph is not broken', () => {
    const g = compose({
      'azure-pipelines.yml': 'jobs:\n- template: broken.yml\n- job: fine\n  steps: [{script: echo}]\n',
      'broken.yml': 'jobs:\n- job: [x\n',
    });
    assert.deepEqual(nodes(g), ['template:broken.yml [template]', 'fine']);
    assert.deepEqual(messages(g), [':2: template broken.yml is not valid YAML: missing closing ]: the list opened here is never closed (line 2)']);
    assert.equal(hasSyntaxErrors(g), false);
  });

  test('a template opened on its own, composed with its own templates: a stage of the pipeline that uses it is a warning', () => {
    const g = compose({
      'stages/publish.yml': 'parameters:\n- name: env\n  type: string\nstages:\n- stage: Publish\n  dependsOn: Build\n  jobs:\n  - template: ../jobs/push.yml\n',
      'jobs/push.yml': 'jobs:\n- job: push\n  steps: [{script: echo}]\n',
    }, 'stages/publish.yml');
    assert.deepEqual(nodes(g), ['Publish', 'Publish/push @jobs/push.yml']);
    assert.deepEqual(g.problems.map((p) => `${p.severity} ${p.message}`), ['warning "Publish" depends on "Build", which is not defined in any of the 2 files read (it may come from the pipeline that uses this template)']);
  });

  test('a dependency no file read defines: said of every file read, and of a template from another repository that may hold it', () => {
    const g = compose({
      'azure-pipelines.yml': 'jobs:\n- template: jobs/build.yml\n- template: deploy.yml@shared\n- job: smoke\n  dependsOn: Deploy\n  steps: [{script: echo}]\n',
      'jobs/build.yml': 'jobs:\n- job: Build\n  steps: [{script: echo}]\n',
    });
    assert.deepEqual(messages(g), [':5: "smoke" depends on "Deploy", which is not defined in any of the 2 files read (it may come from a template that is not read)']);
  });

  test('a template whose bracket runs on is told by the bracket, not by the line the parser tripped on after it', () => {
    const g = compose({
      'azure-pipelines.yml': 'jobs:\n- template: broken.yml\n',
      'broken.yml': "jobs:\n- job:\n  pool: [oops\n    vmImage: 'ubuntu-latest'\n\n  variables:\n    X: y\n",
    });
    assert.deepEqual(messages(g), [':2: template broken.yml is not valid YAML: missing closing ]: the list opened here runs on to line 4 (line 3)']);
  });

  test('a file without templates composes to its own graph', () => {
    const text = dedent`
      stages:
      - stage: Build
        jobs: [{job: make, steps: [{script: make}]}]
      - stage: Deploy
        condition: \${{ parameters.deploy }}
        jobs: [{deployment: web, environment: prod, strategy: {runOnce: {deploy: {steps: [{script: x}]}}}}]
    `;
    assert.deepEqual(toPublicJson(compose({ 'azure-pipelines.yml': text })), toPublicJson(parsePipeline(text, { dialect: 'azure' })));
  });
});

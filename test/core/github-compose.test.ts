// A GitHub workflow with the reusable workflows it calls from its repository, composed from in-memory files.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ProjectFiles } from '../../src/core/compose/projectFiles';
import { composeGithubGraph, MAX_WORKFLOW_LEVELS } from '../../src/core/dialects/github/compose';
import { hasSyntaxErrors, toPublicJson, type PipelineGraph } from '../../src/core/model';
import { parsePipeline } from '../../src/core/parse';
import { dedent } from '../helpers/text';

const ROOT = '.github/workflows/ci.yml';

function project(files: Record<string, string>): ProjectFiles {
  return { readFile: (path) => files[path], listFiles: () => Object.keys(files) };
}

function compose(files: Record<string, string>): PipelineGraph {
  return composeGithubGraph(ROOT, files[ROOT], project(files));
}

const nodes = (g: PipelineGraph) => g.nodes.map((n) => `${n.id} "${n.name}"${n.file ? ` @${n.file}` : ''}${n.marks.length > 0 ? ` [${n.marks.join(',')}]` : ''}`);
const edges = (g: PipelineGraph) => g.edges.map((e) => `${e.from}->${e.to}`);
const messages = (g: PipelineGraph) => g.problems.map((p) => `${p.file ?? ''}:${p.line}: ${p.message}`);

const TESTS = dedent`
  on: workflow_call
  jobs:
    unit:
      runs-on: ubuntu-latest
      steps: [{run: npm test}]
    e2e:
      name: End to end
      runs-on: ubuntu-latest
      steps: [{run: npm run e2e}]
    report:
      needs: [unit, e2e]
      runs-on: ubuntu-latest
      steps: [{run: echo done}]
    lint:
      runs-on: ubuntu-latest
      steps: [{run: npm run lint}]
`;

describe('GitHub local reusable workflows', () => {
  test('a caller becomes the called jobs, "caller / job"; needs go to their first jobs, dependents wait for their last', () => {
    const g = compose({
      [ROOT]: dedent`
        on: push
        jobs:
          build:
            runs-on: ubuntu-latest
            steps: [{run: make}]
          test:
            name: Tests
            needs: build
            uses: ./.github/workflows/tests.yml
          release:
            needs: [test]
            runs-on: ubuntu-latest
            steps: [{run: ./release.sh}]
      `,
      '.github/workflows/tests.yml': TESTS,
    });
    assert.deepEqual(nodes(g), [
      'build "build"',
      'test/unit "Tests / unit" @.github/workflows/tests.yml',
      'test/e2e "Tests / End to end" @.github/workflows/tests.yml',
      'test/report "Tests / report" @.github/workflows/tests.yml',
      'test/lint "Tests / lint" @.github/workflows/tests.yml',
      'release "release"',
    ]);
    assert.deepEqual(edges(g), [
      'build->test/unit', 'build->test/e2e', 'build->test/lint',
      'test/report->release', 'test/lint->release',
      'test/unit->test/report', 'test/e2e->test/report',
    ]);
    assert.deepEqual(g.nodes[1].range, { startLine: 3, endLine: 5 }, 'in the called file');
    assert.equal(g.edges[0].line, 8, 'the caller\'s needs is where the edge is written');
    assert.equal(g.edges[5].file, '.github/workflows/tests.yml');
    assert.deepEqual(messages(g), []);
  });

  test('a called job that says nothing of what it is for is what its caller\'s name says; one that does keeps its own kind', () => {
    const g = compose({
      [ROOT]: dedent`
        on: push
        jobs:
          deploy-prod:
            uses: ./.github/workflows/go.yml
          misc:
            uses: ./.github/workflows/go.yml
      `,
      '.github/workflows/go.yml': dedent`
        on: workflow_call
        jobs:
          run:
            runs-on: ubuntu-latest
            steps: [{run: ./scripts/go.sh}]
          unit:
            runs-on: ubuntu-latest
            steps: [{run: npm test}]
      `,
    });
    assert.deepEqual(g.nodes.map((n) => `${n.name}: ${n.kind}`), [
      'deploy-prod / run: deploy',
      'deploy-prod / unit: test',
      'misc / run: other',
      'misc / unit: test',
    ]);
  });

  test('calls into another repository stay one read-only node; a missing file is a node marked missing', () => {
    const g = compose({
      [ROOT]: dedent`
        on: push
        jobs:
          shared:
            uses: octo/workflows/.github/workflows/build.yml@v1
          local:
            uses: ./.github/workflows/gone.yml
      `,
    });
    assert.deepEqual(nodes(g), ['shared "shared" [reusable-workflow]', 'local "local" [reusable-workflow,missing]']);
    assert.deepEqual(messages(g), [':6: called workflow .github/workflows/gone.yml not found in the repository']);
    assert.match(g.nodes[1].readOnlyReason!, /^it calls the reusable workflow `\.github\/workflows\/gone\.yml`, which is not in the repository$/);
  });

  test('a matrix on the caller marks every called job; nested calls read "a / b / job"', () => {
    const g = compose({
      [ROOT]: dedent`
        on: push
        jobs:
          outer:
            strategy: {matrix: {os: [linux, windows]}}
            uses: ./.github/workflows/middle.yml
      `,
      '.github/workflows/middle.yml': 'on: workflow_call\njobs:\n  inner:\n    uses: ./.github/workflows/tests.yml\n',
      '.github/workflows/tests.yml': TESTS,
    });
    assert.deepEqual(g.nodes.map((n) => `${n.name} [${n.marks}]`), [
      'outer / inner / unit [matrix]', 'outer / inner / End to end [matrix]', 'outer / inner / report [matrix]', 'outer / inner / lint [matrix]',
    ]);
    assert.deepEqual(messages(g), []);
  });

  test("a called job's settings that read inputs show what each call passes, or the input's default; nested calls bind in turn", () => {
    const deploy = dedent`
      on:
        workflow_call:
          inputs:
            environment: {required: true, type: string}
            url: {type: string}
            runner: {type: string, default: ubuntu-22.04}
            minutes: {type: number, default: 20}
      jobs:
        deploy:
          name: Deploy to \${{ inputs.environment }}
          runs-on: \${{ inputs.runner }}
          timeout-minutes: \${{ inputs.minutes }}
          environment:
            name: \${{ inputs.ENVIRONMENT }}
            url: \${{ inputs.url }}
          steps: [{run: ./deploy.sh}]
    `;
    const g = compose({
      [ROOT]: dedent`
        on: push
        jobs:
          staging:
            uses: ./.github/workflows/deploy.yml
            with: {environment: staging, url: 'https://staging.example.com', minutes: 5}
          production:
            needs: staging
            uses: ./.github/workflows/promote.yml
            with: {target: production}
          preview:
            uses: ./.github/workflows/deploy.yml
            with:
              environment: \${{ github.head_ref }}
              runner: \${{ vars.RUNNER }}
      `,
      '.github/workflows/promote.yml': 'on:\n  workflow_call:\n    inputs: {target: {type: string}}\njobs:\n  go:\n    uses: ./.github/workflows/deploy.yml\n    with: {environment: "${{ inputs.target }}"}\n',
      '.github/workflows/deploy.yml': deploy,
    });
    const shown = (id: string) => {
      const n = g.nodes.find((x) => x.id === id)!;
      return [n.name, n.environment, n.environmentUrl, n.runner, n.timeout].join(' | ');
    };
    assert.equal(shown('staging/deploy'), 'staging / Deploy to staging | staging | https://staging.example.com | ubuntu-22.04 | 5');
    // Bound through promote.yml's own input, which the root sets.
    assert.equal(shown('production/go/deploy'), 'production / go / Deploy to production | production | ${{ inputs.url }} | ubuntu-22.04 | 20');
    // Inputs set by expressions this file cannot evaluate stay as written (and a default does not apply).
    assert.equal(shown('preview/deploy'), 'preview / Deploy to ${{ inputs.environment }} | ${{ inputs.ENVIRONMENT }} | ${{ inputs.url }} | ${{ inputs.runner }} | 20');
    // The called workflow alone reads as written.
    assert.equal(parsePipeline(deploy, { dialect: 'github' }).nodes[0].environment, '${{ inputs.ENVIRONMENT }}');
  });

  test('a cycle and too deep a nesting are problems at the call, never a hang', () => {
    const cycle = compose({
      [ROOT]: 'on: push\njobs:\n  a:\n    uses: ./.github/workflows/a.yml\n',
      '.github/workflows/a.yml': 'on: workflow_call\njobs:\n  b:\n    uses: ./.github/workflows/ci.yml\n',
    });
    assert.deepEqual(messages(cycle), ['.github/workflows/a.yml:4: reusable workflow cycle: .github/workflows/ci.yml → .github/workflows/a.yml → .github/workflows/ci.yml']);
    assert.deepEqual(nodes(cycle), ['a/b "a / b" @.github/workflows/a.yml [reusable-workflow]']);

    const files: Record<string, string> = { [ROOT]: 'on: push\njobs:\n  l0:\n    uses: ./.github/workflows/l1.yml\n' };
    for (let i = 1; i <= MAX_WORKFLOW_LEVELS; i++) files[`.github/workflows/l${i}.yml`] = `on: workflow_call\njobs:\n  l${i}:\n    uses: ./.github/workflows/l${i + 1}.yml\n`;
    const deep = compose(files);
    assert.deepEqual(messages(deep), [`.github/workflows/l9.yml:4: reusable workflows nest more than ${MAX_WORKFLOW_LEVELS} levels deep (GitHub's limit, the calling workflow included); .github/workflows/l10.yml is not read`]);
  });

  test('a called workflow that does not parse is one problem at the call; the graph is not broken', () => {
    const g = compose({
      [ROOT]: 'on: push\njobs:\n  a:\n    uses: ./.github/workflows/broken.yml\n',
      '.github/workflows/broken.yml': 'on: workflow_call\njobs: [x\n',
    });
    assert.deepEqual(nodes(g), ['a "a" [reusable-workflow]']);
    assert.deepEqual(messages(g), [':4: called workflow .github/workflows/broken.yml is not valid YAML: missing closing ]: the list opened here is never closed (line 2)']);
    assert.equal(hasSyntaxErrors(g), false);
  });

  test('a called workflow whose bracket runs on is told by the bracket, not by the line the parser tripped on after it', () => {
    const g = compose({
      [ROOT]: 'on: push\njobs:\n  a:\n    uses: ./.github/workflows/broken.yml\n',
      '.github/workflows/broken.yml': 'on: workflow_call\npermissions: [oops\n  contents: read\n\njobs:\n  a:\n    runs-on: x\n    steps: [{run: y}]\n',
    });
    assert.deepEqual(messages(g), [':4: called workflow .github/workflows/broken.yml is not valid YAML: missing closing ]: the list opened here runs on to line 3 (line 2)']);
  });

  test('a workflow that calls nothing local composes to its own graph', () => {
    const text = 'on: push\njobs:\n  a:\n    runs-on: x\n    steps: [{run: echo}]\n  b:\n    needs: [a, ghost]\n    uses: org/repo/.github/workflows/w.yml@main\n';
    assert.deepEqual(toPublicJson(compose({ [ROOT]: text })), toPublicJson(parsePipeline(text, { dialect: 'github' })));
  });
});

// Deleting a stage keeps the pipeline's order (issue #8): whatever waited for the deleted stage
// now waits for what it waited for, in every dialect and every form of `needs`/`dependsOn`,
// written in the file's own style; the verification predicts the new edges exactly, so a wrong
// reconnection is refused; the edit says what it reconnected. Plus two delete bugs of issue #10.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { compareWithExpectation, expectAfter } from '../../src/core/edit/expect';
import type { EditOperation } from '../../src/core/edit/operations';
import { planOperation } from '../../src/core/edit/plan';
import type { Dialect } from '../../src/core/model';
import { parsePipeline } from '../../src/core/parse';
import { describeOperation } from '../../src/shared/describeOperation';
import { repoRoot } from '../helpers/corpus';
import { dedent } from '../helpers/text';

function deleted(dialect: Dialect, text: string, stage: string) {
  const op: EditOperation = { op: 'deleteStage', stage };
  const r = planOperation(text, op, { dialect });
  if (!r.ok) assert.fail(`deleting ${stage} was refused: ${r.reason}`);
  return { text: r.text, description: describeOperation(op, r), reconnected: r.reconnected };
}

function refusal(dialect: Dialect, text: string, stage: string): string {
  const r = planOperation(text, { op: 'deleteStage', stage }, { dialect });
  assert.equal(r.ok, false, `expected deleting ${stage} to be refused`);
  return r.ok ? '' : r.reason;
}

/** Every dependency as `from->to`, `(default)` for a dialect default; sorted. */
function edges(dialect: Dialect, text: string): string[] {
  return parsePipeline(text, { dialect })
    .edges.map((e) => `${e.from}->${e.to}${e.implicit ? ' (default)' : ''}`)
    .sort();
}

/** What the verification says about `wrong` as the result of deleting `stage` from `text`. */
function verdict(dialect: Dialect, text: string, stage: string, wrong: string): string[] {
  const exp = expectAfter(parsePipeline(text, { dialect }), { op: 'deleteStage', stage });
  return compareWithExpectation(exp, parsePipeline(wrong, { dialect }));
}

const SAMPLE = readFileSync(join(repoRoot, 'samples', '.github', 'workflows', 'deploy.yml'), 'utf8');
const APPROVE_JOB = [
  '  approve:',
  '    needs: staging',
  '    runs-on: ubuntu-latest',
  '    # Required reviewers are configured on this environment in the repository settings.',
  '    environment: production-approval',
  '    steps:',
  '      - run: echo "Approved by a reviewer of production-approval"',
  '',
  '',
].join('\n');

describe('GitHub Actions', () => {
  test('the sample: deleting approve leaves production waiting for staging, and says so', () => {
    assert.ok(SAMPLE.includes(APPROVE_JOB), 'the sample no longer holds the approve job as written here');
    const r = deleted('github', SAMPLE, 'approve');
    assert.equal(r.text, SAMPLE.replace(APPROVE_JOB, '').replace('    needs: [build, approve]\n', '    needs: [build, staging]\n'));
    assert.equal(r.description, 'delete approve; production now waits for staging');
    assert.deepEqual(r.reconnected, [{ stage: 'production', waitsFor: ['staging'] }]);
  });

  test('the verification refuses what deleting used to do: production left waiting for build alone', () => {
    const shortCircuited = SAMPLE.replace(APPROVE_JOB, '').replace('    needs: [build, approve]\n', '    needs: [build]\n');
    assert.deepEqual(verdict('github', SAMPLE, 'approve', shortCircuited), ['dependency staging → production should exist but does not']);
  });

  const CHAIN = dedent`
    on: push
    jobs:
      lint:
        runs-on: ubuntu-latest
        steps: [{run: make lint}]
      build:
        runs-on: ubuntu-latest
        steps: [{run: make}]
      package:
        needs: [lint, build]
        runs-on: ubuntu-latest
        steps: [{run: make dist}]
      ship:
        needs: package
        runs-on: ubuntu-latest
        steps: [{run: make ship}]
      docs:
        needs: "package" # published with the package
        runs-on: ubuntu-latest
        steps: [{run: make docs}]
      notify:
        needs:
          - package   # when it is out
          - build
        runs-on: ubuntu-latest
        steps: [{run: make notify}]
  `;

  test('a name becomes a flow list of what the job needed; quoting and comments stay; a block item is replaced in place, the rest follow it', () => {
    const r = deleted('github', CHAIN, 'package');
    assert.equal(
      r.text,
      CHAIN.replace('  package:\n    needs: [lint, build]\n    runs-on: ubuntu-latest\n    steps: [{run: make dist}]\n', '')
        .replace('    needs: package\n', '    needs: [lint, build]\n')
        .replace('    needs: "package" # published', '    needs: ["lint", "build"] # published')
        // build is needed already: only lint takes package's place.
        .replace('      - package   # when it is out\n', '      - lint   # when it is out\n'),
    );
    assert.deepEqual(edges('github', r.text), [
      'build->docs', 'build->notify', 'build->ship', 'lint->docs', 'lint->notify', 'lint->ship',
    ]);
    assert.equal(r.description, 'delete package; ship now waits for lint and build; docs now waits for lint and build; notify now waits for lint');
  });

  test('one dependency keeps a name a name; several block items follow the first on lines of their own', () => {
    const text = dedent`
      on: push
      jobs:
        a:
          runs-on: x
          steps: [{run: a}]
        b:
          runs-on: x
          steps: [{run: b}]
        mid:
          needs: [a, b]
          runs-on: x
          steps: [{run: mid}]
        one:
          needs: b
          runs-on: x
          steps: [{run: one}]
        two:
          needs: one
          runs-on: x
          steps: [{run: two}]
        last:
          needs:
            - mid
          runs-on: x
          steps: [{run: last}]
    `;
    assert.equal(deleted('github', text, 'one').text, text.replace('  one:\n    needs: b\n    runs-on: x\n    steps: [{run: one}]\n', '').replace('    needs: one\n', '    needs: b\n'));
    assert.equal(
      deleted('github', text, 'mid').text,
      text.replace('  mid:\n    needs: [a, b]\n    runs-on: x\n    steps: [{run: mid}]\n', '').replace('      - mid\n', '      - a\n      - b\n'),
    );
  });

  test('a job that waited for nothing passes nothing on: the reference just goes', () => {
    const text = 'on: push\njobs:\n  a:\n    runs-on: x\n    steps: [{run: a}]\n  b:\n    needs: [a]\n    runs-on: x\n    steps: [{run: b}]\n';
    const r = deleted('github', text, 'a');
    assert.equal(r.text, 'on: push\njobs:\n  b:\n    runs-on: x\n    steps: [{run: b}]\n');
    assert.equal(r.description, 'delete a');
  });

  test('issue #10: the last job of a file without a final line break, named on the line just above it', () => {
    const text = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps: [{run: echo}]\n    needs: b\n  b:\n    runs-on: ubuntu-latest\n    steps: [{run: echo}]';
    assert.equal(deleted('github', text, 'b').text, 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps: [{run: echo}]');
    // The same with CRLF line breaks, and with a job that passes a need on (the line is rewritten, not removed).
    const crlf = text.replace(/\n/g, '\r\n');
    assert.equal(deleted('github', crlf, 'b').text, 'on: push\r\njobs:\r\n  a:\r\n    runs-on: ubuntu-latest\r\n    steps: [{run: echo}]');
    const passing = text.replace('  a:\n', '  z:\n    runs-on: x\n    steps: [{run: z}]\n  a:\n').replace('  b:\n', '  b:\n    needs: z\n');
    assert.equal(deleted('github', passing, 'b').text, passing.slice(0, passing.indexOf('\n  b:')).replace('    needs: b', '    needs: z'));
    // A block list item that becomes several: the new lines end the file, without a break after them.
    const block = passing.replace('  b:\n    needs: z\n', '  b:\n    needs: [z, a0]\n').replace('  a:\n', '  a0:\n    runs-on: x\n    steps: [{run: a0}]\n  a:\n').replace('    needs: b\n', '    needs:\n      - b\n');
    for (const t of [block, block.replace(/\n/g, '\r\n')]) {
      const eol = t.includes('\r\n') ? '\r\n' : '\n';
      assert.equal(deleted('github', t, 'b').text, t.slice(0, t.indexOf(`${eol}  b:`)).replace(`      - b`, `      - z${eol}      - a0`));
    }
  });
});

describe('GitLab CI', () => {
  const PIPELINE = dedent`
    stages: [build, test, release, deploy]

    compile:
      stage: build
      script: make

    docs:
      stage: build
      script: make docs
      rules:
        - if: $CI_COMMIT_BRANCH == "main"

    unit:
      stage: test
      script: make test

    package:
      stage: release
      needs: [compile, {job: docs, optional: true}]
      script: make dist

    deploy:
      stage: deploy
      needs:
        - job: package
          artifacts: true
      dependencies: [package]
      script: ./deploy.sh

    smoke:
      stage: deploy
      needs: [unit, package]
      script: ./smoke.sh
  `;

  test('needs naming the job name what it needed, optional where it was; {job: x} items stay maps; dependencies: lose it', () => {
    const r = deleted('gitlab', PIPELINE, 'package');
    assert.equal(
      r.text,
      PIPELINE.replace('package:\n  stage: release\n  needs: [compile, {job: docs, optional: true}]\n  script: make dist\n\n', '')
        .replace('    - job: package\n      artifacts: true\n', '    - job: compile\n    - job: docs\n      optional: true\n')
        .replace('  dependencies: [package]\n', '  dependencies: []\n')
        .replace('  needs: [unit, package]\n', '  needs: [unit, compile, {job: docs, optional: true}]\n'),
    );
    assert.equal(r.description, 'delete package; deploy now waits for compile and docs; smoke now waits for compile and docs');
  });

  test('a job that followed the stage order passes it on as needs, optional for jobs that rules may leave out', () => {
    const text = PIPELINE.replace('  needs: [compile, {job: docs, optional: true}]\n', '').replace('  script: make test\n', '  script: make test\n  rules:\n    - changes: [src/**/*]\n');
    const r = deleted('gitlab', text, 'package');
    assert.ok(r.text.includes('  needs:\n    - job: unit\n      optional: true\n  dependencies: []\n'), r.text);
    // smoke needs unit already.
    assert.ok(r.text.includes('  needs: [unit]\n'), r.text);
    assert.deepEqual(edges('gitlab', r.text).filter((e) => e.endsWith('->deploy') || e.endsWith('->smoke')), ['unit->deploy', 'unit->smoke']);
    assert.equal(r.description, 'delete package; deploy now waits for unit');
  });

  test('a single need stays a single need; several make a flow list', () => {
    const text = 'stages: [a, b, c]\none:\n  stage: a\n  script: x\ntwo:\n  stage: b\n  needs: [one]\n  script: y\nthree:\n  stage: c\n  needs: two\n  script: z\n';
    assert.equal(deleted('gitlab', text, 'two').text, 'stages: [a, b, c]\none:\n  stage: a\n  script: x\nthree:\n  stage: c\n  needs: one\n  script: z\n');
    const two = text.replace('one:\n  stage: a\n  script: x\n', 'one:\n  stage: a\n  script: x\nalso:\n  stage: a\n  script: w\n').replace('  needs: [one]\n', '');
    assert.ok(deleted('gitlab', two, 'two').text.endsWith('three:\n  stage: c\n  needs: [one, also]\n  script: z\n'));
  });

  test('jobs that follow the stage order keep it: deleting the only job of a stage, they follow the stage before', () => {
    const text = 'stages: [build, scan, deploy]\ncompile:\n  stage: build\n  script: make\nlint:\n  stage: build\n  script: make lint\nscan:\n  stage: scan\n  needs: [compile]\n  script: trivy\nship:\n  stage: deploy\n  script: ./ship.sh\n';
    const r = deleted('gitlab', text, 'scan');
    // ship's text does not change: GitLab runs it after every job of every earlier stage.
    assert.equal(r.text, text.replace('scan:\n  stage: scan\n  needs: [compile]\n  script: trivy\n', ''));
    assert.deepEqual(edges('gitlab', r.text), ['compile->ship (default)', 'lint->ship (default)']);
    assert.equal(r.description, 'delete scan; ship now waits for compile and lint');
    // The verification predicts that: a result where ship waits for nothing is refused.
    const wrong = r.text.replace('  stage: deploy\n', '  stage: deploy\n  needs: [compile]\n');
    assert.deepEqual(verdict('gitlab', text, 'scan', wrong), ['dependency lint → ship should exist but does not']);
  });

  test('jobs that follow the stage order, with others left in the deleted job\'s stage, wait for those', () => {
    const text = 'stages: [build, test, deploy]\ncompile:\n  stage: build\n  script: make\nunit:\n  stage: test\n  script: make test\nlint:\n  stage: test\n  needs: []\n  script: make lint\nship:\n  stage: deploy\n  script: ./ship.sh\n';
    const r = deleted('gitlab', text, 'unit');
    assert.deepEqual(edges('gitlab', r.text), ['lint->ship (default)']);
    assert.equal(r.description, 'delete unit');
  });

  test('issue #10: the last job of a file without a final line break, named by on_stop on the line just above it', () => {
    const text = 'a:\n  script: echo\n  environment:\n    name: review\n    on_stop: b\nb:\n  script: echo\n  environment:\n    name: review\n    action: stop';
    assert.equal(deleted('gitlab', text, 'b').text, 'a:\n  script: echo\n  environment:\n    name: review');
  });

  test('issue #10: the only job cannot be deleted (GitLab rejects a file without one), as in the other dialects', () => {
    assert.match(refusal('gitlab', 'build:\n  script: make\n', 'build'), /"build" is the only job, and a pipeline needs at least one; add another job before deleting this one$/);
    assert.match(refusal('gitlab', 'include: ci/base.yml\n.hidden:\n  script: x\nbuild:\n  script: make\n', 'build'), /"build" is the only job/);
  });
});

describe('Azure Pipelines', () => {
  const stage = (name: string, extra = '') => `- stage: ${name}\n${extra}  jobs:\n  - job: ${name.toLowerCase()}\n    steps:\n    - script: echo ${name}\n`;

  test('dependsOn naming the stage names what it depended on: a name, a flow list, a block list item', () => {
    const text = 'stages:\n' + stage('A') + stage('B', '  dependsOn: []\n') + stage('X', '  dependsOn: [A, B]\n') +
      stage('C', '  dependsOn: X\n') + stage('D', '  dependsOn: [B, X]\n') + stage('E', '  dependsOn:\n  - X # the deploy\n  - A\n');
    const r = deleted('azure', text, 'X');
    assert.equal(
      r.text,
      'stages:\n' + stage('A') + stage('B', '  dependsOn: []\n') +
        stage('C', '  dependsOn: [A, B]\n') + stage('D', '  dependsOn: [B, A]\n') + stage('E', '  dependsOn:\n  - B # the deploy\n  - A\n'),
    );
    assert.equal(r.description, 'delete X; C now waits for A and B; D now waits for A; E now waits for B');
  });

  test('a stage that follows by default keeps the default when the deleted one did too: it follows the stage before', () => {
    const text = 'stages:\n' + stage('A') + stage('B') + stage('C');
    const r = deleted('azure', text, 'B');
    assert.equal(r.text, 'stages:\n' + stage('A') + stage('C'));
    assert.deepEqual(edges('azure', r.text), ['A->C (default)']);
    assert.equal(r.description, 'delete B; C now waits for A');
  });

  test('a stage that follows by default gets the deleted one\'s dependencies written out when the default would differ', () => {
    // X waited for A only, but the stage written before it is B.
    const text = 'stages:\n' + stage('A') + stage('B') + stage('X', '  dependsOn: A\n') + stage('C');
    assert.equal(deleted('azure', text, 'X').text, 'stages:\n' + stage('A') + stage('B') + stage('C', '  dependsOn: A\n'));
    // X waited for nothing: C must not start waiting for B.
    const free = text.replace('  dependsOn: A\n', '  dependsOn: []\n');
    assert.equal(deleted('azure', free, 'X').text, 'stages:\n' + stage('A') + stage('B') + stage('C', '  dependsOn: []\n'));
    // X named the stage before it: the default says the same, nothing to write.
    const same = text.replace('  dependsOn: A\n', '  dependsOn: B\n');
    assert.equal(deleted('azure', same, 'X').text, 'stages:\n' + stage('A') + stage('B') + stage('C'));
  });

  test('the verification refuses a stage left on a default that skips what the deleted one waited for', () => {
    const text = 'stages:\n' + stage('A') + stage('B') + stage('X', '  dependsOn: A\n') + stage('C');
    const wrong = 'stages:\n' + stage('A') + stage('B') + stage('C');
    assert.deepEqual(verdict('azure', text, 'X', wrong), ['dependency A → C should exist but does not', 'dependency B → C appeared but should not']);
  });

  test('jobs: a job-level dependsOn naming the job names what it depended on (jobs have no default)', () => {
    const text = dedent`
      stages:
      - stage: Build
        jobs:
        - job: Compile
          steps:
          - script: make
        - job: Package
          dependsOn: Compile
          steps:
          - script: make dist
        - job: Publish
          dependsOn: Package
          steps:
          - script: make publish
    `;
    const r = deleted('azure', text, 'Build/Package');
    assert.equal(r.text, text.replace('  - job: Package\n    dependsOn: Compile\n    steps:\n    - script: make dist\n', '').replace('dependsOn: Package', 'dependsOn: Compile'));
    assert.equal(r.description, 'delete Build/Package; Build/Publish now waits for Build/Compile');
  });

  test('refuses when what the deleted stage waited for cannot be named in dependsOn (a stage template)', () => {
    const text = 'stages:\n- template: build.yml\n' + stage('X') + stage('C', '  dependsOn: X\n');
    assert.match(refusal('azure', text, 'X'), /"X" waits for "template:build\.yml", which cannot be named in the `dependsOn` of what waits for "X"; edit it in the text$/);
    // Nothing needs writing when the next stage's default stays right.
    assert.equal(deleted('azure', text + stage('D'), 'C').text, 'stages:\n- template: build.yml\n' + stage('X') + stage('D'));
  });

  test('the sample: deleting the Approval stage leaves Production depending on Staging', () => {
    const sample = readFileSync(join(repoRoot, 'samples', 'azure-pipelines.yml'), 'utf8');
    const r = deleted('azure', sample, 'Approval');
    assert.ok(r.text.includes('  - stage: Production\n    dependsOn: Staging\n'), r.text);
    assert.ok(!r.text.includes('Approval'), r.text);
  });

  test('issue #10: the last job of a file without a final line break, named by dependsOn on the line just above it', () => {
    const text = 'jobs:\n- job: a\n  steps:\n  - script: echo\n  dependsOn: b\n- job: b\n  steps:\n  - script: echo';
    assert.equal(deleted('azure', text, 'b').text, 'jobs:\n- job: a\n  steps:\n  - script: echo');
  });
});

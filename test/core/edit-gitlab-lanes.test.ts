// GitLab lanes (`stages:`) as things to edit: addLane, renameLane, moveLane. Each accepted edit is
// compared with the exact text it must produce; refusals must say why (and name the job).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseOperation, parseOperationList, type EditOperation } from '../../src/core/edit/operations';
import { planOperation } from '../../src/core/edit/plan';
import { parsePipeline } from '../../src/core/parse';
import { describeOperation } from '../../src/shared/describeOperation';
import { dedent } from '../helpers/text';

function edit(text: string, op: EditOperation): string {
  const r = planOperation(text, op, { dialect: 'gitlab' });
  assert.ok(r.ok, `expected ${JSON.stringify(op)} to succeed, got: ${r.ok ? '' : r.reason}`);
  return r.text;
}

function refused(text: string, op: EditOperation, reason: RegExp, dialect: 'gitlab' | 'github' | 'azure' = 'gitlab'): void {
  const r = planOperation(text, op, { dialect });
  assert.equal(r.ok, false, `expected ${JSON.stringify(op)} to be refused`);
  if (!r.ok) assert.match(r.reason, reason);
}

const crlf = (text: string) => text.replace(/\n/g, '\r\n');
const lanesOf = (text: string) => parsePipeline(text, { dialect: 'gitlab' }).lanes.map((l) => l.id);
const stageOf = (text: string, id: string) => parsePipeline(text, { dialect: 'gitlab' }).nodes.find((n) => n.id === id)?.stage;

const PIPELINE = dedent`
  stages:
    - build   # compile and package
    # tests come next
    - test
    - deploy

  build:
    stage: build
    script: make

  unit:
    stage: test
    needs: [build]
    script: make test

  ship:
    stage: deploy
    script: ./ship.sh
`;

/** PIPELINE with its `stages:` lines (2–5) replaced. */
const withStages = (lines: string) => PIPELINE.replace(/^stages:\n(?:  .*\n)+/, `stages:\n${lines}`);

describe('the lane operations in the contract', () => {
  test('parseOperation accepts them and checks their fields', () => {
    assert.deepEqual(parseOperation({ op: 'addLane', lane: 'qa' }), { ok: true, value: { op: 'addLane', lane: 'qa' } });
    assert.deepEqual(parseOperation({ op: 'moveLane', lane: 'qa', after: '.pre' }), { ok: true, value: { op: 'moveLane', lane: 'qa', after: '.pre' } });
    assert.deepEqual(parseOperation({ op: 'renameLane', lane: 'qa', newName: 'check' }), { ok: true, value: { op: 'renameLane', lane: 'qa', newName: 'check' } });
    assert.deepEqual(parseOperation({ op: 'addLane', lane: '' }), { ok: false, error: 'operation: "lane" must be a non-empty string' });
    assert.deepEqual(parseOperation({ op: 'moveLane', lane: 'qa', after: 3 }), { ok: false, error: 'operation: "after" must be a non-empty string when given' });
    assert.deepEqual(parseOperation({ op: 'renameLane', lane: 'qa' }), { ok: false, error: 'operation: "newName" must be a non-empty string' });
    assert.deepEqual(parseOperation({ op: 'addStage', template: 'notify', id: 'n', lane: 'test' }), { ok: true, value: { op: 'addStage', template: 'notify', id: 'n', lane: 'test' } });
    assert.deepEqual(parseOperation({ op: 'addStage', template: 'notify', id: 'n', lane: '' }), { ok: false, error: 'operation: "lane" must be a non-empty string when given' });
    const list = parseOperationList([{ op: 'addLane', lane: 'qa', after: 'test' }, { op: 'moveLane', lane: 'qa' }]);
    assert.equal(list.ok, true);
  });

  test('describeOperation words them for notices and the log', () => {
    assert.equal(describeOperation({ op: 'addLane', lane: 'qa', after: 'test' }), 'add the stage qa after test');
    assert.equal(describeOperation({ op: 'renameLane', lane: 'test', newName: 'check' }), 'rename the stage test to check');
    assert.equal(describeOperation({ op: 'moveLane', lane: 'qa', after: '.pre' }), 'move the stage qa to the start');
    assert.equal(describeOperation({ op: 'moveLane', lane: 'qa' }), 'move the stage qa to the end');
    assert.equal(describeOperation({ op: 'addStage', template: 'notify', id: 'n', lane: 'test' }), 'add n from the notify template to the stage test');
  });
});

describe('addLane', () => {
  test('block stages: after a lane, at the end, and first', () => {
    assert.equal(edit(PIPELINE, { op: 'addLane', lane: 'scan', after: 'test' }), withStages('  - build   # compile and package\n  # tests come next\n  - test\n  - scan\n  - deploy\n'));
    assert.equal(edit(PIPELINE, { op: 'addLane', lane: 'verify' }), withStages('  - build   # compile and package\n  # tests come next\n  - test\n  - deploy\n  - verify\n'));
    assert.equal(edit(PIPELINE, { op: 'addLane', lane: 'lint', after: '.pre' }), withStages('  - lint\n  - build   # compile and package\n  # tests come next\n  - test\n  - deploy\n'));
    // After a lane with an end-of-line comment: the comment stays on its own item.
    assert.equal(edit(PIPELINE, { op: 'addLane', lane: 'package', after: 'build' }), withStages('  - build   # compile and package\n  - package\n  # tests come next\n  - test\n  - deploy\n'));
    assert.deepEqual(lanesOf(edit(PIPELINE, { op: 'addLane', lane: 'scan', after: 'test' })), ['.pre', 'build', 'test', 'scan', 'deploy', '.post']);
  });

  test('a written .post stays last; flow lists and quoting follow the file', () => {
    const post = 'stages:\n- build\n- .post\nbuild:\n  script: make\n  stage: build\n';
    assert.equal(edit(post, { op: 'addLane', lane: 'deploy' }), 'stages:\n- build\n- deploy\n- .post\nbuild:\n  script: make\n  stage: build\n');
    const flow = 'stages: [build, test]\nbuild:\n  stage: build\n  script: make\n';
    assert.equal(edit(flow, { op: 'addLane', lane: 'qa', after: 'build' }), 'stages: [build, qa, test]\nbuild:\n  stage: build\n  script: make\n');
    assert.equal(edit(flow, { op: 'addLane', lane: 'first', after: '.pre' }), 'stages: [first, build, test]\nbuild:\n  stage: build\n  script: make\n');
    assert.equal(edit(flow, { op: 'addLane', lane: 'yes' }), "stages: [build, test, 'yes']\nbuild:\n  stage: build\n  script: make\n");
  });

  test('without stages: GitLab\'s defaults are written out with the new lane, so every job keeps its lane', () => {
    const text = dedent`
      variables:
        IMAGE: app

      # Compile once
      build:
        stage: build
        script: make

      unit:
        script: make test
    `;
    const result = edit(text, { op: 'addLane', lane: 'qa', after: 'test' });
    assert.equal(result, text.replace('# Compile once', 'stages:\n  - build\n  - test\n  - qa\n  - deploy\n\n# Compile once'));
    assert.equal(stageOf(result, 'unit'), 'test');
    // CRLF, no blank lines between entries, no final line break.
    const tight = 'build:\r\n  stage: build\r\n  script: make';
    assert.equal(edit(tight, { op: 'addLane', lane: 'qa' }), 'stages:\r\n  - build\r\n  - test\r\n  - deploy\r\n  - qa\r\nbuild:\r\n  stage: build\r\n  script: make');
  });

  test('CRLF block list, file without a final line break', () => {
    const text = crlf('build:\n  stage: build\n  script: make\nstages:\n  - build\n  - test');
    assert.equal(edit(text, { op: 'addLane', lane: 'qa' }), crlf('build:\n  stage: build\n  script: make\nstages:\n  - build\n  - test\n  - qa'));
  });

  test('refusals say why', () => {
    refused(PIPELINE, { op: 'addLane', lane: 'test' }, /the stage "test" already exists/);
    refused(PIPELINE, { op: 'addLane', lane: '.post' }, /"\.post" is a stage GitLab adds by itself/);
    refused(PIPELINE, { op: 'addLane', lane: ' qa' }, /cannot be a stage name/);
    refused(PIPELINE, { op: 'addLane', lane: 'qa', after: '.post' }, /nothing can run after "\.post"/);
    refused(PIPELINE, { op: 'addLane', lane: 'qa', after: 'nowhere' }, /there is no stage "nowhere"/);
    refused('include: ci/base.yml\nbuild:\n  script: make\n', { op: 'addLane', lane: 'qa' }, /includes other files \(line 1\), which may declare them/);
    refused('stages: [[build, test], deploy]\nbuild:\n  script: make\n', { op: 'addLane', lane: 'qa' }, /stages: \(line 1\) is not a plain list of names/);
  });
});

describe('renameLane', () => {
  test('the stages: entry and every job\'s stage: (block list with comments)', () => {
    const expected = PIPELINE.replace('  - test\n', '  - check\n').replace('  stage: test\n', '  stage: check\n');
    assert.equal(edit(PIPELINE, { op: 'renameLane', lane: 'test', newName: 'check' }), expected);
    assert.equal(edit(PIPELINE, { op: 'renameLane', lane: 'build', newName: 'compile' }),
      PIPELINE.replace('  - build   #', '  - compile   #').replace('  stage: build\n', '  stage: compile\n'));
  });

  test('flow list, quoted values keep their quotes, hidden templates follow, CRLF', () => {
    const text = crlf(dedent`
      stages: [build, 'deploy']
      .deploy-template:
        stage: deploy
        when: manual
      build:
        stage: build
        script: make
      ship:
        stage: "deploy"
        script: ./ship.sh
      undo:
        stage: deploy
        script: ./undo.sh
    `);
    assert.equal(edit(text, { op: 'renameLane', lane: 'deploy', newName: 'release' }),
      text.replace("'deploy'", "'release'").replace('stage: deploy\r\n  when', 'stage: release\r\n  when').replace('"deploy"', '"release"').replace('stage: deploy\r\n  script: ./undo', 'stage: release\r\n  script: ./undo'));
  });

  test('without stages: the defaults are written renamed; a job in the default lane gets stage: written', () => {
    const text = 'build:\n  stage: build\n  script: make\n\nunit:\n  script: make test\n';
    assert.equal(edit(text, { op: 'renameLane', lane: 'test', newName: 'check' }),
      'stages:\n  - build\n  - check\n  - deploy\n\nbuild:\n  stage: build\n  script: make\n\nunit:\n  stage: check\n  script: make test\n');
  });

  test('refuses .pre/.post, existing names, included files, stage tests in rules, and lanes reached only through extends, anchors or !reference', () => {
    refused(PIPELINE, { op: 'renameLane', lane: '.pre', newName: 'first' }, /GitLab always runs "\.pre" first under that name; it cannot be renamed/);
    refused(PIPELINE, { op: 'renameLane', lane: 'test', newName: '.post' }, /"\.post" is a stage GitLab adds by itself/);
    refused(PIPELINE, { op: 'renameLane', lane: 'test', newName: 'deploy' }, /a stage named "deploy" already exists/);
    refused(PIPELINE, { op: 'renameLane', lane: 'qa', newName: 'check' }, /there is no stage "qa"/);
    refused('include: base.yml\nstages: [build]\nbuild:\n  stage: build\n  script: make\n', { op: 'renameLane', lane: 'build', newName: 'compile' },
      /includes other files \(line 1\), whose jobs may be in stage "build"/);
    const extended = dedent`
      stages: [build, deploy]
      .base:
        stage: deploy
      ship:
        extends: .base
        script: ./ship.sh
    `;
    refused(extended, { op: 'renameLane', lane: 'deploy', newName: 'release' }, /"ship" gets stage "deploy" only through extends: \(line 5\)/);
    const merged = dedent`
      stages: [build, deploy]
      .base: &base
        stage: deploy
      ship:
        <<: *base
        script: ./ship.sh
    `;
    refused(merged, { op: 'renameLane', lane: 'deploy', newName: 'release' }, /"ship" gets stage "deploy" only through a <<: merge of an anchor \(line 5\)/);
    const referenced = dedent`
      stages: [build, deploy]
      .base:
        stage: deploy
      ship:
        stage: !reference [.base, stage]
        script: ./ship.sh
    `;
    refused(referenced, { op: 'renameLane', lane: 'deploy', newName: 'release' }, /"ship" writes its stage with an anchor, alias or !reference \(line 5\)/);
    const tested = dedent`
      stages: [build, deploy]
      ship:
        stage: deploy
        script: ./ship.sh
        rules:
          - if: $CI_JOB_STAGE == "deploy"
    `;
    refused(tested, { op: 'renameLane', lane: 'deploy', newName: 'release' }, /"ship" tests the stage name "deploy" \(line 6\)/);
  });
});

describe('moveLane', () => {
  test('block list: the item moves with its comment, nothing else changes', () => {
    const text = 'stages:\n  - build   # compile\n  - test\n  - deploy\n\nbuild:\n  stage: build\n  script: make\n';
    assert.equal(edit(text, { op: 'moveLane', lane: 'build', after: 'test' }), 'stages:\n  - test\n  - build   # compile\n  - deploy\n\nbuild:\n  stage: build\n  script: make\n');
    assert.equal(edit(text, { op: 'moveLane', lane: 'build' }), 'stages:\n  - test\n  - deploy\n  - build   # compile\n\nbuild:\n  stage: build\n  script: make\n');
    assert.equal(edit(text, { op: 'moveLane', lane: 'deploy', after: '.pre' }), 'stages:\n  - deploy\n  - build   # compile\n  - test\n\nbuild:\n  stage: build\n  script: make\n');
    // Already there: no change at all.
    assert.equal(edit(text, { op: 'moveLane', lane: 'test', after: 'build' }), text);
  });

  test('flow list, a written .post, CRLF and a file without a final line break', () => {
    const flow = 'stages: [build, test, "deploy"]\nbuild:\n  stage: build\n  script: make\n';
    assert.equal(edit(flow, { op: 'moveLane', lane: 'build', after: 'test' }), 'stages: [test, build, "deploy"]\nbuild:\n  stage: build\n  script: make\n');
    assert.equal(edit(flow, { op: 'moveLane', lane: 'deploy', after: '.pre' }), 'stages: ["deploy", build, test]\nbuild:\n  stage: build\n  script: make\n');
    assert.equal(edit(flow, { op: 'moveLane', lane: 'build' }), 'stages: [test, "deploy", build]\nbuild:\n  stage: build\n  script: make\n');
    const post = 'stages:\n- .pre\n- build\n- test\n- .post\nbuild:\n  stage: build\n  script: make\n';
    assert.equal(edit(post, { op: 'moveLane', lane: 'build' }), 'stages:\n- .pre\n- test\n- build\n- .post\nbuild:\n  stage: build\n  script: make\n');
    assert.equal(edit(post, { op: 'moveLane', lane: 'test', after: '.pre' }), 'stages:\n- .pre\n- test\n- build\n- .post\nbuild:\n  stage: build\n  script: make\n');
    const last = crlf('build:\n  stage: build\n  script: make\nstages:\n  - build\n  - test');
    assert.equal(edit(last, { op: 'moveLane', lane: 'test', after: '.pre' }), crlf('build:\n  stage: build\n  script: make\nstages:\n  - test\n  - build'));
    assert.equal(edit(last, { op: 'moveLane', lane: 'build' }), crlf('build:\n  stage: build\n  script: make\nstages:\n  - test\n  - build'));
  });

  test('without stages: the defaults are written in the new order', () => {
    const text = 'ship:\n  stage: deploy\n  script: ./ship.sh\n';
    assert.equal(edit(text, { op: 'moveLane', lane: 'deploy', after: 'build' }), 'stages:\n  - build\n  - deploy\n  - test\nship:\n  stage: deploy\n  script: ./ship.sh\n');
  });

  test('refuses a move that would put a need on a later stage, naming the job; and the fixed lanes', () => {
    refused(PIPELINE, { op: 'moveLane', lane: 'build' }, /"unit" \(stage "test"\) needs "build" of stage "build", which would then run after it/);
    refused(PIPELINE, { op: 'moveLane', lane: 'test', after: '.pre' }, /"unit" \(stage "test"\) needs "build"/);
    // Moving the needing job's lane later is fine.
    assert.deepEqual(lanesOf(edit(PIPELINE, { op: 'moveLane', lane: 'build', after: '.pre' })), lanesOf(PIPELINE));
    assert.deepEqual(lanesOf(edit(PIPELINE, { op: 'moveLane', lane: 'test' })), ['.pre', 'build', 'deploy', 'test', '.post']);
    refused(PIPELINE, { op: 'moveLane', lane: '.post', after: 'build' }, /GitLab always runs "\.post" last under that name; it cannot be moved/);
    refused(PIPELINE, { op: 'moveLane', lane: 'test', after: '.post' }, /nothing can run after "\.post"/);
    refused(PIPELINE, { op: 'moveLane', lane: 'test', after: 'test' }, /cannot move after itself/);
    refused('stages: [build]\nlint:\n  stage: lint\n  script: make\n', { op: 'moveLane', lane: 'lint' }, /stage "lint" is used by jobs but not declared in stages:/);
  });
});

describe('other dialects', () => {
  const github = 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n';
  const azure = 'stages:\n  - stage: Build\n    jobs:\n      - job: Compile\n        steps:\n          - script: make\n  - stage: Test\n    jobs:\n      - job: Unit\n        steps:\n          - script: make test\n';

  test('GitHub has no lanes', () => {
    refused(github, { op: 'addLane', lane: 'qa' }, /GitHub Actions has no stages \(lanes\)/, 'github');
    refused(github, { op: 'moveLane', lane: 'build' }, /GitHub Actions has no stages \(lanes\)/, 'github');
    refused(github, { op: 'addStage', template: 'notify', id: 'notify', lane: 'test' }, /GitHub Actions has no stages \(lanes\) to add a job to/, 'github');
  });

  test('Azure edits stages through the stage operations; reordering stages: is refused with the reason', () => {
    refused(azure, { op: 'addLane', lane: 'Deploy' }, /add a stage from a template \(addStage\)/, 'azure');
    refused(azure, { op: 'renameLane', lane: 'Test', newName: 'Check' }, /rename the stage "Test" itself \(renameStage\)/, 'azure');
    refused(azure, { op: 'moveLane', lane: 'Test', after: '.pre' }, /a stage without dependsOn waits for the one written before it/, 'azure');
    refused(azure, { op: 'addStage', template: 'notify', id: 'Notify', lane: 'Test' }, /place the new stage with "after" or "before"/, 'azure');
  });
});

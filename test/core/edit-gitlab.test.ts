// GitLab CI edits, operation by operation and form by form. Each accepted edit is compared with
// the exact text it must produce, and a line diff confirms that only the named old lines changed.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { EditOperation } from '../../src/core/edit/operations';
import { planOperation } from '../../src/core/edit/plan';
import { compareWithExpectation, expectAfter } from '../../src/core/edit/expect';
import { parsePipeline } from '../../src/core/parse';
import { TEMPLATES } from '../../src/core/templates/catalog';
import { GITLAB_TEMPLATE_NAMES, renderGitlabTemplate } from '../../src/core/templates/gitlab';
import { diffLines } from '../helpers/lineDiff';
import { dedent } from '../helpers/text';

function edit(text: string, op: EditOperation): string {
  const r = planOperation(text, op, { dialect: 'gitlab' });
  assert.ok(r.ok, `expected ${JSON.stringify(op)} to succeed, got: ${r.ok ? '' : r.reason}`);
  return r.text;
}

/** The result must be `expected`, and only old lines in `changed` (1-based, inclusive) may differ. */
function assertEdit(text: string, op: EditOperation, expected: string, changed: [number, number][]): void {
  const result = edit(text, op);
  assert.equal(result, expected);
  for (const h of diffLines(text, result)) {
    const first = h.oldStart + 1;
    const last = h.oldEnd === h.oldStart ? h.oldStart : h.oldEnd;
    assert.ok(changed.some(([from, to]) => first >= from && last <= to), `old lines ${first}-${last} changed, outside ${JSON.stringify(changed)}`);
  }
}

function refused(text: string, op: EditOperation, reason: RegExp): void {
  const r = planOperation(text, op, { dialect: 'gitlab' });
  assert.equal(r.ok, false, `expected ${JSON.stringify(op)} to be refused`);
  if (!r.ok) assert.match(r.reason, reason);
}

const crlf = (text: string) => text.replace(/\n/g, '\r\n');

const PIPELINE = dedent`
  stages:
    - build
    - test
    - deploy

  # Compile once
  build:
    stage: build
    script: make   # build it

  unit:
    stage: test
    script: make test

  lint:
    stage: test
    needs: [build]
    script: make lint

  deploy:
    stage: deploy
    needs:
      - unit
      - job: lint
        artifacts: false
    dependencies:
      - unit
    environment:
      name: production
      on_stop: stop
    script: ./deploy.sh

  stop:
    stage: deploy
    needs: []
    when: manual
    environment:
      name: production
      action: stop
    script: ./stop.sh
`;

/** PIPELINE with lines replaced: `lines` maps a 1-based line number to its new lines ([] deletes it). */
function pipelineWith(lines: Record<number, string[]>, text = PIPELINE): string {
  const old = text.split('\n');
  return old.flatMap((line, i) => lines[i + 1] ?? [line]).join('\n');
}

describe('renameStage', () => {
  test('a reference to one job of the matrix keeps its values: "build: [linux]" becomes "compile: [linux]"', () => {
    const text = dedent`
      build:
        script: make
        parallel:
          matrix:
            - OS: [linux, windows]
      test:
        needs: ["build: [linux]", {job: "build: [windows]", artifacts: false}]
        script: make test
    `;
    assert.equal(edit(text, { op: 'renameStage', stage: 'build', newId: 'compile' }), text.replace('build:\n', 'compile:\n').replace('"build: [linux]"', '"compile: [linux]"').replace('"build: [windows]"', '"compile: [windows]"'));
    // Removing the dependency or the matrix job takes such a reference along; two of them in one list are the user's to choose between.
    const one = text.replace(', {job: "build: [windows]", artifacts: false}', ', lint').replace('build:\n', 'lint:\n  script: make lint\nbuild:\n');
    assert.equal(edit(one, { op: 'removeDependency', stage: 'test', dependsOn: 'build' }), one.replace('"build: [linux]", lint', 'lint'));
    assert.equal(edit(one, { op: 'deleteStage', stage: 'build' }), one.replace(/build:\n(?: {2}.*\n)+/, '').replace('"build: [linux]", lint', 'lint'));
    refused(text, { op: 'deleteStage', stage: 'build' }, /needs: names 2 jobs of the matrix of "build" \("build: \[linux\]", "build: \[windows\]"\); edit them in the text/);
  });

  test('renames the key and every needs and dependencies item naming it', () => {
    assertEdit(PIPELINE, { op: 'renameStage', stage: 'unit', newId: 'unit-tests' },
      pipelineWith({ 11: ['unit-tests:'], 23: ['    - unit-tests'], 27: ['    - unit-tests'] }), [[11, 11], [23, 23], [27, 27]]);
  });

  test('renames a flow needs item and keeps the end-of-line comment on the key line', () => {
    assertEdit(PIPELINE, { op: 'renameStage', stage: 'build', newId: 'compile' },
      pipelineWith({ 7: ['compile:'], 17: ['  needs: [compile]'] }), [[7, 7], [17, 17]]);
  });

  test('renames a {job: x} item and environment on_stop', () => {
    assertEdit(PIPELINE, { op: 'renameStage', stage: 'lint', newId: 'style' },
      pipelineWith({ 15: ['style:'], 24: ['    - job: style'] }), [[15, 15], [24, 24]]);
    assertEdit(PIPELINE, { op: 'renameStage', stage: 'stop', newId: 'teardown' },
      pipelineWith({ 30: ['    on_stop: teardown'], 33: ['teardown:'] }), [[30, 30], [33, 33]]);
  });

  test('a new name with a comma is quoted inside flow lists and maps, and plain as a key', () => {
    const text = 'build:\n  script: make\ntest:\n  needs: [build, {job: build, optional: true}]\n  script: make test\n';
    assert.equal(edit(text, { op: 'renameStage', stage: 'build', newId: 'build, eu' }),
      "build, eu:\n  script: make\ntest:\n  needs: ['build, eu', {job: 'build, eu', optional: true}]\n  script: make test\n");
  });

  test('a job named like its lane keeps the lane', () => {
    const text = 'build:\n  stage: build\n  script: make\ntest:\n  needs: [build]\n  script: make test\n';
    assert.equal(edit(text, { op: 'renameStage', stage: 'build', newId: 'compile' }),
      'compile:\n  stage: build\n  script: make\ntest:\n  needs: [compile]\n  script: make test\n');
  });

  test('renames a child pipeline trigger artifact job', () => {
    const text = dedent`
      generate:
        stage: build
        script: ./gen.sh > child.yml
        artifacts:
          paths: [child.yml]
      child:
        stage: test
        needs: [generate]
        trigger:
          include:
            - artifact: child.yml
              job: generate
    `;
    assert.equal(edit(text, { op: 'renameStage', stage: 'generate', newId: 'gen' }),
      text.replace('generate:', 'gen:').replace('needs: [generate]', 'needs: [gen]').replace('job: generate', 'job: gen'));
  });

  test('refuses names GitLab does not read as jobs, and names already used', () => {
    refused(PIPELINE, { op: 'renameStage', stage: 'unit', newId: '.hidden' }, /hidden template/);
    refused(PIPELINE, { op: 'renameStage', stage: 'unit', newId: 'variables' }, /GitLab setting/);
    refused(PIPELINE, { op: 'renameStage', stage: 'unit', newId: 'lint' }, /already exists/);
  });

  test('issue #10: extends and !reference targets follow a rename; a $CI_JOB_NAME rule naming it refuses', () => {
    const base = 'stages: [test]\nbase:\n  stage: test\n  script: make\n';
    const extending = base + 'other:\n  extends: base\n';
    assert.equal(edit(extending, { op: 'renameStage', stage: 'base', newId: 'b' }), extending.replace('base:', 'b:').replace('extends: base', 'extends: b'));
    const referring = base + 'other:\n  stage: test\n  script:\n    - !reference [base, script]\n';
    assert.equal(edit(referring, { op: 'renameStage', stage: 'base', newId: 'b' }), referring.replace('base:', 'b:').replace('[base, script]', '[b, script]'));
    // A need written once in a hidden template, inherited by two jobs, is renamed once, where it is written.
    const inherited = 'stages: [build, test]\nbuild:\n  stage: build\n  script: make\n.t:\n  needs: [build]\none:\n  extends: .t\n  stage: test\n  script: a\ntwo:\n  extends: [.t]\n  stage: test\n  script: b\n';
    const r = planOperation(inherited, { op: 'renameStage', stage: 'build', newId: 'compile' }, { dialect: 'gitlab' });
    assert.ok(r.ok, r.ok ? '' : r.reason);
    assert.equal(r.text, inherited.replace('build:\n  stage: build', 'compile:\n  stage: build').replace('needs: [build]', 'needs: [compile]'));
    assert.equal(r.references, 1);
    // A job named like a path is one name (only Azure ids are Stage/Job), and a cycle already there is no new error.
    const pathy = 'stages: [a, b]\ncross/arm/build:\n  stage: a\n  script: x\ntest:\n  stage: b\n  needs: [cross/arm/build]\n  script: y\n';
    assert.equal(edit(pathy, { op: 'renameStage', stage: 'cross/arm/build', newId: 'build2' }), pathy.replace('cross/arm/build:', 'build2:').replace('[cross/arm/build]', '[build2]'));
    const cycle = 'a:\n  needs: [b]\n  script: x\nb:\n  needs: [a]\n  script: y\n';
    assert.equal(edit(cycle, { op: 'renameStage', stage: 'a', newId: 'c' }), 'c:\n  needs: [b]\n  script: x\nb:\n  needs: [c]\n  script: y\n');
    // The extending job itself is renamed too: its key is its own.
    assert.equal(edit(extending, { op: 'renameStage', stage: 'other', newId: 'o' }), extending.replace('other:', 'o:'));
    refused(base + 'other:\n  stage: test\n  script: x\n  rules:\n    - if: $CI_JOB_NAME == "base"\n', { op: 'renameStage', stage: 'base', newId: 'b' },
      /tests the job name "base" in its rules: \(line 9\)/);
  });
});

describe('deleteStage', () => {
  test('removes the job with one blank line; the multi-line {job: x} item naming it becomes what it needed', () => {
    assertEdit(PIPELINE, { op: 'deleteStage', stage: 'lint' },
      pipelineWith({ 15: [], 16: [], 17: [], 18: [], 19: [], 24: ['    - build'], 25: [] }), [[15, 19], [24, 25]]);
  });

  test('a job that followed the stage order passes it on as needs; a dependencies list left empty becomes []; the lane stays', () => {
    assertEdit(PIPELINE, { op: 'deleteStage', stage: 'unit' },
      pipelineWith({ 11: [], 12: [], 13: [], 14: [], 23: ['    - build'], 26: ['  dependencies: []'], 27: [] }), [[11, 14], [23, 23], [26, 27]]);
  });

  test('a job whose only need goes keeps needs: [] (it never waited for the stage order); its introducing comment goes with it', () => {
    assertEdit(PIPELINE, { op: 'deleteStage', stage: 'build' },
      pipelineWith({ 6: [], 7: [], 8: [], 9: [], 10: [], 17: ['  needs: []'] }), [[6, 10], [17, 17]]);
  });

  test('a comment right under the job above, with no blank line between, may be its tail: it stays', () => {
    const text = 'a:\n  script: x\n# a note on a\nb:\n  script: y\n\nc:\n  script: z\n';
    assert.equal(edit(text, { op: 'deleteStage', stage: 'b' }), 'a:\n  script: x\n# a note on a\n\nc:\n  script: z\n');
  });

  test('the last job goes with the blank line above it; on_stop naming it goes too', () => {
    assertEdit(PIPELINE, { op: 'deleteStage', stage: 'stop' },
      pipelineWith({ 30: [], 32: [], 33: [], 34: [], 35: [], 36: [], 37: [], 38: [], 39: [], 40: [] }), [[30, 30], [32, 40]]);
  });

  test('refuses when another job extends it, or starts a child pipeline from its artifact', () => {
    refused('base:\n  script: make\nother:\n  extends: [base]\n', { op: 'deleteStage', stage: 'base' }, /"other" extends "base"/);
    const text = 'gen:\n  stage: build\n  script: x\nchild:\n  needs: [gen]\n  trigger:\n    include:\n      - artifact: c.yml\n        job: gen\n';
    refused(text, { op: 'deleteStage', stage: 'gen' }, /child pipeline from the artifact of "gen"/);
  });
});

describe('addDependency', () => {
  test('flow list: appended in the list', () => {
    assertEdit(PIPELINE, { op: 'addDependency', stage: 'lint', dependsOn: 'unit' }, pipelineWith({ 17: ['  needs: [build, unit]'] }), [[17, 17]]);
  });

  test('block list: a new item at the same dash column', () => {
    assertEdit(PIPELINE, { op: 'addDependency', stage: 'deploy', dependsOn: 'build' },
      pipelineWith({ 25: ['      artifacts: false', '    - build'] }), [[25, 26]]);
  });

  test('{job: x} list: the new item in that form', () => {
    const text = 'a:\n  stage: build\n  script: x\nb:\n  stage: build\n  script: x\nc:\n  needs:\n    - job: a\n      artifacts: true\n  script: x\n';
    assert.equal(edit(text, { op: 'addDependency', stage: 'c', dependsOn: 'b' }), text.replace('      artifacts: true\n', '      artifacts: true\n    - job: b\n'));
    const flowItems = 'a:\n  stage: build\n  script: x\nb:\n  stage: build\n  script: x\nc:\n  needs:\n    - {job: a, artifacts: true}\n  script: x\n';
    assert.equal(edit(flowItems, { op: 'addDependency', stage: 'c', dependsOn: 'b' }),
      flowItems.replace('    - {job: a, artifacts: true}\n', '    - {job: a, artifacts: true}\n    - {job: b}\n'));
  });

  test('a scalar needs becomes a flow list', () => {
    const text = 'a:\n  stage: build\n  script: x\nb:\n  stage: build\n  script: x\nc:\n  needs: a\n  script: x\n';
    assert.equal(edit(text, { op: 'addDependency', stage: 'c', dependsOn: 'b' }), text.replace('needs: a', 'needs: [a, b]'));
  });

  test('without needs: writes the stage-order dependencies plus the new one', () => {
    assertEdit(PIPELINE, { op: 'addDependency', stage: 'unit', dependsOn: 'lint' },
      pipelineWith({ 12: ['  stage: test', '  needs: [build, lint]'] }), [[12, 13]]);
  });

  test('without needs: a dependency that rules may leave out is needed with optional: true', () => {
    const text = dedent`
      stages: [build, test]
      a:
        stage: build
        script: x
      b:
        stage: build
        script: x
        rules:
          - if: $CI_COMMIT_TAG
      c:
        stage: test
        script: x
      d:
        stage: test
        script: x
    `;
    assert.equal(edit(text, { op: 'addDependency', stage: 'd', dependsOn: 'c' }),
      text.replace('  stage: test\n  script: x\n', '  stage: test\n  script: x\n').replace(/d:\n  stage: test\n/, 'd:\n  stage: test\n  needs: [a, {job: b, optional: true}, c]\n'));
  });

  test('refuses a need on a job of a later stage; a dependencies: list goes among the needs too', () => {
    refused(PIPELINE, { op: 'addDependency', stage: 'unit', dependsOn: 'stop' }, /"stop" is in stage "deploy", which runs after "unit"'s stage "test"; GitLab rejects needs on a job of a later stage/);
    const text = 'stages: [a, b, c]\nx:\n  stage: a\n  script: s\nm:\n  stage: b\n  script: s\nw:\n  stage: c\n  script: s\nz:\n  stage: c\n  dependencies: [x]\n  script: s\n';
    // GitLab wants every job of dependencies: among needs:, and dependencies: still decides the artifacts.
    assert.equal(edit(text, { op: 'addDependency', stage: 'z', dependsOn: 'w' }), text.replace('z:\n  stage: c\n', 'z:\n  stage: c\n  needs: [m, w, x]\n'));
    assert.equal(edit(text, { op: 'addDependency', stage: 'z', dependsOn: 'x' }), text.replace('z:\n  stage: c\n', 'z:\n  stage: c\n  needs: [m, x]\n'));
    const unknown = 'include: base.yml\nstages: [a, b]\nx:\n  stage: a\n  script: s\ny:\n  stage: b\n  script: s\nz:\n  stage: b\n  dependencies: [elsewhere]\n  script: s\n';
    refused(unknown, { op: 'addDependency', stage: 'z', dependsOn: 'y' }, /"z" downloads artifacts from "elsewhere" \(dependencies:\), which is not defined in this file; with needs: GitLab wants it listed there too/);
  });
});

describe('issue #10: artifact flow is kept when the stage order becomes needs:', () => {
  const ISSUE = dedent`
    stages: [build, test, deploy]
    build:  {stage: build, script: make, artifacts: {paths: [dist/]}}
    lint:   {stage: build, script: make lint}
    test:   {stage: test, script: make test}
    deploy: {stage: deploy, script: ./deploy.sh dist/}
  `;
  const deployLine = (text: string) => text.split('\n').find((l) => l.startsWith('deploy:'));

  test('adding deploy ← lint also needs build, whose dist/ deploy downloads', () => {
    assert.equal(deployLine(edit(ISSUE, { op: 'addDependency', stage: 'deploy', dependsOn: 'lint' })),
      'deploy: {stage: deploy, script: ./deploy.sh dist/, needs: [test, lint, build]}');
  });

  test('removing deploy − test keeps needing build for its artifacts (not needs: [])', () => {
    assert.equal(deployLine(edit(ISSUE, { op: 'removeDependency', stage: 'deploy', dependsOn: 'test' })),
      'deploy: {stage: deploy, script: ./deploy.sh dist/, needs: [build]}');
    // Removing the dependency that left the artifacts drops them, as asked.
    const direct = ISSUE.replace('stages: [build, test, deploy]', 'stages: [build, deploy]').replace('test:   {stage: test, script: make test}\n', '');
    assert.equal(deployLine(edit(direct, { op: 'removeDependency', stage: 'deploy', dependsOn: 'build' })),
      'deploy: {stage: deploy, script: ./deploy.sh dist/, needs: [lint]}');
  });

  test('a conditional source is needed as optional; artifacts: from default: count; artifacts: false does not', () => {
    const text = dedent`
      default: {artifacts: {paths: [out/]}}
      stages: [build, test, deploy]
      build:  {stage: build, script: make, rules: [{if: $CI_COMMIT_TAG}]}
      docs:   {stage: build, script: make docs, inherit: {default: false}}
      test:   {stage: test, script: make test, needs: [{job: build, artifacts: false}]}
      deploy: {stage: deploy, script: ./deploy.sh}
    `;
    const graph = parsePipeline(text, { dialect: 'gitlab' });
    assert.deepEqual(graph.nodes.map((n) => `${n.id}:${n.leavesArtifacts ? 'leaves' : '-'}:${JSON.stringify(n.artifactsFrom)}`),
      ['build:leaves:"earlier-stages"', 'docs:-:"earlier-stages"', 'test:leaves:[]', 'deploy:leaves:"earlier-stages"']);
    assert.equal(deployLine(edit(text, { op: 'addDependency', stage: 'deploy', dependsOn: 'docs' })),
      'deploy: {stage: deploy, script: ./deploy.sh, needs: [test, docs, {job: build, optional: true}]}');
  });

  test('the verification sees a lost artifact: a planner that forgets them is refused', () => {
    const before = parsePipeline(ISSUE, { dialect: 'gitlab' });
    const after = parsePipeline(ISSUE.replace('./deploy.sh dist/}', './deploy.sh dist/, needs: [test, lint]}'), { dialect: 'gitlab' });
    const problems = compareWithExpectation(expectAfter(before, { op: 'addDependency', stage: 'deploy', dependsOn: 'lint' }), after);
    assert.deepEqual(problems, ['"deploy" would no longer receive the artifacts of "build"']);
  });

  test('a stage added between two jobs keeps the later one needing the earlier for its artifacts', () => {
    const text = dedent`
      stages: [build, deploy]
      build:  {stage: build, script: make, artifacts: {paths: [dist/]}}
      deploy: {stage: deploy, script: ./deploy.sh dist/, needs: [build]}
    `;
    const result = edit(text, { op: 'addStage', template: 'security-scan', id: 'scan', after: 'build', before: 'deploy' });
    assert.match(deployLine(result)!, /needs: \[build, scan\]\}$/);
  });
});

describe('removeDependency', () => {
  test('block list: the item goes; a dependencies: item naming it too', () => {
    assertEdit(PIPELINE, { op: 'removeDependency', stage: 'deploy', dependsOn: 'unit' },
      pipelineWith({ 23: [], 26: ['  dependencies: []'], 27: [] }), [[23, 23], [26, 27]]);
  });

  test('the last item leaves needs: []', () => {
    assertEdit(PIPELINE, { op: 'removeDependency', stage: 'lint', dependsOn: 'build' }, pipelineWith({ 17: ['  needs: []'] }), [[17, 17]]);
    const block = 'a:\n  stage: build\n  script: x\nb:\n  needs:\n    - a   # the only one\n  script: x\n';
    assert.equal(edit(block, { op: 'removeDependency', stage: 'b', dependsOn: 'a' }), 'a:\n  stage: build\n  script: x\nb:\n  needs: []   # the only one\n  script: x\n');
  });

  test('stage order: writes the remaining stage-order dependencies', () => {
    assertEdit(PIPELINE, { op: 'removeDependency', stage: 'unit', dependsOn: 'build' }, pipelineWith({ 12: ['  stage: test', '  needs: []'] }), [[12, 13]]);
    const text = 'a:\n  stage: build\n  script: x\nb:\n  stage: build\n  script: x\nc:\n  script: x\n';
    assert.equal(edit(text, { op: 'removeDependency', stage: 'c', dependsOn: 'a' }), text.replace('c:\n', 'c:\n  needs: [b]\n'));
  });
});

describe('addStage', () => {
  test('an id that names a kind of its own is taken: the job is what its name says, as anywhere', () => {
    // A health check called "smoke" is an integration test; "rollback-check" a rollback.
    for (const [id, kind] of [['smoke', 'integration-test'], ['rollback-check', 'rollback'], ['health', 'verify']]) {
      const result = edit(PIPELINE, { op: 'addStage', template: 'verify-health', id, after: 'build' });
      assert.equal(parsePipeline(result, { dialect: 'gitlab' }).nodes.find((n) => n.id === id)?.kind, kind, id);
    }
  });

  test('between two stages: after `after`, in the template lane, `before` rewired from the stage order', () => {
    const result = edit(PIPELINE, { op: 'addStage', template: 'security-scan', id: 'scan', after: 'build', before: 'unit' });
    const lines = result.split('\n');
    assert.deepEqual(lines.slice(9, 13), ['', 'scan:', '  stage: test', '  needs: [build]']);
    assert.equal(result.replace(/\nscan:\n[\s\S]*?\n\n/, '\n').replace('  needs: [scan]\n', ''), PIPELINE);
    assert.match(result, /unit:\n  stage: test\n  needs: \[scan\]\n/);
    assert.equal(parsePipeline(result, { dialect: 'gitlab' }).nodes.find((n) => n.id === 'scan')?.kind, 'security-scan');
  });

  test('between two stages joined by needs: the need is replaced', () => {
    const result = edit(PIPELINE, { op: 'addStage', template: 'unit-tests', id: 'quick', after: 'build', before: 'lint' });
    assert.match(result, /lint:\n  stage: test\n  needs: \[quick\]\n/);
    assert.match(result, /# build it\n\nquick:\n  stage: test\n  needs: \[build\]\n  image: node:20-alpine\n/);
  });

  test('at the end, in a lane the file has; notify goes to .post', () => {
    const result = edit(PIPELINE, { op: 'addStage', template: 'notify', id: 'notify' });
    assert.ok(result.startsWith(PIPELINE + '\nnotify:\n  stage: .post\n  image: curlimages/curl:8.10.1\n'), result);
  });

  test('a lane the file lacks is added to stages: in the usual order', () => {
    const text = 'stages:\n  - build\n  - deploy\nbuild:\n  stage: build\n  script: make\n';
    const result = edit(text, { op: 'addStage', template: 'unit-tests', id: 'unit' });
    assert.ok(result.startsWith('stages:\n  - build\n  - test\n  - deploy\nbuild:\n  stage: build\n  script: make\nunit:\n  stage: test\n'), result);
    const flow = 'stages: [build, deploy]\nbuild:\n  stage: build\n  script: make\n';
    assert.ok(edit(flow, { op: 'addStage', template: 'e2e-tests', id: 'e2e' }).startsWith('stages: [build, e2e, deploy]\n'));
    assert.ok(edit(flow, { op: 'addStage', template: 'verify-health', id: 'health' }).startsWith('stages: [build, deploy]\n'), 'verify-health fits the deploy lane');
  });

  test('without stages: a lane GitLab does not default to falls back to the nearest default lane', () => {
    const text = 'variables:\n  A: b\n\nbuild:\n  stage: build\n  script: make\n';
    const result = edit(text, { op: 'addStage', template: 'e2e-tests', id: 'e2e' });
    assert.ok(result.startsWith(text + '\ne2e:\n  stage: test\n'), result);
  });

  test('refuses a `before` in an earlier stage than the new job would be', () => {
    refused(PIPELINE, { op: 'addStage', template: 'build', id: 'pkg', after: 'deploy', before: 'unit' }, /comes before|later stage/);
  });

  test('`lane` puts the job in that stage instead of the template\'s, after a job of that stage or by the stage order', () => {
    const inTest = edit(PIPELINE, { op: 'addStage', template: 'notify', id: 'notify', lane: 'test' });
    assert.ok(inTest.startsWith(PIPELINE + '\nnotify:\n  stage: test\n  image: curlimages/curl:8.10.1\n'), inTest);
    const graph = parsePipeline(inTest, { dialect: 'gitlab' });
    assert.deepEqual(graph.edges.filter((e) => e.to === 'notify').map((e) => e.from), ['build'], 'without needs it waits for the stage before');
    const afterUnit = edit(PIPELINE, { op: 'addStage', template: 'notify', id: 'notify', after: 'unit', lane: 'test' });
    assert.match(afterUnit, /script: make test\n\nnotify:\n  stage: test\n  needs: \[unit\]\n/);
    refused(PIPELINE, { op: 'addStage', template: 'notify', id: 'notify', lane: 'review' }, /no stage "review"/);
    refused(PIPELINE, { op: 'addStage', template: 'notify', id: 'notify', after: 'deploy', lane: 'test' }, /before "deploy"'s stage "deploy"/);
    refused(PIPELINE, { op: 'addStage', template: 'notify', id: 'notify', before: 'unit', lane: 'deploy' }, /later stage/);
  });
});

describe('moveToStage', () => {
  test('replaces stage:, adding a new stage at the end of stages:', () => {
    assertEdit(PIPELINE, { op: 'moveToStage', stage: 'stop', to: 'cleanup' },
      pipelineWith({ 4: ['  - deploy', '  - cleanup'], 34: ['  stage: cleanup'] }), [[4, 5], [34, 34]]);
    assertEdit(PIPELINE, { op: 'moveToStage', stage: 'lint', to: 'build' }, pipelineWith({ 16: ['  stage: build'] }), [[16, 16]]);
  });

  test('flow stages:, a job without stage:, and .post', () => {
    const text = 'stages: [build, test]\nbuild:\n  stage: build\n  script: make\ncheck:\n  script: make check\n';
    assert.equal(edit(text, { op: 'moveToStage', stage: 'check', to: 'verify' }),
      'stages: [build, test, verify]\nbuild:\n  stage: build\n  script: make\ncheck:\n  stage: verify\n  script: make check\n');
    assert.equal(edit(text, { op: 'moveToStage', stage: 'check', to: '.post' }), text.replace('check:\n', 'check:\n  stage: .post\n'));
    const post = 'stages:\n  - build\n  - .post\nbuild:\n  stage: build\n  script: make\n';
    assert.equal(edit(post, { op: 'moveToStage', stage: 'build', to: 'package' }), post.replace('  - .post', '  - package\n  - .post').replace('stage: build', 'stage: package'));
  });

  test('refuses a new stage in a file without stages: (the defaults apply, or an including file declares them)', () => {
    refused('build:\n  stage: build\n  script: make\n', { op: 'moveToStage', stage: 'build', to: 'package' }, /this file has no stages:/);
    assert.equal(edit('build:\n  stage: build\n  script: make\n', { op: 'moveToStage', stage: 'build', to: 'deploy' }), 'build:\n  stage: deploy\n  script: make\n');
  });

  test('refuses a move that puts a job before what it needs, or after what needs it', () => {
    refused(PIPELINE, { op: 'moveToStage', stage: 'unit', to: 'qa' }, /"deploy" \(stage "deploy"\) needs "unit", which would move to the later stage "qa"/);
    refused(PIPELINE, { op: 'moveToStage', stage: 'lint', to: '.pre' }, /"lint" needs "build" of stage "build", which would run after stage ".pre"/);
  });
});

describe('setProperty', () => {
  test('runner: image: added after stage:, replaced, the {name} form kept, removed', () => {
    assertEdit(PIPELINE, { op: 'setProperty', stage: 'build', property: 'runner', value: 'gcc:14' },
      pipelineWith({ 8: ['  stage: build', '  image: gcc:14'] }), [[8, 9]]);
    const text = 'a:\n  image: node:18\n  script: x\nb:\n  image:\n    name: node:18\n    entrypoint: [""]\n  script: x\n';
    assert.equal(edit(text, { op: 'setProperty', stage: 'a', property: 'runner', value: 'node:20' }), text.replace('image: node:18', 'image: node:20'));
    assert.equal(edit(text, { op: 'setProperty', stage: 'b', property: 'runner', value: 'node:20' }), text.replace('name: node:18', 'name: node:20'));
    assert.equal(edit(text, { op: 'setProperty', stage: 'a', property: 'runner', value: null }), text.replace('  image: node:18\n', ''));
  });

  test('environment: name and url in the mapping, other keys kept; scalar form; removal', () => {
    assertEdit(PIPELINE, { op: 'setProperty', stage: 'deploy', property: 'environment', value: { name: 'prod', url: 'https://example.com' } },
      pipelineWith({ 29: ['    name: prod', '    url: https://example.com'] }), [[29, 30]]);
    assertEdit(PIPELINE, { op: 'setProperty', stage: 'unit', property: 'environment', value: { name: 'review' } },
      pipelineWith({ 13: ['  script: make test', '  environment: review'] }), [[13, 14]]);
    assertEdit(PIPELINE, { op: 'setProperty', stage: 'deploy', property: 'environment', value: null },
      pipelineWith({ 28: [], 29: [], 30: [] }), [[28, 30]]);
    const scalar = 'deploy:\n  environment: staging\n  script: x\n';
    assert.equal(edit(scalar, { op: 'setProperty', stage: 'deploy', property: 'environment', value: { name: 'staging', url: 'https://s.example.com' } }),
      'deploy:\n  environment:\n    name: staging\n    url: https://s.example.com\n  script: x\n');
  });

  test('gate: manual (blocking), delayed with start_in, and none', () => {
    assertEdit(PIPELINE, { op: 'setProperty', stage: 'deploy', property: 'gate', value: { kind: 'manual' } },
      pipelineWith({ 31: ['  script: ./deploy.sh', '  when: manual', '  allow_failure: false'] }), [[31, 32]]);
    assertEdit(PIPELINE, { op: 'setProperty', stage: 'stop', property: 'gate', value: { kind: 'delayed', after: '1 hour' } },
      pipelineWith({ 36: ['  when: delayed', '  start_in: 1 hour'] }), [[36, 37]]);
    assertEdit(PIPELINE, { op: 'setProperty', stage: 'stop', property: 'gate', value: null }, pipelineWith({ 36: [] }), [[36, 36]]);
    const delayed = 'a:\n  when: delayed\n  start_in: 5 minutes\n  script: x\n';
    assert.equal(edit(delayed, { op: 'setProperty', stage: 'a', property: 'gate', value: { kind: 'manual' } }),
      'a:\n  when: manual\n  allow_failure: false\n  script: x\n');
  });

  test('gate: refused for approvers, for rules that set when:, and when it would empty the job', () => {
    refused(PIPELINE, { op: 'setProperty', stage: 'deploy', property: 'gate', value: { kind: 'approvers', approvers: ['ann'] } },
      /protected environment/);
    const rules = 'a:\n  script: x\n  rules:\n    - if: $CI_COMMIT_TAG\n      when: manual\n';
    refused(rules, { op: 'setProperty', stage: 'a', property: 'gate', value: null }, /rules: decide when it runs/);
    refused('a:\n  when: manual\nb:\n  script: x\n', { op: 'setProperty', stage: 'a', property: 'gate', value: null }, /leave the job empty/);
  });

  test('condition: one rules: - if:, replaced in place, removed; other rules and only: refused', () => {
    assertEdit(PIPELINE, { op: 'setProperty', stage: 'lint', property: 'condition', value: '$CI_COMMIT_BRANCH == "main"' },
      pipelineWith({ 18: ['  script: make lint', '  rules:', '    - if: $CI_COMMIT_BRANCH == "main"'] }), [[18, 19]]);
    const one = 'a:\n  script: x\n  rules:\n    - if: $A\n';
    assert.equal(edit(one, { op: 'setProperty', stage: 'a', property: 'condition', value: '$B' }), one.replace('$A', '$B'));
    assert.equal(edit(one, { op: 'setProperty', stage: 'a', property: 'condition', value: null }), 'a:\n  script: x\n');
    refused('a:\n  script: x\n  rules:\n    - if: $A\n    - when: never\n', { op: 'setProperty', stage: 'a', property: 'condition', value: '$B' }, /beyond a single/);
    refused('a:\n  script: x\n  only: [main]\n', { op: 'setProperty', stage: 'a', property: 'condition', value: '$B' }, /uses only:/);
  });

  test('timeout: minutes become a GitLab duration; replaced; removed', () => {
    assertEdit(PIPELINE, { op: 'setProperty', stage: 'lint', property: 'timeout', value: 30 },
      pipelineWith({ 18: ['  script: make lint', '  timeout: 30 minutes'] }), [[18, 19]]);
    const text = 'a:\n  timeout: 1h\n  script: x\n';
    assert.equal(edit(text, { op: 'setProperty', stage: 'a', property: 'timeout', value: '2h 30m' }), text.replace('1h', '2h 30m'));
    assert.equal(edit(text, { op: 'setProperty', stage: 'a', property: 'timeout', value: null }), 'a:\n  script: x\n');
  });

  test('name and strategy: refused with what to do instead', () => {
    refused(PIPELINE, { op: 'setProperty', stage: 'lint', property: 'name', value: 'Lint' }, /no display name apart from its key; rename the job/);
    refused(PIPELINE, { op: 'setProperty', stage: 'deploy', property: 'strategy', value: { kind: 'canary', steps: [10, 50] } }, /no deployment-strategy setting/);
  });
});

describe('file styles', () => {
  test('CRLF line endings are kept in every new line', () => {
    const text = crlf(PIPELINE);
    assert.equal(edit(text, { op: 'addDependency', stage: 'unit', dependsOn: 'lint' }), crlf(pipelineWith({ 12: ['  stage: test', '  needs: [build, lint]'] })));
    assert.equal(edit(text, { op: 'deleteStage', stage: 'lint' }), crlf(pipelineWith({ 15: [], 16: [], 17: [], 18: [], 19: [], 24: ['    - build'], 25: [] })));
    assert.equal(edit(text, { op: 'moveToStage', stage: 'stop', to: 'cleanup' }), crlf(pipelineWith({ 4: ['  - deploy', '  - cleanup'], 34: ['  stage: cleanup'] })));
    const added = edit(text, { op: 'addStage', template: 'verify-health', id: 'health', after: 'deploy' });
    assert.ok(!/[^\r]\n/.test(added), 'a bare LF in the result');
  });

  test('4-space indent, flush sequences and aligned end-of-line comments', () => {
    const text = dedent`
      stages: [build, test]

      build:
          stage: build
          script:
          - make          # compile
          - make install  # stage files

      docs:
          stage: build
          script:
          - make docs     # html

      test:
          stage: test
          needs:
          - build
          script:
          - make check

      lint:
          stage: test
          script:
          - make lint
    `;
    assert.equal(edit(text, { op: 'addDependency', stage: 'test', dependsOn: 'docs' }), text.replace('    - build\n', '    - build\n    - docs\n'));
    assert.equal(edit(text, { op: 'addDependency', stage: 'lint', dependsOn: 'test' }),
      text.replace('lint:\n    stage: test\n', 'lint:\n    stage: test\n    needs:\n    - build\n    - docs\n    - test\n'));
    assert.equal(edit(text, { op: 'setProperty', stage: 'docs', property: 'environment', value: { name: 'docs', url: 'https://docs.example.com' } }),
      text.replace('    - make docs     # html\n', '    - make docs     # html\n    environment:\n        name: docs\n        url: https://docs.example.com\n'));
    const added = edit(text, { op: 'addStage', template: 'build', id: 'pkg', after: 'build' });
    assert.match(added, /\n\npkg:\n    stage: build\n    needs:\n    - build\n    image: node:20-alpine\n    cache:\n        key:\n            files:\n            - package-lock.json\n/);
  });

  test('blank-line runs between jobs: a deleted job takes one run with it', () => {
    const text = 'a:\n  script: x\n\n\nb:\n  script: y\n\n\nc:\n  script: z\n';
    assert.equal(edit(text, { op: 'deleteStage', stage: 'b' }), 'a:\n  script: x\n\n\nc:\n  script: z\n');
    assert.equal(edit(text, { op: 'deleteStage', stage: 'a' }), 'b:\n  script: y\n\n\nc:\n  script: z\n');
  });

  test('a file without a final newline stays without one', () => {
    const text = PIPELINE.replace(/\n$/, '');
    assert.equal(edit(text, { op: 'setProperty', stage: 'stop', property: 'timeout', value: 5 }), text + '\n  timeout: 5 minutes');
    assert.equal(edit(text, { op: 'deleteStage', stage: 'stop' }), pipelineWith({ 30: [], 32: [], 33: [], 34: [], 35: [], 36: [], 37: [], 38: [], 39: [], 40: [] }).replace(/\n$/, ''));
    const added = edit(text, { op: 'addStage', template: 'notify', id: 'notify' });
    assert.ok(added.startsWith(text + '\n\nnotify:\n') && !added.endsWith('\n'), added);
  });
});

describe('read-only constructs', () => {
  const ANCHORED = dedent`
    .defaults: &defaults
      image: alpine:3.20
      tags: [docker]

    build:
      <<: *defaults
      stage: build
      script: make

    test:
      stage: test
      needs: [build]
      script:
        - !reference [.setup, script]
        - make test

    .setup:
      script:
        - ./setup.sh

    lint:
      stage: test
      script: make lint
  `;

  test('issue #10: jobs with <<: merges or !reference are edited where the text is their own; the merged part is named when in the way', () => {
    // The merge brings image and tags; a timeout is the job's own key.
    assert.equal(edit(ANCHORED, { op: 'setProperty', stage: 'build', property: 'timeout', value: 5 }), ANCHORED.replace('  script: make\n', '  script: make\n  timeout: 5 minutes\n'));
    refused(ANCHORED, { op: 'setProperty', stage: 'build', property: 'runner', value: 'x' }, /"build" inherits its image: through a `<<:` merge; change it where it is written, in the text$/);
    // Its key is its own: renamed (issue #10).
    assert.equal(edit(ANCHORED, { op: 'renameStage', stage: 'test', newId: 't' }), ANCHORED.replace(/^test:/m, 't:'));
    // Deleting a job that merges an anchor, or uses !reference, takes only its own text.
    assert.equal(edit(ANCHORED, { op: 'deleteStage', stage: 'build' }), ANCHORED.replace('build:\n  <<: *defaults\n  stage: build\n  script: make\n\n', '').replace('needs: [build]', 'needs: []'));
    assert.equal(edit(ANCHORED, { op: 'addDependency', stage: 'test', dependsOn: 'lint' }), ANCHORED.replace('needs: [build]', 'needs: [build, lint]'));
  });

  test('issue #10: a job whose whole mapping is an anchor another job aliases is not edited, nor one whose needs: is an alias', () => {
    const text = dedent`
      build:
        script: make
      test: &t
        needs: [build]
        script: make test
      test2: *t
      lint:
        needs: *n
        script: lint
      x: {needs: &n [build], script: x}
    `;
    refused(text, { op: 'setProperty', stage: 'test', property: 'timeout', value: 5 }, /"test" cannot be edited here: its whole mapping is reused as `\*t` \(line 6\), which the edit would change too; change it in the text$/);
    refused(text, { op: 'deleteStage', stage: 'test' }, /`\*t` \(line 6\) reuses text written in it, which deleting it would leave pointing at nothing/);
    refused(text, { op: 'addDependency', stage: 'lint', dependsOn: 'test' }, /"lint" cannot be edited here: its `needs:` \(line 8\) uses a YAML alias/);
    // The alias job itself can go: only the alias is deleted.
    assert.equal(edit(text, { op: 'deleteStage', stage: 'test2' }), text.replace('test2: *t\n', ''));
  });

  test('issue #10: a job inheriting its needs: through extends or <<: gets its own, the inherited list with the change', () => {
    const text = dedent`
      stages: [build, test]
      .base:
        needs: [a, {job: b, optional: true}]
      a: {stage: build, script: a}
      b: {stage: build, script: b}
      c: {stage: build, script: c}
      t:
        extends: .base
        stage: test
        script: t
    `;
    // The job as written, with `lines` (its own list) under its stage.
    const own = (t: string, lines: string) => t.replace('  stage: test\n', `  stage: test\n${lines}`);
    assert.equal(edit(text, { op: 'addDependency', stage: 't', dependsOn: 'c' }), own(text, '  needs: [a, {job: b, optional: true}, c]\n'));
    assert.equal(edit(text, { op: 'removeDependency', stage: 't', dependsOn: 'a' }), own(text, '  needs: [{job: b, optional: true}]\n'));
    const merged = text.replace('.base:\n', '.base: &base\n').replace('  extends: .base\n', '  <<: *base\n');
    assert.equal(edit(merged, { op: 'addDependency', stage: 't', dependsOn: 'c' }), own(merged, '  needs: [a, {job: b, optional: true}, c]\n'));
    // An inherited dependencies: naming the removed job is written as the job's own without it.
    const withDependencies = text.replace('  needs: [a, {job: b, optional: true}]\n', '  needs: [a, b]\n  dependencies: [a, b]\n');
    assert.equal(edit(withDependencies, { op: 'removeDependency', stage: 't', dependsOn: 'a' }), own(withDependencies, '  needs: [b]\n  dependencies: [b]\n'));
    // An inherited entry that says more than a name is written out with all it says (cern-cta/CTA's
    // release jobs inherit `{job, parallel: {matrix: …}}`).
    const artifacts = text.replace('{job: b, optional: true}', '{job: b, artifacts: false}');
    assert.equal(edit(artifacts, { op: 'addDependency', stage: 't', dependsOn: 'c' }), own(artifacts, '  needs: [a, {job: b, artifacts: false}, c]\n'));
    const entry = "{job: b, parallel: {matrix: [{TARGET: ['$[[ matrix.TARGET ]]', x86]}]}}";
    const matrix = text.replace('{job: b, optional: true}', entry);
    assert.equal(edit(matrix, { op: 'removeDependency', stage: 't', dependsOn: 'a' }), own(matrix, `  needs: [${entry}]\n`));
    // A value that is not plain data is still refused, naming it.
    const tagged = text.replace('{job: b, optional: true}', '{job: b, artifacts: !custom false}');
    refused(tagged, { op: 'addDependency', stage: 't', dependsOn: 'c' }, /"t" inherits its needs: through `extends`, and an entry's `artifacts` is not a plain value/);
  });

  test('edits elsewhere in such a file work and leave anchors, merges and references alone', () => {
    const renamed = edit(ANCHORED, { op: 'renameStage', stage: 'lint', newId: 'style' });
    assert.equal(renamed, ANCHORED.replace('lint:', 'style:'));
    const gated = edit(ANCHORED, { op: 'setProperty', stage: 'lint', property: 'gate', value: { kind: 'manual' } });
    assert.equal(gated, ANCHORED + '  when: manual\n  allow_failure: false\n');
    const needed = edit(ANCHORED, { op: 'addDependency', stage: 'lint', dependsOn: 'test' });
    assert.equal(needed, ANCHORED.replace('lint:\n  stage: test\n', 'lint:\n  stage: test\n  needs: [build, test]\n'));
    const graph = parsePipeline(needed, { dialect: 'gitlab' });
    assert.deepEqual(graph.nodes.find((n) => n.id === 'build')?.marks, ['merge', 'alias']);
    assert.match(needed, /\.defaults: &defaults\n[\s\S]*<<: \*defaults\n[\s\S]*- !reference \[\.setup, script\]\n/);
  });

  test('a job extended by another, or referenced, is refused for every edit that changes it', () => {
    const text = 'base:\n  stage: test\n  script: make\nchild:\n  extends: base\n  variables: {A: b}\n';
    refused(text, { op: 'setProperty', stage: 'base', property: 'runner', value: 'alpine' }, /"child" extends "base"/);
    refused(text, { op: 'moveToStage', stage: 'base', to: 'build' }, /"child" extends "base"/);
  });
});

// PIPELINE with 4-space indentation and CRLF; the `- job:` item's second key stays aligned under `job`.
const FOUR_SPACE_CRLF = crlf(PIPELINE.replace(/^( +)/gm, '$1$1').replace('            artifacts: false', '          artifacts: false'));

describe('GitLab templates', () => {
  test('every catalog template is written for GitLab', () => {
    assert.deepEqual([...GITLAB_TEMPLATE_NAMES].sort(), TEMPLATES.map((t) => t.name).sort());
  });

  test('the gates use GitLab\'s native forms', () => {
    assert.deepEqual(
      [renderGitlabTemplate('approval-manual', { id: 'a' })!.body.when, renderGitlabTemplate('approval-manual', { id: 'a' })!.body.allow_failure],
      ['manual', false],
    );
    const delayed = renderGitlabTemplate('approval-delayed', { id: 'a' })!.body;
    assert.deepEqual([delayed.when, delayed.start_in], ['delayed', '30 minutes']);
    assert.equal(renderGitlabTemplate('rollback-auto', { id: 'a' })!.body.when, 'on_failure');
    assert.equal(renderGitlabTemplate('deploy-staging', { id: 'a', lanes: ['build', 'deploy'] })!.lane, 'deploy');
    assert.equal(renderGitlabTemplate('deploy-staging', { id: 'a', lanes: ['build', 'staging', 'deploy'] })!.lane, 'staging');
  });

  for (const template of TEMPLATES) {
    test(`${template.name}: inserted between two jobs, infers to ${template.kind}`, () => {
      // Not the template's name: a strategy must be read from the script, not from the id.
      const id = `pw_stage_${TEMPLATES.indexOf(template)}`;
      for (const [name, text] of [['LF', PIPELINE], ['CRLF 4-space', FOUR_SPACE_CRLF]] as const) {
        const r = planOperation(text, { op: 'addStage', template: template.name, id, after: 'lint', before: 'deploy' }, { dialect: 'gitlab' });
        assert.ok(r.ok, `${name}: ${r.ok ? '' : r.reason}`);
        const node = r.graph.nodes.find((n) => n.id === id)!;
        assert.equal(node.kind, template.kind, name);
        // A production template is read back as the strategy it is named for; no other claims one.
        assert.equal(node.strategy, /^deploy-production-(rolling|blue-green|canary)$/.exec(template.name)?.[1], name);
        assert.ok(r.graph.edges.some((e) => e.from === 'lint' && e.to === id && !e.implicit), name);
        assert.ok(r.graph.edges.some((e) => e.from === id && e.to === 'deploy' && !e.implicit), name);
        assert.ok(!r.graph.edges.some((e) => e.from === 'lint' && e.to === 'deploy'), name);
        assert.match(r.text, new RegExp(`- job: ${id}\\r?\\n`), name);
      }
    });
  }
});

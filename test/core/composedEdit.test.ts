// Issue #10: edits go where the thing is defined. A pipeline split over files is edited through
// its composed graph; each splice lands in the file it falls in, a rename updates references in
// every file, and what cannot be traced back to one place is refused in words.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyComposedOperations, planComposedOperation, type ComposedPipeline } from '../../src/core/edit/composedPlan';
import type { EditOperation } from '../../src/core/edit/operations';
import { planOperation } from '../../src/core/edit/plan';
import type { Dialect } from '../../src/core/model';

function pipeline(dialect: Dialect, rootPath: string, files: Record<string, string>): ComposedPipeline {
  return {
    dialect,
    rootPath,
    rootText: files[rootPath],
    project: { readFile: (p) => files[p], listFiles: () => [] },
  };
}

/** The files the operation changes, as path → new text; fails on a refusal. */
function changed(p: ComposedPipeline, op: EditOperation): Record<string, string> {
  const r = planComposedOperation(p, op);
  assert.ok(r.ok, r.ok ? '' : r.reason);
  return Object.fromEntries(r.changes.map((c) => [c.path, c.text]));
}

function refusal(p: ComposedPipeline, op: EditOperation): string {
  const r = planComposedOperation(p, op);
  assert.ok(!r.ok, 'expected a refusal');
  return r.reason;
}

const GITLAB = {
  '.gitlab-ci.yml': [
    'include:',
    '  - local: ci/build.yml',
    'stages: [build, test, deploy]',
    '# ship it',
    'deploy:',
    '  stage: deploy',
    '  script: ./deploy.sh',
    '  needs: [build]',
    '',
  ].join('\n'),
  'ci/build.yml': [
    'build:',
    '  stage: build',
    '  script: make   # the whole thing',
    '',
    'test:',
    '  stage: test',
    '  script: make test',
    '  needs:',
    '    - build',
    '',
  ].join('\n'),
};

describe('GitLab: edits in included files', () => {
  const p = pipeline('gitlab', '.gitlab-ci.yml', GITLAB);

  test('a rename changes the key in the included file and the needs in both files, and says how many', () => {
    const r = planComposedOperation(p, { op: 'renameStage', stage: 'build', newId: 'compile' });
    assert.ok(r.ok);
    assert.equal(r.references, 2);
    assert.deepEqual(r.changes.map((c) => c.path), ['.gitlab-ci.yml', 'ci/build.yml']);
    const [root, included] = r.changes.map((c) => c.text);
    assert.equal(root, GITLAB['.gitlab-ci.yml'].replace('needs: [build]', 'needs: [compile]'));
    assert.equal(included, GITLAB['ci/build.yml'].replace('build:\n', 'compile:\n').replace('    - build', '    - compile'));
    assert.ok(r.graph.nodes.some((n) => n.id === 'compile' && n.file === 'ci/build.yml'), 'the composed graph after has the new name in its file');
  });

  test('a property of an included job is written in that file only, the root untouched', () => {
    const out = changed(p, { op: 'setProperty', stage: 'test', property: 'timeout', value: '10m' });
    assert.deepEqual(Object.keys(out), ['ci/build.yml']);
    assert.equal(out['ci/build.yml'], GITLAB['ci/build.yml'].replace('    - build\n', '    - build\n  timeout: 10m\n'));
  });

  test('deleting an included job removes it there; a dependency of a root job on it is written in the root', () => {
    assert.equal(changed(p, { op: 'deleteStage', stage: 'test' })['ci/build.yml'], 'build:\n  stage: build\n  script: make   # the whole thing\n');
    const out = changed(p, { op: 'addDependency', stage: 'deploy', dependsOn: 'test' });
    assert.deepEqual(out, { '.gitlab-ci.yml': GITLAB['.gitlab-ci.yml'].replace('needs: [build]', 'needs: [build, test]') });
  });

  test('a job merged from two files has no one place: refused, naming the files', () => {
    const merged = pipeline('gitlab', '.gitlab-ci.yml', { ...GITLAB, '.gitlab-ci.yml': `${GITLAB['.gitlab-ci.yml']}test:\n  variables: {CI_DEBUG: "1"}\n` });
    const reason = refusal(merged, { op: 'setProperty', stage: 'test', property: 'timeout', value: '5m' });
    assert.match(reason, /"test" is read-only \(.*defined in ci\/build\.yml, \.gitlab-ci\.yml and GitLab merges the definitions/);
    assert.match(refusal(merged, { op: 'renameStage', stage: 'test', newId: 'check' }), /cannot be renamed here/);
  });

  test("the last job of a file that other files follow goes with its blank line above, and nothing of the next file's", () => {
    // The root is first in the composite and ci/build.yml after it: deleting the root's last job
    // was refused ("would run past the end of .gitlab-ci.yml") for the line break between them.
    const files = { ...GITLAB, '.gitlab-ci.yml': `${GITLAB['.gitlab-ci.yml']}\nnotify:\n  stage: deploy\n  script: ./notify.sh\n` };
    const p = pipeline('gitlab', '.gitlab-ci.yml', files);
    assert.deepEqual(changed(p, { op: 'deleteStage', stage: 'notify' }), { '.gitlab-ci.yml': GITLAB['.gitlab-ci.yml'] });
    const three = pipeline('gitlab', '.gitlab-ci.yml', { ...files, '.gitlab-ci.yml': files['.gitlab-ci.yml'].replace('  - local: ci/build.yml', '  - local: ci/build.yml\n  - local: ci/more.yml'), 'ci/more.yml': 'lint:\n  stage: test\n  script: make lint\n' });
    assert.deepEqual(changed(three, { op: 'deleteStage', stage: 'test' }), { 'ci/build.yml': 'build:\n  stage: build\n  script: make   # the whole thing\n' });
  });

  test('a refusal names the line in the file it is in, and that file, not a line of the files end to end', () => {
    const p = pipeline('gitlab', '.gitlab-ci.yml', {
      '.gitlab-ci.yml': 'stages: [build, test]\ninclude:\n  - local: ci/more.yml\n  - local: ci/build.yml\nroot-job:\n  stage: build\n  script: x\n',
      'ci/more.yml': 'other:\n  stage: build\n  script: y\n',
      'ci/build.yml': 'base:\n  stage: build\n  script: make\n\nchild:\n  extends: base\n  stage: test\n',
    });
    assert.match(refusal(p, { op: 'deleteStage', stage: 'base' }), /"child" extends "base" \(line 6 of `ci\/build\.yml`\); deleting it would break it/);
  });

  test('a new job is spaced as the jobs of its file are, whatever lies between the files', () => {
    // The files are tight; the line between two of them (in neither) is not a blank line above a job.
    const tight = pipeline('gitlab', '.gitlab-ci.yml', {
      '.gitlab-ci.yml': 'include: [a.yml, b.yml, c.yml]\nroot-job:\n  script: x\n',
      'a.yml': 'a1:\n  script: a\n',
      'b.yml': 'b1:\n  script: b\n',
      'c.yml': 'c1:\n  script: c\n',
    });
    assert.match(changed(tight, { op: 'addStage', template: 'unit-tests', id: 'unit', after: 'root-job' })['.gitlab-ci.yml'], /\n {2}script: x\nunit:\n/);
  });

  test('a job added to a lane with no job to follow goes at the end of the root, not of the last file it includes', () => {
    const p = pipeline('gitlab', '.gitlab-ci.yml', GITLAB);
    const out = changed(p, { op: 'addStage', template: 'unit-tests', id: 'unit', lane: 'test' });
    assert.deepEqual(Object.keys(out), ['.gitlab-ci.yml']);
    assert.ok(out['.gitlab-ci.yml'].startsWith(GITLAB['.gitlab-ci.yml']) && /\nunit:\n {2}stage: test\n/.test(out['.gitlab-ci.yml']), out['.gitlab-ci.yml']);
  });

  test('an included file without a final line break still has none after its last job goes', () => {
    const noBreak = pipeline('gitlab', '.gitlab-ci.yml', { ...GITLAB, 'ci/build.yml': GITLAB['ci/build.yml'].trimEnd() });
    assert.equal(changed(noBreak, { op: 'deleteStage', stage: 'test' })['ci/build.yml'], 'build:\n  stage: build\n  script: make   # the whole thing');
    assert.equal(changed(noBreak, { op: 'renameStage', stage: 'build', newId: 'compile' })['ci/build.yml'], GITLAB['ci/build.yml'].trimEnd().replace('build:\n', 'compile:\n').replace('    - build', '    - compile'));
  });

  test('a file without a final line break followed by another: its last lines are its own, and it still ends without one', () => {
    // The root comes first in the composite and its last job ends it; the included file is not
    // the last file here either. Before, deleting either last job was refused ("would run past
    // the end"), and a job added after it went to the top of the next file.
    const files = {
      '.gitlab-ci.yml': GITLAB['.gitlab-ci.yml'].trimEnd().replace('  - local: ci/build.yml', '  - local: ci/build.yml\n  - local: ci/lint.yml'),
      'ci/build.yml': GITLAB['ci/build.yml'].trimEnd(),
      'ci/lint.yml': 'lint:\n  stage: test\n  script: make lint\n',
    };
    const p = pipeline('gitlab', '.gitlab-ci.yml', files);
    assert.deepEqual(changed(p, { op: 'deleteStage', stage: 'test' }), { 'ci/build.yml': 'build:\n  stage: build\n  script: make   # the whole thing' });
    const added = changed(p, { op: 'addStage', template: 'unit-tests', id: 'unit', after: 'test' });
    assert.deepEqual(Object.keys(added), ['ci/build.yml']);
    assert.ok(added['ci/build.yml'].startsWith(`${files['ci/build.yml']}\nunit:\n  stage: test\n  needs: [test]\n`) && !added['ci/build.yml'].endsWith('\n'), added['ci/build.yml']);
    const withoutDeploy = changed(p, { op: 'deleteStage', stage: 'deploy' })['.gitlab-ci.yml'];
    // (The comment above it is not blank-line separated from `stages:`: it may be that line's; it stays, as in the file alone.)
    assert.equal(withoutDeploy, files['.gitlab-ci.yml'].slice(0, files['.gitlab-ci.yml'].indexOf('\ndeploy:')));
    assert.deepEqual(changed(p, { op: 'setProperty', stage: 'deploy', property: 'timeout', value: '10m' }), { '.gitlab-ci.yml': `${files['.gitlab-ci.yml']}\n  timeout: 10m` });
    // The line just above the last job names it (issue #10's first bug, in a file that is not the
    // last): its list is emptied, and its line break goes with the lines removed.
    const named = pipeline('gitlab', '.gitlab-ci.yml', { ...files, 'ci/build.yml': 'build:\n  stage: build\n  script: make\n  needs: [test]\ntest:\n  stage: test\n  script: make test' });
    const both = planComposedOperation(named, { op: 'deleteStage', stage: 'test' });
    assert.ok(both.ok, both.ok ? '' : both.reason);
    assert.deepEqual(both.changes.map((c) => [c.path, c.text, c.edits]), [['ci/build.yml', 'build:\n  stage: build\n  script: make\n  needs: []', [{ offset: 45, length: 7, text: ' []' }, { offset: 52, length: 40, text: '' }]]]);
    // The line just above the last job is a reference to it that goes whole (`on_stop:`): the
    // two removals end the file together.
    const stop = 'review:\n  stage: deploy\n  script: ./up\n  environment:\n    name: prod\n    on_stop: stop\nstop:\n  stage: deploy\n  script: ./down\n  when: manual\n  environment: {name: prod, action: stop}';
    const stopped = planComposedOperation(pipeline('gitlab', '.gitlab-ci.yml', { ...files, 'ci/build.yml': stop }), { op: 'deleteStage', stage: 'stop' });
    assert.ok(stopped.ok, stopped.ok ? '' : stopped.reason);
    const left = stop.slice(0, stop.indexOf('\n    on_stop'));
    assert.deepEqual(stopped.changes.map((c) => [c.path, c.text, c.edits]), [['ci/build.yml', left, [{ offset: left.length, length: stop.length - left.length, text: '' }]]]);
    // The splices are the file's own: nothing before its changed end is rewritten.
    const r = planComposedOperation(p, { op: 'deleteStage', stage: 'test' });
    assert.ok(r.ok);
    assert.deepEqual(r.changes[0].edits, [{ offset: files['ci/build.yml'].indexOf('\n\ntest:'), length: files['ci/build.yml'].length - files['ci/build.yml'].indexOf('\n\ntest:'), text: '' }]);
  });

  test('the one job of an included file stays: GitLab rejects an empty included file', () => {
    const files = { ...GITLAB, 'ci/lint.yml': 'lint:\n  stage: test\n  script: make lint\n', '.gitlab-ci.yml': GITLAB['.gitlab-ci.yml'].replace('  - local: ci/build.yml', '  - local: ci/build.yml\n  - local: ci/lint.yml') };
    const p = pipeline('gitlab', '.gitlab-ci.yml', files);
    assert.equal(refusal(p, { op: 'deleteStage', stage: 'lint' }), 'can\'t edit this visually: "lint" is all `ci/lint.yml` holds, and GitLab rejects an included file that is empty; remove the file and its include in the text');
    // With anything else in it, the job goes.
    const withVariables = pipeline('gitlab', '.gitlab-ci.yml', { ...files, 'ci/lint.yml': `variables: {A: b}\n${files['ci/lint.yml']}` });
    assert.deepEqual(changed(withVariables, { op: 'deleteStage', stage: 'lint' }), { 'ci/lint.yml': 'variables: {A: b}\n' });
  });

  test('new lines take the line break of the file they land in, whatever the other files use', () => {
    // The included file ends its lines with CRLF, the root with LF (and the reverse): a new job and
    // a renamed reference each keep their own file's line breaks.
    for (const [rootBreak, includedBreak] of [['\n', '\r\n'], ['\r\n', '\n']]) {
      const files = { '.gitlab-ci.yml': GITLAB['.gitlab-ci.yml'].replace(/\n/g, rootBreak), 'ci/build.yml': GITLAB['ci/build.yml'].replace(/\n/g, includedBreak) };
      const mixed = pipeline('gitlab', '.gitlab-ci.yml', files);
      const r = applyComposedOperations(mixed, [
        { op: 'renameStage', stage: 'build', newId: 'compile' },
        { op: 'addStage', template: 'unit-tests', id: 'lint', after: 'test' },
      ]);
      assert.ok(r.ok, r.ok ? '' : r.reason);
      const after = Object.fromEntries(r.changes.map((c) => [c.path, c.text]));
      assert.match(after['ci/build.yml'], /\nlint:/, 'the new job is in the included file');
      for (const [path, lineBreak] of [['.gitlab-ci.yml', rootBreak], ['ci/build.yml', includedBreak]]) {
        const breaks = after[path].match(/\r?\n/g)!;
        assert.ok(breaks.every((b) => b === lineBreak), `${path}: ${JSON.stringify(after[path])}`);
      }
    }
  });

  test('inputs: what an include passes is not written over; the rest of the job is edited in its file', () => {
    const files = {
      '.gitlab-ci.yml': 'stages: [build, deploy]\ninclude:\n  - local: ci/deploy.yml\n    inputs: {environment: production}\nbuild:\n  stage: build\n  script: make\n',
      'ci/deploy.yml': 'spec:\n  inputs:\n    environment:\n---\ndeploy-$[[ inputs.environment ]]:\n  stage: deploy\n  environment: $[[ inputs.environment ]]\n  script: ./deploy.sh\n',
    };
    const p = pipeline('gitlab', '.gitlab-ci.yml', files);
    assert.match(refusal(p, { op: 'renameStage', stage: 'deploy-production', newId: 'ship' }), /would write over `\$\[\[ inputs\.environment \]\]`, which takes its value from the include's `inputs:`/);
    assert.match(refusal(p, { op: 'setProperty', stage: 'deploy-production', property: 'environment', value: { name: 'prod' } }), /would write over `\$\[\[ inputs\.environment \]\]`/);
    assert.deepEqual(changed(p, { op: 'setProperty', stage: 'deploy-production', property: 'timeout', value: '10m' }), {
      'ci/deploy.yml': `${files['ci/deploy.yml']}  timeout: 10m\n`,
    });
    // A job that waits for the interpolated job names it as GitLab does.
    const added = planComposedOperation(p, { op: 'addStage', template: 'verify-health', id: 'smoke', after: 'deploy-production' });
    assert.ok(added.ok, added.ok ? '' : added.reason);
    assert.ok(added.graph.edges.some((e) => e.from === 'deploy-production' && e.to === 'smoke'), JSON.stringify(added.graph.edges));
  });

  test('a new job is written in the indentation of the file it lands in, not the other files', () => {
    // The root and most of the text indent by 2; the included file by 4. A job added there and
    // a property set on one of its jobs are indented as that file's author writes.
    const root = ['include:', '  - local: ci/build.yml', 'stages: [build, test, deploy]', ...Array.from({ length: 6 }, (_, i) => [`deploy-${i}:`, '  stage: deploy', '  script: ./deploy.sh', '  needs: [build]']).flat(), ''].join('\n');
    const included = ['build:', '    stage: build', '    script: make', '', 'test:', '    stage: test', '    script: make test', '    needs:', '        - build', ''].join('\n');
    const p = pipeline('gitlab', '.gitlab-ci.yml', { '.gitlab-ci.yml': root, 'ci/build.yml': included });
    const added = changed(p, { op: 'addStage', template: 'unit-tests', id: 'lint', after: 'test' })['ci/build.yml'];
    const lint = added.slice(added.indexOf('lint:'));
    const bodyIndents = lint.split('\n').slice(1).filter((l) => /^ +[a-z_]+:/.test(l)).map((l) => /^ */.exec(l)![0].length);
    assert.ok(bodyIndents.length > 0 && bodyIndents.every((n) => n % 4 === 0), `the new job indents by 4:\n${lint}`);
    assert.equal(changed(p, { op: 'setProperty', stage: 'test', property: 'environment', value: { name: 'staging', url: 'https://staging.example.com' } })['ci/build.yml'],
      included.replace('        - build\n', '        - build\n    environment:\n        name: staging\n        url: https://staging.example.com\n'));
    // The root's own edits keep the root's style.
    const rootAdded = changed(p, { op: 'addStage', template: 'unit-tests', id: 'lint', after: 'deploy-5' })['.gitlab-ci.yml'];
    assert.match(rootAdded.slice(rootAdded.indexOf('lint:')), /^lint:\n {2}[a-z]/);
    // A file with nothing to judge by (its jobs written on one line each) takes the others' style.
    const flow = pipeline('gitlab', '.gitlab-ci.yml', { '.gitlab-ci.yml': root.replace(/\n {2}/g, '\n    '), 'ci/build.yml': 'build: {stage: build, script: make}\ntest: {stage: test, script: make test}\n' });
    const flowAdded = changed(flow, { op: 'addStage', template: 'unit-tests', id: 'lint', after: 'test' })['ci/build.yml'];
    assert.match(flowAdded, /\nlint:\n {4}stage: test\n/);
  });

  test('a pipeline in one file plans exactly as the single-file engine does', () => {
    const alone = { '.gitlab-ci.yml': 'build:\n  script: make\ntest:\n  script: make test\n  needs: [build]\n' };
    const op: EditOperation = { op: 'renameStage', stage: 'build', newId: 'compile' };
    const single = planOperation(alone['.gitlab-ci.yml'], op, { dialect: 'gitlab' });
    assert.ok(single.ok);
    assert.deepEqual(changed(pipeline('gitlab', '.gitlab-ci.yml', alone), op), { '.gitlab-ci.yml': single.text });
  });
});

const AZURE = {
  'azure-pipelines.yml': [
    'trigger: [main]',
    'stages:',
    '- template: ci/build.yml',
    '- stage: Deploy',
    '  dependsOn: Build',
    "  condition: succeeded('Build')",
    '  jobs:',
    '  - job: Ship',
    '    steps:',
    '    - script: ./ship',
    '',
  ].join('\n'),
  'ci/build.yml': [
    'stages:',
    '- stage: Build',
    '  jobs:',
    '  - job: Compile',
    '    steps:',
    '    - script: make',
    '  - template: test-job.yml',
    '    parameters:',
    '      name: UnitTests',
    '  - template: test-job.yml',
    '    parameters:',
    '      name: IntegrationTests',
    '',
  ].join('\n'),
  'ci/test-job.yml': [
    'parameters:',
    '- name: name',
    '  type: string',
    'jobs:',
    '- job: ${{ parameters.name }}',
    '  dependsOn: Compile',
    '  steps:',
    '  - script: make test',
    '',
  ].join('\n'),
};

// A job template used twice in one stage (its name passed) and a stage template used twice
// (its stage's dependsOn passed), the second use waiting for the first.
const USED_TWICE = {
  'azure-pipelines.yml': 'stages:\n- stage: Build\n  jobs:\n  - template: jobs/run.yml\n    parameters: {name: Compile}\n  - template: jobs/run.yml\n    parameters: {name: Lint}\n  - job: Package\n    dependsOn: [Compile, Lint]\n    steps:\n    - bash: make package\n- template: stages/deploy.yml\n  parameters:\n    env: dev\n    after: [Build]\n- template: stages/deploy.yml\n  parameters:\n    env: prod\n    after:\n    - Deploy_dev\n',
  'jobs/run.yml': 'parameters:\n- name: name\n  type: string\njobs:\n- job: ${{ parameters.name }}\n  steps:\n  - bash: make ${{ parameters.name }}\n',
  'stages/deploy.yml': 'parameters:\n- name: env\n  type: string\n- name: after\n  type: object\nstages:\n- stage: Deploy_${{ parameters.env }}\n  dependsOn: ${{ parameters.after }}\n  jobs:\n  - job: Ship\n    steps:\n    - bash: ./ship ${{ parameters.env }}\n',
};

describe('Azure: edits in template files', () => {
  const p = pipeline('azure', 'azure-pipelines.yml', AZURE);

  test('a job whose steps end with an if/else the pipeline decides becomes a deployment job with the whole chain moved along', () => {
    // The chain is kept as one block (undecidable here); its text ran only to the end of its
    // `${{ if }}` item, so the move left the `${{ else }}` item behind and the result did not parse.
    const root = "jobs:\n- job: Ship\n  steps:\n  - script: ./build\n  - ${{ if eq(variables['Build.Reason'], 'Schedule') }}:\n    - script: ./nightly\n  - ${{ else }}:\n    - script: ./release\n    - template: steps/notify.yml\n";
    const p = pipeline('azure', 'azure-pipelines.yml', { 'azure-pipelines.yml': root, 'steps/notify.yml': 'steps:\n- script: ./notify\n' });
    const moved = root.slice(root.indexOf('  - script: ./build')).replace(/^/gm, '      ').replace(/ +$/, '');
    assert.deepEqual(changed(p, { op: 'setProperty', stage: 'Ship', property: 'environment', value: { name: 'staging' } }), {
      'azure-pipelines.yml': `jobs:\n- deployment: Ship\n  environment: staging\n  strategy:\n    runOnce:\n      deploy:\n        steps:\n        - checkout: self\n${moved}`,
    });
  });

  test('a job whose steps end with a step template becomes a deployment job with its `- template:` step moved along', () => {
    // The job's steps as composed end with the template's; its own text ends with the
    // `- template:` line. Before, the move ran on into the template's file: an internal error.
    const root = 'jobs:\n- job: Ship\n  steps:\n  - script: ./build\n  - template: steps/notify.yml\n';
    const p = pipeline('azure', 'azure-pipelines.yml', { 'azure-pipelines.yml': root, 'steps/notify.yml': 'steps:\n- script: ./notify\n' });
    assert.deepEqual(changed(p, { op: 'setProperty', stage: 'Ship', property: 'environment', value: { name: 'staging' } }), {
      'azure-pipelines.yml': 'jobs:\n- deployment: Ship\n  environment: staging\n  strategy:\n    runOnce:\n      deploy:\n        steps:\n        - checkout: self\n        - script: ./build\n        - template: steps/notify.yml\n',
    });
  });

  test("renaming a template's stage renames dependsOn and the status function in the root", () => {
    const out = changed(p, { op: 'renameStage', stage: 'Build', newId: 'CI' });
    assert.equal(out['azure-pipelines.yml'], AZURE['azure-pipelines.yml'].replace('dependsOn: Build', 'dependsOn: CI').replace("succeeded('Build')", "succeeded('CI')"));
    assert.equal(out['ci/build.yml'], AZURE['ci/build.yml'].replace('stage: Build', 'stage: CI'));
  });

  test('renaming a job that a template used twice depends on changes the one written reference once', () => {
    const out = changed(p, { op: 'renameStage', stage: 'Build/Compile', newId: 'Make' });
    assert.deepEqual(Object.keys(out).sort(), ['ci/build.yml', 'ci/test-job.yml']);
    assert.equal(out['ci/test-job.yml'], AZURE['ci/test-job.yml'].replace('dependsOn: Compile', 'dependsOn: Make'));
  });

  test('a job whose text stands for two uses of a template is refused, naming both', () => {
    assert.match(
      refusal(p, { op: 'setProperty', stage: 'Build/UnitTests', property: 'timeout', value: 10 }),
      /"UnitTests" is written once in `ci\/test-job\.yml` for "IntegrationTests" too \(a template used 2 times\)/,
    );
  });

  test('a job a template writes without a name: named in the template when it is used once; used twice, refused by id', () => {
    // azure-dvonna's layout: each stage's jobs come from a template whose one job is `- job:`.
    const files = {
      'azure-pipelines.yml': 'stages:\n- stage: Build\n  jobs:\n  - template: build.yml\n- stage: Test\n  jobs:\n  - template: deploy.yml\n- stage: Production\n  jobs:\n  - template: deploy.yml\n',
      'build.yml': 'jobs:\n- job:\n  steps:\n  - script: make\n',
      'deploy.yml': 'jobs:\n- deployment:\n  environment: site\n  strategy: {runOnce: {deploy: {steps: [{script: ./deploy}]}}}\n',
    };
    const unnamed = pipeline('azure', 'azure-pipelines.yml', files);
    assert.deepEqual(changed(unnamed, { op: 'renameStage', stage: 'Build/Job', newId: 'Compile' }), { 'build.yml': files['build.yml'].replace('- job:', '- job: Compile') });
    assert.match(refusal(unnamed, { op: 'renameStage', stage: 'Test/Job', newId: 'Ship' }), /"Test\/Job" is written once in `deploy\.yml` for "Production\/Job" too/);
    // Which deploy.yml's own designer does, in every use (its one job named there, as in build.yml).
    const inTemplate: ComposedPipeline = { ...pipeline('azure', 'deploy.yml', files), project: { readFile: (path) => files[path as keyof typeof files], listFiles: () => Object.keys(files) } };
    assert.deepEqual(changed(inTemplate, { op: 'renameStage', stage: 'Job', newId: 'Ship' }), { 'deploy.yml': files['deploy.yml'].replace('- deployment:', '- deployment: Ship') });
  });

  test("a stage added after a template's last one is spaced as the template's stages are", () => {
    const spaced = pipeline('azure', 'azure-pipelines.yml', {
      'azure-pipelines.yml': 'stages:\n- template: ci/build.yml\n- stage: Deploy\n  jobs:\n  - job: Ship\n    steps:\n    - script: ./ship\n',
      'ci/build.yml': 'stages:\n- stage: Build\n  jobs:\n  - job: Compile\n    steps:\n    - script: make\n\n- stage: Test\n  jobs:\n  - job: Unit\n    steps:\n    - script: make test\n',
    });
    assert.match(changed(spaced, { op: 'addStage', template: 'deploy-staging', id: 'Staging', after: 'Test' })['ci/build.yml'], /make test\n\n- stage: Staging\n/);
  });

  test('a stage added at the end goes after the root\'s `- template:` line, not into the template other pipelines may use', () => {
    const files = {
      'azure-pipelines.yml': 'stages:\n- stage: First\n  jobs:\n  - job: A\n    steps:\n    - script: a\n- template: ci/build.yml\n',
      'ci/build.yml': 'stages:\n- stage: Build\n  jobs:\n  - job: Compile\n    steps:\n    - script: make\n',
    };
    const r = planComposedOperation(pipeline('azure', 'azure-pipelines.yml', files), { op: 'addStage', template: 'deploy-staging', id: 'Staging' });
    assert.ok(r.ok, r.ok ? '' : r.reason);
    assert.deepEqual(r.changes.map((c) => c.path), ['azure-pipelines.yml']);
    assert.match(r.changes[0].text, /- template: ci\/build\.yml\n- stage: Staging\n/);
    // As Azure runs it: after the template's last stage, by default.
    assert.ok(r.graph.edges.some((e) => e.from === 'Build' && e.to === 'Staging' && e.implicit), JSON.stringify(r.graph.edges));
  });

  test("a template's `dependsOn: ${{ parameters.after }}`: the names change where the pipeline passes them, never over the expression", () => {
    // Renaming Build here once wrote `dependsOn: Compile` over the expression: the template was
    // fixed to this pipeline's stage, and a pipeline passing `after: Package` waited for a stage
    // it does not have. The name is drawn where it is passed, and changed there.
    const template = 'parameters:\n- name: after\n  type: string\nstages:\n- stage: Deploy\n  dependsOn: ${{ parameters.after }}\n  jobs:\n  - job: Ship\n    steps:\n    - script: ./ship\n';
    const files = {
      'azure-pipelines.yml': 'stages:\n- stage: Build\n  jobs:\n  - job: Make\n    steps:\n    - script: make\n- stage: Lint\n  dependsOn: []\n  jobs:\n  - job: Check\n    steps:\n    - script: make lint\n- template: templates/deploy.yml\n  parameters:\n    after: Build\n',
      'templates/deploy.yml': template,
    };
    const passed = pipeline('azure', 'azure-pipelines.yml', files);
    assert.deepEqual(changed(passed, { op: 'renameStage', stage: 'Build', newId: 'Compile' }), {
      'azure-pipelines.yml': files['azure-pipelines.yml'].replace('- stage: Build', '- stage: Compile').replace('after: Build', 'after: Compile'),
    });
    // A string parameter takes one name: a list (or none, `[]`) written there Azure would reject.
    const oneValue = /`Build` is passed in `azure-pipelines\.yml` \(line 15\) to the template parameter "after" of type string, which takes one value, not a list/;
    for (const op of [
      { op: 'deleteStage', stage: 'Build' },
      { op: 'removeDependency', stage: 'Deploy', dependsOn: 'Build' },
      { op: 'addDependency', stage: 'Deploy', dependsOn: 'Lint' },
    ] as const) {
      assert.match(refusal(passed, op), oneValue, op.op);
    }
    // An object parameter takes a list: written where it is passed.
    const object = pipeline('azure', 'azure-pipelines.yml', { ...files, 'templates/deploy.yml': template.replace('type: string', 'type: object') });
    assert.deepEqual(changed(object, { op: 'addDependency', stage: 'Deploy', dependsOn: 'Lint' }), {
      'azure-pipelines.yml': files['azure-pipelines.yml'].replace('after: Build', 'after: [Build, Lint]'),
    });
    assert.deepEqual(changed(object, { op: 'removeDependency', stage: 'Deploy', dependsOn: 'Build' }), {
      'azure-pipelines.yml': files['azure-pipelines.yml'].replace('after: Build', 'after: []'),
    });
    // A list passed is changed where it is passed too.
    const list = pipeline('azure', 'azure-pipelines.yml', { ...files, 'azure-pipelines.yml': files['azure-pipelines.yml'].replace('after: Build', 'after: [Build]') });
    assert.deepEqual(changed(list, { op: 'renameStage', stage: 'Build', newId: 'Compile' }), {
      'azure-pipelines.yml': files['azure-pipelines.yml'].replace('after: Build', 'after: [Compile]').replace('- stage: Build', '- stage: Compile'),
    });
    // A name the template builds from what is passed (`${{ parameters.after }}_stage`) has no one
    // place to change: refused, saying which expression it would write over.
    const built = pipeline('azure', 'azure-pipelines.yml', {
      'azure-pipelines.yml': files['azure-pipelines.yml'].replace('after: Build', 'after: Build'),
      'templates/deploy.yml': template.replace('dependsOn: ${{ parameters.after }}', "dependsOn: ${{ replace(parameters.after, 'x', 'x') }}"),
    });
    assert.match(
      refusal(built, { op: 'renameStage', stage: 'Build', newId: 'Compile' }),
      /the change would write over `\$\{\{ replace\(parameters\.after, 'x', 'x'\) \}\}` in `templates\/deploy\.yml` \(line 6\), which stands for the value each use of the template passes/,
    );
  });

  test("a job's only dependency, passed to its template as a list, goes from the list, not with the template's lines", () => {
    // The pair's key is the template's, its value the pipeline's: removing the pair removed the
    // lines from the key to a place in the other file — here the job's steps went with it. The
    // list passed is emptied instead.
    const files = {
      'azure-pipelines.yml': 'stages:\n- stage: Dev\n  jobs:\n  - job: Build\n    steps:\n    - script: make\n  - template: jobs/deploy.yml\n    parameters:\n      after: [Build]\n',
      'jobs/deploy.yml': 'parameters:\n- name: after\n  type: object\n  default: []\njobs:\n- job: Deploy\n  dependsOn: ${{ parameters.after }}\n  steps:\n  - script: ./deploy\n',
    };
    const p = pipeline('azure', 'azure-pipelines.yml', files);
    assert.deepEqual(changed(p, { op: 'removeDependency', stage: 'Dev/Deploy', dependsOn: 'Dev/Build' }), {
      'azure-pipelines.yml': files['azure-pipelines.yml'].replace('after: [Build]', 'after: []'),
    });
    // A block list too; deleting Build passes on what it waited for (nothing): the same.
    const block = pipeline('azure', 'azure-pipelines.yml', { ...files, 'azure-pipelines.yml': files['azure-pipelines.yml'].replace('after: [Build]', 'after:\n      - Build') });
    assert.deepEqual(changed(block, { op: 'removeDependency', stage: 'Dev/Deploy', dependsOn: 'Dev/Build' }), {
      'azure-pipelines.yml': files['azure-pipelines.yml'].replace('after: [Build]', 'after: []'),
    });
    assert.deepEqual(changed(p, { op: 'deleteStage', stage: 'Dev/Build' }), {
      'azure-pipelines.yml': files['azure-pipelines.yml'].replace('  - job: Build\n    steps:\n    - script: make\n', '').replace('after: [Build]', 'after: []'),
    });
  });

  test("a template's only stage deleted from a pipeline using it is that use deleted: the template, which other pipelines may use, is not emptied", () => {
    const files = {
      'azure-pipelines.yml': 'stages:\n- stage: Build\n  jobs:\n  - job: Make\n    steps:\n    - script: make\n- template: templates/deploy.yml\n',
      'templates/deploy.yml': 'stages:\n- stage: Deploy\n  jobs:\n  - job: Ship\n    steps:\n    - script: ./ship\n',
    };
    // It emptied the template's stages:, then was refused saying to remove the `- template:` item.
    assert.deepEqual(changed(pipeline('azure', 'azure-pipelines.yml', files), { op: 'deleteStage', stage: 'Deploy' }), {
      'azure-pipelines.yml': files['azure-pipelines.yml'].replace('- template: templates/deploy.yml\n', ''),
    });
    // Used from a template whose list holds nothing else, the use cannot go: refused as before.
    const nested = { ...files, 'azure-pipelines.yml': files['azure-pipelines.yml'].replace('templates/deploy.yml', 'templates/all.yml'), 'templates/all.yml': 'stages:\n- template: deploy.yml\n' };
    assert.match(
      refusal(pipeline('azure', 'azure-pipelines.yml', nested), { op: 'deleteStage', stage: 'Deploy' }),
      /"Deploy" is the only stage `templates\/deploy\.yml` puts here: deleting it would empty the template, for every pipeline using it; remove the `- template:` item that uses it instead/,
    );
    // With another stage beside it, the template keeps one: deleted there.
    const two = { ...files, 'templates/deploy.yml': `${files['templates/deploy.yml']}- stage: Verify\n  jobs:\n  - job: Check\n    steps:\n    - script: ./check\n` };
    assert.deepEqual(changed(pipeline('azure', 'azure-pipelines.yml', two), { op: 'deleteStage', stage: 'Verify' }), { 'templates/deploy.yml': files['templates/deploy.yml'] });
  });

  test('a job beside a `- template:` item of its template is deleted, the value it passed to the other template emptied where it is written', () => {
    // jobs/b.yml is read first (stage One uses it), so stage Two's `after: [Prep]`, passed from
    // jobs/a.yml, is written after b.yml's dependsOn key in the composite: it was taken for the
    // key's own value, and the pair removed from one file to the other ("overlapping edits").
    const files = {
      'azure-pipelines.yml': 'stages:\n- stage: One\n  jobs:\n  - job: Build\n    steps:\n    - bash: make\n  - template: jobs/b.yml\n    parameters:\n      after: [Build]\n- stage: Two\n  jobs:\n  - template: jobs/a.yml\n',
      'jobs/b.yml': 'parameters:\n- name: after\n  type: object\n  default: []\njobs:\n- job: Deploy\n  dependsOn: ${{ parameters.after }}\n  steps:\n  - bash: ./deploy\n',
      'jobs/a.yml': 'jobs:\n- job: Prep\n  steps:\n  - bash: ./prep\n- template: b.yml\n  parameters:\n    after: [Prep]\n',
    };
    // Not "the only job jobs/a.yml puts here": its list holds its `- template:` item too.
    assert.deepEqual(changed(pipeline('azure', 'azure-pipelines.yml', files), { op: 'deleteStage', stage: 'Two/Prep' }), {
      'jobs/a.yml': 'jobs:\n- template: b.yml\n  parameters:\n    after: []\n',
    });
    // Where the value is passed from the root (before b.yml): as before.
    assert.deepEqual(changed(pipeline('azure', 'azure-pipelines.yml', files), { op: 'deleteStage', stage: 'One/Build' }), {
      'azure-pipelines.yml': files['azure-pipelines.yml'].replace('  - job: Build\n    steps:\n    - bash: make\n', '').replace('after: [Build]', 'after: []'),
    });
  });

  test('a template used twice: a name or a dependency each use passes is renamed or removed where that use passes it', () => {
    const files = USED_TWICE;
    const p = pipeline('azure', 'azure-pipelines.yml', files);
    // It was refused: "Compile" is written once in `jobs/run.yml` for "Lint" too.
    assert.deepEqual(changed(p, { op: 'renameStage', stage: 'Build/Compile', newId: 'Make' }), {
      'azure-pipelines.yml': files['azure-pipelines.yml'].replace('{name: Compile}', '{name: Make}').replace('[Compile, Lint]', '[Make, Lint]'),
    });
    assert.deepEqual(changed(p, { op: 'removeDependency', stage: 'Deploy_prod', dependsOn: 'Deploy_dev' }), {
      'azure-pipelines.yml': files['azure-pipelines.yml'].replace('    after:\n    - Deploy_dev\n', '    after: []\n'),
    });
    // What the template writes for every use stays refused, as before.
    assert.match(refusal(p, { op: 'setProperty', stage: 'Build/Compile', property: 'timeout', value: 5 }), /"Compile" is written once in `jobs\/run\.yml` for "Lint" too \(a template used 2 times\)/);
    assert.match(refusal(p, { op: 'setProperty', stage: 'Deploy_prod/Ship', property: 'timeout', value: 5 }), /"Deploy_prod\/Ship" is written once in `stages\/deploy\.yml` for "Deploy_dev\/Ship" too/);
    assert.deepEqual(changed(p, { op: 'addDependency', stage: 'Deploy_prod', dependsOn: 'Build' }), {
      'azure-pipelines.yml': files['azure-pipelines.yml'].replace('    - Deploy_dev\n', '    - Deploy_dev\n    - Build\n'),
    });
    assert.match(refusal(p, { op: 'renameStage', stage: 'Deploy_prod/Ship', newId: 'Release' }), /written once in `stages\/deploy\.yml` for "Deploy_dev\/Ship" too .* open `stages\/deploy\.yml` in the designer to rename it in every use/);
  });

  test('a job or stage that is all one use of a template puts there is deleted by deleting that use, what waited for it inheriting its dependencies', () => {
    const files = USED_TWICE;
    const p = pipeline('azure', 'azure-pipelines.yml', files);
    // Both were refused: "written once in `jobs/run.yml` for "Lint" too", and for Deploy_prod.
    assert.deepEqual(changed(p, { op: 'deleteStage', stage: 'Build/Compile' }), {
      'azure-pipelines.yml': files['azure-pipelines.yml'].replace('  - template: jobs/run.yml\n    parameters: {name: Compile}\n', '').replace('[Compile, Lint]', '[Lint]'),
    });
    // Deploy_prod's dependsOn, passed where it is used, is what Deploy_dev's use passed (the
    // template's own `${{ parameters.after }}` was to be written over the value passed).
    assert.deepEqual(changed(p, { op: 'deleteStage', stage: 'Deploy_dev' }), {
      'azure-pipelines.yml': files['azure-pipelines.yml'].replace('- template: stages/deploy.yml\n  parameters:\n    env: dev\n    after: [Build]\n', '').replace('    - Deploy_dev\n', '    - Build\n'),
    });
    // A job of the stage template (both uses put it there, the template's own text) stays refused.
    assert.match(refusal(p, { op: 'deleteStage', stage: 'Deploy_dev/Ship' }), /only job of stage "Deploy_dev"|written once in `stages\/deploy\.yml`/);
  });

  test('a property of a stage in a template is written in the template', () => {
    const out = changed(p, { op: 'setProperty', stage: 'Build/Compile', property: 'timeout', value: 15 });
    assert.deepEqual(Object.keys(out), ['ci/build.yml']);
    assert.equal(out['ci/build.yml'], AZURE['ci/build.yml'].replace('  - job: Compile\n', '  - job: Compile\n    timeoutInMinutes: 15\n'));
  });
});

const GITHUB = {
  '.github/workflows/ci.yml': 'on: push\njobs:\n  build:\n    uses: ./.github/workflows/build.yml\n  deploy:\n    needs: build\n    runs-on: ubuntu-latest\n    steps: [{run: echo}]\n',
  '.github/workflows/build.yml': 'on: workflow_call\njobs:\n  compile:\n    runs-on: ubuntu-latest\n    steps: [{run: make}]\n  test:\n    needs: compile\n    runs-on: ubuntu-latest\n    steps: [{run: make test}]\n',
};

describe('GitHub: edits in called workflows', () => {
  const p = pipeline('github', '.github/workflows/ci.yml', GITHUB);

  test("a called workflow's job is renamed in that workflow, its needs with it", () => {
    const r = planComposedOperation(p, { op: 'renameStage', stage: 'build/compile', newId: 'make' });
    assert.ok(r.ok, r.ok ? '' : r.reason);
    assert.deepEqual(r.changes.map((c) => [c.path, c.text]), [['.github/workflows/build.yml', GITHUB['.github/workflows/build.yml'].replace('  compile:', '  make:').replace('needs: compile', 'needs: make')]]);
    assert.ok(r.graph.nodes.some((n) => n.id === 'build/make'), 'the composed graph after shows the call with the new job');
  });

  test('a dependency between the caller and a called job is refused: GitHub has none', () => {
    assert.match(refusal(p, { op: 'addDependency', stage: 'deploy', dependsOn: 'build/test' }), /only wait for jobs of its own workflow/);
  });

  test('the root workflow\'s own job is edited in the root; the graph after is still composed', () => {
    const r = planComposedOperation(p, { op: 'renameStage', stage: 'deploy', newId: 'ship' });
    assert.ok(r.ok);
    assert.deepEqual(r.changes.map((c) => c.path), ['.github/workflows/ci.yml']);
    assert.deepEqual(r.graph.nodes.map((n) => n.id), ['build/compile', 'build/test', 'ship']);
  });

  test('a workflow called twice is refused: a change there changes every call', () => {
    const twice = pipeline('github', '.github/workflows/ci.yml', {
      ...GITHUB,
      '.github/workflows/ci.yml': `${GITHUB['.github/workflows/ci.yml']}  again:\n    uses: ./.github/workflows/build.yml\n`,
    });
    assert.match(refusal(twice, { op: 'setProperty', stage: 'build/test', property: 'timeout', value: 5 }), /is called by "build" and "again": a change there changes every call/);
  });

  test('a setting the call passes through inputs is not written over in the called file; one written there is', () => {
    const files = {
      '.github/workflows/ci.yml': 'on: push\njobs:\n  production:\n    uses: ./.github/workflows/deploy.yml\n    with: {environment: production}\n',
      '.github/workflows/deploy.yml': 'on:\n  workflow_call:\n    inputs: {environment: {type: string}}\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    environment: ${{ inputs.environment }}\n    steps: [{run: ./deploy.sh}]\n',
    };
    const p = pipeline('github', '.github/workflows/ci.yml', files);
    assert.match(
      refusal(p, { op: 'setProperty', stage: 'production/deploy', property: 'environment', value: { name: 'prod' } }),
      /the environment of "production \/ deploy" is written `\$\{\{ inputs\.environment \}\}` in `\.github\/workflows\/deploy\.yml`, which the call "production" sets in its `with:`/,
    );
    assert.deepEqual(changed(p, { op: 'setProperty', stage: 'production/deploy', property: 'runner', value: 'ubuntu-24.04' }), {
      '.github/workflows/deploy.yml': files['.github/workflows/deploy.yml'].replace('ubuntu-latest', 'ubuntu-24.04'),
    });
  });
});

test('operations in order over several files: each planned on what the one before left', () => {
  const r = applyComposedOperations(pipeline('gitlab', '.gitlab-ci.yml', GITLAB), [
    { op: 'renameStage', stage: 'build', newId: 'compile' },
    { op: 'setProperty', stage: 'compile', property: 'timeout', value: '1h' },
    { op: 'renameStage', stage: 'deploy', newId: 'ship' },
  ]);
  assert.ok(r.ok, r.ok ? '' : r.reason);
  assert.deepEqual(r.applied.map((a) => a.files), [2, 1, 1]);
  const out = Object.fromEntries(r.changes.map((c) => [c.path, c]));
  assert.equal(out['.gitlab-ci.yml'].before, GITLAB['.gitlab-ci.yml']);
  assert.equal(out['.gitlab-ci.yml'].text, GITLAB['.gitlab-ci.yml'].replace('needs: [build]', 'needs: [compile]').replace('deploy:\n', 'ship:\n'));
  assert.equal(out['ci/build.yml'].text, GITLAB['ci/build.yml'].replace('build:\n  stage: build\n  script: make   # the whole thing\n', 'compile:\n  stage: build\n  script: make   # the whole thing\n  timeout: 1h\n').replace('    - build', '    - compile'));
  const refused = applyComposedOperations(pipeline('gitlab', '.gitlab-ci.yml', GITLAB), [
    { op: 'renameStage', stage: 'build', newId: 'compile' },
    { op: 'deleteStage', stage: 'build' },
  ]);
  assert.ok(!refused.ok);
  assert.equal(refused.index, 1);
});

test('Azure: a stage whose job is a template used by two stages: its environment would change both, refused', () => {
  const p = pipeline('azure', 'azure-pipelines.yml', {
    'azure-pipelines.yml': 'stages:\n- stage: Test\n  jobs:\n  - template: deploy.yml\n- stage: Production\n  jobs:\n  - template: deploy.yml\n',
    'deploy.yml': 'jobs:\n- job: Deploy\n  steps:\n  - script: ./deploy.sh\n',
  });
  assert.match(
    refusal(p, { op: 'setProperty', stage: 'Test', property: 'environment', value: { name: 'staging' } }),
    /the change is in `deploy\.yml`, in text that stands for "Test\/Deploy", "Production\/Deploy" \(a template used 2 times\): it would change every use/,
  );
});

test("Azure: the template `extends:` names from another repository is no list item: editing it says what it is", () => {
  const p = pipeline('azure', 'azure-pipelines.yml', {
    'azure-pipelines.yml': 'extends:\n  template: v1/Official.yml@templates\n  parameters:\n    stages:\n    - stage: Build\n      jobs:\n      - job: Make\n        steps:\n        - script: make\n',
  });
  assert.match(refusal(p, { op: 'deleteStage', stage: 'template:v1/Official.yml@templates' }), /cannot be edited here \(it is the template `v1\/Official\.yml@templates` named in `extends`, which is read from another repository and decides what runs\)/);
});

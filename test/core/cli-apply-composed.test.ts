// Issue #10: `pipewright apply` on a pipeline split over files changes each thing where it is
// written — with --write, every file touched; without it, a unified diff of them (or FILE's new
// text when FILE is all it changes). Run as a child process from the sources.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { repoRoot } from '../helpers/corpus';

// The tsx loader by path: the CLI runs in a folder of its own, where `tsx` does not resolve.
const TSX = pathToFileURL(join(repoRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const ROOT = 'include:\n  - local: ci/build.yml\nstages: [build, deploy]\ndeploy:\n  stage: deploy\n  needs: [build]   # after the build\n  script: ./deploy.sh\n';
const INCLUDED = 'build:\n  stage: build\n  script: make\n';

describe('pipewright apply on a composed pipeline', () => {
  let dir: string;
  const at = (path: string) => join(dir, ...path.split('/'));
  const run = (args: string[], stdin: string) => {
    const r = spawnSync(process.execPath, ['--import', TSX, join(repoRoot, 'src', 'cli', 'main.ts'), ...args], { cwd: dir, encoding: 'utf8', input: stdin });
    if (r.error) throw r.error;
    return r;
  };
  const reset = () => {
    for (const [path, text] of [['.gitlab-ci.yml', ROOT], ['ci/build.yml', INCLUDED]]) {
      mkdirSync(dirname(at(path)), { recursive: true });
      writeFileSync(at(path), text);
    }
  };

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'pw-apply-composed-'));
    mkdirSync(join(dir, '.git'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('a rename across files prints a unified diff of both and writes neither', () => {
    reset();
    const r = run(['apply', '.gitlab-ci.yml', '-'], JSON.stringify([{ op: 'renameStage', stage: 'build', newId: 'compile' }]));
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
    assert.equal(
      r.stdout,
      [
        '--- a/.gitlab-ci.yml',
        '+++ b/.gitlab-ci.yml',
        '@@ -2,6 +2,6 @@',
        '   - local: ci/build.yml',
        ' stages: [build, deploy]',
        ' deploy:',
        '   stage: deploy',
        '-  needs: [build]   # after the build',
        '+  needs: [compile]   # after the build',
        '   script: ./deploy.sh',
        '--- a/ci/build.yml',
        '+++ b/ci/build.yml',
        '@@ -1,3 +1,3 @@',
        '-build:',
        '+compile:',
        '   stage: build',
        '   script: make',
        '',
      ].join('\n'),
    );
    assert.equal(readFileSync(at('.gitlab-ci.yml'), 'utf8'), ROOT);
    assert.equal(readFileSync(at('ci/build.yml'), 'utf8'), INCLUDED);
  });

  test('--write writes every file touched and names them', () => {
    reset();
    const r = run(['apply', '.gitlab-ci.yml', '-', '--write'], JSON.stringify([{ op: 'renameStage', stage: 'build', newId: 'compile' }, { op: 'setProperty', stage: 'compile', property: 'timeout', value: '20m' }]));
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, 'pipewright apply: wrote .gitlab-ci.yml, ci/build.yml (2 operations applied)\n');
    assert.equal(readFileSync(at('.gitlab-ci.yml'), 'utf8'), ROOT.replace('needs: [build]', 'needs: [compile]'));
    assert.equal(readFileSync(at('ci/build.yml'), 'utf8'), 'compile:\n  stage: build\n  script: make\n  timeout: 20m\n');
  });

  test('an edit of FILE alone prints its new text, as for a pipeline in one file; --diff prints the diff', () => {
    reset();
    const ops = JSON.stringify([{ op: 'renameStage', stage: 'deploy', newId: 'ship' }]);
    assert.equal(run(['apply', '.gitlab-ci.yml', '-'], ops).stdout, ROOT.replace('deploy:\n', 'ship:\n'));
    assert.match(run(['apply', '.gitlab-ci.yml', '-', '--diff'], ops).stdout, /^--- a\/\.gitlab-ci\.yml\n\+\+\+ b\/\.gitlab-ci\.yml\n@@ .* @@\n[^]*-deploy:\n\+ship:\n/);
  });

  test('FILE included by the root is edited in the root\'s pipeline: a rename there reaches the root\'s needs', () => {
    reset();
    const r = run(['apply', 'ci/build.yml', '-', '--write'], JSON.stringify([{ op: 'renameStage', stage: 'build', newId: 'compile' }]));
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, 'pipewright apply: wrote .gitlab-ci.yml, ci/build.yml (1 operation applied)\n');
    assert.equal(readFileSync(at('.gitlab-ci.yml'), 'utf8'), ROOT.replace('needs: [build]', 'needs: [compile]'));
    assert.equal(readFileSync(at('ci/build.yml'), 'utf8'), INCLUDED.replace('build:\n', 'compile:\n'));
  });

  test('FILE an Azure pipeline uses as a template: a rename the pipeline names is written in both, a rename and an edit after it in one run', () => {
    const pipeline = "trigger: none\nstages:\n- template: stages/build.yml\n- stage: Release\n  dependsOn: Build\n  condition: succeeded('Build')\n  jobs:\n  - job: Ship\n    steps:\n    - bash: ./ship\n";
    const template = 'stages:\n- stage: Build\n  jobs:\n  - job: Make\n    steps:\n    - bash: make\n';
    mkdirSync(at('azure/stages'), { recursive: true });
    writeFileSync(at('azure/release.yml'), pipeline);
    writeFileSync(at('azure/stages/build.yml'), template);
    const r = run(['apply', 'azure/stages/build.yml', '-', '--write'], JSON.stringify([{ op: 'renameStage', stage: 'Build', newId: 'Compile' }, { op: 'setProperty', stage: 'Compile', property: 'condition', value: 'succeeded()' }]));
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, 'pipewright apply: wrote azure/stages/build.yml, azure/release.yml (2 operations applied)\n');
    assert.equal(readFileSync(at('azure/release.yml'), 'utf8'), pipeline.replace('dependsOn: Build', 'dependsOn: Compile').replace("succeeded('Build')", "succeeded('Compile')"));
    assert.match(readFileSync(at('azure/stages/build.yml'), 'utf8'), /^stages:\n- stage: Compile\n  condition: succeeded\(\)\n  jobs:\n/);
    rmSync(at('azure'), { recursive: true });
  });

  test('a refusal in a later operation changes no file', () => {
    reset();
    const r = run(['apply', '.gitlab-ci.yml', '-', '--write'], JSON.stringify([{ op: 'renameStage', stage: 'build', newId: 'compile' }, { op: 'deleteStage', stage: 'build' }]));
    assert.equal(r.status, 2);
    assert.match(r.stderr, /operation 2 \(deleteStage\): there is no stage "build"/);
    assert.equal(readFileSync(at('.gitlab-ci.yml'), 'utf8'), ROOT);
    assert.equal(readFileSync(at('ci/build.yml'), 'utf8'), INCLUDED);
  });
});

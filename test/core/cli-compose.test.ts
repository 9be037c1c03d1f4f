// `pipewright graph` composes a GitLab file with its local includes, reading them under the root.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { defaultRoot, projectFilesAt } from '../../src/cli/projectFiles';
import { globFolder } from '../../src/core/dialects/gitlab/compose/glob';
import { repoRoot } from '../helpers/corpus';

function pipewright(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'src', 'cli', 'main.ts'), ...args], { cwd: repoRoot, encoding: 'utf8' });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'pipewright-compose-'));
  // The project: a git root holding ci/ and, one folder down, a pipeline that includes from the root.
  mkdirSync(join(dir, 'repo', '.git'), { recursive: true });
  mkdirSync(join(dir, 'repo', 'ci'), { recursive: true });
  mkdirSync(join(dir, 'repo', 'sub'), { recursive: true });
  writeFileSync(join(dir, 'repo', '.gitlab-ci.yml'), 'stages: [build, test]\ninclude:\n  - local: ci/*.yml\n');
  writeFileSync(join(dir, 'repo', 'ci', 'build.yml'), 'compile:\n  stage: build\n  script: make\n');
  writeFileSync(join(dir, 'repo', 'ci', 'test.yml'), 'unit:\n  stage: test\n  needs: [compile, ghost]\n  script: make test\n');
  writeFileSync(join(dir, 'repo', 'sub', '.gitlab-ci.yml'), 'include: /ci/build.yml\n');
  // The same project without its git folder (a copy, an unpacked archive).
  mkdirSync(join(dir, 'copy', 'sub'), { recursive: true });
  writeFileSync(join(dir, 'copy', 'sub', '.gitlab-ci.yml'), 'include: /ci/build.yml\n');
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('pipewright graph on a GitLab file with includes', () => {
  test('--json: the included jobs carry their file relative to the git root; so do their errors', () => {
    const r = pipewright('graph', join(dir, 'repo', '.gitlab-ci.yml'), '--json');
    assert.equal(r.status, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.deepEqual(json.nodes.map((n: { id: string; file?: string }) => `${n.id} ${n.file}`), ['compile ci/build.yml', 'unit ci/test.yml']);
    assert.deepEqual(json.errors.map((e: { file?: string; line: number }) => `${e.file}:${e.line}`), ['ci/test.yml:3']);
  });

  test('the default root is the git root above FILE; --root overrides it', () => {
    const sub = join(dir, 'repo', 'sub', '.gitlab-ci.yml');
    const fromGit = JSON.parse(pipewright('graph', sub, '--json').stdout);
    assert.deepEqual(fromGit.nodes.map((n: { id: string }) => n.id), ['compile']);
    const fromSub = JSON.parse(pipewright('graph', sub, '--json', '--root', join(dir, 'repo', 'sub')).stdout);
    assert.deepEqual(fromSub.nodes.map((n: { id: string; marks?: string[] }) => `${n.id} ${n.marks}`), ['local: ci/build.yml include,missing']);
    assert.equal(fromSub.errors[0].message, 'included file ci/build.yml not found in the project');
  });

  test('a file missing from a root guessed without a git folder: a note says where it was looked for and how to say where', () => {
    const file = join(dir, 'copy', 'sub', '.gitlab-ci.yml');
    const guessed = pipewright('graph', file);
    assert.equal(guessed.status, 0, guessed.stderr);
    assert.match(guessed.stderr, /note: the files \S+ names were looked for under \S*copy\/sub \(its folder: no \.git above it\); --root DIR reads them from DIR/);
    assert.equal(pipewright('graph', file, '--root', join(dir, 'copy')).stderr, '', 'a root given is not second-guessed');
    assert.equal(pipewright('graph', join(dir, 'repo', 'sub', '.gitlab-ci.yml'), '--json').stderr, '', 'nothing missing, no note');
  });

  test('the listing names the file each job comes from, as the command line named FILE: absolute, or from the working folder', () => {
    const absolute = pipewright('graph', join(dir, 'repo', '.gitlab-ci.yml'));
    assert.equal(absolute.status, 0, absolute.stderr);
    assert.ok(absolute.stdout.includes(`compile  kind: build  stage: build  ${join(dir, 'repo', 'ci', 'build.yml')} lines 1-3`), absolute.stdout);
    assert.ok(absolute.stdout.includes(`${join(dir, 'repo', 'ci', 'test.yml')}:3:`), absolute.stdout);
    // Looked for in every file read: the root and the two its wildcard include names.
    assert.match(absolute.stdout, /"unit" depends on "ghost", which is not defined in any of the 3 files read \[reference\]/);
    const fromHere = relative(repoRoot, join(dir, 'repo'));
    const relativeFile = pipewright('graph', join(fromHere, '.gitlab-ci.yml'));
    assert.ok(relativeFile.stdout.includes(`stage: build  ${join(fromHere, 'ci', 'build.yml')} lines 1-3`), relativeFile.stdout);
  });
});

describe('pipewright graph on a GitLab file the root includes', () => {
  test('its own jobs, judged in the root\'s pipeline: a need of another file\'s job carries that file, one of no file\'s is an error', () => {
    const file = join(dir, 'repo', 'ci', 'test.yml');
    const json = JSON.parse(pipewright('graph', file, '--json').stdout);
    assert.deepEqual(json.nodes.map((n: { id: string }) => n.id), ['unit']);
    assert.deepEqual(json.edges, [
      { from: 'compile', to: 'unit', implicit: false, definedIn: 'ci/build.yml' },
      { from: 'ghost', to: 'unit', implicit: false },
    ]);
    assert.deepEqual(json.errors.map((e: { message: string; line: number }) => `${e.line} ${e.message}`), ['3 "unit" depends on "ghost", which is not defined in any of the 3 files read']);
    assert.equal(json.warnings, undefined, 'no "may come from another file" guess');
    // Its lanes are the pipeline's stages, declared in the root (not by this file: implicit here).
    assert.deepEqual(json.lanes.map((l: { id: string; implicit: boolean; declaredIn?: string }) => `${l.id}${l.implicit ? ' (implicit)' : ''} ${l.declaredIn ?? '-'}`), [
      '.pre (implicit) -',
      'build (implicit) .gitlab-ci.yml',
      'test (implicit) .gitlab-ci.yml',
      '.post (implicit) -',
    ]);
    const listing = pipewright('graph', file).stdout;
    assert.ok(listing.includes(`compile → unit  (defined in ${join(dir, 'repo', 'ci', 'build.yml')}, at 3:`), listing);
    // A job that extends a template another file defines: judged in the pipeline too (the file
    // names a job, not a file: it is not composed on its own).
    writeFileSync(join(dir, 'repo', 'ci', 'lint.yml'), 'lint:\n  extends: .base\n  script: make lint\n');
    writeFileSync(join(dir, 'repo', 'ci', 'base.yml'), '.base:\n  stage: test\n');
    try {
      const lint = JSON.parse(pipewright('graph', join(dir, 'repo', 'ci', 'lint.yml'), '--json').stdout);
      assert.deepEqual([lint.errors, lint.warnings], [[], undefined]);
    } finally {
      rmSync(join(dir, 'repo', 'ci', 'lint.yml'));
      rmSync(join(dir, 'repo', 'ci', 'base.yml'));
    }
    // One that includes a file of its own is drawn with it, and judged in the pipeline too.
    writeFileSync(join(dir, 'repo', 'ci', 'deploy.yml'), 'include: ci/parts/ship.yml\nrelease:\n  stage: test\n  needs: [compile, ship]\n  script: ./release.sh\n');
    mkdirSync(join(dir, 'repo', 'ci', 'parts'));
    writeFileSync(join(dir, 'repo', 'ci', 'parts', 'ship.yml'), 'ship:\n  stage: test\n  needs: [unit]\n  script: ./ship.sh\n');
    try {
      const deploy = JSON.parse(pipewright('graph', join(dir, 'repo', 'ci', 'deploy.yml'), '--json').stdout);
      assert.deepEqual(deploy.nodes.map((n: { id: string; file?: string }) => `${n.id} ${n.file ?? '-'}`), ['ship ci/parts/ship.yml', 'release -']);
      assert.deepEqual(deploy.edges.map((e: { from: string; to: string; definedIn?: string }) => `${e.from}->${e.to} ${e.definedIn ?? '-'}`), ['unit->ship ci/test.yml', 'compile->release ci/build.yml', 'ship->release -']);
      assert.deepEqual([deploy.errors, deploy.warnings], [[], undefined]);
    } finally {
      rmSync(join(dir, 'repo', 'ci', 'deploy.yml'));
      rmSync(join(dir, 'repo', 'ci', 'parts'), { recursive: true });
    }
    // Under a root that does not include it, it is read alone, as before.
    const alone = JSON.parse(pipewright('graph', file, '--json', '--root', join(dir, 'repo', 'ci')).stdout);
    assert.deepEqual(alone.edges.map((e: { definedIn?: string }) => e.definedIn), [undefined, undefined]);
    assert.equal(alone.warnings.length, 2);
  });
});

describe('pipewright graph on a GitLab file whose stages its root declares', () => {
  test('its lanes and stage-order edges are the pipeline\'s; the listing says whose stages they are', () => {
    const repo = join(dir, 'ordered');
    mkdirSync(join(repo, '.git'), { recursive: true });
    mkdirSync(join(repo, 'ci'), { recursive: true });
    writeFileSync(join(repo, '.gitlab-ci.yml'), 'stages: [build, staging, production]\ninclude:\n  - local: ci/deploy.yml\n');
    writeFileSync(join(repo, 'ci', 'deploy.yml'), 'prod:\n  stage: production\n  script: ./deploy prod\nstaging:\n  stage: staging\n  script: ./deploy staging\n');
    const file = join(repo, 'ci', 'deploy.yml');
    const json = JSON.parse(pipewright('graph', file, '--json').stdout);
    assert.deepEqual([json.edges, json.errors, json.warnings], [[{ from: 'staging', to: 'prod', implicit: true }], [], undefined]);
    const listing = pipewright('graph', file).stdout;
    assert.ok(listing.includes(`Lanes: (.pre) → (build) → (staging) → (production) → (.post)  (the stages: of ${join(repo, '.gitlab-ci.yml')})`), listing);
    // Read alone (a root that does not include it), the file has only the order it lists them in.
    const alone = JSON.parse(pipewright('graph', file, '--json', '--root', join(repo, 'ci')).stdout);
    assert.deepEqual(alone.edges, [{ from: 'prod', to: 'staging', implicit: true }]);
    // A stages: of its own in the other order is not the pipeline's (GitLab keeps the root's): drawn the same, and said.
    writeFileSync(file, `stages: [build, production, staging]\n${readFileSync(file, 'utf8')}`);
    const overridden = JSON.parse(pipewright('graph', file, '--json').stdout);
    assert.deepEqual(overridden.edges, [{ from: 'staging', to: 'prod', implicit: true }]);
    assert.deepEqual(overridden.warnings.map((w: { line: number; message: string }) => `${w.line} ${w.message}`), ['1 this stages: is not the pipeline\'s: GitLab keeps the one in .gitlab-ci.yml (build, staging, production) and runs this file\'s jobs in those stages']);
  });
});

describe('defaultRoot', () => {
  test('the git root above the file wins over the folder the editor offers', () => {
    assert.equal(defaultRoot(join(dir, 'repo', 'sub', '.gitlab-ci.yml'), join(dir, 'repo', 'sub')), join(dir, 'repo'));
  });

  test('without a git folder: the offered folder when it holds the file, else the file\'s own folder', () => {
    const file = join(dir, 'copy', 'sub', '.gitlab-ci.yml');
    assert.equal(defaultRoot(file, join(dir, 'copy')), join(dir, 'copy'));
    assert.equal(defaultRoot(file, join(dir, 'repo')), join(dir, 'copy', 'sub'), 'a folder that does not hold the file is not a root');
    assert.equal(defaultRoot(file), join(dir, 'copy', 'sub'));
  });
});

describe('projectFilesAt', () => {
  test('a wildcard lists the matching files under the folder it cannot leave; a plain path is one file or none', () => {
    const root = join(dir, 'listing');
    for (const [path, text] of [['ci/a.yml', 'a'], ['ci/deep/b.yml', 'b'], ['other/c.yml', 'c'], ['node_modules/x/d.yml', 'd'], ['Dockerfile', 'FROM x']]) {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    const files = projectFilesAt(root);
    assert.deepEqual(files.listFiles('ci/*.yml'), ['ci/a.yml']);
    assert.deepEqual(files.listFiles('/ci/**.yml').sort(), ['ci/a.yml', 'ci/deep/b.yml']);
    assert.deepEqual(files.listFiles('**.yml').sort(), ['ci/a.yml', 'ci/deep/b.yml', 'other/c.yml'], 'node_modules is not walked');
    assert.deepEqual(files.listFiles('Dockerfile'), ['Dockerfile']);
    assert.deepEqual(files.listFiles('/Dockerfile'), ['Dockerfile']);
    assert.deepEqual(files.listFiles('ci'), [], 'a folder is not a file');
    assert.deepEqual(files.listFiles('Makefile'), []);
    assert.deepEqual(files.listFiles('../listing/ci/*.yml'), [], 'nothing out of the project');
    assert.deepEqual(files.listFiles('../listing/Dockerfile'), []);
    // The folders walked: the fixed segments before the first wildcard.
    assert.deepEqual(['.gitlab/ci/*.yml', '/configs/**.yml', '**.yml', 'a/*/b/*.yml', './ci/*.gitlab-ci.yml'].map(globFolder), ['.gitlab/ci', 'configs', '', 'a', 'ci']);
  });
});

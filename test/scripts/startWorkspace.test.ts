// The workspace `npm start` opens: a scratch copy of samples/ that is a git repository of its
// own, so the designer's edits never touch the clone and `git diff` there shows them; --reset
// puts it back as shipped.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { prepareScratchWorkspace, SHIPPED_COMMIT_MESSAGE, shippedSamples, startSettings, treeDigest } from '../../scripts/lib/startWorkspace.mjs';

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' });
const deploy = join('.github', 'workflows', 'deploy.yml');

describe('the scratch workspace of npm start', () => {
  let scratch: string;
  let copy: string;
  const samplesBefore = treeDigest(shippedSamples);

  before(() => {
    scratch = mkdtempSync(join(tmpdir(), 'pipewright-start-'));
    copy = join(scratch, 'samples');
  });

  after(() => {
    rmSync(scratch, { recursive: true, force: true });
    assert.equal(treeDigest(shippedSamples), samplesBefore, "the repository's samples/ changed");
  });

  test('is created as a git repository holding exactly samples/, committed as shipped', () => {
    const made = prepareScratchWorkspace({ to: copy });
    assert.deepEqual(made, { dir: copy, created: true, stale: false });
    assert.equal(treeDigest(copy), treeDigest(shippedSamples));
    assert.equal(git(copy, 'log', '--format=%s').trim(), SHIPPED_COMMIT_MESSAGE);
    assert.equal(git(copy, 'status', '--porcelain'), '', 'nothing uncommitted');
    assert.equal(git(copy, 'ls-files', '--others', '--exclude-standard'), '');
  });

  test('is kept, with the edits made in it, the next time; git diff shows the edits', () => {
    const path = join(copy, deploy);
    writeFileSync(path, readFileSync(path, 'utf8').replace('  test:\n', '  unit-tests:\n'));
    assert.deepEqual(prepareScratchWorkspace({ to: copy }), { dir: copy, created: false, stale: false });
    const diff = git(copy, 'diff');
    assert.match(diff, /^- {2}test:$/m);
    assert.match(diff, /^\+ {2}unit-tests:$/m);
  });

  test('reset puts it back as shipped', () => {
    assert.deepEqual(prepareScratchWorkspace({ to: copy, reset: true }), { dir: copy, created: true, stale: false });
    assert.equal(treeDigest(copy), treeDigest(shippedSamples));
    assert.equal(git(copy, 'status', '--porcelain'), '');
  });

  test('says when the shipped samples changed since the copy was made, and keeps the copy', () => {
    const shipped = join(scratch, 'shipped');
    const other = join(scratch, 'other');
    cpSync(shippedSamples, shipped, { recursive: true });
    prepareScratchWorkspace({ from: shipped, to: other });
    writeFileSync(join(shipped, 'new.yml'), 'jobs: {}\n');
    assert.deepEqual(prepareScratchWorkspace({ from: shipped, to: other }), { dir: other, created: false, stale: true });
    assert.notEqual(treeDigest(other), treeDigest(shipped));
  });

  test('a copy left half-made (no stamp) is made again', () => {
    const half = join(scratch, 'half');
    cpSync(shippedSamples, half, { recursive: true });
    writeFileSync(join(half, 'stray.txt'), 'left over\n');
    assert.equal(prepareScratchWorkspace({ to: half }).created, true);
    assert.equal(treeDigest(half), treeDigest(shippedSamples));
  });
});

describe('npm start\'s settings', () => {
  test('open the README ("Things to try") when the workspace opens, as a user setting (VS Code ignores a workspace\'s)', () => {
    assert.equal(startSettings['workbench.startupEditor'], 'readme');
    assert.equal(existsSync(join(shippedSamples, '.vscode', 'settings.json')), false, 'no workspace setting that VS Code would ignore');
  });
});

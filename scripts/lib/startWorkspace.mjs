// The workspace `npm start` opens: a scratch copy of samples/, never samples/ itself, because
// every designer gesture writes the file it edits (and code-server may autosave), which would
// leave the clone's `git status` dirty. The copy is a git repository of its own whose first
// commit is the samples as shipped, so `git diff` there shows exactly what the designer did.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { root } from './ensure.mjs';

export const shippedSamples = join(root, 'samples');
export const scratchWorkspace = join(root, '.cache', 'start', 'samples');
export const SHIPPED_COMMIT_MESSAGE = 'samples as shipped';

/**
 * User settings of npm start's VS Code: it opens on the samples' README ("Things to try"). A user
 * setting, because VS Code ignores `workbench.startupEditor: readme` in a workspace's own
 * settings (so that a repository cannot open files on you).
 */
export const startSettings = { 'workbench.startupEditor': 'readme' };

/** Inside the copy's .git, so it is neither a workspace file nor part of any diff. */
const STAMP = join('.git', 'pipewright-shipped-digest');

/**
 * Creates the scratch copy when it is missing (or `reset` asks for a fresh one) and says what it
 * found. `stale` means samples/ changed since the copy was made; the copy is kept, since it may
 * hold the user's work, until they reset it.
 * @returns {{ dir: string, created: boolean, stale: boolean }}
 */
export function prepareScratchWorkspace({ from = shippedSamples, to = scratchWorkspace, reset = false } = {}) {
  const digest = treeDigest(from);
  const complete = existsSync(join(to, STAMP));
  if (complete && !reset) {
    return { dir: to, created: false, stale: readFileSync(join(to, STAMP), 'utf8') !== digest };
  }
  // Reset, or an earlier attempt that stopped before its stamp: start from nothing.
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, { recursive: true });
  git(to, ['init', '--quiet', '--initial-branch=main']);
  git(to, ['add', '--all']);
  git(to, [
    // The user's own settings must not stop or sign a commit nobody will push.
    '-c', 'user.name=Pipewright',
    '-c', 'user.email=pipewright@localhost',
    '-c', 'commit.gpgsign=false',
    '-c', 'core.hooksPath=/dev/null',
    'commit', '--quiet', '--no-verify', '-m', SHIPPED_COMMIT_MESSAGE,
  ]);
  writeFileSync(join(to, STAMP), digest);
  return { dir: to, created: true, stale: false };
}

function git(cwd, args) {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (r.error) throw new Error(`git is needed for the scratch workspace (${r.error.message}); install it (apt-get install git)`);
  if (r.status !== 0) throw new Error(`git ${args.filter((a) => !a.includes('=')).join(' ')} in ${cwd} failed: ${r.stderr.trim()}`);
  return r.stdout;
}

/**
 * A digest of every file under a folder (relative path and bytes), to notice that it changed.
 * A `.git` folder is history, not content: it is left out.
 */
export function treeDigest(dir) {
  const hash = createHash('sha256');
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      if (name === '.git') continue;
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else hash.update(`${relative(dir, path)}\0`).update(readFileSync(path)).update('\0');
    }
  };
  walk(dir);
  return hash.digest('hex');
}

// Every shell example in README.md that runs the command line works as written: each block runs
// in bash (stopping at the first failing command, pipes included) in a scratch copy of the files
// it names, with the built command at bin/pipewright.js and `pipewright` on the PATH, as an
// installed package has it. Needs `npm run build` (npm test builds first).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { after, test } from 'node:test';
import { repoRoot } from '../helpers/corpus';

// `node bin/pipewright.js …` or `pipewright …` at the start of a command (a line, or after a pipe).
const RUNS_CLI = /(^|\|\s*)\s*(node bin\/pipewright\.js|pipewright)\s/m;

function cliExamples(readme: string): string[] {
  return [...readme.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1]).filter((block) => RUNS_CLI.test(block));
}

const scratch = mkdtempSync(join(tmpdir(), 'pipewright-readme-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** A fresh copy of what the examples use: the samples, the launcher and the built command. */
function workspace(name: string): { cwd: string; env: NodeJS.ProcessEnv } {
  const cwd = join(scratch, name);
  const built = join(repoRoot, 'dist', 'cli.js');
  assert.ok(existsSync(built), `${built} is missing: run npm run build first`);
  cpSync(join(repoRoot, 'samples'), join(cwd, 'samples'), { recursive: true });
  cpSync(join(repoRoot, 'bin', 'pipewright.js'), join(cwd, 'bin', 'pipewright.js'));
  cpSync(built, join(cwd, 'dist', 'cli.js'));
  // What npm links for package.json's "bin" when the package is installed.
  const path = join(cwd, '.bin');
  mkdirSync(path);
  writeFileSync(join(path, 'pipewright'), `#!/bin/sh\nexec "${process.execPath}" "${join(cwd, 'bin', 'pipewright.js')}" "$@"\n`);
  chmodSync(join(path, 'pipewright'), 0o755);
  return { cwd, env: { ...process.env, PATH: `${path}${delimiter}${process.env.PATH ?? ''}` } };
}

const examples = cliExamples(readFileSync(join(repoRoot, 'README.md'), 'utf8'));

test('the README has command line examples of graph, apply and templates', () => {
  const all = examples.join('\n');
  for (const command of ['graph', 'apply', 'templates']) {
    assert.match(all, new RegExp(`(node bin/pipewright\\.js|pipewright) ${command}\\b`), `no example of ${command}`);
  }
});

for (const [i, block] of examples.entries()) {
  test(`README example ${i + 1} runs as written: ${block.split('\n')[0]}`, () => {
    const { cwd, env } = workspace(`example-${i + 1}`);
    const r = spawnSync('bash', ['-e', '-o', 'pipefail', '-c', block], { cwd, env, encoding: 'utf8' });
    if (r.error) throw r.error;
    assert.equal(r.status, 0, `exit ${r.status}:\n${block}\n--- stderr ---\n${r.stderr}`);
    assert.notEqual(r.stdout, '', 'it printed nothing');
  });
}

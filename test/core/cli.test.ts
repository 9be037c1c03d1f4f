// The `pipewright` command run as a child process from the sources (no build needed).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { repoRoot } from '../helpers/corpus';

interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

function pipewright(...args: string[]): CliRun {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'src', 'cli', 'main.ts'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const WORKFLOW = 'name: CI\non: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps: [{ run: make }]\n  deploy:\n    needs: [build, ghost]\n    environment: production\n    runs-on: ubuntu-latest\n';
const GITLAB = 'stages: [build, test]\ncompile:\n  stage: build\n  script: make\nunit:\n  stage: test\n  script: make test\n';

let dir = '';
const file = (name: string) => join(dir, name);

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'pipewright-cli-'));
  mkdirSync(join(dir, '.github', 'workflows'), { recursive: true });
  writeFileSync(file('.github/workflows/ci.yml'), WORKFLOW);
  writeFileSync(file('pipeline.yml'), WORKFLOW);
  writeFileSync(file('.gitlab-ci.yml'), GITLAB);
  writeFileSync(file('broken.yml'), 'jobs:\n  build:\n    runs-on: [ubuntu\n');
  writeFileSync(file('settings.yml'), 'name: not a pipeline\nversion: 3\n');
});

after(() => rmSync(dir, { recursive: true, force: true }));

describe('pipewright graph', () => {
  test('--json prints the public graph JSON, 2-space indented, exit 0 even with a reference error', () => {
    const r = pipewright('graph', file('.github/workflows/ci.yml'), '--json');
    assert.equal(r.status, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.deepEqual(json, {
      dialect: 'github',
      nodes: [
        { id: 'build', name: 'build', kind: 'build', range: { startLine: 4, endLine: 6 } },
        { id: 'deploy', name: 'deploy', kind: 'deploy', environment: 'production', range: { startLine: 7, endLine: 10 } },
      ],
      edges: [
        { from: 'build', to: 'deploy', implicit: false },
        { from: 'ghost', to: 'deploy', implicit: false },
      ],
      errors: [{ message: '"deploy" depends on "ghost", which is not defined in this file', line: 8, column: 20 }],
    });
    assert.equal(r.stdout, `${JSON.stringify(json, null, 2)}\n`);
  });

  test('the text listing shows nodes, edges and errors with line:column', () => {
    const r = pipewright('graph', file('.github/workflows/ci.yml'));
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /GitHub Actions workflow "CI"/);
    assert.match(r.stdout, /^ {2}deploy {2}kind: deploy {2}env: production {2}lines 7-10$/m);
    assert.match(r.stdout, /^ {2}ghost → deploy {2}\(unresolved, at 8:20\)$/m);
    assert.match(r.stdout, /ci\.yml:8:20: "deploy" depends on "ghost"/);
  });

  test('the dialect is detected from content when the name says nothing', () => {
    const r = pipewright('graph', file('pipeline.yml'), '--json');
    assert.equal(r.status, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).dialect, 'github');
  });

  test('--dialect overrides detection by name, in both spellings', () => {
    const detected = JSON.parse(pipewright('graph', file('.gitlab-ci.yml'), '--json').stdout);
    assert.equal(detected.dialect, 'gitlab');
    for (const args of [['--dialect', 'github'], ['--dialect=github']]) {
      const r = pipewright('graph', file('.gitlab-ci.yml'), '--json', ...args);
      assert.equal(r.status, 0, r.stderr);
      const json = JSON.parse(r.stdout);
      assert.equal(json.dialect, 'github');
      assert.deepEqual(json.errors.map((e: { message: string }) => e.message), ['the workflow has no `jobs:` mapping']);
    }
  });

  test('a missing file: exit 2, stderr names the file', () => {
    const missing = file('nope.yml');
    const r = pipewright('graph', missing);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, `pipewright graph: cannot read ${missing}: no such file\n`);
  });

  test('a directory: exit 2', () => {
    const r = pipewright('graph', dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /cannot read .*: it is a directory/);
  });

  test('an unreadable file: exit 2', { skip: process.getuid?.() === 0 ? 'root can read any file' : false }, () => {
    const locked = file('locked.yml');
    writeFileSync(locked, WORKFLOW);
    chmodSync(locked, 0o000);
    const r = pipewright('graph', locked);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /permission denied/);
  });

  test('malformed YAML: exit 2, the errors with file:line:column, nothing on stdout', () => {
    const r = pipewright('graph', file('broken.yml'), '--json');
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /broken\.yml is not valid YAML:/);
    // Where the bracket opens (line 3, column 14), not where the parser gave up.
    assert.match(r.stderr, /broken\.yml:3:14: missing closing \]/);
  });

  test('an undetectable dialect: exit 2, names the file and the --dialect option', () => {
    const r = pipewright('graph', file('settings.yml'));
    assert.equal(r.status, 2);
    assert.match(r.stderr, /settings\.yml: not recognised as a GitHub Actions, GitLab CI or Azure Pipelines file/);
    assert.match(r.stderr, /--dialect github\|gitlab\|azure/);
  });

  test('an unknown --dialect value is a usage error', () => {
    const r = pipewright('graph', file('pipeline.yml'), '--dialect', 'jenkins');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /unknown dialect "jenkins"/);
    assert.match(r.stderr, /usage: pipewright graph FILE/);
  });

  test('usage errors: no file, two files, unknown option, option without value', () => {
    for (const [args, message] of [
      [['graph'], /missing FILE/],
      [['graph', 'a.yml', 'b.yml'], /expected one FILE, got 2/],
      [['graph', 'a.yml', '--yaml'], /unknown option --yaml/],
      [['graph', 'a.yml', '--dialect'], /--dialect needs a value/],
    ] as const) {
      const r = pipewright(...args);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, message);
    }
  });

  test('graph --help prints the command usage', () => {
    const r = pipewright('graph', '--help');
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^usage: pipewright graph FILE \[--json\] \[--dialect github\|gitlab\|azure\]/);
  });
});

describe('pipewright', () => {
  test('--help lists the commands, exit 0', () => {
    const r = pipewright('--help');
    assert.equal(r.status, 0);
    assert.match(r.stdout, /usage: pipewright COMMAND/);
    assert.match(r.stdout, /^ {2}graph +print the stage graph/m);
    assert.match(r.stdout, /^ {2}apply +apply edit operations/m);
    assert.match(r.stdout, /^ {2}templates +list the stage templates/m);
  });

  test('--version prints the package version', () => {
    const r = pipewright('--version');
    assert.equal(r.status, 0);
    const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
    assert.equal(r.stdout, `${version}\n`);
  });

  test('no arguments or an unknown command: usage on stderr, exit 2', () => {
    const none = pipewright();
    assert.equal(none.status, 2);
    assert.match(none.stderr, /usage: pipewright COMMAND/);
    const unknown = pipewright('deploy-everything');
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown command "deploy-everything"/);
  });
});

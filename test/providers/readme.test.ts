// The README's command-line operating examples run as written (against the sandbox API server it
// tells readers to start, on whatever port is free here), and its synopsis matches the commands.
// Those examples are fenced ```sh sandbox: they need the server running, which examples that run
// on their own (```sh) do not.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../src/cli/cli';
import type { CliIo } from '../../src/cli/io';
import { repoRoot } from '../helpers/corpus';
import { startGitHubSandbox } from './github/server';

const SECTION = '## Operate GitHub Actions from the command line';
const README_PORT = '127.0.0.1:8787';

function section(): string {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const start = readme.indexOf(SECTION);
  assert.ok(start >= 0, `README has a section "${SECTION}"`);
  const end = readme.indexOf('\n## ', start + SECTION.length);
  return readme.slice(start, end < 0 ? undefined : end);
}

/** Fenced blocks whose info string is exactly `info` ("sh sandbox", "text"). */
function blocks(text: string, info: string): string[] {
  return [...text.matchAll(new RegExp('```' + info + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]);
}

test('the examples run as written against `npm run sandbox-api`, each exiting 0', async () => {
  const script = blocks(section(), 'sh sandbox').join('\n');
  assert.match(script, /node bin\/pipewright\.js/);
  assert.ok(script.includes(README_PORT), `the examples use the sandbox's default address ${README_PORT}`);
  const api = await startGitHubSandbox({ port: 0 });
  try {
    const address = new URL(api.url).host;
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'GITHUB_TOKEN' && k !== 'GH_TOKEN'));
    const result = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      // -e: the first example that fails ends the script with its exit code.
      const child = spawn('bash', ['-e', '-c', script.split(README_PORT).join(address)], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^Approved the deployment to production-eu of run #1 "Release 1\.5\.0"/m);
    assert.match(result.stdout, /^Started \.github\/workflows\/release\.yml on main in acme\/shop \(run #2\)\./m);
    assert.match(result.stdout, /^Rolling back production to 2a3b4c5: /m);
    assert.deepEqual((api.apiRequests('POST /repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments')[0].body as { comment: string }).comment, 'ship it');
    assert.deepEqual(api.violations, []);
  } finally {
    await api.close();
  }
});

test('the synopsis names only options each command has', async () => {
  const synopsis = blocks(section(), 'text')[0].trim().split('\n');
  assert.equal(synopsis.length, 6);
  for (const line of synopsis) {
    const [, command, ...rest] = line.split(/\s+/);
    let usage = '';
    const io = { stdout: (t: string) => void (usage += t), stderr: () => undefined } as unknown as CliIo;
    assert.equal(await runCli([command, '--help'], io), 0, command);
    for (const option of rest.join(' ').match(/--[a-z-]+/g) ?? []) assert.ok(usage.includes(option), `pipewright ${command} has ${option}`);
    assert.ok(usage.includes(`usage: pipewright ${command} --target github:OWNER/REPO`), command);
  }
});

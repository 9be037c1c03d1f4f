// `npm start -- --sandbox`: the local GitHub API server the tests use (test/providers/github/),
// live on the real clock with its richest scenario, and what points the extension at it — its
// real settings (the API URL as for a GitHub Enterprise Server, the repository, the sidebar's
// "Sandbox" label) and the scenario's token in the extension host's environment. Nothing about a
// GitHub account is needed; runs progress, approvals appear, every command can be tried.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { root } from './ensure.mjs';

const READY_TIMEOUT_MS = 60_000;

/** Starts the server (a child process) and resolves once it says where it listens. */
export async function startSandboxApi() {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'test', 'providers', 'github', 'serve.ts'), '--port', '0', '--scenario', 'sandbox'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  // Ctrl+C reaches the whole process group; a signal sent to npm start alone must end it too.
  process.once('exit', stop);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, () => {
      stop();
      // Listening for a signal cancels its default; die of it unless someone else handles it.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  }
  let output = '';
  const started = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the sandbox API server did not start within ${READY_TIMEOUT_MS / 1000} s:\n${output}`)), READY_TIMEOUT_MS);
    const read = (chunk) => {
      output += chunk;
      const url = /at (http:\/\/\S+)/.exec(output)?.[1];
      const token = /token: (\S+)/.exec(output)?.[1];
      const repository = /repository: (\S+)/.exec(output)?.[1];
      if (url && token && repository) {
        clearTimeout(timer);
        resolve({ url, token, repository });
      }
    };
    child.stdout.setEncoding('utf8').on('data', read);
    child.stderr.setEncoding('utf8').on('data', (chunk) => (output += chunk));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the sandbox API server exited (${code ?? signal}):\n${output}`));
    });
  });
  return {
    ...started,
    /** User settings for code-server: the extension's own settings, as a user would set them. */
    settings: { 'pipewright.github.apiUrl': started.url, 'pipewright.github.repository': started.repository, 'pipewright.github.label': 'Sandbox' },
    /** The extension host reads the token from here (never from settings). */
    environment: { PIPEWRIGHT_GITHUB_TOKEN: started.token },
    stop,
  };
}

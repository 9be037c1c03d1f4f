// npm start: a browser VS Code (code-server) with the freshly packaged extension, opened on
// samples/. Prints the URL and runs until Ctrl+C, which stops code-server and its helpers.
//   npm start -- --sandbox    also a local GitHub API (lib/sandbox.mjs) the extension operates
import { join } from 'node:path';
import { packageExtension } from './package.mjs';
import { ensureCodeServer, findFreePort, installVsix, portIsFree, startCodeServer } from './lib/codeServer.mjs';
import { ensureNodeModules, log, root } from './lib/ensure.mjs';
import { startSandboxApi } from './lib/sandbox.mjs';

const profileDir = join(root, '.cache', 'start');
const samples = join(root, 'samples');

async function choosePort() {
  const wanted = Number(process.env.PORT ?? 8080);
  if (await portIsFree(wanted)) return wanted;
  const free = await findFreePort();
  log(`port ${wanted} is taken; using ${free}`);
  return free;
}

async function main() {
  ensureNodeModules();
  ensureCodeServer();
  const vsix = await packageExtension();
  const profile = { extensionsDir: join(profileDir, 'extensions'), userDataDir: join(profileDir, 'user-data') };
  installVsix(vsix, profile);
  // --sandbox: the extension operates a local GitHub API through its real settings and a token
  // in its environment, which code-server's extension host inherits.
  const sandbox = process.argv.includes('--sandbox') ? await startSandboxApi() : undefined;
  if (sandbox) Object.assign(process.env, sandbox.environment);
  const server = await startCodeServer({
    ...profile,
    workspace: samples,
    port: await choosePort(),
    logFile: join(profileDir, 'code-server.log'),
    settings: sandbox?.settings ?? {},
  });
  if (sandbox) console.log(`\nSandbox: a local GitHub API at ${sandbox.url} plays ${sandbox.repository}; open the Pipewright view in the activity bar.`);
  const url = `${server.url}/?folder=${encodeURIComponent(samples)}`;
  console.log(`\nPipewright is running in VS Code at\n\n  ${url}\n\nOpen a file under samples/ and run "Pipewright: Open in Designer". Ctrl+C stops it.`);
  console.log(`(code-server log: ${server.logFile})\n`);
  // codeServer.mjs stops the server on Ctrl+C or SIGTERM; here we only tell which way it ended.
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      stopping = true;
      log('stopping code-server…');
    });
  }
  const { code, signal } = await server.exited;
  if (stopping) return;
  log(`code-server exited on its own (${code ?? signal}); see ${server.logFile}`);
  process.exitCode = 1;
}

main().catch((e) => {
  console.error(e?.message ?? e);
  process.exit(1);
});

// npm start: a browser VS Code (code-server) with the freshly packaged extension, opened on a
// scratch copy of samples/ (see lib/startWorkspace.mjs). Prints the URL and runs until Ctrl+C,
// which stops code-server and its helpers.
//   npm start                 start (creates the scratch copy the first time)
//   npm start -- --reset      put the scratch copy back as shipped, then start
//   npm start -- --sandbox    also a local GitHub API (lib/sandbox.mjs) the extension operates
import { join } from 'node:path';
import { packageExtension } from './package.mjs';
import { ensureCodeServer, findFreePort, installVsix, portIsFree, startCodeServer } from './lib/codeServer.mjs';
import { ensureDebianPackages, ensureNodeModules, log, root } from './lib/ensure.mjs';
import { shown } from './lib/logged.mjs';
import { parseStartArgs, StartUsageError, startUsage } from './lib/startOptions.mjs';
import { prepareScratchWorkspace, startSettings } from './lib/startWorkspace.mjs';
import { startSandboxApi } from './lib/sandbox.mjs';

const profileDir = join(root, '.cache', 'start');

async function choosePort() {
  const wanted = Number(process.env.PORT ?? 8080);
  if (await portIsFree(wanted)) return wanted;
  const free = await findFreePort();
  log(`port ${wanted} is taken; using ${free}`);
  return free;
}

/** What the user needs to know about the workspace they are about to edit. */
function describeWorkspace({ dir, created, stale }, { reset }) {
  const where = shown(dir);
  const commands = [
    [`git -C ${where} diff`, 'shows what the designer changed there'],
    ['npm start -- --reset', 'puts the samples back as shipped'],
  ];
  const width = Math.max(...commands.map(([c]) => c.length));
  const lines = [
    `The workspace is a scratch copy of samples/ in ${where}, a git repository of its own:`,
    ...commands.map(([command, what]) => `  ${command.padEnd(width)}  ${what}`),
  ];
  if (created) lines.unshift(reset ? 'Reset the scratch copy to the samples as shipped.' : 'Made a scratch copy of samples/.');
  if (stale) lines.push('samples/ has changed since the copy was made: `npm start -- --reset` gets the new samples (and drops your edits there).');
  return lines.join('\n');
}

async function main() {
  const options = parseStartArgs(process.argv.slice(2));
  if (options.help) {
    console.log(startUsage());
    return;
  }
  ensureNodeModules();
  // The scratch copy is a git repository; git is usually there already (the clone).
  await ensureDebianPackages(['git']);
  await ensureCodeServer();
  const workspace = prepareScratchWorkspace({ reset: options.reset });
  const vsix = await packageExtension();
  const profile = { extensionsDir: join(profileDir, 'extensions'), userDataDir: join(profileDir, 'user-data') };
  installVsix(vsix, profile);
  // --sandbox: the extension operates a local GitHub API through its real settings and a token
  // in its environment, which code-server's extension host inherits.
  const sandbox = options.sandbox ? await startSandboxApi() : undefined;
  if (sandbox) Object.assign(process.env, sandbox.environment);
  const server = await startCodeServer({
    ...profile,
    workspace: workspace.dir,
    port: await choosePort(),
    logFile: join(profileDir, 'code-server.log'),
    settings: { ...startSettings, ...(sandbox?.settings ?? {}) },
  });
  if (sandbox) console.log(`\nSandbox: a local GitHub API at ${sandbox.url} plays ${sandbox.repository}; open the Pipewright view in the activity bar.`);
  const url = `${server.url}/?folder=${encodeURIComponent(workspace.dir)}`;
  console.log(`\nPipewright is running in VS Code at\n\n  ${url}\n`);
  console.log(`${describeWorkspace(workspace, options)}\n`);
  console.log('Open a pipeline file and run "Pipewright: Open in Designer". Ctrl+C stops it.');
  console.log(`(code-server log: ${shown(server.logFile)})\n`);
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
  process.exit(e instanceof StartUsageError ? 2 : 1);
});

// A real VS Code for tests and `npm start`: code-server from npm, installed into a cache folder
// the repository ignores (the way @vscode/test-electron uses .vscode-test/). Desktop VS Code and
// GitHub downloads are unreachable on our machines, so everything here comes from npm and Debian.
import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { arch, platform } from 'node:os';
import { join } from 'node:path';
import { chromiumPath, ensureDebianPackages, log, root } from './ensure.mjs';
import { formatDuration, lastLine, runLogged, shown } from './logged.mjs';

// Re-exported for the TypeScript test harness, which has declarations only for this module.
export { chromiumPath, root };

export const cacheRoot = join(root, '.cache');
const codeServerCache = join(cacheRoot, 'code-server');

/**
 * code-server's postinstall refuses any Node major but the one its VS Code was built for, so the
 * version follows the running Node. Checked with `npm view code-server@X engines.node`:
 * 4.100.3 → 20, 4.103.2…4.117.0 → 22, 4.133.0…4.139.1 → 24.
 */
const codeServerByNodeMajor = { 20: '4.100.3', 22: '4.117.0', 24: '4.139.1' };

export function codeServerVersionFor(nodeMajor) {
  const override = process.env.PIPEWRIGHT_CODE_SERVER_VERSION;
  if (override) return override;
  const version = codeServerByNodeMajor[nodeMajor];
  if (!version) {
    const known = Object.keys(codeServerByNodeMajor).join(', ');
    throw new Error(
      `no code-server version is known to run on Node ${nodeMajor} (known: Node ${known}). ` +
        'Find one with `npm view code-server@X engines.node` and set PIPEWRIGHT_CODE_SERVER_VERSION.',
    );
  }
  return version;
}

/**
 * What the real-VS-Code tests need from Debian: Kerberos headers for code-server's `kerberos`
 * module, a compiler toolchain for its native modules (node-pty runs node-gyp), ripgrep for the
 * offline @vscode/ripgrep install, and Chromium to drive the workbench.
 */
export const debianPackagesForTests = ['libkrb5-dev', 'python3', 'make', 'g++', 'ripgrep', 'chromium'];

/** Where code-server `version` is installed, and the file that says the install completed. */
function codeServerPaths(version) {
  const dir = join(codeServerCache, version);
  return {
    dir,
    entry: join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    marker: join(dir, '.complete'),
  };
}

/** The code-server for this Node, installed already (by npm test or npm start); throws if it is not. */
export function installedCodeServer() {
  const version = codeServerVersionFor(Number(process.versions.node.split('.')[0]));
  const { dir, entry, marker } = codeServerPaths(version);
  if (!existsSync(marker)) {
    throw new Error(`code-server ${version} is not installed in ${dir}; \`npm test -- --layer vscode\` or \`npm start\` installs it`);
  }
  return { version, dir, entry };
}

/** Installs code-server once per version; later calls only check the completion marker. */
export async function ensureCodeServer({ print = log } = {}) {
  await ensureDebianPackages(debianPackagesForTests, { print });
  const version = codeServerVersionFor(Number(process.versions.node.split('.')[0]));
  const { dir, entry, marker } = codeServerPaths(version);
  if (existsSync(marker)) return { version, dir, entry };
  await installCodeServer(version, dir, { print });
  writeFileSync(marker, JSON.stringify({ version, node: process.versions.node, installedAt: new Date().toISOString() }));
  return { version, dir, entry };
}

/**
 * Lets npm run the install scripts that a folder's lockfile marks (`hasInstallScript`) by naming
 * them in the folder's package.json `allowScripts`. npm runs unlisted scripts today with a
 * warning, and announces it will refuse them. We install code-server to run it, and its scripts
 * (its postinstall, the native modules of VS Code it pins) are how it becomes runnable: they are
 * the ones code-server's own lockfiles list, so those are the ones allowed. Returns their names.
 */
export function allowLockedInstallScripts(folder) {
  const lockFile = ['npm-shrinkwrap.json', 'package-lock.json'].map((f) => join(folder, f)).find((f) => existsSync(f));
  if (!lockFile) return [];
  const lock = JSON.parse(readFileSync(lockFile, 'utf8'));
  const names = new Set();
  for (const [key, entry] of Object.entries(lock.packages ?? {})) {
    // The key '' is the folder's own package, whose scripts npm always runs.
    if (key === '' || !entry.hasInstallScript) continue;
    names.add(key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length));
  }
  if (names.size === 0) return [];
  const manifestFile = join(folder, 'package.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  manifest.allowScripts = { ...Object.fromEntries([...names].map((n) => [n, true])), ...manifest.allowScripts };
  writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  return [...names].sort();
}

/**
 * Installs code-server `version` into `dir` (emptied first) in three steps, with npm's output in
 * `dir`/install.log and a progress line every `everyMs`: time since the start, the step, and
 * what the log says is happening. It takes minutes: three on an idle two-core machine, ten on a busy one.
 */
export async function installCodeServer(version, dir, { print = log, everyMs = 10_000 } = {}) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const logFile = join(dir, 'install.log');
  const started = Date.now();
  print(
    `installing code-server ${version} into ${shown(dir)}: a few minutes (three on an idle two-core machine), ` +
      `a line every ${everyMs / 1000} s (log: ${shown(logFile)})`,
  );
  const tmpDir = join(dir, 'tmp');
  mkdirSync(tmpDir);
  const env = {
    ...process.env,
    // As root, code-server's postinstall refuses to run unless this says unsafe_perm (npm 11
    // warns that it no longer knows the setting; the script reads the variable itself). node-pty's
    // postinstall runs `npx node-gyp`, which a machine-wide `yes=false` would cancel.
    npm_config_unsafe_perm: 'true',
    npm_config_yes: 'true',
    // @vscode/ripgrep looks for its download cache under os.tmpdir(); keep it inside our cache.
    TMPDIR: tmpDir,
  };
  const step = (n, what, args) =>
    runLogged({
      title: `installing code-server ${version}`,
      cmd: 'npm',
      args,
      env,
      logFile,
      print,
      everyMs,
      startedAt: started,
      announce: false,
      // npm's warnings about its own settings say nothing about progress.
      doing: (text) => `step ${n} of 3, ${what}: ${lastLine(text.replace(/^npm warn .*$/gm, '')) || 'starting'}`,
    });
  // Fetch without scripts, so the ripgrep version VS Code pins can be read from the unpacked
  // shrinkwrap; then run the install scripts with ripgrep's archive already in place.
  await step(1, 'fetching packages', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--prefix', dir, `code-server@${version}`]);
  const codeServerDir = join(dir, 'node_modules', 'code-server');
  prepareRipgrepCache(codeServerDir, tmpDir, print);
  // Our install and the two npm installs code-server's postinstall runs (VS Code, its extensions).
  const allowed = [dir, join(codeServerDir, 'lib', 'vscode'), join(codeServerDir, 'lib', 'vscode', 'extensions')].flatMap(allowLockedInstallScripts);
  print(`code-server, step 2 of 3: allowed the install scripts its lockfiles list (${allowed.length} packages)`);
  // In the foreground, so the scripts' output reaches the log as they run: progress to show.
  await step(3, 'building VS Code and its native modules', ['rebuild', '--foreground-scripts', '--prefix', dir]);
  const entry = codeServerPaths(version).entry;
  if (!existsSync(entry)) throw new Error(`code-server installed but ${entry} is missing; see ${logFile}`);
  if (/not yet covered by allowScripts/.test(readFileSync(logFile, 'utf8'))) {
    print(`code-server ${version}: npm ran install scripts its lockfiles do not list; see "allowScripts" in ${shown(logFile)}`);
  }
  print(`code-server ${version} installed in ${formatDuration(Date.now() - started)}`);
}

/**
 * @vscode/ripgrep's postinstall downloads rg from GitHub, which is unreachable here. It first looks
 * for `<tmpdir>/vscode-ripgrep-cache-<package version>/ripgrep-<tag>-<target>.tar.gz`, so we put
 * Debian's rg there. The package version comes from VS Code's shrinkwrap; the tag is a constant
 * in that package's postinstall.js, read from its npm tarball rather than hard-coded.
 */
function prepareRipgrepCache(codeServerDir, tmpDir, print) {
  const versions = ripgrepVersionsPinnedBy(join(codeServerDir, 'lib', 'vscode'));
  if (versions.length === 0) throw new Error(`no @vscode/ripgrep found in ${codeServerDir}/lib/vscode shrinkwraps`);
  const target = ripgrepTarget();
  const staging = mkdtempSync(join(tmpDir, 'rg-'));
  writeFileSync(join(staging, 'rg'), readFileSync('/usr/bin/rg'), { mode: 0o755 });
  for (const version of versions) {
    const tag = ripgrepReleaseTag(version, tmpDir);
    const cacheDir = join(tmpDir, `vscode-ripgrep-cache-${version}`);
    mkdirSync(cacheDir, { recursive: true });
    const archive = join(cacheDir, `ripgrep-${tag}-${target}.tar.gz`);
    checked('tar', ['-czf', archive, '-C', staging, 'rg']);
    print(`code-server, step 2 of 3: Debian's ripgrep stands in for the download of @vscode/ripgrep ${version}`);
  }
}

function ripgrepVersionsPinnedBy(vscodeDir) {
  const versions = new Set();
  for (const folder of [vscodeDir, join(vscodeDir, 'extensions')]) {
    for (const file of ['npm-shrinkwrap.json', 'package-lock.json']) {
      const path = join(folder, file);
      if (!existsSync(path)) continue;
      const lock = JSON.parse(readFileSync(path, 'utf8'));
      for (const [key, entry] of Object.entries(lock.packages ?? {})) {
        if (key.endsWith('node_modules/@vscode/ripgrep') && entry.version) versions.add(entry.version);
      }
    }
  }
  return [...versions];
}

function ripgrepReleaseTag(packageVersion, tmpDir) {
  const unpackDir = mkdtempSync(join(tmpDir, 'ripgrep-pkg-'));
  const packed = spawnSync('npm', ['pack', `@vscode/ripgrep@${packageVersion}`, '--pack-destination', unpackDir, '--silent'], {
    encoding: 'utf8',
  });
  if (packed.status !== 0) throw new Error(`npm pack @vscode/ripgrep@${packageVersion} failed: ${packed.stderr}`);
  const tarball = join(unpackDir, packed.stdout.trim().split('\n').pop());
  checked('tar', ['-xzf', tarball, '-C', unpackDir, 'package/lib/postinstall.js']);
  const source = readFileSync(join(unpackDir, 'package', 'lib', 'postinstall.js'), 'utf8');
  const tag = /const VERSION = ['"]([^'"]+)['"]/.exec(source)?.[1];
  if (!tag) throw new Error(`could not find the ripgrep release tag (const VERSION) in @vscode/ripgrep@${packageVersion}`);
  return tag;
}

/** The target triple @vscode/ripgrep computes for this machine (Linux only: Debian's rg). */
function ripgrepTarget() {
  if (platform() !== 'linux') throw new Error('installing code-server for tests is only automated on Linux');
  const byArch = { x64: 'x86_64-unknown-linux-musl', arm64: 'aarch64-unknown-linux-musl' };
  const target = byArch[arch()];
  if (!target) throw new Error(`no ripgrep target known for architecture ${arch()}`);
  return target;
}

function checked(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

/** Where code-server reads its own options; without --config it writes one into ~/.config. */
function codeServerConfigFile() {
  const file = join(codeServerCache, 'config.yaml');
  if (!existsSync(file)) {
    mkdirSync(codeServerCache, { recursive: true });
    writeFileSync(file, 'auth: none\ncert: false\n');
  }
  return file;
}

function childEnv() {
  const env = { ...process.env };
  // code-server lets $PORT override --bind-addr; the port we chose must win.
  delete env.PORT;
  return env;
}

/** Installs a .vsix with code-server's CLI (a folder copied into extensions-dir is ignored). */
export function installVsix(vsixPath, { extensionsDir, userDataDir }) {
  const { entry } = installedCodeServer();
  if (!existsSync(vsixPath)) throw new Error(`no .vsix at ${vsixPath}; run npm run package first`);
  mkdirSync(extensionsDir, { recursive: true });
  mkdirSync(userDataDir, { recursive: true });
  const args = [entry, '--config', codeServerConfigFile(), '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir];
  const r = spawnSync(process.execPath, [...args, '--force', '--install-extension', vsixPath], {
    encoding: 'utf8',
    env: childEnv(),
  });
  const output = `${r.stdout}\n${r.stderr}`;
  if (r.status !== 0 || !/successfully installed/i.test(output)) {
    throw new Error(`installing ${vsixPath} failed (${r.status ?? r.signal}):\n${output.trim()}`);
  }
}

/**
 * Settings that keep the workbench quiet and deterministic: no welcome page or walkthroughs, no
 * telemetry or update checks. `workbench.editorAssociations` is deliberately not set, so the
 * extension's own contribution decides which editor opens a pipeline file.
 */
export const quietSettings = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'redhat.telemetry.enabled': false,
};

export function writeUserSettings(userDataDir, extraSettings = {}) {
  const userDir = join(userDataDir, 'User');
  mkdirSync(userDir, { recursive: true });
  writeFileSync(join(userDir, 'settings.json'), JSON.stringify({ ...quietSettings, ...extraSettings }, null, 2));
}

/** A port nobody listens on right now (the OS picks it). */
export function findFreePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export function portIsFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * Starts code-server in its own process group (it forks a file watcher and an extension host)
 * and resolves once its health endpoint answers. `stop()` ends the whole group.
 */
export async function startCodeServer({
  workspace,
  port,
  extensionsDir,
  userDataDir,
  trust = true,
  settings = {},
  logFile = join(userDataDir, 'code-server.log'),
  readyTimeoutMs = 90_000,
  tmpDir,
}) {
  const { entry } = installedCodeServer();
  const chosenPort = port ?? (await findFreePort());
  writeUserSettings(userDataDir, settings);
  mkdirSync(extensionsDir, { recursive: true });
  const args = [
    entry,
    '--config', codeServerConfigFile(),
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${chosenPort}`,
    '--extensions-dir', extensionsDir,
    '--user-data-dir', userDataDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    // trust: false keeps the Workspace Trust feature on, for checks of restricted mode.
    ...(trust ? ['--disable-workspace-trust'] : []),
    workspace,
  ];
  const logFd = openSync(logFile, 'a');
  // `tmpDir`: where VS Code's processes put their sockets (vscode-ipc-*, vscode-git-*), which a
  // stopped server leaves behind.
  const env = tmpDir === undefined ? childEnv() : { ...childEnv(), TMPDIR: tmpDir };
  const child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', logFd, logFd], env });
  closeSync(logFd);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let running = true;
  exited.then(() => (running = false));
  const stop = async () => {
    runningServers.delete(child.pid);
    if (!running) return;
    killGroup(child.pid, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
    // Helpers in the group may outlive the main process by a moment.
    killGroup(child.pid, 'SIGKILL');
  };

  runningServers.set(child.pid, stop);
  cleanUpOnExit();

  const base = `http://127.0.0.1:${chosenPort}`;
  try {
    await waitUntilAnswering(`${base}/healthz`, () => running, readyTimeoutMs);
  } catch (e) {
    await stop();
    const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n') : '';
    throw new Error(`${e.message}; code-server log (${logFile}):\n${tail}`);
  }
  return { url: base, port: chosenPort, pid: child.pid, logFile, stop, exited };
}

// Servers started by this process: process group id → stop(). If the caller dies without
// calling stop() (a test runner killed on timeout, Ctrl+C in npm start), none may be left behind.
const runningServers = new Map();
let cleanupInstalled = false;

function cleanUpOnExit() {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  process.on('exit', () => {
    for (const pid of runningServers.keys()) killGroup(pid, 'SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, async () => {
      await Promise.all([...runningServers.values()].map((stop) => stop()));
      // Die of the same signal, as if we had not caught it.
      process.kill(process.pid, signal);
    });
  }
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

async function waitUntilAnswering(url, isRunning, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isRunning()) throw new Error('code-server exited before it answered');
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`code-server did not answer ${url} within ${timeoutMs / 1000} s`);
}

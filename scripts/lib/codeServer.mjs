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

/** Installs code-server once per version; later calls only check the completion marker. */
export function ensureCodeServer() {
  ensureDebianPackages(debianPackagesForTests);
  const version = codeServerVersionFor(Number(process.versions.node.split('.')[0]));
  const dir = join(codeServerCache, version);
  const entry = join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  const marker = join(dir, '.complete');
  if (existsSync(marker)) return { version, dir, entry };

  // A folder without the marker is a broken earlier attempt: start over.
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const installLog = join(dir, 'install.log');
  log(`installing code-server ${version} into ${dir} (about a minute; log: ${installLog})…`);
  const started = Date.now();
  const tmpDir = join(dir, 'tmp');
  mkdirSync(tmpDir);
  const env = {
    ...process.env,
    // As root, code-server's postinstall refuses to run without unsafe_perm; node-pty's
    // postinstall runs `npx node-gyp`, which a machine-wide `yes=false` would cancel.
    npm_config_unsafe_perm: 'true',
    npm_config_yes: 'true',
    // @vscode/ripgrep looks for its download cache under os.tmpdir(); keep it inside our cache.
    TMPDIR: tmpDir,
  };
  // Two steps: fetch without scripts, so the ripgrep version VS Code pins can be read from the
  // unpacked shrinkwrap; then run the install scripts with ripgrep's archive already in place.
  npmToLog(['install', '--ignore-scripts', '--no-audit', '--no-fund', '--prefix', dir, `code-server@${version}`], env, installLog);
  prepareRipgrepCache(join(dir, 'node_modules', 'code-server'), tmpDir);
  npmToLog(['rebuild', '--prefix', dir], env, installLog);
  if (!existsSync(entry)) throw new Error(`code-server installed but ${entry} is missing; see ${installLog}`);
  writeFileSync(marker, JSON.stringify({ version, node: process.versions.node, installedAt: new Date().toISOString() }));
  log(`code-server ${version} installed in ${Math.round((Date.now() - started) / 1000)} s`);
  return { version, dir, entry };
}

function npmToLog(args, env, logFile) {
  const fd = openSync(logFile, 'a');
  writeFileSync(fd, `\n$ npm ${args.join(' ')}\n`);
  const result = spawnSync('npm', args, { cwd: root, env, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  if (result.status !== 0) {
    const tail = readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
    throw new Error(`npm ${args.slice(0, 2).join(' ')} failed (${result.status ?? result.signal}); last lines of ${logFile}:\n${tail}`);
  }
}

/**
 * @vscode/ripgrep's postinstall downloads rg from GitHub, which is unreachable here. It first looks
 * for `<tmpdir>/vscode-ripgrep-cache-<package version>/ripgrep-<tag>-<target>.tar.gz`, so we put
 * Debian's rg there. The package version comes from VS Code's shrinkwrap; the tag is a constant
 * in that package's postinstall.js, read from its npm tarball rather than hard-coded.
 */
function prepareRipgrepCache(codeServerDir, tmpDir) {
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
    log(`ripgrep cache for @vscode/ripgrep ${version}: ${archive}`);
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
  const { entry } = ensureCodeServer();
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
}) {
  const { entry } = ensureCodeServer();
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
  const child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', logFd, logFd], env: childEnv() });
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

// Installs what the repository needs before anything else runs. Uses only Node built-ins, because
// it runs on a fresh clone where node_modules does not exist yet.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runLogged } from './logged.mjs';
import { log, root } from './root.mjs';

export { log, root };

export function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...options });
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
  }
}

/**
 * `npm ci` on a fresh clone; `npm install` when the dependency lists changed since the last
 * install. Editing other parts of package.json (commands, settings) installs nothing.
 */
export function ensureNodeModules() {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const wanted = createHash('sha256')
    .update(JSON.stringify([pkg.dependencies ?? {}, pkg.devDependencies ?? {}]))
    .digest('hex');
  const stamp = join(root, 'node_modules', '.pipewright-dependencies');
  const installed = existsSync(join(root, 'node_modules', '.package-lock.json'));
  if (installed && existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) return;
  const fresh = !installed && existsSync(join(root, 'package-lock.json'));
  log(`installing npm packages (npm ${fresh ? 'ci' : 'install'})…`);
  run('npm', [fresh ? 'ci' : 'install', '--no-audit', '--no-fund'], {
    env: { ...process.env, npm_config_yes: 'true' },
  });
  writeFileSync(stamp, wanted);
}

/** Where the installers' output goes (apt-get, vsce); the terminal gets a summary. */
export const logsDir = join(root, '.cache', 'logs');

/**
 * Debian packages, installed with apt-get when missing and we are allowed to (root). apt's
 * hundreds of lines go to .cache/logs/apt.log; the terminal gets progress and one summary line.
 */
export async function ensureDebianPackages(packages, { print = log } = {}) {
  const missing = packages.filter((p) => !debianPackageInstalled(p));
  if (missing.length === 0) return;
  if (process.getuid && process.getuid() !== 0) {
    throw new Error(
      `missing Debian packages: ${missing.join(' ')}. Install them with: sudo apt-get install -y ${missing.join(' ')}`,
    );
  }
  const logFile = join(logsDir, 'apt.log');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await runLogged({ title: 'apt-get update', cmd: 'apt-get', args: ['update'], env, logFile, print });
  await runLogged({
    title: `installing Debian packages ${missing.join(' ')}`,
    cmd: 'apt-get',
    args: ['install', '-y', '--no-install-recommends', ...missing],
    env,
    logFile,
    print,
    summarize: (text) => [aptSummary(text, missing)],
  });
}

/** "installed chromium, ripgrep and 41 packages they need", from apt-get install's output. */
export function aptSummary(text, asked) {
  const counts = /(\d+) upgraded, (\d+) newly installed/.exec(text);
  if (!counts) return `installed ${asked.join(', ')}`;
  const added = Number(counts[2]) - asked.length;
  return `installed ${asked.join(', ')}${added > 0 ? ` and ${added} ${added === 1 ? 'package' : 'packages'} they need` : ''}`;
}

function debianPackageInstalled(name) {
  try {
    const out = execFileSync('dpkg-query', ['-W', '-f=${Status}', name], { stdio: ['ignore', 'pipe', 'ignore'] });
    return out.toString().includes('install ok installed');
  } catch {
    return false;
  }
}

/** Chromium for the webview and VS Code tests (Debian's build; Playwright's download is unreachable). */
export function chromiumPath() {
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (existsSync(p)) return p;
  return undefined;
}

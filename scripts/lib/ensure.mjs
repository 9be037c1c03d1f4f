// Installs what the repository needs before anything else runs. Uses only Node built-ins, because
// it runs on a fresh clone where node_modules does not exist yet.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));

export function log(message) {
  process.stderr.write(`[pipewright] ${message}\n`);
}

export function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...options });
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
  }
}

/** `npm install` when node_modules is missing or older than package.json. */
export function ensureNodeModules() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const stale =
    !existsSync(marker) || statSync(marker).mtimeMs < statSync(join(root, 'package.json')).mtimeMs;
  if (!stale) return;
  log('installing npm packages (npm install)…');
  const lock = existsSync(join(root, 'package-lock.json'));
  run('npm', [lock ? 'ci' : 'install', '--no-audit', '--no-fund'], {
    env: { ...process.env, npm_config_yes: 'true' },
  });
}

/** Debian packages, installed with apt-get when missing and we are allowed to (root). */
export function ensureDebianPackages(packages) {
  const missing = packages.filter((p) => !debianPackageInstalled(p));
  if (missing.length === 0) return;
  if (process.getuid && process.getuid() !== 0) {
    throw new Error(
      `missing Debian packages: ${missing.join(' ')}. Install them with: sudo apt-get install -y ${missing.join(' ')}`,
    );
  }
  log(`installing Debian packages: ${missing.join(' ')}…`);
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
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

// Runs test/electron/suite in desktop VS Code through @vscode/test-electron.
//   node test/electron/runDesktopTests.mjs <counts.json>
// Needs Microsoft's download service for VS Code (unreachable on our build machines, so
// scripts/test.mjs runs this only with PIPEWRIGHT_DESKTOP_TESTS=1) and, on Linux without a
// display, Xvfb. Writes the suite's counts to the given file.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDebianPackages, log, root } from '../../scripts/lib/ensure.mjs';

const countsFile = process.argv[2];
if (!countsFile) {
  console.error('usage: node test/electron/runDesktopTests.mjs <counts.json>');
  process.exit(2);
}

async function bundleSuite() {
  const esbuild = await import('esbuild');
  const outfile = join(root, 'out', 'test', 'electron', 'suite', 'index.js');
  await esbuild.build({
    entryPoints: [join(root, 'test', 'electron', 'suite', 'index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return outfile;
}

/** Electron needs an X display; start a virtual one when there is none. */
async function ensureDisplay() {
  if (process.platform !== 'linux' || process.env.DISPLAY) return { display: process.env.DISPLAY, stop: () => {} };
  await ensureDebianPackages(['xvfb']);
  const display = ':99';
  const xvfb = spawn('Xvfb', [display, '-screen', '0', '1600x1000x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
  // Xvfb is ready once it has created its socket.
  const socket = `/tmp/.X11-unix/X${display.slice(1)}`;
  const deadline = Date.now() + 10_000;
  while (!existsSync(socket) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (!existsSync(socket)) throw new Error(`Xvfb did not create ${socket}`);
  return { display, stop: () => xvfb.kill() };
}

async function main() {
  const { runTests } = await import('@vscode/test-electron');
  const extensionTestsPath = await bundleSuite();
  const scratch = mkdtempSync(join(tmpdir(), 'pipewright-desktop-'));
  const workspace = join(scratch, 'workspace');
  cpSync(join(root, 'test', 'vscode', 'fixtures', 'github-basic'), workspace, { recursive: true });
  const { display, stop } = await ensureDisplay();
  try {
    const version = process.env.PIPEWRIGHT_DESKTOP_VSCODE_VERSION ?? 'stable';
    log(`desktop VS Code ${version}: running test/electron/suite`);
    await runTests({
      version,
      extensionDevelopmentPath: root,
      extensionTestsPath,
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--user-data-dir',
        join(scratch, 'user-data'),
      ],
      extensionTestsEnv: { PIPEWRIGHT_DESKTOP_RESULTS: countsFile, ...(display ? { DISPLAY: display } : {}) },
    });
  } finally {
    stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(`[pipewright] desktop tests: ${e?.message ?? e}`);
  process.exit(1);
});

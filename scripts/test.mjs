// npm test: prepares what the layers need, runs every test layer with node's test runner, and
// ends with one line `N passed, N failed[, N skipped]`. Exit code 1 when anything failed.
//   npm test                      all layers
//   npm test -- --layer core      one layer (repeat --layer, or core,webview)
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { build } from './build.mjs';
import { packageExtension } from './package.mjs';
import { ensureCodeServer } from './lib/codeServer.mjs';
import { ensureDebianPackages, ensureNodeModules, log, root } from './lib/ensure.mjs';
import { formatDuration } from './lib/logged.mjs';

const countReporter = join(root, 'scripts', 'lib', 'countReporter.mjs');
const minutes = 60_000;

/**
 * `needs` names preparation steps; a layer whose step failed is not run and counts as failed.
 * Wall-clock limits keep a hung browser or server from holding CI for long. They are a safety
 * net far above a layer's time on a quiet 2-core machine (core 3 min 16 s, webview 5 min, vscode
 * 6 min 38 s on 2026-12-04) and above it on a busy one (next to a CPU hog, load average 10–12:
 * core 11 min 24 s, webview 12 min 38 s, vscode 11 min 2 s on 2026-12-05); tests themselves wait
 * for conditions, never for time.
 */
const layers = [
  { name: 'core', dir: 'test/core', needs: ['build'], required: true, limitMs: 20 * minutes },
  // The tooling of npm start, npm test and packaging (scratch workspace, installers' logs).
  { name: 'scripts', dir: 'test/scripts', needs: [], required: true, limitMs: 5 * minutes },
  { name: 'webview', dir: 'test/webview', needs: ['build', 'chromium'], required: true, limitMs: 20 * minutes },
  {
    name: 'vscode',
    dir: 'test/vscode',
    needs: ['package', 'codeServer'],
    required: true,
    limitMs: 25 * minutes,
    // Each file runs its own code-server and browser; two at once on two cores only slows both.
    concurrency: 1,
  },
  { name: 'providers', dir: 'test/providers', needs: ['build'], required: true, limitMs: 15 * minutes },
  { name: 'desktop', desktop: true, needs: ['package'], limitMs: 15 * minutes },
];

const desktopEnabled = process.env.PIPEWRIGHT_DESKTOP_TESTS === '1';

const preparationSteps = {
  build: () => build({ production: true }),
  chromium: () => ensureDebianPackages(['chromium']),
  // When `build` ran as its own step just before, packaging need not bundle again.
  package: (done) => packageExtension({ rebuild: !done.has('build') }),
  codeServer: () => ensureCodeServer(),
};

// Ctrl+C or a CI cancel: stop the running layer (see runWithLimit) and start no other.
let interrupted = false;

function selectedLayers(argv) {
  const names = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--layer') names.push(...(argv[++i] ?? '').split(','));
    else if (argv[i].startsWith('--layer=')) names.push(...argv[i].slice('--layer='.length).split(','));
  }
  if (names.length === 0) return layers;
  const unknown = names.filter((n) => !layers.some((l) => l.name === n));
  if (unknown.length > 0) {
    throw new Error(`unknown layer ${unknown.join(', ')}; layers: ${layers.map((l) => l.name).join(', ')}`);
  }
  return layers.filter((l) => names.includes(l.name));
}

async function prepare(stepNames) {
  const failed = new Map();
  const done = new Set();
  // In declaration order: `build` before `package`, so a build error is reported once, as such.
  const ordered = Object.keys(preparationSteps).filter((s) => stepNames.has(s));
  for (const step of ordered) {
    if (step === 'package' && failed.has('build')) {
      failed.set(step, 'the build failed');
      continue;
    }
    const started = Date.now();
    try {
      await preparationSteps[step](done);
      done.add(step);
      log(`prepared ${step} in ${formatDuration(Date.now() - started)}`);
    } catch (e) {
      const message = String(e?.message ?? e);
      console.error(`\n[pipewright] preparing ${step} failed: ${message}\n`);
      failed.set(step, message.split('\n')[0]);
    }
  }
  return failed;
}

function testFiles(dir) {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  // Node 20's test runner does not expand globs: list the files here (top level only;
  // helpers and fixtures live in subfolders).
  return readdirSync(abs, { withFileTypes: true })
    .filter((e) => e.isFile() && /\.test\.(ts|mts|mjs|js)$/.test(e.name))
    .map((e) => join(dir, e.name))
    .sort();
}

const emptyCounts = () => ({ passed: 0, failed: 0, skipped: 0, todo: 0, failures: [] });

/** Runs one layer's files in a child process group; returns its counts. Never throws. */
async function runNodeTestLayer(layer, files) {
  const scratch = mkdtempSync(join(tmpdir(), `pipewright-counts-${layer.name}-`));
  const countsFile = join(scratch, 'counts.json');
  const args = [
    '--import', 'tsx',
    '--test',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    `--test-reporter=${countReporter}`, `--test-reporter-destination=${countsFile}`,
    ...(layer.concurrency ? [`--test-concurrency=${layer.concurrency}`] : []),
    ...files,
  ];
  const outcome = await runWithLimit(process.execPath, args, layer.limitMs);
  const counts = existsSync(countsFile) ? parseCounts(readFileSync(countsFile, 'utf8')) : undefined;
  rmSync(scratch, { recursive: true, force: true });
  return judge(layer, outcome, counts);
}

async function runDesktopLayer(layer) {
  if (!desktopEnabled) {
    return {
      ...emptyCounts(),
      skipped: 1,
      note: 'skipped: desktop VS Code cannot be downloaded here; set PIPEWRIGHT_DESKTOP_TESTS=1 where it can',
    };
  }
  const scratch = mkdtempSync(join(tmpdir(), 'pipewright-desktop-'));
  const countsFile = join(scratch, 'counts.json');
  const outcome = await runWithLimit(
    process.execPath,
    [join(root, 'test', 'electron', 'runDesktopTests.mjs'), countsFile],
    layer.limitMs,
  );
  const counts = existsSync(countsFile) ? parseCounts(readFileSync(countsFile, 'utf8')) : undefined;
  rmSync(scratch, { recursive: true, force: true });
  return judge(layer, outcome, counts);
}

function parseCounts(text) {
  try {
    return JSON.parse(text.trim().split('\n').pop());
  } catch {
    return undefined;
  }
}

/** A layer that exits non-zero without a failing test, or reports nothing, crashed: one failure. */
function judge(layer, outcome, counts) {
  const result = counts ?? emptyCounts();
  const crash = (why) => {
    result.failed += 1;
    result.failures.push({ file: layer.name, name: `layer ${layer.name} crashed`, message: why });
  };
  if (interrupted) crash('interrupted');
  else if (outcome.timedOut) crash(`stopped after ${formatDuration(layer.limitMs)} (wall-clock limit)`);
  else if (!counts) crash(`no results reported (exit ${outcome.code ?? outcome.signal})`);
  else if (outcome.code !== 0 && result.failed === 0) crash(`exited with ${outcome.code ?? outcome.signal} but no test failed`);
  return result;
}

/** Streams the child's output; on the wall-clock limit, ends its whole process group. */
function runWithLimit(cmd, args, limitMs) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', detached: true });
    let timedOut = false;
    const signalGroup = (signal) => {
      try {
        process.kill(-child.pid, signal);
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      signalGroup('SIGTERM');
      setTimeout(() => signalGroup('SIGKILL'), 15_000).unref();
    }, limitMs);
    // Ctrl+C reaches only our own group; pass it on to the layer's group.
    const forward = (signal) => {
      interrupted = true;
      signalGroup(signal);
    };
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ code: 1, signal: null, timedOut, error: e });
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      process.removeListener('SIGINT', forward);
      process.removeListener('SIGTERM', forward);
      resolve({ code, signal, timedOut });
    });
  });
}

async function main() {
  const started = Date.now();
  const chosen = selectedLayers(process.argv.slice(2));
  ensureNodeModules();
  const runnable = chosen.map((layer) => ({ layer, files: layer.desktop ? [] : testFiles(layer.dir) }));
  // Prepare only what the layers that will actually run need.
  const stepNames = new Set(
    runnable.filter(({ layer, files }) => files.length > 0 || (layer.desktop && desktopEnabled)).flatMap(({ layer }) => layer.needs),
  );
  const failedSteps = await prepare(stepNames);

  const results = [];
  for (const { layer, files } of runnable) {
    if (interrupted) break;
    const layerStarted = Date.now();
    let result;
    const blockedBy = layer.needs.filter((s) => failedSteps.has(s));
    if (layer.desktop && !desktopEnabled) {
      result = await runDesktopLayer(layer);
    } else if (!layer.desktop && files.length === 0) {
      result = { ...emptyCounts(), note: `no test files in ${layer.dir}/` };
      if (layer.required) {
        result.failed = 1;
        result.failures.push({ file: layer.dir, name: `layer ${layer.name}`, message: `no *.test.ts files in ${layer.dir}/` });
      }
    } else if (blockedBy.length > 0) {
      result = emptyCounts();
      result.failed = 1;
      result.failures.push({
        file: layer.name,
        name: `layer ${layer.name} not run`,
        message: blockedBy.map((s) => `${s}: ${failedSteps.get(s)}`).join('; '),
      });
    } else {
      console.log(`\n━━ layer ${layer.name}${files.length ? ` (${files.length} files)` : ''} ━━`);
      result = layer.desktop ? await runDesktopLayer(layer) : await runNodeTestLayer(layer, files);
    }
    results.push({ layer, result, ms: Date.now() - layerStarted });
  }

  printSummary(results, Date.now() - started);
  const total = results.reduce(
    (sum, { result }) => ({
      passed: sum.passed + result.passed,
      failed: sum.failed + result.failed,
      skipped: sum.skipped + result.skipped + result.todo,
    }),
    { passed: 0, failed: 0, skipped: 0 },
  );
  console.log(`${total.passed} passed, ${total.failed} failed${total.skipped > 0 ? `, ${total.skipped} skipped` : ''}`);
  if (interrupted) console.error('[pipewright] interrupted: layers after the interrupted one did not run');
  process.exitCode = total.failed > 0 || interrupted ? 1 : 0;
}

function printSummary(results, totalMs) {
  console.log('\n━━ summary ━━');
  for (const { layer, result, ms } of results) {
    const todo = result.todo ? `, ${result.todo} todo` : '';
    const note = result.note ? `  (${result.note})` : '';
    console.log(
      `  ${layer.name.padEnd(10)} ${String(result.passed).padStart(4)} passed ${String(result.failed).padStart(3)} failed ` +
        `${String(result.skipped).padStart(3)} skipped${todo}  ${formatDuration(ms)}${note}`,
    );
  }
  const failures = results.flatMap(({ result }) => result.failures);
  if (failures.length > 0) {
    console.log('\n  failed:');
    for (const f of failures) {
      const where = f.file && f.file.startsWith(root) ? relative(root, f.file) : f.file;
      console.log(`  ✖ ${where} › ${f.name}${f.message ? ` — ${f.message}` : ''}`);
    }
  }
  console.log(`\n  total time ${formatDuration(totalMs)}`);
}

main().catch((e) => {
  console.error(`[pipewright] ${e?.message ?? e}`);
  console.log('0 passed, 1 failed');
  process.exitCode = 1;
});

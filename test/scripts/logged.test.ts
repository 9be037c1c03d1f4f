// Installer output goes to a log file; the terminal gets a start line, a progress line every
// few seconds (time so far, what the command is doing) and a summary. Driven with a stand-in
// command that waits until the test has seen a progress line, so no timing is assumed.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { aptSummary } from '../../scripts/lib/ensure.mjs';
import { formatDuration, lastLine, runLogged } from '../../scripts/lib/logged.mjs';
import { vsceSummary } from '../../scripts/package.mjs';

/** A command that prints `lines`, one by one, then waits for `gate` to exist before it ends with `exit`. */
function standIn(lines: string[], gate: string, exit = 0): string[] {
  const script = `
    const fs = require('node:fs');
    console.error('a line on stderr');
    for (const l of ${JSON.stringify(lines)}) console.log(l);
    const wait = () => fs.existsSync(${JSON.stringify(gate)}) ? (console.log('finished'), process.exit(${exit})) : setTimeout(wait, 5);
    wait();`;
  return ['-e', script];
}

describe('runLogged', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'pipewright-logged-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('output in the log, progress while it runs, a summary when it ends', async () => {
    const gate = join(dir, 'gate-ok');
    const logFile = join(dir, 'logs', 'tool.log');
    const printed: string[] = [];
    const seen: string[] = [];
    const { summary } = await runLogged({
      title: 'installing things',
      cmd: process.execPath,
      args: standIn(['Get:1 thing-ä', 'Get:2 thing-b', 'Setting up thing-b (1.0)'], gate),
      logFile,
      note: 'about a second',
      everyMs: 20,
      doing: (text) => `at ${lastLine(text)}`,
      summarize: (text) => {
        seen.push(text);
        return [`${text.split('\n').filter((l) => l.startsWith('Get:')).length} fetched`, 'WARNING something to see'];
      },
      print: (line) => {
        printed.push(line);
        // The command ends once a progress line has shown what it was doing.
        if (line.startsWith('… ') && line.includes('Setting up thing-b')) writeFileSync(gate, '');
      },
    });
    assert.deepEqual(summary, ['2 fetched', 'WARNING something to see']);
    // The summary reads what the command wrote, from its first byte (not the command line logged before it).
    assert.equal(seen[0], 'a line on stderr\nGet:1 thing-ä\nGet:2 thing-b\nSetting up thing-b (1.0)\nfinished\n');
    assert.match(printed[0], /^installing things \(about a second; log: .*tool\.log\)…$/);
    const progress = printed.filter((l) => l.startsWith('… '));
    assert.ok(progress.length >= 1);
    // Every progress line has the time and the log's last line; one showed the last line before the gate.
    assert.ok(progress.every((l) => /^… installing things: \d+\.\d s, at /.test(l)), progress.join('\n'));
    assert.ok(progress.some((l) => /, at Setting up thing-b \(1\.0\)$/.test(l)), progress.join('\n'));
    assert.match(printed.at(-2)!, /^installing things: done in \d+\.\d s — 2 fetched$/);
    assert.equal(printed.at(-1), '  WARNING something to see');
    // Everything the command said is in the log, nothing of it in the terminal.
    const log = readFileSync(logFile, 'utf8');
    for (const line of ['Get:1 thing-ä', 'Setting up thing-b (1.0)', 'a line on stderr', 'finished']) {
      assert.ok(log.includes(line), `log has "${line}"`);
      assert.ok(!printed.some((p) => p.includes(line) && !p.startsWith('… ')), `terminal does not have "${line}"`);
    }
    assert.match(log, new RegExp(`^\\$ ${process.execPath.replace(/[/.]/g, '\\$&')} -e`, 'm'));
  });

  test('a failure names the log and quotes its last lines; the log is appended to, not replaced', async () => {
    const gate = join(dir, 'gate-fail');
    writeFileSync(gate, '');
    const logFile = join(dir, 'logs', 'tool.log');
    const before = readFileSync(logFile, 'utf8');
    await assert.rejects(
      runLogged({ title: 'a failing step', cmd: process.execPath, args: standIn(['E: no such package'], gate, 3), logFile, print: () => {} }),
      (e: Error) => /^a failing step failed \(exit 3\) after .*; last lines of .*tool\.log:\n/.test(e.message) && e.message.includes('E: no such package'),
    );
    assert.ok(readFileSync(logFile, 'utf8').startsWith(before));
  });

  test('a command that cannot start is a failure too', async () => {
    await assert.rejects(
      runLogged({ title: 'missing tool', cmd: join(dir, 'no-such-command'), args: [], logFile: join(dir, 'x.log'), print: () => {} }),
      /missing tool failed \(spawn .*ENOENT\)/,
    );
  });

  test('announce: false prints only progress (a step of something announced as a whole)', async () => {
    const printed: string[] = [];
    await runLogged({ title: 'step', cmd: process.execPath, args: ['-e', ''], logFile: join(dir, 'y.log'), announce: false, print: (l) => printed.push(l) });
    assert.deepEqual(printed, []);
    assert.ok(existsSync(join(dir, 'y.log')));
  });
});

describe('summaries', () => {
  test('apt-get install: what was asked for and how many packages came with it', () => {
    const out = 'Reading package lists...\nThe following NEW packages will be installed:\n  chromium chromium-common libfoo\n0 upgraded, 3 newly installed, 0 to remove and 12 not upgraded.\nSetting up chromium (120)\n';
    assert.equal(aptSummary(out, ['chromium']), 'installed chromium and 2 packages they need');
    assert.equal(aptSummary(out.replace('3 newly', '1 newly'), ['chromium']), 'installed chromium');
    assert.equal(aptSummary('no counts here', ['git']), 'installed git');
  });

  test('vsce package: the file, its size, and vsce\'s warnings', () => {
    const out = ' WARNING  A \'repository\' field is missing\n INFO  Files included in the VSIX:\n├─ a\n DONE  Packaged: /x/dist/pipewright.vsix (13 files, 561.75 KB)\n';
    assert.deepEqual(vsceSummary(out), ['/x/dist/pipewright.vsix (13 files, 561.75 KB)', "WARNING  A 'repository' field is missing"]);
  });

  test('durations and last lines', () => {
    assert.equal(formatDuration(4200), '4.2 s');
    assert.equal(formatDuration(125_000), '2 min 5 s');
    assert.equal(lastLine('one\ntwo  \n\n'), 'two');
    assert.equal(lastLine('\x1b[32m> Generating compile_commands.json...\x1b[0m\n'), '> Generating compile_commands.json...');
    assert.equal(lastLine(`x${'y'.repeat(200)}`).length, 88);
  });
});

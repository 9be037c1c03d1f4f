// Long, chatty installer commands (apt-get, npm installing code-server, vsce) run with their
// output in a log file instead of the terminal: the terminal gets one line when a command starts,
// a line every few seconds while it runs (time so far and what it is doing), and a summary when
// it ends. Hundreds of lines of installer output would bury the few that matter.
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname, isAbsolute, relative } from 'node:path';
import { log, root } from './root.mjs';

/**
 * Runs `cmd args` with stdout and stderr appended to `logFile`, printing what is described above.
 * Resolves with the summary and the time taken; rejects, naming the log and quoting its last
 * lines, when the command fails.
 * - `note`: said when it starts (e.g. how long it usually takes);
 * - `doing(logText)`: what the command is doing now, for the progress lines (default: the
 *   log's last line);
 * - `summarize(logText)`: the summary printed when it ends, then lines worth seeing (warnings);
 * - `startedAt`: when the work this command is part of began (progress counts from there);
 * - `announce: false`: no start and end lines, for a step of something announced as a whole;
 * - `print`: where the lines go (tests pass their own).
 * @returns {Promise<{ ms: number, summary: string[] }>}
 */
export async function runLogged({
  title,
  cmd,
  args,
  logFile,
  env = process.env,
  cwd = root,
  note,
  doing = lastLine,
  summarize = () => [],
  everyMs = 10_000,
  startedAt,
  announce = true,
  print = log,
}) {
  if (announce) print(`${title} (${note ? `${note}; ` : ''}log: ${shown(logFile)})…`);
  mkdirSync(dirname(logFile), { recursive: true });
  const fd = openSync(logFile, 'a');
  const header = `\n$ ${cmd} ${args.join(' ')}\n`;
  writeSync(fd, header);
  // What this command writes: the log's bytes after our header (earlier commands wrote before it).
  const from = readFileSync(logFile).length;
  const started = Date.now();
  const logText = () => readFileSync(logFile).subarray(from).toString('utf8');
  const timer = setInterval(() => {
    const now = doing(logText());
    print(`… ${title}: ${formatDuration(Date.now() - (startedAt ?? started))}${now ? `, ${now}` : ''}`);
  }, everyMs);
  let outcome;
  try {
    outcome = await new Promise((resolve) => {
      const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', fd, fd] });
      child.once('error', (error) => resolve({ error }));
      child.once('exit', (code, signal) => resolve({ code, signal }));
    });
  } finally {
    clearInterval(timer);
    closeSync(fd);
  }
  const ms = Date.now() - started;
  const text = logText();
  if (outcome.error || outcome.code !== 0) {
    const why = outcome.error ? outcome.error.message : `exit ${outcome.code ?? outcome.signal}`;
    const tail = text.trimEnd().split('\n').slice(-30).join('\n');
    throw new Error(`${title} failed (${why}) after ${formatDuration(ms)}; last lines of ${logFile}:\n${tail}`);
  }
  const summary = summarize(text);
  if (announce) {
    print(`${title}: done in ${formatDuration(ms)}${summary[0] ? ` — ${summary[0]}` : ''}`);
    for (const line of summary.slice(1)) print(`  ${line}`);
  }
  return { ms, summary };
}

/** A path as the user best reads it: relative to the repository when inside it. */
export function shown(path) {
  const rel = relative(root, path);
  return rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

/** The last line with something on it, without colour codes, shortened for a progress line. */
export function lastLine(text) {
  const line = text.replace(/\x1b\[[0-9;]*m/g, '').trimEnd().split('\n').pop()?.trim() ?? '';
  return line.length > 90 ? `${line.slice(0, 87)}…` : line;
}

/** "4.2 s", "2 min 5 s". */
export function formatDuration(ms) {
  return ms >= 60_000 ? `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s` : `${(ms / 1000).toFixed(1)} s`;
}

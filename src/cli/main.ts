// Entry point of the `pipewright` command (bundled to dist/cli.js, run by bin/pipewright.js).
import { runCli } from './cli';
import { EXIT_INTERNAL, processIo } from './io';

let finished = false;

// `pipewright graph x | head` closes stdout early; that is not an error worth a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') {
    finished = true;
    process.exit(process.exitCode ?? 0);
  }
  throw e;
});

// Node ends a process whose event loop empties, even with a promise still pending: that would be
// exit 0 for a command that never finished. Say so and fail instead.
process.on('exit', () => {
  if (finished) return;
  process.stderr.write('pipewright: internal error: the command stopped before it finished (please report it)\n');
  process.exitCode = EXIT_INTERNAL;
});

runCli(process.argv.slice(2), processIo()).then(
  (code) => {
    finished = true;
    // exitCode rather than exit(): lets piped stdout drain before the process ends.
    process.exitCode = code;
  },
  (e: unknown) => {
    finished = true;
    process.stderr.write(`pipewright: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = EXIT_INTERNAL;
  },
);

// Entry point of the `pipewright` command (bundled to dist/cli.js, run by bin/pipewright.js).
import { runCli } from './cli';
import { EXIT_INTERNAL, processIo } from './io';

// `pipewright graph x | head` closes stdout early; that is not an error worth a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

runCli(process.argv.slice(2), processIo()).then(
  (code) => {
    // exitCode rather than exit(): lets piped stdout drain before the process ends.
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`pipewright: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = EXIT_INTERNAL;
  },
);

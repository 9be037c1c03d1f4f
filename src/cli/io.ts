// What a command may touch of the outside world, injected so commands stay testable, plus the
// exit codes and the two kinds of failure every command reports the same way.
import { readFileSync } from 'node:fs';

export const EXIT_OK = 0;
/** Something went wrong inside pipewright itself (a bug): the message says what. */
export const EXIT_INTERNAL = 1;
/** The command line or the input file is wrong: bad usage, unreadable or malformed file. */
export const EXIT_BAD_INPUT = 2;

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** UTF-8 text of a file; throws the file system's error as is. */
  readText(path: string): string;
}

export function processIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    readText: (path) => readFileSync(path, 'utf8'),
  };
}

/** The arguments are wrong: reported with the command's usage, exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The input is wrong (missing file, malformed YAML, unknown dialect): exit 2, no usage. */
export class InputError extends Error {
  override name = 'InputError';
}

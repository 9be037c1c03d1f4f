// What a command may touch of the outside world, injected so commands stay testable, plus the
// exit codes and the two kinds of failure every command reports the same way.
import { chmodSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export const EXIT_OK = 0;
/** Something went wrong inside pipewright itself (a bug): the message says what. */
export const EXIT_INTERNAL = 1;
/**
 * The command line or the input is wrong: bad usage, an unreadable or malformed file, invalid
 * operations, or an operation naming a stage, lane or template that is not there.
 */
export const EXIT_BAD_INPUT = 2;
/**
 * Well-formed operations that cannot be applied safely to this file (`pipewright apply`): it
 * needs a hand edit. Distinct from 2 so scripts can tell a mistake in their own input from a
 * file that needs editing by hand.
 */
export const EXIT_REFUSED = 3;
/**
 * The operate commands' "could not be done": the platform refused, nothing was pending, not found,
 * not allowed, or a lost answer that reading back showed undone. Same code as EXIT_REFUSED.
 */
export const EXIT_NOT_DONE = 3;

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** UTF-8 text of a file; throws the file system's error as is. */
  readText(path: string): string;
  /** Whether a path is a directory (false when it is anything else or nothing). */
  isDirectory(path: string): boolean;
  /** A directory's entries, names only, each saying whether it is a directory; throws as the file system does. */
  listDirectory(path: string): { name: string; directory: boolean }[];
  /** The directory relative paths are resolved from. */
  cwd(): string;
  /** All of standard input as UTF-8 text. */
  readStdin(): string;
  /**
   * Replace a file's contents atomically (a temporary file beside it, then a rename), keeping its
   * permissions; through a symbolic link, the file it points to is replaced.
   */
  replaceText(path: string, text: string): void;
  /** Environment variables (tokens: GITHUB_TOKEN, GH_TOKEN). */
  env: Readonly<Record<string, string | undefined>>;
  /** Whether a person can answer a prompt: standard input is a terminal. */
  isInteractive(): boolean;
  /** Asks on stderr, reads one line from standard input. */
  prompt(question: string): Promise<string>;
  /** HTTP for the operate commands. */
  fetch: typeof globalThis.fetch;
}

export function processIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    readText: (path) => readFileSync(path, 'utf8'),
    isDirectory: (path) => {
      try {
        return statSync(path).isDirectory();
      } catch {
        return false;
      }
    },
    listDirectory: (path) => readdirSync(path, { withFileTypes: true }).map((e) => ({ name: e.name, directory: e.isDirectory() })),
    cwd: () => process.cwd(),
    readStdin: () => readFileSync(0, 'utf8'),
    replaceText: replaceFileAtomically,
    env: process.env,
    isInteractive: () => process.stdin.isTTY === true,
    prompt: askOnTerminal,
    fetch: (input, init) => globalThis.fetch(input, init),
  };
}

async function askOnTerminal(question: string): Promise<string> {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}

function replaceFileAtomically(path: string, text: string): void {
  const target = realpathSync(path);
  const { mode } = statSync(target);
  // Same directory, so the rename cannot cross file systems and is atomic.
  const temporary = join(dirname(target), `.${basename(target)}.pipewright-${process.pid}-${Date.now()}.tmp`);
  try {
    writeFileSync(temporary, text, { encoding: 'utf8', flag: 'wx', mode });
    chmodSync(temporary, mode); // the umask may have narrowed `mode` on creation
    renameSync(temporary, target);
  } catch (e) {
    rmSync(temporary, { force: true });
    throw e;
  }
}

/** The arguments are wrong: reported with the command's usage, exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The input is wrong (missing file, malformed YAML, unknown dialect): exit 2, no usage. */
export class InputError extends Error {
  override name = 'InputError';
}

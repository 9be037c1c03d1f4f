// What the operate commands (status, trigger, approve, reject, rollback, cancel) share: the
// --target and --api-url options, the token from the environment, the provider, the confirmation
// prompt, and how an outcome becomes a message and an exit code.
import { describeAction, type ActionOutcome, type OperateAction } from '../core/operate/actions';
import type { OperateError } from '../core/operate/errors';
import type { OperateProvider } from '../core/operate/provider';
import { formatTarget, parseTarget, type GitHubTarget } from '../core/operate/target';
import type { ParsedArgs } from './args';
import { EXIT_BAD_INPUT, EXIT_NOT_DONE, EXIT_OK, InputError, UsageError, type CliIo } from './io';

export const TARGET_OPTIONS = ['--target', '--api-url'] as const;

export const TARGET_HELP = [
  '  --target github:OWNER/REPO   the repository (required)',
  '  --api-url URL                the REST API root (default https://api.github.com; GHES: https://HOST/api/v3)',
];

export const TOKEN_HELP = 'The token comes from GITHUB_TOKEN (or GH_TOKEN): a token with the repo and workflow scopes.';

export const EXIT_HELP = [
  'exit codes: 0 done,',
  '            2 usage or input error (a missing token included),',
  '            3 could not be done: GitHub refused, nothing was pending, not found, not allowed',
  '              (the reason on stderr; nothing is left half-done)',
];

export const CONFIRM_HELP = '  --yes                        do not ask for confirmation (required when standard input is not a terminal)';

export function githubTargetOption(parsed: ParsedArgs): GitHubTarget {
  const text = parsed.values.get('--target');
  if (text === undefined) throw new UsageError('missing --target github:OWNER/REPO');
  const apiUrl = parsed.values.get('--api-url');
  if (apiUrl !== undefined && !/^https?:\/\/[^\s/]+/.test(apiUrl)) throw new UsageError(`--api-url must be an http(s) URL, got "${apiUrl}"`);
  const target = parseTarget(text, { apiUrl });
  if (!target.ok) throw new UsageError(target.error);
  if (target.value.provider !== 'github') throw new InputError(`${formatTarget(target.value)}: the command line operates GitHub repositories for now (github:OWNER/REPO)`);
  return target.value;
}

/** GITHUB_TOKEN, else GH_TOKEN; exit 2 naming the variables when neither is set. */
export function githubToken(io: CliIo): string {
  const token = io.env.GITHUB_TOKEN?.trim() || io.env.GH_TOKEN?.trim();
  if (!token) throw new InputError('no GitHub token: set GITHUB_TOKEN (or GH_TOKEN) to a token with the repo and workflow scopes');
  return token;
}

/** The GitHub provider, loaded on first use so that `graph` and `apply` never load Octokit. */
export async function githubProvider(target: GitHubTarget, token: string, io: CliIo): Promise<OperateProvider> {
  const { GitHubProvider } = await import('../providers/github/provider');
  return new GitHubProvider({ target, fetch: io.fetch, credentials: async () => token, userAgent: 'pipewright-cli' });
}

/**
 * Checked before anything is read or sent: without --yes, a person must be there to answer.
 * (A refusal here costs no request.)
 */
export function requireConfirmable(parsed: ParsedArgs, io: CliIo, verb: string): void {
  if (!parsed.flags.has('--yes') && !io.isInteractive()) {
    throw new InputError(`standard input is not a terminal, so nobody can confirm: pass --yes to ${verb} without asking`);
  }
}

/** Asks the action's question (unless --yes); true to go ahead. */
export async function confirm(parsed: ParsedArgs, io: CliIo, action: OperateAction, provider: OperateProvider): Promise<boolean> {
  if (parsed.flags.has('--yes')) return true;
  const { question } = describeAction(action, provider.target);
  const answer = await io.prompt(`${question} [y/N] `);
  return /^\s*y(es)?\s*$/i.test(answer);
}

/** The person answered no: nothing was sent. */
export function declined(command: string, io: CliIo): number {
  io.stderr(`pipewright ${command}: not confirmed; nothing was changed\n`);
  return EXIT_NOT_DONE;
}

/** An outcome's message on stdout (done) or stderr (not done), and its exit code. */
export function report(command: string, outcome: ActionOutcome, io: CliIo): number {
  if (outcome.ok) {
    io.stdout(`${outcome.message}${outcome.url !== undefined ? `\n${outcome.url}` : ''}\n`);
    return EXIT_OK;
  }
  return fail(command, outcome.error, io);
}

export function fail(command: string, error: OperateError, io: CliIo): number {
  io.stderr(`pipewright ${command}: ${error.message}\n`);
  return error.kind === 'invalid-input' ? EXIT_BAD_INPUT : EXIT_NOT_DONE;
}

/** Rate-limit waits, said on stderr as they happen. */
export function sayWaits(command: string, io: CliIo): (reason: string) => void {
  return (reason) => io.stderr(`pipewright ${command}: ${reason}\n`);
}

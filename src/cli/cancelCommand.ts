// `pipewright cancel --target github:OWNER/REPO --run RUN_ID [--yes]`: cancel a run.
import { runLabel, type OperateAction } from '../core/operate/actions';
import { parseArgs } from './args';
import type { CliCommand } from './command';
import { InputError, UsageError } from './io';
import { CONFIRM_HELP, EXIT_HELP, confirm, declined, fail, githubProvider, githubTargetOption, githubToken, report, requireConfirmable, sayWaits, TARGET_HELP, TARGET_OPTIONS, TOKEN_HELP } from './operate';

export const cancelCommand: CliCommand = {
  name: 'cancel',
  summary: 'cancel a run',
  usage: [
    'usage: pipewright cancel --target github:OWNER/REPO --run RUN_ID [--yes]',
    '',
    'Cancels the run (queued, running or waiting). Asks for confirmation first.',
    TOKEN_HELP,
    '',
    'options:',
    ...TARGET_HELP,
    '  --run RUN_ID                 the run (its id, as `pipewright status` shows it)',
    CONFIRM_HELP,
    '',
    ...EXIT_HELP,
  ].join('\n'),
  async run(args, io) {
    const parsed = parseArgs(args, { flags: ['--yes'], values: [...TARGET_OPTIONS, '--run'] });
    if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument "${parsed.positionals[0]}"`);
    const target = githubTargetOption(parsed);
    const runId = parsed.values.get('--run');
    if (runId === undefined) throw new UsageError('missing --run RUN_ID');
    if (!/^\d+$/.test(runId)) throw new InputError(`--run takes a run id (digits), got "${runId}"`);
    const token = githubToken(io);
    requireConfirmable(parsed, io, 'cancel the run');
    const provider = await githubProvider(target, token, io);

    const run = await provider.read({ kind: 'run', runId });
    if (!run.ok) return fail('cancel', run.error, io);
    const action: OperateAction = { kind: 'cancel', runId, run: runLabel(run.value.run) };
    if (!(await confirm(parsed, io, action, provider))) return declined('cancel', io);
    return report('cancel', await provider.perform(action, { onWait: sayWaits('cancel', io) }), io);
  },
};

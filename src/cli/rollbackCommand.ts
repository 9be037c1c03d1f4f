// `pipewright rollback --target github:OWNER/REPO --environment ENV [--to DEPLOYMENT_ID] [--yes]`:
// put an earlier successful deployment back by re-running the job that made it.
import type { OperateAction } from '../core/operate/actions';
import { chooseRollback } from '../core/operate/choose';
import { describeTarget } from '../core/operate/target';
import { parseArgs } from './args';
import type { CliCommand } from './command';
import { InputError, UsageError } from './io';
import { CONFIRM_HELP, EXIT_HELP, confirm, declined, fail, githubProvider, githubTargetOption, githubToken, report, requireConfirmable, sayWaits, TARGET_HELP, TARGET_OPTIONS, TOKEN_HELP } from './operate';

/** How far back `--to` may reach: GitHub re-runs nothing older than 30 days anyway. */
const HISTORY = 100;

export const rollbackCommand: CliCommand = {
  name: 'rollback',
  summary: 'roll an environment back to an earlier successful deployment',
  usage: [
    'usage: pipewright rollback --target github:OWNER/REPO --environment ENV [--to DEPLOYMENT_ID] [--yes]',
    '',
    "The environment's current deployment is its newest successful one. Without --to, rolls back to",
    'the newest successful deployment older than that; with --to, to that deployment. It re-runs the',
    'deploy job of the run that made the deployment (the whole run when the job is gone); GitHub',
    're-runs only runs from the last 30 days. Asks for confirmation first.',
    TOKEN_HELP,
    '',
    'options:',
    ...TARGET_HELP,
    '  --environment ENV            the environment to roll back',
    '  --to DEPLOYMENT_ID           the deployment to go back to (ids as `pipewright status --json` shows them)',
    CONFIRM_HELP,
    '',
    ...EXIT_HELP,
  ].join('\n'),
  async run(args, io) {
    const parsed = parseArgs(args, { flags: ['--yes'], values: [...TARGET_OPTIONS, '--environment', '--to'] });
    if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument "${parsed.positionals[0]}"`);
    const target = githubTargetOption(parsed);
    const environment = parsed.values.get('--environment');
    if (environment === undefined) throw new UsageError('missing --environment ENV');
    const to = parsed.values.get('--to');
    if (to !== undefined && !/^\d+$/.test(to)) throw new InputError(`--to takes a deployment id (digits), got "${to}"`);
    const token = githubToken(io);
    requireConfirmable(parsed, io, 'roll back');
    const provider = await githubProvider(target, token, io);

    const deployments = await provider.read({ kind: 'deployments', environment, limit: HISTORY });
    if (!deployments.ok) return fail('rollback', deployments.error, io);
    const choice = chooseRollback(deployments.value, environment, to, describeTarget(target));
    if (!choice.ok) return fail('rollback', choice.error, io);
    const action: OperateAction = { kind: 'rollback', environment, to: choice.value.to, from: choice.value.from ?? null };
    if (!(await confirm(parsed, io, action, provider))) return declined('rollback', io);
    return report('rollback', await provider.perform(action, { onWait: sayWaits('rollback', io) }), io);
  },
};

// `pipewright approve|reject --target github:OWNER/REPO --environment ENV [--run RUN_ID] [--comment TEXT] [--yes]`:
// review a deployment waiting at a protected environment.
import type { OperateAction } from '../core/operate/actions';
import { choosePending } from '../core/operate/choose';
import { describeTarget } from '../core/operate/target';
import { parseArgs } from './args';
import type { CliCommand } from './command';
import { InputError, UsageError } from './io';
import { CONFIRM_HELP, EXIT_HELP, confirm, declined, fail, githubProvider, githubTargetOption, githubToken, report, requireConfirmable, sayWaits, TARGET_HELP, TARGET_OPTIONS, TOKEN_HELP } from './operate';

function reviewCommand(decision: 'approve' | 'reject'): CliCommand {
  const name = decision;
  return {
    name,
    summary: `${decision} a deployment waiting for review at an environment`,
    usage: [
      `usage: pipewright ${name} --target github:OWNER/REPO --environment ENV [--run RUN_ID] [--comment TEXT] [--yes]`,
      '',
      `${decision === 'approve' ? 'Approves' : 'Rejects'} the deployment to ENV that waits for a review (a protected environment with`,
      'required reviewers). Without --run, the one run waiting for ENV; when several wait, says which',
      'and does nothing. Asks for confirmation first, naming the run, its commit and the repository.',
      TOKEN_HELP,
      '',
      'options:',
      ...TARGET_HELP,
      '  --environment ENV            the environment waiting for review',
      '  --run RUN_ID                 the run (its id, as `pipewright status` shows it)',
      '  --comment TEXT               the review comment (default: empty)',
      CONFIRM_HELP,
      '',
      ...EXIT_HELP,
    ].join('\n'),
    async run(args, io) {
      const parsed = parseArgs(args, { flags: ['--yes'], values: [...TARGET_OPTIONS, '--environment', '--run', '--comment'], allowEmpty: ['--comment'] });
      if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument "${parsed.positionals[0]}"`);
      const target = githubTargetOption(parsed);
      const environment = parsed.values.get('--environment');
      if (environment === undefined) throw new UsageError('missing --environment ENV');
      const runId = parsed.values.get('--run');
      if (runId !== undefined && !/^\d+$/.test(runId)) throw new InputError(`--run takes a run id (digits), got "${runId}"`);
      const token = githubToken(io);
      requireConfirmable(parsed, io, `${decision} the deployment`);
      const provider = await githubProvider(target, token, io);

      const approvals = await provider.read({ kind: 'approvals' });
      if (!approvals.ok) return fail(name, approvals.error, io);
      const chosen = choosePending(approvals.value, environment, runId, describeTarget(target));
      if (!chosen.ok) return fail(name, chosen.error, io);
      const pending = chosen.value;
      if (!pending.canApprove) {
        const reviewers = pending.reviewers.map((r) => `${r.kind} ${r.name}`).join(', ');
        return fail(name, { kind: 'forbidden', message: `this account may not review deployments to ${environment}${reviewers ? `; its reviewers are ${reviewers}` : ''}` }, io);
      }
      const action: OperateAction = {
        kind: 'review',
        decision,
        runId: pending.runId,
        ...(pending.run ? { run: pending.run } : {}),
        environments: [{ id: pending.environment.id, name: pending.environment.name }],
        comment: parsed.values.get('--comment') ?? '',
      };
      if (!(await confirm(parsed, io, action, provider))) return declined(name, io);
      return report(name, await provider.perform(action, { onWait: sayWaits(name, io) }), io);
    },
  };
}

export const approveCommand = reviewCommand('approve');
export const rejectCommand = reviewCommand('reject');

// `pipewright trigger --target github:OWNER/REPO --workflow FILE [--ref REF] [--input NAME=VALUE]... [--yes]`:
// start a workflow_dispatch run.
import type { OperateAction } from '../core/operate/actions';
import { parseArgs } from './args';
import type { CliCommand } from './command';
import { UsageError } from './io';
import { CONFIRM_HELP, EXIT_HELP, confirm, declined, fail, githubProvider, githubTargetOption, githubToken, report, requireConfirmable, sayWaits, TARGET_HELP, TARGET_OPTIONS, TOKEN_HELP } from './operate';

export const triggerCommand: CliCommand = {
  name: 'trigger',
  summary: 'run a workflow (workflow_dispatch) on a branch or tag',
  usage: [
    'usage: pipewright trigger --target github:OWNER/REPO --workflow FILE [--ref REF] [--input NAME=VALUE]... [--yes]',
    '',
    "Starts a run of the workflow through its workflow_dispatch trigger, on REF (default: the",
    "repository's default branch), with the inputs given (values are sent as text; GitHub checks them",
    'against the workflow). Asks for confirmation first.',
    TOKEN_HELP,
    '',
    'options:',
    ...TARGET_HELP,
    '  --workflow FILE              the workflow\'s path in the repository (.github/workflows/deploy.yml)',
    '  --ref REF                    branch or tag to run on',
    '  --input NAME=VALUE           a workflow_dispatch input (repeat for each)',
    CONFIRM_HELP,
    '',
    ...EXIT_HELP,
  ].join('\n'),
  async run(args, io) {
    const parsed = parseArgs(args, { flags: ['--yes'], values: [...TARGET_OPTIONS, '--workflow', '--ref'], repeatable: ['--input'], allowEmpty: ['--input'] });
    if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument "${parsed.positionals[0]}"`);
    const target = githubTargetOption(parsed);
    const workflow = parsed.values.get('--workflow');
    if (workflow === undefined) throw new UsageError('missing --workflow FILE');
    const inputs: Record<string, string> = {};
    for (const pair of parsed.lists.get('--input') ?? []) {
      const eq = pair.indexOf('=');
      if (eq <= 0) throw new UsageError(`--input takes NAME=VALUE, got "${pair}"`);
      const name = pair.slice(0, eq);
      if (name in inputs) throw new UsageError(`--input ${name} given more than once`);
      inputs[name] = pair.slice(eq + 1);
    }
    const token = githubToken(io);
    requireConfirmable(parsed, io, 'run the workflow');
    const provider = await githubProvider(target, token, io);
    let ref = parsed.values.get('--ref');
    if (ref === undefined) {
      const repository = await provider.read({ kind: 'repository' });
      if (!repository.ok) return fail('trigger', repository.error, io);
      ref = repository.value.defaultBranch;
    }
    const action: OperateAction = { kind: 'trigger', pipeline: { path: workflow }, ref, inputs };
    if (!(await confirm(parsed, io, action, provider))) return declined('trigger', io);
    return report('trigger', await provider.perform(action, { onWait: sayWaits('trigger', io) }), io);
  },
};

// `pipewright` argument dispatch: global options, the subcommand table, and how each kind of
// failure becomes a message and an exit code.
import packageJson from '../../package.json';
import { applyCommand } from './applyCommand';
import { cancelCommand } from './cancelCommand';
import type { CliCommand } from './command';
import { graphCommand } from './graphCommand';
import { lintCommand } from './lintCommand';
import { EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_OK, InputError, UsageError, type CliIo } from './io';
import { approveCommand, rejectCommand } from './reviewCommands';
import { rollbackCommand } from './rollbackCommand';
import { statusCommand } from './statusCommand';
import { templatesCommand } from './templatesCommand';
import { triggerCommand } from './triggerCommand';

const COMMANDS: readonly CliCommand[] = [
  graphCommand,
  applyCommand,
  templatesCommand,
  lintCommand,
  statusCommand,
  triggerCommand,
  approveCommand,
  rejectCommand,
  rollbackCommand,
  cancelCommand,
];

export const VERSION: string = packageJson.version;

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'usage: pipewright COMMAND [options]',
    '',
    'Pipewright shows GitHub Actions, GitLab CI and Azure Pipelines files as a stage graph and edits',
    'them, changing only the bytes an edit is about; and it runs, approves, rolls back and watches',
    'GitHub Actions deployments (status, trigger, approve, reject, rollback, cancel).',
    '',
    'commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'options:',
    '  -h, --help     show this help (pipewright COMMAND --help for a command)',
    '  -v, --version  print the version',
  ].join('\n');
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.stderr(`${overview()}\n`);
    return EXIT_BAD_INPUT;
  }
  if (first === '-h' || first === '--help' || first === 'help') {
    const topic = first === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    io.stdout(`${topic ? topic.usage : overview()}\n`);
    return EXIT_OK;
  }
  if (first === '-v' || first === '--version') {
    io.stdout(`${VERSION}\n`);
    return EXIT_OK;
  }
  const command = COMMANDS.find((c) => c.name === first);
  if (!command) {
    const what = first.startsWith('-') ? `unknown option ${first}` : `unknown command "${first}"`;
    io.stderr(`pipewright: ${what}\n\n${overview()}\n`);
    return EXIT_BAD_INPUT;
  }
  if (rest.includes('-h') || rest.includes('--help')) {
    io.stdout(`${command.usage}\n`);
    return EXIT_OK;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`pipewright ${command.name}: ${e.message}\n\n${command.usage}\n`);
      return EXIT_BAD_INPUT;
    }
    if (e instanceof InputError) {
      io.stderr(`pipewright ${command.name}: ${e.message}\n`);
      return EXIT_BAD_INPUT;
    }
    const detail = e instanceof Error ? (e.stack ?? e.message) : String(e);
    io.stderr(`pipewright ${command.name}: internal error (please report it):\n${detail}\n`);
    return EXIT_INTERNAL;
  }
}

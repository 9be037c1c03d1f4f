// `pipewright templates [--json]`: the stage templates `addStage` operations can insert.
import { TEMPLATES } from '../core/templates/catalog';
import { parseArgs } from './args';
import type { CliCommand } from './command';
import { EXIT_OK, UsageError } from './io';

export const templatesCommand: CliCommand = {
  name: 'templates',
  summary: 'list the stage templates addStage can insert',
  usage: [
    'usage: pipewright templates [--json]',
    '',
    'Lists the stage templates by name, with their title and what they add. Every template exists',
    'for GitHub Actions, GitLab CI and Azure Pipelines; use the name in an addStage operation:',
    '  {"op":"addStage","template":"build","id":"build"}',
    '',
    'options:',
    '  --json  print the catalog as JSON: [{name, title, description, kind, group}]',
  ].join('\n'),
  run(args, io) {
    const parsed = parseArgs(args, { flags: ['--json'], values: [] });
    if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument "${parsed.positionals[0]}"`);
    if (parsed.flags.has('--json')) {
      io.stdout(`${JSON.stringify(TEMPLATES, null, 2)}\n`);
      return EXIT_OK;
    }
    const nameWidth = Math.max(...TEMPLATES.map((t) => t.name.length));
    const titleWidth = Math.max(...TEMPLATES.map((t) => t.title.length));
    const lines = TEMPLATES.map((t) => `${t.name.padEnd(nameWidth)}  ${t.title.padEnd(titleWidth)}  ${t.description}`);
    io.stdout(`${lines.join('\n')}\n`);
    return EXIT_OK;
  },
};

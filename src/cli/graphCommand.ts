// `pipewright graph FILE [--json] [--dialect github|gitlab|azure]`: the stage graph of one
// pipeline file, as the public JSON contract or as a readable listing.
import { toPublicJson } from '../core/model';
import { parseArgs } from './args';
import type { CliCommand } from './command';
import { formatGraphText } from './graphText';
import { EXIT_OK, UsageError } from './io';
import { DIALECT_CHOICES, dialectOption, parsePipelineFile, readInputFile } from './pipelineInput';

const OPTION_WIDTH = `--dialect ${DIALECT_CHOICES}`.length + 3;

export const graphCommand: CliCommand = {
  name: 'graph',
  summary: 'print the stage graph of a pipeline file',
  usage: [
    `usage: pipewright graph FILE [--json] [--dialect ${DIALECT_CHOICES}]`,
    '',
    'Prints the jobs/stages of FILE, the dependencies between them and the problems found.',
    'The dialect is taken from the file name, then from the content; --dialect overrides both.',
    '',
    'options:',
    `  ${'--json'.padEnd(OPTION_WIDTH)}print the graph as JSON (the stable public format)`,
    `  ${`--dialect ${DIALECT_CHOICES}`.padEnd(OPTION_WIDTH)}read FILE as this dialect`,
    '',
    'exit codes: 0 graph printed (reference and cycle errors are part of the graph),',
    '            2 bad usage, unreadable file, YAML syntax errors or unknown dialect',
  ].join('\n'),
  run(args, io) {
    const parsed = parseArgs(args, { flags: ['--json'], values: ['--dialect'] });
    if (parsed.positionals.length !== 1) {
      throw new UsageError(parsed.positionals.length === 0 ? 'missing FILE' : `expected one FILE, got ${parsed.positionals.length}`);
    }
    const file = parsed.positionals[0];
    const dialect = dialectOption(parsed.values.get('--dialect'));
    const graph = parsePipelineFile(file, readInputFile(file, io), dialect);
    io.stdout(parsed.flags.has('--json') ? `${JSON.stringify(toPublicJson(graph), null, 2)}\n` : formatGraphText(graph, file));
    return EXIT_OK;
  },
};

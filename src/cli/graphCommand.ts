// `pipewright graph FILE [--json] [--dialect github|gitlab|azure]`: the stage graph of one
// pipeline file, as the public JSON contract or as a readable listing.
import { DIALECTS, hasSyntaxErrors, toPublicJson, type Dialect, type GraphProblem, type PipelineGraph } from '../core/model';
import { parsePipeline, UnknownDialectError } from '../core/parse';
import { parseYamlSource } from '../core/yaml/source';
import { parseArgs } from './args';
import type { CliCommand } from './command';
import { formatGraphText } from './graphText';
import { InputError, UsageError, type CliIo, EXIT_OK } from './io';

const DIALECT_CHOICES = DIALECTS.join('|');
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
    const graph = graphOf(file, readFile(file, io), dialect);
    io.stdout(parsed.flags.has('--json') ? `${JSON.stringify(toPublicJson(graph), null, 2)}\n` : formatGraphText(graph, file));
    return EXIT_OK;
  },
};

function dialectOption(value: string | undefined): Dialect | undefined {
  if (value === undefined) return undefined;
  const dialect = DIALECTS.find((d) => d === value.toLowerCase());
  if (!dialect) throw new UsageError(`unknown dialect "${value}" (expected ${DIALECTS.join(', ')})`);
  return dialect;
}

function readFile(file: string, io: CliIo): string {
  try {
    return io.readText(file);
  } catch (e) {
    throw new InputError(`cannot read ${file}: ${describeFsError(e)}`);
  }
}

function describeFsError(e: unknown): string {
  const code = (e as { code?: string }).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return e instanceof Error ? e.message : String(e);
}

function graphOf(file: string, text: string, dialect: Dialect | undefined): PipelineGraph {
  let graph: PipelineGraph;
  try {
    graph = parsePipeline(text, { fileName: file, dialect });
  } catch (e) {
    if (!(e instanceof UnknownDialectError)) throw e;
    // Broken YAML is the more basic problem: it is likely why the dialect was not recognised.
    const syntax = parseYamlSource(text).problems.filter(isSyntaxError);
    if (syntax.length > 0) throw syntaxError(file, syntax);
    throw new InputError(`${e.message} (--dialect ${DIALECT_CHOICES})`);
  }
  if (hasSyntaxErrors(graph)) throw syntaxError(file, graph.problems.filter(isSyntaxError));
  return graph;
}

function isSyntaxError(p: GraphProblem): boolean {
  return p.source === 'syntax' && p.severity === 'error';
}

function syntaxError(file: string, problems: GraphProblem[]): InputError {
  const lines = problems.map((p) => `  ${file}:${p.line}:${p.column}: ${p.message}`);
  return new InputError(`${file} is not valid YAML:\n${lines.join('\n')}`);
}

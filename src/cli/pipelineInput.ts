// Reading a pipeline file for a command: the --dialect option, file errors in plain words, and
// the parse that refuses malformed YAML or an unknown dialect (exit 2) before anything else.
import { DIALECTS, hasSyntaxErrors, type Dialect, type GraphProblem, type PipelineGraph } from '../core/model';
import { parsePipeline, UnknownDialectError } from '../core/parse';
import { parseYamlSource } from '../core/yaml/source';
import { InputError, UsageError, type CliIo } from './io';

export const DIALECT_CHOICES = DIALECTS.join('|');

export function dialectOption(value: string | undefined): Dialect | undefined {
  if (value === undefined) return undefined;
  const dialect = DIALECTS.find((d) => d === value.toLowerCase());
  if (!dialect) throw new UsageError(`unknown dialect "${value}" (expected ${DIALECTS.join(', ')})`);
  return dialect;
}

export function readInputFile(file: string, io: CliIo): string {
  try {
    return io.readText(file);
  } catch (e) {
    throw new InputError(`cannot read ${file}: ${describeFsError(e)}`);
  }
}

export function describeFsError(e: unknown): string {
  const code = (e as { code?: string }).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return e instanceof Error ? e.message : String(e);
}

/** The graph of a file that parses; InputError for broken YAML or an undetectable dialect. */
export function parsePipelineFile(file: string, text: string, dialect: Dialect | undefined): PipelineGraph {
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

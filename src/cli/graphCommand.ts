// `pipewright graph FILE [--json] [--dialect github|gitlab|azure] [--root DIR]`: the stage graph
// of a pipeline file, as the public JSON contract or as a readable listing. The file is composed
// with the files it includes, extends or calls from the project under the root.
import { relative } from 'node:path';
import { composeGraph } from '../core/compose/composeGraph';
import { drawnInPipeline, pipelineOfFile, pipelineStages, templateGraphInPipeline } from '../core/compose/pipelineOfFile';
import { toPublicJson, type PipelineGraph } from '../core/model';
import { parsePipeline } from '../core/parse';
import { parseArgs } from './args';
import type { CliCommand } from './command';
import { formatGraphText } from './graphText';
import { EXIT_OK, UsageError } from './io';
import { DIALECT_CHOICES, dialectOption, parsePipelineFile, readInputFile } from './pipelineInput';
import { defaultRoot, gitRootAbove, pathInRoot, projectFilesAt, shownBeside } from './projectFiles';

const OPTION_WIDTH = `--dialect ${DIALECT_CHOICES}`.length + 3;

/** The file with what it includes, extends or calls from the project under the root. */
function composed(file: string, text: string, single: PipelineGraph, rootOption: string | undefined): { graph: PipelineGraph; root: string } {
  const root = rootOption ?? defaultRoot(file);
  const path = pathInRoot(root, file);
  if (path === undefined) throw new UsageError(`${file} is not inside the root ${root}`);
  const files = projectFilesAt(root);
  if (single.dialect === 'gitlab') {
    // A file the project's .gitlab-ci.yml includes: drawn as the designer draws it.
    const pipeline = pipelineOfFile('gitlab', path, text, files);
    if (pipeline) {
      // Its jobs run in the pipeline's stages, when the pipeline declares them.
      const stages = pipelineStages(pipeline, path);
      const own = stages ? parsePipeline(text, { dialect: 'gitlab', fileName: file, stages }) : single;
      return { graph: drawnInPipeline(pipeline, path, text, own, files), root };
    }
  }
  const graph = composeGraph(single.dialect, path, text, files);
  // An Azure template whose names point at nothing in it: judged in the pipelines that use it.
  const pipeline = single.dialect === 'azure' ? pipelineOfFile('azure', path, text, files, graph) : undefined;
  return { graph: pipeline ? templateGraphInPipeline(graph, pipeline, path) : graph, root };
}

export const graphCommand: CliCommand = {
  name: 'graph',
  summary: 'print the stage graph of a pipeline file',
  usage: [
    `usage: pipewright graph FILE [--json] [--dialect ${DIALECT_CHOICES}] [--root DIR]`,
    '',
    'Prints the jobs/stages of FILE, the dependencies between them and the problems found.',
    'The dialect is taken from the file name, then from the content; --dialect overrides both.',
    'FILE is composed with the files it names, read under the root (default: the git root',
    "above FILE, else FILE's folder): GitLab include: local, Azure template: and extends:,",
    'GitHub jobs that call ./.github/workflows/*.yml; in --json, nodes and errors from those',
    'files carry "file", a path relative to the root. A GitLab file the root\'s .gitlab-ci.yml',
    'includes is judged in that pipeline: an edge from a job another file defines carries',
    '"definedIn", that file.',
    '',
    'options:',
    `  ${'--json'.padEnd(OPTION_WIDTH)}print the graph as JSON (the stable public format)`,
    `  ${`--dialect ${DIALECT_CHOICES}`.padEnd(OPTION_WIDTH)}read FILE as this dialect`,
    `  ${'--root DIR'.padEnd(OPTION_WIDTH)}the project folder that included, template and workflow paths start from`,
    '',
    'exit codes: 0 graph printed (reference and cycle errors are part of the graph),',
    '            2 bad usage, unreadable file, YAML syntax errors or unknown dialect',
  ].join('\n'),
  run(args, io) {
    const parsed = parseArgs(args, { flags: ['--json'], values: ['--dialect', '--root'] });
    if (parsed.positionals.length !== 1) {
      throw new UsageError(parsed.positionals.length === 0 ? 'missing FILE' : `expected one FILE, got ${parsed.positionals.length}`);
    }
    const file = parsed.positionals[0];
    const dialect = dialectOption(parsed.values.get('--dialect'));
    const text = readInputFile(file, io);
    const { graph, root } = composed(file, text, parsePipelineFile(file, text, dialect), parsed.values.get('--root'));
    // In the listing, another file's path is shown as the command line would name it.
    const shown = (path: string) => shownBeside(file, root, path);
    io.stdout(parsed.flags.has('--json') ? `${JSON.stringify(toPublicJson(graph), null, 2)}\n` : formatGraphText(graph, file, shown));
    // A file missing from a root guessed without a git folder is more often in the wrong root.
    if (!parsed.values.has('--root') && gitRootAbove(file) === undefined && graph.nodes.some((n) => n.marks.includes('missing'))) {
      io.stderr(`pipewright graph: note: the files ${file} names were looked for under ${relative(process.cwd(), root) || '.'} (its folder: no .git above it); --root DIR reads them from DIR\n`);
    }
    return EXIT_OK;
  },
};

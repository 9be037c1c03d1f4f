// The one entry point from text to graph: detect the dialect, build its graph, run the
// dialect-neutral checks. Pure; called on every (debounced) keystroke, so it parses once.
import { checkCycles, checkReferences } from './checks';
import { dialectFromContent, dialectFromPath } from './detect';
import { buildAzureGraph } from './dialects/azure';
import { buildGithubGraph } from './dialects/github';
import { buildGitlabGraph, mayBeIncludedFile } from './dialects/gitlab';
import type { Dialect, GraphProblem, PipelineGraph } from './model';
import { foldConsequences } from './problems';
import { lookedIn, parseYamlSource, type YamlSource } from './yaml/source';

/** What a dialect builder returns; `parsePipeline` adds the YAML and reference problems. */
export type DialectGraph = Omit<PipelineGraph, 'dialect'> & {
  /**
   * Where a name not defined here may be defined instead ("an included file"): set when such
   * files were not read (includes left unread, the pipeline that uses a template, the files an
   * included file is merged with). A reference to such a name is then a warning, not an error.
   */
  namesMayBeIn?: string;
};

export type DialectBuilder = (src: YamlSource, options: ParseOptions) => DialectGraph;

const BUILDERS: Record<Dialect, DialectBuilder> = {
  github: buildGithubGraph,
  gitlab: buildGitlabGraph,
  azure: buildAzureGraph,
};

export interface ParseOptions {
  /** Path or name of the file; its name is the first hint to the dialect. */
  fileName?: string;
  /** Overrides detection by name and content. */
  dialect?: Dialect;
  /**
   * GitLab: the stages of the pipeline that includes this file, declared in another file (see
   * pipelineOfFile.ts's pipelineStages): GitLab runs an included file's jobs in its pipeline's
   * stages, in their order, and keeps the including file's `stages:` over the file's own.
   */
  stages?: PipelineStages;
}

/** A pipeline's `stages:` as an included file reads them. */
export interface PipelineStages {
  /** In order, without `.pre` and `.post`. */
  names: readonly string[];
  /** The file that declares them, relative to the project root. */
  declaredIn: string;
}

export class UnknownDialectError extends Error {
  constructor(fileName: string | undefined) {
    super(
      `${fileName ?? 'this file'}: not recognised as a GitHub Actions, GitLab CI or Azure Pipelines file ` +
        `(neither its name nor its content says which); choose a dialect explicitly`,
    );
    this.name = 'UnknownDialectError';
  }
}

export function detectDialect(src: YamlSource, fileName?: string): Dialect | undefined {
  return (fileName ? dialectFromPath(fileName) : undefined) ?? dialectFromContent(src.doc.contents);
}

/** Text → graph. Throws UnknownDialectError only when no dialect is given or detectable. */
export function parsePipeline(text: string, options: ParseOptions = {}): PipelineGraph {
  return graphFromSource(parseYamlSource(text), options);
}

/** The graph of an already parsed source (the edit engine keeps the source it parsed). */
export function graphFromSource(src: YamlSource, options: ParseOptions = {}): PipelineGraph {
  const dialect = options.dialect ?? detectDialect(src, options.fileName);
  if (!dialect) throw new UnknownDialectError(options.fileName);
  const yamlProblems = dialect === 'gitlab' ? src.problems.map(gitlabDuplicateKeyIsWarning) : src.problems;
  const built = BUILDERS[dialect](src, options);
  // Here, not in the builder: only the file's name tells an included GitLab file (builders read the tree alone).
  if (dialect === 'gitlab' && built.namesMayBeIn === undefined && options.fileName !== undefined && mayBeIncludedFile(options.fileName, src)) {
    built.namesMayBeIn = 'another file of the pipeline';
    // Its templates too may be defined by the file including it.
    built.problems = built.problems.map((p) =>
      p.code === 'unknown-parent' && p.severity === 'error' ? { ...p, severity: 'warning', message: `${p.message} (it may come from another file of the pipeline)` } : p,
    );
  }
  return completeGraph(dialect, built, yamlProblems, lookedIn(src));
}

/**
 * What a builder made, with the dialect-neutral checks (references, cycles) and the YAML's own
 * problems: also for a graph a composer put together from several files' builds. `where`: where
 * an unknown name was looked for, as the problem says it (see lookedIn).
 */
export function completeGraph(dialect: Dialect, { namesMayBeIn, ...built }: DialectGraph, yamlProblems: GraphProblem[], where = 'this file'): PipelineGraph {
  const referenceProblems = checkReferences(
    built.nodes,
    built.edges,
    (e) => `"${e.to}" depends on "${e.from}", which is not defined in ${where}${namesMayBeIn ? ` (it may come from ${namesMayBeIn})` : ''}`,
    namesMayBeIn ? 'warning' : 'error',
  );
  const cycleProblems = checkCycles(built.nodes, built.edges, built.lanes);
  return {
    dialect,
    ...built,
    problems: foldConsequences([...yamlProblems, ...built.problems, ...referenceProblems, ...cycleProblems]),
  };
}

// GitHub and Azure reject a workflow with a repeated key; GitLab loads it and the later value wins.
export function gitlabDuplicateKeyIsWarning(p: GraphProblem): GraphProblem {
  if (p.code !== 'duplicate-key') return p;
  return { ...p, severity: 'warning', message: `${p.message} (GitLab uses the later one)` };
}

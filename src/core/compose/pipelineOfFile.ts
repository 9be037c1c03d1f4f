// One file of a pipeline split over files, checked as part of that pipeline: a reference another
// of its files resolves is no problem, and one that none resolves is said of them all — where the
// file read alone can only guess ("it may come from an included file"), and an included GitLab
// file alone knows neither the stages nor the jobs the rest of the pipeline declares. A file is
// part of the pipeline composed from itself when it names other files (a root), and, in GitLab,
// of the project's `.gitlab-ci.yml` when that includes it.
import type { Node } from 'yaml';
import { hasSyntaxErrors, type Dialect, type GraphEdge, type GraphNode, type GraphProblem, type PipelineGraph } from '../model';
import type { PipelineStages } from '../parse';
import { pairOf, rootMap, type YamlSource } from '../yaml/source';
import type { CompositeFiles } from './compositeSource';
import { composeGraph } from './composeGraph';
import { namesOtherFiles } from './namesOtherFiles';
import type { ProjectFiles } from './projectFiles';

/**
 * GitLab's default CI/CD configuration file. A project may name another in its settings, which
 * the repository does not tell: an included file is read as part of this one.
 */
export const GITLAB_ROOT = '.gitlab-ci.yml';

export interface FileInPipeline {
  /** The file the pipeline was composed from (relative to the project root). */
  rootPath: string;
  graph: PipelineGraph;
  /** Every path the composition asked for, found or not, the root's own included. */
  read: ReadonlySet<string>;
  /**
   * The composite the graph was built from (GitLab and Azure; GitHub composes workflow by
   * workflow), which the rules read the whole pipeline through (rules/pipelineLint.ts).
   */
  composite?: { src: YamlSource; files: CompositeFiles };
  /**
   * An Azure file judged as a template of the pipelines that use it (templateInPipeline): its
   * path, and each of those pipelines with its composite. They draw its jobs and stages under
   * other ids (a job template's `Deploy` is `Stage/Deploy` there, once per use), so the rules
   * match a finding by where its node is written (rules/pipelineLint.ts).
   */
  template?: { path: string; uses: FileInPipeline[] };
}

/**
 * The composed pipeline the file at `path` (relative to the project root; its text `text`, which
 * is read for it whatever `project` holds) is part of; undefined when it is part of none here.
 * `own`: the file's own graph, when its caller has built it — an Azure file whose names point at
 * nothing there (`dependsOn: Build`) may be a template, whose names are the pipeline's that uses it.
 */
export function pipelineOfFile(dialect: Dialect, path: string, text: string, project: ProjectFiles, own?: PipelineGraph): FileInPipeline | undefined {
  const files: ProjectFiles = { ...project, readFile: (p) => (p === path ? text : project.readFile(p)) };
  // A GitLab file the project's root includes is read as GitLab reads it: with everything the
  // root and its other includes declare (its own includes among them).
  if (dialect === 'gitlab' && path !== GITLAB_ROOT) {
    const rootText = project.readFile(GITLAB_ROOT);
    if (rootText !== undefined && namesOtherFiles(rootText)) {
      const pipeline = composePipeline('gitlab', GITLAB_ROOT, rootText, files);
      if (pipeline.read.has(path)) return pipeline;
    }
  }
  const itself = namesOtherFiles(text) ? composePipeline(dialect, path, text, files) : undefined;
  const judged = itself?.graph ?? own;
  if (dialect === 'azure' && judged && namesNothingHere(judged)) {
    return templateInPipeline(path, text, project) ?? itself;
  }
  return itself;
}

/** Whether a name the file's own graph gives (a `dependsOn`) points at nothing there: a reference problem in the file itself. */
export function namesNothingHere(graph: PipelineGraph): boolean {
  return graph.problems.some((p) => p.source === 'reference' && p.file === undefined);
}

/**
 * An Azure file judged in the pipelines of the project that use it as a template (see
 * pipelinesUsing), whose problems in the file are the file's; undefined when none does. Its
 * `composite` is left out, as the pipelines' ids differ from the file's own (a job template's
 * `Build` is `Stage/Build` there): the rules read each pipeline through `template`.
 */
function templateInPipeline(path: string, text: string, project: ProjectFiles): FileInPipeline | undefined {
  const uses = pipelinesUsing('azure', path, text, project);
  if (uses.length === 0) return undefined;
  const users = uses.map(({ composite: _composite, ...pipeline }) => pipeline);
  return { ...(users.length === 1 ? users[0] : judgedInEach(users)), template: { path, uses } };
}

/**
 * A template that several pipelines use (a CI and a PR pipeline sharing `jobs/deploy.yml`) is
 * judged in each: a name it gives is a problem where a pipeline using it does not define it, and
 * none where every one does. Drawn as the first pipeline draws it; its problems are the first's,
 * with those the others' compositions find in the files they share with it, each said once and,
 * when not every pipeline has it, naming the ones that do. What the pipelines read is the union
 * (a change to any of them judges the file again).
 */
function judgedInEach(users: FileInPipeline[]): FileInPipeline {
  const first = users[0];
  const found = new Map<string, { problem: GraphProblem; in: string[] }>();
  for (const user of users) {
    for (const problem of user.graph.problems) {
      const file = problem.file ?? user.rootPath;
      // A pipeline's own file is its own: the shared files are the ones judged together.
      if (file === user.rootPath && user !== first) continue;
      const key = `${file}:${problem.line}:${problem.column}:${problem.severity}:${problem.code ?? problem.source}`;
      const known = found.get(key);
      if (known) {
        if (!known.in.includes(user.rootPath)) known.in.push(user.rootPath);
        continue;
      }
      found.set(key, { problem: user === first ? problem : placedAs(problem, user.rootPath, first.rootPath)!, in: [user.rootPath] });
    }
  }
  const problems = [...found.values()].map(({ problem, in: pipelines }) =>
    pipelines.length === users.length || (problem.file ?? first.rootPath) === first.rootPath
      ? problem
      : { ...problem, message: `${problem.message} — in ${pipelines.map((p) => `\`${p}\``).join(' and ')}, ${pipelines.length} of the ${users.length} pipelines using this template` },
  );
  const read = new Set(users.flatMap((u) => [...u.read]));
  return { ...first, graph: { ...first.graph, problems }, read };
}

/**
 * The pipelines of the project that use the file at `path` (its text `text`) as an Azure template:
 * the YAML files that, composed, read it — but for one that another of them reads in turn (a
 * template using it, whose pipeline is the one using both). Each composed with `text`. A file is
 * composed only when its text names the file or one found using it (its file name): a pipeline
 * may reach it through another template. Lists and reads the whole project: asked only before an
 * edit that may break what other files name (a rename or a deletion), and for a file whose own
 * names point at nothing (namesNothingHere).
 */
export function pipelinesUsing(dialect: Dialect, path: string, text: string, project: ProjectFiles): FileInPipeline[] {
  const fileName = (p: string) => p.split('/').pop()!;
  const files: ProjectFiles = { ...project, readFile: (p) => (p === path ? text : project.readFile(p)) };
  const candidates = new Map<string, string>();
  for (const candidate of [...new Set([...project.listFiles('**/*.yml'), ...project.listFiles('**/*.yaml')])].sort()) {
    const candidateText = candidate === path ? undefined : files.readFile(candidate);
    if (candidateText !== undefined && namesOtherFiles(candidateText)) candidates.set(candidate, candidateText);
  }
  const users: FileInPipeline[] = [];
  const names = [fileName(path)];
  for (let found = true; found; ) {
    found = false;
    for (const [candidate, candidateText] of candidates) {
      if (!names.some((n) => candidateText.includes(n))) continue;
      candidates.delete(candidate);
      const pipeline = composePipeline(dialect, candidate, candidateText, files);
      if (!pipeline.read.has(path)) continue;
      users.push(pipeline);
      names.push(fileName(candidate));
      found = true;
    }
  }
  return users.filter((u) => !users.some((v) => v !== u && v.read.has(u.rootPath)));
}

/** The pipeline composed from the file at `rootPath` (its text `rootText`), with what it read. */
export function composePipeline(dialect: Dialect, rootPath: string, rootText: string, project: ProjectFiles): FileInPipeline {
  const read = new Set<string>([rootPath]);
  const files: ProjectFiles = { ...project, readFile: (p) => (read.add(p), project.readFile(p)) };
  let composite: FileInPipeline['composite'];
  const graph = composeGraph(dialect, rootPath, rootText, files, (src, composed) => (composite = { src, files: composed }));
  return { rootPath, graph, read, ...(composite ? { composite } : {}) };
}

/**
 * The graph problems of the file at `path` whose own graph is `own`: its own when it does not
 * parse (the pipeline then has one problem for it, at the include) or is part of no pipeline,
 * else the pipeline's problems that lie in it.
 */
export function problemsOfFile(own: PipelineGraph, pipeline: FileInPipeline | undefined, path: string): GraphProblem[] {
  if (!pipeline || hasSyntaxErrors(own)) return own.problems;
  return saidOnce(problemsInFiles(pipeline, new Set([path]), path));
}

/** A template used twice is read twice: each problem of its text is said once. */
function saidOnce(problems: GraphProblem[]): GraphProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.file ?? ''}:${p.line}:${p.column}:${p.severity}:${p.message}`;
    return !seen.has(key) && (seen.add(key), true);
  });
}

/**
 * The stages the GitLab file at `path` runs its jobs in when `pipeline` (composed from another
 * file) declares them: the file's own graph is built with them (ParseOptions.stages), so that its
 * lanes and the order of its jobs without `needs:` are the pipeline's, and so are the edits planned
 * on it — its own `stages:`, if it writes one, GitLab overrides. Undefined when the pipeline is
 * the file's own, declares no stages (GitLab's defaults) or declares them in this file.
 */
export function pipelineStages(pipeline: FileInPipeline, path: string): PipelineStages | undefined {
  if (pipeline.rootPath === path || !pipeline.composite) return undefined;
  const { src, files } = pipeline.composite;
  const map = rootMap(src);
  const written = map && (pairOf(map, 'stages') ?? pairOf(map, 'types'));
  const at = (written?.key as Node | undefined)?.range?.[0];
  if (at === undefined) return undefined;
  const declaredIn = files.place(at).file.path;
  // The file's own `stages:` is the pipeline's (the root declares none, and it is the last to).
  if (declaredIn === path) return undefined;
  const names = pipeline.graph.lanes.filter((l) => !l.implicit && l.id !== '.pre' && l.id !== '.post').map((l) => l.id);
  return { names, declaredIn };
}

/**
 * What the designer and `pipewright graph` draw of the GitLab file at `path` (its text `text`, its
 * own graph `single`, built with the pipeline's stages: see pipelineStages) in the pipeline it is
 * part of: that pipeline's graph when it was composed from the file itself, else the file drawn as
 * itself — composed with what it includes (in the same stages) when it names files — and judged
 * in the pipeline (ownGraphInPipeline).
 */
export function drawnInPipeline(pipeline: FileInPipeline, path: string, text: string, single: PipelineGraph, project: ProjectFiles): PipelineGraph {
  if (pipeline.rootPath === path) return pipeline.graph;
  const stages = pipelineStages(pipeline, path);
  const own = namesOtherFiles(text) ? composeGraph('gitlab', path, text, project, undefined, stages ? { stages } : {}) : single;
  return ownGraphInPipeline(own, pipeline, path);
}

/**
 * What a designer of the file at `path` draws when the file is one of `pipeline`'s but not its
 * root (a GitLab include opened on its own): the file's own graph (`own`, composed with what it
 * includes when it includes files: its nodes are the ones it can edit), with the pipeline's
 * problems that lie in its files, each need of a job another file of the pipeline defines marked
 * with that file (`definedIn`) instead of as missing, and a warning where the pipeline puts one of
 * its jobs in another stage than the file alone can.
 */
export function ownGraphInPipeline(own: PipelineGraph, pipeline: FileInPipeline, path: string): PipelineGraph {
  if (hasSyntaxErrors(own)) return own;
  // `own` may itself be composed (a file that includes others): the files it was drawn from.
  const files = new Set([path, ...own.nodes.flatMap((n) => (n.file !== undefined ? [n.file] : [])), ...own.problems.flatMap((p) => (p.file !== undefined ? [p.file] : []))]);
  const inPipeline = new Map<string, GraphNode>();
  for (const n of pipeline.graph.nodes) if (!n.marks.includes('include')) inPipeline.set(n.id, n);
  const fileOf = (n: GraphNode) => n.file ?? pipeline.rootPath;
  // A job without `needs:` waits for the jobs of the pipeline's nearest earlier stage that has
  // any, wherever they are written; the file alone knows only its own, and may find that stage
  // empty or another stage nearest. Those edges are the pipeline's (the edits are planned there).
  const ownIds = new Set(own.nodes.map((n) => n.id));
  const ordered = new Set([...ownIds].filter((id) => { const there = inPipeline.get(id); return there !== undefined && files.has(fileOf(there)); }));
  const edges: GraphEdge[] = own.edges
    .filter((e) => !(e.implicit && ordered.has(e.to)))
    .map((e) => {
      const from = e.unresolved ? inPipeline.get(e.from) : undefined;
      return from === undefined || fileOf(from) === path ? e : { ...e, definedIn: fileOf(from) };
    });
  for (const e of pipeline.graph.edges) {
    if (!e.implicit || !ordered.has(e.to)) continue;
    const from = inPipeline.get(e.from);
    if (from === undefined) continue;
    edges.push(ownIds.has(e.from) ? { from: e.from, to: e.to, implicit: true, ...(e.guessed ? { guessed: true } : {}) } : { from: e.from, to: e.to, implicit: true, unresolved: true, definedIn: fileOf(from), ...(e.guessed ? { guessed: true } : {}) });
  }
  // The file alone cannot tell a stage a job inherits from a template another file defines: it
  // draws the job in GitLab's default. Said where the pipeline knows better (the warning that the
  // template is not in this file, which hinted at it, is gone with the file read in its pipeline).
  const stages: GraphProblem[] = [];
  for (const n of own.nodes) {
    const there = inPipeline.get(n.id);
    if (there === undefined || fileOf(there) !== (n.file ?? path) || there.stage === n.stage || n.stage === undefined) continue;
    stages.push({
      message: `job "${n.id}" is in stage "${there.stage}" in the pipeline (from what it extends, in another file); this file read alone places it in "${n.stage}"`,
      line: n.range.startLine,
      column: 1,
      severity: 'warning',
      source: 'structure',
    });
  }
  return { ...own, edges, problems: [...problemsInFiles(pipeline, files, path), ...stages] };
}

/**
 * The problems of `pipeline` that lie in `files`, placed as a graph of the file at `path` places
 * them: that file's without a `file`, the others' with theirs.
 */
function problemsInFiles(pipeline: FileInPipeline, files: ReadonlySet<string>, path: string): GraphProblem[] {
  return pipeline.graph.problems.flatMap((p) => placedAs(p, pipeline.rootPath, path, files) ?? []);
}

/**
 * A problem of a graph composed from `root`, placed as a graph of the file at `path` places its
 * problems: that file's without a `file`, the others' with theirs. With `files`, one (or a
 * consequence) in none of them is left out: undefined.
 */
function placedAs(problem: GraphProblem, root: string, path: string, files?: ReadonlySet<string>): GraphProblem | undefined {
  const file = problem.file ?? root;
  if (files && !files.has(file)) return undefined;
  const { file: _file, consequences, ...rest } = problem;
  const kept = consequences?.flatMap((c) => placedAs(c, root, path, files) ?? []);
  return { ...rest, ...(file === path ? {} : { file }), ...(kept && kept.length > 0 ? { consequences: kept } : {}) };
}

/**
 * The graph of the Azure file at `path` (`graph`: composed with what it names, if it names any)
 * with the problems that lie in its files in `pipeline`, which uses it as a template
 * (pipelineOfFile): its names are that pipeline's.
 */
export function templateGraphInPipeline(graph: PipelineGraph, pipeline: FileInPipeline, path: string): PipelineGraph {
  if (pipeline.rootPath === path || hasSyntaxErrors(graph)) return graph;
  const files = new Set([path, ...graph.nodes.flatMap((n) => (n.file !== undefined ? [n.file] : [])), ...graph.problems.flatMap((p) => (p.file !== undefined ? [p.file] : []))]);
  const problems = saidOnce(problemsInFiles(pipeline, files, path));
  // A name the template does not define but the pipeline does is drawn as that file's.
  const defined = definedInPipeline(graph, pipeline, path);
  const edges = graph.edges.map((e) => {
    const node = e.unresolved && e.definedIn === undefined ? defined.get(e.from) : undefined;
    return node ? { ...e, definedIn: node.file } : e;
  });
  return { ...graph, edges, problems };
}

/**
 * The nodes of `pipeline` (which uses the Azure file at `path`, drawn as `graph`, as a template)
 * that the names the file's `dependsOn` cannot resolve stand for, by name, each with its file: a
 * stage template's `dependsOn` names a stage of the pipeline; a job template's, a job of the stage
 * the pipeline puts the template's jobs in (`Stage/Build` for `Build`: the stage of the first
 * place the pipeline draws the waiting job, when it draws the template more than once). A template
 * several pipelines use: each name as the first of them that defines it.
 */
export function definedInPipeline(graph: PipelineGraph, pipeline: FileInPipeline, path: string): Map<string, GraphNode & { file: string }> {
  const defined = new Map<string, GraphNode & { file: string }>();
  // A template several pipelines use: a name the first does not define may be another's.
  for (const use of pipeline.template?.uses ?? [pipeline]) {
    const byId = new Map(use.graph.nodes.map((n) => [n.id, n]));
    for (const e of graph.edges) {
      if (!e.unresolved || defined.has(e.from)) continue;
      const waiting = graph.nodes.find((n) => n.id === e.to);
      const file = waiting?.file ?? path;
      const drawn = waiting && use.graph.nodes.find((n) => (n.file ?? use.rootPath) === file && n.offsets[0] === waiting.offsets[0]);
      if (!drawn) continue;
      const scope = drawn.id.includes('/') ? drawn.id.slice(0, drawn.id.lastIndexOf('/') + 1) : '';
      const node = byId.get(scope + e.from);
      if (node) defined.set(e.from, { ...node, file: node.file ?? use.rootPath });
    }
  }
  return defined;
}

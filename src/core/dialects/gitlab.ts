// GitLab CI → graph. Jobs are the visible top-level keys, lanes are the stages, edges are `needs:`
// or, without it, the previous non-empty stage. Values inherited through `extends`, `<<:` merges
// and `!reference` are resolved for display; such jobs are marked read-only.
import { isScalar, isSeq } from 'yaml';
import type { GraphEdge, GraphNode, GraphProblem } from '../model';
import type { DialectGraph, ParseOptions } from '../parse';
import { pairOf, positionAt, rootMap, scalarText, type YamlSource } from '../yaml/source';
import { artifactSources, mayLeaveArtifacts } from './gitlab/artifacts';
import { createExtendsResolver } from './gitlab/extends';
import { includeMarks } from './gitlab/includes';
import { buildJobNode, type JobNode } from './gitlab/jobs';
import { planLanes, type LanePlan } from './gitlab/lanes';
import { matrixJobNames, matrixJobOf, needsEdges } from './gitlab/needs';
import { sortTopLevel, structureProblem } from './gitlab/topLevel';
import { MapView, createResolver, startOf, type Resolver } from './gitlab/view';

/**
 * A GitLab file that is most likely included by another: not named `.gitlab-ci.yml` (the one file
 * GitLab starts from, unless a project's settings name another) and without `stages:` of its own
 * (`.gitlab/ci/test.gitlab-ci.yml`). Its `needs:` may name the jobs of the files around it.
 */
export function mayBeIncludedFile(fileName: string, src: YamlSource): boolean {
  const base = fileName.split(/[\\/]/).pop()!.toLowerCase();
  if (base === '.gitlab-ci.yml' || base === '.gitlab-ci.yaml') return false;
  const root = rootMap(src);
  return root !== undefined && pairOf(root, 'stages') === undefined;
}

export function buildGitlabGraph(src: YamlSource, options: ParseOptions = {}): DialectGraph {
  const root = rootMap(src);
  if (!root) return emptyGraph(src);

  const top = sortTopLevel(root, src);
  const resolver = createResolver(src, (name) => top.values.get(name));
  const problems: GraphProblem[] = [...top.problems];
  const hasIncludes = top.values.has('include');
  const extendsOf = createExtendsResolver({ src, resolver, topLevel: top.values, hasIncludes });

  const defaults = resolver.mapOf(top.values.get('default'));
  const jobs: JobNode[] = [];
  for (const { name, pair } of top.jobs) {
    const view = extendsOf.resolve(name);
    if (!view) {
      problems.push(structureProblem(src, pair, `job "${name}" must be a mapping; its alias does not lead to one`));
      continue;
    }
    const job = buildJobNode(name, pair, view, src, resolver);
    const inheritsFromElsewhere = extendsOf.incomplete(name);
    if (!view.has('stage') && inheritsFromElsewhere) job.stageUnknown = true;
    job.node.artifactsFrom = artifactSources(view, resolver);
    if (mayLeaveArtifacts(view, defaults, inheritsFromElsewhere)) job.node.leavesArtifacts = true;
    jobs.push(job);
  }
  problems.push(...extendsOf.problems());

  const lanes = planLanes(top.values.get('stages') ?? top.values.get('types'), resolver, options.stages);
  problems.push(...placeInLanes(jobs, lanes, src));

  const nodes = jobs.map((j) => j.node);
  const ids = new Set(nodes.map((n) => n.id));
  const edges: GraphEdge[] = [];
  const waitsForStage: GraphNode[] = [];
  const needsUnknown = new Set<string>();
  // A name that is no job's may be one job of a matrix (`build: [linux]`): the matrix job's.
  const isMatrixJob = (id: string) => ids.has(id) && nodes.some((n) => n.id === id && n.marks.includes('matrix'));
  const jobNamed = (name: string) => (ids.has(name) ? name : (matrixJobOf(name, isMatrixJob) ?? name));
  for (const job of jobs) {
    const sources = job.node.artifactsFrom;
    if (Array.isArray(sources) && sources.some((n) => !ids.has(n))) job.node.artifactsFrom = [...new Set(sources.map(jobNamed))];
    const needs = needsEdges(job.node.id, job.view.get('needs'), src, resolver);
    if (!needs.present) {
      waitsForStage.push(job.node);
      if (extendsOf.incomplete(job.node.id)) needsUnknown.add(job.node.id);
      continue;
    }
    for (const edge of needs.edges) {
      if (ids.has(edge.from)) {
        edges.push(edge);
        continue;
      }
      const from = jobNamed(edge.from);
      if (from === edge.from) {
        if (!needs.optional.has(edge.from)) edges.push(edge);
        continue;
      }
      const problem = extendsOf.incomplete(from) ? undefined : unknownMatrixJob(job.node.id, edge, from, jobs, resolver);
      // GitLab ignores an optional need of a job that does not exist; any other fails the pipeline.
      if (problem && needs.optional.has(edge.from)) continue;
      if (problem) problems.push(problem);
      // Two jobs of one matrix needed are one edge from it.
      if (!edges.some((e) => e.to === edge.to && e.from === from)) edges.push({ ...edge, from });
    }
  }
  addStageOrderEdges(waitsForStage, nodes, lanes, edges, needsUnknown);

  const includeKeyLine = lineOfKey(src, root, 'include');
  const workflow = resolver.value(top.values.get('workflow'));
  const title = workflow instanceof MapView ? textOf(workflow.get('name')) : undefined;
  return {
    ...(title ? { title } : {}),
    nodes,
    edges,
    lanes: lanes.lanes,
    problems,
    fileMarks: includeMarks(resolver.value(top.values.get('include')), includeKeyLine, src, resolver),
    // GitLab merges what the included files define: `needs: [install]` may name one of their jobs.
    // (A composition that read every include leaves `include:` out of what it builds: what is
    // left is an include it does not read.)
    ...(hasIncludes ? { namesMayBeIn: src.parts !== undefined ? 'an include that is not read' : 'an included file' } : {}),
  };
}

/**
 * A need of one job of a matrix (`build: [linux, arm64]`) that the matrix does not make: GitLab
 * rejects the pipeline (the job does not exist). Said with the names it does make.
 */
function unknownMatrixJob(needer: string, edge: GraphEdge, matrixJob: string, jobs: readonly JobNode[], resolver: Resolver): GraphProblem | undefined {
  const names = matrixJobNames(matrixJob, jobs.find((j) => j.node.id === matrixJob)?.view.get('parallel'), resolver);
  if (names === undefined || names.has(edge.from)) return undefined;
  const listed = [...names].slice(0, 3).map((n) => `"${n}"`).join(', ') + (names.size > 3 ? `, … (${names.size} in all)` : '');
  return {
    message: `"${needer}" needs "${edge.from}", which is not one of the jobs the \`parallel: matrix:\` of "${matrixJob}" makes: ${listed}`,
    line: edge.line ?? 1,
    column: edge.column ?? 1,
    severity: 'error',
    source: 'reference',
  };
}

// Not a mapping at the top: nothing to draw. Say so unless the file is simply empty.
function emptyGraph(src: YamlSource): DialectGraph {
  const contents = src.doc.contents;
  const problems: GraphProblem[] = [];
  const isEmpty = contents === null || contents === undefined || (isScalar(contents) && contents.value === null);
  if (!isEmpty) {
    const at = positionAt(src, startOf(contents) ?? 0);
    problems.push({
      message: `a GitLab CI file is a mapping of jobs and settings; this file's top level is ${isSeq(contents) ? 'a list' : 'a single value'}`,
      ...at,
      severity: 'error',
      source: 'structure',
    });
  }
  return { nodes: [], edges: [], lanes: planLanes(undefined, createResolver(src, () => undefined)).lanes, problems, fileMarks: [] };
}

// Every job goes in its stage's lane. GitLab rejects a stage missing from `stages:`; when the file
// declares none, the stages may come from a file that includes this one, so that is only a
// warning — unless the pipeline's stages were given (an included file read in its pipeline).
function placeInLanes(jobs: JobNode[], lanes: LanePlan, src: YamlSource): GraphProblem[] {
  const problems: GraphProblem[] = [];
  const known = new Set(lanes.lanes.map((l) => l.id));
  for (const { node, stageOffset, stageUnknown } of jobs) {
    const stage = node.stage!;
    if (known.has(stage)) continue;
    lanes.addUndeclared(stage);
    const where = stageOffset !== undefined ? positionAt(src, stageOffset) : { line: node.range.startLine, column: 1 };
    if (stageUnknown) {
      problems.push({
        message: `job "${node.id}" sets no stage: here and inherits from a definition outside this file, which may set it; ` +
          `its stage is unknown (drawn in "${stage}", GitLab's default)`,
        ...where,
        severity: 'warning',
        source: 'structure',
      });
      continue;
    }
    // `$[[ inputs.stage ]]`: set by whoever includes the file (see compose/inputs.ts), not wrong here.
    if (stage.includes('$[[')) continue;
    const listed = lanes.declared || lanes.inherited !== undefined;
    problems.push({
      message: lanes.inherited
        ? `job "${node.id}" uses stage "${stage}", which the pipeline's stages: (in ${lanes.inherited.declaredIn}) does not list`
        : lanes.declared
          ? `job "${node.id}" uses stage "${stage}", which is not listed in stages:`
          : `job "${node.id}" uses stage "${stage}", which is not one of GitLab's default stages (build, test, deploy); ` +
            'it must be declared in stages: here or in the file that includes this one',
      ...where,
      severity: listed ? 'error' : 'warning',
      source: 'structure',
    });
  }
  return problems;
}

/**
 * Without `needs:`, a job waits for every job of the nearest earlier stage that has jobs. These
 * are most of a big file's edges (stage size × jobs), so they are pushed straight into `edges`.
 * `needsUnknown`: jobs whose `needs:` may come from a parent not in the file; their edges are guessed.
 */
function addStageOrderEdges(waiting: GraphNode[], nodes: GraphNode[], lanes: LanePlan, edges: GraphEdge[], needsUnknown: ReadonlySet<string>): void {
  const byLane = new Map<number, GraphNode[]>();
  for (const node of nodes) {
    const index = lanes.indexOf(node.stage!);
    const list = byLane.get(index);
    if (list) list.push(node);
    else byLane.set(index, [node]);
  }
  for (const node of waiting) {
    for (let lane = lanes.indexOf(node.stage!) - 1; lane >= 0; lane--) {
      const previous = byLane.get(lane);
      if (!previous) continue;
      const guessed = needsUnknown.has(node.id);
      for (const dependency of previous) edges.push(guessed ? { from: dependency.id, to: node.id, implicit: true, guessed } : { from: dependency.id, to: node.id, implicit: true });
      break;
    }
  }
}

function lineOfKey(src: YamlSource, root: unknown, key: string): number {
  const pair = pairOf(root, key);
  const offset = startOf(pair?.key);
  return offset === undefined ? 1 : positionAt(src, offset).line;
}

function textOf(value: unknown): string | undefined {
  return value instanceof MapView ? undefined : scalarText(value);
}

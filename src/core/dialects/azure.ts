// Azure Pipelines → graph. A pipeline is `stages:` (each holding `jobs:`), top-level `jobs:`, or
// top-level `steps:` (one implicit job); `extends:` hands the pipeline to a template, and the
// stages passed to that template are shown read-only. The parts live in ./azure/.
import type { Node, Pair, YAMLMap, YAMLSeq } from 'yaml';
import type { OpaqueMark } from '../model';
import type { DialectGraph } from '../parse';
import { isMap, isScalar, isSeq, keyOf, pairOf, positionAt, scalarText, stringAt, valueOf, type YamlSource } from '../yaml/source';
import { hasExpression, isTemplateExpression } from './azure/expressions';
import { buildImplicitJob, buildJobs } from './azure/jobs';
import { structureProblem } from './azure/problems';
import { buildStages } from './azure/stages';

/** Keys only a pipeline's own file has: what starts it and what it reads. */
const PIPELINE_KEYS = ['trigger', 'pr', 'schedules', 'resources'];

/**
 * A file that declares `parameters:` and says nothing of what starts it is most likely a template
 * (a pipeline's runtime parameters come with its triggers, usually); a pipeline taken for one
 * only sees its unknown names as warnings instead of errors.
 */
export function looksLikeTemplate(root: YAMLMap): boolean {
  return pairOf(root, 'parameters') !== undefined && PIPELINE_KEYS.every((k) => pairOf(root, k) === undefined);
}

export function buildAzureGraph(src: YamlSource): DialectGraph {
  const graph: DialectGraph = { nodes: [], edges: [], lanes: [], problems: [], fileMarks: [] };
  const root = src.doc.contents;
  if (root === null || root === undefined || (isScalar(root) && root.value === null)) return graph;
  if (!isMap(root)) {
    // A broken file already has its syntax error; a second message would only repeat it.
    if (!src.problems.some((p) => p.source === 'syntax' && p.severity === 'error')) {
      graph.problems.push(structureProblem(src, root as Node, 'an Azure Pipelines file is a mapping of keys (`stages:`, `jobs:` or `steps:`) at the top level'));
    }
    return graph;
  }
  const rootMap = root as YAMLMap.Parsed;
  const title = stringAt(rootMap, 'name');
  // `name:` is usually a run-number format (`$(Date:yyyyMMdd)$(Rev:.r)`), not a title.
  if (title !== undefined && title.trim() !== '' && !hasExpression(title)) graph.title = title.trim();

  for (const pair of rootMap.items) {
    const key = keyOf(pair);
    if (key !== undefined && isTemplateExpression(key)) {
      graph.fileMarks.push({ mark: 'template-expression', detail: key, line: lineOf(src, pair) });
    }
  }

  // A template's `dependsOn` names the stages and jobs of the pipeline that uses it.
  if (looksLikeTemplate(rootMap)) graph.namesMayBeIn = 'the pipeline that uses this template';

  let drewSomething = addPipelineBody(src, rootMap, [], graph);
  const extendsPair = pairOf(rootMap, 'extends');
  if (extendsPair) {
    const template = stringAt(extendsPair.value, 'template') ?? scalarText(extendsPair.value) ?? '';
    graph.fileMarks.push({ mark: 'extends', detail: template, line: lineOf(src, extendsPair) });
    // 1ES-style templates take the pipeline's stages as a parameter and run them; show them, read-only.
    const parameters = valueOf(extendsPair.value, 'parameters');
    if (!drewSomething && isMap(parameters)) {
      drewSomething = addPipelineBody(src, parameters as YAMLMap.Parsed, ['extends'], graph) ||
        addPassedList(src, parameters as YAMLMap.Parsed, graph);
    }
    if (!drewSomething) {
      // The text listing shows the file mark; a problem says it in every output, `--json` too.
      graph.problems.push(structureProblem(
        src,
        (pairOf(extendsPair.value, 'parameters')?.key ?? extendsPair.key) as Node,
        `the pipeline is handed to the template \`${template}\` in \`extends:\`, and none of its parameters is a list of stages or jobs: nothing to draw`,
        'warning',
      ));
    }
    drewSomething = true;
  }
  if (!drewSomething) {
    const phases = pairOf(rootMap, 'phases');
    // A template that only defines variables (`- template: vars.yml` under a `variables:` list)
    // is no pipeline missing its jobs: said as what it is.
    const variablesOnly = pairOf(rootMap, 'variables') !== undefined && rootMap.items.every((p) => ['variables', 'parameters'].includes(keyOf(p) ?? ''));
    const message = phases
      ? '`phases:` is the deprecated form of `jobs:`; only `stages:`, `jobs:` and `steps:` are drawn'
      : variablesOnly
        ? 'a variables template (only `variables:`, no `stages:`, `jobs:` or `steps:`): nothing to draw'
        : 'no `stages:`, `jobs:` or `steps:`: nothing to draw';
    graph.problems.push(structureProblem(src, (phases?.key as Node | undefined) ?? rootMap, message, 'warning'));
  }
  return graph;
}

/** Adds the stages, jobs or steps held by `container`; false when it holds none of them. */
function addPipelineBody(src: YamlSource, container: YAMLMap.Parsed, inheritedMarks: OpaqueMark[], graph: DialectGraph): boolean {
  const stagesPair = pairOf(container, 'stages');
  const jobsPair = pairOf(container, 'jobs');
  const stepsPair = pairOf(container, 'steps');
  const present = [stagesPair, jobsPair, stepsPair].filter((p) => p !== undefined);
  if (present.length > 1) {
    graph.problems.push(structureProblem(src, present[1]!.key as Node, 'use only one of `stages:`, `jobs:` and `steps:` at the top level', 'warning'));
  }
  if (stagesPair) {
    if (isOpaqueValue(src, stagesPair, graph)) return true;
    addStages(src, stagesPair.value, inheritedMarks, graph);
    return true;
  }
  if (jobsPair) {
    if (isOpaqueValue(src, jobsPair, graph)) return true;
    addJobs(src, jobsPair.value, inheritedMarks, graph);
    return true;
  }
  if (stepsPair) {
    if (isOpaqueValue(src, stepsPair, graph)) return true;
    graph.nodes.push(buildImplicitJob(src, container, stepsPair, inheritedMarks));
    return true;
  }
  return false;
}

function addStages(src: YamlSource, list: unknown, inheritedMarks: OpaqueMark[], graph: DialectGraph): void {
  const built = buildStages(src, list, inheritedMarks);
  graph.nodes.push(...built.nodes);
  graph.edges.push(...built.edges);
  graph.lanes.push(...built.lanes);
  graph.problems.push(...built.problems);
}

function addJobs(src: YamlSource, list: unknown, inheritedMarks: OpaqueMark[], graph: DialectGraph): void {
  const built = buildJobs(list, { src, inheritedMarks, stageOnFailure: false });
  graph.nodes.push(...built.nodes);
  graph.edges.push(...built.edges);
  graph.problems.push(...built.problems);
}

/**
 * Templates name the parameter that takes the pipeline's stages as they like
 * (`pipelineStages:`, `buildStages:`): the first parameter that is a list of `- stage:` items
 * (or else of `- job:` / `- deployment:` items) is what the template runs; false when none is.
 */
function addPassedList(src: YamlSource, parameters: YAMLMap.Parsed, graph: DialectGraph): boolean {
  const passed = passedList(parameters);
  if (passed?.kind === 'stages') addStages(src, passed.seq, ['extends'], graph);
  else if (passed) addJobs(src, passed.seq, ['extends'], graph);
  return passed !== undefined;
}

/**
 * The list an `extends:` template gets as the pipeline: `stages:` or `jobs:` among its
 * parameters, else the first parameter that is a list of `- stage:` items (or of `- job:` /
 * `- deployment:` items). The edit planner finds the drawn stages here too.
 */
export function passedList(parameters: unknown): { kind: 'stages' | 'jobs'; seq: YAMLSeq.Parsed } | undefined {
  if (!isMap(parameters)) return undefined;
  for (const kind of ['stages', 'jobs'] as const) {
    const value = pairOf(parameters, kind)?.value;
    if (isSeq(value)) return { kind, seq: value as YAMLSeq.Parsed };
  }
  const listOf = (keys: string[]) => (parameters as YAMLMap.Parsed).items.find((pair) => {
    const value = pair.value;
    if (!isSeq(value) || value.items.length === 0) return false;
    return value.items.every((item) => isMap(item)) && value.items.some((item) => keys.some((k) => pairOf(item, k) !== undefined));
  })?.value as YAMLSeq.Parsed | undefined;
  const stages = listOf(['stage']);
  if (stages) return { kind: 'stages', seq: stages };
  const jobs = listOf(['job', 'deployment']);
  return jobs ? { kind: 'jobs', seq: jobs } : undefined;
}

/**
 * `stages: ${{ parameters.stages }}` is filled in at compile time: a file mark, no nodes.
 * Any other non-list value is a structure error.
 */
function isOpaqueValue(src: YamlSource, pair: Pair<unknown, unknown>, graph: DialectGraph): boolean {
  const value = pair.value;
  if (value === null || value === undefined || (isScalar(value) && value.value === null)) return false;
  const text = scalarText(value);
  if (text !== undefined && isTemplateExpression(text)) {
    graph.fileMarks.push({ mark: 'template-expression', detail: `${keyOf(pair)}: ${text}`, line: lineOf(src, pair) });
    return true;
  }
  if (isMap(value) || isScalar(value)) {
    graph.problems.push(structureProblem(src, value as Node, `\`${keyOf(pair)}\` must be a list`));
    return true;
  }
  return false;
}

function lineOf(src: YamlSource, pair: Pair<unknown, unknown>): number {
  return positionAt(src, (pair.key as Node | null)?.range?.[0] ?? 0).line;
}

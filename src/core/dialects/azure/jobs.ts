// Jobs: a stage's `jobs:` list, a pipeline's top-level `jobs:`, or the one implicit job that
// top-level `steps:` make. Jobs in one list run in parallel unless `dependsOn` says otherwise.
import type { Pair, YAMLMap } from 'yaml';
import type { GraphEdge, GraphNode, GraphProblem, OpaqueMark, StrategyParameters } from '../../model';
import { inferKind, type JobFacts } from '../../kinds';
import { keyOf, nodeSpan, opaqueMarksIn, pairOf, pairSpan, scalarText, stringAt, valueOf, type YamlSource } from '../../yaml/source';
import { readDependsOn, softenTemplateReferences } from './dependsOn';
import { conditionRunsOnFailure, isTemplateExpression } from './expressions';
import { IdScope } from './ids';
import {
  isMultiplyingStrategy,
  readDeploymentStrategy,
  readEnvironment,
  readSettings,
  readSteps,
  type StepFacts,
} from './jobFacts';
import { walkList } from './listWalk';
import { marksOfMapping, readOnlyReason } from './marks';
import { NameChecker } from './names';
import { structureProblem } from './problems';
import { isTemplateItem, templateNode } from './templateItems';

export interface JobContext {
  src: YamlSource;
  /** The stage node holding these jobs; undefined for top-level jobs. */
  stageId?: string;
  /** Marks every job here inherits: a stage under `${{ if }}`, stages passed to `extends`. */
  inheritedMarks: readonly OpaqueMark[];
  /** The stage runs only on failure (`condition: failed()`), and so do its jobs. */
  stageOnFailure: boolean;
}

export interface BuiltJobs {
  nodes: GraphNode[];
  edges: GraphEdge[];
  problems: GraphProblem[];
  /** The list has `${{ }}` blocks or items: part of it is decided at compile time. */
  hasTemplateExpressions: boolean;
}

export function buildJobs(jobsNode: unknown, ctx: JobContext): BuiltJobs {
  const built: BuiltJobs = { nodes: [], edges: [], problems: [], hasTemplateExpressions: false };
  const walked = walkList(jobsNode);
  built.hasTemplateExpressions = walked.hasTemplateExpressions;
  for (const stray of walked.strays) {
    if (!stray.templateExpression) {
      built.problems.push(structureProblem(ctx.src, stray.node, 'expected a job: `- job: <name>`, `- deployment: <name>` or `- template: <file>`'));
    }
  }
  const scope = new IdScope();
  const idPrefix = ctx.stageId !== undefined ? `${ctx.stageId}/` : '';
  const names = new NameChecker(ctx.src, 'job', ctx.stageId !== undefined ? ` in stage "${ctx.stageId}"` : '');
  for (const entry of walked.entries) {
    const inherited = [...ctx.inheritedMarks, ...(entry.enclosing.length > 0 ? (['template-expression'] as const) : [])];
    if (isTemplateItem(entry.map)) {
      const place = { scope, idPrefix, role: 'job' as const, stage: ctx.stageId };
      built.nodes.push(templateNode(ctx.src, entry.map, place, inherited));
      continue;
    }
    const keyPair = pairOf(entry.map, 'job') ?? pairOf(entry.map, 'deployment');
    if (!keyPair) {
      built.problems.push(structureProblem(ctx.src, entry.map, 'expected a job: `- job: <name>`, `- deployment: <name>` or `- template: <file>`'));
      continue;
    }
    const written = scalarText(keyPair.value)?.trim();
    built.problems.push(...names.check(written, keyPair.value, entry.enclosing.length > 0));
    const id = scope.take(written || 'Job');
    const node = jobNode(ctx, entry.map, keyPair, `${idPrefix}${id}`, written, inherited);
    built.nodes.push(node);
    const deps = readDependsOn(ctx.src, pairOf(entry.map, 'dependsOn'), node.id, (name) => `${idPrefix}${name}`);
    built.edges.push(...deps.edges);
    built.problems.push(...deps.problems);
    if (deps.templated) addMark(node, 'template-expression');
  }
  const takesTemplates = walked.hasTemplateExpressions || built.nodes.some((n) => n.marks.includes('template'));
  const softened = softenTemplateReferences(built.edges, new Set(built.nodes.map((n) => n.id)), takesTemplates, ctx.src);
  built.edges = softened.edges;
  built.problems.push(...softened.problems);
  return built;
}

function jobNode(
  ctx: JobContext,
  map: YAMLMap.Parsed,
  keyPair: Pair<unknown, unknown>,
  id: string,
  written: string | undefined,
  inherited: readonly OpaqueMark[],
): GraphNode {
  const isDeployment = keyOf(keyPair) === 'deployment';
  const marks = new Set<OpaqueMark>([...inherited, ...marksOfMapping(map, [], ctx.src)]);
  // A nameless `- job:` is valid: Azure calls it `Job`.
  if (written && isTemplateExpression(written)) marks.add('template-expression');

  const steps: StepFacts = { commands: [] };
  readSteps(valueOf(map, 'steps'), steps);
  const strategyNode = valueOf(map, 'strategy');
  let strategy: string | undefined;
  let strategyParameters: StrategyParameters | undefined;
  let gate = steps.gate;
  let environment: string | undefined;
  if (isDeployment) {
    const deployment = readDeploymentStrategy(strategyNode);
    strategy = deployment.strategy;
    strategyParameters = deployment.parameters;
    steps.commands.push(...deployment.hooks.commands);
    gate ??= deployment.hooks.gate;
    const env = readEnvironment(valueOf(map, 'environment'));
    environment = env?.name;
    if (env?.expression) marks.add('template-expression');
  } else if (isMultiplyingStrategy(strategyNode)) {
    // Runs the job several times: a mark, not a deployment strategy.
    marks.add('matrix');
  }

  const displayName = stringAt(map, 'displayName');
  const condition = stringAt(map, 'condition');
  const facts: JobFacts = {
    id: written || 'Job',
    name: displayName,
    environment,
    gate,
    onFailure: ctx.stageOnFailure || (condition !== undefined && conditionRunsOnFailure(condition)),
    commands: steps.commands,
  };
  const span = nodeSpan(ctx.src, map);
  const markList = [...marks];
  // Filled in key order by assignment rather than with conditional spreads: a literal with
  // spreads defines every later key on a slow path, and this runs for every job on every parse.
  const node = { id, name: displayName ?? (written || 'Job'), kind: inferKind(facts) } as GraphNode;
  if (ctx.stageId !== undefined) node.stage = ctx.stageId;
  node.role = 'job';
  if (environment !== undefined) node.environment = environment;
  if (gate !== undefined) node.gate = gate;
  if (strategy !== undefined) node.strategy = strategy;
  if (strategyParameters !== undefined) node.strategyParameters = strategyParameters;
  Object.assign(node, readSettings(map, true));
  node.marks = markList;
  if (markList.length > 0) node.readOnlyReason = readOnlyReason(markList);
  node.range = span.range;
  node.offsets = span.offsets;
  return node;
}

/**
 * Top-level `steps:` run as one job that Azure names `Job`. Its span is the `steps:` pair; a
 * top-level `strategy: matrix` multiplies it like any job (marked).
 */
export function buildImplicitJob(src: YamlSource, container: YAMLMap.Parsed, stepsPair: Pair<unknown, unknown>, inheritedMarks: readonly OpaqueMark[]): GraphNode {
  const steps: StepFacts = { commands: [] };
  readSteps(stepsPair.value, steps);
  const marks = new Set<OpaqueMark>([...inheritedMarks, ...opaqueMarksIn(stepsPair.value, src)]);
  if (isMultiplyingStrategy(valueOf(container, 'strategy'))) marks.add('matrix');
  const span = pairSpan(src, stepsPair);
  const markList = [...marks];
  return {
    id: 'Job',
    name: 'Job',
    kind: inferKind({ id: 'Job', gate: steps.gate, commands: steps.commands }),
    role: 'job',
    ...(steps.gate !== undefined ? { gate: steps.gate } : {}),
    marks: markList,
    ...(markList.length > 0 ? { readOnlyReason: readOnlyReason(markList) } : {}),
    range: span.range,
    offsets: span.offsets,
  };
}

export function addMark(node: GraphNode, mark: OpaqueMark): void {
  if (node.marks.includes(mark)) return;
  node.marks.push(mark);
  node.readOnlyReason = readOnlyReason(node.marks);
}

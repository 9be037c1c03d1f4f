// What an Azure job says about itself: commands and tasks from its steps (including deployment
// lifecycle hooks), gates (ManualValidation, Delay), environment and strategy.
import type { YAMLMap } from 'yaml';
import type { GateDetail, StrategyParameters } from '../../model';
import { isMap, isScalar, isSeq, keyOf, scalarText, stringAt, valueOf } from '../../yaml/source';
import { hasExpression, isTemplateExpression } from './expressions';
import { walkList } from './listWalk';

export interface StepFacts {
  /** Script bodies and task lines (`KubernetesManifest@1 deploy …`), for kind inference. */
  commands: string[];
  gate?: GateDetail;
}

const SCRIPT_KEYS = ['script', 'bash', 'pwsh', 'powershell'];
// Task inputs that say what the task does; joined to the task name into one line so
// `DotNetCoreCLI@2 test` and `KubernetesManifest@1 reject` read like commands.
const TASK_VERB_INPUTS = ['command', 'action', 'arguments'];
// Task inputs that hold inline scripts (Bash@3, PowerShell@2, AzureCLI@2 …).
const TASK_SCRIPT_INPUTS = ['script', 'inlineScript', 'Inline'];

/** Reads a `steps:` list, descending into `${{ }}` blocks; template steps are skipped (unknown). */
export function readSteps(steps: unknown, into: StepFacts): void {
  for (const entry of walkList(steps).entries) {
    const step = entry.map;
    for (const key of SCRIPT_KEYS) {
      const body = stringAt(step, key);
      if (body !== undefined) into.commands.push(body);
    }
    const task = stringAt(step, 'task');
    if (task === undefined) continue;
    const inputs = valueOf(step, 'inputs');
    const verbs = TASK_VERB_INPUTS.map((k) => stringAt(inputs, k)).filter((v): v is string => v !== undefined);
    into.commands.push([task, ...verbs].join(' '));
    for (const k of TASK_SCRIPT_INPUTS) {
      const body = stringAt(inputs, k);
      if (body !== undefined) into.commands.push(body);
    }
    into.gate ??= gateOfTask(task, inputs);
  }
}

function gateOfTask(task: string, inputs: unknown): GateDetail | undefined {
  const [name] = task.split('@');
  if (/^ManualValidation$/i.test(name.trim())) {
    const notify = stringAt(inputs, 'notifyUsers') ?? '';
    const approvers = notify.split(/[,\n]/).map((s) => s.trim()).filter((s) => s.length > 0);
    const instructions = stringAt(inputs, 'instructions');
    return {
      // Nobody named (`notifyUsers: ''`): anyone allowed to run the pipeline may resume it.
      kind: approvers.length > 0 ? 'approvers' : 'manual',
      ...(approvers.length > 0 ? { approvers } : {}),
      ...(instructions !== undefined ? { instructions: instructions.trim() } : {}),
    };
  }
  if (/^Delay$/i.test(name.trim())) {
    const minutes = stringAt(inputs, 'delayForMinutes');
    return { kind: 'delayed', ...(minutes !== undefined ? { after: `${minutes} minutes` } : {}) };
  }
  return undefined;
}

export type DeploymentStrategy = 'runOnce' | 'rolling' | 'canary';

export interface DeploymentFacts {
  strategy?: DeploymentStrategy;
  /** The strategy's parameters that are plain whole numbers; absent when none is. */
  parameters?: StrategyParameters;
  /** Commands of the hooks that deploy (preDeploy … postRouteTraffic, on.success). */
  hooks: StepFacts;
  /** Commands of the `on: failure` hook: the deployment's own rollback, kept apart so that a
   * deploy job with a rollback hook is still a deploy. */
  failureHook: StepFacts;
}

const DEPLOY_HOOKS = ['preDeploy', 'deploy', 'routeTraffic', 'postRouteTraffic'];

/** A deployment job's `strategy:` — runOnce, rolling or canary, each with lifecycle hooks. */
export function readDeploymentStrategy(strategyNode: unknown): DeploymentFacts {
  const facts: DeploymentFacts = { hooks: { commands: [] }, failureHook: { commands: [] } };
  if (!isMap(strategyNode)) return facts;
  for (const pair of (strategyNode as YAMLMap.Parsed).items) {
    const key = keyOf(pair);
    if (key !== 'runOnce' && key !== 'rolling' && key !== 'canary') continue;
    if (facts.strategy === undefined) {
      facts.strategy = key;
      const parameters = readStrategyParameters(pair.value);
      if (parameters !== undefined) facts.parameters = parameters;
    }
    for (const hook of DEPLOY_HOOKS) readSteps(valueOf(valueOf(pair.value, hook), 'steps'), facts.hooks);
    const on = valueOf(pair.value, 'on');
    readSteps(valueOf(valueOf(on, 'success'), 'steps'), facts.hooks);
    readSteps(valueOf(valueOf(on, 'failure'), 'steps'), facts.failureHook);
  }
  return facts;
}

/**
 * `maxParallel:` (rolling) and `increments:` (canary), the parameters the edit engine writes.
 * Only whole numbers as written count: an expression (`$(max)`, `${{ parameters.steps }}`) or a
 * share (`maxParallel: 25%`) is left out, so the inspector leaves the field empty and the engine,
 * given no value, keeps what is written.
 */
function readStrategyParameters(body: unknown): StrategyParameters | undefined {
  const parameters: StrategyParameters = {};
  const maxParallel = wholeNumber(valueOf(body, 'maxParallel'));
  if (maxParallel !== undefined) parameters.maxParallel = maxParallel;
  const increments = valueOf(body, 'increments');
  if (isSeq(increments) && increments.items.length > 0) {
    const steps = increments.items.map(wholeNumber);
    if (steps.every((s) => s !== undefined)) parameters.increments = steps as number[];
  }
  return parameters.maxParallel !== undefined || parameters.increments !== undefined ? parameters : undefined;
}

function wholeNumber(node: unknown): number | undefined {
  const text = scalarText(node)?.trim();
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
}

/** A job `strategy:` with `matrix` or `parallel` runs the job several times. */
export function isMultiplyingStrategy(strategyNode: unknown): boolean {
  return valueOf(strategyNode, 'matrix') !== undefined || valueOf(strategyNode, 'parallel') !== undefined;
}

export interface EnvironmentFacts {
  name: string;
  /** True when the name holds a `${{ }}` template expression: shown as written, not editable. */
  expression: boolean;
}

/**
 * `environment: name`, `environment: name.resource` (a resource inside the environment) or
 * `environment: {name, resourceType, resourceName}`. Expressions are kept whole: the dot in
 * `${{ parameters.env }}` is not a resource separator.
 */
export function readEnvironment(node: unknown): EnvironmentFacts | undefined {
  const text = isScalar(node) ? scalarText(node) : stringAt(node, 'name');
  if (text === undefined || text.trim() === '') return undefined;
  // `$(env)` is filled in at run time and can be edited as text; `${{ }}` is compile-time.
  if (hasExpression(text)) return { name: text, expression: isTemplateExpression(text) };
  const name = isScalar(node) ? text.split('.')[0] : text;
  return { name: name.trim(), expression: false };
}

/** `pool: name`, `pool: {name}` or `pool: {vmImage}` as one text; undefined for anything else. */
export function readPool(poolNode: unknown): string | undefined {
  const plain = scalarText(poolNode);
  if (plain !== undefined) return plain;
  const names = [scalarText(valueOf(poolNode, 'vmImage')), scalarText(valueOf(poolNode, 'name'))].filter((n) => n !== undefined);
  return names.length === 1 ? names[0] : undefined;
}

/** The inspector's settings of a job or stage mapping (see GraphNode.runner). */
export function readSettings(map: unknown, withTimeout: boolean): { runner?: string; condition?: string; timeout?: string } {
  const runner = readPool(valueOf(map, 'pool'));
  const condition = scalarText(valueOf(map, 'condition'));
  const timeout = withTimeout ? scalarText(valueOf(map, 'timeoutInMinutes')) : undefined;
  // Only the keys that have a value (they are copied onto the node); assigned, not spread (per job).
  const settings: { runner?: string; condition?: string; timeout?: string } = {};
  if (runner !== undefined) settings.runner = runner;
  if (condition !== undefined) settings.condition = condition;
  if (timeout !== undefined) settings.timeout = timeout;
  return settings;
}

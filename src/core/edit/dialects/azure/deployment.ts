// The deployment-job properties: `environment:` and `strategy:`. Only deployment jobs have them;
// on a stage they go to its one deployment job.
//
// Switching strategy renames the strategy key (`runOnce:` → `canary:`) and sets its parameters
// (`maxParallel`, `increments`); runOnce, rolling and canary take the same lifecycle hooks, so
// the hooks and their steps stay byte for byte where they are.
import type { YAMLMap } from 'yaml';
import { isMap, isScalar } from 'yaml';
import { keyOf, pairOf, scalarText } from '../../../yaml/source';
import { renderInline, renderString } from '../../fragment';
import type { EnvironmentValue, StrategyValue } from '../../operations';
import type { PlanContext, Planned } from '../../plan';
import { Refusal } from '../../splices';
import { differs, valueAfter } from './afterRead';
import { jobsOfStage, mustBeEditable, type ListEntryRef, type Located } from './layout';
import { planDeploymentConversion } from './toDeployment';
import type { GraphNode } from '../../../model';
import { marksInTheWay, ownTextProblem } from '../../ownText';
import { platformRefusal } from '../../platformRules';
import { insertInlinePair, setInlinePair } from './pairs';

interface DeploymentJob {
  id: string;
  map: YAMLMap.Parsed;
}

/** The deployment job a property goes to: the job itself, or a stage's only deployment job. */
function deploymentJobOf(ctx: PlanContext, target: Located, property: string): DeploymentJob {
  if (target.node.role === 'job') {
    if (!pairOf(target.entry.map, 'deployment')) {
      throw new Refusal(`"${target.node.id}" is a plain job; in Azure Pipelines only deployment jobs (\`- deployment:\`) have ${property}`);
    }
    return { id: target.node.id, map: target.entry.map };
  }
  const jobs = (jobsOfStage(ctx, target.entry.map, target.node.id)?.entries ?? []).filter((e) => pairOf(e.map, 'deployment'));
  if (jobs.length !== 1) {
    throw new Refusal(
      jobs.length === 0
        ? `stage "${target.node.id}" has no deployment job; in Azure Pipelines only deployment jobs (\`- deployment:\`) have ${property}`
        : `stage "${target.node.id}" has ${jobs.length} deployment jobs; set the ${property} on one of them`,
    );
  }
  const node = ownPartEditable(ctx, jobs[0].node, `the deployment job of stage "${target.node.id}"`);
  return { id: node.id, map: jobs[0].map };
}

/**
 * The plain job an environment makes a deployment job: the job itself, or a stage's only job;
 * undefined when the target has its deployment job already (or which one is not clear).
 */
function plainJobToConvert(ctx: PlanContext, target: Located): { id: string; entry: ListEntryRef } | undefined {
  if (target.node.role === 'job') return pairOf(target.entry.map, 'deployment') ? undefined : { id: target.node.id, entry: target.entry };
  const jobs = jobsOfStage(ctx, target.entry.map, target.node.id)?.entries ?? [];
  if (jobs.some((e) => pairOf(e.map, 'deployment'))) return undefined;
  if (jobs.length !== 1 || jobs[0].nested) {
    throw new Refusal(`stage "${target.node.id}" has no deployment job and ${jobs.length} jobs; set the environment on the job that deploys, which becomes a deployment job`);
  }
  const node = ownPartEditable(ctx, jobs[0].node, `the job of stage "${target.node.id}"`);
  return { id: node.id, entry: jobs[0] };
}

/**
 * A stage's job whose environment an edit of the stage writes: refused only for what is in the
 * way of its environment (ownText.ts), or by the platform (its one job is a template reference).
 */
function ownPartEditable(ctx: PlanContext, node: GraphNode | undefined, what: string): GraphNode {
  if (!node) throw new Refusal(`${what} is not something the designer can edit`);
  const rejected = platformRefusal(ctx.graph, node, 'environment');
  if (rejected) throw new Refusal(rejected.message, { platform: rejected.rule });
  const blocking = marksInTheWay(node, 'azure', 'environment');
  if (blocking.length > 0) return mustBeEditable(node, what);
  const inTheWay = ownTextProblem(ctx.src, 'azure', node, 'environment');
  if (inTheWay) throw new Refusal(`${what} ("${node.id}") cannot be edited here: ${inTheWay}`, { byHand: true });
  return node;
}

export function planEnvironment(ctx: PlanContext, target: Located, value: EnvironmentValue | null): Planned {
  if (value === null) {
    throw new Refusal('an Azure deployment job must name an environment; to stop deploying, turn it into a plain job in the text');
  }
  if (value.url !== undefined) {
    throw new Refusal('Azure Pipelines environments have no URL in YAML (it is set on the environment in Azure DevOps); leave the url out');
  }
  const plain = plainJobToConvert(ctx, target);
  if (plain) return planDeploymentConversion(ctx, plain.id, plain.entry, value);
  const job = deploymentJobOf(ctx, target, 'an environment');
  const pair = pairOf(job.map, 'environment');
  const env = pair?.value;
  if (isScalar(env) && env.value !== null) {
    if ((scalarText(env) ?? '').includes('.')) {
      throw new Refusal(`"${job.id}" deploys to one resource of its environment (\`${scalarText(env)}\`); change it in the text`);
    }
    ctx.splices.replaceScalar(env, value.name);
  } else if (isMap(env) && pairOf(env, 'name')) {
    if (pairOf(env, 'resourceName')) {
      throw new Refusal(`"${job.id}" deploys to one resource (resourceName) of its environment; change it in the text`);
    }
    ctx.splices.replaceScalar(pairOf(env, 'name')!.value, value.name);
  } else {
    setInlinePair(ctx.splices, ctx.style, job.map, 'environment', renderString(value.name, ctx.style));
  }
  return {
    checks: [(after) => differs(`the environment of "${job.id}"`, after.graph.nodes.find((n) => n.id === job.id)?.environment, value.name)],
  };
}

const STRATEGY_KEYS = ['runOnce', 'rolling', 'canary'] as const;
const PARAMETERS: Record<(typeof STRATEGY_KEYS)[number], string[]> = { runOnce: [], rolling: ['maxParallel'], canary: ['increments'] };

export function planStrategy(ctx: PlanContext, target: Located, value: StrategyValue | null): Planned {
  if (value === null) {
    throw new Refusal("an Azure deployment job's steps live in its strategy; choose runOnce (the plain one) instead of none");
  }
  if (value.kind === 'blue-green') {
    throw new Refusal('Azure deployment jobs have runOnce, rolling and canary strategies; blue-green is done in the steps (see the "deploy-production-blue-green" template)');
  }
  if (value.kind === 'rolling' && (value.maxSurge !== undefined || value.maxUnavailable !== undefined)) {
    throw new Refusal("maxSurge and maxUnavailable are Kubernetes settings; Azure's rolling strategy takes maxParallel");
  }
  const job = deploymentJobOf(ctx, target, 'a deployment strategy');
  const strategy = pairOf(job.map, 'strategy')?.value;
  const present = isMap(strategy) ? strategy.items.filter((p) => (STRATEGY_KEYS as readonly string[]).includes(keyOf(p) ?? '')) : [];
  if (!isMap(strategy) || present.length !== 1 || strategy.items.length !== 1) {
    throw new Refusal(`the strategy of "${job.id}" is not one runOnce, rolling or canary mapping; change it in the text`);
  }
  const pair = present[0];
  const hooks = pair.value;
  if (!isMap(hooks) || hooks.flow || hooks.items.length === 0) {
    throw new Refusal(`the ${keyOf(pair)} strategy of "${job.id}" holds no lifecycle hooks to keep; change it in the text`);
  }
  const hooksMap = hooks as YAMLMap.Parsed;
  const from = keyOf(pair) as (typeof STRATEGY_KEYS)[number];
  if (from !== value.kind) ctx.splices.replaceScalar(pair.key, value.kind);
  // Parameters the old strategy had and the new one does not take.
  for (const name of PARAMETERS[from]) {
    const p = pairOf(hooksMap, name);
    if (p && !PARAMETERS[value.kind].includes(name)) ctx.splices.removePair(hooksMap, p as never);
  }
  const expected: Record<string, unknown> = {};
  if (value.kind === 'rolling' && value.maxParallel !== undefined) {
    setParameter(ctx, hooksMap, 'maxParallel', String(value.maxParallel));
    expected.maxParallel = value.maxParallel;
  }
  if (value.kind === 'canary') {
    setParameter(ctx, hooksMap, 'increments', renderInline(value.steps, ctx.style));
    expected.increments = value.steps;
  }
  return {
    checks: [
      (after) => {
        const written = valueAfter(after, job.id, 'strategy') as Record<string, Record<string, unknown> | null> | undefined;
        const body = written?.[value.kind];
        if (!body) return `the strategy of "${job.id}" should be ${value.kind}`;
        for (const [name, want] of Object.entries(expected)) {
          const problem = differs(`${name} of "${job.id}"`, body[name], want);
          if (problem) return problem;
        }
        return undefined;
      },
    ],
  };
}

/** A strategy parameter goes first in the strategy mapping, before the hooks. */
function setParameter(ctx: PlanContext, hooks: YAMLMap.Parsed, name: string, inline: string): void {
  if (pairOf(hooks, name)) setInlinePair(ctx.splices, ctx.style, hooks, name, inline);
  else insertInlinePair(ctx.splices, ctx.style, hooks, name, inline);
}

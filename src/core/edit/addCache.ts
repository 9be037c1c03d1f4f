// addCache: keep a package manager's downloads between runs, for the first step (or script) of
// a job that installs with it. One module for the three dialects, since the facts come from one
// table (core/packageManagers.ts) and only where they are written differs:
// - GitHub: the setup action before the install gets `cache: MANAGER` when it can cache it;
//   otherwise an `actions/cache` step goes right before the installing step.
// - GitLab: the job gets the manager's cache variable pointing into the project (GitLab caches
//   only paths inside it) and `cache:` keyed on the lock file.
// - Azure: a `Cache@2` step goes before the installing step, which gets the variable in `env:`.
import { isMap, isSeq, visit, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { GraphNode } from '../model';
import { packageManager, type PackageManager, type PackageManagerId } from '../packageManagers';
import { pairOf, scalarText, valueOf, type YamlSource } from '../yaml/source';
import { renderSeqItem } from './fragment';
import { columnOf, lineStart } from './lines';
import type { PlanContext, Planned, ValueCheck } from './plan';
import { Refusal } from './splices';
import { dashBefore, introducingCommentsStart } from './wholeLines';

export interface AddCache {
  op: 'addCache';
  stage: string;
  manager: PackageManagerId;
}

const GITHUB_CACHE_ACTION = 'actions/cache@v4';
const SCRIPT_KEYS: Record<'github' | 'azure', readonly string[]> = {
  github: ['run'],
  azure: ['script', 'bash', 'pwsh', 'powershell'],
};

export function planAddCache(ctx: PlanContext, op: AddCache): Planned {
  const manager = packageManager(op.manager);
  if (!manager) throw new Refusal(`there is no package manager "${op.manager}"`);
  const node = ctx.node(op.stage);
  const body = bodyOf(ctx.src, node);
  if (!body) throw new Refusal(`"${op.stage}" is not written out in this file`);
  switch (ctx.graph.dialect) {
    case 'github':
      return planGithub(ctx, node, body, manager);
    case 'gitlab':
      return planGitlab(ctx, node, body, manager);
    case 'azure':
      return planAzure(ctx, node, body, manager);
  }
}

// --- GitHub ---------------------------------------------------------------------------------

function planGithub(ctx: PlanContext, node: GraphNode, body: Node, manager: PackageManager): Planned {
  const steps = blockSteps(node, valueOf(body, 'steps'));
  const at = installingStep(steps, SCRIPT_KEYS.github, manager, node);
  const setup = manager.setupAction && steps.items.slice(0, at).find((s) => isMap(s) && manager.setupAction!.uses.test(scalarText(valueOf(s, 'uses'))?.trim() ?? '')) as YAMLMap.Parsed | undefined;
  if (setup && manager.setupAction) {
    const withMap = valueOf(setup, 'with');
    if (withMap !== undefined && !isMap(withMap)) throw new Refusal(`the \`with:\` of "${node.id}"'s setup step is not a mapping`);
    if (withMap && pairOf(withMap, 'cache')) throw new Refusal(`"${node.id}"'s setup step already has a \`cache:\` input`);
    if (withMap && withMap.items.length > 0) ctx.splices.insertPair(withMap, 'cache', manager.setupAction.cache);
    else if (withMap) throw new Refusal(`the \`with:\` of "${node.id}"'s setup step is empty; add the cache in the text`);
    else ctx.splices.insertPair(setup, 'with', { cache: manager.setupAction.cache });
    const value = manager.setupAction.cache;
    return { checks: [checkAfter(node, (after) => stepsOf(after).some((s) => scalarText(valueOf(valueOf(s, 'with'), 'cache')) === value), `a \`cache: ${value}\` input on the setup step`)] };
  }
  insertStepBefore(ctx, steps, at, {
    name: `Cache ${manager.id} downloads`,
    uses: GITHUB_CACHE_ACTION,
    with: {
      path: manager.homePaths.join('\n'),
      key: `\${{ runner.os }}-${manager.id}-\${{ hashFiles('${manager.lockPattern}') }}`,
      'restore-keys': `\${{ runner.os }}-${manager.id}-`,
    },
  });
  return { checks: [checkAfter(node, (after) => stepsOf(after).some((s) => scalarText(valueOf(s, 'uses')) === GITHUB_CACHE_ACTION), `an ${GITHUB_CACHE_ACTION} step`)] };
}

// --- GitLab ---------------------------------------------------------------------------------

function planGitlab(ctx: PlanContext, node: GraphNode, body: Node, manager: PackageManager): Planned {
  const variable = needsVariable(manager, 'GitLab');
  if (!isMap(body) || body.flow) throw new Refusal(`"${node.id}" is not a block mapping; add the cache in the text`);
  if (pairOf(body, 'cache')) throw new Refusal(`"${node.id}" already has \`cache:\``);
  const job = body as YAMLMap.Parsed;
  const value = `$CI_PROJECT_DIR/${variable.folder}`;
  const variables = pairOf(job, 'variables');
  if (variables) {
    if (!isMap(variables.value) || variables.value.items.length === 0) throw new Refusal(`the \`variables:\` of "${node.id}" is not a mapping with entries; add the cache in the text`);
    if (pairOf(variables.value, variable.name)) throw new Refusal(`"${node.id}" sets ${variable.name} already; add the cache in the text`);
    ctx.splices.insertPair(variables.value, variable.name, value);
  } else {
    ctx.splices.insertPair(job, 'variables', { [variable.name]: value });
  }
  ctx.splices.insertPair(job, 'cache', { key: { files: [manager.lockFile] }, paths: [`${variable.folder}/`] });
  return {
    checks: [checkAfter(node, (after) => pairOf(after, 'cache') !== undefined && scalarText(valueOf(valueOf(after, 'variables'), variable.name)) === value, `\`cache:\` and ${variable.name}`)],
  };
}

// --- Azure ----------------------------------------------------------------------------------

function planAzure(ctx: PlanContext, node: GraphNode, body: Node, manager: PackageManager): Planned {
  const variable = needsVariable(manager, 'Azure Pipelines');
  const steps = blockSteps(node, isSeq(body) ? body : valueOf(body, 'steps'));
  const at = installingStep(steps, SCRIPT_KEYS.azure, manager, node);
  const install = steps.items[at] as YAMLMap.Parsed;
  const folder = `$(Pipeline.Workspace)/${variable.folder}`;
  insertStepBefore(ctx, steps, at, {
    task: 'Cache@2',
    displayName: `Cache ${manager.id} downloads`,
    inputs: { key: `${manager.id} | "$(Agent.OS)" | ${manager.lockFile}`, restoreKeys: `${manager.id} | "$(Agent.OS)"`, path: folder },
  });
  const env = pairOf(install, 'env');
  if (env) {
    if (!isMap(env.value) || env.value.items.length === 0) throw new Refusal(`the \`env:\` of "${node.id}"'s install step is not a mapping with entries; add the cache in the text`);
    if (pairOf(env.value, variable.name)) throw new Refusal(`"${node.id}"'s install step sets ${variable.name} already; add the cache in the text`);
    ctx.splices.insertPair(env.value, variable.name, folder);
  } else {
    ctx.splices.insertPair(install, 'env', { [variable.name]: folder });
  }
  return { checks: [checkAfter(node, (after) => stepsOf(after).some((s) => /^Cache@2$/.test(scalarText(valueOf(s, 'task')) ?? '')), 'a Cache@2 step')] };
}

// --- shared ---------------------------------------------------------------------------------

function needsVariable(manager: PackageManager, platform: string): NonNullable<PackageManager['cacheVariable']> {
  if (!manager.cacheVariable) {
    throw new Refusal(`${manager.id} keeps its downloads outside the project, where ${platform} does not cache, and cannot be moved without changing its other settings; add the cache in the text`);
  }
  return manager.cacheVariable;
}

function blockSteps(node: GraphNode, steps: unknown): YAMLSeq.Parsed {
  if (!isSeq(steps)) throw new Refusal(`"${node.id}" has no \`steps:\` list written out in this file`);
  if (steps.flow) throw new Refusal(`the steps of "${node.id}" are a flow list ([ … ]); add the cache in the text`);
  return steps as YAMLSeq.Parsed;
}

/** The index of the first step whose script installs with `manager`. */
function installingStep(steps: YAMLSeq.Parsed, keys: readonly string[], manager: PackageManager, node: GraphNode): number {
  const at = steps.items.findIndex((s) => isMap(s) && keys.some((k) => manager.install.test(scalarText(valueOf(s, k)) ?? '')));
  if (at < 0) throw new Refusal(`no step of "${node.id}" installs with ${manager.id}`);
  return at;
}

/** A new step right before step `at`, above the comments that introduce that step. */
function insertStepBefore(ctx: PlanContext, steps: YAMLSeq.Parsed, at: number, step: Record<string, unknown>): void {
  const item = steps.items[at] as Node;
  const dash = dashBefore(ctx.text, item.range![0], 'the installing step');
  const column = columnOf(ctx.text, dash);
  ctx.splices.insertLines(introducingCommentsStart(ctx.text, lineStart(ctx.text, dash), column), renderSeqItem(step, ctx.style, column));
}

/** The YAML of a node: a GitHub/GitLab job's value, an Azure item's mapping or implicit job's steps. */
function bodyOf(src: YamlSource, node: GraphNode): Node | undefined {
  const offset = node.offsets[0];
  let itemMap: Node | undefined;
  let pairValue: Node | undefined;
  visit(src.doc, {
    Pair(_, pair: Pair<unknown, unknown>) {
      const key = pair.key as Node | null;
      if (pairValue === undefined && key?.range?.[0] === offset && (isMap(pair.value) || isSeq(pair.value))) pairValue = pair.value as Node;
    },
    Seq(_, seq) {
      for (const item of seq.items) if (isMap(item) && item.range?.[0] === offset) itemMap = item as Node;
    },
  });
  // An Azure list item's mapping starts where its first key does: the mapping is the node.
  return itemMap ?? pairValue;
}

function stepsOf(body: Node | undefined): YAMLMap[] {
  const steps = isSeq(body) ? body : valueOf(body, 'steps');
  return isSeq(steps) ? (steps.items.filter((s) => isMap(s)) as YAMLMap[]) : [];
}

/** A check on the node's YAML after the edit: `holds` must be true of it, else `what` is missing. */
function checkAfter(node: GraphNode, holds: (body: Node) => boolean, what: string): ValueCheck {
  return (after) => {
    const again = after.graph.nodes.find((n) => n.id === node.id);
    const body = again && bodyOf(after.src, again);
    return body && holds(body) ? undefined : `"${node.id}" should have ${what} but does not`;
  };
}

// Which inspector fields a node's dialect can write, and why not when it cannot. Mirrors the
// edit planners' refusals where the graph alone tells (GitHub has no strategy key, GitLab no
// display name, Azure strategies only on deployment jobs); for a marked node, the engine's own
// predicate part by part (src/core/edit/offer.ts: platform rules, then marks in the way).
// Anything subtler is left to the host, whose refusal shows in the notice banner.
import type { GateKind, GraphNode, PipelineGraph } from '../../../src/core/model';
import { partOffer, type PartOffer } from '../../../src/core/edit/offer';
import type { EditPart } from '../../../src/core/edit/ownText';

export type StrategyKind = 'rolling' | 'blue-green' | 'canary' | 'runOnce';

export interface FieldSupport {
  enabled: boolean;
  /** Why the field is disabled; shown under it. */
  reason?: string;
}

export interface InspectorSupport {
  id: FieldSupport;
  name: FieldSupport;
  runner: FieldSupport;
  environment: FieldSupport;
  environmentUrl: FieldSupport;
  /** May the environment be removed (an empty name)? Otherwise why not. */
  environmentClear: FieldSupport;
  gate: FieldSupport;
  /** Gate choices offered; `none` removes the gate. */
  gateKinds: readonly (GateKind | 'none')[];
  strategy: FieldSupport;
  strategyKinds: readonly (StrategyKind | 'none')[];
  maxSurge: FieldSupport;
  maxUnavailable: FieldSupport;
  maxParallel: FieldSupport;
  condition: FieldSupport;
  timeout: FieldSupport;
  /** May the runner be cleared (an empty value)? Otherwise why not. */
  runnerClear: FieldSupport;
  /** What an empty runner, condition or timeout field stands for, said concretely. */
  placeholders: Placeholders;
}

export interface Placeholders {
  runner: string;
  condition: string;
  timeout: string;
}

const YES: FieldSupport = { enabled: true };
const no = (reason: string): FieldSupport => ({ enabled: false, reason });

export function inspectorSupport(graph: PipelineGraph, node: GraphNode): InspectorSupport {
  const support = dialectSupport(graph, node);
  if (node.marks.length === 0) return support;
  // A marked node (a matrix, an alias, extends, a reusable-workflow call…) keeps the fields whose
  // part the engine edits (issue #10): the same predicate as the engine's, part by part.
  const offered = (part: EditPart) => partOffer(graph, node, part);
  const limit = (field: FieldSupport, offer: PartOffer): FieldSupport => (offer.enabled ? field : { enabled: false, reason: offer.reason });
  const parts = {
    id: offered('rename'),
    name: offered('name'),
    runner: offered('runner'),
    environment: offered('environment'),
    gate: offered('gate'),
    strategy: offered('strategy'),
    condition: offered('condition'),
    timeout: offered('timeout'),
  };
  return {
    id: limit(support.id, parts.id),
    name: limit(support.name, parts.name),
    runner: limit(support.runner, parts.runner),
    runnerClear: limit(support.runnerClear, parts.runner),
    environment: limit(support.environment, parts.environment),
    environmentUrl: limit(support.environmentUrl, parts.environment),
    environmentClear: limit(support.environmentClear, parts.environment),
    gate: limit(support.gate, parts.gate),
    gateKinds: parts.gate.enabled ? support.gateKinds : [],
    strategy: limit(support.strategy, parts.strategy),
    strategyKinds: parts.strategy.enabled ? support.strategyKinds : [],
    maxSurge: limit(support.maxSurge, parts.strategy),
    maxUnavailable: limit(support.maxUnavailable, parts.strategy),
    maxParallel: limit(support.maxParallel, parts.strategy),
    condition: limit(support.condition, parts.condition),
    timeout: limit(support.timeout, parts.timeout),
    placeholders: support.placeholders,
  };
}

/** True when every field of the node is disabled: the node is read-only as a whole. */
export function allFieldsDisabled(support: InspectorSupport): boolean {
  return [support.id, support.name, support.runner, support.environment, support.gate, support.strategy, support.condition, support.timeout].every((f) => !f.enabled);
}

function dialectSupport(graph: PipelineGraph, node: GraphNode): InspectorSupport {
  switch (graph.dialect) {
    case 'github':
      return githubSupport(node);
    case 'gitlab':
      return gitlabSupport();
    case 'azure':
      return azureSupport(graph, node);
  }
}

function githubSupport(node: GraphNode): InspectorSupport {
  const noStrategy = no('GitHub Actions has no strategy setting: a job\'s strategy is what its steps run (kubectl, Argo Rollouts). Change the steps in the text.');
  // A job that only sleeps is the timed gate; any other job takes an approval step.
  const isWait = node.gate?.kind === 'delayed';
  return {
    id: YES,
    name: YES,
    runner: YES,
    runnerClear: no('Every GitHub job that runs steps needs runs-on; choose another runner instead.'),
    environment: YES,
    environmentUrl: YES,
    environmentClear: YES,
    gate: isWait ? { enabled: true, reason: 'This job is a timed wait: change how long it waits, or delete it to remove the gate.' } : YES,
    gateKinds: isWait ? ['delayed'] : ['none', 'manual', 'approvers'],
    strategy: noStrategy,
    strategyKinds: [],
    maxSurge: noStrategy,
    maxUnavailable: noStrategy,
    maxParallel: noStrategy,
    condition: YES,
    timeout: YES,
    // A job that runs steps has runs-on; shown empty, it is written as a list or an expression.
    placeholders: {
      runner: 'a label list or expression in the YAML, kept',
      condition: 'none: runs when its needs succeed',
      timeout: 'none: 360 minutes, GitHub\'s default',
    },
  };
}

function gitlabSupport(): InspectorSupport {
  const noStrategy = no('GitLab CI has no strategy setting: the strategy is what the deploy script does. Edit the script in the text.');
  return {
    id: YES,
    name: no('A GitLab job has no display name apart from its key; change the id instead.'),
    runner: YES,
    runnerClear: YES,
    environment: YES,
    environmentUrl: YES,
    environmentClear: YES,
    gate: { enabled: true, reason: 'Named approvers live on a protected environment in GitLab\'s settings, not in the YAML.' },
    gateKinds: ['none', 'manual', 'delayed'],
    strategy: noStrategy,
    strategyKinds: [],
    maxSurge: noStrategy,
    maxUnavailable: noStrategy,
    maxParallel: noStrategy,
    condition: YES,
    timeout: YES,
    // The condition field holds one `rules: - if:`; other rules stay as written.
    placeholders: {
      runner: 'none: the default image',
      condition: 'no single rules: if; rules as written are kept',
      timeout: 'none: the project\'s timeout (1 hour by default)',
    },
  };
}

function azureSupport(graph: PipelineGraph, node: GraphNode): InspectorSupport {
  const children = node.role === 'stage' ? graph.nodes.filter((n) => n.role === 'job' && n.stage === node.id) : [];
  // Only deployment jobs name an environment, and every one must; a stage passes to its one deployment job.
  const deployments = node.role === 'stage' ? children.filter((n) => n.environment !== undefined).length : node.environment !== undefined ? 1 : 0;
  const deployment = deployments === 1
    ? YES
    : no(
        node.role === 'job'
          ? 'This is a plain job; in Azure Pipelines only deployment jobs (- deployment:) have a strategy. Set an environment to make it one.'
          : deployments === 0
            ? 'This stage has no deployment job; only deployment jobs (- deployment:) have an environment and a strategy.'
            : `This stage has ${deployments} deployment jobs; set these on one of them.`,
      );
  // An environment makes a plain job (or a stage's only job) a runOnce deployment job (the engine's toDeployment.ts).
  const convertible = deployments === 0 && (node.role === 'job' || children.length === 1);
  const environment = convertible
    ? { enabled: true, reason: 'Setting an environment makes this a deployment job (- deployment:, strategy runOnce), its steps unchanged.' }
    : deployment;
  const agentless = node.role === 'job' && node.runner?.trim() === 'server';
  const gateJob = node.role === 'job' && node.gate !== undefined;
  const gate = node.role === 'stage' || gateJob
    ? YES
    : no('A gate in Azure Pipelines is an agentless job of its own; set the gate on the stage, which adds an approval job to it.');
  const kubernetesOnly = no('maxSurge and maxUnavailable are Kubernetes settings; Azure\'s rolling strategy takes maxParallel.');
  return {
    id: YES,
    name: YES,
    runner: agentless ? no('This is an agentless job (pool: server); it runs on no agent.') : YES,
    runnerClear: YES,
    environment,
    environmentUrl: environment.enabled ? no('Azure Pipelines environments have no URL in YAML; it is set on the environment in Azure DevOps.') : deployment,
    environmentClear: no('An Azure deployment job must name an environment.'),
    gate,
    // A gate job's gate can change but not go (delete the job instead).
    gateKinds: gateJob ? ['manual', 'delayed', 'approvers'] : ['none', 'manual', 'delayed', 'approvers'],
    strategy: deployment,
    strategyKinds: ['runOnce', 'rolling', 'canary'],
    maxSurge: deployment.enabled ? kubernetesOnly : deployment,
    maxUnavailable: deployment.enabled ? kubernetesOnly : deployment,
    maxParallel: deployment,
    condition: YES,
    timeout: YES,
    placeholders: {
      runner: node.role === 'stage' ? 'none: each job\'s own pool' : 'none: the stage\'s or pipeline\'s pool',
      condition: 'none: runs when what it depends on succeeded',
      timeout: node.role === 'stage' ? 'none; a value here sets every agent job of the stage' : 'none: 60 minutes, Azure\'s default',
    },
  };
}

// Approval gates before production deploys, read from the graph: which environments are
// production-like, which nodes are gates, and whether a deploy waits for one. Used to warn before
// an edit takes away the last gate in front of a production deploy (and by rules that check it).
import type { GraphNode, PipelineGraph } from './model';
import { listOf } from './words';

/** The words that make an environment production-like unless a setting names others. */
export const DEFAULT_PRODUCTION_WORDS: readonly string[] = ['prod', 'production', 'prd', 'live'];

const PRODUCTION_WORDS: ReadonlySet<string> = new Set(DEFAULT_PRODUCTION_WORDS);

/**
 * True when an environment name says production: one of its words, or of its `-`/`_`/`.`-separated
 * parts, is prod, production, prd or live (any case): `production`, `prod-eu`, `eu.live`, `Live`.
 * `words` (lower case) replaces those four (the lint setting).
 */
export function isProductionLike(environment: string | undefined, words: ReadonlySet<string> = PRODUCTION_WORDS): boolean {
  if (!environment) return false;
  return environment.split(/[\s\-_.]+/).some((part) => words.has(part.toLowerCase()));
}

/** A deploy to a production-like environment. */
export function isProductionDeploy(node: GraphNode): boolean {
  return node.kind === 'deploy' && isProductionLike(node.environment);
}

/** A node a person (or a set wait) must let through: inferred as an approval gate, or carrying a gate. */
export function isApprovalGate(node: GraphNode): boolean {
  return node.kind === 'approval-gate' || node.gate !== undefined;
}

/**
 * The approval gates a node waits for: itself when it is one, and every gate among the stages it
 * waits for, directly or through others. A stage waits for all of its dependencies, so one gate
 * anywhere before it holds it back, even when another dependency reaches it without passing
 * one (`needs: [build, approve]` waits for approve although build comes straight from the start).
 *
 * Azure: a job also waits for its stage's dependencies, and a stage it waits for is done only
 * when all of that stage's jobs are, so a gate job anywhere in such a stage counts.
 *
 * Indexes the graph once; each question then walks only what the node waits for.
 */
export function gatesBefore(graph: PipelineGraph): (id: string) => string[] {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const incoming = new Map<string, string[]>();
  for (const e of graph.edges) {
    if (e.unresolved) continue;
    const list = incoming.get(e.to);
    if (list) list.push(e.from);
    else incoming.set(e.to, [e.from]);
  }
  const jobsOfStage = new Map<string, string[]>();
  for (const n of graph.nodes) {
    if (n.role !== 'job' || n.stage === undefined || byId.get(n.stage)?.role !== 'stage') continue;
    const list = jobsOfStage.get(n.stage);
    if (list) list.push(n.id);
    else jobsOfStage.set(n.stage, [n.id]);
  }
  return (id) => {
    const gates: string[] = [];
    const seen = new Set([id]);
    const queue = [id];
    const reach = (from: string) => {
      // Waiting for an Azure stage is waiting for every job in it.
      for (const next of [from, ...(jobsOfStage.get(from) ?? [])]) {
        if (seen.has(next)) continue;
        seen.add(next);
        queue.push(next);
      }
    };
    while (queue.length > 0) {
      const node = byId.get(queue.pop()!);
      if (!node) continue;
      // An Azure stage group only sums up its jobs: the gate is the job.
      if (node.role === 'job' && isApprovalGate(node)) gates.push(node.id);
      for (const from of incoming.get(node.id) ?? []) reach(from);
      // An Azure job starts only when its stage may: after the stages its stage depends on.
      const stage = node.role === 'job' && node.stage !== undefined ? byId.get(node.stage) : undefined;
      if (stage?.role === 'stage') for (const from of incoming.get(stage.id) ?? []) reach(from);
    }
    return gates;
  };
}

/** A production deploy that waited for an approval gate before an edit and would not after it. */
export interface GateLoss {
  deploy: string;
  environment: string;
  /** The gates it waited for before (in the order found). */
  gates: string[];
}

/**
 * Production deploys (present before and after, by id) that wait for an approval gate in
 * `before` and for none in `after`. Azure stage groups are left out: their jobs are the deploys.
 */
export function lostGates(before: PipelineGraph, after: PipelineGraph): GateLoss[] {
  const deploys = before.nodes.filter((n) => n.role === 'job' && isProductionDeploy(n));
  if (deploys.length === 0) return [];
  const afterById = new Map(after.nodes.map((n) => [n.id, n]));
  const gatedBefore = gatesBefore(before);
  let gatedAfter: ((id: string) => string[]) | undefined;
  const losses: GateLoss[] = [];
  for (const deploy of deploys) {
    const now = afterById.get(deploy.id);
    // A deploy that is no longer one to production (its environment changed) needs no gate.
    if (!now || !isProductionDeploy(now)) continue;
    const gates = gatedBefore(deploy.id);
    if (gates.length === 0) continue;
    gatedAfter ??= gatesBefore(after);
    if (gatedAfter(deploy.id).length > 0) continue;
    losses.push({ deploy: deploy.id, environment: now.environment!, gates });
  }
  return losses;
}

/** One sentence for a GateLoss, for the designer's confirmation and the command line's warning. */
export function describeGateLoss(loss: GateLoss): string {
  const gates = listOf(loss.gates.map((g) => `"${g}"`));
  return `"${loss.deploy}" deploys to ${loss.environment}, and no approval gate would hold it back any more (${gates} ${loss.gates.length === 1 ? 'does' : 'do'} now)`;
}

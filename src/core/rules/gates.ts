// The approval rules: a production deploy needs an approval gate on every path before it, and a
// deploy needs an environment to have one at all (and a deployment history).
import { gatesBefore } from '../gates';
import type { GraphNode, PipelineGraph } from '../model';
import { pairOf, scalarText, valueOf } from '../yaml/source';
import { settingsMayBeElsewhere, type JobYaml } from './jobYaml';
import { insertBefore } from './placement';
import { nodeKeyRange } from './ranges';
import type { Rule, RuleContext, RuleFix, RuleHit } from './rule';

const GATE_FIX = 'inserts a manual approval gate before the deploy';

export const ungatedProductionDeployRule: Rule = {
  id: 'production-deploy-ungated',
  group: 'gates',
  severity: 'error',
  dialects: ['github', 'gitlab', 'azure'],
  summary: 'a production deploy with no approval gate before it and no environment that could hold one (or one the platform confirms has none)',
  fix: GATE_FIX,
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const { node, gated } of productionDeploys(ctx)) {
      if (gated) continue;
      if (node.environment === undefined) {
        hits.push({
          range: nodeKeyRange(ctx, node),
          node: node.id,
          message: `"${node.id}" deploys to production with no approval gate before it and no environment that could require one: nothing stops an unreviewed change from going live; add an approval gate or a protected environment`,
          fix: gateFix(ctx.graph, node),
        });
      } else if (ctx.environmentProtection(node.environment) === 'none') {
        hits.push({
          range: nodeKeyRange(ctx, node),
          node: node.id,
          message: `"${node.id}" deploys to ${node.environment}, which has no approval rule on the server, and no approval gate in the file comes before it: nothing stops an unreviewed change from going live`,
          fix: gateFix(ctx.graph, node),
        });
      }
    }
    return hits;
  },
};

export const unverifiedApprovalRule: Rule = {
  id: 'production-approval-unverified',
  group: 'gates',
  severity: 'warning',
  dialects: ['github', 'gitlab', 'azure'],
  summary: 'a production deploy whose only possible approval is on its environment, which has not been checked on the server',
  fix: GATE_FIX,
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const { node, gated } of productionDeploys(ctx)) {
      if (gated || node.environment === undefined || ctx.environmentProtection(node.environment) !== undefined) continue;
      hits.push({
        range: nodeKeyRange(ctx, node),
        node: node.id,
        message: `"${node.id}" deploys to ${node.environment} with no approval in the file; the environment may require one on the server — sign in to check`,
        // The server may hold it back already: offered, not applied by `--fix`.
        fix: gateFix(ctx.graph, node, false),
      });
    }
    return hits;
  },
};

export const deployWithoutEnvironmentRule: Rule = {
  id: 'deploy-without-environment',
  group: 'gates',
  severity: 'warning',
  dialects: ['github', 'gitlab', 'azure'],
  summary: 'a deploy job with no environment: no deployment history, no approvals possible',
  fix: 'sets an environment named after the deploy (production, staging)',
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const node of ctx.graph.nodes) {
      if (node.role !== 'job' || node.kind !== 'deploy' || node.environment !== undefined || settingsMayBeElsewhere(node)) continue;
      // GitLab Pages publishes through its own mechanism; an environment adds nothing there.
      if (ctx.graph.dialect === 'gitlab' && (node.id === 'pages' || pairOf(ctx.jobs.of(node.id)?.map, 'pages') !== undefined)) continue;
      // Azure gives only deployment jobs an environment; a plain job would have to become one.
      const plainAzureJob = ctx.graph.dialect === 'azure' && pairOf(ctx.jobs.of(node.id)?.map, 'deployment') === undefined;
      const name = plainAzureJob ? undefined : environmentNameFor(ctx, node);
      hits.push({
        range: nodeKeyRange(ctx, node),
        node: node.id,
        message: `"${node.id}" deploys without an environment: the platform keeps no deployment history for it and can require no approval before it`,
        ...(name !== undefined
          ? { fix: { title: `Set environment "${name}" on "${node.id}"`, operations: [{ op: 'setProperty', stage: node.id, property: 'environment', value: { name } }] } }
          : {}),
      });
    }
    return hits;
  },
};

/** Production deploys: to a production-like environment, or with none and a production-like name. */
function productionDeploys(ctx: RuleContext): { node: GraphNode; gated: boolean }[] {
  const deploys = ctx.graph.nodes.filter(
    (n) => n.role === 'job' && n.kind === 'deploy' && !settingsMayBeElsewhere(n) &&
      (n.environment !== undefined ? ctx.isProductionLike(n.environment) : namedForProduction(ctx, n)),
  );
  if (deploys.length === 0) return [];
  const before = gatesBefore(ctx.graph);
  return deploys.map((node) => ({
    node,
    gated: before(node.id).some((gate) => gate === node.id || holdsBack(ctx.graph, ctx.jobs, gate)),
  }));
}

/**
 * GitLab lets later stages run past a manual job that may fail (`allow_failure: true`, the
 * default of a job-level `when: manual`); only a manual job that blocks (`allow_failure: false`,
 * or a manual rule, whose default that is) holds back what comes after it.
 */
function holdsBack(graph: PipelineGraph, jobs: JobYaml, gate: string): boolean {
  if (graph.dialect !== 'gitlab') return true;
  const map = jobs.of(gate)?.map;
  if (!map) return false;
  const allowFailure = scalarText(valueOf(map, 'allow_failure'));
  if (allowFailure === 'false') return true;
  if (allowFailure !== undefined) return false;
  return scalarText(valueOf(map, 'when')) !== 'manual';
}

// Named after what it guards (`approve-production`), not after the deploy: a name holding
// "deploy" would make the new stage read as a deploy.
function gateFix(graph: PipelineGraph, node: GraphNode, automatic = true): RuleFix {
  const guarded = (node.environment ?? 'production').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'production';
  return {
    title: `Insert an approval gate before "${node.id}"`,
    operations: [insertBefore(graph, node, 'approval-manual', 'approve', guarded)],
    ...(automatic ? {} : { automatic: false }),
  };
}

const STAGING = /stag|preprod|pre-prod|uat|qa/i;

/** Its id (an Azure `Stage/Job` in parts) or its name says production. */
function namedForProduction(ctx: RuleContext, node: GraphNode): boolean {
  return ctx.isProductionLike(node.id.replace(/\//g, '-')) || ctx.isProductionLike(node.name);
}

function environmentNameFor(ctx: RuleContext, node: GraphNode): string | undefined {
  if (namedForProduction(ctx, node)) return 'production';
  if (STAGING.test(node.id) || STAGING.test(node.name)) return 'staging';
  return undefined;
}

// The safety rules around a production deploy: a way back when it fails, a check that it works,
// tests before it, a time limit, and one deploy to an environment at a time.
import { isMap, isSeq } from 'yaml';
import type { EditOperation } from '../edit/operations';
import type { GraphNode } from '../model';
import { pairOf, rootMap, scalarText, valueOf } from '../yaml/source';
import { settingsMayBeElsewhere, type NodeYaml } from './jobYaml';
import { insertAfter, unitOf } from './placement';
import { nodeKeyRange } from './ranges';
import { Reach } from './reach';
import type { Rule, RuleContext, RuleHit } from './rule';

const ON_FAILURE = /\bfailure\(\)|\bfailed\(\)|^on_failure$/;
const VERIFY_COMMAND = /\/health|\/healthz|\/readyz|\/ready\b|\/status\b|rollout\s+status|smoke|healthcheck|health-check|prometheus|promql|error[-_ ]rate|wait-for|curl\s+[^|\n]*--fail|curl\s+-\w*f/i;

export const noRollbackRule: Rule = {
  id: 'no-rollback',
  group: 'safety',
  severity: 'warning',
  dialects: ['github', 'gitlab', 'azure'],
  summary: 'a production deploy with nothing that rolls it back when it fails (no on-failure job or hook)',
  fix: 'adds an automatic rollback stage after the deploy',
  check(ctx) {
    return nothingAfterProductionDeploys(ctx, {
      after: (n) => n.kind === 'rollback' || runsOnFailure(ctx.jobs.of(n.id)),
      inJob: hasFailureHook,
      message: (id) => `nothing rolls "${id}" back when it fails (no on-failure job or hook after it): a broken release stays live until someone acts by hand`,
      fix: (id) => ({ title: `Add a rollback stage after "${id}"`, template: 'rollback-auto', prefix: 'rollback' }),
    });
  },
};

export const noVerifyRule: Rule = {
  id: 'no-verify',
  group: 'safety',
  severity: 'warning',
  dialects: ['github', 'gitlab', 'azure'],
  summary: 'a production deploy with no verification after it (health check, smoke test, monitoring query)',
  fix: 'adds a health-check stage after the deploy',
  check(ctx) {
    return nothingAfterProductionDeploys(ctx, {
      after: (n) => n.kind === 'verify' || n.kind === 'integration-test',
      inJob: (job) => job.commands.some((c) => VERIFY_COMMAND.test(c.text)),
      message: (id) => `nothing checks that "${id}" works after it deploys (no health check, smoke test or monitoring query): a release that starts but does not serve goes unnoticed`,
      fix: (id) => ({ title: `Add a verify stage after "${id}"`, template: 'verify-health', prefix: 'verify' }),
    });
  },
};

export const deployWithoutTestsRule: Rule = {
  id: 'deploy-without-tests',
  group: 'safety',
  severity: 'warning',
  dialects: ['github', 'gitlab', 'azure'],
  summary: 'a deploy that does not wait, directly or through others, for the tests in the same file',
  fix: 'makes the deploy wait for the tests',
  check(ctx) {
    const tests = ctx.graph.nodes.filter((n) => n.role === 'job' && (n.kind === 'test' || n.kind === 'integration-test'));
    if (tests.length === 0) return [];
    const reach = new Reach(ctx.graph);
    const testBefore = reach.findBefore((n) => n.role === 'job' && (n.kind === 'test' || n.kind === 'integration-test'));
    const hits: RuleHit[] = [];
    for (const node of ctx.graph.nodes) {
      if (node.role !== 'job' || node.kind !== 'deploy') continue;
      if (testBefore(node.id) !== undefined) continue;
      // Tests that run after the deploy (smoke tests against it) are not the ones meant.
      const after = reach.after(node.id);
      const candidates = tests.filter((t) => !after.has(t.id) && t.kind === 'test');
      if (candidates.length === 0) continue;
      const unit = unitOf(ctx.graph, node);
      const operations: EditOperation[] = [];
      for (const t of candidates) {
        const dependsOn = unitOf(ctx.graph, t);
        if (dependsOn !== unit && !operations.some((o) => o.op === 'addDependency' && o.dependsOn === dependsOn)) {
          operations.push({ op: 'addDependency', stage: unit, dependsOn });
        }
      }
      const names = namesOf(candidates.map((t) => t.id));
      hits.push({
        range: nodeKeyRange(ctx, node),
        node: node.id,
        message: `"${node.id}" does not wait for the tests (${names}), directly or through others: it can deploy a change that fails them`,
        ...(operations.length > 0 ? { fix: { title: `Make "${unit}" wait for ${names}`, operations } } : {}),
      });
    }
    return hits;
  },
};

export const deployWithoutTimeoutRule: Rule = {
  id: 'deploy-without-timeout',
  group: 'safety',
  severity: 'warning',
  dialects: ['github', 'gitlab', 'azure'],
  summary: 'a deploy job without a timeout: a hung deploy holds the environment for hours (GitHub: 6)',
  fix: 'sets a 30-minute timeout',
  check(ctx) {
    const hits: RuleHit[] = [];
    const defaultTimeout = ctx.graph.dialect === 'gitlab' && valueOf(valueOf(rootMap(ctx.src), 'default'), 'timeout') !== undefined;
    if (defaultTimeout) return hits;
    for (const node of ctx.graph.nodes) {
      if (node.role !== 'job' || node.kind !== 'deploy' || node.timeout !== undefined || settingsMayBeElsewhere(node)) continue;
      const job = ctx.jobs.of(node.id);
      if (!job?.map || timeoutWritten(ctx, job)) continue;
      hits.push({
        range: nodeKeyRange(ctx, node),
        node: node.id,
        message: `"${node.id}" has no timeout: a deploy that hangs holds its environment and runner until the platform's limit (${LIMITS[ctx.graph.dialect]})`,
        fix: { title: `Set a 30-minute timeout on "${node.id}"`, operations: [{ op: 'setProperty', stage: node.id, property: 'timeout', value: 30 }] },
      });
    }
    return hits;
  },
};

const LIMITS = { github: '6 hours', gitlab: 'the project\'s, 1 hour by default', azure: '60 minutes, or 6 hours on self-hosted agents' } as const;

const REGISTRY_PUBLISH = /pypi-publish|twine\s+upload|\b(?:npm|pnpm|yarn(?:\s+npm)?)\s+publish|cargo\s+publish|gem\s+push|nuget\s+push|goreleaser/i;
const REGISTRY_ENVIRONMENT = /pypi|npm|crates|nuget|maven|rubygems|gems?\b|registry|publish|release|docker-?hub|marketplace/i;

export const concurrentDeploysRule: Rule = {
  id: 'concurrent-deploys',
  group: 'safety',
  severity: 'warning',
  dialects: ['github', 'gitlab'],
  summary: 'deploys to one environment that can run at the same time (no GitHub `concurrency`, no GitLab `resource_group`)',
  fix: 'one deploy per environment at a time: `concurrency:` / `resource_group:` named after the environment',
  check(ctx) {
    const hits: RuleHit[] = [];
    const github = ctx.graph.dialect === 'github';
    if (github && pairOf(rootMap(ctx.src), 'concurrency')) return hits;
    for (const node of ctx.graph.nodes) {
      if (node.role !== 'job' || node.kind !== 'deploy' || node.environment === undefined || settingsMayBeElsewhere(node)) continue;
      // Publishing a version to a package registry is not replacing what runs: two at once is harmless.
      if (REGISTRY_ENVIRONMENT.test(node.environment)) continue;
      const job = ctx.jobs.of(node.id);
      if (job?.commands.some((c) => REGISTRY_PUBLISH.test(c.text))) continue;
      const map = job?.map;
      if (!map || pairOf(map, github ? 'concurrency' : 'resource_group')) continue;
      hits.push({
        range: nodeKeyRange(ctx, node),
        node: node.id,
        message: github
          ? `two runs can deploy "${node.id}" to ${node.environment} at the same time, and the older may finish last; add \`concurrency:\` for the environment`
          : `two pipelines can run "${node.id}" against ${node.environment} at the same time, and the older may finish last; add \`resource_group:\``,
        // An environment named by an expression is no group name to write.
        ...(node.environment.includes('$')
          ? {}
          : {
              fix: {
                title: github ? `Add concurrency group "${node.environment}" to "${node.id}"` : `Add resource_group "${node.environment}" to "${node.id}"`,
                operations: [{ op: 'setProperty', stage: node.id, property: 'concurrency', value: node.environment }],
              },
            }),
      });
    }
    return hits;
  },
};

// Up to three, then how many more: a message stays one sentence.
function namesOf(ids: string[]): string {
  const shown = ids.slice(0, 3).map((id) => `"${id}"`).join(', ');
  return ids.length > 3 ? `${shown} and ${ids.length - 3} more` : shown;
}

interface AfterDeploy {
  /** A stage after the deploy that does the job. */
  after(node: GraphNode): boolean;
  /** The deploy does it itself. */
  inJob(job: NodeYaml): boolean;
  message(id: string): string;
  fix(id: string): { title: string; template: string; prefix: string };
}

/** Production deploys with nothing after them (nor in them) that does what `what` looks for: one finding each, fixed by a template stage after. */
function nothingAfterProductionDeploys(ctx: RuleContext, what: AfterDeploy): RuleHit[] {
  const deploys = productionDeploys(ctx);
  if (deploys.length === 0) return [];
  const found = new Reach(ctx.graph).findAfter(what.after);
  return deploys.flatMap((node): RuleHit[] => {
    if (found(node.id) !== undefined) return [];
    const own = ctx.jobs.of(node.id);
    if (!own || what.inJob(own) || settingsMayBeElsewhere(node)) return [];
    const fix = what.fix(node.id);
    return [{
      range: nodeKeyRange(ctx, node),
      node: node.id,
      message: what.message(node.id),
      fix: { title: fix.title, operations: [insertAfter(ctx.graph, node, fix.template, fix.prefix)] },
    }];
  });
}

function productionDeploys(ctx: RuleContext): GraphNode[] {
  return ctx.graph.nodes.filter((n) => n.role === 'job' && n.kind === 'deploy' && ctx.isProductionLike(n.environment));
}

/** A job that runs when something before it failed: `if: failure()`, `when: on_failure`, `condition: failed()`. */
function runsOnFailure(job: NodeYaml | undefined): boolean {
  const map = job?.map;
  if (!map) return false;
  const condition = scalarText(valueOf(map, 'if')) ?? scalarText(valueOf(map, 'when')) ?? scalarText(valueOf(map, 'condition'));
  return condition !== undefined && ON_FAILURE.test(condition.trim());
}

/**
 * A way back inside the deploy itself: a step that runs on failure (GitHub `if: failure()`,
 * Azure `condition: failed()`), an Azure deployment strategy's `on: failure:` hook.
 */
function hasFailureHook(job: NodeYaml): boolean {
  let found = false;
  const walk = (node: unknown): void => {
    if (found) return;
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = scalarText(pair.key);
        if (key === 'failure' && isMap(pair.value)) found = true;
        else if ((key === 'if' || key === 'condition') && ON_FAILURE.test(scalarText(pair.value) ?? '')) found = true;
        else walk(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) walk(item);
    }
  };
  walk(job.body);
  return found;
}

// The key written with a value the graph does not show (an expression) is a timeout too. A GitHub
// step's own timeout-minutes does not bound the job, so only the job's key counts.
function timeoutWritten(ctx: RuleContext, job: NodeYaml): boolean {
  const key = ctx.graph.dialect === 'github' ? 'timeout-minutes' : ctx.graph.dialect === 'gitlab' ? 'timeout' : 'timeoutInMinutes';
  return pairOf(job.map, key) !== undefined;
}

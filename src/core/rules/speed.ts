// Speed rules: work a pipeline repeats that it could keep.
import { installingManager, type PackageManager } from '../packageManagers';
import { pairOf, rootMap, valueOf } from '../yaml/source';
import type { CommandScalar, NodeYaml } from './jobYaml';
import { settingsMayBeElsewhere } from './jobYaml';
import { yamlNodeRange } from './ranges';
import { Reach } from './reach';
import type { Rule, RuleContext, RuleHit } from './rule';

// Actions and tasks that cache, or set up a tool with its cache turned on.
const CACHING_ACTION = /^(?:actions\/cache|actions\/setup-go|gradle\/(?:actions\/setup-gradle|gradle-build-action)|Swatinem\/rust-cache|ruby\/setup-ruby)\b|^Cache@|^CacheBeta@/i;
const SETUP_WITH_CACHE_INPUT = /^actions\/setup-(?:node|python|java|dotnet)@/i;

export const noDependencyCacheRule: Rule = {
  id: 'no-dependency-cache',
  group: 'speed',
  severity: 'information',
  dialects: ['github', 'gitlab', 'azure'],
  summary: 'build and test jobs that install packages with no dependency cache',
  fix: 'adds a cache keyed on the lock file (GitHub: the setup action\'s `cache:` or `actions/cache`; GitLab: `cache:`; Azure: `Cache@2`)',
  check(ctx) {
    if (ctx.graph.dialect === 'gitlab' && gitlabCachesEverywhere(ctx)) return [];
    const hits: RuleHit[] = [];
    for (const job of ctx.jobs.jobs()) {
      const { node } = job;
      if ((node.kind !== 'build' && node.kind !== 'test') || settingsMayBeElsewhere(node)) continue;
      let manager: PackageManager | undefined;
      const install = job.commands.find((c) => c.key !== 'uses' && c.key !== 'task' && (manager = installingManager(c.text)) !== undefined);
      if (!install || !manager || caches(ctx, job)) continue;
      // GitLab and Azure cache only inside the project: a manager whose downloads cannot be moved there gets no fix.
      const fixable = ctx.graph.dialect === 'github' || manager.cacheVariable !== undefined;
      hits.push({
        range: yamlNodeRange(ctx, install.scalar),
        node: node.id,
        message: `"${node.id}" installs packages with no dependency cache, so every run downloads them again; cache the package manager's directory keyed on the lock file`,
        ...(fixable ? { fix: { title: `Cache the ${manager.id} downloads of "${node.id}"`, operations: [{ op: 'addCache', stage: node.id, manager: manager.id }] } } : {}),
      });
    }
    return hits;
  },
};

function gitlabCachesEverywhere(ctx: RuleContext): boolean {
  const root = rootMap(ctx.src);
  return pairOf(root, 'cache') !== undefined || pairOf(valueOf(root, 'default'), 'cache') !== undefined;
}

function caches(ctx: RuleContext, job: NodeYaml): boolean {
  if (ctx.graph.dialect === 'gitlab') return pairOf(job.map, 'cache') !== undefined;
  return hasCachingStep(job);
}

/** A GitHub or Azure job with a step that caches: a cache action or task, or a setup action with `cache:`. */
export function hasCachingStep(job: NodeYaml): boolean {
  return job.commands.some((c) => (c.key === 'uses' || c.key === 'task') && (CACHING_ACTION.test(c.text.trim()) || usesCacheInput(c)));
}

// setup-node and friends cache when given `cache:` (or, for setup-node, a package manager field).
function usesCacheInput(c: CommandScalar): boolean {
  if (!SETUP_WITH_CACHE_INPUT.test(c.text.trim())) return false;
  return pairOf(valueOf(c.parent, 'with'), 'cache') !== undefined;
}

// Commands that build what a build job already built.
const BUILD = /\b(?:npm\s+run\s+build|yarn\s+(?:run\s+)?build|pnpm\s+(?:run\s+)?build|docker\s+build|docker\s+buildx\s+build|mvn\s+(?:\S+\s+)*(?:package|install)\b|gradlew?\s+(?:\S+\s+)*(?:build|assemble)\b|go\s+build\b|dotnet\s+(?:build|publish)\b|cargo\s+build\b|make\s+build\b)/;

export const rebuiltInDeployRule: Rule = {
  id: 'rebuilt-in-deploy',
  group: 'speed',
  severity: 'information',
  dialects: ['github', 'gitlab', 'azure'],
  summary: 'deploy jobs that build again what a build job before them already built',
  check(ctx) {
    const hits: RuleHit[] = [];
    let reach: Reach | undefined;
    let buildBefore: ((id: string) => string | undefined) | undefined;
    for (const job of ctx.jobs.jobs()) {
      if (job.node.kind !== 'deploy') continue;
      const build = job.commands.find((c) => c.key !== 'uses' && c.key !== 'task' && BUILD.test(c.text));
      if (!build) continue;
      reach ??= new Reach(ctx.graph);
      buildBefore ??= reach.findBefore((n) => n.kind === 'build');
      const builder = buildBefore(job.node.id);
      if (builder === undefined) continue;
      hits.push({
        range: yamlNodeRange(ctx, build.scalar),
        node: job.node.id,
        message: `"${job.node.id}" builds again after "${builder}" built: it costs time and may deploy something other than what was tested; pass the build's artifact to it instead`,
      });
    }
    return hits;
  },
};

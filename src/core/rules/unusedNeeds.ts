// A job that waits for another whose work it does not use: the two could run side by side. Seen
// only where the dialect shows what passes between jobs — GitHub (`needs.X` in expressions,
// artifacts, caches) and GitLab (artifacts, dotenv reports among them). Azure is left out: its
// stages wait for the previous one by default and deployment jobs download every artifact of the
// run without saying so, so an unused `dependsOn` cannot be told from the file.
import { artifactFlowOf } from '../edit/artifacts';
import type { GraphEdge, GraphNode, NodeKind } from '../model';
import { tokenRange } from '../findings';
import { settingsMayBeElsewhere, type NodeYaml } from './jobYaml';
import { hasCachingStep } from './speed';
import type { Rule, RuleContext, RuleHit } from './rule';

// Waiting for these is an ordering on purpose: tests and scans before what follows, a gate or an
// approval, a deploy before what checks or follows it.
const ORDERING_KINDS: ReadonlySet<NodeKind> = new Set(['test', 'integration-test', 'security-scan', 'approval-gate', 'verify', 'deploy', 'rollback']);
// Jobs whose waiting is their point: a deploy after its build, a rollback or a notice after what
// it reports on, a check after what it checks.
const WAITING_KINDS: ReadonlySet<NodeKind> = new Set(['deploy', 'rollback', 'notify', 'verify', 'approval-gate']);

// What a job may leave outside the run that a later job can use without saying so in the file:
// images, packages, releases, uploads, pushes, infrastructure.
const SIDE_EFFECT = /docker\s+(?:buildx\s+)?(?:push|build\b[^\n]*--push)|build-push-action|\bpublish|(?<!--)\brelease|\bgit\s+push|\bs3\s+(?:cp|sync|mv)|gsutil|az\s+storage|azcopy|upload|deploy|helm|kubectl|terraform|pulumi|\bgh\s+(?:api|pr|release|workflow)|\bcommit\b|\bpush\b|\bcreate\b|\bapply\b/i;
// A check that runs first so a broken change stops before the long jobs: failing fast is the point.
const FAIL_FAST_CHECK = /\b(?:lint\w*|fmt|format|clippy|check\w*|vet|style|semantic|validate|ensure\w*|audit|typecheck|pre-commit|changes|changed-files|paths-filter)\b/i;
// Actions that only set up tools (and perhaps a cache, judged on its own): they leave nothing a
// later job could take. Any other action (local, composite, third-party) may upload, push or
// publish inside, where the file does not show it.
const SETUP_ONLY = /^(?:actions\/(?:checkout|setup-[\w-]+)|dtolnay\/rust-toolchain|taiki-e\/install-action|pnpm\/action-setup|astral-sh\/setup-uv|oven-sh\/setup-bun|denoland\/setup-deno|ruby\/setup-ruby|Swatinem\/rust-cache|actions\/cache(?:\/(?:save|restore))?)@/i;
// Status functions: the job's own `if:` reads how the jobs it waits for ended.
const STATUS_FUNCTION = /\b(?:always|failure|success|cancelled)\s*\(\s*\)/;
const DOWNLOAD_ARTIFACT = /download-artifact|download-build-artifact/i;

export const unusedNeedsRule: Rule = {
  id: 'unused-needs',
  group: 'speed',
  severity: 'information',
  dialects: ['github', 'gitlab'],
  summary: 'a job waiting (`needs`) for a job whose outputs, result and artifacts it does not use, so the two cannot run side by side',
  fix: 'removes the dependency (editor only: it also stops the job waiting for the other to succeed)',
  check(ctx) {
    const byId = new Map(ctx.graph.nodes.map((n) => [n.id, n]));
    const explicit = ctx.graph.edges.filter((e) => !e.implicit && !e.unresolved && !e.cyclic && e.line !== undefined && e.column !== undefined);
    const flow = ctx.graph.dialect === 'gitlab' ? artifactFlowOf(ctx.graph) : undefined;
    // What each job waits for by `needs:`, and each GitLab lane's place: whether a job waits for
    // another through a third is found on these, not on GitLab's stage-order edges (tens of
    // thousands in a big file).
    const needsOf = new Map<string, string[]>();
    for (const e of explicit) needsOf.set(e.to, [...(needsOf.get(e.to) ?? []), e.from]);
    const laneIndex = new Map(ctx.graph.lanes.map((l, i) => [l.id, i]));
    const lane = (id: string) => laneIndex.get(byId.get(id)?.stage ?? '') ?? -1;
    const waitsThroughAnother = (job: string, need: string): boolean => {
      const stack = (needsOf.get(job) ?? []).filter((d) => d !== need);
      const seen = new Set(stack);
      while (stack.length > 0) {
        const v = stack.pop()!;
        if (v === need) return true;
        const its = needsOf.get(v);
        // A GitLab job without `needs:` waits for every job of the earlier stages.
        if (!its && ctx.graph.dialect === 'gitlab' && lane(need) < lane(v) && lane(need) >= 0) return true;
        for (const u of its ?? []) if (!seen.has(u)) {
          seen.add(u);
          stack.push(u);
        }
      }
      return false;
    };
    const hits: RuleHit[] = [];
    for (const edge of explicit) {
      const job = byId.get(edge.to);
      const need = byId.get(edge.from);
      if (!job || !need || !candidates(job, need)) continue;
      const jobYaml = ctx.jobs.of(job.id);
      const needYaml = ctx.jobs.of(need.id);
      if (!jobYaml || !needYaml || isJoin(jobYaml) || leavesSomethingElsewhere(needYaml)) continue;
      const uses = flow ? flow(job.id)?.has(need.id) ?? true : githubUses(ctx, jobYaml, needYaml);
      if (uses) continue;
      // Waiting for it anyway through another job: dropping this need would gain nothing.
      if (waitsThroughAnother(job.id, need.id)) continue;
      hits.push({
        range: tokenRange(ctx.lines, edge.line!, edge.column!),
        node: job.id,
        message: `"${job.id}" waits for "${need.id}" but uses nothing it leaves (${ctx.graph.dialect === 'github' ? `no \`needs.${need.id}\` output or result, no artifact or cache it saves` : 'no artifact from it'}), so the two cannot run side by side; drop the need unless "${job.id}" must run only after "${need.id}" succeeds`,
        fix: { title: `Stop "${job.id}" waiting for "${need.id}"`, operations: [{ op: 'removeDependency', stage: job.id, dependsOn: need.id }], automatic: false },
      });
    }
    return hits;
  },
};

function candidates(job: GraphNode, need: GraphNode): boolean {
  if (job.role !== 'job' || need.role !== 'job') return false;
  if (ORDERING_KINDS.has(need.kind) || WAITING_KINDS.has(job.kind)) return false;
  // An environment or a gate makes it a deploy or an approval whatever its kind says.
  if (need.environment !== undefined || need.gate !== undefined || job.environment !== undefined) return false;
  // What the file does not show (templates, reusable workflows, extends) may pass things on.
  return !settingsMayBeElsewhere(job) && !settingsMayBeElsewhere(need);
}

// A job that does no work of its own (`exit 0`, an echo) joins the jobs it waits for into one
// required check: waiting is all it is for.
const TRIVIAL_COMMAND = /^\s*(?:exit\s+0|true|:|echo\b[^\n]*)\s*$/;

function isJoin(job: NodeYaml): boolean {
  return job.commands.every((c) => c.key !== 'uses' && TRIVIAL_COMMAND.test(c.text));
}

/** The need may leave something outside the job (a push, an upload, an action's unseen work), or is a fail-fast check. */
function leavesSomethingElsewhere(need: NodeYaml): boolean {
  if (FAIL_FAST_CHECK.test(`${need.node.id} ${need.node.name}`)) return true;
  return need.commands.some((c) => (c.key === 'uses' ? !SETUP_ONLY.test(c.text.trim()) : SIDE_EFFECT.test(c.text) || FAIL_FAST_CHECK.test(c.text)));
}

/** GitHub: the job reads `needs.NEED` (or the whole `needs`), asks how it ended, or takes its artifacts or cache. */
function githubUses(ctx: RuleContext, job: NodeYaml, need: NodeYaml): boolean {
  const [start, end] = job.node.offsets;
  const text = ctx.text.slice(start, end);
  if (readsNeeds(text, need.node.id)) return true;
  if (job.map && STATUS_FUNCTION.test(String(job.map.get('if') ?? ''))) return true;
  // Any download: an artifact may be uploaded inside an action the need runs.
  if (job.commands.some((c) => DOWNLOAD_ARTIFACT.test(c.text))) return true;
  // A job saving a cache the other restores hands it on.
  return hasCachingStep(need) && hasCachingStep(job);
}

// Every `needs` in the job other than its `needs:` key: `needs.ID…`, `needs['ID']`, or the whole
// context (`toJSON(needs)`, `needs.*`, `needs[expr]`), which reads every job it waits for.
const NEEDS_WORD = /\bneeds\b(?!\s*:)(?:\.([\w-]+)|\[\s*['"]([^'"]+)['"]\s*\])?/g;

function readsNeeds(text: string, id: string): boolean {
  for (const m of text.matchAll(NEEDS_WORD)) {
    // `needs-` is part of a name (a job called `needs-x`), not the context.
    if (text[m.index - 1] === '-' || text[m.index + 5] === '-') continue;
    const named = m[1] ?? m[2];
    if (named === undefined || named === '*' || named === id) return true;
  }
  return false;
}

// What a resolved GitLab job says about itself in dialect-neutral terms: environment, gate,
// on-failure, commands (its strategy: ../writtenStrategy.ts).
import type { GateDetail } from '../../model';
import { scalarText } from '../../yaml/source';
import { MapView, type Resolver, type ViewValue } from './view';

export interface GitlabJobFacts {
  environment?: string;
  environmentUrl?: string;
  /** `environment.action`: start (default), prepare, verify, access, stop. */
  environmentAction?: string;
  gate?: GateDetail;
  onFailure: boolean;
  commands: string[];
}

const SCRIPT_KEYS = ['before_script', 'script', 'after_script'];

export function readJobFacts(job: MapView, resolver: Resolver): GitlabJobFacts {
  const whens = whenClauses(job, resolver);
  // One list and one walk state for all three script keys: this runs for every job on every parse.
  const commands: string[] = [];
  const walk = { lines: commands, visited: 0 };
  for (const key of SCRIPT_KEYS) {
    walk.visited = 0;
    collectCommandLines(job.get(key), 0, walk, resolver);
  }
  // Every fact object has the same shape (no spread of a varying one): it is read per job.
  const environment = job.get('environment');
  const env = environment instanceof MapView ? environment : undefined;
  return {
    environment: env ? text(env.get('name')) : text(environment),
    environmentUrl: env ? text(env.get('url')) : undefined,
    environmentAction: env ? text(env.get('action')) : undefined,
    gate: gateOf(whens),
    onFailure: whens.some((w) => w.when === 'on_failure'),
    commands,
  };
}

interface WhenClause {
  when: string;
  startIn?: string;
}

// The job's own `when:` first, then each rule's: a rule that can make the job manual or delayed
// makes it a gate, as GitLab shows it blocked on that path.
function whenClauses(job: MapView, resolver: Resolver): WhenClause[] {
  const clauses: WhenClause[] = [];
  const jobStartIn = text(job.get('start_in'));
  const own = text(job.get('when'));
  if (own) clauses.push({ when: own, startIn: jobStartIn });
  for (const { item } of resolver.items(job.get('rules') ?? null)) {
    if (!(item instanceof MapView)) continue;
    const when = text(item.get('when'));
    if (when) clauses.push({ when, startIn: text(item.get('start_in')) ?? jobStartIn });
  }
  return clauses;
}

function gateOf(clauses: WhenClause[]): GateDetail | undefined {
  for (const clause of clauses) {
    if (clause.when === 'manual') return { kind: 'manual' };
    if (clause.when === 'delayed') return clause.startIn ? { kind: 'delayed', after: clause.startIn } : { kind: 'delayed' };
  }
  return undefined;
}

// Nested lists of aliases can fan out exponentially; past this many visited items we stop reading.
const MAX_SCRIPT_ITEMS = 20_000;

/**
 * Script lines: a string or a list whose items may themselves be lists (GitLab flattens them).
 * A module-level recursion with explicit state rather than a closure per job (hot path).
 */
function collectCommandLines(node: ViewValue | undefined, depth: number, walk: { lines: string[]; visited: number }, resolver: Resolver): void {
  if (node === undefined || node === null || node instanceof MapView || depth > 10 || ++walk.visited > MAX_SCRIPT_ITEMS) return;
  const single = scalarText(node);
  if (single !== undefined) walk.lines.push(single);
  else for (const { item } of resolver.items(node)) collectCommandLines(item, depth + 1, walk, resolver);
}

/** The inspector's settings, when each is one plain value (see GraphNode.runner). */
export interface GitlabJobSettings {
  runner?: string;
  condition?: string;
  timeout?: string;
}

export function readJobSettings(job: MapView, resolver: Resolver): GitlabJobSettings {
  const image = job.get('image');
  const runner = image instanceof MapView ? text(image.get('name')) : text(image);
  // Only `rules: [{if: …}]` is one condition; more rules (or a rule with when:) are not.
  const rules = resolver.items(job.get('rules') ?? null);
  const single = rules.length === 1 && rules[0].item instanceof MapView && rules[0].item.entries.size === 1 ? rules[0].item : undefined;
  const condition = single ? text(single.get('if')) : undefined;
  const timeout = text(job.get('timeout'));
  // Only the keys that have a value (they are copied onto the node); assigned, not spread (per job).
  const settings: GitlabJobSettings = {};
  if (runner !== undefined) settings.runner = runner;
  if (condition !== undefined) settings.condition = condition;
  if (timeout !== undefined) settings.timeout = timeout;
  return settings;
}

function text(value: ViewValue | undefined): string | undefined {
  return value instanceof MapView ? undefined : scalarText(value);
}

// Which graph node a run's job belongs to: the designer overlay colours nodes from a run's jobs.
// Platforms name jobs for people, not by the YAML key, so the name is read back to a node:
//   GitHub: the job's `name:` (expressions evaluated) or its key; a matrix instance adds its
//           values, "build (ubuntu-latest, 20)"; a job of a called reusable workflow is
//           "caller / job" (nested: "a / b / c").
//   GitLab: the job key; `parallel: 3` gives "rspec 1/3", `parallel: matrix` "rspec: [ruby, 3.3]".
import type { Dialect, GraphNode, PipelineGraph } from '../model';
import type { Job } from './model';
import { durationMs, lightOf, worstLight, type StatusLight } from './status';

export interface JobNodeMap {
  /** The jobs of each node that has any, in the order given. */
  byNode: Map<string, Job[]>;
  /** Jobs no node could be told for (renamed since, ambiguous names, …). */
  unmatched: Job[];
}

/** What the overlay shows on one node. */
export interface NodeRunStatus {
  light: StatusLight;
  /** How many job instances (matrix, parallel) the node ran. */
  count: number;
  /** From the first start to the last end (or `now` while one runs); undefined before any start. */
  durationMs?: number;
  jobs: Job[];
}

/** Given a graph's job nodes, a function from a job name to its node. */
type MatcherFor = (nodes: readonly GraphNode[]) => (name: string) => GraphNode | undefined;

const MATCHERS: Partial<Record<Dialect, MatcherFor>> = {
  github: githubMatcher,
  gitlab: gitlabMatcher,
};

/** Whether jobs of this dialect's runs can be placed on its graph (Azure's arrive with its provider). */
export function canMapJobs(dialect: Dialect): boolean {
  return MATCHERS[dialect] !== undefined;
}

export function mapJobsToNodes(graph: PipelineGraph, jobs: readonly Job[]): JobNodeMap {
  const matcherFor = MATCHERS[graph.dialect];
  const matcher = matcherFor?.(graph.nodes.filter((n) => n.role === 'job'));
  const byNode = new Map<string, Job[]>();
  const unmatched: Job[] = [];
  for (const job of jobs) {
    const node = matcher?.(job.name);
    if (!node) {
      unmatched.push(job);
      continue;
    }
    const list = byNode.get(node.id);
    if (list) list.push(job);
    else byNode.set(node.id, [job]);
  }
  return { byNode, unmatched };
}

/** The overlay's state per node: the worst light of its jobs, their count and span. */
export function nodeRunStatuses(map: JobNodeMap, now: number): Map<string, NodeRunStatus> {
  const out = new Map<string, NodeRunStatus>();
  for (const [nodeId, jobs] of map.byNode) {
    const light = worstLight(jobs.map(lightOf)) ?? 'neutral';
    out.set(nodeId, { light, count: jobs.length, durationMs: spanMs(jobs, now), jobs });
  }
  return out;
}

function spanMs(jobs: readonly Job[], now: number): number | undefined {
  let start = Infinity;
  let end = -Infinity;
  for (const job of jobs) {
    const d = durationMs(job, now);
    if (d === undefined) continue;
    const s = Date.parse(job.startedAt!);
    start = Math.min(start, s);
    end = Math.max(end, s + d);
  }
  return start === Infinity ? undefined : end - start;
}

function githubMatcher(nodes: readonly GraphNode[]): (name: string) => GraphNode | undefined {
  const patterns = new Map(nodes.map((n) => [n, expressionPattern(n.name)] as const));
  const nodeFor = (name: string): GraphNode | undefined => {
    const direct = bySingle(nodes, (n) => n.name === name) ?? bySingle(nodes, (n) => patterns.get(n)?.test(name) ?? false);
    if (direct) return direct;
    // "caller / inner job": the caller's part names the node (it may be a matrix instance itself).
    const slash = name.indexOf(' / ');
    if (slash > 0) return nodeFor(name.slice(0, slash));
    const matrix = /^(.*) \((.*)\)$/.exec(name);
    return matrix ? bySingle(nodes, (n) => n.name === matrix[1]) : undefined;
  };
  return nodeFor;
}

function gitlabMatcher(nodes: readonly GraphNode[]): (name: string) => GraphNode | undefined {
  return (name) => {
    const base = /^(.*) \d+\/\d+$/.exec(name)?.[1] ?? /^(.*): \[.*\]$/.exec(name)?.[1];
    return bySingle(nodes, (n) => n.id === name) ?? (base !== undefined ? bySingle(nodes, (n) => n.id === base) : undefined);
  };
}

function bySingle(nodes: readonly GraphNode[], test: (n: GraphNode) => boolean): GraphNode | undefined {
  let found: GraphNode | undefined;
  for (const n of nodes) {
    if (!test(n)) continue;
    if (found) return undefined; // two nodes fit: GitHub's names cannot tell them apart
    found = n;
  }
  return found;
}

/** `Deploy ${{ matrix.region }}` matches "Deploy eu-west-1": each expression stands for any text. */
function expressionPattern(template: string): RegExp | undefined {
  if (!template.includes('${{')) return undefined;
  const parts = template.split(/\$\{\{[\s\S]*?\}\}/);
  return new RegExp(`^${parts.map(escapeRegExp).join('.*?')}$`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// GitLab artifact flow as an edit must keep it: which jobs' artifacts each job receives, read from
// the graph (GraphNode.artifactsFrom, leavesArtifacts). Only jobs that may leave artifacts count:
// listing a job that leaves none moves nothing. The planner writes what a job must keep receiving
// and the expectation checks it, so that turning the stage order into `needs:` (which downloads
// only from the jobs it lists) never silently drops `dist/` from a deploy.
import type { GraphNode, PipelineGraph } from '../model';

/** The jobs whose artifacts a job receives, by job id; undefined for a node that is not a GitLab job. */
export type ArtifactFlow = (id: string) => Set<string> | undefined;

export function artifactFlowOf(graph: PipelineGraph): ArtifactFlow {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const laneIndex = new Map(graph.lanes.map((l, i) => [l.id, i]));
  const leavers = graph.nodes.filter((n) => n.leavesArtifacts);
  return (id) => {
    const node = byId.get(id);
    if (!node?.artifactsFrom) return undefined;
    if (node.artifactsFrom !== 'earlier-stages') {
      return new Set(node.artifactsFrom.filter((from) => byId.get(from)?.leavesArtifacts));
    }
    const own = laneIndex.get(node.stage ?? '') ?? -1;
    return new Set(leavers.filter((l) => (laneIndex.get(l.stage ?? '') ?? Infinity) < own).map((l) => l.id));
  };
}

/**
 * True when `job` receives `source`'s artifacts: a stage between them (addStage after/before)
 * must leave `job` needing `source` for them, or `job` silently loses them.
 */
export function keepsArtifactsOf(graph: PipelineGraph, job: string, source: string): boolean {
  return artifactFlowOf(graph)(job)?.has(source) ?? false;
}

/** What an edit may do to artifact flow; everything not said here must stay as it was (renamed). */
export interface ArtifactExpectation {
  before: PipelineGraph;
  rename: (id: string) => string;
  /** Jobs deleted: nobody receives their artifacts any more. */
  gone?: ReadonlySet<string>;
  /** Per job: sources it stops receiving from. */
  loses?: ReadonlyMap<string, ReadonlySet<string>>;
  /** Per job: sources it may start receiving from (a dependency it gains downloads by default). */
  mayGain?: ReadonlyMap<string, ReadonlySet<string>>;
  /** Sources any job may start receiving from (a job the edit adds). */
  anyMayGain?: ReadonlySet<string>;
  /** Jobs not compared: the edit moves stages around, which changes what the stage order gives. */
  skip?: (job: GraphNode) => boolean;
}

/** Differences in artifact flow between what was expected and the graph after the edit. */
export function compareArtifacts(exp: ArtifactExpectation, after: PipelineGraph): string[] {
  const { before, rename } = exp;
  if (!before.nodes.some((n) => n.artifactsFrom)) return [];
  const gone = exp.gone ?? new Set<string>();
  const sameLeavers = leaverSignature(before, rename, gone) === leaverSignature(after, (id) => id, gone);
  const afterById = new Map(after.nodes.map((n) => [n.id, n]));
  let had: ArtifactFlow | undefined;
  let has: ArtifactFlow | undefined;
  const problems: string[] = [];
  for (const node of before.nodes) {
    if (!node.artifactsFrom || gone.has(node.id) || exp.skip?.(node)) continue;
    const now = afterById.get(rename(node.id));
    if (!now) continue; // a missing node is reported with the nodes
    const loses = exp.loses?.get(node.id);
    const gains = exp.mayGain?.get(node.id);
    // Nearly every job: the same sources written the same way, in the same lane, among the same leavers.
    if (sameLeavers && !loses && !gains && sameSources(node, now, rename, before, after)) continue;
    had ??= artifactFlowOf(before);
    has ??= artifactFlowOf(after);
    const must = new Set([...had(node.id)!].filter((s) => !gone.has(s) && !loses?.has(s)).map(rename));
    const got = has(now.id) ?? new Set<string>();
    for (const s of must) if (!got.has(s)) problems.push(`"${now.id}" would no longer receive the artifacts of "${s}"`);
    for (const s of got) {
      if (must.has(s) || gains?.has(s) || exp.anyMayGain?.has(s)) continue;
      problems.push(`"${now.id}" would receive the artifacts of "${s}", which it did not`);
    }
  }
  return problems;
}

function sameSources(a: GraphNode, b: GraphNode, rename: (id: string) => string, before: PipelineGraph, after: PipelineGraph): boolean {
  const x = a.artifactsFrom!;
  const y = b.artifactsFrom;
  if (x === 'earlier-stages' || y === 'earlier-stages' || y === undefined) {
    return x === y && laneIndexOf(before, a.stage) === laneIndexOf(after, b.stage);
  }
  return x.length === y.length && x.every((s, i) => rename(s) === y[i]);
}

/** The jobs that may leave artifacts, with their lane positions, as one comparable string. */
function leaverSignature(graph: PipelineGraph, rename: (id: string) => string, gone: ReadonlySet<string>): string {
  const parts: string[] = [];
  for (const n of graph.nodes) if (n.leavesArtifacts && !gone.has(n.id)) parts.push(`${rename(n.id)}@${laneIndexOf(graph, n.stage)}`);
  return parts.join('\n');
}

function laneIndexOf(graph: PipelineGraph, lane: string | undefined): number {
  return graph.lanes.findIndex((l) => l.id === lane);
}

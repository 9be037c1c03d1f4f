// What the designer paints over a workflow's graph while a run of it is shown: each node's job
// status (worst of its instances, their count, when they ran), and the protection rules of the
// environments its jobs deploy to. Pure: the host builds it from the model and the graph, the
// webview only draws it. Nothing here touches the YAML or the layout.
import type { PipelineGraph } from '../model';
import { mapJobsToNodes, nodeRunStatuses } from './jobNodes';
import type { EnvironmentStatus, ProtectionRules, Run, RunDetail } from './model';
import { isActive, lightOf, type StatusLight } from './status';

/** Which run a designer shows: the newest on the checked-out branch, one run, or none. */
export type RunChoice = { kind: 'latest' } | { kind: 'none' } | { kind: 'run'; runId: string };

/** One job of a node, for the node's context menu (logs, re-run). */
export interface OverlayJob {
  id: string;
  name: string;
  light: StatusLight;
}

/** What a node shows of the run. */
export interface OverlayNodeStatus {
  light: StatusLight;
  /** Job instances (matrix) the node ran. */
  count: number;
  /** First start and last end in ms since the epoch; `end` absent while one still runs. */
  startedAt?: number;
  endedAt?: number;
  jobs: OverlayJob[];
}

/** An environment a node deploys to, with the gate GitHub keeps out of the YAML. */
export interface OverlayEnvironment {
  name: string;
  rules: ProtectionRules;
  /** Required reviewers: a deployment waits for a person. */
  gated: boolean;
}

/**
 * The run a choice means, by id: `latest` is the newest run on `branch` (of all runs when the
 * branch is unknown, a detached HEAD); a chosen run stays chosen even when newer runs push it off
 * the list. Undefined: none to show.
 */
export function chosenRunId(runs: readonly Run[], choice: RunChoice, branch: string | undefined): string | undefined {
  switch (choice.kind) {
    case 'none':
      return undefined;
    case 'run':
      return choice.runId;
    case 'latest': {
      const newest = [...runs]
        .filter((r) => branch === undefined || r.headBranch === branch)
        .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || Number(b.id) - Number(a.id));
      return newest[0]?.id;
    }
  }
}

/** The status of each node that has jobs in the run, keyed by node id. */
export function overlayNodes(graph: PipelineGraph, detail: RunDetail, now: number): Record<string, OverlayNodeStatus> {
  const out: Record<string, OverlayNodeStatus> = {};
  for (const [nodeId, status] of nodeRunStatuses(mapJobsToNodes(graph, detail.jobs), now)) {
    const starts = status.jobs.map((j) => Date.parse(j.startedAt ?? '')).filter((t) => !Number.isNaN(t));
    const running = status.jobs.some((j) => isActive(j));
    const ends = status.jobs.map((j) => Date.parse(j.completedAt ?? '')).filter((t) => !Number.isNaN(t));
    out[nodeId] = {
      light: status.light,
      count: status.count,
      ...(starts.length > 0 ? { startedAt: Math.min(...starts) } : {}),
      ...(starts.length > 0 && !running && ends.length > 0 ? { endedAt: Math.max(...ends) } : {}),
      jobs: status.jobs.map((j) => ({ id: j.id, name: j.name, light: lightOf(j) })),
    };
  }
  return out;
}

/** The environments the graph's nodes deploy to, with their rules, keyed by name. */
export function overlayEnvironments(graph: PipelineGraph, environments: readonly EnvironmentStatus[]): Record<string, OverlayEnvironment> {
  const used = new Set(graph.nodes.flatMap((n) => (n.environment !== undefined ? [n.environment] : [])));
  const out: Record<string, OverlayEnvironment> = {};
  for (const { environment } of environments) {
    if (!used.has(environment.name)) continue;
    out[environment.name] = { name: environment.name, rules: environment.protection, gated: environment.protection.reviewers.length > 0 };
  }
  return out;
}

/** "1 min 05 s" between a start and an end (or `now` while it runs). */
export function overlaySpanMs(status: Pick<OverlayNodeStatus, 'startedAt' | 'endedAt'>, now: number): number | undefined {
  if (status.startedAt === undefined) return undefined;
  return Math.max(0, (status.endedAt ?? now) - status.startedAt);
}

// A stage node shows what its jobs add up to: one kind, and the environment, gate and
// deployment strategy (with its parameters) of the jobs that have them.
import type { GateDetail, GraphNode, NodeKind, StrategyParameters } from '../../model';
import { inferKind } from '../../kinds';

// Deploying (an environment) and waiting for people are what a stage is for, whatever its name.
const STRUCTURAL_KINDS: NodeKind[] = ['deploy', 'approval-gate'];
// Otherwise the stage's own name decides, then the strongest of its jobs, in this order.
const JOB_KIND_ORDER: NodeKind[] = [
  'rollback', 'verify', 'integration-test', 'security-scan', 'test', 'build', 'notify', 'source', 'other',
];

export interface StageSummary {
  kind: NodeKind;
  environment?: string;
  gate?: GateDetail;
  strategy?: string;
  /** The parameters of that strategy, from the same job. */
  strategyParameters?: StrategyParameters;
}

export function summarizeStage(
  stage: { name?: string; displayName?: string; onFailure: boolean },
  jobs: readonly GraphNode[],
): StageSummary {
  const kinds = new Set(jobs.map((j) => j.kind));
  const structural = STRUCTURAL_KINDS.find((k) => kinds.has(k));
  const named = inferKind({ id: stage.name ?? '', name: stage.displayName, onFailure: stage.onFailure, commands: [] });
  const strongest = JOB_KIND_ORDER.find((k) => kinds.has(k)) ?? 'other';
  const kind = structural ?? (named !== 'other' ? named : strongest);
  const environment = jobs.find((j) => j.environment !== undefined)?.environment;
  const gate = jobs.find((j) => j.gate !== undefined)?.gate;
  const deployment = jobs.find((j) => j.strategy !== undefined);
  const strategy = deployment?.strategy;
  const strategyParameters = deployment?.strategyParameters;
  return {
    kind,
    ...(environment !== undefined ? { environment } : {}),
    ...(gate !== undefined ? { gate } : {}),
    ...(strategy !== undefined ? { strategy } : {}),
    ...(strategyParameters !== undefined ? { strategyParameters } : {}),
  };
}

// Decisions a command makes before it acts, the same for the command line and the editor: which
// waiting deployment "approve production" means, what an environment runs now, and what a roll
// back goes back to. Pure; each answers a Result whose error a person can read.
import { describeDeployment, describeRun } from './actions';
import { failure, success, type Result } from './errors';
import type { Deployment, PendingApproval } from './model';

/**
 * The pending approval of `environment`: on `runId` when given, else the one run waiting for it.
 * `where` names the target in messages ("acme/shop").
 */
export function choosePending(approvals: readonly PendingApproval[], environment: string, runId: string | undefined, where: string): Result<PendingApproval> {
  const forEnvironment = approvals.filter((a) => a.environment.name === environment);
  const chosen = runId !== undefined ? forEnvironment.filter((a) => a.runId === runId) : forEnvironment;
  if (chosen.length === 1) return success(chosen[0]);
  if (chosen.length === 0) {
    const onRun = runId !== undefined ? ` on run ${runId}` : '';
    const others = runId !== undefined && forEnvironment.length > 0 ? ` (runs waiting for it: ${forEnvironment.map((a) => a.runId).join(', ')})` : '';
    return failure('nothing-to-do', `nothing waits for a review of ${environment}${onRun} in ${where}${others}`);
  }
  const runs = chosen.map((a) => describeRun(a.runId, a.run));
  return failure('ambiguous', `${chosen.length} runs wait for a review of ${environment} in ${where}: ${runs.join('; ')}; say which with its run id`);
}

/** Newest first; the platform's order is not trusted (ties by id, numerically when both are). */
export function newestFirst(deployments: readonly Deployment[]): Deployment[] {
  return [...deployments].sort((a, b) => {
    const byTime = Date.parse(b.createdAt) - Date.parse(a.createdAt);
    if (byTime !== 0 && !Number.isNaN(byTime)) return byTime;
    return compareIds(b.id, a.id);
  });
}

/** Whether it reached success at some point, as far as known. */
export function hasSucceeded(d: Deployment): boolean {
  return d.succeeded ?? d.state === 'success';
}

/** What the environment runs now: its newest deployment that succeeded. */
export function currentDeployment(deployments: readonly Deployment[]): Deployment | undefined {
  return newestFirst(deployments).find(hasSucceeded);
}

export interface RollbackChoice {
  to: Deployment;
  /** What runs now (undefined when nothing succeeded yet: then `to` was named explicitly). */
  from: Deployment | undefined;
}

/**
 * What to roll `environment` back to: the deployment `toId` names, or else the newest successful
 * deployment older than the current one. `deployments` must have `succeeded` read.
 */
export function chooseRollback(deployments: readonly Deployment[], environment: string, toId: string | undefined, where: string): Result<RollbackChoice> {
  const sorted = newestFirst(deployments);
  const current = sorted.find(hasSucceeded);
  if (toId !== undefined) {
    const to = sorted.find((d) => d.id === toId);
    if (!to) return failure('nothing-to-do', `deployment ${toId} is not among the deployments of ${environment} in ${where}`);
    if (!hasSucceeded(to)) return failure('nothing-to-do', `deployment ${toId} of ${environment} never succeeded; roll back only to a deployment that did`);
    if (current && to.id === current.id) return failure('nothing-to-do', `deployment ${toId} is what ${environment} runs now`);
    return success({ to, from: current });
  }
  if (!current) return failure('nothing-to-do', `${environment} in ${where} has no successful deployment to roll back from`);
  const currentIndex = sorted.indexOf(current);
  const to = sorted.slice(currentIndex + 1).find(hasSucceeded);
  if (!to) return failure('nothing-to-do', `${environment} in ${where} has no successful deployment before the current one, ${describeDeployment(current)}`);
  return success({ to, from: current });
}

function compareIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
  return a < b ? -1 : a > b ? 1 : 0;
}

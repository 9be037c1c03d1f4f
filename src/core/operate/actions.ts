// Actions as values. A command, the command line and a test describe "approve production for run
// 42" as the same value before a provider carries it out; `describeAction` words it for the
// confirmation a person must give, naming what and where.
import type { OperateError } from './errors';
import type { Deployment, ProtectionRulesInput, Run, RunLabel } from './model';
import { describeTarget, type Target } from './target';

/** A workload of a cluster target. */
export interface RolloutRef {
  namespace: string;
  name: string;
}

export type OperateAction =
  /** Start a run of a pipeline on a ref (GitHub workflow_dispatch, GitLab/Azure new pipeline run). */
  | { kind: 'trigger'; pipeline: { path: string; name?: string }; ref: string; inputs: Record<string, string> }
  /** Approve or reject deployments waiting on one run, one or several environments at once. */
  | {
      kind: 'review';
      decision: 'approve' | 'reject';
      runId: string;
      run?: RunLabel;
      environments: { id: string; name: string }[];
      /** GitHub requires one; the empty string is a valid comment. */
      comment: string;
    }
  | { kind: 'cancel'; runId: string; run?: RunLabel }
  /** Re-run a whole run, or only its failed jobs. */
  | { kind: 'rerun'; runId: string; run?: RunLabel; failedOnly: boolean }
  | { kind: 'rerunJob'; runId: string; jobId: string; jobName?: string; run?: RunLabel }
  /**
   * Put an earlier deployment back: on GitHub, re-run the job that made `to` (the whole run when
   * the job is not known); `from` is what is deployed now.
   */
  | { kind: 'rollback'; environment: string; to: Deployment; from: Deployment | null }
  /** Set an environment's reviewers and wait timer (GitHub: `PUT …/environments/{name}`). */
  | { kind: 'setProtection'; environment: string; rules: ProtectionRulesInput }
  /** GitLab: start a manual job. */
  | { kind: 'playJob'; runId: string; jobId: string; jobName?: string }
  /** Argo Rollouts: go to the next step, or (full) straight to the end. */
  | { kind: 'promote'; rollout: RolloutRef; full: boolean }
  | { kind: 'abort'; rollout: RolloutRef }
  /** Argo Rollouts: retry an aborted rollout. */
  | { kind: 'retryRollout'; rollout: RolloutRef }
  /** Kubernetes / Argo: go back to a revision's pod template. */
  | { kind: 'undo'; rollout: RolloutRef; revision: number };

export type ActionKind = OperateAction['kind'];

export const ACTION_KINDS: readonly ActionKind[] = [
  'trigger', 'review', 'cancel', 'rerun', 'rerunJob', 'rollback', 'setProtection', 'playJob', 'promote', 'abort', 'retryRollout', 'undo',
];

export type ActionOutcome =
  | {
      ok: true;
      /** What happened, for a person ("Approved production for run #42."). */
      message: string;
      /**
       * response: the platform answered that it did it. readback: the answer was lost and
       * reading the state back showed it done.
       */
      settledBy: 'response' | 'readback';
      /** The run the action started or touched, when there is one (trigger, rerun, rollback). */
      runId?: string;
      url?: string;
    }
  | { ok: false; error: OperateError };

export interface ActionDescription {
  /** Short, for a button or a modal's title: "Approve deployment". */
  title: string;
  /** The whole question, naming what and where: "Approve … in acme/shop?" */
  question: string;
}

/** The words of a confirmation: what the action does, on what, where. */
export function describeAction(action: OperateAction, target: Target): ActionDescription {
  const where = describeTarget(target);
  switch (action.kind) {
    case 'trigger': {
      const inputs = Object.entries(action.inputs);
      const withInputs = inputs.length > 0 ? ` with ${inputs.map(([k, v]) => `${k}=${v}`).join(', ')}` : '';
      return { title: 'Run workflow', question: `Run ${action.pipeline.path} on ${action.ref} in ${where}${withInputs}?` };
    }
    case 'review': {
      const verb = action.decision === 'approve' ? 'Approve' : 'Reject';
      const envs = joinNames(action.environments.map((e) => e.name));
      const plural = action.environments.length === 1 ? 'deployment' : 'deployments';
      return { title: `${verb} ${plural}`, question: `${verb} the ${plural} to ${envs} of ${describeRun(action.runId, action.run)} in ${where}?` };
    }
    case 'cancel':
      return { title: 'Cancel run', question: `Cancel ${describeRun(action.runId, action.run)} in ${where}?` };
    case 'rerun':
      return {
        title: action.failedOnly ? 'Re-run failed jobs' : 'Re-run',
        question: `Re-run ${action.failedOnly ? 'the failed jobs of ' : ''}${describeRun(action.runId, action.run)} in ${where}?`,
      };
    case 'rerunJob':
      return {
        title: 'Re-run job',
        question: `Re-run job ${action.jobName !== undefined ? `"${action.jobName}"` : action.jobId} of ${describeRun(action.runId, action.run)} in ${where}?`,
      };
    case 'rollback': {
      const now = action.from ? `, replacing ${describeDeployment(action.from)}` : '';
      const how = action.to.runId !== undefined ? ` by re-running ${action.to.jobId !== undefined ? 'its deploy job' : 'its run'} (run ${action.to.runId})` : '';
      return {
        title: 'Roll back environment',
        question: `Roll back ${action.environment} in ${where} to ${describeDeployment(action.to)}${now}${how}?`,
      };
    }
    case 'setProtection': {
      const r = action.rules;
      const reviewers = r.reviewers.length === 0 ? 'no required reviewers' : `${r.reviewers.length} required reviewer${r.reviewers.length === 1 ? '' : 's'}`;
      const timer = r.waitTimerMinutes > 0 ? `a ${r.waitTimerMinutes}-minute wait timer` : 'no wait timer';
      const self = r.preventSelfReview ? ', self-review prevented' : '';
      return {
        title: 'Set protection rules',
        question: `Set the protection rules of environment ${action.environment} in ${where} to ${reviewers}, ${timer}${self}?`,
      };
    }
    case 'playJob':
      return {
        title: 'Run manual job',
        question: `Run the manual job ${action.jobName !== undefined ? `"${action.jobName}"` : action.jobId} of pipeline ${action.runId} in ${where}?`,
      };
    case 'promote':
      return {
        title: action.full ? 'Promote fully' : 'Promote',
        question: `${action.full ? 'Promote all the way' : 'Promote to the next step'}: ${action.rollout.name} in ${where}?`,
      };
    case 'abort':
      return { title: 'Abort rollout', question: `Abort the rollout of ${action.rollout.name} in ${where}?` };
    case 'retryRollout':
      return { title: 'Retry rollout', question: `Retry the aborted rollout of ${action.rollout.name} in ${where}?` };
    case 'undo':
      return { title: 'Undo rollout', question: `Roll ${action.rollout.name} in ${where} back to revision ${action.revision}?` };
  }
}

/** What a confirmation says of a run. */
export function runLabel(run: Run): RunLabel {
  return {
    ...(run.number !== undefined ? { number: run.number } : {}),
    title: run.title,
    headSha: run.headSha,
    ...(run.headBranch !== null ? { headBranch: run.headBranch } : {}),
    ...(run.pipeline.path !== undefined ? { pipeline: run.pipeline.path } : {}),
  };
}

/** "run #42 "Fix login" (a1b2c3d on main)", or "run 9001" when nothing else is known. */
export function describeRun(runId: string, label: RunLabel | undefined): string {
  const name = label?.number !== undefined ? `run #${label.number}` : `run ${runId}`;
  const title = label?.title ? ` "${label.title}"` : '';
  const at = [label?.headSha ? shortSha(label.headSha) : undefined, label?.headBranch ? `on ${label.headBranch}` : undefined].filter(Boolean);
  return `${name}${title}${at.length > 0 ? ` (${at.join(' ')})` : ''}`;
}

/** "a1b2c3d (main, 2026-11-28 by alice)". */
export function describeDeployment(d: Deployment): string {
  const details = [d.ref !== d.sha ? d.ref : undefined, d.createdAt.slice(0, 10), d.creator ? `by ${d.creator.login}` : undefined].filter(Boolean);
  return `${shortSha(d.sha)} (${details.join(', ')})`;
}

export function shortSha(sha: string): string {
  return /^[0-9a-f]{40}$/i.test(sha) ? sha.slice(0, 7) : sha;
}

function joinNames(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

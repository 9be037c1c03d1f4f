// The GitHub provider's actions. Each reads the state it depends on, sends its write once, and —
// when the answer is lost (5xx, time-out, broken connection) — reads the state back to tell
// whether GitHub did it, instead of sending it again. Approvals go to
// `POST …/runs/{run_id}/pending_deployments`, never `…/runs/{id}/approve` (fork pull requests).
import { describeDeployment, describeRun, runLabel, shortSha, type ActionOutcome, type OperateAction } from '../../core/operate/actions';
import type { OperateError } from '../../core/operate/errors';
import type { ProtectionRulesInput, Run } from '../../core/operate/model';
import { describeTarget } from '../../core/operate/target';
import type { ApiResponse } from './client';
import * as map from './payloads';
import { readPending, readReviews, readRun, readRuns, workflowFile } from './reads';
import { GitHubCallError, type GitHubSession } from './session';
import { Fields, PayloadError } from '../shared/fields';

type Verdict = { done: true; message: string; runId?: string; url?: string } | { done: false; error: OperateError };

export interface ActionContext {
  /** GitHub.com answers a dispatch with the new run (`return_run_details`); GHES 3.19 does not. */
  dispatchReturnsRun: boolean;
  /** The signed-in account's login (read once per provider). */
  viewer: () => Promise<string>;
}

const DISPATCH = 'POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches';
const REVIEW = 'POST /repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments';
const CANCEL = 'POST /repos/{owner}/{repo}/actions/runs/{run_id}/cancel';
const RERUN = 'POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun';
const RERUN_FAILED = 'POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun-failed-jobs';
const RERUN_JOB = 'POST /repos/{owner}/{repo}/actions/jobs/{job_id}/rerun';
const GET_ENVIRONMENT = 'GET /repos/{owner}/{repo}/environments/{environment_name}';
const PUT_ENVIRONMENT = 'PUT /repos/{owner}/{repo}/environments/{environment_name}';

/** How long to look for a dispatched run GitHub did not name, and how often. */
const DISPATCH_LOOKS = 5;
const DISPATCH_LOOK_EVERY_MS = 2000;
/** GitHub re-runs only runs of the last 30 days (its retention window for re-runs). */
const RETENTION_NOTE = 'GitHub re-runs only workflow runs from the last 30 days';

export async function performAction(s: GitHubSession, action: OperateAction, ctx: ActionContext): Promise<ActionOutcome> {
  try {
    switch (action.kind) {
      case 'trigger':
        return await trigger(s, action, ctx);
      case 'review':
        return await review(s, action, ctx);
      case 'cancel':
        return await cancel(s, action.runId);
      case 'rerun':
        return await rerun(s, action.runId, action.failedOnly ? { route: RERUN_FAILED, params: {} } : { route: RERUN, params: {} }, action.failedOnly ? 'the failed jobs of ' : '');
      case 'rerunJob':
        return await rerun(s, action.runId, { route: RERUN_JOB, params: { job_id: action.jobId } }, `job ${action.jobName !== undefined ? `"${action.jobName}"` : action.jobId} of `);
      case 'rollback':
        return await rollback(s, action);
      case 'setProtection':
        return await setProtection(s, action.environment, action.rules);
      default:
        return { ok: false, error: { kind: 'unsupported', message: `GitHub has no "${action.kind}" action` } };
    }
  } catch (e) {
    if (e instanceof GitHubCallError) return { ok: false, error: e.info.error };
    if (e instanceof PayloadError) return { ok: false, error: { kind: 'malformed', message: `GitHub's answer is not what its API describes (${e.message}); nothing more was sent` } };
    throw e;
  }
}

function where(s: GitHubSession): string {
  return describeTarget(s.target);
}

/**
 * Sends a write once. A lost answer is settled by `readBack`; a refusal may be explained by
 * `explain` (it reads why: "already approved by octocat").
 */
async function writeOnce(
  s: GitHubSession,
  route: string,
  params: Record<string, unknown>,
  what: string,
  handlers: { readBack: () => Promise<Verdict>; onAnswer: (r: ApiResponse) => Promise<Verdict> | Verdict; explain?: (e: OperateError) => Promise<Verdict | undefined> },
): Promise<ActionOutcome> {
  let response: ApiResponse;
  try {
    response = await s.send(route, { ...s.repo, ...params }, what);
  } catch (e) {
    if (!(e instanceof GitHubCallError)) throw e;
    if (e.info.answerLost) return settleByReading(e.info.error, handlers.readBack);
    const explained = handlers.explain ? await handlers.explain(e.info.error) : undefined;
    return outcome(explained ?? { done: false, error: e.info.error }, 'response');
  }
  return outcome(await handlers.onAnswer(response), 'response');
}

async function settleByReading(lost: OperateError, readBack: () => Promise<Verdict>): Promise<ActionOutcome> {
  try {
    return outcome(await readBack(), 'readback');
  } catch (e) {
    if (!(e instanceof GitHubCallError) && !(e instanceof PayloadError)) throw e;
    const why = e instanceof GitHubCallError ? e.info.error.message : e.message;
    return { ok: false, error: { kind: 'unknown-outcome', message: `${lost.message}; reading the state back failed too (${why}), so it is not known whether it was done — check before trying again`, remedy: 'open-in-browser' } };
  }
}

function outcome(v: Verdict, settledBy: 'response' | 'readback'): ActionOutcome {
  if (!v.done) return { ok: false, error: v.error };
  return { ok: true, message: v.message, settledBy, ...(v.runId !== undefined ? { runId: v.runId } : {}), ...(v.url !== undefined ? { url: v.url } : {}) };
}

function notDone(lostBecause: string, what: string): Verdict {
  return { done: false, error: { kind: 'not-done', message: `GitHub did not answer (${lostBecause}), and reading back shows ${what} was not done; nothing changed`, remedy: 'retry' } };
}

async function trigger(s: GitHubSession, action: Extract<OperateAction, { kind: 'trigger' }>, ctx: ActionContext): Promise<ActionOutcome> {
  const path = action.pipeline.path;
  const label = `${path} on ${action.ref} in ${where(s)}`;
  // The dispatched runs there already, so that ours can be told apart if GitHub does not name it.
  const dispatched = async () => (await readRuns(s, { pipeline: path, branch: action.ref, limit: 20 })).filter((r) => r.event === 'workflow_dispatch');
  const before = new Set((await dispatched()).map((r) => r.id));
  const newRun = async (): Promise<Run | undefined> => (await dispatched()).find((r) => !before.has(r.id));
  const started = (run: { id: string; number?: number; url?: string }, how = ''): Verdict => ({
    done: true,
    message: `Started ${label} (run ${run.number !== undefined ? `#${run.number}` : run.id})${how}.`,
    runId: run.id,
    ...(run.url !== undefined ? { url: run.url } : {}),
  });
  return writeOnce(s, DISPATCH, { workflow_id: workflowFile(path), ref: action.ref, inputs: action.inputs, ...(ctx.dispatchReturnsRun ? { return_run_details: true } : {}) }, `workflow ${path} of ${where(s)}`, {
    readBack: async () => {
      const run = await newRun();
      return run ? started(run, ', confirmed by reading the runs back') : notDone('its answer was lost', `starting ${label}`);
    },
    onAnswer: async (response) => {
      if (response.status === 200 && response.data !== undefined && response.data !== '') {
        const d = map.dispatchResponse(response.data, 'body');
        return started({ id: d.runId, url: d.url });
      }
      for (let look = 0; look < DISPATCH_LOOKS; look++) {
        const run = await newRun();
        if (run) return started(run);
        await s.sleep(DISPATCH_LOOK_EVERY_MS);
      }
      return { done: true, message: `Started ${label}; GitHub has not listed the new run yet.` };
    },
  });
}

async function review(s: GitHubSession, action: Extract<OperateAction, { kind: 'review' }>, ctx: ActionContext): Promise<ActionOutcome> {
  const state = action.decision === 'approve' ? 'approved' : 'rejected';
  const bad = action.environments.find((e) => !/^\d+$/.test(e.id));
  if (bad) return { ok: false, error: { kind: 'invalid-input', message: `environment id "${bad.id}" of ${bad.name} is not a GitHub environment id` } };
  if (action.environments.length === 0) return { ok: false, error: { kind: 'invalid-input', message: 'no environment to review' } };
  const run = await readRun(s, action.runId);
  const runText = describeRun(run.id, runLabel(run));
  const names = action.environments.map((e) => e.name).join(' and ');
  // Re-read what waits: another reviewer may have been quicker, or this account may not be a reviewer.
  const check = await whyNotPending(s, run, action.environments, ctx);
  if (check) return { ok: false, error: check };
  const verb = action.decision === 'approve' ? 'Approved' : 'Rejected';
  const message = `${verb} the deployment${action.environments.length === 1 ? '' : 's'} to ${names} of ${runText} in ${where(s)}.`;
  return writeOnce(s, REVIEW, { run_id: run.id, environment_ids: action.environments.map((e) => Number(e.id)), state, comment: action.comment }, `the deployments ${runText} waits for`, {
    onAnswer: () => ({ done: true, message }),
    explain: async (refusal) => {
      const moved = await whyNotPending(s, run, action.environments, ctx);
      return moved ? { done: false, error: moved } : { done: false, error: refusal };
    },
    readBack: async () => {
      const login = await ctx.viewer();
      const pending = await readPending(s, run);
      const stillPending = action.environments.filter((e) => pending.some((p) => p.environment.id === e.id));
      if (stillPending.length === action.environments.length) return notDone('its answer was lost', `the review of ${names}`);
      const reviews = await readReviews(s, run.id);
      const mine = reviews.find((r) => r.user.login === login && r.decision === state && action.environments.every((e) => r.environments.includes(e.name)));
      if (mine) return { done: true, message: `${message.slice(0, -1)}, confirmed by reading the reviews back.` };
      return { done: false, error: (await whyNotPending(s, run, action.environments, ctx)) ?? { kind: 'unknown-outcome', message: `GitHub did not answer, and ${names} no longer wait${action.environments.length === 1 ? 's' : ''} without a review of yours on record` } };
    },
  });
}

/** Why a review cannot be given now: already reviewed (by whom), not waiting, or not a reviewer. */
async function whyNotPending(s: GitHubSession, run: Run, environments: { id: string; name: string }[], ctx: ActionContext): Promise<OperateError | undefined> {
  const pending = await readPending(s, run);
  const runText = describeRun(run.id, runLabel(run));
  for (const env of environments) {
    const entry = pending.find((p) => p.environment.id === env.id);
    if (!entry) {
      const reviews = await readReviews(s, run.id);
      const done = reviews.find((r) => r.environments.includes(env.name));
      if (done) {
        const login = await ctx.viewer();
        const by = done.user.login === login ? 'you' : done.user.login;
        return { kind: 'conflict', message: `${env.name} of ${runText} was already ${done.decision} by ${by}${done.comment ? ` ("${done.comment}")` : ''}` };
      }
      return { kind: 'conflict', message: `${runText} in ${where(s)} no longer waits for a review of ${env.name} (it is ${run.status === 'completed' ? `finished: ${run.conclusion ?? 'done'}` : run.status.replace('_', ' ')})` };
    }
    if (!entry.canApprove) {
      const who = entry.reviewers.map((r) => `${r.kind} ${r.name}`).join(', ');
      return { kind: 'forbidden', message: `this account may not review deployments to ${env.name}${who ? `; its reviewers are ${who}` : ''}` };
    }
  }
  return undefined;
}

async function cancel(s: GitHubSession, runId: string): Promise<ActionOutcome> {
  const run = await readRun(s, runId);
  const runText = `${describeRun(run.id, runLabel(run))} in ${where(s)}`;
  if (run.status === 'completed') return { ok: false, error: { kind: 'conflict', message: `${runText} already finished (${run.conclusion ?? 'done'})` } };
  return writeOnce(s, CANCEL, { run_id: runId }, runText, {
    onAnswer: () => ({ done: true, message: `Asked GitHub to cancel ${runText}.`, runId, ...(run.url !== undefined ? { url: run.url } : {}) }),
    readBack: async () => {
      const now = await readRun(s, runId);
      if (now.status === 'completed' && now.conclusion === 'cancelled') return { done: true, message: `${runText} is cancelled, confirmed by reading it back.`, runId };
      if (now.status === 'completed') return { done: false, error: { kind: 'conflict', message: `${runText} finished meanwhile (${now.conclusion ?? 'done'})` } };
      return { done: false, error: { kind: 'unknown-outcome', message: `GitHub did not answer and ${runText} is still ${now.status.replace('_', ' ')}: the cancel may not have arrived; check it, then cancel again if needed` } };
    },
  });
}

/** Re-runs a run, its failed jobs, or one job: a new attempt of the same run. */
async function rerun(s: GitHubSession, runId: string, how: { route: string; params: Record<string, unknown> }, part: string): Promise<ActionOutcome> {
  const run = await readRun(s, runId);
  const runText = `${part}${describeRun(run.id, runLabel(run))} in ${where(s)}`;
  if (run.status !== 'completed') return { ok: false, error: { kind: 'conflict', message: `${describeRun(run.id, runLabel(run))} is still ${run.status.replace('_', ' ')}; it can be re-run once it finishes` } };
  const attempt = run.attempt ?? 1;
  return writeOnce(s, how.route, { run_id: runId, ...how.params }, runText, {
    onAnswer: () => ({ done: true, message: `Re-running ${runText} (attempt ${attempt + 1}).`, runId, ...(run.url !== undefined ? { url: run.url } : {}) }),
    explain: async (refusal) => (refusal.kind === 'forbidden' || refusal.kind === 'refused' ? { done: false, error: { ...refusal, kind: 'refused', message: `${refusal.message.replace(/ — .*$/, '')}. ${RETENTION_NOTE}, and only once it has finished` } } : undefined),
    readBack: async () => {
      const now = await readRun(s, runId);
      return (now.attempt ?? 1) > attempt ? { done: true, message: `Re-running ${runText} (attempt ${now.attempt}), confirmed by reading it back.`, runId } : notDone('its answer was lost', `re-running ${runText}`);
    },
  });
}

async function rollback(s: GitHubSession, action: Extract<OperateAction, { kind: 'rollback' }>): Promise<ActionOutcome> {
  const to = action.to;
  if (to.runId === undefined) {
    return { ok: false, error: { kind: 'unsupported', message: `deployment ${to.id} (${describeDeployment(to)}) was not made by a GitHub Actions run; Pipewright rolls back by re-running the run that made a deployment` } };
  }
  const target = `${action.environment} to ${shortSha(to.sha)}`;
  let result: ActionOutcome | undefined;
  if (to.jobId !== undefined) {
    result = await rerun(s, to.runId, { route: RERUN_JOB, params: { job_id: to.jobId } }, 'the deploy job of ');
    // The job may be gone (an attempt GitHub no longer keeps): the whole run makes the deployment again.
    if (!result.ok && result.error.kind === 'not-found') result = undefined;
  }
  result ??= await rerun(s, to.runId, { route: RERUN, params: {} }, '');
  if (!result.ok) return result;
  return { ...result, message: `Rolling back ${target}: ${result.message.charAt(0).toLowerCase()}${result.message.slice(1)} It may wait for approval again.` };
}

async function setProtection(s: GitHubSession, environment: string, rules: ProtectionRulesInput): Promise<ActionOutcome> {
  const invalid = rules.reviewers.find((r) => (r.kind !== 'user' && r.kind !== 'team') || !/^\d+$/.test(r.id));
  if (invalid) return { ok: false, error: { kind: 'invalid-input', message: `GitHub reviewers are users or teams by numeric id; got ${invalid.kind} "${invalid.id}"` } };
  if (rules.reviewers.length > 6) return { ok: false, error: { kind: 'invalid-input', message: `GitHub allows at most six required reviewers; got ${rules.reviewers.length}` } };
  if (!Number.isInteger(rules.waitTimerMinutes) || rules.waitTimerMinutes < 0 || rules.waitTimerMinutes > 43_200) {
    return { ok: false, error: { kind: 'invalid-input', message: `the wait timer must be a whole number of minutes from 0 to 43200 (30 days); got ${rules.waitTimerMinutes}` } };
  }
  const what = `environment ${environment} of ${where(s)}`;
  // The branch policy is not part of what is set here: send it back as it is.
  const current = Fields.of(await s.get(GET_ENVIRONMENT, { ...s.repo, environment_name: environment }, what), 'body');
  const policy = current.optObject('deployment_branch_policy');
  const body = {
    environment_name: environment,
    wait_timer: rules.waitTimerMinutes,
    prevent_self_review: rules.preventSelfReview,
    reviewers: rules.reviewers.map((r) => ({ type: r.kind === 'user' ? 'User' : 'Team', id: Number(r.id) })),
    deployment_branch_policy: policy ? { protected_branches: policy.boolean('protected_branches'), custom_branch_policies: policy.boolean('custom_branch_policies') } : null,
  };
  const matches = (value: unknown): boolean => {
    const env = map.environment(value, 'body');
    const ids = new Set(env.protection.reviewers.map((r) => `${r.kind}:${r.id}`));
    return (
      env.protection.waitTimerMinutes === rules.waitTimerMinutes &&
      env.protection.preventSelfReview === (rules.reviewers.length > 0 && rules.preventSelfReview) &&
      ids.size === rules.reviewers.length &&
      rules.reviewers.every((r) => ids.has(`${r.kind}:${r.id}`))
    );
  };
  const message = `Set the protection rules of ${what}.`;
  return writeOnce(s, PUT_ENVIRONMENT, body, what, {
    onAnswer: () => ({ done: true, message }),
    readBack: async () => (matches(await s.get(GET_ENVIRONMENT, { ...s.repo, environment_name: environment }, what)) ? { done: true, message: `${message.slice(0, -1)}, confirmed by reading it back.` } : notDone('its answer was lost', `setting the rules of ${what}`)),
  });
}

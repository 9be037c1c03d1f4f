// The words the sidebar, the status bar and the notifications show for runs, jobs, deployments
// and approvals: one place, so the three say the same thing the same way. No `vscode` import;
// `now` is passed in, so tests pin it.
import { shortSha } from '../../core/operate/actions';
import type { Deployment, DeploymentState, Job, PendingApproval, Reviewer, Run } from '../../core/operate/model';
import { describeLight, durationMs, formatDuration, lightOf, type StatusLight } from '../../core/operate/status';

/** "just now", "5 min ago", "3 h ago", "2 days ago", then the date. */
export function relativeTime(iso: string | undefined, now: number): string {
  if (iso === undefined) return '';
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '';
  const minutes = Math.floor((now - at) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.floor(hours / 24);
  if (days < 14) return `${days} day${days === 1 ? '' : 's'} ago`;
  return iso.slice(0, 10);
}

/** The light a deployment's state shows (an `inactive` one was replaced by a later deployment). */
export function deploymentLight(state: DeploymentState): StatusLight {
  switch (state) {
    case 'success':
      return 'success';
    case 'failure':
    case 'error':
      return 'failure';
    case 'in_progress':
      return 'in_progress';
    case 'queued':
    case 'pending':
      return 'queued';
    case 'waiting':
      return 'waiting';
    case 'cancelled':
      return 'cancelled';
    case 'inactive':
      return 'neutral';
  }
}

export function describeDeploymentState(state: DeploymentState): string {
  return state === 'inactive' ? 'replaced' : state === 'error' ? 'errored' : describeLight(deploymentLight(state));
}

/** "main 1b4d5e6 · succeeded · mona · 2 h ago" (the ref is left out when it is the sha). */
export function deploymentSummary(d: Deployment, now: number): string {
  const what = d.ref !== d.sha ? `${d.ref} ${shortSha(d.sha)}` : shortSha(d.sha);
  return [what, describeDeploymentState(d.state), d.creator?.login, relativeTime(d.createdAt, now)].filter((x) => x).join(' · ');
}

/** "Deploy #57", or the pipeline's path and the run id when there is no name or number. */
export function runTitle(run: Run): string {
  const name = run.pipeline.name ?? run.pipeline.path?.split('/').pop() ?? 'Run';
  return `${name} ${run.number !== undefined ? `#${run.number}` : run.id}`;
}

/** "in progress · main 4d5e6f7 · push · 2 min ago". */
export function runSummary(run: Run, now: number): string {
  const at = [run.headBranch ?? undefined, shortSha(run.headSha)].filter((x) => x).join(' ');
  return [describeLight(lightOf(run)), at, run.event, relativeTime(run.createdAt, now)].filter((x) => x).join(' · ');
}

/** "succeeded in 1 min 05 s", "in progress for 45 s", "queued". */
export function jobSummary(job: Job, now: number): string {
  const light = lightOf(job);
  const took = durationMs(job, now);
  if (took === undefined) return describeLight(light);
  return `${describeLight(light)} ${job.status === 'completed' ? 'in' : 'for'} ${formatDuration(took)}`;
}

/** "Release managers or mona", "anyone with write access" when no reviewers are listed. */
export function reviewersText(reviewers: readonly Reviewer[]): string {
  if (reviewers.length === 0) return 'anyone who may deploy';
  const names = reviewers.map((r) => r.name);
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

/**
 * What a waiting run waits for: "production-eu (approval by Release managers), production-us
 * (approval by mona or octocat, then a 5-minute wait timer)".
 */
export function waitsFor(pending: readonly PendingApproval[]): string {
  return pending
    .map((p) => {
      const timer = p.waitTimerMinutes > 0 ? `, then a ${p.waitTimerMinutes}-minute wait timer` : '';
      return `${p.environment.name} (approval by ${reviewersText(p.reviewers)}${timer})`;
    })
    .join(', ');
}

/** "Release 1.5.0 · run #12 · 4d5e6f7 on main · waiting 10 min 00 s" (without the run's number when the item is named by it). */
export function approvalSummary(a: PendingApproval, now: number, withRunNumber = true): string {
  const run = a.run;
  const runName = !withRunNumber ? undefined : run?.number !== undefined ? `run #${run.number}` : `run ${a.runId}`;
  const at = [run?.headSha ? shortSha(run.headSha) : undefined, run?.headBranch ? `on ${run.headBranch}` : undefined].filter((x) => x).join(' ');
  const since = a.since !== undefined && !Number.isNaN(Date.parse(a.since)) ? `waiting ${formatDuration(Math.max(0, now - Date.parse(a.since)))}` : undefined;
  return [run?.title, runName, at, since].filter((x) => x).join(' · ');
}

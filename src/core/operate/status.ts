// One word for the state of a run, a job or a group of jobs — what a status icon, a designer node
// and a notification show — and the rules for combining several (a matrix job's instances).
import type { Conclusion, DeploymentState, Job, RunStatus } from './model';

/** The states the designer overlay and the views tell apart. */
export type StatusLight = 'queued' | 'in_progress' | 'waiting' | 'success' | 'failure' | 'cancelled' | 'skipped' | 'neutral';

export const STATUS_LIGHTS: readonly StatusLight[] = ['queued', 'in_progress', 'waiting', 'success', 'failure', 'cancelled', 'skipped', 'neutral'];

/** Worst first: a group shows the worst of its members. */
const SEVERITY: readonly StatusLight[] = ['failure', 'cancelled', 'waiting', 'in_progress', 'queued', 'success', 'neutral', 'skipped'];

export function lightOf(item: { status: RunStatus; conclusion: Conclusion | null }): StatusLight {
  if (item.status !== 'completed') return item.status;
  switch (item.conclusion) {
    case 'success':
      return 'success';
    case 'failure':
    case 'timed_out':
      return 'failure';
    case 'cancelled':
      return 'cancelled';
    case 'skipped':
      return 'skipped';
    case 'neutral':
    case null:
      return 'neutral';
  }
}

/** The worst of several lights; undefined for none. */
export function worstLight(lights: Iterable<StatusLight>): StatusLight | undefined {
  let worst: number | undefined;
  for (const l of lights) {
    const rank = SEVERITY.indexOf(l);
    if (worst === undefined || rank < worst) worst = rank;
  }
  return worst === undefined ? undefined : SEVERITY[worst];
}

/** Still moving: the scheduler polls such things often, views animate them. */
export function isActive(item: { status: RunStatus }): boolean {
  return item.status !== 'completed';
}

/** Words for a light, for tooltips, tree items and screen readers. */
export function describeLight(light: StatusLight): string {
  switch (light) {
    case 'queued':
      return 'queued';
    case 'in_progress':
      return 'in progress';
    case 'waiting':
      return 'waiting for approval';
    case 'success':
      return 'succeeded';
    case 'failure':
      return 'failed';
    case 'cancelled':
      return 'cancelled';
    case 'skipped':
      return 'skipped';
    case 'neutral':
      return 'finished';
  }
}

/**
 * How long a job or run has taken: start to completion, or start to `now` while it runs.
 * Undefined before it started or when the times are unreadable.
 */
export function durationMs(item: Pick<Job, 'startedAt' | 'completedAt' | 'status'>, now: number): number | undefined {
  if (item.startedAt === undefined) return undefined;
  const start = Date.parse(item.startedAt);
  const end = item.status === 'completed' && item.completedAt !== undefined ? Date.parse(item.completedAt) : now;
  if (Number.isNaN(start) || Number.isNaN(end)) return undefined;
  return Math.max(0, end - start);
}

/** "45 s", "3 min 05 s", "1 h 02 min". */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

/** Whether a deployment in this state is finished (no longer changes by itself). */
export function isDeploymentSettled(state: DeploymentState): boolean {
  return state === 'success' || state === 'failure' || state === 'error' || state === 'cancelled' || state === 'inactive';
}

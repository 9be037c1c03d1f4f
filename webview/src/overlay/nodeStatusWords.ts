// Words for a node's run status: the badge's short text, and the sentence a screen reader reads
// (the node's description) and the tooltip shows. Pure.
import type { OverlayEnvironment, OverlayNodeStatus } from '../../../src/core/operate/overlay';
import { overlaySpanMs } from '../../../src/core/operate/overlay';
import { describeLight, formatDuration } from '../../../src/core/operate/status';

/** The DOM id of a node's status badge: the node's `aria-describedby`. */
export function runStatusId(nodeId: string): string {
  return `pw-run-status-${encodeURIComponent(nodeId)}`;
}

/** The DOM id of the gate words on a node's environment row (GitHub's protection rules). */
export function environmentGateId(nodeId: string): string {
  return `pw-env-gate-${encodeURIComponent(nodeId)}`;
}

/** "×3 · 2 min 50 s": the instance count (matrix) and how long the node has run. */
export function badgeText(status: OverlayNodeStatus, now: number): string {
  const span = overlaySpanMs(status, now);
  return [status.count > 1 ? `×${status.count}` : undefined, span !== undefined ? formatDuration(span) : undefined].filter(Boolean).join(' · ');
}

/** "Run status: failed, worst of 3 jobs, 2 min 50 s." */
export function statusSentence(status: OverlayNodeStatus, now: number): string {
  const span = overlaySpanMs(status, now);
  const parts = [`Run status: ${describeLight(status.light)}`];
  if (status.count > 1) parts.push(`worst of ${status.count} jobs`);
  if (span !== undefined) parts.push(formatDuration(span));
  return `${parts.join(', ')}.`;
}

/** "Required reviewers: release-managers; wait timer 5 min; protected branches only." */
export function rulesSentence(env: OverlayEnvironment, owner: string): string {
  const r = env.rules;
  const parts: string[] = [];
  if (r.reviewers.length > 0) parts.push(`Required reviewers: ${r.reviewers.map((x) => (x.kind === 'team' ? `${owner}/${x.name}` : x.name)).join(', ')}${r.preventSelfReview ? ' (not the person who started it)' : ''}`);
  if (r.waitTimerMinutes > 0) parts.push(`wait timer ${r.waitTimerMinutes} min`);
  if (r.branchPolicy !== 'all') parts.push(r.branchPolicy === 'protected' ? 'protected branches only' : 'selected branches only');
  if (r.otherChecks.length > 0) parts.push(`other checks: ${r.otherChecks.join(', ')}`);
  if (parts.length === 0) return 'No protection rules: any run may deploy.';
  const text = parts.join('; ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

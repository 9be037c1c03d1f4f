// The host's `overlay` message checked before use, like every host message: a malformed one is
// reported and not shown.
import { STATUS_LIGHTS, type StatusLight } from '../../../src/core/operate/status';
import { parseRunChoice, type OverlayRunOption, type RunOverlay } from '../../../src/shared/protocol';
import { isRecord } from '../hostMessages';

export type OverlayCheck = { ok: true; overlay: RunOverlay } | { ok: false; error: string };

export function checkOverlay(raw: Record<string, unknown>): OverlayCheck {
  const fail = (error: string): OverlayCheck => ({ ok: false, error: `overlay.${error}` });
  if (raw.state === 'absent') {
    return typeof raw.reason === 'string' ? { ok: true, overlay: { state: 'absent', reason: raw.reason } } : fail('reason must be a string');
  }
  if (raw.state !== 'shown') return fail('state must be "absent" or "shown"');
  if (typeof raw.where !== 'string' || typeof raw.owner !== 'string') return fail('where and owner must be strings');
  if (raw.branch !== undefined && typeof raw.branch !== 'string') return fail('branch must be a string');
  if (raw.note !== undefined && typeof raw.note !== 'string') return fail('note must be a string');
  if (!Array.isArray(raw.runs) || !raw.runs.every(isRunOption)) return fail('runs must be a list of {id, label, detail, light}');
  const choice = parseRunChoice(raw.choice);
  if (!choice) return fail('choice is not a run choice');
  if (raw.run !== undefined && !(isRunOption(raw.run) && typeof (raw.run as unknown as Record<string, unknown>).finished === 'boolean')) return fail('run must be a run with "finished"');
  if (!isRecord(raw.nodes) || !Object.values(raw.nodes).every(isNodeStatus)) return fail('nodes must map node ids to {light, count, jobs}');
  if (!isRecord(raw.environments) || !Object.values(raw.environments).every(isEnvironment)) return fail('environments must map names to {name, rules, gated}');
  if (typeof raw.canAdminister !== 'boolean') return fail('canAdminister must be a boolean');
  return { ok: true, overlay: raw as unknown as RunOverlay };
}

function isLight(v: unknown): v is StatusLight {
  return typeof v === 'string' && (STATUS_LIGHTS as readonly string[]).includes(v);
}

function isRunOption(v: unknown): v is OverlayRunOption {
  return isRecord(v) && typeof v.id === 'string' && typeof v.label === 'string' && typeof v.detail === 'string' && isLight(v.light);
}

function isNodeStatus(v: unknown): boolean {
  if (!isRecord(v) || !isLight(v.light) || !Number.isInteger(v.count) || !Array.isArray(v.jobs)) return false;
  const time = (t: unknown) => t === undefined || (typeof t === 'number' && Number.isFinite(t));
  return time(v.startedAt) && time(v.endedAt) && v.jobs.every((j) => isRecord(j) && typeof j.id === 'string' && typeof j.name === 'string' && isLight(j.light));
}

function isEnvironment(v: unknown): boolean {
  if (!isRecord(v) || typeof v.name !== 'string' || typeof v.gated !== 'boolean' || !isRecord(v.rules)) return false;
  const r = v.rules;
  return (
    Array.isArray(r.reviewers) &&
    r.reviewers.every((x) => isRecord(x) && (x.kind === 'user' || x.kind === 'team' || x.kind === 'group' || x.kind === 'role') && typeof x.id === 'string' && typeof x.name === 'string') &&
    Number.isInteger(r.waitTimerMinutes) &&
    typeof r.preventSelfReview === 'boolean' &&
    (r.branchPolicy === 'all' || r.branchPolicy === 'protected' || r.branchPolicy === 'custom') &&
    Array.isArray(r.otherChecks)
  );
}

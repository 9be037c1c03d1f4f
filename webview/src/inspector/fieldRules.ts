// What the inspector checks while the user types, so a value the host would refuse for its form
// is caught next to the field: ids by each dialect's rule, durations, URLs, canary steps, approver
// lists, timeouts and rolling parameters. Pure; each returns the value to send or a message.
import { isDuration } from '../../../src/core/edit/operations';
import type { Dialect, GraphNode } from '../../../src/core/model';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const problem = (message: string): { ok: false; message: string } => ({ ok: false, message });

// GitHub `jobs.<job_id>`; Azure stage and job names. GitLab is checked by what it must not be.
const GITHUB_JOB_ID = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const AZURE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
// Top-level keys GitLab reads as settings (mirrors src/core/dialects/gitlab/topLevel.ts).
const GITLAB_SETTINGS = new Set([
  'stages', 'types', 'variables', 'default', 'workflow', 'include', 'image', 'services', 'cache',
  'before_script', 'after_script', 'spec',
]);

/** The id as typed, checked against the dialect's rule for a job (or Azure stage) name. */
export function parseId(dialect: Dialect, role: GraphNode['role'], text: string): Parsed<string> {
  const id = text.trim();
  if (id === '') return problem('Enter an id.');
  switch (dialect) {
    case 'github':
      return GITHUB_JOB_ID.test(id) ? ok(id) : problem('A GitHub job id starts with a letter or _ and holds only letters, digits, - and _.');
    case 'azure':
      return AZURE_NAME.test(id)
        ? ok(id)
        : problem(`An Azure ${role === 'stage' ? 'stage' : 'job'} name holds only letters, digits and _, and does not start with a digit.`);
    case 'gitlab':
      if (id.startsWith('.')) return problem('A name starting with a dot is a hidden template GitLab never runs.');
      if (GITLAB_SETTINGS.has(id) || id === '<<') return problem(`"${id}" is a GitLab setting, not a job name.`);
      if (id.length > 255) return problem('GitLab job names are at most 255 characters.');
      return ok(id);
  }
}

/** A wait such as "30 minutes" or "1h 30m". */
export function parseDuration(text: string): Parsed<string> {
  const value = text.trim();
  if (value === '') return problem('Enter how long to wait, e.g. 30 minutes.');
  return isDuration(value) ? ok(value) : problem('Write a duration such as 30 minutes, 1 hour or 2h 30m.');
}

/** An environment URL: http(s), or a CI variable / expression. Empty means none. */
export function parseUrl(text: string): Parsed<string | undefined> {
  const value = text.trim();
  if (value === '') return ok(undefined);
  if (/^https?:\/\/\S+$/.test(value) || value.startsWith('$')) return ok(value);
  return problem('Use an http:// or https:// URL, or a variable such as $CI_ENVIRONMENT_URL or ${{ … }}.');
}

/** Canary traffic steps: "10, 50, 100" → [10, 50, 100], increasing, each 1–100. */
export function parseCanarySteps(text: string): Parsed<number[]> {
  const parts = text.split(/[\s,]+/).filter((p) => p !== '');
  if (parts.length === 0) return problem('Enter the traffic percentages, e.g. 10, 50.');
  const steps: number[] = [];
  for (const part of parts) {
    const n = /^\d+$/.test(part) ? Number(part) : NaN;
    if (!(n >= 1 && n <= 100)) return problem(`"${part}" is not a percentage from 1 to 100.`);
    if (steps.length > 0 && n <= steps[steps.length - 1]) return problem('Each step must send more traffic than the one before.');
    steps.push(n);
  }
  return ok(steps);
}

/** Approvers, one per comma or line: at least one. */
export function parseApprovers(text: string): Parsed<string[]> {
  const approvers = text.split(/[,\n]/).map((a) => a.trim()).filter((a) => a !== '');
  return approvers.length > 0 ? ok(approvers) : problem('Name at least one approver.');
}

/** A timeout: whole minutes (a number) or a duration; empty clears it. */
export function parseTimeout(text: string): Parsed<number | string | null> {
  const value = text.trim();
  if (value === '') return ok(null);
  if (/^\d+$/.test(value)) return Number(value) > 0 ? ok(Number(value)) : problem('A timeout must be at least 1 minute.');
  return isDuration(value) ? ok(value) : problem('Enter minutes (e.g. 30) or a duration such as 1h 30m.');
}

/** Kubernetes rolling parameters: "25%" or "1"; empty leaves it out. */
export function parseRollingAmount(text: string): Parsed<string | undefined> {
  const value = text.trim();
  if (value === '') return ok(undefined);
  return /^\d+%?$/.test(value) ? ok(value) : problem('Write a count such as 1 or a share such as 25%.');
}

/** Azure's maxParallel: a positive whole number; empty leaves it out. */
export function parseMaxParallel(text: string): Parsed<number | undefined> {
  const value = text.trim();
  if (value === '') return ok(undefined);
  return /^\d+$/.test(value) && Number(value) > 0 ? ok(Number(value)) : problem('Enter a whole number of targets, at least 1.');
}

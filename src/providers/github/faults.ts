// Every way a GitHub request can fail, as one OperateError with a sentence a person can act on.
// 401 → sign in again; 403 → the missing scope or permission; 404 → not found or no access;
// 409/422 → GitHub's own message; 429 and secondary limits → wait; 5xx, time-outs, broken
// connections → the answer may be lost; unreachable host → offline. Never includes a token.
import type { OperateError } from '../../core/operate/errors';
import { PayloadError } from '../shared/fields';
import type { CallTrace } from './client';

export interface GitHubFaultInfo {
  error: OperateError;
  /**
   * The request may have been carried out although no answer says so (5xx, time-out, a
   * connection broken after sending): a write must be settled by reading the state back.
   */
  answerLost: boolean;
}

/** Error codes of a connection that never reached GitHub: the request was certainly not carried out. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN', 'UND_ERR_CONNECT_TIMEOUT']);

interface OctokitLikeError {
  status?: number;
  message?: string;
  name?: string;
  response?: { headers: Record<string, string | undefined>; data: unknown };
  cause?: unknown;
}

/**
 * `route` is the request's route (`POST /repos/{owner}/{repo}/actions/runs/{run_id}/cancel`),
 * `what` how a message names its subject ("run 9001 of acme/shop"), `host` the API's host.
 */
export function describeGitHubFault(error: unknown, trace: CallTrace, route: string, what: string, host: string, now: number): GitHubFaultInfo {
  if (error instanceof PayloadError) {
    return { error: { kind: 'malformed', message: `GitHub's answer about ${what} is not what its API describes (${error.message}); nothing was changed`, request: route }, answerLost: false };
  }
  const e = (error ?? {}) as OctokitLikeError;
  const status = e.response ? e.status : undefined;
  const headers = e.response?.headers ?? {};
  const gitHubMessage = messageOf(e.response?.data) ?? '';
  if (status === undefined) {
    if (trace.noAnswer === 'timeout') {
      return { error: { kind: 'timeout', message: `GitHub did not answer about ${what} in time (${e.message ?? 'time-out'})`, request: route, remedy: 'retry' }, answerLost: true };
    }
    if (e.name === 'AbortError') return { error: { kind: 'timeout', message: `the request about ${what} was cancelled`, request: route }, answerLost: true };
    const code = errorCode(e);
    if (code !== undefined && UNREACHABLE.has(code)) {
      return { error: { kind: 'offline', message: `cannot reach ${host} (${describeCode(code)}); check the network or the API URL`, request: route, remedy: 'retry' }, answerLost: false };
    }
    return {
      error: { kind: 'offline', message: `the connection to ${host} broke before GitHub answered about ${what}${code ? ` (${code})` : ''}`, request: route, remedy: 'retry' },
      answerLost: true,
    };
  }
  if (trace.limited || status === 429 || (status === 403 && (headers['x-ratelimit-remaining'] === '0' || /rate limit/i.test(gitHubMessage)))) {
    const retryAfterMs = retryAfter(trace, headers, now);
    return {
      error: {
        kind: 'rate-limited',
        message: `GitHub's ${trace.limited?.kind === 'primary' || headers['x-ratelimit-remaining'] === '0' ? '' : 'secondary '}rate limit was reached; it asks to wait ${formatWait(retryAfterMs)}`,
        status,
        request: route,
        retryAfterMs,
        remedy: 'retry',
      },
      answerLost: false,
    };
  }
  switch (status) {
    case 401:
      return { error: { kind: 'unauthorized', message: `GitHub did not accept the credentials (${gitHubMessage || 'Bad credentials'}); sign in again`, status, request: route, remedy: 'sign-in' }, answerLost: false };
    case 403: {
      const missing = missingScopes(headers);
      const why = missing.length > 0 ? `the token lacks the ${missing.join(' and ')} scope${missing.length === 1 ? '' : 's'}; sign in again granting ${missing.length === 1 ? 'it' : 'them'}` : permissionHint(gitHubMessage);
      return {
        error: { kind: 'forbidden', message: `GitHub refused access to ${what}: ${gitHubMessage || 'Forbidden'} — ${why}`, status, request: route, ...(missing.length > 0 ? { missingScopes: missing, remedy: 'sign-in' as const } : {}) },
        answerLost: false,
      };
    }
    case 404:
      return { error: { kind: 'not-found', message: `not found on GitHub, or not visible to this account: ${what}`, status, request: route }, answerLost: false };
    case 409:
    case 422:
      return { error: { kind: 'refused', message: `GitHub refused: ${gitHubMessage || `status ${status}`}`, status, request: route }, answerLost: false };
    default:
      if (status >= 500) {
        return { error: { kind: 'server', message: `GitHub failed (${status}${gitHubMessage ? ` ${gitHubMessage}` : ''}) answering about ${what}`, status, request: route, remedy: 'retry' }, answerLost: true };
      }
      return { error: { kind: 'refused', message: `GitHub answered ${status}${gitHubMessage ? `: ${gitHubMessage}` : ''}`, status, request: route }, answerLost: false };
  }
}

function messageOf(data: unknown): string | undefined {
  if (typeof data === 'string') return data.length > 0 && data.length < 300 ? data : undefined;
  if (typeof data !== 'object' || data === null) return undefined;
  const message = (data as { message?: unknown }).message;
  if (typeof message !== 'string') return undefined;
  const errors = (data as { errors?: unknown }).errors;
  const details = Array.isArray(errors) ? errors.map((x) => (typeof x === 'string' ? x : typeof (x as { message?: unknown })?.message === 'string' ? (x as { message: string }).message : undefined)).filter(Boolean) : [];
  return details.length > 0 ? `${message} (${details.join('; ')})` : message;
}

function errorCode(e: OctokitLikeError): string | undefined {
  let cause: unknown = e.cause;
  for (let depth = 0; depth < 4 && cause; depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    cause = (cause as { cause?: unknown }).cause;
  }
  return undefined;
}

function describeCode(code: string): string {
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host name not found';
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'connecting timed out';
    default:
      return 'network unreachable';
  }
}

/** Scopes GitHub accepts for the request that the token does not have (classic tokens say both). */
function missingScopes(headers: Record<string, string | undefined>): string[] {
  const accepted = splitScopes(headers['x-accepted-oauth-scopes']);
  const held = new Set(splitScopes(headers['x-oauth-scopes']));
  if (accepted.length === 0 || headers['x-oauth-scopes'] === undefined) return [];
  return accepted.filter((s) => !held.has(s));
}

function splitScopes(text: string | undefined): string[] {
  return (text ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

function permissionHint(message: string): string {
  if (/admin rights/i.test(message)) return 'this needs admin permission on the repository';
  if (/not accessible by (personal access token|integration)/i.test(message)) return 'the token has no access to this; a fine-grained token needs Actions, Deployments and Environments permissions on the repository';
  return 'the account or token lacks a permission this needs (repo and workflow scopes, or write access to the repository)';
}

function retryAfter(trace: CallTrace, headers: Record<string, string | undefined>, now: number): number {
  const after = Number(headers['retry-after']);
  if (headers['retry-after'] !== undefined && !Number.isNaN(after)) return Math.max(1, after) * 1000;
  // The primary limit: until the budget is refilled, on our clock (plugin-throttling reads the real one).
  const reset = Number(headers['x-ratelimit-reset']);
  if (headers['x-ratelimit-remaining'] === '0' && !Number.isNaN(reset)) return Math.max(1000, reset * 1000 - now + 1000);
  // GitHub's advice for a secondary limit without retry-after: a minute (plugin-throttling's fallback too).
  return Math.max(1, trace.limited?.retryAfterSeconds ?? 60) * 1000;
}

export function formatWait(ms: number): string {
  const s = Math.ceil(ms / 1000);
  return s < 120 ? `${s} s` : `${Math.ceil(s / 60)} min`;
}

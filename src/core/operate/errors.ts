// Errors as values: every read and every action of a provider answers a Result; a fault of the
// platform or the network is an OperateError with a sentence for a person, never an exception.

export type OperateErrorKind =
  /** 401: the credentials were refused; sign in again. */
  | 'unauthorized'
  /** 403: signed in, but a permission or token scope is missing (`missingScopes` when known). */
  | 'forbidden'
  /** 404: not found, or not visible to this account (platforms do not tell the two apart). */
  | 'not-found'
  /** 409/422 and the like: the platform refused the request; `message` carries its reason. */
  | 'refused'
  /** 429 or a secondary limit: not processed; `retryAfterMs` says when to try again. */
  | 'rate-limited'
  /** 5xx: the platform failed. */
  | 'server'
  /** No answer in time. */
  | 'timeout'
  /** The host could not be reached (no network, DNS, connection refused or dropped). */
  | 'offline'
  /** An answer that does not have the documented shape; `message` names the field. */
  | 'malformed'
  /** A write whose answer was lost; reading the state back showed it was not done. */
  | 'not-done'
  /** A write whose answer was lost, and the state could not be read back to tell. */
  | 'unknown-outcome'
  /** The state moved on meanwhile (already reviewed, run already finished). */
  | 'conflict'
  /** Nothing matched what was asked (no run waits for that environment, no deployment to roll back to). */
  | 'nothing-to-do'
  /** Several things matched where one was expected; `message` names them. */
  | 'ambiguous'
  /** The provider cannot do this on this platform. */
  | 'unsupported'
  /** The caller's input is wrong (an unknown input name, a malformed ref). */
  | 'invalid-input';

/** What a person can do about it; the VS Code layer turns it into a button. */
export type ErrorRemedy = 'sign-in' | 'retry' | 'open-in-browser';

export interface OperateError {
  kind: OperateErrorKind;
  /** One or two sentences for a person: what failed, why, what to do. Never holds a token. */
  message: string;
  /** HTTP status, when there was an answer. */
  status?: number;
  /** The request it concerns, as a route: `POST /repos/{owner}/{repo}/actions/runs/{run_id}/cancel`. */
  request?: string;
  /** 403: the token scopes the platform said it accepts for this request. */
  missingScopes?: string[];
  /** rate-limited: how long the platform asked to wait. */
  retryAfterMs?: number;
  remedy?: ErrorRemedy;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: OperateError };

export function success<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function failure<T = never>(kind: OperateErrorKind, message: string, extra: Partial<Omit<OperateError, 'kind' | 'message'>> = {}): Result<T> {
  return { ok: false, error: { kind, message, ...extra } };
}

/** Errors worth polling again for: the next read may well succeed without anyone acting. */
export function isTransient(error: OperateError): boolean {
  return error.kind === 'server' || error.kind === 'timeout' || error.kind === 'offline' || error.kind === 'rate-limited' || error.kind === 'malformed';
}

// Faults the local GitHub API server can inject, and ready-made ones with GitHub's own words and
// headers (rate limits, missing scopes, server errors).

export type Fault =
  /** Answer with this status, body and headers instead of handling the request. */
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  /** Close the connection before the request is handled (a write is not done). */
  | { kind: 'drop' }
  /** Handle the request, then close the connection without answering (a write is done, its answer lost). */
  | { kind: 'drop-after' }
  /** Handle the request, then answer with this server error anyway. */
  | { kind: 'fail-after'; status: number }
  /** Never answer (the client's time-out must end it). */
  | { kind: 'hang' }
  /** Answer normally after `ms` on the server's clock. */
  | { kind: 'delay'; ms: number }
  /** Answer 200 with this body text, which does not have the documented shape. */
  | { kind: 'malformed'; body: string; contentType?: string };

export interface FaultRule {
  /** A route of the description, `GET /repos/{owner}/{repo}/actions/runs`; absent: every request. */
  route?: string;
  /** How many matching requests it hits (default 1). */
  times?: number;
  fault: Fault;
}

const DOCS = 'https://docs.github.com/rest';

export function secondaryRateLimit(retryAfterSeconds: number): Fault {
  return {
    kind: 'status',
    status: 403,
    body: {
      message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.',
      documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits`,
      status: '403',
    },
    headers: { 'retry-after': String(retryAfterSeconds) },
  };
}

export function tooManyRequests(retryAfterSeconds: number): Fault {
  return {
    kind: 'status',
    status: 429,
    body: { message: 'You have exceeded a secondary rate limit and have been temporarily blocked from content creation.', documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api`, status: '429' },
    headers: { 'retry-after': String(retryAfterSeconds) },
  };
}

/** The primary limit: nothing left until `resetAtMs` (epoch ms on the server's clock). */
export function primaryRateLimit(resetAtMs: number): Fault {
  return {
    kind: 'status',
    status: 403,
    body: { message: 'API rate limit exceeded for user ID 101.', documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api`, status: '403' },
    headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-limit': '5000', 'x-ratelimit-used': '5000', 'x-ratelimit-reset': String(Math.ceil(resetAtMs / 1000)) },
  };
}

/** A classic token without a scope the request needs. */
export function missingScope(accepted: string[], held: string[]): Fault {
  return {
    kind: 'status',
    status: 403,
    body: { message: 'Resource not accessible by personal access token', documentation_url: `${DOCS}/actions/workflows#create-a-workflow-dispatch-event`, status: '403' },
    headers: { 'x-accepted-oauth-scopes': accepted.join(', '), 'x-oauth-scopes': held.join(', ') },
  };
}

export function serverError(status = 502): Fault {
  return { kind: 'status', status, body: { message: status === 502 ? 'Server Error' : 'Service Unavailable' } };
}

// The HTTP side of the GitHub provider: @octokit/core with the throttling and retry plugins, an
// injected `fetch`, credentials asked for per request, and one request hook of our own that keeps
// the ETag cache, the time-out and the count of what each call cost.
//
// Configured for what was measured (DESIGN.md): a 304 arrives as a thrown error — the hook sits
// innermost and turns it into the cached answer before either plugin sees it; a positive
// `request.retries` makes plugin-retry re-send a 304 and 429s were multiplied by both plugins — so
// plugin-retry never retries 304/4xx/429 and never anything for writes or scheduler reads
// (`request.retries: 0`), and plugin-throttling never waits on its own: it detects primary and
// secondary limits, and the wait (on the injected clock) is ours.
import { Octokit } from '@octokit/core';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import type { RateLimitInfo } from '../../core/operate/provider';
import type { Clock, ClockTimer } from '../scheduler/clock';
import { EtagCache, type CachedResponse } from './etagCache';

export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** Asked before every request; undefined sends none (GitHub answers 401 for private data). */
export type Credentials = () => Promise<string | undefined>;

export interface GitHubClientOptions {
  /** `https://api.github.com` or `https://HOST/api/v3`. */
  baseUrl: string;
  fetch: FetchLike;
  credentials: Credentials;
  clock: Clock;
  /** Per request; a request without an answer by then is a time-out. Default 30 s. */
  timeoutMs?: number;
  /** plugin-retry's unit of back-off between read retries (1 s, then 4 s). Default 1000. */
  retryBaseMs?: number;
  userAgent?: string;
  /** Responses kept for conditional requests. Default 300. */
  etagCacheSize?: number;
}

/** How a call may be repeated: see the header comment. */
export type CallMode = 'read' | 'polled-read' | 'write';

/** What one provider call cost and what the platform said along the way (per call, not global). */
export class CallTrace {
  requests = 0;
  notModified = 0;
  rateLimit?: RateLimitInfo;
  /** Set by plugin-throttling's callbacks when it recognised a rate limit. */
  limited?: { kind: 'primary' | 'secondary'; retryAfterSeconds: number };
  /** Set by the hook when a request got no answer: a time-out or a broken connection. */
  noAnswer?: 'timeout' | 'connection';

  constructor(readonly signal?: AbortSignal) {}
}

/** A request that got no answer in time. Shaped like Octokit's RequestError so plugin-retry retries reads. */
export class NoAnswerError extends Error {
  readonly status = 500;
  constructor(
    message: string,
    readonly request: unknown,
  ) {
    super(message);
    this.name = 'NoAnswerError';
  }
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string | undefined>;
  data: unknown;
  url: string;
}

interface HookConfig {
  credentials: Credentials;
  clock: Clock;
  timeoutMs: number;
  etags: EtagCache;
}

interface EndpointOptions {
  method: string;
  url: string;
  headers: Record<string, string>;
  request?: { signal?: AbortSignal; pipewright?: CallTrace; retries?: number };
  [key: string]: unknown;
}

type RequestFn = (options: EndpointOptions) => Promise<ApiResponse>;

const DO_NOT_RETRY = [304, 400, 401, 403, 404, 409, 410, 422, 429, 451];

/** The hook plugin, registered before the throttling and retry plugins so it runs innermost. */
function pipewrightHook(octokit: Octokit, options: { pipewright?: HookConfig }): Record<string, never> {
  const config = options.pipewright!;
  const parse = (o: EndpointOptions): { url: string } => (octokit.request.endpoint as unknown as { parse(o: EndpointOptions): { url: string } }).parse(o);
  octokit.hook.wrap('request', (async (request: RequestFn, opts: EndpointOptions) => {
    const trace = opts.request?.pipewright;
    const token = await config.credentials();
    if (token !== undefined) opts.headers.authorization = `token ${token}`;
    else delete opts.headers.authorization;
    const key = opts.method === 'GET' ? EtagCache.key(token, parse(opts).url, opts.headers.accept) : undefined;
    const cached = key !== undefined ? config.etags.get(key) : undefined;
    if (cached) opts.headers['if-none-match'] = cached.etag;
    else delete opts.headers['if-none-match'];

    const controller = new AbortController();
    const callerSignal = trace?.signal;
    const onCallerAbort = () => controller.abort(callerSignal?.reason);
    callerSignal?.addEventListener('abort', onCallerAbort);
    let timedOut = false;
    const timer: ClockTimer = config.clock.setTimeout(() => {
      timedOut = true;
      controller.abort(new Error('time-out'));
    }, config.timeoutMs);
    opts.request = { ...opts.request, signal: controller.signal };
    if (trace) trace.requests++;
    try {
      const response = await request(opts);
      noteRateLimit(trace, response.headers);
      const etag = response.headers.etag;
      if (key !== undefined && response.status === 200 && etag) config.etags.set(key, { etag, response });
      return response;
    } catch (error) {
      const e = error as { status?: number; response?: ApiResponse; name?: string };
      if (e.response) noteRateLimit(trace, e.response.headers);
      if (e.status === 304 && cached) {
        if (trace) trace.notModified++;
        // The cached body, with the fresh rate-limit headers.
        return revalidated(cached, e.response?.headers ?? {});
      }
      if (timedOut) {
        if (trace) trace.noAnswer = 'timeout';
        throw new NoAnswerError(`no answer within ${Math.round(config.timeoutMs / 1000)} s`, opts);
      }
      if (!e.response && e.name !== 'AbortError' && trace) trace.noAnswer = 'connection';
      throw error;
    } finally {
      timer.cancel();
      callerSignal?.removeEventListener('abort', onCallerAbort);
    }
  }) as never);
  return {};
}

function revalidated(cached: CachedResponse, headers: Record<string, string | undefined>): ApiResponse {
  const fresh = Object.fromEntries(Object.entries(headers).filter(([k]) => k.startsWith('x-ratelimit-') || k === 'date'));
  return { ...cached.response, headers: { ...cached.response.headers, ...fresh } };
}

function noteRateLimit(trace: CallTrace | undefined, headers: Record<string, string | undefined>): void {
  if (!trace) return;
  const limit = Number(headers['x-ratelimit-limit']);
  const remaining = Number(headers['x-ratelimit-remaining']);
  const reset = Number(headers['x-ratelimit-reset']);
  if (headers['x-ratelimit-remaining'] === undefined || Number.isNaN(remaining) || Number.isNaN(reset)) return;
  trace.rateLimit = { limit: Number.isNaN(limit) ? remaining : limit, remaining, resetAt: reset * 1000 };
}

const PipewrightOctokit = Octokit.plugin(pipewrightHook as never, throttling, retry);

let clientCount = 0;

export class GitHubClient {
  private readonly octokit: InstanceType<typeof PipewrightOctokit>;
  private readonly etags: EtagCache;

  constructor(options: GitHubClientOptions) {
    this.etags = new EtagCache(options.etagCacheSize ?? 300);
    const trace = (o: { request?: { pipewright?: CallTrace } }) => o.request?.pipewright;
    this.octokit = new PipewrightOctokit({
      baseUrl: options.baseUrl,
      userAgent: options.userAgent ?? 'pipewright',
      request: { fetch: options.fetch },
      pipewright: { credentials: options.credentials, clock: options.clock, timeoutMs: options.timeoutMs ?? 30_000, etags: this.etags },
      throttle: {
        // Its own limiter groups, so one client's write spacing does not hold up another's.
        id: `pipewright-${++clientCount}`,
        onRateLimit: (retryAfter: number, o: { request?: { pipewright?: CallTrace } }) => {
          const t = trace(o);
          if (t) t.limited = { kind: 'primary', retryAfterSeconds: retryAfter };
          return false;
        },
        onSecondaryRateLimit: (retryAfter: number, o: { request?: { pipewright?: CallTrace } }) => {
          const t = trace(o);
          if (t) t.limited = { kind: 'secondary', retryAfterSeconds: retryAfter };
          return false;
        },
      },
      retry: { doNotRetry: DO_NOT_RETRY, retries: 2, retryAfterBaseValue: options.retryBaseMs ?? 1000 },
      log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
    } as never);
  }

  /**
   * One request by route (`GET /repos/{owner}/{repo}/actions/runs`), with its parameters. Throws
   * Octokit's errors (and NoAnswerError); `faults.ts` turns them into OperateErrors.
   */
  async request(route: string, params: Record<string, unknown>, trace: CallTrace, mode: CallMode): Promise<ApiResponse> {
    const request: Record<string, unknown> = { pipewright: trace };
    if (mode !== 'read') request.retries = 0;
    return (await this.octokit.request(route, {
      ...params,
      headers: { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' },
      request,
    })) as ApiResponse;
  }

  /** Forget every cached response (another account signed in). */
  reset(): void {
    this.etags.clear();
  }
}

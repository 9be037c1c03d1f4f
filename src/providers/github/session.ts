// One provider call's requests: what they cost (a CallTrace), how faults become OperateErrors,
// and the one wait a rate limit allows — on the injected clock — before sending once more.
import type { RequestStats } from '../../core/operate/provider';
import type { GitHubTarget } from '../../core/operate/target';
import type { Clock } from '../scheduler/clock';
import { CallTrace, type ApiResponse, type CallMode, type GitHubClient } from './client';
import { describeGitHubFault, formatWait, type GitHubFaultInfo } from './faults';

/** A failed request, already described; reads and actions catch it and answer a Result. */
export class GitHubCallError extends Error {
  constructor(readonly info: GitHubFaultInfo) {
    super(info.error.message);
    this.name = 'GitHubCallError';
  }
}

export interface SessionOptions {
  signal?: AbortSignal;
  onWait?: (reason: string, waitMs: number) => void;
  /** The longest rate-limit wait before sending once more; longer ones are reported. */
  maxRateLimitWaitMs: number;
}

const PAGE = 100;

export class GitHubSession {
  readonly trace: CallTrace;

  constructor(
    private readonly client: GitHubClient,
    readonly target: GitHubTarget,
    private readonly clock: Clock,
    /** How reads of this session may be repeated (writes never are). */
    private readonly readMode: Exclude<CallMode, 'write'>,
    private readonly options: SessionOptions,
  ) {
    this.trace = new CallTrace(options.signal);
  }

  /** `{owner, repo}` for the route's placeholders. */
  get repo(): { owner: string; repo: string } {
    return { owner: this.target.owner, repo: this.target.repo };
  }

  get stats(): RequestStats {
    return { requests: this.trace.requests, notModified: this.trace.notModified, ...(this.trace.rateLimit ? { rateLimit: this.trace.rateLimit } : {}) };
  }

  /** A read's body. `what` names its subject in messages ("the runs of acme/shop"). */
  async get(route: string, params: Record<string, unknown>, what: string): Promise<unknown> {
    return (await this.call(route, params, what, this.readMode)).data;
  }

  /** Every page of a list, 100 at a time, up to `max` items. */
  async pages<T>(route: string, params: Record<string, unknown>, what: string, items: (data: unknown) => T[], max: number): Promise<T[]> {
    const all: T[] = [];
    for (let page = 1; ; page++) {
      const chunk = items(await this.get(route, { ...params, per_page: PAGE, page }, what));
      all.push(...chunk);
      if (chunk.length < PAGE || all.length >= max) return all.slice(0, max);
    }
  }

  /** A write, sent once (once more only after a rate limit said it was not processed). */
  async send(route: string, params: Record<string, unknown>, what: string): Promise<ApiResponse> {
    return this.call(route, params, what, 'write');
  }

  /** Waits on the session's clock (polling for a dispatched run to appear). */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.clock.setTimeout(resolve, ms));
  }

  private async call(route: string, params: Record<string, unknown>, what: string, mode: CallMode): Promise<ApiResponse> {
    let waited = false;
    for (;;) {
      try {
        return await this.client.request(route, { ...params }, this.trace, mode);
      } catch (error) {
        const info = describeGitHubFault(error, this.trace, route, what, new URL(this.target.apiUrl).host, this.clock.now());
        const wait = info.error.retryAfterMs ?? 0;
        // A rate-limited request was not processed: wait as told and send it once more — unless the
        // scheduler reads (it reschedules itself) or the wait is longer than anyone should sit through.
        if (info.error.kind === 'rate-limited' && mode !== 'polled-read' && !waited && wait <= this.options.maxRateLimitWaitMs) {
          waited = true;
          this.trace.limited = undefined;
          this.options.onWait?.(`${info.error.message}; waiting ${formatWait(wait)}, then sending once more`, wait);
          await this.sleep(wait);
          continue;
        }
        throw new GitHubCallError(info);
      }
    }
  }
}

// The GitHub provider: the operating model's reads and actions for one repository, over an
// injected `fetch` and credentials. Imports no `vscode`; the editor, the command line and the
// tests construct it the same way.
import type { ActionOutcome, OperateAction } from '../../core/operate/actions';
import type { OperateError } from '../../core/operate/errors';
import type { Capabilities, OperateProvider, PerformOptions, ReadOptions, ReadResult, ResourceKind, ResourceQuery, ResourceValues } from '../../core/operate/provider';
import { GITHUB_API_URL, type GitHubTarget } from '../../core/operate/target';
import { systemClock, type Clock } from '../scheduler/clock';
import { PayloadError } from '../shared/fields';
import { performAction } from './actions';
import { GitHubClient, type Credentials, type FetchLike } from './client';
import * as reads from './reads';
import { GitHubCallError, GitHubSession } from './session';

export interface GitHubProviderOptions {
  target: GitHubTarget;
  /** HTTP; `globalThis.fetch` in the editor and the CLI, anything fetch-shaped in tests. */
  fetch: FetchLike;
  /** The token for each request (a VS Code session, SecretStorage, GITHUB_TOKEN); never logged. */
  credentials: Credentials;
  /** Time-outs, rate-limit waits and dispatch polling run on it. Default: the real clock. */
  clock?: Clock;
  /** Per request. Default 30 s. */
  timeoutMs?: number;
  /** Unit of the back-off between retried reads (1×, 4×). Default 1000 ms. */
  retryBaseMs?: number;
  /** Rate-limit waits longer than this are reported instead of waited for. Default 60 s. */
  maxRateLimitWaitMs?: number;
  /**
   * `dotcom` asks a dispatch to return its run (`return_run_details`); `ghes` (3.19 and older)
   * finds the new run by listing. Default: `dotcom` for https://api.github.com, else `ghes`.
   */
  flavor?: 'dotcom' | 'ghes';
  userAgent?: string;
}

const READS: readonly ResourceKind[] = ['runs', 'run', 'environments', 'deployments', 'approvals', 'pipelines', 'repository', 'refs', 'viewer', 'log', 'reviewers', 'commit'];

export class GitHubProvider implements OperateProvider {
  readonly target: GitHubTarget;
  readonly capabilities: Capabilities;
  private readonly client: GitHubClient;
  private readonly clock: Clock;
  private readonly maxRateLimitWaitMs: number;
  private viewerLogin: Promise<string> | undefined;

  constructor(private readonly options: GitHubProviderOptions) {
    this.target = options.target;
    this.clock = options.clock ?? systemClock;
    this.maxRateLimitWaitMs = options.maxRateLimitWaitMs ?? 60_000;
    const flavor = options.flavor ?? (options.target.apiUrl === GITHUB_API_URL ? 'dotcom' : 'ghes');
    this.capabilities = {
      reads: READS,
      actions: ['trigger', 'review', 'cancel', 'rerun', 'rerunJob', 'rollback', 'setProtection'],
      review: { commentRequired: true, severalAtOnce: true },
      triggerReturnsRun: flavor === 'dotcom',
    };
    this.client = new GitHubClient({
      baseUrl: options.target.apiUrl,
      fetch: options.fetch,
      credentials: options.credentials,
      clock: this.clock,
      timeoutMs: options.timeoutMs,
      retryBaseMs: options.retryBaseMs,
      userAgent: options.userAgent,
    });
  }

  async read<K extends ResourceKind>(query: ResourceQuery<K>, options: ReadOptions = {}): Promise<ReadResult<ResourceValues[K]>> {
    const s = this.session(options.polled ? 'polled-read' : 'read', options);
    try {
      const value = await this.readWith(s, query as ResourceQuery);
      return { ok: true, value: value as ResourceValues[K], stats: s.stats };
    } catch (e) {
      return { ok: false, error: asOperateError(e), stats: s.stats };
    }
  }

  async perform(action: OperateAction, options: PerformOptions = {}): Promise<ActionOutcome> {
    const s = this.session('read', options);
    return performAction(s, action, {
      dispatchReturnsRun: this.capabilities.triggerReturnsRun === true,
      viewer: () => this.viewer(s),
    });
  }

  reset(): void {
    this.client.reset();
    this.viewerLogin = undefined;
  }

  private session(mode: 'read' | 'polled-read', options: ReadOptions | PerformOptions): GitHubSession {
    return new GitHubSession(this.client, this.target, this.clock, mode, { signal: options.signal, onWait: options.onWait, maxRateLimitWaitMs: this.maxRateLimitWaitMs });
  }

  private viewer(s: GitHubSession): Promise<string> {
    const login = (this.viewerLogin ??= reads.readViewer(s).then((p) => p.login));
    // A failed read is not remembered: the next call asks again.
    login.catch(() => {
      if (this.viewerLogin === login) this.viewerLogin = undefined;
    });
    return login;
  }

  private readWith(s: GitHubSession, query: ResourceQuery): Promise<ResourceValues[ResourceKind]> {
    switch (query.kind) {
      case 'runs':
        return reads.readRuns(s, query);
      case 'run':
        return reads.readRunDetail(s, query.runId);
      case 'environments':
        return reads.readEnvironments(s);
      case 'deployments':
        return reads.readDeployments(s, query);
      case 'approvals':
        return reads.readApprovals(s);
      case 'pipelines':
        return reads.readPipelines(s);
      case 'repository':
        return reads.readRepository(s);
      case 'refs':
        return reads.readRefs(s);
      case 'viewer':
        return reads.readViewer(s);
      case 'log':
        return reads.readLog(s, query.jobId);
      case 'reviewers':
        return reads.readReviewers(s, query.names);
      case 'commit':
        return reads.readCommit(s, query.ref);
      case 'rollouts':
        throw new UnsupportedRead('GitHub has no rollouts; they are read from a cluster (the Kubernetes and Argo Rollouts providers)');
    }
  }
}

class UnsupportedRead extends Error {}

function asOperateError(e: unknown): OperateError {
  if (e instanceof GitHubCallError) return e.info.error;
  if (e instanceof PayloadError) return { kind: 'malformed', message: `GitHub's answer is not what its API describes (${e.message})` };
  if (e instanceof UnsupportedRead) return { kind: 'unsupported', message: e.message };
  if (e instanceof reads.ReadRefused) return e.error;
  throw e;
}

// The interface every platform provider implements (src/providers/<name>/), and how a consumer
// asks what a provider can do. Reads are queries for one kind of resource, so one scheduler can
// poll, cache and share them without knowing the platform; actions are OperateAction values.
import type { ActionKind, ActionOutcome, OperateAction } from './actions';
import type { Result } from './errors';
import type {
  CommitRef,
  Conclusion,
  Deployment,
  EnvironmentStatus,
  JobLog,
  PendingApproval,
  Person,
  Pipeline,
  RefList,
  Repository,
  Reviewer,
  Rollout,
  Run,
  RunDetail,
  RunStatus,
} from './model';
import type { ReviewerName } from './reviewerNames';
import type { Target } from './target';

/** A read that takes no parameters besides its kind. */
export type NoParameters = Record<never, never>;

/** What each kind of read asks for (besides its kind). */
export interface ResourceQueries {
  /**
   * Recent runs, newest first: of one pipeline (by path) or of all; optionally of one branch, in
   * one status, or (finished) with one conclusion.
   */
  runs: { pipeline?: string; branch?: string; status?: RunStatus; conclusion?: Conclusion; limit?: number };
  /** One run with its jobs (latest attempt), pending approvals and reviews. */
  run: { runId: string };
  /** Every environment with its newest deployment. */
  environments: NoParameters;
  /** One environment's deployments, newest first, each with `succeeded` known (for roll back). */
  deployments: { environment: string; limit?: number };
  /** Every deployment waiting for a review in the target. */
  approvals: NoParameters;
  /** The pipelines (workflow files) of the target. */
  pipelines: NoParameters;
  repository: NoParameters;
  /** Branches and tags to start a run on. */
  refs: NoParameters;
  /** The signed-in account. */
  viewer: NoParameters;
  /** A finished job's log. */
  log: { jobId: string };
  /** Deployments or Argo Rollouts of a cluster namespace, with their revisions. */
  rollouts: NoParameters;
  /** Users and teams by name (`reviewerNames.ts`), with the ids an environment's rules need. */
  reviewers: { names: ReviewerName[] };
  /** The commit a branch, tag or sha of the target names now (an action's repository, to pin it). */
  commit: { ref: string };
}

/** What each kind of read answers. */
export interface ResourceValues {
  runs: Run[];
  run: RunDetail;
  environments: EnvironmentStatus[];
  deployments: Deployment[];
  approvals: PendingApproval[];
  pipelines: Pipeline[];
  repository: Repository;
  refs: RefList;
  viewer: Person;
  log: JobLog;
  rollouts: Rollout[];
  /** In the order named. */
  reviewers: Reviewer[];
  commit: CommitRef;
}

export type ResourceKind = keyof ResourceValues & keyof ResourceQueries;

export const RESOURCE_KINDS: readonly ResourceKind[] = [
  'runs', 'run', 'environments', 'deployments', 'approvals', 'pipelines', 'repository', 'refs', 'viewer', 'log', 'rollouts', 'reviewers', 'commit',
];

/** A read: `{ kind: 'run', runId: '42' }`. */
export type ResourceQuery<K extends ResourceKind = ResourceKind> = { [P in K]: { kind: P } & ResourceQueries[P] }[K];

/** The platform's request budget as its last answer stated it. */
export interface RateLimitInfo {
  limit: number;
  remaining: number;
  /** When the budget is refilled (ms since the epoch, on the platform's clock). */
  resetAt: number;
}

/** What a read cost: the scheduler counts requests and watches the budget. */
export interface RequestStats {
  /** HTTP requests sent (a retried request counts each time). */
  requests: number;
  /** Of those, answered "not modified" from the cache (GitHub: free of the rate limit). */
  notModified: number;
  rateLimit?: RateLimitInfo;
}

export type ReadResult<T> = Result<T> & { stats: RequestStats };

export interface ReadOptions {
  signal?: AbortSignal;
  /**
   * Set by the scheduler: it owns back-off and rate-limit waits, so the provider sends each
   * request once and reports faults at once. Without it (a command, the CLI) the provider retries
   * reads after 5xx/time-outs and waits once when told to by a rate limit.
   */
  polled?: boolean;
  /** Told before the provider waits (a rate limit); the CLI says so on stderr. */
  onWait?: (reason: string, waitMs: number) => void;
}

export interface PerformOptions {
  signal?: AbortSignal;
  onWait?: (reason: string, waitMs: number) => void;
}

/** What a provider can do; views offer only what is here. */
export interface Capabilities {
  reads: readonly ResourceKind[];
  actions: readonly ActionKind[];
  /** Reviews: whether a comment is required, whether several environments go in one review. */
  review?: { commentRequired: boolean; severalAtOnce: boolean };
  /** Whether a trigger answers with the new run's id (GitHub.com does; GHES 3.19 does not). */
  triggerReturnsRun?: boolean;
}

export interface OperateProvider {
  readonly target: Target;
  readonly capabilities: Capabilities;
  /**
   * Never throws for faults of the platform or network: they come back as `{ok: false, error}`.
   * A kind missing from `capabilities.reads` answers an `unsupported` error.
   */
  read<K extends ResourceKind>(query: ResourceQuery<K>, options?: ReadOptions): Promise<ReadResult<ResourceValues[K]>>;
  /**
   * Carries an action out once: never re-sends a write whose answer was lost (it reads the state
   * back instead); a write refused by a rate limit was not processed and is sent once more after
   * the wait. The caller confirms with the user before calling.
   */
  perform(action: OperateAction, options?: PerformOptions): Promise<ActionOutcome>;
  /** Forget cached responses (another account signed in). */
  reset(): void;
}

export function canRead(provider: Pick<OperateProvider, 'capabilities'>, kind: ResourceKind): boolean {
  return provider.capabilities.reads.includes(kind);
}

export function canPerform(provider: Pick<OperateProvider, 'capabilities'>, kind: ActionKind): boolean {
  return provider.capabilities.actions.includes(kind);
}

/** A stable text for a query: the scheduler's source key within one target. */
export function queryKey(query: ResourceQuery): string {
  const entries = Object.entries(query)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(Object.fromEntries(entries));
}

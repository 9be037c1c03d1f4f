// The one polling scheduler every view shares. A *source* is one query of one provider (the runs
// of acme/shop, run 42, the environments); views subscribe to sources and never poll on their own.
// The scheduler decides when each source reads again from what it last saw and who is looking:
//   - a run in focus that runs or waits: every few seconds;
//   - something running elsewhere: every 20 s;
//   - nothing moving: an idle budget of one request a minute per visible view, shared out among
//     the quiet sources by what each read costs;
//   - hidden views and a window unfocused for long: not at all.
// A change seen in one source of a target makes its other sources read soon (a run that starts
// waiting brings the Approvals view up to date without it polling fast). Rate limits pause the
// target until GitHub's reset or retry-after; failures back off; errors that reading again will
// not fix (401, 403, 404) stop the source until `refresh`. One timer, on an injected clock.
import { isTransient, type OperateError } from '../../core/operate/errors';
import type { Run } from '../../core/operate/model';
import { queryKey, type OperateProvider, type ReadResult, type ResourceKind, type ResourceQuery, type ResourceValues } from '../../core/operate/provider';
import { isDeploymentSettled, isActive } from '../../core/operate/status';
import { targetKey, type Target } from '../../core/operate/target';
import type { Clock, ClockTimer } from './clock';

export interface PollPolicy {
  /** The run in focus while it is queued, running or waiting for a review. */
  focusedActiveMs: number;
  /** A source showing something queued or running, not in focus. */
  activeMs: number;
  /** When nothing moves: requests per minute per visible view, shared by the quiet sources. */
  idleRequestsPerViewPerMinute: number;
  idleMinMs: number;
  idleMaxMs: number;
  /** Once the window has been unfocused this long, nothing is read until it has focus again. */
  unfocusedPauseAfterMs: number;
  /** Back-off after a failed read: base × 2^(failures − 1), at most max. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Requests kept in reserve for commands: at or below this many left, polling waits for the reset. */
  rateLimitReserve: number;
  /** A change in one source makes the target's other sources read after this. */
  cascadeDelayMs: number;
  /** Reads in flight at once per target. */
  maxConcurrentPerTarget: number;
}

export const DEFAULT_POLICY: PollPolicy = {
  focusedActiveMs: 5_000,
  activeMs: 20_000,
  idleRequestsPerViewPerMinute: 1,
  idleMinMs: 60_000,
  idleMaxMs: 30 * 60_000,
  unfocusedPauseAfterMs: 5 * 60_000,
  backoffBaseMs: 10_000,
  backoffMaxMs: 10 * 60_000,
  rateLimitReserve: 50,
  cascadeDelayMs: 500,
  maxConcurrentPerTarget: 3,
};

/** What a subscriber sees of a source. */
export interface Snapshot<T> {
  value?: T;
  /** The last read's error, while it lasts. */
  error?: OperateError;
  /** The value is from before a failed read: show it, marked as possibly out of date. */
  stale: boolean;
  /** When the value was last read successfully (clock ms). */
  updatedAt?: number;
  /** Nothing to show yet: the source has not answered its first read. */
  loading: boolean;
  /** When the next read is planned (clock ms); undefined while paused or stopped. */
  nextReadAt?: number;
}

export interface SubscribeOptions {
  /** The view subscribing (`pipewright.runs`): visibility and the idle budget are per view. Default `default`. */
  view?: string;
  /** The item a person is looking at (the run open in the designer, an expanded run): polled fastest. */
  focus?: boolean;
}

export interface Subscription<T> {
  readonly snapshot: Snapshot<T>;
  setFocus(focus: boolean): void;
  dispose(): void;
}

export interface SchedulerStats {
  reads: number;
  requests: number;
  notModified: number;
  failures: number;
}

type Activity = 'focused' | 'busy' | 'quiet';

interface Subscriber {
  view: string;
  focus: boolean;
  listener: (snapshot: Snapshot<unknown>) => void;
}

interface Source {
  key: string;
  target: string;
  provider: OperateProvider;
  query: ResourceQuery;
  subscribers: Set<Subscriber>;
  value?: unknown;
  json?: string;
  error?: OperateError;
  updatedAt?: number;
  failures: number;
  /** Requests the last read took: the idle budget is shared by cost. */
  cost: number;
  nextAt: number;
  /** Stopped by an error that reading again will not fix; `refresh` restarts it. */
  stopped: boolean;
  inFlight?: Promise<void>;
  startedAt?: number;
  /** Asked to read again while a read was in flight: that read may predate what was asked for. */
  again?: boolean;
  /** What subscribers were last told, so that they hear of changes only. */
  told?: string;
}

interface TargetState {
  pausedUntil?: number;
  inFlight: number;
}

export class Scheduler {
  private readonly policy: PollPolicy;
  private readonly sources = new Map<string, Source>();
  private readonly targets = new Map<string, TargetState>();
  private readonly hiddenViews = new Set<string>();
  private focused = true;
  private unfocusedSince?: number;
  private timer?: ClockTimer;
  private timerAt?: number;
  private disposed = false;
  private readonly counters: SchedulerStats = { reads: 0, requests: 0, notModified: 0, failures: 0 };

  constructor(
    private readonly clock: Clock,
    policy: Partial<PollPolicy> = {},
  ) {
    this.policy = { ...DEFAULT_POLICY, ...policy };
  }

  /**
   * Starts reading `query` (or joins the source already reading it). The listener hears of each
   * change — a new value, an error, stale or fresh again; the current state is always
   * `subscription.snapshot`. Dispose when the view no longer shows it.
   */
  subscribe<K extends ResourceKind>(
    provider: OperateProvider,
    query: ResourceQuery<K>,
    listener: (snapshot: Snapshot<ResourceValues[K]>) => void,
    options: SubscribeOptions = {},
  ): Subscription<ResourceValues[K]> {
    const tKey = targetKey(provider.target);
    const key = `${tKey}|${queryKey(query as ResourceQuery)}`;
    let source = this.sources.get(key);
    if (!source) {
      source = { key, target: tKey, provider, query: query as ResourceQuery, subscribers: new Set(), failures: 0, cost: 1, nextAt: this.clock.now(), stopped: false };
      this.sources.set(key, source);
    }
    const subscriber: Subscriber = { view: options.view ?? 'default', focus: options.focus ?? false, listener: listener as (s: Snapshot<unknown>) => void };
    source.subscribers.add(subscriber);
    // A source that was hidden and is now seen again reads at once if its data is old.
    if (source.value !== undefined && this.clock.now() - (source.updatedAt ?? 0) > this.intervalOf(source)) source.nextAt = Math.min(source.nextAt, this.clock.now());
    this.plan();
    const owner = source;
    return {
      get snapshot() {
        return snapshotOf(owner) as Snapshot<ResourceValues[K]>;
      },
      setFocus: (focus: boolean) => {
        if (subscriber.focus === focus) return;
        subscriber.focus = focus;
        if (focus) owner.nextAt = Math.min(owner.nextAt, this.clock.now());
        this.plan();
      },
      dispose: () => {
        owner.subscribers.delete(subscriber);
        if (owner.subscribers.size === 0) this.sources.delete(owner.key);
        this.plan();
      },
    };
  }

  /** The editor window gained or lost focus. */
  setWindowFocused(focused: boolean): void {
    if (this.focused === focused) return;
    this.focused = focused;
    const now = this.clock.now();
    this.unfocusedSince = focused ? undefined : now;
    if (focused) {
      // Back after a while: whatever is due reads now.
      for (const s of this.sources.values()) if (s.nextAt < now) s.nextAt = now;
    }
    this.plan();
  }

  /** A view was shown or hidden; hidden views' sources are not read. */
  setViewVisible(view: string, visible: boolean): void {
    if (visible) this.hiddenViews.delete(view);
    else this.hiddenViews.add(view);
    this.plan();
  }

  /**
   * Reads matching sources now — after an action, a sign-in, a Retry button. Restarts stopped
   * sources and forgets back-off (a rate-limit pause stays).
   */
  refresh(filter: { target?: Target; kinds?: readonly ResourceKind[] } = {}): void {
    const now = this.clock.now();
    const tKey = filter.target ? targetKey(filter.target) : undefined;
    for (const s of this.sources.values()) {
      if (tKey !== undefined && s.target !== tKey) continue;
      if (filter.kinds && !filter.kinds.includes(s.query.kind)) continue;
      s.stopped = false;
      s.failures = 0;
      s.nextAt = now;
      if (s.inFlight) s.again = true;
    }
    this.plan();
  }

  /** Resolves when no read is in flight (tests and benchmarks settle a simulated clock with it). */
  async whenIdle(): Promise<void> {
    for (;;) {
      const inFlight = [...this.sources.values()].flatMap((s) => (s.inFlight ? [s.inFlight] : []));
      if (inFlight.length === 0) return;
      await Promise.all(inFlight);
    }
  }

  get stats(): SchedulerStats {
    return { ...this.counters };
  }

  dispose(): void {
    this.disposed = true;
    this.timer?.cancel();
    this.sources.clear();
  }

  /** Sets the one timer to the next moment something is due. */
  private plan(): void {
    if (this.disposed) return;
    const now = this.clock.now();
    let wake = Infinity;
    if (this.pausedForUnfocus(now)) {
      wake = Infinity;
    } else {
      for (const s of this.sources.values()) {
        if (!this.eligible(s) || s.inFlight) continue;
        const pausedUntil = this.targets.get(s.target)?.pausedUntil ?? 0;
        wake = Math.min(wake, Math.max(s.nextAt, pausedUntil));
      }
      // While unfocused, wake once more when the pause begins, so that it takes effect.
      if (!this.focused && this.unfocusedSince !== undefined) wake = Math.min(wake, this.unfocusedSince + this.policy.unfocusedPauseAfterMs);
    }
    if (wake === this.timerAt) return;
    this.timer?.cancel();
    this.timer = undefined;
    this.timerAt = undefined;
    if (wake === Infinity) return;
    this.timerAt = wake;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.timerAt = undefined;
      this.tick();
    }, wake - now);
  }

  private tick(): void {
    const now = this.clock.now();
    if (!this.pausedForUnfocus(now)) {
      const due = [...this.sources.values()].filter((s) => this.eligible(s) && !s.inFlight && s.nextAt <= now).sort((a, b) => a.nextAt - b.nextAt);
      for (const s of due) {
        const t = this.targetState(s.target);
        if ((t.pausedUntil ?? 0) > now || t.inFlight >= this.policy.maxConcurrentPerTarget) continue;
        this.start(s);
      }
    }
    this.plan();
  }

  private start(s: Source): void {
    const t = this.targetState(s.target);
    t.inFlight++;
    s.startedAt = this.clock.now();
    this.notify(s);
    s.inFlight = s.provider
      .read(s.query, { polled: true })
      .then(
        (result) => this.settle(s, result as ReadResult<unknown>),
        // Providers answer faults as values; a throw is a bug in Pipewright. Stop the source and say so.
        (e: unknown) => {
          s.error = { kind: 'unsupported', message: `reading failed inside Pipewright: ${e instanceof Error ? e.message : String(e)}` };
          s.stopped = true;
          s.nextAt = Infinity;
        },
      )
      .finally(() => {
        t.inFlight--;
        s.inFlight = undefined;
        this.notify(s);
        this.plan();
      });
  }

  private settle(s: Source, result: ReadResult<unknown>): void {
    this.record(s, result);
    if (s.again) {
      s.again = false;
      if (!s.stopped && Number.isFinite(s.nextAt)) s.nextAt = Math.min(s.nextAt, this.clock.now());
    }
  }

  private record(s: Source, result: ReadResult<unknown>): void {
    const now = this.clock.now();
    this.counters.reads++;
    this.counters.requests += result.stats.requests;
    this.counters.notModified += result.stats.notModified;
    s.cost = Math.max(1, result.stats.requests);
    const t = this.targetState(s.target);
    const limit = result.stats.rateLimit;
    if (limit && limit.remaining <= this.policy.rateLimitReserve) t.pausedUntil = Math.max(t.pausedUntil ?? 0, limit.resetAt + 1000);
    if (!result.ok) {
      this.counters.failures++;
      s.error = result.error;
      s.failures++;
      if (result.error.kind === 'rate-limited') {
        t.pausedUntil = Math.max(t.pausedUntil ?? 0, now + (result.error.retryAfterMs ?? 60_000));
        s.nextAt = t.pausedUntil;
      } else if (isTransient(result.error)) {
        const backoff = Math.min(this.policy.backoffMaxMs, this.policy.backoffBaseMs * 2 ** (s.failures - 1));
        s.nextAt = now + Math.max(backoff, this.intervalOf(s));
      } else {
        s.stopped = true;
        s.nextAt = Infinity;
      }
      return;
    }
    const json = JSON.stringify(result.value);
    const changed = s.json !== undefined && json !== s.json;
    s.value = result.value;
    s.json = json;
    s.error = undefined;
    s.failures = 0;
    s.updatedAt = now;
    s.nextAt = now + this.intervalOf(s);
    if (changed) this.cascade(s);
  }

  /** A change in one source: the target's other sources read soon, unless they just did. */
  private cascade(changed: Source): void {
    const at = this.clock.now() + this.policy.cascadeDelayMs;
    for (const s of this.sources.values()) {
      if (s === changed || s.target !== changed.target || s.stopped) continue;
      if (s.startedAt !== undefined && changed.startedAt !== undefined && s.startedAt >= changed.startedAt) continue;
      s.nextAt = Math.min(s.nextAt, at);
      if (s.inFlight) s.again = true;
    }
  }

  private intervalOf(s: Source): number {
    switch (this.activity(s)) {
      case 'focused':
        return this.policy.focusedActiveMs;
      case 'busy':
        return this.policy.activeMs;
      case 'quiet':
        return this.idleInterval(s);
    }
  }

  /** The idle budget shared among quiet sources: each takes minutes in proportion to its cost. */
  private idleInterval(s: Source): number {
    const eligible = [...this.sources.values()].filter((x) => this.eligible(x));
    const quiet = Math.max(1, eligible.filter((x) => this.activity(x) === 'quiet').length);
    const views = Math.max(1, new Set(eligible.flatMap((x) => [...x.subscribers].filter((sub) => !this.hiddenViews.has(sub.view)).map((sub) => sub.view))).size);
    const ms = (s.cost * quiet * 60_000) / (views * this.policy.idleRequestsPerViewPerMinute);
    return Math.min(this.policy.idleMaxMs, Math.max(this.policy.idleMinMs, ms));
  }

  private activity(s: Source): Activity {
    const moving = movement(s.query.kind, s.value);
    if (moving === 'none') return 'quiet';
    if ([...s.subscribers].some((sub) => sub.focus)) return 'focused';
    return moving === 'running' ? 'busy' : 'quiet';
  }

  private eligible(s: Source): boolean {
    if (s.stopped) return false;
    for (const sub of s.subscribers) if (!this.hiddenViews.has(sub.view)) return true;
    return false;
  }

  private pausedForUnfocus(now: number): boolean {
    return !this.focused && this.unfocusedSince !== undefined && now - this.unfocusedSince >= this.policy.unfocusedPauseAfterMs;
  }

  private targetState(key: string): TargetState {
    let t = this.targets.get(key);
    if (!t) {
      t = { inFlight: 0 };
      this.targets.set(key, t);
    }
    return t;
  }

  private notify(s: Source): void {
    const snapshot = snapshotOf(s);
    const told = JSON.stringify([snapshot.value === undefined ? null : s.json, snapshot.error?.message ?? null, snapshot.stale, snapshot.loading]);
    if (s.told === told) return;
    s.told = told;
    for (const sub of [...s.subscribers]) sub.listener(snapshot);
  }
}

function snapshotOf(s: Source): Snapshot<unknown> {
  return {
    ...(s.value !== undefined ? { value: s.value } : {}),
    ...(s.error ? { error: s.error } : {}),
    stale: s.error !== undefined && s.value !== undefined,
    ...(s.updatedAt !== undefined ? { updatedAt: s.updatedAt } : {}),
    loading: s.value === undefined && s.error === undefined,
    ...(Number.isFinite(s.nextAt) && !s.stopped ? { nextReadAt: s.nextAt } : {}),
  };
}

/** What a value shows moving: something running (moves by itself), waiting for a person, or nothing. */
function movement(kind: ResourceKind, value: unknown): 'running' | 'waiting' | 'none' {
  if (value === undefined) return 'none';
  const ofRuns = (runs: readonly Run[]) => (runs.some((r) => isActive(r) && r.status !== 'waiting') ? 'running' : runs.some((r) => r.status === 'waiting') ? 'waiting' : 'none');
  switch (kind) {
    case 'runs':
      return ofRuns(value as ResourceValues['runs']);
    case 'run':
      return ofRuns([(value as ResourceValues['run']).run]);
    case 'approvals':
      return (value as ResourceValues['approvals']).length > 0 ? 'waiting' : 'none';
    case 'environments':
      return (value as ResourceValues['environments']).some((e) => e.latest && !isDeploymentSettled(e.latest.state) && e.latest.state !== 'pending') ? 'running' : 'none';
    case 'rollouts':
      return (value as ResourceValues['rollouts']).some((r) => r.phase === 'progressing') ? 'running' : (value as ResourceValues['rollouts']).some((r) => r.phase === 'paused') ? 'waiting' : 'none';
    default:
      return 'none';
  }
}

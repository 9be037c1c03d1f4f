// Time, injected. The scheduler, the providers' time-outs and the local API servers read the time
// and set timers only through a Clock, so tests and benchmarks run hours of polling in
// milliseconds on a SimulatedClock, and nothing in them waits for real time to pass.

export interface ClockTimer {
  cancel(): void;
}

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Calls `callback` once, `ms` from now (0 or less: on the next turn). */
  setTimeout(callback: () => void, ms: number): ClockTimer;
}

/**
 * The real clock. Its timers keep the process alive like any timer: a command line waiting out a
 * rate limit must not end in the middle of the wait. (Time-outs are cancelled when their request ends.)
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(callback, ms) {
    const handle = setTimeout(callback, Math.max(0, ms));
    return { cancel: () => clearTimeout(handle) };
  },
};

interface PendingTimer {
  at: number;
  seq: number;
  callback: () => void;
  cancelled: boolean;
}

/**
 * A clock that moves only when told. `advance` fires due timers in time order; after each, it
 * awaits `settle` (by default a few turns of the event loop) so that work a timer started — a
 * scheduler's read over real HTTP to a local server — finishes before time moves on.
 */
export class SimulatedClock implements Clock {
  private time: number;
  private seq = 0;
  private timers: PendingTimer[] = [];

  constructor(start: number | string = '2026-12-01T09:00:00Z') {
    this.time = typeof start === 'string' ? Date.parse(start) : start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): ClockTimer {
    const timer: PendingTimer = { at: this.time + Math.max(0, ms), seq: this.seq++, callback, cancelled: false };
    this.timers.push(timer);
    return {
      cancel: () => {
        timer.cancelled = true;
      },
    };
  }

  /** When the next timer is due, if any. */
  nextTimerAt(): number | undefined {
    this.timers = this.timers.filter((t) => !t.cancelled);
    return this.timers.length === 0 ? undefined : Math.min(...this.timers.map((t) => t.at));
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way. */
  async advance(ms: number, settle: () => Promise<void> = turns): Promise<void> {
    await this.advanceTo(this.time + ms, settle);
  }

  async advanceTo(end: number, settle: () => Promise<void> = turns): Promise<void> {
    await settle();
    for (;;) {
      const next = this.takeNextDue(end);
      if (!next) break;
      this.time = Math.max(this.time, next.at);
      next.callback();
      await settle();
    }
    this.time = Math.max(this.time, end);
  }

  private takeNextDue(end: number): PendingTimer | undefined {
    let best: PendingTimer | undefined;
    for (const t of this.timers) {
      if (t.cancelled || t.at > end) continue;
      if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    }
    if (best) this.timers.splice(this.timers.indexOf(best), 1);
    return best;
  }
}

/** A few turns of the event loop: promise chains started by a timer run to their next real wait. */
async function turns(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

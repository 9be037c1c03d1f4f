// Medians of repeated runs. Subject and baseline alternate run by run, so that drift in the
// machine's speed (other load, CPU frequency) affects both sides of a ratio alike; the ratio is
// the median of the runs' own ratios.

export interface PairResult {
  medianMs: number;
  baselineMedianMs: number;
  ratio: number;
  runs: number;
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * Runs both until `minRuns` and `minTotalMs` are reached (and at most `maxRuns`), after `warmup`
 * unmeasured runs of each and, with `warmupMs`, at least that long of them: a function of a
 * millisecond is still being compiled after a handful of runs, and a figure taken then says how
 * fast the compiler got to it, not how fast it runs.
 */
export function measurePair(
  subject: () => unknown,
  baseline: () => unknown,
  { minRuns = 7, maxRuns = 41, minTotalMs = 300, warmup = 2, warmupMs = 0 } = {},
): PairResult {
  const warmupStart = performance.now();
  for (let i = 0; i < warmup || performance.now() - warmupStart < warmupMs; i++) {
    subject();
    baseline();
  }
  const a: number[] = [];
  const b: number[] = [];
  let total = 0;
  while (a.length < maxRuns && (a.length < minRuns || total < minTotalMs)) {
    // Alternate which side goes first, so neither always runs on a warmer cache.
    const order = a.length % 2 === 0;
    const t0 = performance.now();
    if (order) subject();
    else baseline();
    const t1 = performance.now();
    if (order) baseline();
    else subject();
    const t2 = performance.now();
    a.push(order ? t1 - t0 : t2 - t1);
    b.push(order ? t2 - t1 : t1 - t0);
    total += t2 - t0;
  }
  const medianMs = median(a);
  const baselineMedianMs = median(b);
  // The ratio is the median of each run's own ratio: the two sides of a run are milliseconds
  // apart, so a slow stretch (another tenant of the VM, a frequency change) cancels out within
  // the run instead of landing on one side of a ratio of medians.
  const ratio = median(a.map((ms, i) => ms / b[i]));
  return { medianMs, baselineMedianMs, ratio, runs: a.length };
}

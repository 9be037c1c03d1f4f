// Durations as GitHub jobs write them: the gate's "30 minutes" becomes a `sleep 30m`, and a
// wait read back from the workflow ("30 minutes", "1.5 hours + 10 seconds") is compared in seconds.

const UNIT_SECONDS: [RegExp, number][] = [
  [/^(s|secs?|seconds?)$/i, 1],
  [/^(m|mins?|minutes?)$/i, 60],
  [/^(h|hrs?|hours?)$/i, 3600],
  [/^(d|days?)$/i, 86400],
  [/^(w|weeks?)$/i, 604800],
];

/** Seconds in "30 minutes", "2h 30m", "90s", "1.5 hours + 10 seconds"; undefined when it is not a duration. */
export function durationSeconds(text: string): number | undefined {
  const parts = text.replace(/\+/g, ' ').trim();
  if (parts === '') return undefined;
  const token = /(\d+(?:\.\d+)?)\s*([a-z]+)\s*/giy;
  let total = 0;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = token.exec(parts)) !== null) {
    const unit = UNIT_SECONDS.find(([re]) => re.test(m![2]));
    if (!unit) return undefined;
    total += Number(m[1]) * unit[1];
    consumed = token.lastIndex;
  }
  return consumed === parts.length ? Math.round(total) : undefined;
}

/** The argument `sleep` takes for a whole number of seconds, in the largest unit that divides it. */
export function sleepArgument(seconds: number): string {
  for (const [suffix, size] of [['d', 86400], ['h', 3600], ['m', 60]] as const) {
    if (seconds % size === 0) return `${seconds / size}${suffix}`;
  }
  return `${seconds}s`;
}

// Durations as the operations write them ("30 minutes", "2h 30m", "90s", "1 day") turned into
// the whole minutes Azure's `Delay@1` and `timeoutInMinutes` take.
import { Refusal } from '../../splices';

const MINUTES_PER_UNIT: [RegExp, number][] = [
  [/^(s|sec|secs|seconds?)$/i, 1 / 60],
  [/^(m|min|mins|minutes?)$/i, 1],
  [/^(h|hr|hrs|hours?)$/i, 60],
  [/^(d|days?)$/i, 60 * 24],
  [/^(w|weeks?)$/i, 60 * 24 * 7],
];

/** Whole minutes (seconds round up); a bare number is minutes. */
export function durationMinutes(value: string | number): number {
  if (typeof value === 'number') return checked(value, String(value));
  const text = value.trim();
  if (/^\d+$/.test(text)) return checked(Number(text), text);
  let total = 0;
  let matched = '';
  for (const m of text.matchAll(/(\d+)\s*([a-z]+)/gi)) {
    const unit = MINUTES_PER_UNIT.find(([re]) => re.test(m[2]));
    if (!unit) throw new Refusal(`"${value}" is not a duration (unknown unit "${m[2]}")`);
    total += Number(m[1]) * unit[1];
    matched += m[0];
  }
  if (matched.replace(/\s/g, '') !== text.replace(/\s/g, '')) throw new Refusal(`"${value}" is not a duration such as "30 minutes"`);
  return checked(Math.ceil(total), value);
}

function checked(minutes: number, written: string): number {
  if (!Number.isInteger(minutes) || minutes <= 0) throw new Refusal(`"${written}" is not a positive number of minutes`);
  return minutes;
}

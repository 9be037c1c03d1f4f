// A line diff (Myers' O(ND) algorithm) for checking which lines an edit touched and for counting
// changed lines in the benchmarks. Lines keep their terminators, so a CRLF → LF change or a
// final line gaining a line break counts as a changed line.

/** One run of changed lines: old lines [oldStart, oldEnd) became new lines [newStart, newEnd) (0-based). */
export interface Hunk {
  oldStart: number;
  oldEnd: number;
  newStart: number;
  newEnd: number;
}

/** The text's lines, each with its own line break (`\n` or `\r\n`); the last may have none. */
export function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** The hunks turning `oldText` into `newText`, in order; empty when the texts are equal. */
export function diffLines(oldText: string, newText: string): Hunk[] {
  return diffLineLists(splitLines(oldText), splitLines(newText));
}

/** Changed lines of a diff: per hunk the larger of its old and new line counts, summed. */
export function changedLineCount(oldText: string, newText: string): number {
  return diffLines(oldText, newText).reduce((sum, h) => sum + Math.max(h.oldEnd - h.oldStart, h.newEnd - h.newStart), 0);
}

export function diffLineLists(a: readonly string[], b: readonly string[]): Hunk[] {
  // Common prefix and suffix first: an edit usually touches one small region of a long file.
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  const ids = new Map<string, number>();
  const intern = (line: string) => {
    let id = ids.get(line);
    if (id === undefined) ids.set(line, (id = ids.size));
    return id;
  };
  const x = Int32Array.from(a.slice(prefix, a.length - suffix), intern);
  const y = Int32Array.from(b.slice(prefix, b.length - suffix), intern);
  return hunksFromMatches(matchedPairs(x, y), x.length, y.length).map((h) => ({
    oldStart: h.oldStart + prefix,
    oldEnd: h.oldEnd + prefix,
    newStart: h.newStart + prefix,
    newEnd: h.newEnd + prefix,
  }));
}

/** Pairs [i, j] of equal lines x[i] === y[j] on a shortest edit script, in increasing order. */
function matchedPairs(x: Int32Array, y: Int32Array): [number, number][] {
  const n = x.length;
  const m = y.length;
  if (n === 0 || m === 0) return [];
  const max = n + m;
  const offset = max + 1;
  // v[k + offset]: furthest x reached on diagonal k (k = x - y). One snapshot of the diagonals
  // -d..d per step d, for walking back.
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let px = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let py = px - k;
      while (px < n && py < m && x[px] === y[py]) {
        px++;
        py++;
      }
      v[offset + k] = px;
      if (px >= n && py >= m) {
        found = d;
        break;
      }
    }
  }
  // Walk back through the snapshots; each snapshot d holds the state before step d ran.
  const pairs: [number, number][] = [];
  let px = n;
  let py = m;
  for (let d = found; d > 0; d--) {
    const before = trace[d];
    const at = (k: number) => before[k + d + 1];
    const k = px - py;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    const startX = down ? prevX : prevX + 1;
    const startY = down ? prevY + 1 : prevY;
    while (px > startX && py > startY) pairs.push([--px, --py]);
    px = prevX;
    py = prevY;
  }
  while (px > 0 && py > 0) pairs.push([--px, --py]);
  return pairs.reverse();
}

function hunksFromMatches(pairs: [number, number][], n: number, m: number): Hunk[] {
  const hunks: Hunk[] = [];
  let i = 0;
  let j = 0;
  for (const [pi, pj] of [...pairs, [n, m] as [number, number]]) {
    if (pi > i || pj > j) hunks.push({ oldStart: i, oldEnd: pi, newStart: j, newEnd: pj });
    i = pi + 1;
    j = pj + 1;
  }
  return hunks;
}

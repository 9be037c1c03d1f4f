// The names closest to a misspelt one, for "there is no stage "buidl" (nearest: build, …)".

/** Up to `count` of `known`, closest first by edit distance (ignoring case), then by name. */
export function nearestNames(name: string, known: readonly string[], count = 3): string[] {
  const target = name.toLowerCase();
  return [...new Set(known)]
    .map((k) => ({ k, d: editDistance(target, k.toLowerCase()) }))
    .sort((a, b) => a.d - b.d || (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
    .slice(0, count)
    .map((x) => x.k);
}

/** Levenshtein distance: insertions, deletions and substitutions of one character each cost 1. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length];
}

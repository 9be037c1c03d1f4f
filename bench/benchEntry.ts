// One figure of `npm run bench`, as printed in the table and written to the JSON results.

/** Lines changed by one approach to the same edits: median per file and total over the files. */
export interface LinesChanged {
  median: number;
  total: number;
}

export interface BenchEntry {
  name: string;
  medianMs?: number;
  baselineMedianMs?: number;
  ratio?: number;
  bytes?: number;
  gzipBytes?: number;
  /** Line-diff comparison of pipewright's splices with `Document.toString()` re-serialization. */
  linesChanged?: { files: number; pipewright: LinesChanged; documentToString: LinesChanged };
  /** Frames per second (designer pan and drag). */
  fps?: number;
  /** Any other figure (requests per hour, a percentage), with its unit. */
  value?: number;
  unit?: string;
  target?: string;
  meetsTarget?: boolean;
}

/** A subject measured against `yaml`'s parseDocument, with its target as the largest ratio allowed. */
export function parseRatioEntry(name: string, r: { medianMs: number; baselineMedianMs: number; ratio: number }, target: number): BenchEntry {
  return {
    name,
    medianMs: r.medianMs,
    baselineMedianMs: r.baselineMedianMs,
    ratio: r.ratio,
    target: `≤ ${target}× parseDocument`,
    meetsTarget: r.ratio <= target,
  };
}

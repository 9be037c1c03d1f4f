// Findings: what an editor shows as problems on a pipeline file (VS Code's Problems panel,
// squiggles). Several producers make them — the graph's own problems and the lint rules — in
// one shape, each with a code that names its kind and a range in the text it is about.
// (The lint rules' findings, rules/engine.ts, extend this shape with a severity, a docs link and a fix.)
import type { GraphProblem, PipelineGraph, ProblemSeverity } from './model';

/** 1-based lines and columns; the end column is exclusive (the first character after the range). */
export interface FindingRange {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface Finding {
  /** The kind of problem, stable across versions: users filter and look them up by it. */
  code: string;
  message: string;
  severity: ProblemSeverity | 'information';
  range: FindingRange;
  /** Other places that explain this finding, e.g. the problems that follow from a syntax error. */
  related?: { message: string; line: number; column: number }[];
}

/** The code of each kind of graph problem. */
export function graphProblemCode(problem: GraphProblem): string {
  if (problem.code === 'unclosed') return 'yaml-unclosed';
  if (problem.code === 'duplicate-key') return 'duplicate-key';
  switch (problem.source) {
    case 'syntax':
      return 'yaml-syntax';
    case 'structure':
      return 'pipeline-structure';
    case 'reference':
      return 'unknown-dependency';
    case 'cycle':
      return 'dependency-cycle';
  }
}

/**
 * The graph's problems as findings on `text` (the text the graph was built from). Read-only
 * marks are not problems: the designer shows them, the Problems panel does not.
 */
export function graphFindings(graph: PipelineGraph, text: string): Finding[] {
  if (graph.problems.length === 0) return [];
  const lines = new LineIndex(text);
  return graph.problems.map((p) => ({
    code: graphProblemCode(p),
    message: p.message,
    severity: p.severity,
    range: tokenRange(lines, p.line, p.column),
    ...(p.consequences?.length
      ? { related: p.consequences.map((c) => ({ message: `follows from it: ${c.message}`, line: c.line, column: c.column })) }
      : {}),
  }));
}

// What a problem position points at ends at whitespace or YAML punctuation: a key (`test:`), a
// name in a list (`needs: [build, ghost]`), a value.
const TOKEN_END = /[\s:,[\]{}#]/;

/**
 * The range to underline for a problem at a position: a quote or bracket that opens there and
 * the rest of its line (an unclosed string), else the token there, else one character.
 */
export function tokenRange(lines: LineIndex, line: number, column: number): FindingRange {
  const lineText = lines.line(line);
  const start = column - 1;
  let end = start + 1;
  const first = lineText[start];
  if (first === '"' || first === "'" || first === '[' || first === '{') {
    end = Math.max(end, lineText.trimEnd().length);
  } else if (first !== undefined && !TOKEN_END.test(first)) {
    end = start;
    while (end < lineText.length && !TOKEN_END.test(lineText[end])) end++;
  }
  return { startLine: line, startColumn: column, endLine: line, endColumn: end + 1 };
}

/** The lines of a text by 1-based number, without their line break. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  line(n: number): string {
    if (n < 1 || n > this.starts.length) return '';
    const from = this.starts[n - 1];
    const to = n < this.starts.length ? this.starts[n] - 1 : this.text.length;
    const raw = this.text.slice(from, to);
    return raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  }
}

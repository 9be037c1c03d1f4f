// One broken line can make the YAML parser and the dialect builders report a cascade: a missing
// colon, then "implicit keys", "nested mappings", a job that "must be a mapping"… The user has one
// thing to fix. When the YAML does not parse, the first syntax error in the text is the cause
// and every other problem is folded into it as a consequence: the graph built from a broken tree
// is not trustworthy, so neither are the problems found in it.
import type { GraphProblem } from './model';

export function foldConsequences(problems: GraphProblem[]): GraphProblem[] {
  const cause = syntaxCause(problems);
  if (!cause) return problems;
  const consequences = problems.filter((p) => p !== cause);
  return [consequences.length > 0 ? { ...cause, consequences } : cause];
}

/**
 * The syntax error the others follow from, undefined when the YAML parses: where a file's own
 * problems are not folded (a template's, an included file's), this is the one to tell.
 */
export function syntaxCause(problems: readonly GraphProblem[]): GraphProblem | undefined {
  let cause: GraphProblem | undefined;
  for (const p of problems) {
    if (p.source !== 'syntax' || p.severity !== 'error') continue;
    if (!cause || comesFirst(p, cause)) cause = p;
  }
  return cause;
}

// Earlier in the text wins. At one position, an unclosed quote or bracket explains the errors the
// parser reports beside it (a key it swallowed "needs to be on a single line"), not the reverse.
function comesFirst(p: GraphProblem, than: GraphProblem): boolean {
  if (p.line !== than.line) return p.line < than.line;
  if (p.column !== than.column) return p.column < than.column;
  return p.code === 'unclosed' && than.code !== 'unclosed';
}

// One file's whole check, as `pipewright lint` reports it: the graph's own problems (a broken file
// stops there: rules on a graph built from a broken tree would be guesses) and then the rules.
import { parsePipelineFully } from '../edit/plan';
import { graphFindings } from '../findings';
import { hasSyntaxErrors } from '../model';
import type { ParseOptions } from '../parse';
import { ruleDocUrl } from './catalog';
import { EMPTY_CONFIG, type LintConfig } from './config';
import { lintPipeline, type LintFinding } from './engine';
import type { LintOptions } from './rule';

/** Throws UnknownDialectError when the dialect is neither given nor detectable. */
export function lintText(text: string, parseOptions: ParseOptions = {}, config: LintConfig = EMPTY_CONFIG, options: LintOptions = {}): LintFinding[] {
  const parsed = parsePipelineFully(text, parseOptions);
  const problems: LintFinding[] = graphFindings(parsed.graph, text).map((f) => ({ ...f, severity: f.severity, docs: ruleDocUrl(f.code) }));
  if (hasSyntaxErrors(parsed.graph)) return problems;
  return [...problems, ...lintPipeline(parsed, config, options)].sort(
    (a, b) => a.range.startLine - b.range.startLine || a.range.startColumn - b.range.startColumn || a.code.localeCompare(b.code),
  );
}

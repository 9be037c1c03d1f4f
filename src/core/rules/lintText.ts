// One file's whole check, as `pipewright lint` reports it: the graph's own problems (a broken file
// stops there: rules on a graph built from a broken tree would be guesses) and then the rules.
import { parsePipelineFully } from '../edit/plan';
import { graphFindings } from '../findings';
import { hasSyntaxErrors, type GraphProblem, type PipelineGraph } from '../model';
import type { ParseOptions } from '../parse';
import { ruleDocUrl } from './catalog';
import { EMPTY_CONFIG, type LintConfig } from './config';
import { lintPipeline, type LintFinding } from './engine';
import type { LintOptions } from './rule';

/**
 * Throws UnknownDialectError when the dialect is neither given nor detectable. `problemsOf`: the
 * graph problems to report given the file's own graph — those of the composed pipeline the file
 * is part of (compose/pipelineOfFile.ts); absent, the file's own.
 */
export function lintText(
  text: string,
  parseOptions: ParseOptions = {},
  config: LintConfig = EMPTY_CONFIG,
  options: LintOptions = {},
  problemsOf: (own: PipelineGraph) => GraphProblem[] = (own) => own.problems,
): LintFinding[] {
  const parsed = parsePipelineFully(text, parseOptions);
  const problems = hasSyntaxErrors(parsed.graph) ? parsed.graph.problems : problemsOf(parsed.graph);
  const findings: LintFinding[] = graphFindings({ ...parsed.graph, problems }, text).map((f) => ({ ...f, severity: f.severity, docs: ruleDocUrl(f.code) }));
  if (hasSyntaxErrors(parsed.graph)) return findings;
  return [...findings, ...lintPipeline(parsed, config, options)].sort(
    (a, b) => a.range.startLine - b.range.startLine || a.range.startColumn - b.range.startColumn || a.code.localeCompare(b.code),
  );
}

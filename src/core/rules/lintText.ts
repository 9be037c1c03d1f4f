// One file's whole check, as `pipewright lint` reports it: the graph's own problems (a broken file
// stops there: rules on a graph built from a broken tree would be guesses) and then the rules.
import { parsePipelineFully } from '../edit/plan';
import { graphFindings } from '../findings';
import { problemsOfFile, type FileInPipeline } from '../compose/pipelineOfFile';
import { hasSyntaxErrors, type PipelineGraph } from '../model';
import type { ParseOptions } from '../parse';
import { ruleDocUrl } from './catalog';
import { EMPTY_CONFIG, type LintConfig } from './config';
import type { LintFinding } from './engine';
import { lintInPipeline } from './pipelineLint';
import type { LintOptions } from './rule';

/** Where a file lies in the composed pipeline it is part of (compose/pipelineOfFile.ts). */
export interface FilePlace {
  pipeline: FileInPipeline | undefined;
  /** The file's path relative to the project root. */
  path: string;
}

/**
 * Throws UnknownDialectError when the dialect is neither given nor detectable. `placeOf`: the
 * pipeline the file is part of, asked once its own graph is built (its dialect known): its graph
 * problems are the pipeline's that lie in the file, and a rule's finding about a node stands
 * only when the pipeline as a whole confirms it (rules/pipelineLint.ts).
 */
export function lintText(
  text: string,
  parseOptions: ParseOptions = {},
  config: LintConfig = EMPTY_CONFIG,
  options: LintOptions = {},
  placeOf?: (own: PipelineGraph) => FilePlace | undefined,
): LintFinding[] {
  const parsed = parsePipelineFully(text, parseOptions);
  const broken = hasSyntaxErrors(parsed.graph);
  const place = broken ? undefined : placeOf?.(parsed.graph);
  const problems = place ? problemsOfFile(parsed.graph, place.pipeline, place.path) : parsed.graph.problems;
  const findings: LintFinding[] = graphFindings({ ...parsed.graph, problems }, text).map((f) => ({ ...f, severity: f.severity, docs: ruleDocUrl(f.code) }));
  if (broken) return findings;
  return [...findings, ...lintInPipeline(parsed, place?.pipeline, config, options)].sort(
    (a, b) => a.range.startLine - b.range.startLine || a.range.startColumn - b.range.startColumn || a.code.localeCompare(b.code),
  );
}

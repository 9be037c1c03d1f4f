// The rules on one file of a pipeline split over files. A rule that judges a job by the rest of
// the pipeline — a deploy that waits for no tests, a production deploy with no gate before it —
// only knows the rest when it reads the pipeline whole: the tests a deploy in an included file
// waits for may be in another file. The file's own findings are what the editor shows (their
// ranges and fixes are the file's); each one about a node is kept only when the same rule finds
// the same node in the whole pipeline too.
import type { FileInPipeline } from '../compose/pipelineOfFile';
import type { PipelineGraph } from '../model';
import { EMPTY_CONFIG, type LintConfig } from './config';
import { lintPipeline, type LintFinding, type LintInput } from './engine';
import type { LintOptions } from './rule';

/**
 * `own`: the file's text, parse and graph; `pipeline`: the composed pipeline it is part of
 * (compose/pipelineOfFile.ts), absent when none. The schema rule checks the file's own text alone.
 */
export function lintInPipeline(own: LintInput, pipeline: FileInPipeline | undefined, config: LintConfig = EMPTY_CONFIG, options: LintOptions = {}): LintFinding[] {
  const findings = lintPipeline(own, config, options);
  if (!pipeline?.composite || findings.every((f) => f.node === undefined || f.code === 'schema')) return findings;
  const { src, files } = pipeline.composite;
  // The rules read a graph in its source's coordinates: the composed graph's nodes are placed in
  // their files (compositeSource.ts's placeGraph); here they are moved back to the composite's.
  const graph: PipelineGraph = {
    ...pipeline.graph,
    nodes: pipeline.graph.nodes.map((n) => {
      const base = files.get(n.file ?? pipeline.rootPath)?.base ?? 0;
      return { ...n, offsets: [n.offsets[0] + base, n.offsets[1] + base] };
    }),
  };
  const { schema: _schema, ...withoutSchema } = options;
  let whole = wholeFindings.get(pipeline);
  if (!whole || whole.config !== config || !sameOptions(whole.options, withoutSchema)) {
    let found: Set<string>;
    try {
      found = new Set(lintPipeline({ text: src.text, src, graph }, config, withoutSchema).map((f) => `${f.code}\n${f.node ?? ''}`));
    } catch {
      // A rule that cannot read the whole pipeline (a shape of composite none has met yet) must
      // not cost the file its own findings: they stand, as they would for the file alone.
      return findings;
    }
    wholeFindings.set(pipeline, (whole = { config, options: withoutSchema, found }));
  }
  const found = whole.found;
  return findings.filter((f) => f.node === undefined || f.code === 'schema' || found.has(`${f.code}\n${f.node}`));
}

/**
 * The whole pipeline's findings (rule and node) per pipeline, with what they were found under: the
 * files of one pipeline checked one after another (the command line shares one composition among
 * them, cli/lintPipelines.ts) read the pipeline once.
 */
const wholeFindings = new WeakMap<FileInPipeline, { config: LintConfig; options: LintOptions; found: Set<string> }>();

/** Every option the same value (the same list, the same map): then the rules find the same. */
function sameOptions(a: LintOptions, b: LintOptions): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof LintOptions>;
  return [...keys].every((k) => a[k] === b[k]);
}

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
  if (findings.every((f) => f.node === undefined || f.code === 'schema')) return findings;
  if (pipeline?.template) return confirmedInUses(own, findings, pipeline.template, config, options);
  if (!pipeline?.composite) return findings;
  const whole = wholeFindings(pipeline, config, options);
  // A rule that cannot read the whole pipeline (a shape of composite none has met yet) must not
  // cost the file its own findings: they stand, as they would for the file alone.
  if (!whole) return findings;
  return findings.filter((f) => f.node === undefined || f.code === 'schema' || whole.byId.has(`${f.code}\n${f.node}`));
}

/**
 * An Azure template's findings, in the pipelines that use it (FileInPipeline.template): they draw
 * its jobs and stages under other ids (`Stage/Deploy` for a job template's `Deploy`, once per
 * use), so a finding is matched by where its node is written. It stands when the same rule finds
 * a node written there in any of them (a use that deploys to production unverified is enough).
 */
function confirmedInUses(own: LintInput, findings: LintFinding[], template: NonNullable<FileInPipeline['template']>, config: LintConfig, options: LintOptions): LintFinding[] {
  const wholes = template.uses.map((use) => wholeFindings(use, config, options));
  if (wholes.some((w) => w === undefined)) return findings;
  const byId = new Map(own.graph.nodes.map((n) => [n.id, n]));
  return findings.filter((f) => {
    if (f.node === undefined || f.code === 'schema') return true;
    const node = byId.get(f.node);
    if (!node) return true;
    const key = `${f.code}\n${node.file ?? template.path}:${node.offsets[0]}`;
    return wholes.some((w) => w!.byPlace.has(key));
  });
}

interface WholeFindings {
  config: LintConfig;
  options: LintOptions;
  /** Rule and node id of each finding about a node. */
  byId: Set<string>;
  /** Rule, file and start offset of the node, of each finding about a node. */
  byPlace: Set<string>;
}

/**
 * The whole pipeline's findings (rule and node) per pipeline, with what they were found under: the
 * files of one pipeline checked one after another (the command line shares one composition among
 * them, cli/lintPipelines.ts) read the pipeline once.
 */
const wholeFindingsOf = new WeakMap<FileInPipeline, WholeFindings>();

function wholeFindings(pipeline: FileInPipeline, config: LintConfig, options: LintOptions): WholeFindings | undefined {
  if (!pipeline.composite) return undefined;
  const { schema: _schema, ...withoutSchema } = options;
  const known = wholeFindingsOf.get(pipeline);
  if (known && known.config === config && sameOptions(known.options, withoutSchema)) return known;
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
  let found: LintFinding[];
  try {
    found = lintPipeline({ text: src.text, src, graph }, config, withoutSchema);
  } catch {
    return undefined;
  }
  const placed = new Map(pipeline.graph.nodes.map((n) => [n.id, n]));
  const byId = new Set<string>();
  const byPlace = new Set<string>();
  for (const f of found) {
    byId.add(`${f.code}\n${f.node ?? ''}`);
    const node = f.node === undefined ? undefined : placed.get(f.node);
    if (node) byPlace.add(`${f.code}\n${node.file ?? pipeline.rootPath}:${node.offsets[0]}`);
  }
  const whole = { config, options: withoutSchema, byId, byPlace };
  wholeFindingsOf.set(pipeline, whole);
  return whole;
}

/** Every option the same value (the same list, the same map): then the rules find the same. */
function sameOptions(a: LintOptions, b: LintOptions): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof LintOptions>;
  return [...keys].every((k) => a[k] === b[k]);
}

// The `edit` section of `npm run bench`: how long planning plus verification of one operation
// takes, as a ratio to `parseDocument` on the same text, on the corpus and on generated
// pipelines; and how many lines an edit changes compared with making the same change on a
// `yaml` Document and re-serializing it with `toString()`.
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { isMap, isScalar, isSeq, parseDocument, visit, type Document, type Node } from 'yaml';
import { parsePipelineFully, planOperation } from '../src/core/edit/plan';
import type { EditOperation } from '../src/core/edit/operations';
import { DIALECTS, type Dialect, type GraphNode, type PipelineGraph } from '../src/core/model';
import { parsePipeline } from '../src/core/parse';
import { chooseOperation, localName, OPERATION_KINDS, type OperationKind } from '../test/helpers/chooseOperations';
import { corpusAvailable, corpusEntries } from '../test/helpers/corpus';
import { changedLineCount } from '../test/helpers/lineDiff';
import { parseRatioEntry, type BenchEntry } from './benchEntry';
import { generatePipeline } from './generatePipelines';
import { median, measurePair } from './measure';

const EDIT_TARGET = 1.5;
const GENERATED_SIZES = [50, 500, 1000, 2000];
/** Operations compared with Document re-serialization (the ones with a plain Document equivalent); also the ones timed on the largest files. */
const RESERIALIZED_KINDS: readonly OperationKind[] = ['rename', 'addDependency', 'setEnvironment'];

interface CorpusCase {
  dialect: Dialect;
  file: string;
  text: string;
  graph: PipelineGraph;
  index: number;
}

export function benchEdits(entries: BenchEntry[]): void {
  const corpus = corpusAvailable() ? loadCorpus() : [];
  if (corpus.length === 0) console.log('edit: ../shared/corpus not found, corpus part skipped');
  else {
    benchCorpusEdits(corpus, entries);
    compareWithReserialization(corpus, entries);
  }
  benchGeneratedEdits(entries);
}

function loadCorpus(): CorpusCase[] {
  return corpusEntries().map((e, index) => {
    const text = readFileSync(e.absolutePath, 'utf8');
    return { dialect: e.dialect, file: e.file, text, graph: parsePipeline(text, { dialect: e.dialect }), index };
  });
}

/** Runs per figure: the corpus has hundreds of (file, operation) pairs, and 2000-job files take a second. */
const CORPUS_RUNS = { minRuns: 5, maxRuns: 15, minTotalMs: 40, warmup: 1 };
const GENERATED_RUNS = { minRuns: 21, maxRuns: 41, minTotalMs: 300, warmup: 10 };
const BIG_RUNS = { minRuns: 5, maxRuns: 7, minTotalMs: 0, warmup: 1 };

function editEntry(name: string, text: string, op: EditOperation, dialect: Dialect, runs: typeof CORPUS_RUNS): BenchEntry {
  // The designer plans against the parse of the version it shows (DesignerSession keeps it), so
  // what an edit costs is planning, splicing and the one verifying re-parse.
  const shown = parsePipelineFully(text, { dialect });
  const r = measurePair(() => planOperation(text, op, { dialect }, shown), () => parseDocument(text), runs);
  return parseRatioEntry(name, r, EDIT_TARGET);
}

/**
 * An added stage makes the file longer, and verification parses all of it and builds its graph:
 * that alone, as a ratio to parsing the file before, is as fast as an addStage can be.
 */
function verificationFloor(before: string, after: string, dialect: Dialect): number {
  return measurePair(() => parsePipeline(after, { dialect }), () => parseDocument(before), CORPUS_RUNS).ratio;
}

/** Per dialect and operation: the median over the corpus files where the operation applies. */
function benchCorpusEdits(corpus: CorpusCase[], entries: BenchEntry[]): void {
  const all: number[] = [];
  for (const dialect of DIALECTS) {
    for (const kind of OPERATION_KINDS) {
      const measured: BenchEntry[] = [];
      const floors: number[] = [];
      for (const c of corpus.filter((x) => x.dialect === dialect)) {
        const op = chooseOperation(kind, c.graph, c.index);
        const planned = op && planOperation(c.text, op, { dialect });
        if (!op || !planned?.ok) continue;
        measured.push(editEntry(c.file, c.text, op, dialect, CORPUS_RUNS));
        if (kind === 'addStage') floors.push(verificationFloor(c.text, planned.text, dialect));
      }
      if (measured.length === 0) continue;
      const ratios = measured.map((m) => m.ratio!);
      all.push(...ratios);
      entries.push({
        name: `edit corpus ${dialect} ${kind} (median of ${measured.length} files)`,
        medianMs: median(measured.map((m) => m.medianMs!)),
        baselineMedianMs: median(measured.map((m) => m.baselineMedianMs!)),
        ratio: median(ratios),
        target: `≤ ${EDIT_TARGET}× parseDocument`,
        meetsTarget: median(ratios) <= EDIT_TARGET,
      });
      if (floors.length > 0) {
        entries.push({ name: `edit corpus ${dialect} addStage: verifying re-parse alone (the floor)`, ratio: median(floors) });
      }
    }
  }
  if (all.length > 0) {
    entries.push({
      name: `edit corpus median ratio (${all.length} file × operation pairs)`,
      ratio: median(all),
      target: `≤ ${EDIT_TARGET}× parseDocument`,
      meetsTarget: median(all) <= EDIT_TARGET,
    });
  }
}

function benchGeneratedEdits(entries: BenchEntry[]): void {
  for (const dialect of DIALECTS) {
    for (const jobs of GENERATED_SIZES) {
      const text = generatePipeline(dialect, jobs);
      const graph = parsePipeline(text, { dialect });
      // A planned edit on 1000+ jobs takes seconds: there, only the three everyday edits.
      for (const kind of jobs >= 1000 ? RESERIALIZED_KINDS : OPERATION_KINDS) {
        const op = chooseOperation(kind, graph, 0);
        const name = `edit generated ${dialect} ${jobs} jobs ${kind}`;
        if (!op) continue;
        const result = planOperation(text, op, { dialect });
        if (!result.ok) {
          entries.push({ name: `${name} (refused: ${result.reason.slice(0, 80)})` });
          continue;
        }
        entries.push(editEntry(name, text, op, dialect, jobs >= 1000 ? BIG_RUNS : GENERATED_RUNS));
      }
    }
  }
}

/**
 * Lines changed by pipewright's edit and by the same change made on a `yaml` Document and written
 * with `toString()`, over the corpus files where both give the same data.
 */
function compareWithReserialization(corpus: CorpusCase[], entries: BenchEntry[]): void {
  for (const kind of RESERIALIZED_KINDS) {
    const ours: number[] = [];
    const theirs: number[] = [];
    for (const c of corpus) {
      const op = chooseOperation(kind, c.graph, c.index);
      if (!op) continue;
      const result = planOperation(c.text, op, { dialect: c.dialect });
      if (!result.ok) continue;
      const reserialized = reserializedEdit(c, op, result.text);
      if (reserialized === undefined) continue;
      ours.push(changedLineCount(c.text, result.text));
      theirs.push(changedLineCount(c.text, reserialized));
    }
    if (ours.length === 0) continue;
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    entries.push({
      name: `lines changed ${kind} (pipewright vs Document.toString)`,
      linesChanged: {
        files: ours.length,
        pipewright: { median: median(ours), total: sum(ours) },
        documentToString: { median: median(theirs), total: sum(theirs) },
      },
    });
  }
}

/** The same change made on a parsed Document and re-serialized; undefined when it cannot be made the same. */
function reserializedEdit(c: CorpusCase, op: EditOperation, pipewrightText: string): string | undefined {
  const doc = parseDocument(c.text);
  if (doc.errors.length > 0) return undefined; // e.g. several documents in one file
  const node = c.graph.nodes.find((n) => 'stage' in op && n.id === op.stage);
  const path = node && yamlPath(doc, c.dialect, node);
  if (!path) return undefined;
  if (op.op === 'renameStage') {
    if (!renameInDocument(doc, c.dialect, path, node!, op.newId)) return undefined;
  } else {
    // Take the value pipewright wrote at this key and set it on the Document.
    const key = op.op === 'addDependency' ? (c.dialect === 'azure' ? 'dependsOn' : 'needs') : op.op === 'setProperty' && op.property === 'environment' ? 'environment' : undefined;
    const written = parseDocument(pipewrightText);
    if (!key || written.errors.length > 0 || !written.hasIn(path)) return undefined;
    doc.setIn([...path, key], written.getIn([...path, key]));
  }
  const text = doc.toString();
  // Compare like for like: both edits must give the same data.
  return isDeepStrictEqual(parseDocument(text).toJS({ maxAliasCount: -1 }), parseDocument(pipewrightText).toJS({ maxAliasCount: -1 })) ? text : undefined;
}

/** Where a node's mapping is in the Document: `jobs.<id>`, `<id>`, or Azure list indexes. */
function yamlPath(doc: Document, dialect: Dialect, node: GraphNode): (string | number)[] | undefined {
  if (dialect === 'github') return ['jobs', node.id];
  if (dialect === 'gitlab') return [node.id];
  const indexWhere = (list: unknown, keys: string[], name: string) =>
    isSeq(list) ? list.items.findIndex((item) => isMap(item) && keys.some((k) => String(item.get(k)) === name)) : -1;
  const slash = node.id.indexOf('/');
  if (node.role === 'stage' || slash < 0) {
    const top = node.role === 'stage' ? 'stages' : 'jobs';
    const i = indexWhere(doc.get(top), node.role === 'stage' ? ['stage'] : ['job', 'deployment'], node.id);
    return i < 0 ? undefined : [top, i];
  }
  const s = indexWhere(doc.get('stages'), ['stage'], node.id.slice(0, slash));
  if (s < 0) return undefined;
  const j = indexWhere(doc.getIn(['stages', s, 'jobs']), ['job', 'deployment'], node.id.slice(slash + 1));
  return j < 0 ? undefined : ['stages', s, 'jobs', j];
}

/** Rename the key (or Azure `stage:`/`job:` value), the dependency entries and `needs.x` expressions naming it. */
function renameInDocument(doc: Document, dialect: Dialect, path: (string | number)[], node: GraphNode, newLocal: string): boolean {
  const oldLocal = localName(node.id);
  if (dialect === 'azure') {
    const item = doc.getIn(path, true);
    if (!isMap(item)) return false;
    const key = ['stage', 'job', 'deployment'].find((k) => item.has(k));
    if (!key) return false;
    item.set(key, newLocal);
  } else {
    const parent = dialect === 'github' ? doc.get('jobs', true) : doc.contents;
    const pair = isMap(parent) ? parent.items.find((p) => isScalar(p.key) && p.key.value === node.id) : undefined;
    if (!pair || !isScalar(pair.key)) return false;
    pair.key.value = newLocal;
  }
  const expression = new RegExp(`((?:needs|dependencies|stageDependencies)\\.)${oldLocal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9_-])`, 'g');
  visit(doc, {
    Pair(_, pair) {
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      if (key !== 'needs' && key !== 'dependsOn' && key !== 'dependencies') return;
      visit(pair.value as Node, {
        Scalar(_, s) {
          if (s.value === oldLocal) s.value = newLocal;
        },
      });
    },
    Scalar(_, s) {
      if (typeof s.value === 'string' && expression.test(s.value)) s.value = s.value.replace(expression, `$1${newLocal}`);
      expression.lastIndex = 0;
    },
  });
  return true;
}

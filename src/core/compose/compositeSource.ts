// Several parsed files read by one dialect builder as if they were one, without parsing again.
//
// Each file is parsed once, on its own (its YAML problems are its own). Its nodes' ranges are
// then moved by the file's place in a composite text — the files end to end, each ending with a
// line break and followed by one more (see CompositeFiles.add) — so that a tree
// made of nodes from several files (an Azure template's stages spliced into the root's list, a
// GitLab include's jobs beside the root's) has one coordinate system the builders already read:
// `src.text`, node ranges and a line counter. Every position the builder reports is mapped back
// to the file it lies in (`place`), with that file's own lines and offsets.
import { Document, LineCounter, isPair, type Node, type ParsedNode } from 'yaml';
import type { GraphProblem, PipelineGraph } from '../model';
import { lineRangeOf, parseYamlSource, partAt, positionAt, textLength, type YamlSource } from '../yaml/source';
import type { ParseCache } from './parseCache';

export interface ComposedFile {
  /** Relative to the project root. */
  path: string;
  /** The file parsed alone; after `add`, its nodes' ranges are composite offsets (see above). */
  src: YamlSource;
  /** Where the file starts in the composite text. */
  base: number;
}

/**
 * Told the composite a composer built its graph from (the edit engine plans on it: see
 * edit/composedPlan.ts). Its YAML nodes keep their composite ranges while the graph is in use.
 */
export type CompositeSeen = (composite: YamlSource, files: CompositeFiles) => void;

export class CompositeFiles {
  readonly files: ComposedFile[] = [];
  /**
   * The composite spans of the scalars whose `${{ … }}` expressions composition replaced by their
   * value (Azure templates' `${{ parameters.x }}`): the nodes built stand where these are written,
   * but an expression's text stands for what each use passes — an edit must not write over it.
   */
  readonly substituted: [number, number][] = [];
  /**
   * The scalars a template's `${{ parameters.x }}` stands for as passed (`after: Build`), drawn
   * where they are passed; `type`: the parameter's declared type — a string one takes no list.
   */
  readonly passed: { start: number; end: number; parameter: string; type: string | undefined }[] = [];
  private readonly byPath = new Map<string, ComposedFile>();
  private length = 0;

  /** `parses`: parses kept from an earlier composition, lent instead of parsing again (see ParseCache). */
  constructor(private readonly parses?: ParseCache) {}

  /** Parses `text` as the file at `path` and gives it its place; a file is added once. */
  add(path: string, text: string): ComposedFile {
    const known = this.byPath.get(path);
    if (known) return known;
    // One line break between files (an empty first file still takes its place), after the one
    // that ends the file before. A file without one is held with one (`heldBreak`): its last
    // line ends as any other's, so that the lines after it — a job added after its last one,
    // or its last job removed — are in it, not in the next file.
    const previous = this.files[this.files.length - 1];
    const base = previous === undefined ? 0 : this.length + (lacksFinalBreak(previous.src.text) ? 2 : 1);
    let src: YamlSource;
    if (this.parses) src = this.parses.lend(path, text, base);
    else {
      src = parseYamlSource(text);
      if (base !== 0) shiftRanges(src, base);
    }
    const file: ComposedFile = { path, src, base };
    this.files.push(file);
    this.byPath.set(path, file);
    this.length = base + text.length;
    return file;
  }

  get(path: string): ComposedFile | undefined {
    return this.byPath.get(path);
  }

  /**
   * One source over every file added, whose document holds `contents` (built from their nodes).
   * Its text is built on first read: the builders read the files' own texts through `parts`
   * (see partOf in yaml/source.ts); the edit engine, planning on the composite, reads it whole.
   */
  source(contents: ParsedNode): YamlSource {
    const lineCounter = new LineCounter();
    for (const file of this.files) {
      for (const start of file.src.lineCounter.lineStarts) lineCounter.addNewLine(start + file.base);
      if (this.heldBreak(file)) lineCounter.addNewLine(file.base + file.src.text.length + 1);
    }
    const doc = new Document() as Document.Parsed;
    doc.contents = contents;
    return new CompositeSource(doc, lineCounter, [...this.files]);
  }

  /**
   * The file a composite offset lies in, and the offset in that file; an offset just after a
   * file without a final line break (`heldBreak`) is `file.src.text.length + 1`.
   */
  place(offset: number): { file: ComposedFile; offset: number } {
    const file = partAt(this.files, offset) ?? this.files[0];
    return { file, offset: Math.min(Math.max(0, offset - file.base), file.src.text.length + (this.heldBreak(file) ? 1 : 0)) };
  }

  /** The text between two composite offsets of one file (without building the composite's text). */
  textAt(start: number, end: number): string {
    const { file, offset } = this.place(start);
    return file.src.text.slice(offset, offset + end - start);
  }

  /** Whether the composite holds a line break after `file` that its text lacks (it ends without one, and another file follows). */
  heldBreak(file: ComposedFile): boolean {
    return file !== this.files[this.files.length - 1] && lacksFinalBreak(file.src.text);
  }
}

function lacksFinalBreak(text: string): boolean {
  return text.length > 0 && !text.endsWith('\n');
}

/**
 * A composite's source. A class, not an object literal with a `get text()`: V8 keeps a literal's
 * accessor in its hidden class, so each composite got a hidden class of its own whose getter
 * closure held every file's tree from old space; the trees then outlived the young generation's
 * collections and were copied and promoted with each (composing dns-updater in a loop took
 * 0.39 ms, 0.089 ms of it in the collector; as a class 0.28 ms, 0.040 ms of it).
 */
class CompositeSource implements YamlSource {
  readonly docs: Document.Parsed[];
  readonly problems: YamlSource['problems'] = [];
  opaqueSyntaxOffsets: number[] | undefined = undefined;
  aliases: YamlSource['aliases'] = undefined;
  private joined: string | undefined;

  constructor(
    readonly doc: Document.Parsed,
    readonly lineCounter: LineCounter,
    readonly parts: readonly ComposedFile[],
  ) {
    this.docs = [doc];
  }

  get text(): string {
    // The files at their bases (CompositeFiles.add): each but the last with the line break it lacks held.
    this.joined ??= this.parts.map((f, i) => (i + 1 < this.parts.length && lacksFinalBreak(f.src.text) ? `${f.src.text}\n` : f.src.text)).join('\n');
    return this.joined;
  }
}

/** Adds `by` to the range of every node of a parsed file, every document of it. */
export function shiftRanges(src: YamlSource, by: number): void {
  for (const doc of src.docs) shiftNodeRanges(doc.contents, by);
}

// A parsed tree: each node once. Read by duck type rather than yaml's isPair/isScalar/... (each a
// symbol lookup on every node): a node the parser made has a range, a collection has items, and a
// pair has neither. 1.7x faster over hetzner's and azure-dev-extends' files (65 against 110 us a
// pass, node 20). It runs on every included file of a composition, and on every kept parse lent
// at a new place after an edit: recomposing the generated 20-file GitLab project after an edit in
// its root spent 0.58 ms shifting instead of 0.91 (profiles, 6 s of recompositions each).
function shiftNodeRanges(node: unknown, by: number): void {
  if (node === null || typeof node !== 'object') return;
  const { range, items } = node as { range?: [number, number, number] | null; items?: unknown[] };
  if (range) {
    range[0] += by;
    range[1] += by;
    range[2] += by;
  }
  if (items !== undefined) {
    for (let i = 0; i < items.length; i++) shiftNodeRanges(items[i], by);
  } else if (range === undefined && isPair(node)) {
    shiftNodeRanges(node.key, by);
    shiftNodeRanges(node.value, by);
  }
}

/**
 * A graph the builder made from `composite` (the source `files.source` gave), with every node,
 * edge and problem placed in its own file: `file` (relative to the project root) on what is not
 * in the root file, ranges, offsets and positions in that file's text. The graph is the caller's
 * own, just built: it is placed in place (a composed pipeline has thousands of nodes and edges).
 */
export function placeGraph(graph: PipelineGraph, composite: YamlSource, files: CompositeFiles, rootPath: string): PipelineGraph {
  const atPosition = (line: number, column: number) =>
    files.place((composite.lineCounter.lineStarts[line - 1] ?? textLength(composite)) + column - 1);
  const setFile = (target: { file?: string }, file: ComposedFile): void => {
    if (file.path === rootPath) delete target.file;
    else target.file = file.path;
  };
  const placeProblem = (problem: GraphProblem): void => {
    const at = atPosition(problem.line, problem.column);
    Object.assign(problem, positionAt(at.file.src, at.offset));
    setFile(problem, at.file);
    problem.consequences?.forEach(placeProblem);
  };
  for (const node of graph.nodes) {
    const start = files.place(node.offsets[0]);
    const end = files.place(Math.max(node.offsets[0], node.offsets[1] - 1));
    const endOffset = end.file === start.file ? end.offset + 1 : start.file.src.text.length;
    node.range = lineRangeOf(start.file.src, start.offset, endOffset);
    node.offsets = [start.offset, endOffset];
    setFile(node, start.file);
  }
  for (const edge of graph.edges) {
    if (edge.line === undefined || edge.column === undefined) continue;
    const at = atPosition(edge.line, edge.column);
    Object.assign(edge, positionAt(at.file.src, at.offset));
    setFile(edge, at.file);
  }
  graph.problems.forEach(placeProblem);
  // File marks are banners over the root file: those written elsewhere have no line there.
  graph.fileMarks = graph.fileMarks.flatMap((m) => {
    const at = atPosition(m.line, 1);
    return at.file.path === rootPath ? [{ ...m, line: positionAt(at.file.src, at.offset).line }] : [];
  });
  return graph;
}

/** Each file's own YAML problems (syntax, repeated keys), placed in it. */
export function fileProblems(files: readonly ComposedFile[], rootPath: string, adjust: (p: GraphProblem) => GraphProblem = (p) => p): GraphProblem[] {
  return files.flatMap((f) => f.src.problems.map((p) => ({ ...adjust(p), ...(f.path === rootPath ? {} : { file: f.path }) })));
}

// A GitLab pipeline split over files as one graph. The files GitLab merges are laid end to end as
// one YAML text of top-level entries (byte slices of the files, never re-serialised), built by the
// ordinary GitLab builder, and every position is mapped back to the file it came from.
//
// Merge rules (GitLab's): a key defined in several files keeps its first position and the later
// definition wins; two mapping definitions of a job or template are deep-merged, which is exactly
// what `extends:` with several parents does, so they are written as hidden parents of one entry.
// Settings (stages, variables, default, …) take the last definition.
import { isMap, type Node, type Pair } from 'yaml';
import type { GraphEdge, GraphNode, GraphProblem, PipelineGraph } from '../../../model';
import { gitlabDuplicateKeyIsWarning, graphFromSource } from '../../../parse';
import { keyOf, lineRangeOf, pairSpan, parseYamlSource, positionAt, rootMap, type YamlSource } from '../../../yaml/source';
import { RESERVED_KEYS } from '../topLevel';
import { collectIncludes, fileField, type LoadedFile, type ProjectFiles } from './collect';

export type { ProjectFiles } from './collect';

interface Definition {
  file: LoadedFile;
  pair: Pair<unknown, unknown>;
}

/** A run of composed text copied from a file (`fileStart` set) or written here (`definition`). */
interface Segment {
  start: number;
  end: number;
  file: LoadedFile;
  fileStart?: number;
  definition?: Definition;
}

/**
 * The composed graph of `rootPath` (relative to the project root). The root file's own text is
 * given (it may be unsaved); included files come from `project`.
 */
export function composeGitlabGraph(rootPath: string, rootText: string, project: ProjectFiles): PipelineGraph {
  const collected = collectIncludes(rootPath, rootText, project);
  const rootFile = collected.files[collected.files.length - 1];
  // A root that does not parse is reported as it is, alone: nothing composed from it is trustworthy.
  if (rootFile.src.problems.some(isSyntaxError)) return graphFromSource(rootFile.src, { dialect: 'gitlab' });
  const { text, segments, merged } = layOut(collected.files, collected.unresolved);
  const composite = parseYamlSource(text);
  const graph = graphFromSource(composite, { dialect: 'gitlab' });
  const locate = new Locator(composite, segments, rootFile);

  const nodes = graph.nodes.map((n) => placeNode(n, locate, merged.get(n.id)));
  const edges = graph.edges.map((e) => placeEdge(e, locate));
  // Each file's YAML warnings come from the file itself (below); a syntax error only the composed
  // text has (an alias whose anchor a later file's definition replaced) is not the root's.
  const problems = graph.problems
    .filter((p) => p.source !== 'syntax' || p.severity === 'error')
    .map((p) => placeProblem(p.source === 'syntax' ? { ...p, source: 'structure', message: `in the composed pipeline: ${p.message}` } : p, locate));
  const rootMarks = collected.includeNodes
    .filter((n) => n.file === undefined)
    .map((n) => ({ mark: 'include' as const, detail: n.name, line: n.range.startLine }));
  return {
    ...graph,
    nodes: [...nodes, ...collected.includeNodes],
    edges,
    problems: onceEach([...yamlProblems(collected.files, rootFile), ...collected.problems, ...problems]),
    fileMarks: rootMarks,
  };
}

// The composed text repeats no key and no file's own YAML warnings (a repeated key, say): they
// are taken from each file.
function yamlProblems(files: LoadedFile[], rootFile: LoadedFile): GraphProblem[] {
  return files.flatMap((f) => f.src.problems.map((p) => ({ ...gitlabDuplicateKeyIsWarning(p), ...fileField(f === rootFile ? undefined : f.path) })));
}

/**
 * A problem both a file's own YAML and the builder see (a repeated key the GitLab builder also
 * reports on the composed text) is said once, where it was first found.
 */
function onceEach(problems: GraphProblem[]): GraphProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = JSON.stringify([p.severity, p.message, p.line, p.column, p.file ?? '']);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function isSyntaxError(p: GraphProblem): boolean {
  return p.source === 'syntax' && p.severity === 'error';
}

function layOut(files: LoadedFile[], unresolved: boolean): { text: string; segments: Segment[]; merged: Map<string, Definition[]> } {
  const definitions = new Map<string, Definition[]>();
  for (const file of files) {
    const root = rootMap(file.src);
    const last = new Map<string, Pair<unknown, unknown>>();
    for (const pair of root?.items ?? []) {
      const name = keyOf(pair);
      if (name !== undefined && name !== 'include') last.set(name, pair);
    }
    for (const [name, pair] of last) {
      const list = definitions.get(name);
      if (list) list.push({ file, pair });
      else definitions.set(name, [{ file, pair }]);
    }
  }

  let text = '';
  const segments: Segment[] = [];
  const merged = new Map<string, Definition[]>();
  const copy = (head: string, def: Definition, from: number): void => {
    const { offsets } = pairSpan(def.file.src, def.pair);
    text += head;
    segments.push({ start: text.length, end: text.length + offsets[1] - from, file: def.file, fileStart: from });
    text += `${def.file.src.text.slice(from, offsets[1])}\n`;
  };
  const write = (chunk: string, def: Definition): void => {
    segments.push({ start: text.length, end: text.length + chunk.length, file: def.file, definition: def });
    text += chunk;
  };

  // An unknown `extends` may come from an include not read here; the builder words it so.
  if (unresolved) text += 'include: []\n';
  for (const [name, defs] of definitions) {
    const last = defs[defs.length - 1];
    const deepMerged = defs.length > 1 && !RESERVED_KEYS.has(name) && defs.every((d) => isMap(d.pair.value));
    if (!deepMerged) {
      copy('', last, pairSpan(last.file.src, last.pair).offsets[0]);
      continue;
    }
    const parents = defs.map((d) => `.${name} (${d.file.path})`);
    defs.forEach((d, i) => copy(JSON.stringify(parents[i]), d, (d.pair.key as Node).range![1]));
    write(`${JSON.stringify(name)}:\n  extends: [${parents.map((p) => JSON.stringify(p)).join(', ')}]\n`, last);
    merged.set(name, defs);
  }
  return { text, segments, merged };
}

interface Place {
  file: LoadedFile;
  offset: number;
}

/** Maps composite positions back to the files they were copied from. */
class Locator {
  constructor(
    private readonly composite: YamlSource,
    private readonly segments: Segment[],
    readonly rootFile: LoadedFile,
  ) {}

  /** A written entry (a merged job) is located at its last definition's key. */
  at(offset: number): Place {
    const segment = this.segmentAt(offset);
    if (!segment) return { file: this.rootFile, offset: 0 };
    if (segment.fileStart !== undefined) return { file: segment.file, offset: segment.fileStart + (offset - segment.start) };
    const def = segment.definition!;
    return { file: def.file, offset: pairSpan(def.file.src, def.pair).offsets[0] };
  }

  // Segments are in text order; a big pipeline has thousands of them and of nodes to place.
  private segmentAt(offset: number): Segment | undefined {
    let low = 0;
    let high = this.segments.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const s = this.segments[mid];
      if (offset < s.start) high = mid - 1;
      else if (offset > s.end) low = mid + 1;
      else return s;
    }
    // Between segments (a line break written here): the next one.
    return this.segments[low];
  }

  atPosition(line: number, column: number): Place {
    const lineStart = this.composite.lineCounter.lineStarts[line - 1] ?? this.composite.text.length;
    return this.at(lineStart + column - 1);
  }

  /** The path to report: none for the root file. */
  fileOf(place: Place): { file?: string } {
    return fileField(place.file === this.rootFile ? undefined : place.file.path);
  }
}

function placeNode(node: GraphNode, locate: Locator, defs: Definition[] | undefined): GraphNode {
  if (defs) {
    const last = defs[defs.length - 1];
    const span = pairSpan(last.file.src, last.pair);
    const files = [...new Set(defs.map((d) => d.file.path))];
    return {
      ...node,
      range: span.range,
      offsets: span.offsets,
      readOnlyReason: `"${node.id}" is defined in ${files.join(', ')} and GitLab merges the definitions; change it in one of them`,
      ...locate.fileOf({ file: last.file, offset: 0 }),
    };
  }
  const start = locate.at(node.offsets[0]);
  const end = locate.at(Math.max(node.offsets[0], node.offsets[1] - 1));
  const endOffset = end.file === start.file ? end.offset + 1 : start.file.src.text.length;
  return {
    ...node,
    range: lineRangeOf(start.file.src, start.offset, endOffset),
    offsets: [start.offset, endOffset],
    ...locate.fileOf(start),
  };
}

// An edge's position is where its reference is written; it is kept only when that is the root
// file, the one file an edge's position is read in.
function placeEdge(edge: GraphEdge, locate: Locator): GraphEdge {
  if (edge.line === undefined || edge.column === undefined) return edge;
  const place = locate.atPosition(edge.line, edge.column);
  const { line: _line, column: _column, ...rest } = edge;
  if (place.file !== locate.rootFile) return rest;
  return { ...rest, ...positionAt(place.file.src, place.offset) };
}

function placeProblem(problem: GraphProblem, locate: Locator): GraphProblem {
  const place = locate.atPosition(problem.line, problem.column);
  const consequences = problem.consequences?.map((c) => placeProblem(c, locate));
  return {
    ...problem,
    ...positionAt(place.file.src, place.offset),
    ...locate.fileOf(place),
    ...(consequences ? { consequences } : {}),
  };
}

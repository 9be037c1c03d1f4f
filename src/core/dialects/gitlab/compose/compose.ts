// A GitLab pipeline split over files as one graph. The top-level entries of the files GitLab
// merges are gathered into one mapping of the files' own parsed nodes (each file parsed once, see
// CompositeFiles), built by the ordinary GitLab builder, and every position is placed back in the
// file it came from.
//
// Merge rules (GitLab's): a key defined in several files keeps its first position and the later
// definition wins; two mapping definitions of a job or template are deep-merged, which is exactly
// what `extends:` with several parents does, so they become hidden parents of one entry.
// Settings (stages, variables, default, …) take the last definition.
import { Pair, Scalar, YAMLMap, YAMLSeq, isMap, isSeq, type Node, type ParsedNode } from 'yaml';
import type { ComposeOptions } from '../../../compose/composeGraph';
import { fileProblems, placeGraph, type CompositeSeen } from '../../../compose/compositeSource';
import type { GraphNode, GraphProblem, PipelineGraph } from '../../../model';
import { gitlabDuplicateKeyIsWarning, graphFromSource } from '../../../parse';
import { keyOf, lineRangeOf, pairSpan, positionAt, scalarText, type YamlSource } from '../../../yaml/source';
import { RESERVED_KEYS } from '../topLevel';
import { collectIncludes, type IncludedContent, type LoadedFile, type ProjectFiles } from './collect';

export type { ProjectFiles } from './collect';

interface Definition {
  file: LoadedFile;
  pair: Pair<unknown, unknown>;
}

/**
 * The composed graph of `rootPath` (relative to the project root). The root file's own text is
 * given (it may be unsaved); included files come from `project`.
 */
export function composeGitlabGraph(rootPath: string, rootText: string, project: ProjectFiles, seen?: CompositeSeen, options: ComposeOptions = {}): PipelineGraph {
  const collected = collectIncludes(rootPath, rootText, project);
  const rootFile = collected.files[collected.files.length - 1];
  // A root that does not parse is reported as it is, alone: nothing composed from it is trustworthy.
  if (rootFile.src.problems.some((p) => p.source === 'syntax' && p.severity === 'error')) {
    return graphFromSource(rootFile.src, { dialect: 'gitlab' });
  }
  const { contents, merged, stages: stagesWritten } = merge(collected.contents, collected.unresolved);
  const composite = collected.composite.source(contents as unknown as ParsedNode);
  seen?.(composite, collected.composite);
  // The root's name says whether it may itself be included (its unknown names then warnings).
  // The root may itself be a file another pipeline includes, which gives the stages it runs in.
  const inherited = options.stages ? { stages: options.stages } : {};
  const graph = placeGraph(graphFromSource(composite, { dialect: 'gitlab', fileName: rootPath, ...inherited }), composite, collected.composite, rootPath);
  const rootMarks = collected.includeNodes
    .filter((n) => n.file === undefined)
    .map((n) => ({ mark: 'include' as const, detail: n.name, line: n.range.startLine }));
  const stages = new Set(graph.lanes.map((l) => l.id));
  const includeNodes = collected.includeNodes.map((n) => (n.stage === undefined || stages.has(n.stage) ? n : { ...n, stage: '.pre' }));
  return {
    ...graph,
    nodes: [...graph.nodes.map((n) => (merged.has(n.id) ? mergedNode(n, merged.get(n.id)!, composite, rootPath) : n)), ...includeNodes],
    // The composite has no YAML problems of its own: each file's are its own, said once.
    problems: [...fileProblems(collected.files, rootPath, gitlabDuplicateKeyIsWarning), ...collected.problems, ...overriddenStages(stagesWritten, rootPath), ...graph.problems],
    fileMarks: rootMarks,
  };
}


/** `stages`: every file's `stages:`, in GitLab's merge order (the last is kept). */
function merge(included: IncludedContent[], unresolved: boolean): { contents: YAMLMap; merged: Map<string, Definition[]>; stages: Definition[] } {
  const definitions = new Map<string, Definition[]>();
  for (const { file, map } of included) {
    const last = new Map<string, Pair<unknown, unknown>>();
    for (const pair of map.items as Pair<unknown, unknown>[]) {
      const name = keyOf(pair);
      if (name !== undefined && name !== 'include') last.set(name, pair);
    }
    for (const [name, pair] of last) {
      const list = definitions.get(name);
      if (list) list.push({ file, pair });
      else definitions.set(name, [{ file, pair }]);
    }
  }

  const contents = new YAMLMap();
  const merged = new Map<string, Definition[]>();
  // An unknown `extends` may come from an include not read here; the builder words it so.
  if (unresolved) contents.items.push(new Pair(new Scalar('include'), new YAMLSeq()));
  for (const [name, defs] of definitions) {
    const last = defs[defs.length - 1];
    const deepMerged = defs.length > 1 && !RESERVED_KEYS.has(name) && defs.every((d) => isMap(d.pair.value));
    if (!deepMerged) {
      contents.items.push(last.pair as Pair);
      continue;
    }
    const parents = defs.map((d) => `.${name} (${d.file.path})`);
    defs.forEach((d, i) => contents.items.push(new Pair(standingAt(parents[i], d.pair.key), d.pair.value)));
    const extendsMap = new YAMLMap();
    const list = new YAMLSeq();
    list.items = parents.map((p) => standingAt(p, last.pair.key));
    extendsMap.items.push(new Pair(standingAt('extends', last.pair.key), list));
    extendsMap.range = (last.pair.value as Node).range ? [...(last.pair.value as Node).range!] : undefined;
    contents.items.push(new Pair(standingAt(name, last.pair.key), extendsMap));
    merged.set(name, defs);
  }
  return { contents, merged, stages: definitions.get('stages') ?? [] };
}

/**
 * A `stages:` another file's overrides (GitLab keeps the last, the including file's over those it
 * includes) that lists other stages or another order: its file's jobs run in the winning list's,
 * which a reader of that file alone would not guess. An identical copy says nothing.
 */
function overriddenStages(defs: readonly Definition[], rootPath: string): GraphProblem[] {
  const last = defs[defs.length - 1];
  const kept = last && stageList(last.pair.value);
  if (!kept) return [];
  return defs.flatMap(({ file, pair }) => {
    const own = stageList(pair.value);
    if (file === last.file || !own || own.join('\n') === kept.join('\n')) return [];
    return [{
      message: `this stages: is not the pipeline's: GitLab keeps the one in ${last.file.path} (${kept.join(', ')}) and runs this file's jobs in those stages`,
      ...positionAt(file.src, (pair.key as Node).range![0] - file.base),
      severity: 'warning' as const,
      source: 'structure' as const,
      ...(file.path === rootPath ? {} : { file: file.path }),
    }];
  });
}

/** The stage names a `stages:` value lists (nested lists flattened, as GitLab does); undefined when not plain. */
function stageList(value: unknown): string[] | undefined {
  if (!isSeq(value)) return undefined;
  const names: string[] = [];
  for (const item of (value as YAMLSeq).items) {
    const nested = isSeq(item) ? stageList(item) : undefined;
    const name = nested ? undefined : scalarText(item);
    if (nested) names.push(...nested);
    else if (name !== undefined) names.push(name);
    else return undefined;
  }
  return names;
}

/** A new scalar written where `like` is (a key standing for the definition it names). */
function standingAt(value: string, like: unknown): Scalar {
  const scalar = new Scalar(value);
  const range = (like as Node | null)?.range;
  scalar.range = range ? [...range] : undefined;
  return scalar;
}

/** A job defined in several files is placed at its last definition and says where it is defined. */
function mergedNode(node: GraphNode, defs: Definition[], composite: YamlSource, rootPath: string): GraphNode {
  const last = defs[defs.length - 1];
  const span = pairSpan(composite, last.pair);
  const offsets: [number, number] = [span.offsets[0] - last.file.base, span.offsets[1] - last.file.base];
  const files = [...new Set(defs.map((d) => d.file.path))];
  const { file: _file, ...rest } = node;
  return {
    ...rest,
    range: lineRangeOf(last.file.src, offsets[0], offsets[1]),
    offsets,
    // No one place holds it: nothing in it can be edited as one splice (the designer opens its last definition).
    marks: rest.marks.includes('include') ? rest.marks : [...rest.marks, 'include'],
    readOnlyReason: `"${node.id}" is defined in ${files.join(', ')} and GitLab merges the definitions; change it in one of them`,
    ...(last.file.path === rootPath ? {} : { file: last.file.path }),
  };
}

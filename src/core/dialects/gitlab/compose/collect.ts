// Following `include: local:` from a root GitLab file: the files GitLab merges, in its order
// (each file after the files it includes, depth first), and what could not be followed —
// other projects' files, missing files, cycles, the include limit — as problems and include nodes.
import { isScalar, type YAMLMap } from 'yaml';
import { CompositeFiles, type ComposedFile } from '../../../compose/compositeSource';
import type { ProjectFiles } from '../../../compose/projectFiles';
import type { GraphNode, GraphProblem } from '../../../model';
import { syntaxCause } from '../../../problems';
import { lineRangeOf, positionAt, rootMap } from '../../../yaml/source';
import { globMatcher, isWildcard, normalizeLocalPath } from './glob';
import { includeEntries, type IncludeEntry } from './includeEntries';
import { bindInputs, declaredInputs, interpolate, undeclaredInputUses } from './inputs';

export type { ProjectFiles } from '../../../compose/projectFiles';

/** GitLab's default limit on includes per pipeline, counting nested and repeated ones. */
export const MAX_INCLUDES = 150;

/** A file read, parsed once; its nodes' ranges are offsets in `composite` (see CompositeFiles). */
export type LoadedFile = ComposedFile;

/** A file as one include brings it in: its top-level mapping with that include's inputs applied. */
export interface IncludedContent {
  file: LoadedFile;
  map: YAMLMap;
}

export interface Collected {
  /** Every file read, each parsed once, in one composite coordinate system. */
  composite: CompositeFiles;
  /** Each file once, in GitLab's merge order; the root file is last. */
  files: LoadedFile[];
  /**
   * What GitLab merges, in its order: each file's content as included — a file included twice
   * with different inputs is there twice (one parse, two interpolations). The root is last.
   */
  contents: IncludedContent[];
  /** Read-only nodes for includes that are not drawn from files here (other projects, missing files). */
  includeNodes: GraphNode[];
  problems: GraphProblem[];
  /** True when some include could not be followed: an unknown `extends` may come from it. */
  unresolved: boolean;
}

export function collectIncludes(rootPath: string, rootText: string, project: ProjectFiles): Collected {
  const out: Collected = { composite: new CompositeFiles(project.parses), files: [], contents: [], includeNodes: [], problems: [], unresolved: false };
  const visited = new Set<string>();
  /** Files and the inputs they were included with (see visit). */
  const visitedWith = new Set<string>();
  const root = normalizeLocalPath(rootPath);
  let count = 0;
  let overLimit = false;
  const exists = (glob: string) => project.listFiles(glob).some(globMatcher(glob));
  const relative = (path: string) => (path === root ? undefined : path);

  // Offsets of nodes are composite ones: positions are read in the file itself.
  const problemAt = (file: LoadedFile, offset: number, message: string, severity: 'error' | 'warning'): void => {
    out.problems.push({ message, ...positionAt(file.src, offset - file.base), severity, source: 'reference', ...fileField(relative(file.path)) });
  };

  const addNode = (file: LoadedFile, entry: IncludeEntry, id: string, missing: boolean, reason: string): void => {
    if (out.includeNodes.some((n) => n.id === id)) return;
    const start = entry.offset - file.base;
    const end = file.src.text.indexOf('\n', start);
    const stop = end < 0 ? file.src.text.length : end;
    out.includeNodes.push({
      id,
      name: id,
      kind: 'other',
      // Drawn in the stage a component is given (composeGitlabGraph keeps it when it is one), else first.
      stage: entry.stage ?? '.pre',
      role: 'job',
      marks: missing ? ['include', 'missing'] : ['include'],
      readOnlyReason: reason,
      range: lineRangeOf(file.src, start, stop),
      offsets: [start, stop],
      ...fileField(relative(file.path)),
    });
    out.unresolved = true;
  };

  /** `from`: where the file is included (and the inputs it passes), to report a file GitLab would not accept. */
  const visit = (path: string, text: string, stack: string[], from?: { file: LoadedFile; offset: number; inputs?: unknown }): void => {
    // A file taking inputs is visited once per set of inputs (see below); what is wrong with the file itself is said once.
    const again = visited.has(path);
    visited.add(path);
    const file = out.composite.add(path, text);
    const src = file.src;
    const syntax = syntaxCause(src.problems);
    if (syntax && path !== root) {
      // Its content cannot be trusted; the root's own syntax errors are the caller's to report.
      if (!again) out.problems.push({ ...syntax, message: `included file ${path} is not valid YAML: ${syntax.message}`, source: 'structure', file: path });
      return;
    }
    const declared = declaredInputs(src);
    // A header with nothing after it leaves no content (YamlSource then holds the header).
    const written = declared && src.doc === src.docs[0] ? undefined : rootMap(src);
    if (!written && from) {
      const empty = (declared !== undefined && src.doc === src.docs[0]) || src.doc.contents === null || (isScalar(src.doc.contents) && src.doc.contents.value === null);
      problemAt(from.file, from.offset, `included file ${path} ${empty ? 'is empty' : 'is not a mapping of jobs and settings'}`, 'error');
      return;
    }
    if (declared && !again) {
      for (const use of undeclaredInputUses(src, declared)) {
        problemAt(file, use.at, `\`$[[ inputs.${use.name} ]]\` names an input ${path} does not declare in \`spec: inputs:\` (GitLab rejects the file: unknown interpolation key)`, 'error');
      }
    }
    const bound = bindInputs(declared, from?.inputs, path);
    for (const message of bound.problems) if (from) problemAt(from.file, from.offset, message, 'error');
    // GitLab merges a file included twice only once, unless its inputs differ (then it is two).
    const visitKey = `${path}\0${declared ? JSON.stringify([...bound.values].sort()) : ''}`;
    if (visitedWith.has(visitKey)) return;
    visitedWith.add(visitKey);
    const map = written && (interpolate(written, bound.values) as YAMLMap);
    for (const entry of map ? includeEntries(map, exists) : []) {
      if (overLimit) break;
      if (entry.rules === 'excluded') continue;
      if (entry.rules === 'conditional') {
        problemAt(file, entry.offset, `include "${entry.target}" has rules that depend on the pipeline (if:, changes:); drawn as included`, 'warning');
      }
      if (entry.kind !== 'local') {
        count++;
        const reason = entry.kind ? `${entry.target}: another project's or a remote file, read-only here` : 'an include form GitLab does not know';
        if (!entry.kind) problemAt(file, entry.offset, 'include entry is not a path nor a map with local:, project:, remote:, template: or component:', 'error');
        addNode(file, entry, entry.target, false, reason);
        continue;
      }
      const paths = isWildcard(entry.target)
        ? project.listFiles(entry.target).filter(globMatcher(entry.target)).map(normalizeLocalPath).sort()
        : [normalizeLocalPath(entry.target)];
      if (paths.length === 0) {
        problemAt(file, entry.offset, `include "${entry.target}" matches no file in the project`, 'error');
        addNode(file, entry, `local: ${entry.target}`, true, `no file matches ${entry.target}`);
      }
      for (const target of paths) {
        if (++count > MAX_INCLUDES) {
          overLimit = true;
          problemAt(file, entry.offset, `more than ${MAX_INCLUDES} includes (GitLab's limit, counting nested and repeated ones); the rest is not read`, 'error');
          break;
        }
        if (stack.includes(target)) {
          problemAt(file, entry.offset, `include cycle: ${[...stack, target].join(' → ')}`, 'error');
          continue;
        }
        // The same content changes nothing (see visit); a file taking inputs is read again, as
        // its parse is kept (CompositeFiles), to be included with these.
        const known = visited.has(target) ? out.composite.get(target) : undefined;
        if (known && entry.inputs === undefined && !declaredInputs(known.src)) continue;
        const included = out.composite.get(target)?.src.text ?? project.readFile(target);
        if (included === undefined) {
          problemAt(file, entry.offset, `included file ${target} not found in the project`, 'error');
          addNode(file, entry, `local: ${target}`, true, `${target} is not in the project`);
          continue;
        }
        visit(target, included, [...stack, target], { file, offset: entry.offset, inputs: entry.inputs });
      }
    }
    if (!out.files.includes(file)) out.files.push(file);
    if (map) out.contents.push({ file, map });
  };

  visit(root, rootText, [root]);
  return out;
}

export function fileField(file: string | undefined): { file?: string } {
  return file === undefined ? {} : { file };
}

// Which lines an operation may touch, and whether an edit stayed inside them: the promise that
// the designer never changes a byte it was not asked to change, checked from the outside with a
// line diff (no knowledge of how a planner works).
//
// An operation may change: the lines of the stage it is about; for renames, deletes and moves,
// the entries that name that stage (`needs` / `dependsOn` / `dependencies`, GitLab `on_stop`,
// `extends`, `job:` and `!reference`, `needs.x` / `dependencies.x` expressions and Azure's
// `succeeded('x')`); GitLab's
// top-level `stages:` list when lanes may change; `before`'s lines when a stage is added before
// it; an Azure destination stage when a job moves into it; and in Azure, the stages that follow
// the edited one by default (their `dependsOn` may be pinned so the default does not silently
// change). Blank and comment-only lines next to such a region go with it (a deleted job takes
// its trailing blank line). A new stage may be inserted at any stage boundary or top-level
// entry boundary. Deleting one of two equal blocks may show in a diff as either; the edit is in
// scope when some alignment of old and new lines keeps every change inside it.
import { isPair, visit, type Node, type Pair } from 'yaml';
import type { EditOperation } from '../../src/core/edit/operations';
import type { GraphNode, LineRange, PipelineGraph } from '../../src/core/model';
import { keyOf, nodeSpan, pairSpan, parseYamlSource, rootMap, type YamlSource } from '../../src/core/yaml/source';
import { diffLineLists, splitLines, type Hunk } from './lineDiff';

const DEPENDENCY_KEYS = new Set(['needs', 'dependsOn', 'dependencies']);
/** GitLab keys whose value names another job: `environment.on_stop`, `extends`, `needs`/`trigger` `job:`. */
const GITLAB_REFERENCE_KEYS = new Set(['on_stop', 'extends', 'job']);

export interface EditScope {
  /** Per old line (0-based): may the edit change it? */
  allowed: boolean[];
  /** Insertion points (0-based: "before old line p") where whole new stages may go. */
  stageBoundaries: Set<number>;
  lines: string[];
}

/** The lines `op` may touch in `text` (whose graph is `graph`). */
export function editScope(text: string, graph: PipelineGraph, op: EditOperation): EditScope {
  const lines = splitLines(text);
  const allowed = new Array<boolean>(lines.length).fill(false);
  const src = parseYamlSource(text);
  const mark = (r: LineRange | undefined) => {
    if (!r) return;
    for (let l = r.startLine; l <= r.endLine; l++) if (l >= 1 && l <= lines.length) allowed[l - 1] = true;
  };
  const node = (id: string | undefined): GraphNode | undefined => graph.nodes.find((n) => n.id === id);
  const dependencySpans = referencePairSpans(src, graph.dialect === 'gitlab' ? new Set([...DEPENDENCY_KEYS, ...GITLAB_REFERENCE_KEYS]) : DEPENDENCY_KEYS);
  const markReferencesTo = (id: string) => {
    // Dependency entries: the ones the graph's edges point at, and any naming the stage (GitLab
    // `dependencies:` lists are not edges).
    for (const e of graph.edges) {
      if (e.implicit || e.line === undefined || (e.from !== id && e.to !== id)) continue;
      mark(dependencySpans.find((s) => s.range.startLine <= e.line! && e.line! <= s.range.endLine)?.range ?? { startLine: e.line, endLine: e.line });
    }
    const name = localName(id);
    for (const s of dependencySpans) if (mentions(s.text, name)) mark(s.range);
    // Expressions that read another stage's results: `needs.build.outputs.x` (GitHub),
    // `dependencies.Build.result`, `stageDependencies.Build.Job.outputs[...]` (Azure).
    const expression = new RegExp(`(needs|dependencies|stageDependencies)(\\.${escapeRegExp(name)}|\\[\\s*['"]${escapeRegExp(name)}['"])(?![A-Za-z0-9_-])|stageDependencies\\.[A-Za-z0-9_]+\\.${escapeRegExp(name)}(?![A-Za-z0-9_-])`, 'i');
    const reference = new RegExp(`!reference\\s*\\[\\s*['"]?${escapeRegExp(name)}['"]?\\s*,`);
    // Azure's status functions name what they test: `succeeded('Build', 'Test')`.
    const tested = new RegExp(`(succeeded|failed|succeededOrFailed)\\s*\\([^()]*['"]\\s*${escapeRegExp(name)}\\s*['"]`, 'i');
    lines.forEach((line, i) => {
      if (expression.test(line) || (graph.dialect === 'gitlab' && reference.test(line)) || (graph.dialect === 'azure' && tested.test(line))) allowed[i] = true;
    });
  };
  // Azure: a stage without `dependsOn` follows the one before it; an edit that adds, removes or
  // moves stages may pin that dependency on the stages after `id`.
  const markDefaultFollowersOf = (id: string | undefined) => {
    if (graph.dialect !== 'azure' || id === undefined) return;
    for (const e of graph.edges) if (e.implicit && e.from === id) mark(node(e.to)?.range);
  };

  switch (op.op) {
    case 'renameStage':
    case 'deleteStage':
      mark(node(op.stage)?.range);
      markReferencesTo(op.stage);
      if (op.op === 'deleteStage') {
        mark(stagesListSpan(src, graph));
        markDefaultFollowersOf(op.stage);
        for (const block of blocksHoldingOnly(src, node(op.stage)?.range)) mark(block);
      }
      break;
    case 'moveToStage':
      mark(node(op.stage)?.range);
      markReferencesTo(op.stage);
      mark(stagesListSpan(src, graph));
      if (graph.dialect === 'azure') mark(node(op.to)?.range);
      markDefaultFollowersOf(op.stage);
      break;
    case 'addDependency':
    case 'removeDependency':
    case 'setProperty':
      mark(node(op.stage)?.range);
      break;
    case 'addStage':
      mark(node(op.before)?.range);
      mark(stagesListSpan(src, graph));
      markDefaultFollowersOf(op.after);
      break;
  }
  spreadOverBlankAndCommentLines(lines, allowed);
  const stageBoundaries = new Set<number>();
  if (op.op === 'addStage' || (op.op === 'moveToStage' && graph.dialect === 'azure')) {
    for (const n of graph.nodes) {
      stageBoundaries.add(n.range.startLine - 1);
      stageBoundaries.add(n.range.endLine);
    }
    for (const item of rootMap(src)?.items ?? []) {
      const { range } = pairSpan(src, item);
      stageBoundaries.add(range.startLine - 1);
      stageBoundaries.add(range.endLine);
    }
    stageBoundaries.add(lines.length);
  }
  return { allowed, stageBoundaries, lines };
}

/** Problems with the edit `oldText` → `newText` for `op`; empty when it stayed in scope. */
export function editScopeProblems(oldText: string, newText: string, graph: PipelineGraph, op: EditOperation): string[] {
  const scope = editScope(oldText, graph, op);
  const problems: string[] = [];
  if (oldText.length > 0 && oldText.endsWith('\n') !== newText.endsWith('\n')) {
    problems.push(`the file ${oldText.endsWith('\n') ? 'lost' : 'gained'} its final line break`);
  }
  // Appending after a last line without a line break leaves its bytes alone but gives it a line
  // break; compare both texts as if they ended with one, so that is not counted as a change.
  const eol = oldText.includes('\r\n') ? '\r\n' : '\n';
  const closed = (t: string) => (t.length === 0 || t.endsWith('\n') ? t : t + eol);
  const oldLines = splitLines(closed(oldText));
  const newLines = splitLines(closed(newText));
  scope.lines = oldLines;
  const outside = diffLineLists(oldLines, newLines).flatMap((h) => hunkProblems(h, scope));
  // The diff is one alignment of many: deleting one of two equal blocks can be shown either way.
  // Out-of-scope hunks are real only if no alignment at all keeps the change inside the scope.
  if (outside.length > 0 && !alignsWithinScope(oldLines, newLines, scope)) problems.push(...outside);
  return problems;
}

function hunkProblems(h: Hunk, scope: EditScope): string[] {
  const { allowed, lines } = scope;
  if (h.oldEnd > h.oldStart) {
    const outside: number[] = [];
    for (let l = h.oldStart; l < h.oldEnd; l++) if (!allowed[l]) outside.push(l);
    if (outside.length === 0) return [];
    const shown = outside.slice(0, 3).map((l) => `line ${l + 1} ${JSON.stringify(lines[l].replace(/\r?\n$/, ''))}`);
    return [`changed outside the operation's lines: ${shown.join(', ')}${outside.length > 3 ? ` and ${outside.length - 3} more` : ''}`];
  }
  return insertionAllowed(h.oldStart, scope) ? [] : [`lines inserted before line ${h.oldStart + 1}, away from the operation's lines and from any stage boundary`];
}

function insertionAllowed(p: number, scope: EditScope): boolean {
  return scope.allowed[p - 1] || scope.allowed[p] || atStageBoundary(p, scope);
}

/**
 * Can `newLines` be made from `oldLines` by deleting only allowed lines and inserting only at
 * allowed places? Reachability over the edit grid (match, delete, insert moves).
 */
function alignsWithinScope(oldLines: string[], newLines: string[], scope: EditScope): boolean {
  const n = oldLines.length;
  const m = newLines.length;
  const width = m + 1;
  const reach = new Uint8Array((n + 1) * width);
  const canInsert = Array.from({ length: n + 1 }, (_, p) => insertionAllowed(p, scope));
  reach[0] = 1;
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= m; j++) {
      if (!reach[i * width + j]) continue;
      if (i < n && j < m && oldLines[i] === newLines[j]) reach[(i + 1) * width + j + 1] = 1;
      if (i < n && scope.allowed[i]) reach[(i + 1) * width + j] = 1;
      if (j < m && canInsert[i]) reach[i * width + j + 1] = 1;
    }
  }
  return reach[n * width + m] === 1;
}

/** A boundary, or separated from one only by blank and comment lines. */
function atStageBoundary(p: number, scope: EditScope): boolean {
  const { stageBoundaries, lines } = scope;
  if (stageBoundaries.size === 0) return false;
  for (let q = p; ; q--) {
    if (stageBoundaries.has(q)) return true;
    if (q === 0 || !isBlankOrComment(lines[q - 1])) break;
  }
  for (let q = p; q < lines.length && isBlankOrComment(lines[q]); q++) {
    if (stageBoundaries.has(q + 1)) return true;
  }
  return false;
}

/** `name` appears in `text` as a whole name (not inside a longer one). */
function mentions(text: string, name: string): boolean {
  return new RegExp(`(^|[^A-Za-z0-9_.-])${escapeRegExp(name)}(?![A-Za-z0-9_.-])`).test(text);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function localName(id: string): string {
  return id.slice(id.lastIndexOf('/') + 1);
}

function isBlankOrComment(line: string | undefined): boolean {
  return line !== undefined && /^\s*(#.*)?\r?\n?$/.test(line);
}

function spreadOverBlankAndCommentLines(lines: string[], allowed: boolean[]): void {
  const seeds = allowed.map((a, i) => (a ? i : -1)).filter((i) => i >= 0);
  for (const seed of seeds) {
    for (let l = seed + 1; l < lines.length && !allowed[l] && isBlankOrComment(lines[l]); l++) allowed[l] = true;
    for (let l = seed - 1; l >= 0 && !allowed[l] && isBlankOrComment(lines[l]); l--) allowed[l] = true;
  }
}

/** Every entry under one of `keys` in the file (at any depth): its lines and its text. */
function referencePairSpans(src: YamlSource, keys: ReadonlySet<string>): { range: LineRange; text: string }[] {
  const spans: { range: LineRange; text: string }[] = [];
  for (const doc of src.docs) {
    visit(doc, {
      Pair(_, pair) {
        if (!isPair(pair)) return;
        const key = keyOf(pair as Pair<unknown, unknown>);
        if (key === undefined || !keys.has(key)) return;
        const { range, offsets } = pairSpan(src, pair as Pair<unknown, unknown>);
        spans.push({ range, text: src.text.slice(offsets[0], offsets[1]) });
      },
    });
  }
  return spans;
}

/**
 * Azure `${{ if … }}:` blocks whose whole value is the lines of `range` (a stage or job they
 * alone hold): deleting what they hold takes their key line along, or an empty block is left.
 */
function blocksHoldingOnly(src: YamlSource, range: LineRange | undefined): LineRange[] {
  if (!range) return [];
  const found: LineRange[] = [];
  for (const doc of src.docs) {
    visit(doc, {
      Pair(_, pair) {
        if (!isPair(pair) || !keyOf(pair as Pair<unknown, unknown>)?.startsWith('${{')) return;
        const value = pair.value as Node | null;
        if (!value?.range) return;
        const valueLines = nodeSpan(src, value).range;
        if (valueLines.startLine >= range.startLine && valueLines.endLine <= range.endLine) found.push(pairSpan(src, pair as Pair<unknown, unknown>).range);
      },
    });
  }
  return found;
}

/** GitLab's top-level `stages:` entry, whose list an edit may extend or shrink. */
function stagesListSpan(src: YamlSource, graph: PipelineGraph): LineRange | undefined {
  if (graph.dialect !== 'gitlab') return undefined;
  const pair = rootMap(src)?.items.find((p) => keyOf(p) === 'stages');
  if (!pair) return undefined;
  return pairSpan(src, pair).range;
}

// The single-edit refusal rate (issue #10): over a deterministic sample of the shared corpus,
// the edits a user makes most — rename, delete a leaf, add or remove a dependency, set an
// environment — planned through the command line's core (applyOperations, its refusal frame).
// Every applied edit must stay within its own lines (editScope.ts); every refusal is counted by
// kind, so that what is still refused is known and a change in it shows.
import { readFileSync } from 'node:fs';
import { CLI_FRAME } from '../../src/cli/applyCommand';
import type { EditOperation } from '../../src/core/edit/operations';
import { applyOperations } from '../../src/core/edit/plan';
import { hasSyntaxErrors, type GraphNode, type PipelineGraph } from '../../src/core/model';
import { parsePipeline } from '../../src/core/parse';
import type { CorpusEntry } from './corpus';
import { editScopeProblems } from './editScope';

export type EditKind = 'rename' | 'delete a leaf' | 'add a dependency' | 'remove a dependency' | 'set an environment';

export interface SampledEdit {
  file: string;
  kind: EditKind;
  op: EditOperation;
}

/** The edits sampled from one file: one of each kind that the graph offers, chosen by the file's index. */
export function sampleEdits(file: string, graph: PipelineGraph, fileIndex: number): SampledEdit[] {
  const nodes = graph.nodes;
  if (nodes.length === 0) return [];
  const out: SampledEdit[] = [];
  const add = (kind: EditKind, op: EditOperation | undefined) => {
    if (op) out.push({ file, kind, op });
  };
  const pick = (offset: number) => nodes[(fileIndex + offset) % nodes.length];
  const renamed = pick(0);
  add('rename', { op: 'renameStage', stage: renamed.id, newId: `${localName(renamed.id).replace(/[^A-Za-z0-9_]/g, '_')}_renamed` });
  const leaves = nodes.filter((n) => !graph.edges.some((e) => e.from === n.id && !e.unresolved) && !isStageWithJobs(graph, n));
  if (leaves.length > 0) add('delete a leaf', { op: 'deleteStage', stage: leaves[fileIndex % leaves.length].id });
  add('add a dependency', unconnectedPair(graph, fileIndex));
  const edges = graph.edges.filter((e) => !e.unresolved);
  const explicit = edges.filter((e) => !e.implicit);
  const edge = (explicit.length > 0 ? explicit : edges)[fileIndex % Math.max(1, (explicit.length > 0 ? explicit : edges).length)];
  if (edge) add('remove a dependency', { op: 'removeDependency', stage: edge.to, dependsOn: edge.from });
  add('set an environment', { op: 'setProperty', stage: pick(1).id, property: 'environment', value: { name: 'staging' } });
  return out;
}

/** Two nodes of the same level, neither waiting for the other, the dependency in stage order. */
function unconnectedPair(graph: PipelineGraph, fileIndex: number): EditOperation | undefined {
  const reach = reachability(graph);
  const laneOf = (n: GraphNode) => graph.lanes.findIndex((l) => l.id === n.stage);
  const level = (n: GraphNode) => (graph.dialect === 'azure' ? (n.role === 'stage' ? 'stage' : `job:${n.stage}`) : 'job');
  const nodes = graph.nodes;
  for (let k = 0; k < nodes.length; k++) {
    const stage = nodes[(fileIndex + k) % nodes.length];
    for (const dependsOn of nodes) {
      if (dependsOn === stage || level(dependsOn) !== level(stage)) continue;
      if (reach(stage.id).has(dependsOn.id) || reach(dependsOn.id).has(stage.id)) continue;
      if (graph.dialect === 'gitlab' && laneOf(dependsOn) > laneOf(stage)) continue;
      return { op: 'addDependency', stage: stage.id, dependsOn: dependsOn.id };
    }
  }
  return undefined;
}

/** What each node waits for, directly or not. */
function reachability(graph: PipelineGraph): (id: string) => Set<string> {
  const incoming = new Map<string, string[]>();
  for (const e of graph.edges) if (!e.unresolved) incoming.set(e.to, [...(incoming.get(e.to) ?? []), e.from]);
  const memo = new Map<string, Set<string>>();
  const walk = (id: string): Set<string> => {
    const known = memo.get(id);
    if (known) return known;
    const found = new Set<string>();
    memo.set(id, found);
    const stack = [...(incoming.get(id) ?? [])];
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (found.has(next)) continue;
      found.add(next);
      stack.push(...(incoming.get(next) ?? []));
    }
    return found;
  };
  return walk;
}

function isStageWithJobs(graph: PipelineGraph, n: GraphNode): boolean {
  return n.role === 'stage' && graph.nodes.some((o) => o.stage === n.id && o.role === 'job');
}

function localName(id: string): string {
  return id.slice(id.lastIndexOf('/') + 1);
}

export interface RefusalReport {
  files: number;
  /** Files whose graph has no node (nothing to edit) or that do not parse. */
  skippedFiles: number;
  edits: number;
  applied: number;
  refused: number;
  /**
   * Of the refusals, those the platform itself requires (deleting the only job, an environment on
   * a job calling a reusable workflow…: see src/core/edit/platformRules.ts). Issue #10's target
   * (at most 5 %) is for the others, the designer's own caution.
   */
  platformRequired: number;
  /** Refusals by edit kind and reason kind, e.g. "rename: read-only (matrix)"; platform rules as "platform requires: …". */
  refusals: Record<string, number>;
  /** Applied edits that changed lines outside their scope; must stay empty. */
  outOfScope: string[];
}

/** Every N-th corpus file, from the first: the deterministic sample. */
export function sampleFiles(entries: readonly CorpusEntry[], every: number): CorpusEntry[] {
  return entries.filter((_, i) => i % every === 0);
}

export function measureRefusals(entries: readonly CorpusEntry[]): RefusalReport {
  const report: RefusalReport = { files: entries.length, skippedFiles: 0, edits: 0, applied: 0, refused: 0, platformRequired: 0, refusals: {}, outOfScope: [] };
  entries.forEach((entry, fileIndex) => {
    const text = readFileSync(entry.absolutePath, 'utf8');
    const graph = parsePipeline(text, { dialect: entry.dialect });
    const edits = hasSyntaxErrors(graph) ? [] : sampleEdits(entry.file, graph, fileIndex);
    if (edits.length === 0) report.skippedFiles++;
    for (const edit of edits) {
      report.edits++;
      const r = applyOperations(text, [edit.op], { dialect: entry.dialect, frame: CLI_FRAME });
      if (!r.ok) {
        report.refused++;
        if (r.platform !== undefined) report.platformRequired++;
        const kind = r.platform !== undefined ? `platform requires: ${r.platform}` : reasonKind(r.reason, graph, edit.op);
        const key = `${edit.kind}: ${kind}`;
        report.refusals[key] = (report.refusals[key] ?? 0) + 1;
        continue;
      }
      report.applied++;
      for (const p of editScopeProblems(text, r.text, graph, edit.op)) report.outOfScope.push(`${entry.file} ${JSON.stringify(edit.op)}: ${p}`);
    }
  });
  report.refusals = Object.fromEntries(Object.entries(report.refusals).sort(([a], [b]) => a.localeCompare(b)));
  return report;
}

/** A refusal's reason without names, lines and quoted text: what kind of thing was in the way. */
export function reasonKind(reason: string, graph: PipelineGraph, op: EditOperation): string {
  const target = 'stage' in op ? graph.nodes.find((n) => n.id === op.stage) : undefined;
  if (/is read-only \(|cannot be renamed here \(/.test(reason)) {
    const named = reason.match(/^refused: "([^"]*)"/)?.[1];
    const node = graph.nodes.find((n) => n.id === named) ?? target;
    return `${node && node.id !== target?.id ? 'another stage is ' : ''}read-only (${node?.marks.join(', ') || '?'})`;
  }
  return reason
    .replace(/^refused: /, '')
    .replace(/"[^"]*"/g, '"…"')
    .replace(/`[^`]*`/g, '`…`')
    .replace(/\blines? [\d, ]+/g, 'line N')
    .replace(/\(([^()]*)\)/g, '(…)')
    .split(/; | — /)[0]
    .slice(0, 90);
}

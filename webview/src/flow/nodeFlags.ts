// Which nodes to flag, and why: reference and cycle problems (matched to the innermost node whose
// YAML holds the problem's line, in the problem's file) and both ends of edges that close a cycle. A node is drawn in the
// error colour when one of its reasons is an error, in the warning colour when all are warnings
// (a name that may be defined in a file not read here: an include, the pipeline using a template).
import type { GraphEdge, GraphNode, GraphProblem, PipelineGraph } from '../../../src/core/model';

export type FlagSeverity = GraphProblem['severity'];

export interface NodeFlags {
  /** Why, in problem order. */
  reasons: string[];
  /** 'error' when any reason is one. */
  severity: FlagSeverity;
}

/** Node id → why it is flagged. */
export function flaggedNodes(graph: PipelineGraph, edges: readonly GraphEdge[]): Map<string, NodeFlags> {
  const flags = new Map<string, NodeFlags>();
  const flag = (id: string, reason: string, severity: FlagSeverity) => {
    const entry = flags.get(id) ?? { reasons: [], severity };
    if (!entry.reasons.includes(reason)) entry.reasons.push(reason);
    if (severity === 'error') entry.severity = 'error';
    flags.set(id, entry);
  };
  for (const problem of graph.problems) {
    if (problem.source !== 'reference' && problem.source !== 'cycle') continue;
    const node = innermostNodeAt(graph.nodes, problem.line, problem.file);
    if (node) flag(node.id, problem.message, problem.severity);
  }
  const ids = new Set(graph.nodes.map((n) => n.id));
  const reported = referenceProblemsByPlace(graph);
  for (const e of edges) {
    if (e.cyclic) {
      for (const id of [e.from, e.to]) if (ids.has(id)) flag(id, `part of a dependency cycle (${e.from} → ${e.to})`, 'error');
    }
    // A reference the builder reported is flagged by its problem above, in its words.
    if (e.unresolved && e.definedIn === undefined && !reported.has(placeOf(e))) flag(e.to, `depends on "${e.from}", which is not defined`, 'error');
  }
  return flags;
}

/**
 * How serious a reference to nothing is: as the problem reported where it is written says (a
 * warning when the name may be defined elsewhere); an error when no problem is found for it.
 */
export function unresolvedSeverity(graph: PipelineGraph): (edge: GraphEdge) => FlagSeverity {
  const reported = referenceProblemsByPlace(graph);
  return (e) => reported.get(placeOf(e))?.severity ?? 'error';
}

function referenceProblemsByPlace(graph: PipelineGraph): Map<string, GraphProblem> {
  const byPlace = new Map<string, GraphProblem>();
  for (const p of graph.problems) if (p.source === 'reference') byPlace.set(`${p.file ?? ''}:${p.line}:${p.column}`, p);
  return byPlace;
}

/** Where an edge's reference is written, as referenceProblemsByPlace keys it ('' when not known). */
function placeOf(e: GraphEdge): string {
  return e.line === undefined ? '' : `${e.file ?? ''}:${e.line}:${e.column ?? 1}`;
}

/** `file`: a composed pipeline's other file the line is in (undefined: the root file). */
function innermostNodeAt(nodes: readonly GraphNode[], line: number, file: string | undefined): GraphNode | undefined {
  let best: GraphNode | undefined;
  for (const n of nodes) {
    if (n.file !== file || line < n.range.startLine || line > n.range.endLine) continue;
    const span = n.range.endLine - n.range.startLine;
    if (!best || span < best.range.endLine - best.range.startLine) best = n;
  }
  return best;
}

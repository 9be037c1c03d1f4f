// What a canvas gesture asks of the YAML: the edit operations to send to the host, or why the
// designer will not send one (read-only nodes, a dependency on itself, an empty name). Pure, so
// the later palette and inspector reuse the same rules.
import { partOffer } from '../../../src/core/edit/offer';
import type { EditOperation } from '../../../src/core/edit/operations';
import type { EditPart } from '../../../src/core/edit/ownText';
import type { GraphNode, PipelineGraph } from '../../../src/core/model';
import { readOnlyClause } from '../../../src/core/readOnly';

export type Gesture<T> = { ok: true; value: T } | { ok: false; reason: string };

/** What the designer says when asked to change a read-only node. */
export function readOnlyReason(node: GraphNode): string {
  return `"${node.name}" is read-only in the designer (${readOnlyClause(node)}); change it in the YAML.`;
}

/**
 * Why the designer will not send an edit of `part` of `node`, or undefined when it may: the
 * engine's own predicate (src/core/edit/offer.ts), so a marked node's own text stays editable
 * and what the platform rejects is not offered (issue #10).
 */
export function notOffered(graph: PipelineGraph, node: GraphNode, part: EditPart): string | undefined {
  const offer = partOffer(graph, node, part);
  return offer.enabled ? undefined : offer.reason;
}

function graphNode(graph: PipelineGraph, id: string): GraphNode | undefined {
  return graph.nodes.find((n) => n.id === id);
}

/**
 * A connection drawn from `source` (its right-hand handle) to `target`: the edge direction is
 * dependency → dependant, so `target` now needs `source`.
 */
export function connectOperation(graph: PipelineGraph, source: string, target: string): Gesture<EditOperation> {
  const dependant = graphNode(graph, target);
  const dependency = graphNode(graph, source);
  if (!dependant || !dependency) return { ok: false, reason: 'Connect two jobs or stages of this file.' };
  if (source === target) return { ok: false, reason: `"${dependant.name}" cannot depend on itself.` };
  const refused = notOffered(graph, dependant, 'needs');
  if (refused) return { ok: false, reason: refused };
  if (graph.edges.some((e) => e.from === source && e.to === target)) {
    return { ok: false, reason: `"${dependant.name}" already depends on "${dependency.name}".` };
  }
  return { ok: true, value: { op: 'addDependency', stage: target, dependsOn: source } };
}

export interface DeleteGesture {
  operations: EditOperation[];
  /** Why some of the selection was not deleted. */
  refused: string[];
}

/**
 * Delete pressed with a selection: each selected node, in graph order, then each selected
 * dependency that does not touch a deleted node (a selection box also selects the edges of the
 * nodes it holds; those go with their nodes). A job inside a selected Azure stage goes with its
 * stage. One operation each.
 */
export function deleteOperations(
  graph: PipelineGraph,
  selectedNodes: readonly string[],
  selectedEdges: readonly { from: string; to: string }[],
): DeleteGesture {
  const operations: EditOperation[] = [];
  const refused: string[] = [];
  const chosen = new Set(selectedNodes);
  const deleted = new Set<string>();
  for (const node of graph.nodes) {
    if (!chosen.has(node.id)) continue;
    deleted.add(node.id);
    if (graph.dialect === 'azure' && node.role === 'job' && node.stage !== undefined && chosen.has(node.stage)) continue;
    const why = notOffered(graph, node, 'delete');
    if (why) refused.push(why);
    else operations.push({ op: 'deleteStage', stage: node.id });
  }
  for (const edge of selectedEdges) {
    if (deleted.has(edge.from) || deleted.has(edge.to)) continue;
    const dependant = graphNode(graph, edge.to);
    if (!dependant) continue;
    const why = notOffered(graph, dependant, 'needs');
    if (why) refused.push(why);
    else operations.push({ op: 'removeDependency', stage: edge.to, dependsOn: edge.from });
  }
  return { operations, refused };
}

/** The name the rename box starts with: the id, or an Azure job's own part of `Stage/Job`. */
export function renameStart(graph: PipelineGraph, id: string): Gesture<string> {
  const node = graphNode(graph, id);
  if (!node) return { ok: false, reason: 'Only jobs and stages of this file can be renamed.' };
  const refused = notOffered(graph, node, 'rename');
  if (refused) return { ok: false, reason: refused };
  return { ok: true, value: localId(graph, node) };
}

/** The typed name as a renameStage operation; `undefined` when nothing changed. */
export function renameOperation(graph: PipelineGraph, id: string, typed: string): Gesture<EditOperation | undefined> {
  const node = graphNode(graph, id);
  if (!node) return { ok: false, reason: `"${id}" is no longer in the file.` };
  const newId = typed.trim();
  if (newId === '') return { ok: false, reason: 'Enter a name, or press Escape to cancel.' };
  if (newId === localId(graph, node)) return { ok: true, value: undefined };
  return { ok: true, value: { op: 'renameStage', stage: node.id, newId } };
}

function localId(graph: PipelineGraph, node: GraphNode): string {
  const azureJob = graph.dialect === 'azure' && node.role === 'job' && node.stage !== undefined && node.id.startsWith(`${node.stage}/`);
  return azureJob ? node.id.slice(node.stage!.length + 1) : node.id;
}

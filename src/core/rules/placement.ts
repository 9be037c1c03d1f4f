// Where a fix puts a new stage around a node, and a name for it no stage has yet. In Azure a
// deploy job lives in a stage: new stages go around that stage (or, in a pipeline of jobs only,
// around the job).
import type { Dialect, GraphNode, PipelineGraph } from '../model';
import type { EditOperation } from '../edit/operations';

/** The id a new stage is placed against: the node's Azure stage, else the node. */
export function unitOf(graph: PipelineGraph, node: GraphNode): string {
  if (graph.dialect === 'azure' && node.role === 'job' && node.stage !== undefined) return node.stage;
  return node.id;
}

/** An id no node has, in the dialect's form: `approve-deploy` (GitHub, GitLab), `Approve_Deploy` (Azure). */
export function freshId(graph: PipelineGraph, prefix: string, of: string): string {
  const base = nameFor(graph.dialect, prefix, of.slice(of.lastIndexOf('/') + 1));
  const taken = new Set(graph.nodes.map((n) => n.id.slice(n.id.lastIndexOf('/') + 1)));
  let id = base;
  for (let i = 2; taken.has(id); i++) id = `${base}${graph.dialect === 'azure' ? '_' : '-'}${i}`;
  return id;
}

function nameFor(dialect: Dialect, prefix: string, local: string): string {
  if (dialect !== 'azure') return `${prefix}-${local}`;
  const word = `${prefix[0].toUpperCase()}${prefix.slice(1)}`;
  return `${word}_${local.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

/** Add a template's stage right before `node`, after what it waits for when that is one stage; named `prefix-of`. */
export function insertBefore(graph: PipelineGraph, node: GraphNode, template: string, prefix: string, of?: string): EditOperation {
  const unit = unitOf(graph, node);
  const waitsFor = graph.edges.filter((e) => e.to === unit && !e.unresolved).map((e) => e.from);
  const after = waitsFor.length === 1 ? waitsFor[0] : undefined;
  return { op: 'addStage', template, id: freshId(graph, prefix, of ?? unit), before: unit, ...(after !== undefined ? { after } : {}) };
}

/** Add a template's stage waiting for `node`. */
export function insertAfter(graph: PipelineGraph, node: GraphNode, template: string, prefix: string): EditOperation {
  const unit = unitOf(graph, node);
  return { op: 'addStage', template, id: freshId(graph, prefix, unit), after: unit };
}

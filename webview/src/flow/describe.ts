// Words for what the graph shows: accessible names and tooltips, one place for the phrasing.
import { KIND_LABELS, type GateDetail, type GraphEdge, type GraphNode, type NodeKind } from '../../../src/core/model';
import { readOnlyClause } from '../../../src/core/readOnly';
import type { FlagSeverity, NodeFlags } from './nodeFlags';

export function kindLabel(kind: NodeKind): string {
  return KIND_LABELS[kind] ?? 'other';
}

export function gateLabel(gate: GateDetail): string {
  switch (gate.kind) {
    case 'manual':
      return 'Manual approval';
    case 'delayed':
      return gate.after ? `Delayed ${gate.after}` : 'Delayed';
    case 'approvers':
      return gate.approvers && gate.approvers.length > 0 ? `Approvers: ${gate.approvers.join(', ')}` : 'Approvers';
  }
}

export function marksLabel(node: GraphNode): string {
  return `Read-only: ${node.marks.join(', ')}`;
}

/** Why a read-only node is read-only, as a sentence: the inspector's note and the lock's tooltip. */
export function readOnlyNote(node: GraphNode, partly = false): string {
  const what = node.role === 'stage' ? 'stage' : 'job';
  // Issue #10: a marked node's own text (its key, needs, condition…) is still edited.
  return partly ? `Parts of this ${what} are edited in the text only: ${readOnlyClause(node)}.` : `This ${what} is read-only: ${readOnlyClause(node)}.`;
}

/** `dependsOn`: names of the nodes this one waits for, read out after its kind. */
export function describeNode(node: GraphNode, flags: NodeFlags | undefined, dependsOn: readonly string[] = []): string {
  const parts = [`${node.role === 'stage' ? 'Stage' : 'Job'} ${node.name}`];
  if (node.name !== node.id) parts.push(`id ${node.id}`);
  parts.push(kindLabel(node.kind));
  if (node.environment !== undefined) parts.push(`environment ${node.environment}`);
  if (node.gate) parts.push(gateLabel(node.gate));
  if (node.strategy !== undefined) parts.push(`strategy ${node.strategy}`);
  if (dependsOn.length > 0) parts.push(`depends on ${dependsOn.join(', ')}`);
  if (node.file !== undefined) parts.push(`defined in ${node.file}`);
  if (node.marks.length > 0) parts.push(`read-only because ${readOnlyClause(node)}`);
  for (const f of flags?.reasons ?? []) parts.push(`${flags!.severity}: ${f}`);
  return parts.join(', ');
}

/** `unresolved`: how serious a reference to nothing is (nodeFlags.ts). */
export function describeEdge(edge: GraphEdge, nameOf: (id: string) => string, unresolved: FlagSeverity = 'error'): string {
  let text = `${nameOf(edge.to)} depends on ${nameOf(edge.from)}`;
  if (edge.implicit) text += ' (implied by stage order)';
  if (edge.unresolved && edge.definedIn !== undefined) text += ` (defined in ${edge.definedIn})`;
  else if (edge.unresolved) text += ` (${unresolved}: ${edge.from} is not defined${unresolved === 'warning' ? ' here' : ''})`;
  if (edge.cyclic) text += ' (error: closes a dependency cycle)';
  return text;
}

// The readable listing of `pipewright graph` without --json: what a person checks at a glance.
import type { Dialect, GraphEdge, GraphNode, GraphProblem, PipelineGraph } from '../core/model';

const DIALECT_LABELS: Record<Dialect, string> = {
  github: 'GitHub Actions workflow',
  gitlab: 'GitLab CI pipeline',
  azure: 'Azure Pipelines pipeline',
};

/** `shown` turns a root-relative path of another file (a GitLab include) into the path to print. */
export function formatGraphText(graph: PipelineGraph, file: string, shown: (path: string) => string = (p) => p): string {
  const out: string[] = [];
  out.push(`${file}: ${DIALECT_LABELS[graph.dialect]}${graph.title !== undefined ? ` "${graph.title}"` : ''}`);
  if (graph.lanes.length > 0) {
    // An included GitLab file's lanes are its pipeline's stages, declared in another file.
    const declaredIn = graph.lanes.find((l) => l.declaredIn !== undefined)?.declaredIn;
    const whose = declaredIn !== undefined ? `  (the stages: of ${shown(declaredIn)})` : '';
    out.push(`Lanes: ${graph.lanes.map((l) => (l.implicit ? `(${l.name})` : l.name)).join(' → ')}${whose}`);
  }
  for (const m of graph.fileMarks) out.push(`Read-only (${m.mark}, line ${m.line}): ${m.detail}`);
  out.push('', `Nodes (${graph.nodes.length}):`);
  for (const n of graph.nodes) out.push(`  ${describeNode(n, shown)}`);
  out.push('', `Edges (${graph.edges.length}):`);
  for (const e of graph.edges) out.push(`  ${describeEdge(e, shown)}`);
  section(out, 'Errors', graph.problems.filter((p) => p.severity === 'error'), file, shown);
  section(out, 'Warnings', graph.problems.filter((p) => p.severity === 'warning'), file, shown);
  return `${out.join('\n')}\n`;
}

function describeNode(n: GraphNode, shown: (path: string) => string): string {
  const parts = [n.name !== n.id ? `${n.id} "${n.name}"` : n.id, `kind: ${n.kind}`];
  if (n.role === 'stage') parts.push('role: stage');
  if (n.stage !== undefined) parts.push(`stage: ${n.stage}`);
  if (n.environment !== undefined) parts.push(`env: ${n.environment}${n.environmentUrl !== undefined ? ` (${n.environmentUrl})` : ''}`);
  if (n.gate) parts.push(`gate: ${n.gate.kind}${n.gate.after !== undefined ? ` after ${n.gate.after}` : ''}${n.gate.approvers ? ` by ${n.gate.approvers.join(', ')}` : ''}`);
  if (n.strategy !== undefined) parts.push(`strategy: ${n.strategy}`);
  const where = n.file !== undefined ? `${shown(n.file)} ` : '';
  parts.push(`${where}${n.range.startLine === n.range.endLine ? `line ${n.range.startLine}` : `lines ${n.range.startLine}-${n.range.endLine}`}`);
  if (n.marks.length > 0) parts.push(`read-only [${n.marks.join(', ')}]${n.readOnlyReason !== undefined ? `: ${n.readOnlyReason}` : ''}`);
  return parts.join('  ');
}

function describeEdge(e: GraphEdge, shown: (path: string) => string): string {
  const notes: string[] = [];
  if (e.implicit) notes.push('implicit');
  if (e.definedIn !== undefined) notes.push(`defined in ${shown(e.definedIn)}`);
  else if (e.unresolved) notes.push('unresolved');
  if (e.cyclic) notes.push('cycle');
  if (e.line !== undefined) notes.push(`at ${e.file !== undefined ? `${shown(e.file)}:` : ''}${e.line}:${e.column ?? 1}`);
  return `${e.from} → ${e.to}${notes.length > 0 ? `  (${notes.join(', ')})` : ''}`;
}

function section(out: string[], title: string, problems: GraphProblem[], file: string, shown: (path: string) => string): void {
  if (problems.length === 0) return;
  out.push('', `${title} (${problems.length}):`);
  for (const p of problems) out.push(`  ${p.file !== undefined ? shown(p.file) : file}:${p.line}:${p.column}: ${p.message} [${p.source}]`);
}

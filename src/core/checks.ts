// Dialect-neutral checks on a built graph: references to nodes that do not exist, and cycles.
// Both are drawn (ghost node, red edges) and reported; neither stops the graph from showing.
import type { GraphEdge, GraphNode, GraphProblem } from './model';

export function checkReferences(nodes: GraphNode[], edges: GraphEdge[], describe: (e: GraphEdge) => string): GraphProblem[] {
  const ids = new Set(nodes.map((n) => n.id));
  const problems: GraphProblem[] = [];
  for (const e of edges) {
    if (ids.has(e.from)) continue;
    e.unresolved = true;
    problems.push({
      message: describe(e),
      line: e.line ?? nodes.find((n) => n.id === e.to)?.range.startLine ?? 1,
      column: e.column ?? 1,
      severity: 'error',
      source: 'reference',
    });
  }
  return problems;
}

/** Marks every edge inside a strongly connected component and reports each cycle once. */
export function checkCycles(nodes: GraphNode[], edges: GraphEdge[]): GraphProblem[] {
  const out = new Map<string, GraphEdge[]>();
  for (const e of edges) {
    if (e.unresolved) continue;
    const list = out.get(e.from);
    if (list) list.push(e);
    else out.set(e.from, [e]);
  }
  const components = stronglyConnected(nodes.map((n) => n.id), (id) => (out.get(id) ?? []).map((e) => e.to));
  const problems: GraphProblem[] = [];
  for (const comp of components) {
    // Nearly every component is a single node; only its own out-edges can make it a cycle.
    const members = new Set(comp);
    const inner = comp.flatMap((id) => (out.get(id) ?? []).filter((e) => members.has(e.to)));
    if (inner.length === 0) continue; // a single node without a self-loop
    for (const e of inner) e.cyclic = true;
    const first = inner.find((e) => e.line !== undefined) ?? inner[0];
    problems.push({
      message: `dependency cycle: ${describeCycle(comp, inner)}`,
      line: first.line ?? nodes.find((n) => n.id === first.to)?.range.startLine ?? 1,
      column: first.column ?? 1,
      severity: 'error',
      source: 'cycle',
    });
  }
  return problems;
}

function describeCycle(component: string[], inner: GraphEdge[]): string {
  // Walk edges from the first member until we return to it: a readable "a → b → a".
  const start = [...component].sort()[0];
  const path = [start];
  const seen = new Set([start]);
  let current = start;
  for (;;) {
    const next = inner.find((e) => e.from === current && (e.to === start || !seen.has(e.to)));
    if (!next) break;
    path.push(next.to);
    if (next.to === start) break;
    seen.add(next.to);
    current = next.to;
  }
  return path.join(' → ');
}

/** Tarjan's algorithm, iterative so that deep pipelines cannot overflow the stack. */
function stronglyConnected(ids: string[], successors: (id: string) => string[]): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const result: string[][] = [];
  let counter = 0;
  for (const root of ids) {
    if (index.has(root)) continue;
    const work: { id: string; next: number; succ: string[] }[] = [];
    const enter = (id: string) => {
      index.set(id, counter);
      low.set(id, counter);
      counter++;
      stack.push(id);
      onStack.add(id);
      work.push({ id, next: 0, succ: successors(id) });
    };
    enter(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (frame.next < frame.succ.length) {
        const w = frame.succ[frame.next++];
        if (!index.has(w)) enter(w);
        else if (onStack.has(w)) low.set(frame.id, Math.min(low.get(frame.id)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1];
        low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      }
      if (low.get(frame.id) === index.get(frame.id)) {
        const comp: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.push(w);
        } while (w !== frame.id);
        result.push(comp);
      }
    }
  }
  return result;
}

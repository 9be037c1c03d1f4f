// Dialect-neutral checks on a built graph: references to nodes that do not exist, and cycles.
// Both are drawn (ghost node, red edges) and reported; neither stops the graph from showing.
import type { GraphEdge, GraphNode, GraphProblem, Lane } from './model';

export function checkReferences(nodes: GraphNode[], edges: GraphEdge[], describe: (e: GraphEdge) => string, severity: GraphProblem['severity'] = 'error'): GraphProblem[] {
  const ids = new Set(nodes.map((n) => n.id));
  const problems: GraphProblem[] = [];
  for (const e of edges) {
    if (ids.has(e.from)) continue;
    e.unresolved = true;
    problems.push({ message: describe(e), ...whereWritten(e, nodes), severity, source: 'reference' });
  }
  return problems;
}

/** Where a problem about an edge is shown: its reference, else the node that waits (in its file). */
function whereWritten(e: GraphEdge, nodes: GraphNode[]): { line: number; column: number; file?: string } {
  if (e.line !== undefined) return { line: e.line, column: e.column ?? 1, ...(e.file !== undefined ? { file: e.file } : {}) };
  const to = nodes.find((n) => n.id === e.to);
  return { line: to?.range.startLine ?? 1, column: 1, ...(to?.file !== undefined ? { file: to.file } : {}) };
}

/**
 * Marks every edge inside a strongly connected component and reports each cycle once; a cycle
 * that only guessed edges close is a warning, its edges unmarked. `lanes` (the graph's, in
 * order) let most graphs answer "no cycle" without searching every edge: see edgesWithinLanes.
 */
export function checkCycles(nodes: GraphNode[], edges: GraphEdge[], lanes: readonly Lane[] = []): GraphProblem[] {
  if (edges.length === 0) return [];
  const within = edgesWithinLanes(nodes, edges, lanes);
  // The same search on the few edges that can close a cycle; a cycle found there is reported
  // by the search on every edge, so that problems come in the order they always have.
  if (within !== undefined && cyclesAmong(nodes, within).length === 0) return [];
  const graph = new DenseGraph();
  const problems: GraphProblem[] = [];
  const cycles = cyclesAmong(nodes, edges, graph);
  // A cycle that needs a guessed edge (GitLab's stage order into a job whose parent, not read
  // here, may set `needs:`) may not be there: a warning that says on what it depends.
  const certain = cycles.some((c) => c.inner.some((e) => e.guessed)) ? certainMembers(nodes, edges) : undefined;
  for (const { members, inner } of cycles) {
    const first = inner.find((e) => e.line !== undefined) ?? inner[0];
    const ids = members.map((v) => graph.ids[v]);
    const guessedInto = certain === undefined || ids.some((id) => certain.has(id)) ? [] : [...new Set(inner.filter((e) => e.guessed).map((e) => e.to))];
    // Only a certain cycle's edges are drawn as one; a possible one is the warning alone.
    if (guessedInto.length === 0) for (const e of inner) e.cyclic = true;
    problems.push({
      message: `dependency cycle: ${describeCycle(ids, inner)}` +
        (guessedInto.length > 0 ? ` (if ${guessedInto.map((id) => `"${id}"`).join(' and ')} ${guessedInto.length === 1 ? 'takes' : 'take'} no \`needs:\` from what ${guessedInto.length === 1 ? 'it extends' : 'they extend'})` : ''),
      ...whereWritten(first, nodes),
      severity: guessedInto.length > 0 ? 'warning' : 'error',
      source: 'cycle',
    });
  }
  return problems;
}

/** The ids of nodes on a cycle made of edges that are not guessed. */
function certainMembers(nodes: GraphNode[], edges: GraphEdge[]): Set<string> {
  const graph = new DenseGraph();
  const members = new Set<string>();
  for (const c of cyclesAmong(nodes, edges.filter((e) => !e.guessed), graph)) for (const v of c.members) members.add(graph.ids[v]);
  return members;
}

/**
 * The edges that can be on a cycle, when the lanes say. Number each node by its lane: a cycle
 * that goes to a later lane must come back to an earlier one, so when no edge goes to an earlier
 * lane, a cycle can only be made of edges within one lane. GitLab's stage-order edges (every job
 * of a stage waits for each job of the stage before it: 13,328 of the 13,508 edges of the bench's
 * generated 20×50-job project) all go to a later lane and drop out. Undefined when an edge goes
 * to an earlier lane or touches a node without a lane (or an id two nodes share): any edge can.
 */
function edgesWithinLanes(nodes: GraphNode[], edges: GraphEdge[], lanes: readonly Lane[]): GraphEdge[] | undefined {
  if (lanes.length === 0) return undefined;
  const laneOf = new Map<string, number>();
  lanes.forEach((lane, i) => laneOf.set(lane.id, i));
  const rank = new Map<string, number>();
  for (const n of nodes) {
    const r = n.stage === undefined ? undefined : laneOf.get(n.stage);
    if (r === undefined) continue;
    if (rank.has(n.id) && rank.get(n.id) !== r) return undefined;
    rank.set(n.id, r);
  }
  const within: GraphEdge[] = [];
  // Edges come in runs that share an end (see cyclesAmong): the last lookup at each end is kept.
  let lastFrom = '';
  let fromRank: number | undefined;
  let lastTo = '';
  let toRank: number | undefined;
  for (const e of edges) {
    if (e.unresolved) continue;
    if (fromRank === undefined || e.from !== lastFrom) {
      lastFrom = e.from;
      fromRank = rank.get(e.from);
    }
    if (toRank === undefined || e.to !== lastTo) {
      lastTo = e.to;
      toRank = rank.get(e.to);
    }
    if (fromRank === undefined || toRank === undefined || fromRank > toRank) return undefined;
    if (fromRank === toRank) within.push(e);
  }
  return within;
}

interface Cycle {
  /** Dense indices (see DenseGraph) of the component's nodes. */
  members: number[];
  /** The edges between them. */
  inner: GraphEdge[];
}

/** Each strongly connected component of `edges` that holds an edge (a cycle), in a stable order. */
function cyclesAmong(nodes: GraphNode[], edges: GraphEdge[], graph = new DenseGraph()): Cycle[] {
  // Runs on every parse: ids become dense indices once, and the search below works on arrays
  // (out-edges grouped per node, in edge order) instead of string-keyed maps. Only the ids edges
  // name get one: a node without edges is no cycle, and a thousand jobs with a few edges (an
  // Azure pipeline's) would otherwise cost a thousand.
  const live: GraphEdge[] = [];
  const liveFrom: number[] = [];
  const liveTo: number[] = [];
  // Edges come in runs that share an end (all the edges into one job, or out of one stage's
  // jobs), so the last id looked up at each end is remembered before asking the map.
  let lastFrom = '';
  let lastFromIndex = -1;
  let lastTo = '';
  let lastToIndex = -1;
  for (const e of edges) {
    if (e.unresolved) continue;
    live.push(e);
    if (lastFromIndex < 0 || e.from !== lastFrom) {
      lastFrom = e.from;
      lastFromIndex = graph.index(e.from);
    }
    if (lastToIndex < 0 || e.to !== lastTo) {
      lastTo = e.to;
      lastToIndex = graph.index(e.to);
    }
    liveFrom.push(lastFromIndex);
    liveTo.push(lastToIndex);
  }
  if (live.length === 0) return [];
  // Searches start from the nodes in their order, as they always have: the components come out
  // in the same order whoever is numbered first.
  const roots: number[] = [];
  for (const n of nodes) {
    const v = graph.known(n.id);
    if (v !== undefined) roots.push(v);
  }
  const size = graph.ids.length;
  // outStart[v]..outStart[v + 1] are the positions in outEdge of v's out-edges.
  const outStart = new Int32Array(size + 1);
  for (const f of liveFrom) outStart[f + 1]++;
  for (let v = 0; v < size; v++) outStart[v + 1] += outStart[v];
  const fill = outStart.slice(0, size);
  const outEdge = new Int32Array(live.length);
  for (let k = 0; k < live.length; k++) outEdge[fill[liveFrom[k]]++] = k;

  const components = stronglyConnected(size, roots, outStart, outEdge, liveTo);
  const cycles: Cycle[] = [];
  const componentOf = new Int32Array(size).fill(-1);
  for (let c = 0; c < components.length; c++) {
    const comp = components[c];
    for (const v of comp) componentOf[v] = c;
    // Nearly every component is a single node; only its own out-edges can make it a cycle.
    const inner: GraphEdge[] = [];
    for (const v of comp) {
      for (let p = outStart[v]; p < outStart[v + 1]; p++) {
        const k = outEdge[p];
        if (componentOf[liveTo[k]] === c) inner.push(live[k]);
      }
    }
    if (inner.length > 0) cycles.push({ members: comp, inner }); // else a single node without a self-loop
  }
  return cycles;
}

/** Node ids (and ids only edges name) numbered in the order first seen. */
class DenseGraph {
  readonly ids: string[] = [];
  private readonly numbers = new Map<string, number>();

  known(id: string): number | undefined {
    return this.numbers.get(id);
  }

  index(id: string): number {
    let n = this.numbers.get(id);
    if (n === undefined) {
      n = this.ids.length;
      this.numbers.set(id, n);
      this.ids.push(id);
    }
    return n;
  }
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

/**
 * Tarjan's algorithm, iterative so that deep pipelines cannot overflow the stack. Roots are
 * taken in node order and successors in edge order, so components come out in a stable order.
 */
function stronglyConnected(
  size: number,
  roots: number[],
  outStart: Int32Array,
  outEdge: Int32Array,
  edgeTo: number[],
): number[][] {
  const index = new Int32Array(size).fill(-1);
  const low = new Int32Array(size);
  const onStack = new Uint8Array(size);
  const stack: number[] = [];
  // The work stack: a node and the position of the next out-edge to follow.
  const workNode = new Int32Array(size);
  const workNext = new Int32Array(size);
  const result: number[][] = [];
  let counter = 0;
  for (const root of roots) {
    if (index[root] !== -1) continue;
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    workNode[0] = root;
    workNext[0] = outStart[root];
    let depth = 1;
    while (depth > 0) {
      const v = workNode[depth - 1];
      if (workNext[depth - 1] < outStart[v + 1]) {
        const w = edgeTo[outEdge[workNext[depth - 1]++]];
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          workNode[depth] = w;
          workNext[depth] = outStart[w];
          depth++;
        } else if (onStack[w]) {
          low[v] = Math.min(low[v], index[w]);
        }
        continue;
      }
      depth--;
      if (depth > 0) {
        const parent = workNode[depth - 1];
        low[parent] = Math.min(low[parent], low[v]);
      }
      if (low[v] === index[v]) {
        const comp: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          comp.push(w);
        } while (w !== v);
        result.push(comp);
      }
    }
  }
  return result;
}

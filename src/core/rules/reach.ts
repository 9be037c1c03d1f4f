// What waits for a node and what it waits for, through any number of stages. Azure: a job waits
// for what its stage waits for, and what waits for a stage waits for every job in it.
import type { GraphNode, PipelineGraph } from '../model';

export class Reach {
  private readonly byId: Map<string, GraphNode>;
  private readonly incoming = new Map<string, string[]>();
  private readonly outgoing = new Map<string, string[]>();
  private readonly jobsOfStage = new Map<string, string[]>();

  constructor(graph: PipelineGraph) {
    this.byId = new Map(graph.nodes.map((n) => [n.id, n]));
    for (const e of graph.edges) {
      if (e.unresolved) continue;
      push(this.incoming, e.to, e.from);
      push(this.outgoing, e.from, e.to);
    }
    for (const n of graph.nodes) {
      if (n.role === 'job' && n.stage !== undefined && this.byId.get(n.stage)?.role === 'stage') push(this.jobsOfStage, n.stage, n.id);
    }
  }

  /** Every node `id` waits for, directly or through others (not itself). */
  before(id: string): Set<string> {
    return this.walk(id, this.incoming);
  }

  /** Every node that waits for `id`, directly or through others (not itself). */
  after(id: string): Set<string> {
    return this.walk(id, this.outgoing);
  }

  /**
   * A node that `id` waits for, directly or through others, and that `matches` (undefined when
   * none does); answered for every node from one pass (memoised), where asking `before` for each
   * would walk the graph each time: GitLab's stage order gives tens of thousands of edges.
   */
  findBefore(matches: (node: GraphNode) => boolean): (id: string) => string | undefined {
    return this.find(matches, this.incoming);
  }

  /** As findBefore, among the nodes that wait for `id`. */
  findAfter(matches: (node: GraphNode) => boolean): (id: string) => string | undefined {
    return this.find(matches, this.outgoing);
  }

  private find(matches: (node: GraphNode) => boolean, links: Map<string, string[]>): (id: string) => string | undefined {
    const memo = new Map<string, string | null>();
    const visit = (id: string): string | undefined => {
      const known = memo.get(id);
      if (known !== undefined) return known ?? undefined;
      memo.set(id, null); // a cycle back to here adds nothing
      let found: string | undefined;
      for (const next of this.direct(id, links)) {
        const node = this.byId.get(next);
        found = node && matches(node) ? next : visit(next);
        if (found !== undefined) break;
      }
      memo.set(id, found ?? null);
      return found;
    };
    return visit;
  }

  /** The nodes one step away through `links`, an Azure job's stage's links and a stage's jobs included. */
  private direct(id: string, links: Map<string, string[]>): string[] {
    const node = this.byId.get(id);
    const stage = node?.role === 'job' && node.stage !== undefined ? this.byId.get(node.stage) : undefined;
    const next = [...(links.get(id) ?? []), ...(stage?.role === 'stage' ? (links.get(stage.id) ?? []) : [])];
    return next.flatMap((n) => [n, ...(this.jobsOfStage.get(n) ?? [])]);
  }

  private walk(id: string, links: Map<string, string[]>): Set<string> {
    const seen = new Set<string>([id]);
    const queue = [id];
    const add = (next: string) => {
      // Reaching an Azure stage is reaching every job in it.
      for (const n of [next, ...(this.jobsOfStage.get(next) ?? [])]) {
        if (seen.has(n)) continue;
        seen.add(n);
        queue.push(n);
      }
    };
    while (queue.length > 0) {
      const current = queue.pop()!;
      for (const next of links.get(current) ?? []) add(next);
      // An Azure job is linked to others through its stage.
      const node = this.byId.get(current);
      const stage = node?.role === 'job' && node.stage !== undefined ? this.byId.get(node.stage) : undefined;
      if (stage?.role === 'stage') for (const next of links.get(stage.id) ?? []) add(next);
    }
    seen.delete(id);
    return seen;
  }
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

// Deleting a stage keeps the pipeline's order: whatever waited for the deleted stage now waits
// for what it waited for. Read from the graph alone, so the planners (which write it), the
// expectation (which checks it) and the edit's description (which tells it) agree.
import type { PipelineGraph } from '../model';

/** A stage that waits for another, and whether it does so by a dialect default. */
export interface Dependant {
  id: string;
  implicit: boolean;
}

/** What one stage gained from a deletion: the stages it now waits for in the deleted one's place. */
export interface Reconnection {
  stage: string;
  waitsFor: string[];
}

/** Node ids a deletion of `id` removes: the node and, for an Azure stage, its jobs. */
export function deletedBy(id: string): (nodeId: string) => boolean {
  return (nodeId) => nodeId === id || nodeId.startsWith(`${id}/`);
}

/**
 * The stages `id` waits for, in the graph's order, once each: what its dependants inherit.
 * A reference to nothing (an unresolved name) orders nothing and is not passed on.
 */
export function dependenciesOf(graph: PipelineGraph, id: string): string[] {
  const gone = deletedBy(id);
  const found: string[] = [];
  for (const e of graph.edges) {
    if (e.to === id && !e.unresolved && !gone(e.from) && !found.includes(e.from)) found.push(e.from);
  }
  return found;
}

/** The stages that wait for `id` (outside what deleting it removes), in the graph's order, once each. */
export function dependantsOf(graph: PipelineGraph, id: string): Dependant[] {
  const gone = deletedBy(id);
  const found: Dependant[] = [];
  for (const e of graph.edges) {
    if (e.from !== id || e.unresolved || gone(e.to)) continue;
    const known = found.find((d) => d.id === e.to);
    if (!known) found.push({ id: e.to, implicit: e.implicit });
    else if (!e.implicit) known.implicit = false;
  }
  return found;
}

/** For each stage that waited for `deleted`: the stages it waits for now and did not before. */
export function reconnections(before: PipelineGraph, after: PipelineGraph, deleted: string): Reconnection[] {
  const dependants = dependantsOf(before, deleted);
  if (dependants.length === 0) return [];
  const wanted = new Set(dependants.map((d) => d.id));
  const had = sourcesOf(before, wanted);
  const has = sourcesOf(after, wanted);
  const out: Reconnection[] = [];
  for (const d of dependants) {
    const old = had.get(d.id) ?? new Set<string>();
    const gained = [...(has.get(d.id) ?? [])].filter((s) => !old.has(s));
    if (gained.length > 0) out.push({ stage: d.id, waitsFor: gained });
  }
  return out;
}

/** What each of `ids` waits for, in the graph's order (one pass over the edges). */
function sourcesOf(graph: PipelineGraph, ids: ReadonlySet<string>): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  for (const e of graph.edges) {
    if (e.unresolved || !ids.has(e.to)) continue;
    const set = found.get(e.to);
    if (set) set.add(e.from);
    else found.set(e.to, new Set([e.from]));
  }
  return found;
}

// Which stages a find query matches: name or id holds the query, any case; graph order. Pure.
import type { PipelineGraph } from '../../../src/core/model';

export function matchStages(graph: PipelineGraph | undefined, query: string): string[] {
  const needle = query.trim().toLowerCase();
  if (!graph || needle === '') return [];
  return graph.nodes.filter((n) => n.name.toLowerCase().includes(needle) || n.id.toLowerCase().includes(needle)).map((n) => n.id);
}

/** The match to show after `current` when stepping by `delta` (±1), wrapping around. */
export function stepMatch(count: number, current: number, delta: 1 | -1): number {
  if (count === 0) return -1;
  if (current < 0) return delta > 0 ? 0 : count - 1;
  return (current + delta + count) % count;
}

/** "3 of 7", "No results", or nothing before anything is typed. */
export function matchCountText(count: number, current: number, query: string): string {
  if (query.trim() === '') return '';
  if (count === 0) return 'No results';
  return current >= 0 ? `${current + 1} of ${count}` : `${count} found`;
}

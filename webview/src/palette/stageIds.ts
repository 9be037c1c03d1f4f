// The id a new stage from the palette gets: derived from the template's name, written the way
// the file's dialect allows, and not used by any stage of the graph yet. Pure.
import type { Dialect, PipelineGraph } from '../../../src/core/model';

/**
 * GitHub job keys: a letter or `_`, then letters, digits, `-` and `_`. GitLab job names could
 * hold more, but the same form is safe there too. Azure stage and job names: letters, digits
 * and `_`, not starting with a digit.
 */
function spellFor(dialect: Dialect, name: string): { base: string; joiner: string } {
  if (dialect === 'azure') {
    const base = name.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
    return { base: /^[A-Za-z_]/.test(base) ? base : `stage_${base}`, joiner: '_' };
  }
  const base = name.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
  return { base: /^[A-Za-z_]/.test(base) ? base : `job-${base}`, joiner: '-' };
}

/**
 * Every name a new id must not repeat, lower-cased: ids differing only in case are refused by
 * Azure and confusing anywhere. Azure job ids are `Stage/Job`; their own part counts too.
 */
function takenNames(graph: PipelineGraph): Set<string> {
  const taken = new Set<string>();
  for (const node of graph.nodes) {
    taken.add(node.id.toLowerCase());
    const slash = node.id.lastIndexOf('/');
    if (slash >= 0) taken.add(node.id.slice(slash + 1).toLowerCase());
  }
  // A dependency on a job the file does not define still names it: do not define it by accident.
  for (const edge of graph.edges) taken.add(edge.from.toLowerCase());
  return taken;
}

/** `deploy-production-canary`, or `deploy-production-canary-2`, `-3`… when that is taken. */
export function newStageId(graph: PipelineGraph, templateName: string): string {
  const { base, joiner } = spellFor(graph.dialect, templateName);
  const taken = takenNames(graph);
  if (!taken.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}${joiner}${n}`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

// What the designer offers for a part of a node, from the graph alone: the same predicates the
// edit engine checks first (platformRules.ts, then ownText.ts's marksInTheWay), so the inspector
// and the canvas gestures disable exactly what the engine would refuse on those grounds. What
// only the YAML can tell (an alias inside `needs:`, an inherited key) is left to the engine,
// whose refusal then shows in the designer's notice.
import type { GraphNode, PipelineGraph } from '../model';
import { readOnlyReason } from '../readOnly';
import { marksInTheWay, type EditPart } from './ownText';
import type { PlatformRule } from './platformRules';
import { platformRefusal } from './platformRules';

export interface PartOffer {
  enabled: boolean;
  /** Why not, as a sentence for the designer (when disabled). */
  reason?: string;
  /** Set when the platform itself rejects the edit: the designer then offers nothing at all. */
  platform?: PlatformRule;
}

/** May the designer offer editing `part` of `node`? Otherwise why not. */
export function partOffer(graph: PipelineGraph, node: GraphNode, part: EditPart): PartOffer {
  const rejected = platformRefusal(graph, node, part);
  if (rejected) return { enabled: false, reason: sentence(rejected.message), platform: rejected.rule };
  const blocking = marksInTheWay(node, graph.dialect, part);
  if (blocking.length === 0) return { enabled: true };
  // A node merged from several files says so in its own reason (see gitlab/compose).
  const clause = (blocking.length === node.marks.length || blocking.includes('include')) && node.readOnlyReason ? node.readOnlyReason : readOnlyReason(blocking, graph.dialect);
  return { enabled: false, reason: `"${node.name}" is read-only here (${clause}); change it in the YAML.` };
}

function sentence(message: string): string {
  return `${message.charAt(0).toUpperCase()}${message.slice(1)}.`;
}

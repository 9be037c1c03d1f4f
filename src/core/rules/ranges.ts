// Where a finding is: offsets in the text as 1-based ranges, a node's key, a scalar's characters.
import type { Node } from 'yaml';
import { tokenRange, type FindingRange } from '../findings';
import type { GraphNode } from '../model';
import type { RuleContext } from './rule';

/** The characters [start, end) of the text. */
export function offsetRange(ctx: Pick<RuleContext, 'src'>, start: number, end: number): FindingRange {
  const a = ctx.src.lineCounter.linePos(start);
  const b = ctx.src.lineCounter.linePos(Math.max(start, end));
  return { startLine: a.line, startColumn: a.col, endLine: b.line, endColumn: b.col };
}

/** A YAML node's own characters (a scalar's value as written, quotes included). */
export function yamlNodeRange(ctx: Pick<RuleContext, 'src'>, node: Node): FindingRange {
  const [start, end] = node.range ?? [0, 0];
  return offsetRange(ctx, start, end);
}

/** The token where a node's YAML starts: a job's key, an Azure item's first key. */
export function nodeKeyRange(ctx: Pick<RuleContext, 'src' | 'lines'>, node: GraphNode): FindingRange {
  const { line, col } = ctx.src.lineCounter.linePos(node.offsets[0]);
  return tokenRange(ctx.lines, line, col);
}

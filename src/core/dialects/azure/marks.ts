// Which parts of an Azure node the designer must not rewrite, and how to say why.
import type { Pair, YAMLMap } from 'yaml';
import type { OpaqueMark } from '../../model';
import { readOnlyReason as coreReadOnlyReason } from '../../readOnly';
import { keyOf, mayHoldOpaqueSyntax, opaqueMarksIn, type YamlSource } from '../../yaml/source';
import { isTemplateExpression } from './expressions';

/**
 * Opaque constructs in a stage or job mapping, leaving out the keys whose contents become
 * nodes of their own (a stage's `jobs`), so one conditional job does not lock its whole stage.
 */
export function marksOfMapping(map: YAMLMap.Parsed, skipKeys: readonly string[] = [], src?: YamlSource): Set<OpaqueMark> {
  const marks = new Set<OpaqueMark>();
  if ((map as { anchor?: string }).anchor) marks.add('anchor');
  // Nothing that makes a mark is written in the mapping: skip reading its keys and values.
  if (src !== undefined && !mayHoldOpaqueSyntax(src, map)) return marks;
  for (const pair of map.items as Pair[]) {
    const key = keyOf(pair);
    if (key !== undefined && isTemplateExpression(key)) marks.add('template-expression');
    if (key === '<<') marks.add('merge');
    if (key !== undefined && skipKeys.includes(key)) continue;
    for (const mark of opaqueMarksIn(pair.value, src)) marks.add(mark);
  }
  return marks;
}

/** The clause for GraphNode.readOnlyReason, in Azure's words (src/core/readOnly.ts). */
export function readOnlyReason(marks: readonly OpaqueMark[], templatePath?: string): string | undefined {
  return coreReadOnlyReason(marks, 'azure', { templatePath });
}

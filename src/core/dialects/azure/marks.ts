// Which parts of an Azure node the designer must not rewrite, and how to say why.
import type { Pair, YAMLMap } from 'yaml';
import type { OpaqueMark } from '../../model';
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

const REASONS: Record<OpaqueMark, string> = {
  'reusable-workflow': 'calls a reusable workflow',
  extends: 'is passed to the `extends` template, which decides what runs',
  include: 'comes from an included file',
  reference: 'uses `!reference`',
  anchor: 'defines a YAML anchor that other parts may reuse',
  alias: 'reuses another part through a YAML alias',
  merge: 'merges another mapping with `<<:`',
  template: 'is defined in a template file',
  'template-expression': 'uses `${{ }}` template expressions, evaluated when the pipeline is compiled',
  matrix: 'expands into several jobs (strategy matrix/parallel)',
  missing: 'refers to something that is not in this file',
};

/** One sentence naming every mark, for GraphNode.readOnlyReason. */
export function readOnlyReason(marks: readonly OpaqueMark[], templatePath?: string): string | undefined {
  if (marks.length === 0) return undefined;
  const reasons = marks.map((mark) =>
    mark === 'template' && templatePath ? `is defined in the template file ${templatePath}` : REASONS[mark],
  );
  return `Read-only: this node ${reasons.join('; ')}. Edit it in the text.`;
}

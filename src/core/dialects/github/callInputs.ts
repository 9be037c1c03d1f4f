// The `inputs` of a reusable workflow as one call sets them: the caller's `with:` values, else the
// defaults the called workflow declares under `on: workflow_call: inputs:`. A called job's
// settings that read `${{ inputs.x }}` (its environment, name, runner, …) are then shown as that
// call runs them — `production / deploy` deploys to `production`, and its run's job is named as
// GitHub names it — where the value is written in the file. The YAML is not touched: an edit of
// a called workflow is planned on its own text (edit/composedPlan.ts).
import { isMap } from 'yaml';
import type { GraphNode } from '../../model';
import { keyOf, rootMap, scalarText, valueOf, type YamlSource } from '../../yaml/source';

/** `${{ inputs.name }}` as a whole expression (GitHub's context names are case-insensitive). */
const INPUT = String.raw`\$\{\{\s*inputs\.([A-Za-z_][A-Za-z0-9_-]*)\s*\}\}`;
const INPUT_EXPRESSION = new RegExp(INPUT, 'g');
const WHOLE_INPUT = new RegExp(`^${INPUT}$`);

/**
 * Input name (lower case) → the text it stands for in this call: a value written as a plain
 * scalar, or the caller's own `${{ inputs.y }}` (bound in turn where the caller is called). An
 * input set by any other expression is not known here, and stays as written.
 */
export function callInputs(withValue: unknown, called: YamlSource): Map<string, string> {
  const bound = new Map<string, string>();
  const declared = valueOf(valueOf(valueOf(rootMap(called), 'on'), 'workflow_call'), 'inputs');
  if (isMap(declared)) {
    for (const pair of declared.items) {
      const name = keyOf(pair);
      const value = scalarText(valueOf(pair.value, 'default'));
      if (name !== undefined && value !== undefined && !value.includes('${{')) bound.set(name.toLowerCase(), value);
    }
  }
  if (isMap(withValue)) {
    for (const pair of withValue.items) {
      const name = keyOf(pair);
      if (name === undefined) continue;
      const value = scalarText(pair.value);
      if (value !== undefined && (!value.includes('${{') || WHOLE_INPUT.test(value.trim()))) bound.set(name.toLowerCase(), value.trim());
      // Set by an expression this call cannot evaluate: the default does not apply either.
      else bound.delete(name.toLowerCase());
    }
  }
  return bound;
}

const BOUND_FIELDS = ['name', 'environment', 'environmentUrl', 'runner', 'condition', 'timeout'] as const;

/** The called workflow's nodes with their `${{ inputs.x }}` replaced by this call's values, in place. */
export function bindInputs(nodes: readonly GraphNode[], inputs: ReadonlyMap<string, string>): void {
  if (inputs.size === 0) return;
  const bind = (text: string) => text.replace(INPUT_EXPRESSION, (written, name: string) => inputs.get(name.toLowerCase()) ?? written);
  for (const node of nodes) {
    for (const field of BOUND_FIELDS) {
      const value = node[field];
      if (value !== undefined && value.includes('${{')) node[field] = bind(value);
    }
  }
}

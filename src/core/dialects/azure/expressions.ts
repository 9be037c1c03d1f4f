// Azure template syntax as it appears in YAML text. `${{ }}` is evaluated when the pipeline is
// compiled, `$( )` and `$[ ]` at run time: none of them is a name the designer can rewrite.

/** `${{ … }}` anywhere in the text. */
export function isTemplateExpression(text: string): boolean {
  return text.includes('${{');
}

/** Any Azure expression or macro: `${{ }}`, `$( )`, `$[ ]`. */
export function hasExpression(text: string): boolean {
  return /\$\{\{|\$\(|\$\[/.test(text);
}

/** `${{ if … }}` opens a conditional chain. */
export function isIfKey(key: string): boolean {
  return /^\$\{\{\s*if\b/.test(key);
}

/** `${{ elseif … }}` and `${{ else }}` continue the chain opened by the `if` before them. */
export function isElseKey(key: string): boolean {
  return /^\$\{\{\s*else(if\b|\s*\}\})/.test(key);
}

/**
 * `failed()` in a condition means "run when something before failed" (a rollback signal).
 * `succeededOrFailed()` and `not(failed())` are not.
 */
export function conditionRunsOnFailure(condition: string): boolean {
  if (/not\(\s*failed\(/i.test(condition)) return false;
  return /(^|[^\w.])failed\(/i.test(condition);
}

/** Azure stage and job names: letters, digits and `_`, not starting with a digit. */
export function isValidReferenceName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name);
}

// Which rules run and how loud: VS Code settings and a `.pipewright.yml` at the repository root
// (so CI and the editor agree), both in one shape. The file wins over settings: it is the
// repository's policy, and `pipewright lint` in CI reads only the file.
import { isMap, isScalar, parseDocument } from 'yaml';
import { RULE_SEVERITIES, type RuleSeverity } from './rule';

export type RuleSetting = RuleSeverity | 'off';

export interface LintConfig {
  /** Rule id → its severity, or off. Rules not named keep their default. */
  rules: ReadonlyMap<string, RuleSetting>;
  /** Replaces the default production words when given. */
  productionWords?: readonly string[];
}

export const EMPTY_CONFIG: LintConfig = { rules: new Map() };

export type ConfigResult = { ok: true; config: LintConfig } | { ok: false; errors: string[] };

const SETTINGS: readonly string[] = [...RULE_SEVERITIES, 'off'];

/**
 * A configuration from plain data: `{ rules: { ID: SETTING }, productionEnvironments: [WORD] }`
 * (settings use it as is; `.pipewright.yml` under its `lint:` key). `where` names the source in
 * errors; `knownRules` are the ids a setting may name.
 */
export function configFromData(data: unknown, where: string, knownRules: readonly string[]): ConfigResult {
  const errors: string[] = [];
  const rules = new Map<string, RuleSetting>();
  let productionWords: string[] | undefined;
  if (data === undefined || data === null) return { ok: true, config: EMPTY_CONFIG };
  if (typeof data !== 'object' || Array.isArray(data)) return { ok: false, errors: [`${where}: must be a mapping (rules:, productionEnvironments:)`] };
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    if (key === 'rules') {
      if (value === null || value === undefined) continue;
      if (typeof value !== 'object' || Array.isArray(value)) {
        errors.push(`${where}: rules must be a mapping of rule ids to ${SETTINGS.join(', ')}`);
        continue;
      }
      for (const [id, setting] of Object.entries(value as Record<string, unknown>)) {
        if (!knownRules.includes(id)) {
          errors.push(`${where}: rules.${id}: there is no rule "${id}" (see \`pipewright lint --rules\`)`);
        } else if (typeof setting !== 'string' || !SETTINGS.includes(setting)) {
          errors.push(`${where}: rules.${id}: expected one of ${SETTINGS.join(', ')}, got ${JSON.stringify(setting)}`);
        } else {
          rules.set(id, setting as RuleSetting);
        }
      }
    } else if (key === 'productionEnvironments') {
      if (!Array.isArray(value) || value.length === 0 || !value.every((w) => typeof w === 'string' && /^[\w-]+$/.test(w))) {
        errors.push(`${where}: productionEnvironments must be a non-empty list of words, e.g. [prod, production, live]`);
      } else {
        productionWords = value.map((w: string) => w.toLowerCase());
      }
    } else {
      errors.push(`${where}: unknown key "${key}" (expected rules or productionEnvironments)`);
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, config: { rules, ...(productionWords ? { productionWords } : {}) } };
}

/** `.pipewright.yml`'s text: its `lint:` mapping, with errors naming the file and line. */
export function configFromFile(text: string, fileName: string, knownRules: readonly string[]): ConfigResult {
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const line = text.slice(0, e.pos[0]).split('\n').length;
    return { ok: false, errors: [`${fileName}:${line}: ${e.message.split('\n')[0]}`] };
  }
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return { ok: true, config: EMPTY_CONFIG };
  if (!isMap(root)) return { ok: false, errors: [`${fileName}: must be a mapping with a lint: key`] };
  const lint = root.get('lint', true);
  if (lint === undefined) return { ok: true, config: EMPTY_CONFIG };
  if (!isMap(lint) && !(isScalar(lint) && lint.value === null)) {
    return { ok: false, errors: [`${fileName}: lint: must be a mapping (rules:, productionEnvironments:)`] };
  }
  const at = (key: string) => {
    const node = isMap(lint) ? lint.get(key, true) : undefined;
    const offset = (node as { range?: [number] } | undefined)?.range?.[0];
    return offset === undefined ? fileName : `${fileName}:${text.slice(0, offset).split('\n').length}`;
  };
  const data = isMap(lint) ? (lint.toJSON() as Record<string, unknown>) : undefined;
  const result = configFromData(data, fileName, knownRules);
  if (result.ok) return result;
  // Point each error at the line of the key it is about.
  return {
    ok: false,
    errors: result.errors.map((e) => {
      const key = /^[^:]+: (rules|productionEnvironments)/.exec(e)?.[1];
      return key ? e.replace(`${fileName}:`, `${at(key)}:`) : e;
    }),
  };
}

/** Later configurations win, rule by rule. */
export function mergeConfigs(...configs: LintConfig[]): LintConfig {
  const rules = new Map<string, RuleSetting>();
  let productionWords: readonly string[] | undefined;
  for (const c of configs) {
    for (const [id, s] of c.rules) rules.set(id, s);
    if (c.productionWords) productionWords = c.productionWords;
  }
  return { rules, ...(productionWords ? { productionWords } : {}) };
}

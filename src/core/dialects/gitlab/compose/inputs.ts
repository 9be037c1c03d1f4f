// GitLab's CI/CD inputs, as the platform applies them when it includes a file: the file declares
// them in a `spec: inputs:` header (a document of its own before `---`), the include passes
// values (`include: - local: x.yml  inputs: {stage: deploy}`), and every `$[[ inputs.name ]]` in
// the file's keys and values is replaced by the value passed, else the declared default (or the
// one the input's `rules:` choose from the inputs before it). The
// result is a tree of the file's own nodes with new scalars only where something was replaced,
// each placed where its expression is written (like Azure's parameters, see azure/compose): the
// builder reads job names, stages and needs as GitLab will run them. The edit engine does not
// write over an interpolation (edit/plan.ts): the value belongs to whoever passes the input.
import { Pair, Scalar, YAMLMap, YAMLSeq, isMap, isScalar, isSeq, type Node } from 'yaml';
import { keyOf, pairOf, scalarText, valueOf, type YamlSource } from '../../../yaml/source';

export type InputValue = string | number | boolean | readonly (string | number | boolean)[];

/** `$[[ inputs.name ]]`, with GitLab's optional functions (`| expand_vars`, `| truncate(0,8)`, `| posix_escape`). */
const INTERPOLATION = /\$\[\[\s*inputs\.([A-Za-z0-9_-]+)((?:\s*\|\s*[a-z_]+(?:\(\s*\d+\s*,\s*\d+\s*\))?)*)\s*\]\]/g;

/** One declared input: its default, or the rules that choose one from the inputs before it. */
export interface DeclaredInput {
  default?: InputValue;
  /** `type:` (GitLab's default is string) and `options:`, which a value passed must match. */
  type?: 'string' | 'number' | 'boolean' | 'array';
  options?: readonly InputValue[];
  /**
   * `regex:`, which a string value must match somewhere (GitLab's RE2, unanchored, written
   * without slashes: `/^v1/` is a pattern that starts with a slash). A default is checked too.
   */
  regex?: string;
  /**
   * `rules:` (GitLab's dynamic inputs): the first whose `if:` holds — or that has none — gives the
   * default (its `default:`, else its first option) and the `options:` a value passed must be one of.
   */
  rules?: { if?: string; default?: InputValue; options?: readonly InputValue[] }[];
}

/**
 * The inputs a file declares in its `spec:` header, in order. Undefined when the file has no
 * header, so takes no inputs.
 */
export function declaredInputs(src: YamlSource): Map<string, DeclaredInput> | undefined {
  // The header is the first of several documents (a file that is only a header has no content).
  const header = src.docs[0];
  if (src.docs.length < 2 || !pairOf(header.contents, 'spec')) return undefined;
  const declared = new Map<string, DeclaredInput>();
  const inputs = valueOf(valueOf(header.contents, 'spec'), 'inputs');
  if (!isMap(inputs)) return declared;
  for (const pair of inputs.items) {
    const name = keyOf(pair);
    if (name === undefined) continue;
    const spec = pair.value;
    const input: DeclaredInput = {};
    const fallback = defaultOf(spec);
    if (fallback !== undefined) input.default = fallback;
    const type = scalarText(valueOf(spec, 'type'));
    if (type === 'string' || type === 'number' || type === 'boolean' || type === 'array') input.type = type;
    const options = optionsOf(spec);
    if (options) input.options = options;
    const regex = scalarText(valueOf(spec, 'regex'));
    if (regex !== undefined) input.regex = regex;
    const rules = valueOf(spec, 'rules');
    if (isSeq(rules)) {
      input.rules = rules.items.map((rule) => {
        const condition = valueOf(rule, 'if');
        const chosen = defaultOf(rule, true);
        const ruleOptions = optionsOf(rule);
        return {
          ...(condition !== undefined ? { if: String((condition as Scalar).value ?? '') } : {}),
          ...(chosen !== undefined ? { default: chosen } : {}),
          ...(ruleOptions ? { options: ruleOptions } : {}),
        };
      });
    }
    declared.set(name, input);
  }
  return declared;
}

/** A spec's or a rule's `options:`, when each is a plain value. */
function optionsOf(spec: unknown): InputValue[] | undefined {
  const options = valueOf(spec, 'options');
  if (!isSeq(options)) return undefined;
  const values = options.items.map(inputValue);
  return values.every((v) => v !== undefined) ? (values as InputValue[]) : undefined;
}

/** A spec's `default:`; a rule's, else the first of its `options:` (as GitLab takes it). */
function defaultOf(spec: unknown, rule = false): InputValue | undefined {
  if (!isMap(spec)) return undefined;
  if (pairOf(spec, 'default')) return inputValue(valueOf(spec, 'default') ?? null);
  const options = valueOf(spec, 'options');
  return rule && isSeq(options) ? inputValue(options.items[0]) : undefined;
}

export interface BoundInputs {
  /** What each `$[[ inputs.x ]]` stands for; a name absent here stays as written. */
  values: Map<string, InputValue>;
  /** Why GitLab would reject the include, in its terms (said where the file is included). */
  problems: string[];
}

/**
 * The values a file is included with: those the include passes (`passed`, the `inputs:` mapping
 * as written, already interpolated in the including file), else the defaults the file declares
 * (a rule's, where its condition can be decided from the inputs before it). A value that is not
 * plain (a mapping, an expression of the including file left unknown) is not bound: its uses
 * stay as written.
 */
export function bindInputs(declared: Map<string, DeclaredInput> | undefined, passed: unknown, path: string): BoundInputs {
  const values = new Map<string, InputValue>();
  const problems: string[] = [];
  const given = isMap(passed) ? (passed.items as Pair[]) : [];
  if (!declared) {
    if (given.length > 0) problems.push(`include of ${path} passes inputs, but the file declares none (it has no \`spec: inputs:\` header)`);
    return { values, problems };
  }
  const passedNames = new Set<string>();
  for (const pair of given) {
    const name = keyOf(pair);
    if (name === undefined) continue;
    passedNames.add(name);
    if (!declared.has(name)) {
      problems.push(`include of ${path} passes the input "${name}", which the file does not declare in \`spec: inputs:\``);
      continue;
    }
    const value = inputValue(pair.value);
    if (value === undefined) continue;
    const wrong = mismatch(declared.get(name)!, value);
    if (wrong) problems.push(`include of ${path} passes the input "${name}" ${wrong}`);
    values.set(name, value);
  }
  for (const [name, input] of declared) {
    if (passedNames.has(name)) continue;
    if (input.rules) {
      // Rules choose from the inputs before this one; one that cannot be decided leaves it unknown.
      const rule = ruleThatHolds(input.rules, values);
      const value = rule === NO_RULE ? input.default : rule?.default;
      if (value !== undefined) values.set(name, value);
      continue;
    }
    if (input.default === undefined) {
      problems.push(`include of ${path} does not pass the input "${name}", which has no default`);
      continue;
    }
    const wrong = regexMismatch(input, input.default);
    if (wrong) problems.push(`include of ${path} does not pass the input "${name}", and its default (${show(input.default)})${wrong}`);
    values.set(name, input.default);
  }
  // A value passed for an input with rules is one of the options of the rule that holds, which
  // the other inputs decide (known only now).
  for (const name of passedNames) {
    const rules = declared.get(name)?.rules;
    const value = values.get(name);
    if (!rules || value === undefined) continue;
    const rule = ruleThatHolds(rules, values);
    if (rule === NO_RULE || !rule?.options || rule.options.some((o) => show(o) === show(value))) continue;
    const when = rule.if === undefined ? 'its rule without \`if:\`' : `its rule \`if: ${rule.if}\``;
    problems.push(`include of ${path} passes the input "${name}" as ${show(value)}, which is not one of the \`options:\` of ${when} (${rule.options.map(show).join(', ')})`);
  }
  return { values, problems };
}

/** Why GitLab would refuse `value` for `input` (its type, its options), in words after "passes the input x"; undefined when it takes it. */
function mismatch(input: DeclaredInput, value: InputValue): string | undefined {
  const type = Array.isArray(value) ? 'array' : typeof value;
  const wanted = input.type ?? 'string';
  if (type !== wanted) return `as ${type === 'array' ? 'a list' : `a ${type}`} (${show(value)}), but the file declares it \`type: ${wanted}\``;
  if (input.options && !input.options.some((o) => show(o) === show(value))) {
    return `as ${show(value)}, which is not one of its \`options:\` (${input.options.map(show).join(', ')})`;
  }
  const unmatched = regexMismatch(input, value);
  return unmatched ? `as ${show(value)}${unmatched}` : undefined;
}

/**
 * Why `value` fails the input's `regex:`, in words after the value (", which does not match its
 * `regex:` (…)"); undefined when it matches, when there is none, or when the pattern is RE2 that
 * JavaScript does not read (nothing is claimed then). GitLab takes a regex on string inputs only.
 */
function regexMismatch(input: DeclaredInput, value: InputValue): string | undefined {
  if (input.regex === undefined) return undefined;
  if ((input.type ?? 'string') !== 'string') return `, but the file gives it a \`regex:\`, which GitLab allows on string inputs only (it is \`type: ${input.type}\`)`;
  let pattern: RegExp;
  try {
    pattern = new RegExp(input.regex);
  } catch {
    return undefined;
  }
  return typeof value === 'string' && !pattern.test(value) ? `, which does not match its \`regex:\` (${input.regex})` : undefined;
}

function show(value: InputValue): string {
  return Array.isArray(value) ? `[${value.join(', ')}]` : String(value);
}

const NO_RULE = Symbol('no rule holds');

type InputRule = NonNullable<DeclaredInput['rules']>[number];

/** The first rule that holds; undefined when that cannot be decided; NO_RULE when none holds. */
function ruleThatHolds(rules: readonly InputRule[], values: ReadonlyMap<string, InputValue>): InputRule | undefined | typeof NO_RULE {
  for (const rule of rules) {
    const holds = rule.if === undefined ? true : conditionHolds(rule.if, values);
    if (holds === undefined) return undefined;
    if (holds) return rule;
  }
  return NO_RULE;
}

const TOKEN = /\s*(\(|\)|&&|\|\||==|!=|'[^']*'|"[^"]*"|[^\s()=!&|'"]+)/y;

/**
 * A rule's `if:` over inputs (`$[[ inputs.a ]] == "x" && ($[[ inputs.b ]] != 'y' || …)`), as
 * GitLab compares them: as text. Undefined when it reads an input not known here or is written
 * in a form this does not read.
 */
export function conditionHolds(condition: string, values: ReadonlyMap<string, InputValue>): boolean | undefined {
  let unknown = false;
  const text = condition.replace(INTERPOLATION, (_w, name: string) => {
    const value = values.get(name);
    if (value === undefined || Array.isArray(value)) unknown = true;
    return String(value ?? '');
  });
  if (unknown) return undefined;
  const tokens: string[] = [];
  let read = 0;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    tokens.push(m[1]);
    read = TOKEN.lastIndex;
  }
  if (text.slice(read).trim() !== '') return undefined;
  let at = 0;
  const operand = (): string | undefined => {
    const t = tokens[at];
    if (t === undefined || ['(', ')', '&&', '||', '==', '!='].includes(t)) return undefined;
    at++;
    return /^(['"]).*\1$/.test(t) ? t.slice(1, -1) : t;
  };
  const comparison = (): boolean | undefined => {
    if (tokens[at] === '(') {
      at++;
      const inner = or();
      if (tokens[at++] !== ')') return undefined;
      return inner;
    }
    const left = operand();
    const op = tokens[at];
    if (left === undefined || (op !== '==' && op !== '!=')) return undefined;
    at++;
    const right = operand();
    if (right === undefined) return undefined;
    return op === '==' ? left === right : left !== right;
  };
  const and = (): boolean | undefined => {
    let result = comparison();
    while (result !== undefined && tokens[at] === '&&') {
      at++;
      const next = comparison();
      result = next === undefined ? undefined : result && next;
    }
    return result;
  };
  const or = (): boolean | undefined => {
    let result = and();
    while (result !== undefined && tokens[at] === '||') {
      at++;
      const next = and();
      result = next === undefined ? undefined : result || next;
    }
    return result;
  };
  const result = or();
  return at === tokens.length ? result : undefined;
}

/**
 * Each `$[[ inputs.x ]]` in the file's content (keys and values) whose input the header does not
 * declare: GitLab rejects the file ("unknown interpolation key"). `at` is where the scalar holding
 * it starts (composite offset, as the node's range).
 */
export function undeclaredInputUses(src: YamlSource, declared: ReadonlyMap<string, DeclaredInput>): { name: string; at: number }[] {
  const found: { name: string; at: number }[] = [];
  const walk = (node: unknown): void => {
    if (isScalar(node)) {
      if (typeof node.value !== 'string' || !node.value.includes('$[[')) return;
      for (const m of node.value.matchAll(INTERPOLATION)) if (!declared.has(m[1])) found.push({ name: m[1], at: node.range?.[0] ?? 0 });
    } else if (isMap(node)) {
      for (const pair of node.items as Pair[]) {
        walk(pair.key);
        walk(pair.value);
      }
    } else if (isSeq(node)) node.items.forEach(walk);
  };
  if (src.doc !== src.docs[0]) walk(src.doc.contents);
  return found;
}

/** A plain value (a scalar, or a list of scalars) as GitLab reads it; undefined for anything else. */
function inputValue(node: unknown): InputValue | undefined {
  if (isScalar(node)) {
    const v = node.value;
    if (typeof v === 'string') return v.includes('$[[') ? undefined : v;
    if (typeof v === 'number' || typeof v === 'boolean') return v;
    return v === null ? '' : undefined;
  }
  if (isSeq(node)) {
    const items = node.items.map(inputValue);
    return items.every((i): i is string | number | boolean => i !== undefined && !Array.isArray(i)) ? items : undefined;
  }
  return undefined;
}

/** `node` with its `$[[ inputs.x ]]` replaced; the node itself when nothing in it is. */
export function interpolate(node: unknown, values: ReadonlyMap<string, InputValue>): unknown {
  if (values.size === 0) return node;
  if (isScalar(node)) return interpolateScalar(node, values);
  if (isMap(node)) {
    let changed = false;
    const items = (node.items as Pair[]).map((pair) => {
      const key = interpolate(pair.key, values);
      const value = interpolate(pair.value, values);
      if (key === pair.key && value === pair.value) return pair;
      changed = true;
      return new Pair(key, value);
    });
    return changed ? like(new YAMLMap(), node, items) : node;
  }
  if (isSeq(node)) {
    let changed = false;
    const items = node.items.map((item) => {
      const out = interpolate(item, values);
      if (out !== item) changed = true;
      return out;
    });
    return changed ? like(new YAMLSeq(), node, items) : node;
  }
  return node;
}

function interpolateScalar(node: Scalar, values: ReadonlyMap<string, InputValue>): unknown {
  const text = node.value;
  if (typeof text !== 'string' || !text.includes('$[[')) return node;
  // A value that is one interpolation takes the input's type (a list stays a list).
  INTERPOLATION.lastIndex = 0;
  const whole = INTERPOLATION.exec(text);
  if (whole && whole.index === 0 && whole[0].length === text.length) {
    const value = applyFunctions(values.get(whole[1]), whole[2]);
    if (value === undefined) return node;
    if (Array.isArray(value)) return like(new YAMLSeq(), node, value.map((v) => scalarAt(v, node)));
    return scalarAt(value as string | number | boolean, node);
  }
  // Inside a longer text: each known scalar input as text; any other stays as written.
  const replaced = text.replace(INTERPOLATION, (written, name: string, functions: string) => {
    const value = applyFunctions(values.get(name), functions);
    return value === undefined || Array.isArray(value) ? written : String(value);
  });
  return replaced === text ? node : scalarAt(replaced, node);
}

/** `truncate(offset, length)` as GitLab applies it; `expand_vars` and `posix_escape` change nothing the graph reads. */
function applyFunctions(value: InputValue | undefined, functions: string): InputValue | undefined {
  if (value === undefined || !functions) return value;
  let out = value;
  for (const m of functions.matchAll(/truncate\(\s*(\d+)\s*,\s*(\d+)\s*\)/g)) {
    if (typeof out === 'string') out = out.slice(Number(m[1]), Number(m[1]) + Number(m[2]));
  }
  return out;
}

function scalarAt(value: string | number | boolean, at: Scalar): Scalar {
  const scalar = new Scalar(value);
  scalar.range = at.range ? [...at.range] : undefined;
  return scalar;
}

function like<T extends YAMLMap | YAMLSeq>(out: T, original: YAMLMap | YAMLSeq | Scalar, items: unknown[]): T {
  out.items = items as never;
  out.range = (original as Node).range ? [...(original as Node).range!] : undefined;
  if (!isScalar(original)) out.flow = original.flow;
  if (original.anchor) out.anchor = original.anchor;
  if (original.tag) out.tag = original.tag;
  return out;
}

// Azure's compile-time expressions (`${{ … }}`), evaluated where everything they read is literal:
// template parameters, `each` loop variables, literals and the functions below. Anything else
// (variables, counters, unknown functions) is UNKNOWN, and the caller leaves the text as written.
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { keyOf } from '../../../yaml/source';

export const UNKNOWN = Symbol('unknown');
export type Unknown = typeof UNKNOWN;

/** A YAML mapping or list (kept as the node, so it can be inserted where it is used), or a plain value. */
export type Value = string | number | boolean | null | Node | ValueObject;

/** An object made here: the parameters, or a `{key, value}` pair of an `each` over a mapping. */
export interface ValueObject {
  readonly fields: ReadonlyMap<string, Value | Unknown>;
}

export type Scope = ReadonlyMap<string, Value | Unknown>;

export function valueObject(fields: ReadonlyMap<string, Value | Unknown>): ValueObject {
  return { fields };
}

function isObject(v: unknown): v is ValueObject {
  return typeof v === 'object' && v !== null && 'fields' in v && (v as ValueObject).fields instanceof Map;
}

/** A YAML node as a value: scalars become plain values, collections stay nodes. */
export function valueOfNode(node: unknown): Value | Unknown {
  if (node === null || node === undefined) return null;
  if (isScalar(node)) {
    const v = node.value;
    if (v === null || v === undefined) return null;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
    return String(v);
  }
  if (isMap(node) || isSeq(node)) return node as Node;
  return UNKNOWN;
}

/** `${{ expr }}` → the value, or UNKNOWN when it reads something not known here. */
export function evaluate(expression: string, scope: Scope): Value | Unknown {
  const ast = parsed(expression);
  return ast === undefined ? UNKNOWN : evaluateOrUnknown(ast, scope);
}


// A template expanded many times evaluates the same few expressions again and again.
const PARSED = new Map<string, Ast | null>();

/** The expression's syntax tree; undefined for text this parser does not read. */
function parsed(expression: string): Ast | undefined {
  let ast = PARSED.get(expression);
  if (ast === undefined) {
    try {
      const parser = new Parser(expression);
      ast = parser.expression();
      parser.end();
    } catch (e) {
      if (e !== NOT_EVALUABLE) throw e;
      ast = null;
    }
    if (PARSED.size > 10_000) PARSED.clear();
    PARSED.set(expression, ast);
  }
  return ast ?? undefined;
}

/** Azure's conversion to boolean: empty strings, 0, null and false are false. */
export function truthy(v: Value): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return v !== '';
  return v !== null;
}

/** The text of a value spliced into a string (`name: deploy_${{ parameters.env }}`); undefined for lists and mappings. */
export function textOf(v: Value): string | undefined {
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return v;
  if (v === null) return '';
  return undefined;
}

/** Thrown (and caught in `evaluate`) where an expression reads what is not known here. Not an
 * Error: it is part of the normal flow, thrown often, and needs no stack. */
const NOT_EVALUABLE = { notEvaluable: true };

type Ast =
  | { kind: 'literal'; value: Value }
  | { kind: 'name'; name: string }
  | { kind: 'member'; target: Ast; key: Ast }
  | { kind: 'call'; name: string; args: Ast[] };

const NUMBER = /-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_-]*/y;

class Parser {
  private at = 0;
  constructor(private readonly text: string) {}

  expression(): Ast {
    let node = this.primary();
    for (;;) {
      this.space();
      if (this.eat('.')) {
        this.space();
        node = { kind: 'member', target: node, key: { kind: 'literal', value: this.identifier() } };
      } else if (this.eat('[')) {
        const key = this.expression();
        this.space();
        this.expect(']');
        node = { kind: 'member', target: node, key };
      } else return node;
    }
  }

  end(): void {
    this.space();
    if (this.at !== this.text.length) throw NOT_EVALUABLE;
  }

  private primary(): Ast {
    this.space();
    const c = this.text[this.at];
    if (c === "'") return { kind: 'literal', value: this.string() };
    if (c !== undefined && /[0-9.-]/.test(c)) return { kind: 'literal', value: Number(this.match(NUMBER)) };
    const name = this.identifier();
    const lower = name.toLowerCase();
    if (lower === 'true' || lower === 'false') return { kind: 'literal', value: lower === 'true' };
    if (lower === 'null') return { kind: 'literal', value: null };
    this.space();
    if (!this.eat('(')) return { kind: 'name', name };
    const args: Ast[] = [];
    this.space();
    if (!this.eat(')')) {
      for (;;) {
        args.push(this.expression());
        this.space();
        if (this.eat(')')) break;
        this.expect(',');
      }
    }
    return { kind: 'call', name: lower, args };
  }

  private string(): string {
    let out = '';
    this.at++;
    for (;;) {
      const c = this.text[this.at++];
      if (c === undefined) throw NOT_EVALUABLE;
      if (c === "'") {
        if (this.text[this.at] !== "'") return out;
        this.at++;
      }
      out += c;
    }
  }

  private identifier(): string {
    return this.match(IDENTIFIER);
  }

  private match(re: RegExp): string {
    re.lastIndex = this.at;
    const m = re.exec(this.text);
    if (!m) throw NOT_EVALUABLE;
    this.at += m[0].length;
    return m[0];
  }

  private space(): void {
    while (this.at < this.text.length && /\s/.test(this.text[this.at])) this.at++;
  }

  private eat(c: string): boolean {
    if (this.text[this.at] !== c) return false;
    this.at++;
    return true;
  }

  private expect(c: string): void {
    if (!this.eat(c)) throw NOT_EVALUABLE;
  }
}

function known(v: Value | Unknown): Value {
  if (v === UNKNOWN) throw NOT_EVALUABLE;
  return v;
}

function evaluateNode(ast: Ast, scope: Scope): Value | Unknown {
  switch (ast.kind) {
    case 'literal':
      return ast.value;
    case 'name':
      // Names that are not parameters or loop variables (variables, dependencies, …) are not known here.
      return scope.has(ast.name) ? scope.get(ast.name)! : UNKNOWN;
    case 'member':
      return member(known(evaluateNode(ast.target, scope)), known(evaluateNode(ast.key, scope)));
    case 'call':
      return call(ast.name, ast.args, scope);
  }
}

function evaluateOrUnknown(ast: Ast, scope: Scope): Value | Unknown {
  try {
    return evaluateNode(ast, scope);
  } catch (e) {
    if (e === NOT_EVALUABLE) return UNKNOWN;
    throw e;
  }
}

function member(target: Value, key: Value): Value | Unknown {
  if (isObject(target)) {
    const name = String(key);
    for (const [k, v] of target.fields) if (k.toLowerCase() === name.toLowerCase()) return v;
    return null;
  }
  if (isMap(target)) {
    const name = String(key).toLowerCase();
    const pair = (target as YAMLMap).items.find((p) => keyOf(p)?.toLowerCase() === name);
    return pair ? valueOfNode(pair.value) : null;
  }
  if (isSeq(target) && typeof key === 'number') return valueOfNode(target.items[key]);
  return null;
}

/** Items an `each` goes over: a list's items, a mapping's `{key, value}` pairs. */
export function eachItems(v: Value): (Value | Unknown)[] | undefined {
  if (isSeq(v)) return v.items.map(valueOfNode);
  if (isMap(v)) {
    return (v as YAMLMap).items.map((p) => valueObject(new Map<string, Value | Unknown>([['key', keyOf(p) ?? UNKNOWN], ['value', valueOfNode(p.value)]])));
  }
  if (isObject(v)) return [...v.fields].map(([key, value]) => valueObject(new Map([['key', key], ['value', value]])));
  if (v === null) return [];
  return undefined;
}

function call(name: string, args: Ast[], scope: Scope): Value | Unknown {
  const arg = (i: number) => known(evaluateNode(args[i], scope));
  switch (name) {
    case 'and': {
      // A false argument decides, even beside one not known here.
      let unknown = false;
      for (let i = 0; i < args.length; i++) {
        const v = evaluateOrUnknown(args[i], scope);
        if (v === UNKNOWN) unknown = true;
        else if (!truthy(v)) return false;
      }
      return unknown ? UNKNOWN : true;
    }
    case 'or': {
      let unknown = false;
      for (let i = 0; i < args.length; i++) {
        const v = evaluateOrUnknown(args[i], scope);
        if (v === UNKNOWN) unknown = true;
        else if (truthy(v)) return true;
      }
      return unknown ? UNKNOWN : false;
    }
    case 'not':
      return !truthy(arg(0));
    case 'xor':
      return truthy(arg(0)) !== truthy(arg(1));
    case 'eq':
      return equal(arg(0), arg(1));
    case 'ne':
      return !equal(arg(0), arg(1));
    case 'gt':
    case 'ge':
    case 'lt':
    case 'le':
      return compare(name, arg(0), arg(1));
    case 'in': {
      const first = arg(0);
      return args.slice(1).some((_, i) => equal(first, arg(i + 1)));
    }
    case 'notin': {
      const first = arg(0);
      return !args.slice(1).some((_, i) => equal(first, arg(i + 1)));
    }
    case 'contains':
      return text(arg(0)).toLowerCase().includes(text(arg(1)).toLowerCase());
    case 'containsvalue': {
      const items = eachItems(arg(0));
      if (!items) throw NOT_EVALUABLE;
      const wanted = arg(1);
      return items.some((v) => v !== UNKNOWN && equal(isObject(v) ? known(v.fields.get('value') ?? null) : v, wanted));
    }
    case 'startswith':
      return text(arg(0)).toLowerCase().startsWith(text(arg(1)).toLowerCase());
    case 'endswith':
      return text(arg(0)).toLowerCase().endsWith(text(arg(1)).toLowerCase());
    case 'coalesce': {
      for (let i = 0; i < args.length; i++) {
        const v = arg(i);
        if (v !== null && v !== '') return v;
      }
      return null;
    }
    case 'iif':
      return truthy(arg(0)) ? arg(1) : arg(2);
    case 'lower':
      return text(arg(0)).toLowerCase();
    case 'upper':
      return text(arg(0)).toUpperCase();
    case 'trim':
      return text(arg(0)).trim();
    case 'replace':
      return text(arg(0)).split(text(arg(1))).join(text(arg(2)));
    case 'format': {
      const pattern = text(arg(0));
      return pattern.replace(/\{(\d+)\}/g, (_, i: string) => text(arg(Number(i) + 1)));
    }
    case 'join': {
      const items = eachItems(arg(1));
      if (!items) return text(arg(1));
      return items.map((v) => text(known(v))).join(text(arg(0)));
    }
    case 'length': {
      const v = arg(0);
      if (typeof v === 'string') return v.length;
      const items = eachItems(v);
      if (!items) throw NOT_EVALUABLE;
      return items.length;
    }
    default:
      throw NOT_EVALUABLE;
  }
}

function text(v: Value): string {
  const t = textOf(v);
  if (t === undefined) throw NOT_EVALUABLE;
  return t;
}

// Azure converts the right side to the left side's type; strings compare ignoring case.
function equal(a: Value, b: Value): boolean {
  if (typeof a === 'boolean') return a === toBoolean(b);
  if (typeof a === 'number') return a === Number(textOf(b) ?? NaN);
  if (typeof a === 'string') {
    const t = textOf(b);
    return t !== undefined && a.toLowerCase() === t.toLowerCase();
  }
  if (a === null) return b === null || b === '';
  return a === b;
}

function toBoolean(v: Value): boolean {
  if (typeof v === 'string') {
    if (/^true$/i.test(v)) return true;
    if (/^false$/i.test(v)) return false;
  }
  return truthy(v);
}

function compare(op: string, a: Value, b: Value): boolean {
  const order = typeof a === 'number' ? a - Number(textOf(b) ?? NaN) : text(a).toLowerCase().localeCompare(text(b).toLowerCase());
  if (Number.isNaN(order)) throw NOT_EVALUABLE;
  return op === 'gt' ? order > 0 : op === 'ge' ? order >= 0 : op === 'lt' ? order < 0 : order <= 0;
}

// A JSON schema validator's errors turned into what a person reads: one message per problem,
// placed on the YAML it concerns. `anyOf`/`oneOf` failures come with every branch's complaints;
// they are collapsed to the one that helps (the branch that got furthest into the value, or "must
// be a string or a list" when no branch accepted the value's type, or "needs one of `a`, `b`").
import type { Dialect } from '../model';
import { pointerParts } from './schemaData';

/** What the rule needs of a validator's error (Ajv's ErrorObject has these fields). */
export interface SchemaError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
  /** Ajv's `verbose` fields: the keyword's value (a combinator's branches) and the schema holding it. */
  schema?: unknown;
  parentSchema?: unknown;
}

/** Follows a local `$ref` (`#/definitions/x`) in the schema the errors come from. */
export type RefResolver = (ref: string) => unknown;

/** One problem to report: where (a pointer), and what. */
export interface SchemaProblem {
  pointer: string;
  /** Where in the pointer's entry the finding goes: its key (missing or unknown settings) or its value. */
  on: 'key' | 'value';
  /** For an unknown setting, the setting's own pointer. */
  text: (describe: (pointer: string) => string) => string;
  keyword: string;
  params: Record<string, unknown>;
  /** The schema object that produced it (a collapsed combinator: the one holding the combinator). */
  source?: unknown;
}

const COMBINATORS = new Set(['anyOf', 'oneOf']);
// Keywords that only say a sub-schema failed; the failures themselves are reported.
const SILENT = new Set(['if', 'then', 'else', '$ref', 'allOf']);
const SHAPE = new Set(['type', 'enum', 'const', 'pattern']);

type Item = SchemaError & { collapsed?: SchemaProblem[] };

/**
 * The problems in `errors` (in the validator's order: a combinator's branch errors come right
 * before it). Errors at or under `open` pointers are dropped first: a combinator left with no
 * branch error passed.
 */
export function schemaProblems(
  errors: readonly SchemaError[],
  open: ReadonlySet<string>,
  resolve: RefResolver = () => undefined,
  /** Errors the schema is known to get wrong (schemaFaults.ts): left out like open values. */
  ignore: (e: SchemaError) => boolean = () => false,
): SchemaProblem[] {
  const isOpen = (pointer: string) => {
    for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
      if (open.has(p)) return true;
      if (p === '') return false;
    }
  };
  const stack: Item[] = [];
  for (const e of errors) {
    if (SILENT.has(e.keyword)) continue;
    if (!COMBINATORS.has(e.keyword)) {
      if (!isOpen(e.instancePath) && !ignore(e)) stack.push(e);
      continue;
    }
    // Its branches' errors: the run just before it, at or under its path.
    let start = stack.length;
    while (start > 0 && under(stack[start - 1].instancePath, e.instancePath)) start--;
    const branch = stack.splice(start);
    if (branch.length === 0 || isOpen(e.instancePath)) continue; // a branch passed once open values are left out
    stack.push({ ...e, collapsed: collapse(e, branch, resolve) });
  }
  return dedupe(stack.flatMap((item) => item.collapsed?.map((c) => ({ ...c, source: item.parentSchema })) ?? [toProblem(item)]));
}

function under(pointer: string, base: string): boolean {
  return pointer === base || pointer.startsWith(`${base}/`);
}

function collapse(combinator: SchemaError, branch: Item[], resolve: RefResolver): SchemaProblem[] {
  // What the collapse says anew is the combinator's, for the combinators around it.
  return mergeShapes(collapseBranches(combinator, branch, resolve)).map((p) => (p.source === undefined ? { ...p, source: combinator.parentSchema } : p));
}

/** Complaints about one value's shape from several branches, as one: "must be a string or a list". */
function mergeShapes(problems: SchemaProblem[]): SchemaProblem[] {
  const byPointer = new Map<string, SchemaProblem[]>();
  for (const p of problems) if (SHAPE.has(p.keyword)) byPointer.set(p.pointer, [...(byPointer.get(p.pointer) ?? []), p]);
  const done = new Set<string>();
  const out: SchemaProblem[] = [];
  for (const p of problems) {
    const group = SHAPE.has(p.keyword) ? byPointer.get(p.pointer)! : undefined;
    if (!group || group.length === 1) {
      out.push(p);
      continue;
    }
    if (done.has(p.pointer)) continue;
    done.add(p.pointer);
    const words = unique(group.flatMap((g) => shapeWords(g)));
    const pointer = p.pointer;
    out.push({ ...p, keyword: 'type', params: { words }, text: (d) => `${d(pointer)} must be ${orList(words)}` });
  }
  return out;
}

function collapseBranches(combinator: SchemaError, branch: Item[], resolve: RefResolver): SchemaProblem[] {
  const path = combinator.instancePath;
  const all = branch.flatMap((item) => item.collapsed ?? [toProblem(item)]);
  const problems = fromLiveBranches(combinator, path, all, resolve);
  // Some branch accepted the value's shape and failed inside it: that branch's complaints are the useful ones.
  const deeper = problems.filter((p) => p.pointer !== path && !(p.on === 'key' && parentOf(p.pointer) === path && p.keyword === 'additionalProperties'));
  if (deeper.length > 0) return problems.filter((p) => p.pointer !== path);
  const here = problems.filter((p) => p.pointer === path || parentOf(p.pointer) === path);
  const required = unique(here.filter((p) => p.keyword === 'required').flatMap((p) => (Array.isArray(p.params.missing) ? p.params.missing.map(String) : [String(p.params.missingProperty)])));
  if (required.length > 0) {
    return [{
      pointer: path,
      on: 'key',
      keyword: 'required',
      params: { missing: required },
      text: (d) => required.length === 1 ? `\`${required[0]}\` is missing in ${d(path)}` : `${d(path)} needs ${orList(required.map((r) => `\`${r}\``))}`,
    }];
  }
  if (here.length > 0 && here.every((p) => SHAPE.has(p.keyword))) {
    const forms = unique(here.flatMap((p) => shapeWords(p)));
    return [{ pointer: path, on: 'value', keyword: 'type', params: { words: forms }, text: (d) => `${d(path)} must be ${orList(forms)}` }];
  }
  // Settings no branch knows: the ones every branch names (a branch that knows one names others).
  const unknown = here.filter((p) => p.keyword === 'additionalProperties');
  if (unknown.length > 0) {
    const counts = new Map<string, number>();
    for (const p of unknown) counts.set(p.pointer, (counts.get(p.pointer) ?? 0) + 1);
    const most = Math.max(...counts.values());
    return dedupe(unknown.filter((p) => counts.get(p.pointer) === most));
  }
  return here.length > 0 ? [here[0]] : problems.slice(0, 1);
}

/**
 * The problems of the branches that accept the value's kind: a branch whose type does not fit
 * the value, or whose distinguishing setting (`task: Docker@2`, `type: boolean`) has another
 * value, is not what the author meant, and its complaints are noise. When no branch is left, the
 * complaints about the value's kind and distinguishing settings are what to say.
 */
function fromLiveBranches(combinator: SchemaError, path: string, problems: SchemaProblem[], resolve: RefResolver): SchemaProblem[] {
  const branches = Array.isArray(combinator.schema) ? combinator.schema.map((b) => deref(b, resolve)) : [];
  if (branches.length === 0) return problems;
  // Shape complaints at the value or its direct settings, by the schema that made them.
  const shapeBySource = new Map<unknown, SchemaProblem[]>();
  for (const p of problems) {
    if (!SHAPE.has(p.keyword) || (p.pointer !== path && parentOf(p.pointer) !== path)) continue;
    shapeBySource.set(p.source, [...(shapeBySource.get(p.source) ?? []), p]);
  }
  // A branch is not meant when the value's type is not its type, or a setting it requires (its
  // distinguishing key: `task`, `script`) has a value it does not take.
  const rejecting = (b: Record<string, unknown>): SchemaProblem[] => {
    const out = (shapeBySource.get(b) ?? []).filter((p) => p.pointer === path);
    const required = new Set(Array.isArray(b.required) ? b.required : []);
    if (isObject(b.properties)) {
      for (const [key, s] of Object.entries(b.properties)) {
        if (!required.has(key)) continue;
        const child = `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        for (const candidate of new Set([s, deref(s, resolve)])) out.push(...(shapeBySource.get(candidate) ?? []).filter((p) => p.pointer === child));
      }
    }
    return out;
  };
  const rejected = new Map(branches.map((b) => [b, rejecting(b)]));
  const open = branches.filter((b) => rejected.get(b)!.length === 0);
  // Among those, the ones the value has every required setting of, when there are any.
  const complete = open.filter((b) => !problems.some((p) => p.keyword === 'required' && p.pointer === path && p.source === b));
  const candidates = complete.length > 0 ? complete : open;
  // And the ones with the fewest complaints about the value itself (unknown settings): a job
  // with `steps:` is a job, not a deployment job that does not know `steps`.
  const ownCount = (b: unknown) => problems.filter((p) => p.source === b && (p.pointer === path || (parentOf(p.pointer) === path && p.keyword === 'additionalProperties'))).length;
  const fewest = Math.min(...candidates.map(ownCount));
  const live = candidates.filter((b) => ownCount(b) === fewest);
  if (live.length === 0) {
    // No branch fits: say what kind of value, or which distinguishing value, would.
    const said = new Set([...rejected.values()].flat());
    return problems.filter((p) => said.has(p));
  }
  // A branch meant for the value with nothing left against it (its errors were about open values
  // or known schema faults): the combinator passes.
  if (live.some((b) => !problems.some((p) => p.source !== undefined && (p.source === b || reachOf(b, resolve).has(p.source))))) return [];
  const sources = new Map<unknown, boolean>();
  const fromLive = (source: unknown) => {
    if (!sources.has(source)) sources.set(source, live.some((b) => reachOf(b, resolve).has(source)));
    return sources.get(source)!;
  };
  // A complaint about the value itself (a missing or unknown setting, a wrong type) is the branch
  // object's own; deeper ones are told apart by what the branch reaches.
  const liveSet = new Set<unknown>(live);
  const atLevel = (p: SchemaProblem) => p.pointer === path || (parentOf(p.pointer) === path && p.keyword === 'additionalProperties');
  return problems.filter((p) => p.source === undefined || (atLevel(p) && branches.includes(p.source as Record<string, unknown>) ? liveSet.has(p.source) : fromLive(p.source)));
}

// Schemas do not change while the editor runs: what a branch reaches is worked out once.
const REACH = new WeakMap<object, Set<unknown>>();

function reachOf(branch: Record<string, unknown>, resolve: RefResolver): Set<unknown> {
  let set = REACH.get(branch);
  if (!set) {
    set = new Set();
    reachable(branch, resolve, set);
    REACH.set(branch, set);
  }
  return set;
}

function deref(schema: unknown, resolve: RefResolver): Record<string, unknown> {
  let s = schema;
  for (let i = 0; i < 10 && isObject(s) && typeof s.$ref === 'string'; i++) s = resolve(s.$ref);
  return isObject(s) ? s : {};
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

// Every schema object under `schema`, through local references.
function reachable(schema: unknown, resolve: RefResolver, into: Set<unknown>): void {
  if (Array.isArray(schema)) {
    for (const s of schema) reachable(s, resolve, into);
    return;
  }
  if (!isObject(schema) || into.has(schema)) return;
  into.add(schema);
  if (typeof schema.$ref === 'string') reachable(resolve(schema.$ref), resolve, into);
  for (const key of ['properties', 'patternProperties', 'definitions']) {
    if (isObject(schema[key])) for (const v of Object.values(schema[key] as Record<string, unknown>)) reachable(v, resolve, into);
  }
  for (const key of ['items', 'additionalProperties', 'additionalItems', 'anyOf', 'oneOf', 'allOf', 'not', 'if', 'then', 'else', 'contains', 'propertyNames']) {
    reachable(schema[key], resolve, into);
  }
}

function toProblem(e: SchemaError): SchemaProblem {
  return { ...problemOf(e), source: e.parentSchema };
}

function problemOf(e: SchemaError): SchemaProblem {
  const path = e.instancePath;
  const p = e.params;
  switch (e.keyword) {
    case 'required':
      return { pointer: path, on: 'key', keyword: e.keyword, params: p, text: (d) => `\`${String(p.missingProperty)}\` is missing in ${d(path)}` };
    case 'additionalProperties': {
      const child = `${path}/${String(p.additionalProperty).replace(/~/g, '~0').replace(/\//g, '~1')}`;
      return { pointer: child, on: 'key', keyword: e.keyword, params: p, text: (d) => `\`${String(p.additionalProperty)}\` is not a setting ${path === '' ? 'at the top level' : `of ${d(path)}`}` };
    }
    case 'type':
    case 'enum':
    case 'const':
    case 'pattern': {
      const problem: SchemaProblem = { pointer: path, on: 'value', keyword: e.keyword, params: p, text: (d) => `${d(path)} must be ${orList(shapeWords(problem))}` };
      return problem;
    }
    default:
      return { pointer: path, on: 'value', keyword: e.keyword, params: p, text: (d) => `${d(path)} ${e.message ?? `fails the schema's "${e.keyword}" check`}` };
  }
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping',
  array: 'a list',
  null: 'empty',
};

// An expression: GitHub `${{ … }}` (the schemas write it as a pattern).
const EXPRESSION_PATTERN = /\\\$\\\{\\\{/;

function shapeWords(p: SchemaProblem): string[] {
  if (Array.isArray(p.params.words)) return p.params.words as string[];
  switch (p.keyword) {
    case 'type': {
      const types = Array.isArray(p.params.type) ? p.params.type : String(p.params.type).split(',');
      return types.map((t) => TYPE_WORDS[String(t)] ?? String(t));
    }
    case 'enum': {
      const values = (p.params.allowedValues as unknown[]) ?? [];
      const shown = values.map((v) => `\`${String(v)}\``);
      return [values.length > 8 ? `one of the ${values.length} values the schema lists` : values.length === 1 ? shown[0] : `one of ${shown.join(', ')}`];
    }
    case 'const':
      return [`\`${String(p.params.allowedValue)}\``];
    case 'pattern': {
      const pattern = String(p.params.pattern);
      const literal = /^\^([\w@.\-]+)\$$/.exec(pattern);
      if (literal) return [`\`${literal[1]}\``];
      return [EXPRESSION_PATTERN.test(pattern) ? 'an expression `${{ … }}`' : `text of the form /${pattern}/`];
    }
    default:
      return [];
  }
}

function orList(words: readonly string[]): string {
  const u = unique(words);
  // Many literal values (Azure's task names): too many to list.
  const literals = u.filter((w) => /^`[^`]*`$/.test(w));
  if (literals.length > 8) return orList([`one of the ${literals.length} values the schema lists`, ...u.filter((w) => !literals.includes(w))]);
  if (u.length <= 1) return u[0] ?? 'something else';
  return `${u.slice(0, -1).join(', ')} or ${u[u.length - 1]}`;
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

function parentOf(pointer: string): string {
  return pointer.slice(0, pointer.lastIndexOf('/'));
}

function dedupe(problems: SchemaProblem[]): SchemaProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.pointer}\u0000${p.keyword}\u0000${p.text((x) => x)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Where a pointer is, in words: `job "build"`, `step 2 of job "build"`, `` `stage` of job "build" ``,
 * `item 1 of `needs` of job "x"`. `data` is the checked instance (Azure names come from it).
 */
export function describePointer(pointer: string, dialect: Dialect, data: unknown): string {
  const parts = pointerParts(pointer);
  if (parts.length === 0) return 'the file';
  const named = namedPlace(parts, dialect, data);
  if (named) return named;
  const last = parts[parts.length - 1];
  const owner = parts.length > 1 ? describePointer(`/${parts.slice(0, -1).map(escapePart).join('/')}`, dialect, data) : undefined;
  const isIndex = /^\d+$/.test(last);
  const self = isIndex ? `item ${Number(last) + 1}` : `\`${last}\``;
  if (!owner || owner === 'the file') return self;
  return isIndex ? `${self} of ${owner}` : `${self} of ${owner}`;
}

function namedPlace(parts: string[], dialect: Dialect, data: unknown): string | undefined {
  const n = parts.length;
  if (dialect === 'github') {
    if (n === 2 && parts[0] === 'jobs') return `job "${parts[1]}"`;
    if (n === 4 && parts[0] === 'jobs' && parts[2] === 'steps' && /^\d+$/.test(parts[3])) return `step ${Number(parts[3]) + 1} of job "${parts[1]}"`;
  } else if (dialect === 'gitlab') {
    if (n === 1 && !GITLAB_KEYWORDS.has(parts[0])) return `job "${parts[0]}"`;
  } else {
    const last = parts[n - 1];
    const container = parts[n - 2];
    if (/^\d+$/.test(last ?? '') && (container === 'stages' || container === 'jobs')) {
      const item = valueAt(data, parts) as Record<string, unknown> | undefined;
      const name = item && typeof item === 'object' ? item.stage ?? item.job ?? item.deployment ?? item.template : undefined;
      const what = container === 'stages' ? 'stage' : item && typeof item === 'object' && 'deployment' in item ? 'deployment job' : 'job';
      return name !== undefined ? `${what} "${String(name)}"` : `${what} ${Number(last) + 1}`;
    }
    if (/^\d+$/.test(last ?? '') && container === 'steps') {
      const owner = n > 2 ? describePointer(`/${parts.slice(0, -2).map(escapePart).join('/')}`, dialect, data) : undefined;
      return `step ${Number(last) + 1}${owner && owner !== 'the file' ? ` of ${owner}` : ''}`;
    }
  }
  return undefined;
}

const GITLAB_KEYWORDS = new Set(['stages', 'variables', 'default', 'include', 'workflow', 'image', 'services', 'cache', 'before_script', 'after_script', 'spec', 'pages']);

function valueAt(data: unknown, parts: string[]): unknown {
  let v = data;
  for (const p of parts) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[p];
  }
  return v;
}

function escapePart(part: string): string {
  return part.replace(/~/g, '~0').replace(/\//g, '~1');
}

// Azure templates expanded the way the pipeline compiler does, as far as the repository tells:
// `- template:` items at stage, job and step level (and `extends: template:`) read relative to the
// including file, their `parameters` bound, and `${{ parameters.x }}`, `${{ if }}`, `${{ each }}`
// and `${{ insert }}` evaluated where what they read is literal. What cannot be decided is left
// as written, so the builder marks it as it does in a single file. The result is a tree of the
// files' own nodes (their ranges in CompositeFiles' coordinates) and new nodes only where a value
// was substituted (placed where the expression is written): the builder reads it without parsing.
import { Pair, Scalar, YAMLMap, YAMLSeq, isMap, isScalar, isSeq, type Node } from 'yaml';
import type { ComposedFile, CompositeFiles } from '../../../compose/compositeSource';
import { resolveProjectPath, type ProjectFiles } from '../../../compose/projectFiles';
import { syntaxCause } from '../../../problems';
import { keyOf, pairOf, rootMap, scalarText, stringAt, valueOf } from '../../../yaml/source';
import { isElseKey, isIfKey, isTemplateExpression } from '../expressions';
import { isTemplateItem } from '../templateItems';
import { UNKNOWN, eachItems, evaluate, textOf, truthy, valueObject, valueOfNode, type Scope, type Unknown, type Value } from './evaluate';

/** Azure's limits on templates (learn.microsoft.com, "Template usage reference: Imposed limits"). */
export const MAX_TEMPLATE_FILES = 100;
export const MAX_TEMPLATE_DEPTH = 20;
/** Beyond Azure's own limits: expansions in one pipeline, so a template fan-out cannot run away. */
export const MAX_EXPANSIONS = 5000;

/** The lists a template file can hold, in the order they are looked for. */
const TEMPLATE_BODIES = ['stages', 'jobs', 'steps', 'variables'];

export interface ExpandContext {
  /** The file the nodes being expanded are written in (template paths are relative to it). */
  file: ComposedFile;
  /** `parameters` and `each` variables; absent names are not known here. */
  scope: Scope;
  /** Templates around this point, the root file first. */
  stack: string[];
}

export interface LocatedProblem {
  /** Composite offset (see CompositeFiles). */
  offset: number;
  message: string;
  severity: 'error' | 'warning';
}

/** A `- template:` item or `extends:` left unexpanded because its file is not here. */
export interface UnreadTemplate {
  path: string;
  missing: boolean;
}

const MARKERS = /\$\{\{|template/g;
const EACH_KEY = /^\$\{\{\s*each\s+([A-Za-z_][A-Za-z0-9_]*)\s+in\s+([\s\S]*?)\s*\}\}$/;
const IF_CONDITION = /^\$\{\{\s*(?:else)?if\s+([\s\S]*?)\s*\}\}$/;
const INSERT_KEY = /^\$\{\{\s*insert\s*\}\}$/;

export class TemplateExpander {
  readonly problems: LocatedProblem[] = [];
  /** Template items (by composite offset of the item) whose file was not read, and why. */
  readonly unread = new Map<number, UnreadTemplate>();
  /**
   * Per entry a template use put in a list, that use; null for a node several uses put there as
   * the same object (a template's unchanged text, shared by every use): no one use is its own.
   */
  readonly uses = new Map<object, TemplateUse | null>();
  /** Every entry `uses` was told of, in order: what a use's nested uses told it is theirs. */
  private readonly usesLog: object[] = [];
  private expansions = 0;
  /** Per file, the composite offsets of every `${{` and `template` (see mayChange). */
  private readonly marks = new Map<ComposedFile, number[]>();
  private tooMany = false;

  constructor(
    private readonly files: CompositeFiles,
    private readonly project: ProjectFiles,
  ) {}

  expand(node: unknown, ctx: ExpandContext): unknown {
    if (isScalar(node)) return this.expandScalar(node, ctx);
    if (isSeq(node)) return this.expandSeq(node as YAMLSeq, ctx);
    if (isMap(node)) return this.expandMap(node as YAMLMap, ctx);
    return node;
  }

  /**
   * `extends: template:` — the template's own root mapping and the context to expand it in, or
   * what could not be read (another repository, a missing file, a limit).
   */
  extendsTemplate(extendsValue: unknown, ctx: ExpandContext): { body: YAMLMap; ctx: ExpandContext } | UnreadTemplate {
    const opened = this.open(extendsValue, ctx);
    if (!('file' in opened)) return opened;
    const { file, path } = opened;
    const root = rootMap(file.src)!;
    const scope = this.bind(root, valueOf(extendsValue, 'parameters'), ctx, extendsValue as Node, path);
    return { body: root, ctx: { file, scope, stack: [...ctx.stack, path] } };
  }

  // -- scalars ------------------------------------------------------------------------------

  private expandScalar(node: Scalar, ctx: ExpandContext): unknown {
    const text = node.value;
    if (typeof text !== 'string' || !text.includes('${{')) return node;
    const whole = wholeExpression(text);
    if (whole !== undefined) {
      const value = evaluate(whole, ctx.scope);
      if (value === UNKNOWN) return node;
      this.substituted(node);
      if (typeof value === 'object' && value !== null && !('fields' in value)) return value;
      // `${{ parameters.after }}` given `after: Build`: the name as written where it is passed,
      // as a list passed is — an edit of the name (a rename) changes it there.
      const passed = whole.includes('parameters.') ? passedScalar(whole, ctx.scope, value) : undefined;
      if (passed) {
        this.files.passed.push({ start: passed.node.range![0], end: passed.node.range![1], parameter: passed.parameter, type: passed.type });
        return passed.node;
      }
      return scalarLike(node, value);
    }
    const substituted = substituteExpressions(text, ctx.scope);
    if (substituted === undefined) return node;
    this.substituted(node);
    return scalarLike(node, substituted);
  }

  /** Records where `node`, whose expressions were evaluated, is written (CompositeFiles.substituted). */
  private substituted(node: Scalar): void {
    const range = node.range;
    if (range) this.files.substituted.push([range[0], range[1]]);
  }

  // -- lists --------------------------------------------------------------------------------

  private expandSeq(seq: YAMLSeq, ctx: ExpandContext): YAMLSeq {
    if (!this.mayChange(seq, ctx)) return seq;
    const out: unknown[] = [];
    // An if/elseif/else chain in a list runs over consecutive items (`- ${{ if }}:`, `- ${{ else }}:`).
    const chain: Chain = { state: undefined };
    for (const item of seq.items) {
      if (!(isMap(item) && isDirectiveBlock(item as YAMLMap))) chain.state = undefined;
      if (isScalar(item) && typeof item.value === 'string' && wholeExpression(item.value) !== undefined) {
        // `- ${{ parameters.stages }}` inserts a list's items.
        const value = this.expandScalar(item, ctx);
        if (isSeq(value)) out.push(...value.items);
        else out.push(value);
      } else if (isMap(item) && isDirectiveBlock(item as YAMLMap)) {
        this.expandDirectives(item as YAMLMap, ctx, out, 'list', chain);
      } else if (isMap(item) && isTemplateItem(item as YAMLMap.Parsed)) {
        const included = this.include(item as YAMLMap, ctx);
        if (included) out.push(...included);
        else out.push(item);
      } else {
        out.push(this.expand(item, ctx));
      }
    }
    return unchanged(seq.items, out) ? seq : withItems(new YAMLSeq(), seq, out);
  }

  // -- mappings -----------------------------------------------------------------------------

  private expandMap(map: YAMLMap, ctx: ExpandContext): YAMLMap {
    if (!this.mayChange(map, ctx)) return map;
    const out: unknown[] = [];
    let run: Pair[] = [];
    const endRun = () => {
      if (run.length > 0) this.expandDirectives(withItems(new YAMLMap(), map, run), ctx, out, 'mapping', { state: undefined });
      run = [];
    };
    for (const pair of map.items as Pair[]) {
      const key = keyOf(pair);
      if (key !== undefined && isDirective(key)) {
        // An if/elseif/else chain runs over consecutive keys: decided together.
        run.push(pair);
        continue;
      }
      endRun();
      if (key !== undefined && isTemplateExpression(key)) {
        // `${{ parameters.name }}: value`: the key is computed.
        out.push(new Pair(this.expandScalar(pair.key as Scalar, ctx), this.expand(pair.value, ctx)));
        continue;
      }
      const value = this.expand(pair.value, ctx);
      out.push(value === pair.value ? pair : new Pair(pair.key, value));
    }
    endRun();
    return unchanged(map.items, out) ? map : withItems(new YAMLMap(), map, out);
  }

  /**
   * The pairs of a `${{ if }}` / `${{ elseif }}` / `${{ else }}` / `${{ each }}` / `${{ insert }}`
   * block, decided where possible: a list gets the chosen items, a mapping the chosen pairs. An
   * undecidable directive is kept (with its content expanded), so the builder marks it.
   */
  private expandDirectives(block: YAMLMap, ctx: ExpandContext, out: unknown[], into: 'list' | 'mapping', chain: Chain): void {
    const emit = (value: unknown, scope: Scope): void => {
      const inner = { ...ctx, scope };
      if (into === 'mapping') {
        const expanded = this.expand(value, inner);
        if (isMap(expanded)) out.push(...expanded.items);
        return;
      }
      if (isSeq(value)) out.push(...this.expandSeq(value as YAMLSeq, inner).items);
      else if (value !== null && value !== undefined) out.push(...this.expandSeq(withItems(new YAMLSeq(), value as Node, [value]), inner).items);
    };
    const keep = (pair: Pair): void => {
      const kept = new Pair(pair.key, this.expand(pair.value, ctx));
      // A kept directive goes into the block before it, if that is one, so a chain stays one.
      const last = out[out.length - 1];
      if (into === 'list' && isMap(last) && keptBlocks.has(last as YAMLMap)) {
        (last as YAMLMap).items.push(kept);
        // The chain's text runs on to this item's end (what an edit moving the list whole takes).
        if (last.range && block.range) last.range = [last.range[0], block.range[1], block.range[2]];
      }
      else if (into === 'list') {
        const fresh = withItems(new YAMLMap(), block, [kept]);
        keptBlocks.add(fresh);
        out.push(fresh);
      } else out.push(kept);
    };
    const decide = (pair: Pair, condition: string | undefined): void => {
      const value = condition === undefined ? UNKNOWN : evaluate(condition, ctx.scope);
      if (value === UNKNOWN) {
        chain.state = 'unknown';
        keep(pair);
      } else if (truthy(value)) {
        chain.state = 'taken';
        emit(pair.value, ctx.scope);
      } else chain.state = 'open';
    };
    for (const pair of block.items as Pair[]) {
      const key = keyOf(pair) ?? '';
      if (isIfKey(key)) {
        decide(pair, IF_CONDITION.exec(key)?.[1]);
        continue;
      }
      if (isElseKey(key)) {
        const plainElse = /^\$\{\{\s*else\s*\}\}$/.test(key);
        if (chain.state === 'open') {
          if (plainElse) emit(pair.value, ctx.scope);
          else decide(pair, IF_CONDITION.exec(key)?.[1]);
        } else if (chain.state !== 'taken') keep(pair);
        if (plainElse) chain.state = undefined;
        continue;
      }
      chain.state = undefined;
      const each = EACH_KEY.exec(key);
      if (each) {
        const over = evaluate(each[2], ctx.scope);
        const items = over === UNKNOWN ? undefined : eachItems(over);
        if (!items) {
          keep(pair);
          continue;
        }
        for (const item of items) emit(pair.value, withBinding(ctx.scope, each[1], item));
        continue;
      }
      if (INSERT_KEY.test(key) && into === 'mapping') {
        const inserted = this.expand(pair.value, ctx);
        if (isMap(inserted)) out.push(...inserted.items);
        else keep(pair);
        continue;
      }
      keep(pair);
    }
  }

  // -- templates ----------------------------------------------------------------------------

  /** The items a `- template:` item stands for, or undefined to draw it as a read-only node. */
  private include(item: YAMLMap, ctx: ExpandContext): unknown[] | undefined {
    const opened = this.open(item, ctx);
    if (!('file' in opened)) {
      if (opened.path !== '') this.unread.set((item as Node).range?.[0] ?? 0, opened);
      return undefined;
    }
    const { file, path } = opened;
    const root = rootMap(file.src)!;
    const body = TEMPLATE_BODIES.map((k) => pairOf(root, k)).find((p) => p !== undefined);
    if (!body) {
      this.problem(item, `template ${path} has no stages, jobs, steps or variables to insert`, 'error');
      return undefined;
    }
    const scope = this.bind(root, valueOf(item, 'parameters'), ctx, item, path);
    const mark = this.usesLog.length;
    const expanded = this.expand(body.value, { file, scope, stack: [...ctx.stack, path] });
    if (isSeq(expanded)) {
      // An entry a template this one uses put there is that use's (the innermost); one another
      // use put there too, as the same node, is no one use's own.
      const nested = new Set(this.usesLog.slice(mark));
      for (const entry of expanded.items) {
        if (!isMap(entry) || nested.has(entry)) continue;
        this.uses.set(entry, this.uses.has(entry) ? null : { item, entries: expanded.items.length });
        this.usesLog.push(entry);
      }
      return expanded.items;
    }
    if (expanded === null || expanded === undefined || (isScalar(expanded) && expanded.value === null)) return [];
    return undefined;
  }

  /**
   * The template file a `template:` key names, read and parsed; or why it is not: another
   * repository (`path` empty: nothing to report), a missing file, a cycle, a limit.
   */
  private open(holder: unknown, ctx: ExpandContext): { file: ComposedFile; path: string } | UnreadTemplate {
    const pathNode = valueOf(holder, 'template');
    const written = this.expand(pathNode, ctx);
    const text = scalarText(written)?.trim();
    if (text === undefined || text === '' || isTemplateExpression(text)) return { path: '', missing: false };
    const at = text.lastIndexOf('@');
    const repository = at >= 0 ? text.slice(at + 1) : undefined;
    if (repository !== undefined && repository !== 'self') return { path: '', missing: false };
    const reference = at >= 0 ? text.slice(0, at) : text;
    const where = pathNode ?? holder;
    if (++this.expansions > MAX_EXPANSIONS) {
      if (!this.tooMany) this.problem(where, `more than ${MAX_EXPANSIONS} template expansions: the rest is drawn unexpanded`, 'error');
      this.tooMany = true;
      return { path: '', missing: false };
    }
    const path = resolveProjectPath(ctx.file.path, reference);
    if (path === undefined) {
      this.problem(where, `template path ${reference} leads out of the repository`, 'error');
      return { path: reference, missing: true };
    }
    if (ctx.stack.includes(path)) {
      this.problem(where, `template cycle: ${[...ctx.stack, path].join(' → ')}`, 'error');
      return { path, missing: false };
    }
    if (ctx.stack.length > MAX_TEMPLATE_DEPTH) {
      this.problem(where, `templates nest more than ${MAX_TEMPLATE_DEPTH} levels deep (Azure's limit); ${path} is not expanded`, 'error');
      return { path, missing: false };
    }
    let file = this.files.get(path);
    if (!file) {
      if (this.files.files.length >= MAX_TEMPLATE_FILES) {
        this.problem(where, `more than ${MAX_TEMPLATE_FILES} files (Azure's limit on templates, counted with the pipeline's own file); ${path} is not read`, 'error');
        return { path, missing: false };
      }
      const text = this.project.readFile(path);
      if (text === undefined) {
        this.problem(where, `template file ${path} not found in the repository`, 'error');
        return { path, missing: true };
      }
      file = this.files.add(path, text);
    }
    const syntax = syntaxCause(file.src.problems);
    if (syntax) {
      this.problem(where, `template ${path} is not valid YAML: ${syntax.message} (line ${syntax.line})`, 'error');
      return { path, missing: false };
    }
    if (!rootMap(file.src)) {
      this.problem(where, `template ${path} is not a mapping (parameters:, stages:, jobs:, steps:)`, 'error');
      return { path, missing: false };
    }
    return { file, path };
  }

  /**
   * The template's parameters: each declared one takes the value passed (expanded where it is
   * written), else its default; a value that is not known here is UNKNOWN.
   */
  private bind(templateRoot: YAMLMap, passed: unknown, ctx: ExpandContext, at: Node, path: string): Scope {
    const given = isMap(passed) ? (this.expand(passed, ctx) as YAMLMap) : undefined;
    const values = new Map<string, Value | Unknown>();
    const scalars = new Map<string, PassedScalar>();
    const declared = valueOf(templateRoot, 'parameters');
    const givenValue = (name: string, type?: string): Value | Unknown | undefined => {
      const pair = pairOf(given, name);
      if (isScalar(pair?.value) && pair.value.range) scalars.set(name, { node: pair.value, parameter: name, type });
      return pair ? bindingValue(pair.value) : undefined;
    };
    if (isSeq(declared)) {
      for (const item of declared.items) {
        const name = stringAt(item, 'name');
        if (name === undefined) continue;
        // Azure's default type is string.
        const value = givenValue(name, stringAt(item, 'type') ?? 'string');
        if (value !== undefined) values.set(name, value);
        else if (pairOf(item, 'default')) values.set(name, bindingValue(valueOf(item, 'default')));
        else {
          values.set(name, UNKNOWN);
          this.problem(at, `template ${path} needs a value for its parameter "${name}"`, 'warning');
        }
      }
      for (const pair of (given?.items ?? []) as Pair[]) {
        const name = keyOf(pair);
        if (name !== undefined && !values.has(name)) this.problem(pair.key as Node, `template ${path} has no parameter "${name}"`, 'warning');
      }
    } else {
      // The old form (`parameters: {name: default}`) or none: what is passed is what there is.
      for (const pair of (isMap(declared) ? declared.items : []) as Pair[]) {
        const name = keyOf(pair);
        if (name !== undefined) values.set(name, givenValue(name) ?? bindingValue(pair.value));
      }
      for (const pair of (given?.items ?? []) as Pair[]) {
        const name = keyOf(pair);
        if (name !== undefined && !values.has(name)) values.set(name, bindingValue(pair.value));
      }
    }
    const parameters = valueObject(values);
    PASSED_SCALARS.set(parameters, scalars);
    return new Map([['parameters', parameters]]);
  }

  /** Nothing to do in a node whose text holds no `${{` and no `template:` item. */
  private mayChange(node: Node, ctx: ExpandContext): boolean {
    const range = node.range;
    if (!range) return true;
    let marks = this.marks.get(ctx.file);
    if (!marks) {
      // Found once per file: a search per node from its start would read the rest of the file.
      marks = [];
      const text = ctx.file.src.text;
      // `test`, not `exec`: no match array per find. A match is `${{` (ending in `{`) or `template`.
      MARKERS.lastIndex = 0;
      while (MARKERS.test(text)) marks.push(MARKERS.lastIndex - (text.charCodeAt(MARKERS.lastIndex - 1) === 123 ? 3 : 8) + ctx.file.base);
      MARKERS.lastIndex = 0;
      this.marks.set(ctx.file, marks);
    }
    let low = 0;
    let high = marks.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (marks[mid] < range[0]) low = mid + 1;
      else high = mid;
    }
    return low < marks.length && marks[low] < range[2];
  }

  private problem(at: unknown, message: string, severity: 'error' | 'warning'): void {
    this.problems.push({ offset: (at as Node | null | undefined)?.range?.[0] ?? 0, message, severity });
  }
}

const keptBlocks = new WeakSet<YAMLMap>();

/** The `- template:` item a list entry was expanded from, and how many entries that use put in the list. */
export interface TemplateUse {
  item: YAMLMap;
  entries: number;
}

/** Per composite source, the uses its composition recorded (TemplateExpander.uses). */
const USES_OF_SOURCE = new WeakMap<object, TemplateExpander['uses']>();

export function recordTemplateUses(composite: object, expander: TemplateExpander): void {
  USES_OF_SOURCE.set(composite, expander.uses);
}

/** The one `- template:` use that put `entry` in its list in the composite `composite`. */
export function templateUseOf(composite: object, entry: object): TemplateUse | undefined {
  return USES_OF_SOURCE.get(composite)?.get(entry) ?? undefined;
}

/** Where an if/elseif/else chain stands: a branch taken, all false so far, or undecidable. */
interface Chain {
  state: 'taken' | 'open' | 'unknown' | undefined;
}

function isDirective(key: string): boolean {
  return isIfKey(key) || isElseKey(key) || EACH_KEY.test(key) || INSERT_KEY.test(key);
}

/** A list item made only of `${{ }}` keys (walkList's blocks). */
function isDirectiveBlock(map: YAMLMap): boolean {
  return map.items.length > 0 && map.items.every((p) => {
    const key = keyOf(p);
    return key !== undefined && isTemplateExpression(key);
  });
}

/**
 * `text` with each `${{ … }}` in it (up to the first `}}`) replaced by its value as text; undefined
 * as soon as one is not known here. A search, not a regular expression with a replacer: this runs
 * for every templated value of every expansion (in a template's inline scripts, a dozen a scalar)
 * and the replacer was the largest single line of composing azure-dvonna.
 */
function substituteExpressions(text: string, scope: Scope): string | undefined {
  let out = '';
  let from = 0;
  for (let open = text.indexOf('${{'); open >= 0; open = text.indexOf('${{', from)) {
    const close = text.indexOf('}}', open + 3);
    if (close < 0) break;
    const value = evaluate(text.slice(open + 3, close), scope);
    const part = value === UNKNOWN ? undefined : textOf(value);
    if (part === undefined) return undefined;
    out += text.slice(from, open) + part;
    from = close + 2;
  }
  return out + text.slice(from);
}

/** A scalar passed to a template's parameter, as written where it is passed. */
interface PassedScalar {
  node: Scalar;
  parameter: string;
  /** The parameter's declared type (`string` when declared without one); undefined in the old form. */
  type: string | undefined;
}

/** Per template use (its `parameters` object): the scalars passed to it. */
const PASSED_SCALARS = new WeakMap<object, ReadonlyMap<string, PassedScalar>>();

/** The scalar passed where `expression` is just `parameters.NAME` and evaluates to what was passed. */
function passedScalar(expression: string, scope: Scope, value: Value): PassedScalar | undefined {
  const name = /^\s*parameters\.([A-Za-z_][A-Za-z0-9_-]*)\s*$/.exec(expression)?.[1];
  const parameters = scope.get('parameters');
  if (name === undefined || typeof parameters !== 'object' || parameters === null) return undefined;
  const passed = PASSED_SCALARS.get(parameters)?.get(name);
  return passed && valueOfNode(passed.node) === value ? passed : undefined;
}

/** The expression of a text that is exactly one `${{ … }}`. */
function wholeExpression(text: string): string | undefined {
  const m = /^\s*\$\{\{([\s\S]*)\}\}\s*$/.exec(text);
  if (!m || m[1].includes('}}')) return undefined;
  return m[1];
}

/** A passed value as the template sees it: text still holding `${{ }}` is not known here. */
function bindingValue(node: unknown): Value | Unknown {
  if (isScalar(node) && typeof node.value === 'string' && node.value.includes('${{')) return UNKNOWN;
  return valueOfNode(node);
}

function withBinding(scope: Scope, name: string, value: Value | Unknown): Scope {
  const next = new Map(scope);
  next.set(name, value);
  return next;
}

/** A new scalar standing where `node` is written. */
function scalarLike(node: Scalar, value: Value): Scalar {
  const scalar = new Scalar(value);
  scalar.range = node.range ? [...node.range] : undefined;
  return scalar;
}

/**
 * Whether expanding a collection changed none of its items: then it is kept as it is. A text
 * that mentions `${{` or `template` often holds nothing decided here (an expression reading a
 * variable, a script naming a template): a copy would cost an allocation per node and change nothing.
 */
function unchanged(items: readonly unknown[], out: readonly unknown[]): boolean {
  if (items.length !== out.length) return false;
  for (let i = 0; i < items.length; i++) if (items[i] !== out[i]) return false;
  return true;
}

/** A new collection with `items`, standing where `like` is written. */
function withItems<T extends YAMLMap | YAMLSeq>(into: T, like: Node, items: unknown[]): T {
  into.items = items as never;
  into.range = like.range ? [...like.range] : undefined;
  if ((isMap(like) || isSeq(like)) && like.flow) into.flow = true;
  return into;
}

// Read-only access to a parsed pipeline file: positions, typed lookups, and detection of the
// constructs the designer must not rewrite. Every dialect reads the YAML through this module.
import {
  Document,
  LineCounter,
  type Alias,
  isAlias,
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseAllDocuments,
  Schema,
  visit,
  type DocumentOptions,
  type Node,
  type Pair,
  type ParseOptions,
  type SchemaOptions,
  type Tags,
  type ParsedNode,
  type YAMLMap,
} from 'yaml';
import type { GraphProblem, LineRange, OpaqueMark } from '../model';
import { parseBlockYaml } from './blockParse';

export interface YamlSource {
  text: string;
  /** The document that holds the pipeline (GitLab components put a `spec:` header first). */
  doc: Document.Parsed;
  /** Every document in the file, in order. */
  docs: Document.Parsed[];
  lineCounter: LineCounter;
  /** YAML syntax errors and warnings, positioned. */
  problems: GraphProblem[];
  /** Memo for mayHoldOpaqueSyntax: ascending offsets of `&`, `*`, `!`, `\`, `<<`, `${{`. */
  opaqueSyntaxOffsets?: number[];
  /**
   * A composite of several files (compose/compositeSource.ts): each file's own source and where
   * it starts in `text`, one line break after the one before. The readers here read a file's
   * text through them, so that the composite's `text` is only built when something asks for it.
   */
  parts?: readonly SourcePart[];
  /** Memo for aliasTarget: every alias of `doc` and the node it names (absent in a composite). */
  aliases?: AliasIndex;
}

export interface SourcePart {
  src: YamlSource;
  /** Where the part's text starts in the composite's. */
  base: number;
}

// GitLab's `!reference [job, key]` and Azure/GitHub files never need YAML 1.1 booleans; the core
// schema keeps `on:` a string. `!reference` is declared so it parses as the sequence it is.
const referenceTag = {
  tag: '!reference',
  collection: 'seq' as const,
  resolve: (value: unknown) => value,
};

/**
 * The core schema resolves an untagged plain scalar by trying its tags' patterns in turn (null,
 * bool, three integer and three float forms): eight regular expressions for every key and value.
 * Each of those forms starts with `~`, `n`/`N`, `t`/`T`, `f`/`F`, a digit, a sign or `.` (and the
 * empty scalar is null); a scalar starting with anything else is a string whatever follows, which
 * is most keys and values of a pipeline. This tag, tried first, says so with one test. It only
 * resolves (no `identify`), so nothing is written differently. Equivalence with the core schema
 * over the corpus: test/core/yamlSource.test.ts.
 */
const plainString = {
  tag: 'tag:yaml.org,2002:str',
  default: true as const,
  test: /^[^~NnTtFf0-9+\-.]/,
  resolve: (value: string) => value,
};

// The tags of YAML 1.2's core schema; a `%YAML 1.1` document gets others (`yes`, `on`, `<<`,
// timestamps), for which a leading letter says nothing: the shortcut is for the core schema only.
const CORE_TAGS = new Set(['map', 'seq', 'str', 'null', 'bool', 'int', 'float'].map((t) => `tag:yaml.org,2002:${t}`));

const PARSE_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  prettyErrors: false,
  customTags: (tags: Tags) => {
    const core = tags.every((t) => typeof t !== 'string' && CORE_TAGS.has(t.tag));
    return [...(core ? [plainString] : []), ...tags, referenceTag];
  },
  uniqueKeys: true,
};

// yaml builds a Schema (its tag list, from customTags) for every document it parses; one schema
// built once serves every parse instead. It is the schema yaml builds for a YAML 1.2 document with
// these options, and nothing changes a schema once built. A file with a `%YAML` directive gets
// its own, as before: a 1.1 document needs the 1.1 schema. Measured in instructions executed
// (valgrind, the parse of a fixture's files in a loop): 2.5-6 % fewer for dns-updater's three
// small files (two runs each way; valgrind's counts of this JIT-compiled loop move 3 % between
// runs), 0.8 % for functions-python-worker's larger ones (one run).
let coreSchema: Schema | undefined;

function parseOptions(text: string, lineCounter: LineCounter): ParseOptions & DocumentOptions & SchemaOptions {
  if (text.includes('%YAML')) return { ...PARSE_OPTIONS, lineCounter };
  coreSchema ??= new Schema({ ...PARSE_OPTIONS, resolveKnownTags: true, schema: 'core' });
  return { ...PARSE_OPTIONS, lineCounter, schema: coreSchema };
}

/** The documents `yaml` parses `text` into, read as every pipeline file is read. */
export function parseWithYaml(text: string, lineCounter: LineCounter): Document.Parsed[] {
  const docs = parseAllDocuments(text, parseOptions(text, lineCounter));
  return Array.isArray(docs) ? docs : [];
}

/**
 * The document `parseWithYaml` would give for a file of plain block YAML, parsed without
 * `yaml`'s syntax tree (blockParse.ts); undefined for any other file.
 */
export function parseBlockDocument(text: string, lineCounter: LineCounter): Document.Parsed | undefined {
  // A `%YAML` document gets no shared schema (parseOptions): yaml reads it with its own.
  const options = parseOptions(text, lineCounter);
  if (!options.schema) return undefined;
  const parsed = parseBlockYaml(text, options, options.schema as Schema);
  if (!parsed) return undefined;
  for (const start of parsed.lineStarts) lineCounter.addNewLine(start);
  return parsed.doc;
}

export function parseYamlSource(text: string): YamlSource {
  const lineCounter = new LineCounter();
  const block = parseBlockDocument(text, lineCounter);
  const list = block ? [block] : parseWithYaml(text, lineCounter);
  const problems: GraphProblem[] = [];
  const toProblem = (
    e: { message: string; pos: [number, number] },
    severity: 'error' | 'warning',
  ): GraphProblem => {
    const { line, col } = lineCounter.linePos(e.pos[0]);
    return {
      message: firstLine(e.message),
      line: Math.max(1, line),
      column: Math.max(1, col),
      severity,
      source: 'syntax',
    };
  };
  for (const d of list) {
    for (const e of d.errors) {
      // A repeated key is valid YAML syntax-wise for the parsers CI services use (GitLab keeps the
      // last); it must not blank the graph like a real syntax error. parse.ts sets its severity.
      if (e.code === 'DUPLICATE_KEY') {
        const { line, column } = positionAt({ lineCounter } as YamlSource, e.pos[0]);
        const key = /^[^:\n]*/.exec(text.slice(e.pos[0], e.pos[0] + 200))![0].trim();
        problems.push({
          message: `duplicate key "${key}": it is already defined in the same mapping`,
          line,
          column,
          severity: 'error',
          source: 'structure',
          code: 'duplicate-key',
        });
        continue;
      }
      problems.push(unclosedProblem(text, d, lineCounter, e) ?? toProblem(e, 'error'));
    }
    for (const w of d.warnings) problems.push(toProblem(w, 'warning'));
  }
  const doc = pickPipelineDocument(list) ?? new Document() as Document.Parsed;
  // Every field from the start (the memos undefined): sources read in the hottest loops keep one shape.
  return { text, doc, docs: list, lineCounter, problems, opaqueSyntaxOffsets: undefined, aliases: undefined };
}

/**
 * The parser reports a missing closing quote or bracket where the string or flow collection it
 * swallowed ends, often the end of the file; the mistake is where it opens. Finds the quoted
 * scalar or flow collection that ends at the reported offset and, when it is indeed unclosed,
 * reports its opening character instead. Undefined otherwise (the parser's report stands).
 */
function unclosedProblem(
  text: string,
  doc: Document.Parsed,
  lineCounter: LineCounter,
  error: { code: string; message: string; pos: [number, number] },
): GraphProblem | undefined {
  const end = error.pos[0];
  const quote = error.code === 'MISSING_CHAR' && /closing .?quote/.test(error.message);
  const flow = error.code === 'BAD_INDENT' && /^Flow (sequence|map)/.test(error.message);
  if (!quote && !flow) return undefined;
  let opened: { at: number; what: string; closer: string } | undefined;
  const ends = (node: Node) => node.range?.[1] === end;
  visit(doc, {
    Scalar(_key, node) {
      if (quote && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && ends(node)) {
        opened = { at: node.range![0], what: 'string', closer: text[node.range![0]] };
        return visit.BREAK;
      }
      return undefined;
    },
    Seq(_key, node) {
      if (flow && node.flow && ends(node) && !closedAt(text, end, ']') && !closerOnLineAt(text, end, ']')) {
        opened = { at: node.range![0], what: 'list', closer: ']' };
        return visit.BREAK;
      }
      return undefined;
    },
    Map(_key, node) {
      if (flow && node.flow && ends(node) && !closedAt(text, end, '}') && !closerOnLineAt(text, end, '}')) {
        opened = { at: node.range![0], what: 'mapping', closer: '}' };
        return visit.BREAK;
      }
      return undefined;
    },
  });
  if (!opened) return undefined;
  const at = lineCounter.linePos(opened.at);
  const runsTo = lineCounter.linePos(Math.max(opened.at, lastContentBefore(text, end))).line;
  const message =
    runsTo > at.line
      ? `missing closing ${opened.closer}: the ${opened.what} opened here runs on to line ${runsTo}`
      : `missing closing ${opened.closer}: the ${opened.what} opened here is never closed`;
  return { message, line: Math.max(1, at.line), column: Math.max(1, at.col), severity: 'error', source: 'syntax', code: 'unclosed' };
}

/** Whether the last character before `end`, past whitespace and line breaks, is `closer`. */
function closedAt(text: string, end: number, closer: string): boolean {
  return text[lastContentBefore(text, end)] === closer;
}

/** Whether the line the parser stopped at holds the closer: then the collection is only indented too little. */
function closerOnLineAt(text: string, end: number, closer: string): boolean {
  const lineEnd = text.indexOf('\n', end);
  return text.slice(end, lineEnd < 0 ? text.length : lineEnd).includes(closer);
}

/** The offset of the last character before `end` that is not whitespace or a line break. */
function lastContentBefore(text: string, end: number): number {
  let i = end - 1;
  while (i > 0 && /\s/.test(text[i])) i--;
  return i;
}

function firstLine(message: string): string {
  const i = message.indexOf('\n');
  return (i < 0 ? message : message.slice(0, i)).trim();
}

/** The pipeline is the last document whose root is a mapping that is more than a `spec:` header. */
function pickPipelineDocument(docs: Document.Parsed[]): Document.Parsed | undefined {
  for (let i = docs.length - 1; i >= 0; i--) {
    const root = docs[i].contents;
    if (isMap(root) && !(root.items.length === 1 && keyOf(root.items[0]) === 'spec')) return docs[i];
  }
  return docs[0];
}

/** 1-based line and column of a byte offset. */
export function positionAt(src: YamlSource, offset: number): { line: number; column: number } {
  const { line, col } = src.lineCounter.linePos(offset);
  return { line: Math.max(1, line), column: Math.max(1, col) };
}

/** The string form of a pair's key, or undefined for non-scalar keys. */
export function keyOf(pair: Pair<unknown, unknown>): string | undefined {
  const k = pair.key;
  if (isScalar(k)) return k.value === null || k.value === undefined ? '' : String(k.value);
  return undefined;
}

export function rootMap(src: YamlSource): YAMLMap.Parsed | undefined {
  const c = src.doc.contents;
  return isMap(c) ? (c as YAMLMap.Parsed) : undefined;
}

/** The pair with this key in a mapping node (the node itself may be anything). */
export function pairOf(node: unknown, key: string): Pair<ParsedNode, ParsedNode | null> | undefined {
  if (!isMap(node)) return undefined;
  // The dialects look keys up many times per job: compare a string key directly and leave
  // keyOf's conversion to the rare keys that are numbers, booleans or empty.
  const items = node.items;
  for (let i = 0; i < items.length; i++) {
    const k = items[i].key;
    if (!isScalar(k)) continue;
    const v = k.value;
    if (typeof v === 'string' ? v === key : keyOf(items[i]) === key) return items[i] as Pair<ParsedNode, ParsedNode | null>;
  }
  return undefined;
}

/** The value node under this key, or undefined. */
export function valueOf(node: unknown, key: string): ParsedNode | undefined {
  const p = pairOf(node, key);
  return p?.value ?? undefined;
}

/** A scalar's value as a string (numbers and booleans as written), else undefined. */
export function scalarText(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  if (node.value === null || node.value === undefined) return undefined;
  return typeof node.value === 'string' ? node.value : String(node.value);
}

/** A string value under a key, or undefined. */
export function stringAt(node: unknown, key: string): string | undefined {
  return scalarText(valueOf(node, key));
}

export interface PositionedString {
  value: string;
  offset: number;
}

/**
 * A scalar-or-list of names (GitHub `needs`, Azure `dependsOn`). Items that are not scalars are
 * returned through `other` so the caller can handle dialect forms (GitLab `{job: a}`).
 */
export function stringList(node: unknown): { items: PositionedString[]; other: ParsedNode[] } {
  const result = { items: [] as PositionedString[], other: [] as ParsedNode[] };
  if (isSeq(node)) for (const it of node.items) addListItem(it, result);
  else if (node !== undefined && node !== null) addListItem(node, result);
  return result;
}

// A function of its own, not a closure made per call: stringList runs for every job's needs.
function addListItem(n: unknown, into: { items: PositionedString[]; other: ParsedNode[] }): void {
  const s = scalarText(n);
  if (s !== undefined && isScalar(n)) into.items.push({ value: s, offset: n.range?.[0] ?? 0 });
  else if (isCollection(n) || isAlias(n)) into.other.push(n as ParsedNode);
}

/** Start of a pair (its key) and end of its value, as offsets and 1-based lines. */
export function pairSpan(src: YamlSource, pair: Pair<unknown, unknown>): { offsets: [number, number]; range: LineRange } {
  const key = pair.key as Node | null;
  const value = pair.value as Node | null;
  const start = key?.range?.[0] ?? value?.range?.[0] ?? 0;
  const end = valueEnd(src, value?.range?.[1] ?? key?.range?.[1] ?? start);
  return { offsets: [start, end], range: lineRangeOf(src, start, end) };
}

/** Span of any node (e.g. an Azure `- stage:` list item). */
export function nodeSpan(src: YamlSource, node: Node): { offsets: [number, number]; range: LineRange } {
  const start = node.range?.[0] ?? 0;
  const end = valueEnd(src, node.range?.[1] ?? start);
  return { offsets: [start, end], range: lineRangeOf(src, start, end) };
}

// A block collection's value-end can sit after its trailing newline; back up over whitespace so
// the last line is the last line holding content.
function valueEnd(src: YamlSource, end: number): number {
  const e = Math.min(end, textLength(src));
  const part = partOf(src, e - 1);
  const text = part === undefined ? src.text : part.src.text;
  const base = part === undefined ? 0 : part.base;
  // Not past the file's text: a file without a final line break is held with one in a composite.
  let i = Math.min(e - base, text.length);
  while (i > 0) {
    const c = text.charCodeAt(i - 1);
    if (c !== 10 && c !== 13 && c !== 32 && c !== 9) break;
    i--;
  }
  // At the start of a file of a composite: the line break before it, and on into the file before.
  return i === 0 && base > 0 ? valueEnd(src, base - 1) : i + base;
}

/**
 * Where a name a reference does not find was looked for, as a message says it: the file, or in a
 * composite of several files every one of them (GitLab and Azure resolve names across them).
 */
export function lookedIn(src: YamlSource): string {
  return src.parts !== undefined && src.parts.length > 1 ? `any of the ${src.parts.length} files read` : 'this file';
}

/** The length of the source's text (a composite's without building it). */
export function textLength(src: YamlSource): number {
  const parts = src.parts;
  if (parts === undefined) return src.text.length;
  const last = parts[parts.length - 1];
  return last === undefined ? 0 : last.base + last.src.text.length;
}

/**
 * The composite's file `offset` falls in; undefined for a source of one file, read as it is.
 * A composite's whole text is not built to be read here: building a string of 64K characters or
 * more took 0.6 ms on this project's test machine (8 µs at 60K), a twentieth of composing a
 * 20-template Azure pipeline. No object is made for a single file: this runs for every job on
 * every parse.
 */
function partOf(src: YamlSource, offset: number): SourcePart | undefined {
  const parts = src.parts;
  if (parts === undefined) return undefined;
  // Before the first file (offset -1, when reading back from 0): the first file; an empty
  // composite reads as an empty file.
  return partAt(parts, offset) ?? parts[0] ?? EMPTY_PART;
}

const EMPTY_PART: SourcePart = { src: { text: '' } as YamlSource, base: 0 };

/**
 * "line N" of `offset`, for a message: in a composite, the line in the file that holds it, and
 * that file's path when it is not the one the user is looking at: the one holding `home` (the
 * file being edited, PlanContext.home), the root by default.
 */
export function lineWhere(src: YamlSource, offset: number, home = 0): string {
  const part = src.parts === undefined ? undefined : partAt(src.parts, offset);
  if (part === undefined) return `line ${positionAt(src, offset).line}`;
  const line = positionAt(part.src, offset - part.base).line;
  const path = otherFileAt(src, offset, home);
  return path === undefined ? `line ${line}` : `line ${line} of \`${path}\``;
}

/**
 * The path of the file holding `offset` in a composite when it is not the one holding `home`
 * (the file being edited: the root unless said); undefined in a file of its own or that one.
 */
export function otherFileAt(src: YamlSource, offset: number, home = 0): string | undefined {
  const part = src.parts === undefined ? undefined : partAt(src.parts, offset);
  if (part === undefined || part === (partAt(src.parts!, home) ?? src.parts![0])) return undefined;
  return (part as { path?: string }).path;
}

/**
 * Where the file holding `offset` starts and ends in `src`'s text: the whole text, unless `src`
 * is a composite. A file without a final line break ends after the one the composite holds for
 * it (compose/compositeSource.ts), unless it is the last.
 */
export function fileBounds(src: YamlSource, offset: number): [number, number] {
  const parts = src.parts;
  const i = parts === undefined ? -1 : partIndexAt(parts, offset);
  if (i < 0) return [0, textLength(src)];
  const part = parts![i];
  const next = parts![i + 1];
  return [part.base, next === undefined ? part.base + part.src.text.length : next.base - 1];
}

/** The last part starting at or before `offset` (undefined before the first). */
export function partAt<T extends SourcePart>(parts: readonly T[], offset: number): T | undefined {
  const i = partIndexAt(parts, offset);
  return i < 0 ? undefined : parts[i];
}

function partIndexAt(parts: readonly SourcePart[], offset: number): number {
  let low = 0;
  let high = parts.length - 1;
  if (high < 0 || offset < parts[0].base) return -1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (parts[mid].base <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

export function lineRangeOf(src: YamlSource, start: number, end: number): LineRange {
  const startLine = positionAt(src, start).line;
  const endLine = positionAt(src, Math.max(start, end - 1)).line;
  return { startLine, endLine: Math.max(startLine, endLine) };
}

/**
 * Opaque constructs inside a subtree: anchors others may alias, aliases, `<<` merges,
 * `!reference` tags, and `${{ }}` template expressions used as keys.
 */
export function opaqueMarksIn(node: unknown, src?: YamlSource): OpaqueMark[] {
  const marks: OpaqueMark[] = [];
  if (!node || typeof node !== 'object') return marks;
  if (src !== undefined && (isScalar(node) || isCollection(node)) && !mayHoldOpaqueSyntax(src, node)) {
    // Nothing written inside the node can be opaque; only its own properties, which may be
    // written before its range (`key: &a` + a block mapping on the next lines), remain.
    if (node.anchor) marks.push('anchor');
    if (node.tag === '!reference') marks.push('reference');
    return marks;
  }
  collectOpaqueMarks(node, marks);
  return marks;
}

/**
 * False only when the text of a node holds none of the characters an opaque construct is written
 * with: `&` (anchor), `*` (alias), `!` (tag), `<<` (merge key), `${{` (template expression) or
 * `\` (an escape in a double-quoted key could spell either of the last two). The text looked at
 * runs from the start of the node's first line, because a block mapping's range starts at its
 * first key, after that key's own properties (`&k key: v`), to the end of its range. Most jobs
 * hold none of these characters, and this check is far cheaper than walking their nodes.
 */
export function mayHoldOpaqueSyntax(src: YamlSource, node: Node): boolean {
  const range = node.range;
  if (!range) return true;
  const offsets = opaqueSyntaxOffsets(src);
  // The first candidate at or after the node's start, by binary search.
  let lo = 0;
  let hi = offsets.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (offsets[mid] < range[0]) lo = mid + 1;
    else hi = mid;
  }
  if (lo < offsets.length && offsets[lo] < range[2]) return true;
  // Else the candidate just before the start counts when it is on the node's first line. Read
  // back to it or to a line break, whichever comes first: a search of the whole text for the
  // line's start (lastIndexOf) is a runtime call, and this runs for every job of a composed file.
  if (lo === 0) return false;
  const before = offsets[lo - 1];
  // In a composite the node's first line is in its file's text (the line break before a file
  // ends the search there).
  const part = partOf(src, range[0] - 1);
  const text = part === undefined ? src.text : part.src.text;
  const base = part === undefined ? 0 : part.base;
  let i = range[0] - 1 - base;
  const stop = before - base;
  while (i >= stop && i >= 0 && text.charCodeAt(i) !== 10) i--;
  return i < stop;
}

// Lookaheads, so that every start of `<<` and `${{` is found (`<<<` holds two).
const OPAQUE_SYNTAX = /[&*!\\]|<(?=<)|\$(?=\{\{)/g;

// Found once per parsed text, on first use, and kept on the source (see YamlSource).
function opaqueSyntaxOffsets(src: YamlSource): number[] {
  if (src.opaqueSyntaxOffsets === undefined && src.parts !== undefined) {
    // A composite's: each file's own (kept with its parse), moved to where the file starts. No
    // construct spans two files: the line break between them ends every one.
    const found: number[] = [];
    for (const part of src.parts) for (const offset of opaqueSyntaxOffsets(part.src)) found.push(offset + part.base);
    src.opaqueSyntaxOffsets = found;
  }
  if (src.opaqueSyntaxOffsets === undefined) {
    const found: number[] = [];
    // `test`, not `exec`: no match array per find. Every match is one character (the rest is
    // lookahead), so it starts just before lastIndex.
    const re = OPAQUE_SYNTAX;
    re.lastIndex = 0;
    while (re.test(src.text)) found.push(re.lastIndex - 1);
    re.lastIndex = 0;
    src.opaqueSyntaxOffsets = found;
  }
  return src.opaqueSyntaxOffsets;
}

// Runs over every job subtree on each parse, so it is a plain recursive walk rather than
// `visit` (whose per-node path arrays and visitor dispatch cost more than the parse of a job).
// It visits in `visit`'s order — a pair, then its key, then its value; a node before its
// items — because the order marks are found in is the order they are listed in.
function collectOpaqueMarks(node: unknown, marks: OpaqueMark[]): void {
  if (node === null || typeof node !== 'object') return;
  if (isPair(node)) {
    const k = keyOf(node);
    if (k === '<<') addMark(marks, 'merge');
    else if (k !== undefined && k.includes('${{')) addMark(marks, 'template-expression');
    collectOpaqueMarks(node.key, marks);
    collectOpaqueMarks(node.value, marks);
    return;
  }
  if (isAlias(node)) {
    addMark(marks, 'alias');
    return;
  }
  if (!isScalar(node) && !isCollection(node)) return;
  if (node.anchor) addMark(marks, 'anchor');
  if (node.tag === '!reference') addMark(marks, 'reference');
  if (isCollection(node)) {
    const items = node.items;
    for (let i = 0; i < items.length; i++) collectOpaqueMarks(items[i], marks);
  }
}

function addMark(marks: OpaqueMark[], mark: OpaqueMark): void {
  if (!marks.includes(mark)) marks.push(mark);
}

/**
 * What an alias stands for, as `Alias.resolve(doc)` finds it: the last node before the alias, in
 * its document's order, that carries its anchor. `Alias.resolve` walks the whole document for
 * every alias, which is quadratic in files that merge one anchor into each job; this answers from
 * one walk of the alias's own file, made on first need and kept with its parse (a kept parse
 * keeps it from one composition to the next). In a composite, only the file the alias is written
 * in is walked: an alias names an anchor of its own document, never one of another file.
 */
export function aliasTarget(src: YamlSource, alias: Alias): Node | undefined {
  const file = fileAt(src, alias.range?.[0]);
  const aliases = fileAliases(file);
  if (aliases.has(alias)) return aliases.get(alias);
  return alias.resolve(file.doc) ?? undefined; // an alias from elsewhere: ask the YAML library
}

/** Every alias of the file `node` is written in (the source itself unless it is a composite) and what it names. */
export function aliasesOfFile(src: YamlSource, node: Node): AliasIndex {
  return fileAliases(fileAt(src, node.range?.[0]));
}

function fileAt(src: YamlSource, offset: number | undefined): YamlSource {
  return offset === undefined ? src : (partOf(src, offset)?.src ?? src);
}

function fileAliases(file: YamlSource): AliasIndex {
  file.aliases ??= aliasIndex(file.doc);
  return file.aliases;
}

export type AliasIndex = ReadonlyMap<Alias, Node | undefined>;

/** The target of every alias in a document (see aliasTarget), from one walk in `visit` order. */
function aliasIndex(doc: Document): AliasIndex {
  const index = new Map<Alias, Node | undefined>();
  indexAliases(doc.contents, new Map<string, Node>(), index);
  return index;
}

// Pre-order, a pair's key before its value, as `visit` goes; a node's anchor is recorded before
// its items, so an alias inside the node it names (`&a [*a]`) finds it, as Alias.resolve does.
function indexAliases(node: unknown, anchored: Map<string, Node>, index: Map<Alias, Node | undefined>): void {
  if (node === null || typeof node !== 'object') return;
  if (isPair(node)) {
    indexAliases(node.key, anchored, index);
    indexAliases(node.value, anchored, index);
    return;
  }
  if (isAlias(node)) {
    index.set(node, anchored.get(node.source));
    return;
  }
  if (!isScalar(node) && !isCollection(node)) return;
  if (node.anchor) anchored.set(node.anchor, node);
  if (isCollection(node)) {
    const items = node.items;
    for (let i = 0; i < items.length; i++) indexAliases(items[i], anchored, index);
  }
}

export { isAlias, isMap, isPair, isScalar, isSeq };

// Read-only access to a parsed pipeline file: positions, typed lookups, and detection of the
// constructs the designer must not rewrite. Every dialect reads the YAML through this module.
import {
  Document,
  LineCounter,
  isAlias,
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseAllDocuments,
  visit,
  type Node,
  type Pair,
  type ParsedNode,
  type YAMLMap,
} from 'yaml';
import type { GraphProblem, LineRange, OpaqueMark } from '../model';

export interface YamlSource {
  text: string;
  /** The document that holds the pipeline (GitLab components put a `spec:` header first). */
  doc: Document.Parsed;
  /** Every document in the file, in order. */
  docs: Document.Parsed[];
  lineCounter: LineCounter;
  /** YAML syntax errors and warnings, positioned. */
  problems: GraphProblem[];
}

// GitLab's `!reference [job, key]` and Azure/GitHub files never need YAML 1.1 booleans; the core
// schema keeps `on:` a string. `!reference` is declared so it parses as the sequence it is.
const referenceTag = {
  tag: '!reference',
  collection: 'seq' as const,
  resolve: (value: unknown) => value,
};

export function parseYamlSource(text: string): YamlSource {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, {
    lineCounter,
    prettyErrors: false,
    customTags: [referenceTag],
    uniqueKeys: true,
  });
  const list: Document.Parsed[] = Array.isArray(docs) ? docs : [];
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
      problems.push(toProblem(e, 'error'));
    }
    for (const w of d.warnings) problems.push(toProblem(w, 'warning'));
  }
  const doc = pickPipelineDocument(list) ?? new Document() as Document.Parsed;
  return { text, doc, docs: list, lineCounter, problems };
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
  for (const item of node.items) {
    if (keyOf(item) === key) return item as Pair<ParsedNode, ParsedNode | null>;
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
  const items: PositionedString[] = [];
  const other: ParsedNode[] = [];
  const push = (n: unknown) => {
    const s = scalarText(n);
    if (s !== undefined && isScalar(n)) items.push({ value: s, offset: n.range?.[0] ?? 0 });
    else if (isCollection(n) || isAlias(n)) other.push(n as ParsedNode);
  };
  if (isSeq(node)) for (const it of node.items) push(it);
  else if (node !== undefined && node !== null) push(node);
  return { items, other };
}

/** Start of a pair (its key) and end of its value, as offsets and 1-based lines. */
export function pairSpan(src: YamlSource, pair: Pair<unknown, unknown>): { offsets: [number, number]; range: LineRange } {
  const key = pair.key as Node | null;
  const value = pair.value as Node | null;
  const start = key?.range?.[0] ?? value?.range?.[0] ?? 0;
  const end = valueEnd(src.text, value?.range?.[1] ?? key?.range?.[1] ?? start);
  return { offsets: [start, end], range: lineRangeOf(src, start, end) };
}

/** Span of any node (e.g. an Azure `- stage:` list item). */
export function nodeSpan(src: YamlSource, node: Node): { offsets: [number, number]; range: LineRange } {
  const start = node.range?.[0] ?? 0;
  const end = valueEnd(src.text, node.range?.[1] ?? start);
  return { offsets: [start, end], range: lineRangeOf(src, start, end) };
}

// A block collection's value-end can sit after its trailing newline; back up over whitespace so
// the last line is the last line holding content.
function valueEnd(text: string, end: number): number {
  let e = Math.min(end, text.length);
  while (e > 0 && (text[e - 1] === '\n' || text[e - 1] === '\r' || text[e - 1] === ' ' || text[e - 1] === '\t')) e--;
  return e;
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
export function opaqueMarksIn(node: unknown): OpaqueMark[] {
  const marks = new Set<OpaqueMark>();
  if (!node || typeof node !== 'object') return [];
  visit(node as Node, {
    Pair(_, pair) {
      const k = keyOf(pair);
      if (k === '<<') marks.add('merge');
      else if (k !== undefined && k.includes('${{')) marks.add('template-expression');
    },
    Alias() {
      marks.add('alias');
    },
    Node(_, n) {
      if ((n as { anchor?: string }).anchor) marks.add('anchor');
      if ((n as { tag?: string }).tag === '!reference') marks.add('reference');
    },
  });
  return [...marks];
}

/** True for a plain mapping node (not an alias, not a scalar). */
export function isMapping(node: unknown): node is YAMLMap.Parsed {
  return isMap(node);
}

export { isAlias, isMap, isPair, isScalar, isSeq };

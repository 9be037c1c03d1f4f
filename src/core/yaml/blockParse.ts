// A parse of the plain block YAML most pipeline files are made of — block mappings and sequences,
// one-line scalars, block scalars, one-line flow collections, comments — straight from the text
// to `yaml`'s own node classes, with the ranges `yaml` gives them. Anything else (anchors,
// aliases, tags, multi-line plain or quoted scalars, explicit keys, several documents, tabs,
// anything `yaml` would report as an error) is not parsed here: `parseBlockYaml` answers
// undefined and the caller parses with `yaml` as before.
//
// Why it exists: composing a pipeline is bound by parsing its files (about two thirds of the
// time), and `yaml` spends most of a parse building its concrete syntax tree, which a file of
// this shape does not need. Scalar values are still resolved by `yaml` (`CST.resolveAsScalar` for
// quoted and block scalars, the schema's own tags for plain ones); equality with `yaml`'s parse —
// every node, range, value and style, and the line starts — is held by test/core/blockParse.test.ts
// over every pipeline file in the repository and the corpus, and over mutations of them.
//
// Comments are not attached to nodes (nothing reads them), but they decide where `yaml` ends a
// node, and that is followed exactly: a comment line indented deeper than the collection a
// scalar value is in extends that value (`yaml`'s parser appends it to the value's line end);
// comment lines after a collection's last item stay in it (extending its range to the next
// content) when one of them is indented at least as deep as it and it is not at column 0, and
// otherwise belong to the collection around it.
import { CST, Document, isScalar, Scalar, YAMLMap, YAMLSeq, Pair, type DocumentOptions, type ParseOptions, type Schema, type SchemaOptions } from 'yaml';

type Options = ParseOptions & DocumentOptions & SchemaOptions;
type Range3 = [number, number, number];
interface ScalarTag {
  default?: boolean | 'key';
  test?: RegExp;
  format?: string;
  resolve: (value: string, onError: (message: string) => void, options: unknown) => unknown;
}

// yaml does not export its Directives class; every Document holds one.
const Directives = new Document().directives!.constructor as new (init: { version: string }) => unknown;

/** Thrown (never escapes this module) where the text leaves the subset parsed here. */
const OUTSIDE = { outside: true };
function out(): never {
  throw OUTSIDE;
}

const LINE_CONTENT = 0;
const LINE_BLANK = 1;
const LINE_COMMENT = 2;

export interface BlockParse {
  doc: Document.Parsed;
  /** Offsets where each line starts, as `yaml`'s LineCounter records them. */
  lineStarts: number[];
}

/** The document `yaml` would parse `text` into with `options` and `schema`, or undefined. */
export function parseBlockYaml(text: string, options: Options, schema: Schema): BlockParse | undefined {
  if (text.includes('\t') || text.charCodeAt(0) === 0xfeff) return undefined;
  if (text.includes('\r') && /\r(?!\n)/.test(text)) return undefined;
  try {
    return new BlockParser(text, options, schema).parse();
  } catch (e) {
    // A nesting deep enough to exhaust the stack is left to yaml, which reports it.
    if (e === OUTSIDE || e instanceof RangeError) return undefined;
    throw e;
  }
}

class BlockParser {
  private readonly n: number;
  /** Per line: where it starts (one more entry: the text's length), its indent, its kind. */
  private readonly starts: number[] = [0];
  private readonly indents: number[] = [];
  private readonly kinds: number[] = [];
  private readonly lines: number;
  private readonly doc: Document.Parsed;
  private readonly tags: ScalarTag[];
  private readonly strTag: ScalarTag;
  /** The line starts as yaml's LineCounter has them (no entry for the end of a last line without a break). */
  private readonly lineStarts: number[];
  /** The line of a `---` that starts the document (-1: none). */
  private docStart = -1;
  /** The line the parse stands on. */
  private li = 0;
  /** First line of the comment and blank lines not yet given to a collection (-1: none). */
  private trivia = -1;
  /** Whether the last value parsed is empty (the lines after it are then its own, not the document's). */
  private lastEmpty = false;
  /** First of the lines between the last item and the next, which become the next's (-1: none). */
  private before = -1;

  constructor(private readonly text: string, options: Options, schema: Schema) {
    this.n = text.length;
    const starts = this.starts;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', nl + 1)) starts.push(nl + 1);
    const lineStarts = starts.slice();
    // A text ending in a line break has no line after it; otherwise the last line ends the text.
    if (starts[starts.length - 1] !== this.n) starts.push(this.n);
    this.lines = starts.length - 1;
    let content = false;
    for (let li = 0; li < this.lines; li++) {
      let i = starts[li];
      while (text.charCodeAt(i) === 32) i++;
      const c = text[i];
      this.indents.push(i - starts[li]);
      const kind = i >= this.n || c === '\n' || c === '\r' ? LINE_BLANK : c === '#' ? LINE_COMMENT : LINE_CONTENT;
      this.kinds.push(kind);
      if (i === starts[li] && (c === '%' || ((c === '-' || c === '.') && /^(---|\.\.\.)(\s|$)/.test(text.slice(i, i + 4))))) {
        // One `---` line before any content starts the document; any other marker or directive is not parsed here.
        if (c !== '-' || content || !/^--- *$/.test(text.slice(i, this.lineEnd(li)))) out();
        this.docStart = li;
        this.kinds[li] = LINE_BLANK;
      } else if (kind === LINE_CONTENT) content = true;
    }
    this.lineStarts = lineStarts;
    // As yaml's composer makes it: with the stream's directives (a plain YAML 1.2 stream's).
    this.doc = new Document(undefined, { ...options, _directives: new Directives({ version: '1.2' }) } as Options) as Document.Parsed;
    this.tags = (schema.tags as unknown as ScalarTag[]).filter((t) => t.default === true && t.test);
    this.strTag = (schema as unknown as Record<symbol, ScalarTag>)[Symbol.for('yaml.scalar')];
  }

  parse(): BlockParse {
    const first = this.nextContent(0);
    if (first === this.lines || this.indents[first] !== 0) out();
    this.li = first;
    const contents = this.blockNode(first, 0);
    if (this.li !== this.lines) out();
    const end = contents.range![2];
    this.doc.contents = contents as unknown as Document.Parsed['contents'];
    this.doc.range = [this.starts[this.docStart === -1 ? first : this.docStart], end, this.lastEmpty ? end : this.n];
    if (this.docStart !== -1) this.doc.directives!.docStart = true;
    return { doc: this.doc, lineStarts: this.lineStarts };
  }

  // ---- lines

  private lineEnd(li: number): number {
    const next = this.starts[li + 1];
    if (this.text[next - 1] !== '\n') return next;
    return this.text[next - 2] === '\r' ? next - 2 : next - 1;
  }

  private nextContent(li: number): number {
    while (li < this.lines && this.kinds[li] !== LINE_CONTENT) li++;
    return li;
  }

  private isSeqItem(li: number): boolean {
    const at = this.starts[li] + this.indents[li];
    return this.text[at] === '-' && this.isSeqItemAt(at);
  }

  /** Whether the `-` at `at` is a sequence item's indicator (not the start of a plain scalar). */
  private isSeqItemAt(at: number): boolean {
    const c = this.text[at + 1];
    return c === ' ' || c === '\n' || c === '\r' || at + 1 >= this.n;
  }

  // ---- collections

  /** The block collection whose first line is `li`, at its indent: a sequence or a mapping. */
  private blockNode(li: number, indent: number): YAMLMap | YAMLSeq {
    const offset = this.starts[li] + indent;
    return this.isSeqItem(li) ? this.blockSeq(indent, offset) : this.blockMap(indent, offset);
  }

  private blockMap(indent: number, first: number): YAMLMap {
    const map = new YAMLMap(this.doc.schema);
    const seen = new Set<unknown>();
    let keyAt = first;
    let end = first;
    for (;;) {
      const li = this.li;
      const eol = this.lineEnd(li);
      const colon = this.keyEnd(keyAt, eol);
      const key = this.plain(this.text.slice(keyAt, colon), keyAt, colon, colon);
      if (seen.has(key.value)) out();
      seen.add(key.value);
      let q = colon + 1;
      while (this.text.charCodeAt(q) === 32) q++;
      const value = q < eol && this.text[q] !== '#' ? this.inlineValue(q, eol, indent) : this.valueBelow(indent, q, eol, true);
      map.items.push(new Pair(key, value.node));
      const next = this.afterValue(indent, value);
      end = value.node.range![2];
      if (next === -1) break;
      keyAt = next;
    }
    map.range = [first, end, this.endOfCollection(indent, end)];
    return map;
  }

  private blockSeq(indent: number, first: number): YAMLSeq {
    const seq = new YAMLSeq(this.doc.schema);
    let dash = first;
    let end = first;
    this.before = -1;
    for (;;) {
      const before = this.before;
      const eol = this.lineEnd(this.li);
      let q = dash + 1;
      while (this.text.charCodeAt(q) === 32) q++;
      let value: Value;
      if (q >= eol || this.text[q] === '#') value = this.valueBelow(indent, q, eol, false, before);
      else if (this.text[q] === '-' && this.isSeqItemAt(q)) out();
      else if (this.looksLikeKey(q, eol)) {
        const column = q - this.starts[this.li];
        value = { node: this.blockMap(column, q), attachable: false };
      } else value = this.inlineValue(q, eol, indent);
      seq.items.push(value.node);
      const next = this.afterValue(indent, value, true);
      end = value.node.range![2];
      if (next === -1) break;
      dash = next;
    }
    seq.range = [first, end, this.endOfCollection(indent, end)];
    return seq;
  }

  /**
   * After an item's value: attaches the comment lines that extend it, then finds the next
   * content line. Returns where the collection's next item starts, or -1 when the collection
   * ends there (leaving `li` on that line and `trivia` on the lines before it).
   */
  private afterValue(indent: number, value: Value, seq = false): number {
    let li = this.li;
    if (value.attachable) {
      // yaml's parser appends a comment line indented deeper than the collection to the scalar
      // or flow collection before it, and the blank lines before such a comment with it, until
      // a comment that is not deeper.
      let from = li;
      while (li < this.lines && this.kinds[li] !== LINE_CONTENT) {
        if (this.kinds[li] === LINE_COMMENT) {
          if (this.indents[li] <= indent) break;
          value.node.range![2] = this.starts[li + 1];
          from = li + 1;
        }
        li++;
      }
      this.trivia = from;
    } else if (this.trivia === -1) this.trivia = li;
    const next = this.nextContent(li);
    this.li = next;
    if (next === this.lines) return -1;
    const column = this.indents[next];
    if (column > indent) out();
    if (column < indent) return -1;
    const itemHere = this.isSeqItem(next);
    if (seq ? !itemHere : itemHere) return -1;
    this.before = this.trivia;
    this.trivia = -1;
    return this.starts[next] + column;
  }

  /**
   * Where a collection ending at `end` ends its range: at the next content (or the text's end)
   * when the comment lines after its last item stay in it, else at `end` (they go to the
   * collection around it, and `trivia` stays set for it).
   */
  private endOfCollection(indent: number, end: number): number {
    const from = this.trivia;
    if (from === -1 || indent === 0) return end;
    for (let li = from; li < this.li; li++) {
      if (this.kinds[li] === LINE_COMMENT && this.indents[li] >= indent) {
        this.trivia = -1;
        return this.li < this.lines ? this.starts[this.li] + this.indents[this.li] : this.n;
      }
    }
    return end;
  }

  /** A value on the lines below its key or dash: a nested collection, or empty. */
  private valueBelow(indent: number, q: number, eol: number, inMap: boolean, before = -1): Value {
    const keyLine = this.li;
    const below = this.nextContent(keyLine + 1);
    if (below < this.lines) {
      const column = this.indents[below];
      if (column > indent || (inMap && column === indent && this.isSeqItem(below))) {
        this.li = below;
        this.trivia = -1;
        return { node: this.blockNode(below, column), attachable: false };
      }
    }
    // An empty value. The lines after it up to the next content are its own (after a key) or
    // its item's (after a dash), and a comment among them is given to it, which then ends where
    // they end. After a key followed by another, yaml gives the lines after the second line break
    // that follows the last comment deeper than the mapping to the next key instead.
    const nextAt = below < this.lines ? this.starts[below] + this.indents[below] : this.n;
    let comment = q < eol;
    let end = nextAt;
    if (inMap) {
      let deeper = keyLine;
      for (let li = keyLine + 1; li < below; li++) {
        if (this.kinds[li] !== LINE_COMMENT) continue;
        comment = true;
        if (this.indents[li] > indent) deeper = li;
      }
      const nextKey = below < this.lines && this.indents[below] === indent;
      if (nextKey && below - deeper >= 2) {
        comment = q < eol || deeper > keyLine || this.kinds[deeper + 1] === LINE_COMMENT;
        end = this.lineEnd(deeper + 1);
      }
    } else {
      for (let li = before === -1 ? keyLine + 1 : before; li < below; li++) if (this.kinds[li] === LINE_COMMENT) comment = true;
    }
    const node = this.plain('', q, q, q);
    if (comment) node.range![2] = end;
    this.li = below;
    this.trivia = below;
    this.lastEmpty = true;
    return { node, attachable: false };
  }

  // ---- scalars and flow collections on one line

  /** The value starting at `q` on the current line (`eol` its end), in a collection at `indent`. */
  private inlineValue(q: number, eol: number, indent: number): Value {
    const c = this.text[q];
    if (c === '|' || c === '>') return { node: this.blockScalar(q, eol, indent), attachable: false };
    let node: Scalar | YAMLMap | YAMLSeq;
    let end: number;
    if (c === '[' || c === '{') {
      const flow = this.flow(q, eol);
      node = flow.node;
      end = flow.end;
    } else if (c === '"' || c === "'") {
      end = this.quoteEnd(q, eol);
      node = this.quoted(q, end);
    } else {
      if (!plainStart(this.text, q)) out();
      end = this.plainEnd(q, eol);
      const text = this.text.slice(q, end);
      if (text.endsWith(':') || text.includes(': ')) out();
      node = this.plain(text, q, end, end);
    }
    // Only spaces and a comment may follow on the line.
    let i = end;
    while (this.text.charCodeAt(i) === 32) i++;
    if (i < eol && (this.text[i] !== '#' || i === end)) out();
    this.li++;
    node.range![2] = this.starts[this.li];
    this.lastEmpty = false;
    return { node, attachable: true };
  }

  /** Where the plain scalar starting at `q` ends on its line: before a comment and trailing spaces. */
  private plainEnd(q: number, eol: number): number {
    // Searched within the line: indexOf would look as far as the text's end on every line without one.
    let end = eol;
    for (let i = q + 1; i < eol; i++) {
      if (this.text.charCodeAt(i) === 35 && this.text.charCodeAt(i - 1) === 32) {
        end = i;
        break;
      }
    }
    while (end > q && this.text.charCodeAt(end - 1) === 32) end--;
    return end;
  }

  /** Where a plain key starting at `at` ends: before the `:` that follows it. */
  private keyEnd(at: number, eol: number): number {
    if (!plainStart(this.text, at)) out();
    for (let i = at; i < eol; i++) {
      const c = this.text[i];
      if (c === ':') {
        const next = this.text[i + 1];
        if (i + 1 >= eol || next === ' ') {
          if (this.text.charCodeAt(i - 1) === 32) out();
          return i;
        }
      } else if (c === '#' && this.text.charCodeAt(i - 1) === 32) out();
    }
    return out();
  }

  private looksLikeKey(at: number, eol: number): boolean {
    if (!plainStart(this.text, at)) return false;
    for (let i = at; i < eol; i++) {
      const c = this.text[i];
      if (c === ':' && (i + 1 >= eol || this.text[i + 1] === ' ')) return true;
      if (c === '#' && this.text.charCodeAt(i - 1) === 32) return false;
    }
    return false;
  }

  private quoteEnd(q: number, eol: number): number {
    const quote = this.text[q];
    for (let i = q + 1; i < eol; i++) {
      const c = this.text[i];
      if (quote === '"' && c === '\\') i++;
      else if (c === quote) {
        if (quote === "'" && this.text[i + 1] === "'") i++;
        else return i + 1;
      }
    }
    return out();
  }

  private quoted(q: number, end: number): Scalar {
    const type = this.text[q] === '"' ? 'double-quoted-scalar' : 'single-quoted-scalar';
    const token = { type, offset: q, indent: 0, source: this.text.slice(q, end) } as CST.FlowScalar;
    const resolved = CST.resolveAsScalar(token, true, out)!;
    return this.scalar(this.strTag, resolved.value, resolved.type!, [q, end, end]);
  }

  private plain(value: string, start: number, end: number, nodeEnd: number): Scalar {
    let tag = this.strTag;
    for (const t of this.tags) {
      if (t.test!.test(value)) {
        tag = t;
        break;
      }
    }
    return this.scalar(tag, value, 'PLAIN', [start, end, nodeEnd]);
  }

  private scalar(tag: ScalarTag, value: string, type: Scalar.Type, range: Range3): Scalar {
    const resolved = tag.resolve(value, out, this.doc.options);
    const node = isScalar(resolved) ? resolved : new Scalar(resolved);
    node.range = range;
    node.source = value;
    node.type = type;
    if (tag.format) node.format = tag.format;
    return node;
  }

  /**
   * A block scalar whose header (`|`, `>`, `|-`, `>-`) is at `q`. Its lines are those after the
   * header, blank or indented at least as deep as the first, which is deeper than the collection
   * it is in; of its trailing blank lines, only those up to the last with more spaces than that
   * (the chomping indicator that keeps the rest, `+`, is not parsed here).
   */
  private blockScalar(q: number, eol: number, indent: number): Scalar {
    let h = q + 1;
    if (this.text[h] === '-') h++;
    if (h < eol && this.text[h] !== ' ') out();
    let i = h;
    while (this.text.charCodeAt(i) === 32) i++;
    if (i < eol && this.text[i] !== '#') out();
    const header = this.li;
    let li = header + 1;
    while (li < this.lines && this.kinds[li] === LINE_BLANK) {
      if (this.lineEnd(li) !== this.starts[li]) out();
      li++;
    }
    if (li === this.lines) out();
    const contentIndent = this.indents[li];
    if (contentIndent <= indent) out();
    let last = li;
    for (li++; li < this.lines; li++) {
      if (this.kinds[li] === LINE_BLANK) continue;
      if (this.indents[li] < contentIndent) break;
      last = li;
    }
    // Of the blank lines before the line that ends it, yaml's lexer keeps from the last one with
    // more spaces than the first line's indent (a line of the value), and leaves the rest after it.
    let kept = last;
    for (let b = li - 1; b > last; b--) {
      if (this.indents[b] > contentIndent) {
        kept = b;
        break;
      }
    }
    const bodyStart = this.starts[header + 1];
    const bodyEnd = this.starts[kept + 1];
    const token = {
      type: 'block-scalar',
      offset: q,
      indent,
      props: [
        { type: 'block-scalar-header', offset: q, indent, source: this.text.slice(q, h) },
        { type: 'newline', offset: h, indent, source: this.text.slice(h, bodyStart) },
      ],
      source: this.text.slice(bodyStart, bodyEnd),
    } as CST.BlockScalar;
    const resolved = CST.resolveAsScalar(token, true, out)!;
    this.li = kept + 1;
    this.trivia = -1;
    this.lastEmpty = false;
    return this.scalar(this.strTag, resolved.value, resolved.type!, [q, bodyEnd, bodyEnd]);
  }

  /** A flow collection opening at `q` and closing on the same line. */
  private flow(q: number, eol: number): { node: YAMLMap | YAMLSeq; end: number } {
    const isMap = this.text[q] === '{';
    const node = isMap ? new YAMLMap(this.doc.schema) : new YAMLSeq(this.doc.schema);
    node.flow = true;
    const close = isMap ? '}' : ']';
    let i = this.skipSpaces(q + 1, eol);
    if (this.text[i] === close) {
      node.range = [q, i + 1, i + 1];
      return { node, end: i + 1 };
    }
    for (;;) {
      if (isMap) {
        const key = this.flowScalar(i, eol, true);
        if (this.text[key.end] !== ':' || this.text[key.end + 1] !== ' ') out();
        const value = this.flowItem(this.skipSpaces(key.end + 1, eol), eol);
        (node as YAMLMap).items.push(new Pair(key.node, value.node));
        i = value.end;
      } else {
        const item = this.flowItem(i, eol);
        (node as YAMLSeq).items.push(item.node);
        i = item.end;
      }
      const c = this.text[i];
      if (c === close) break;
      if (c !== ',') out();
      i = this.skipSpaces(i + 1, eol);
      if (this.text[i] === close || i >= eol) out();
    }
    node.range = [q, i + 1, i + 1];
    return { node, end: i + 1 };
  }

  /** An item of a flow collection, its trailing spaces in its range (as yaml counts them). */
  private flowItem(i: number, eol: number): { node: Scalar | YAMLMap | YAMLSeq; end: number } {
    const c = this.text[i];
    if (c === '[' || c === '{') {
      const inner = this.flow(i, eol);
      if (this.text.charCodeAt(inner.end) === 32) out();
      return inner;
    }
    const item = this.flowScalar(i, eol, false);
    const end = this.skipSpaces(item.end, eol);
    item.node.range![2] = end;
    if (this.text[end] === ':') out();
    return { node: item.node, end };
  }

  private flowScalar(i: number, eol: number, key: boolean): { node: Scalar; end: number } {
    const c = this.text[i];
    if (c === '"' || c === "'") {
      const end = this.quoteEnd(i, eol);
      return { node: this.quoted(i, end), end };
    }
    if (!plainStart(this.text, i)) out();
    let end = i;
    for (; end < eol; end++) {
      const ch = this.text[end];
      if (ch === ',' || ch === ']' || ch === '}' || ch === '[' || ch === '{') break;
      if (ch === ':' && (key || /[\s,\]}]/.test(this.text[end + 1] ?? ' '))) break;
      if (ch === '#' && this.text.charCodeAt(end - 1) === 32) out();
    }
    if (end >= eol) out();
    let valueEnd = end;
    while (this.text.charCodeAt(valueEnd - 1) === 32) valueEnd--;
    if (key && valueEnd !== end) out();
    return { node: this.plain(this.text.slice(i, valueEnd), i, valueEnd, valueEnd), end: valueEnd };
  }

  private skipSpaces(i: number, eol: number): number {
    while (i < eol && this.text.charCodeAt(i) === 32) i++;
    return i;
  }
}

interface Value {
  node: Scalar | YAMLMap | YAMLSeq;
  /** Whether comment lines after it may extend it: a scalar or flow collection on its line. */
  attachable: boolean;
}

/** Whether a plain scalar may start at `i`: not with an indicator (`-`, `?`, `:` only before a non-space). */
function plainStart(text: string, i: number): boolean {
  const c = text[i];
  switch (c) {
    case '-':
    case '?':
    case ':': {
      const next = text[i + 1];
      return next !== undefined && next !== ' ' && next !== '\n' && next !== '\r' && !/[,[\]{}]/.test(next);
    }
    case ',': case '[': case ']': case '{': case '}': case '#': case '&': case '*': case '!':
    case '|': case '>': case "'": case '"': case '%': case '@': case '`':
      return false;
    default:
      return c !== undefined && c !== ' ' && c !== '\n' && c !== '\r';
  }
}

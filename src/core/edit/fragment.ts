// Stringify only what is new: a scalar, a mapping entry or a list item, in the file's style and
// at the column where it goes. Never the whole document.
import { Document, Scalar } from 'yaml';
import { isPlainAnywhere, writeBlock } from './blockYaml';
import type { FileStyle } from './style';

type RenderOptions = ReturnType<typeof options>;

function options(style: FileStyle) {
  return {
    // Stringified as YAML 1.1 so that words 1.1 readers (GitLab's Ruby parser) take as booleans,
    // such as on/yes/no, come out quoted; 1.2 readers read the quoted form the same.
    version: '1.1' as const,
    indent: style.indent,
    indentSeq: style.indentedSequences,
    lineWidth: 0, // never fold long lines
    minContentWidth: 0,
    singleQuote: style.quote === 'single',
    defaultStringType: 'PLAIN' as const,
    defaultKeyType: 'PLAIN' as const,
  };
}

// A Document's constructor builds its schema, which costs more than stringifying a small fragment;
// one empty Document per set of options is reused (configuration only: every call renders anew).
const renderers = new Map<string, Document>();

function stringify(value: unknown, opts: RenderOptions): string {
  const key = JSON.stringify(opts);
  let doc = renderers.get(key);
  if (!doc) {
    doc = new Document(null, opts);
    renderers.set(key, doc);
  }
  doc.contents = doc.createNode(value);
  return doc.toString(opts);
}

/** Where a scalar goes: a block, or inside a flow list or mapping (`[a, b]`, `{k: v}`). */
export type ScalarContext = 'block' | 'flow';

const FLOW_INDICATOR = /[,[\]{}]/;

/** A string as a YAML scalar on one line: plain when that reads back the same, else quoted. */
export function renderString(value: string, style: FileStyle, keepType?: Scalar['type'], context: ScalarContext = 'block'): string {
  if (keepType === Scalar.QUOTE_DOUBLE) return JSON.stringify(value);
  if (keepType === Scalar.QUOTE_SINGLE && !/[\n\r]/.test(value)) return singleQuoted(value);
  if (isPlainAnywhere(value)) return value; // what yaml would write, without building a document
  const plain = renderStringWithYaml(value, style);
  // yaml writes as for a block, where a plain `a, b` is one value; in a flow collection it is two.
  if (context === 'flow' && plain === value && FLOW_INDICATOR.test(value)) {
    return style.quote === 'single' ? singleQuoted(value) : JSON.stringify(value);
  }
  return plain;
}

/** renderString's block form through `yaml` alone: for what its fast path leaves, and to test that path against. */
export function renderStringWithYaml(value: string, style: FileStyle): string {
  const written = stringify(value, options(style)).replace(/\r?\n$/, '');
  return written.includes('\n') ? JSON.stringify(value) : written;
}

function singleQuoted(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Any value as a single-line scalar or flow text (for `needs: [a, b]`, numbers, booleans). */
export function renderInline(value: unknown, style: FileStyle, context: ScalarContext = 'block'): string {
  if (typeof value === 'string') return renderString(value, style, undefined, context);
  if (Array.isArray(value)) return `[${value.map((v) => renderInline(v, style, 'flow')).join(', ')}]`;
  return stringify(value, options(style)).replace(/\r?\n$/, '');
}

/**
 * Lines of block YAML for `value` whose first line starts at `column`; every line ends with the
 * file's line break. `value` is a mapping (its entries in order) or a list.
 */
export function renderBlockLines(value: Record<string, unknown> | unknown[], style: FileStyle, column: number): string {
  const lines = writtenBlock(value, style);
  if (!lines) return renderBlockLinesWithYaml(value, style, column);
  const pad = ' '.repeat(column);
  return lines.map((line) => (line.length > 0 ? pad + line : line)).join(style.eol) + style.eol;
}

/** The lines writeBlock writes for `value`, or undefined when it leaves the whole of it to `yaml`. */
export function writtenBlock(value: Record<string, unknown> | unknown[], style: FileStyle): string[] | undefined {
  return writeBlock(value, style, (scalar) => stringify(scalar, options(style)));
}

/** renderBlockLines through `yaml` alone: for what writeBlock leaves to it, and to test writeBlock against. */
export function renderBlockLinesWithYaml(value: Record<string, unknown> | unknown[], style: FileStyle, column: number): string {
  // `yaml` writes flush sequences (`key:\n- item`) only for an indent of 2; for wider indents it
  // puts the dash 2 columns in. Render indented and move each mapping's list out to its key.
  const indented = !style.indentedSequences && style.indent > 2;
  const rendered = stringify(value, { ...options(style), ...(indented ? { indentSeq: true } : {}) }).replace(/\r?\n$/, '');
  const body = indented ? flushSequences(rendered, style.indent) : rendered;
  const pad = ' '.repeat(column);
  return body
    .split('\n')
    .map((line) => (line.length > 0 ? pad + line : line))
    .join(style.eol) + style.eol;
}

/** Outdent every list that is a mapping's value (dash at key + indent) to its key's column. */
function flushSequences(text: string, indent: number): string {
  const lines = text.split('\n');
  const open: number[] = []; // key columns of the lists being outdented
  const columnOf = (line: string) => line.length - line.trimStart().length;
  return lines
    .map((line, i) => {
      if (line.trim() === '') return line;
      const column = columnOf(line);
      while (open.length > 0 && column <= open[open.length - 1]) open.pop();
      const shifted = line.slice(Math.min(open.length * indent, column));
      // `key:` (also `- key:`) followed by a dash one indent in starts a list to outdent.
      const next = lines.slice(i + 1).find((l) => l.trim() !== '');
      const keyColumn = column + (/^(- )+/.exec(line.trimStart())?.[0].length ?? 0);
      if (/:$/.test(line.trimEnd()) && !line.trimStart().startsWith('#') && next !== undefined && columnOf(next) === keyColumn + indent && next.trimStart().startsWith('- ')) {
        open.push(keyColumn);
      }
      return shifted;
    })
    .join('\n');
}

/** One `key: value` entry as block lines at `column`. */
export function renderPair(key: string, value: unknown, style: FileStyle, column: number): string {
  return renderBlockLines({ [key]: value }, style, column);
}

/** One `- value` list item as block lines with its dash at `column`. */
export function renderSeqItem(value: unknown, style: FileStyle, column: number): string {
  return renderBlockLines([value], style, column);
}

/**
 * `rendered` (block lines from renderBlockLines) with a `# comment` line above the line holding
 * `key:` at `column`, indented like it. The key must be there: it was rendered from our own data.
 */
export function withCommentAbove(rendered: string, key: string, comment: string, style: FileStyle, column: number): string {
  const pad = ' '.repeat(column);
  const lines = rendered.split(style.eol);
  const at = lines.findIndex((line) => line.startsWith(`${pad}${key}:`));
  if (at < 0) throw new Error(`withCommentAbove: no "${key}:" at column ${column} in the rendered lines`);
  lines.splice(at, 0, `${pad}# ${comment}`);
  return lines.join(style.eol);
}

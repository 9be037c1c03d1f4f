// Block YAML for the plain data an edit adds (template bodies, gate steps, `needs:` lists), in the
// file's style. `yaml`'s stringify builds a document and tests every string against every YAML 1.1
// type, which for a template costs more than re-parsing a small file. Most strings in fragments
// (ids, names, commands) are plainly plain, so this writes those and the structure directly and
// hands every other scalar to `yaml`: quoting and block scalars stay its decisions. It returns
// undefined for a shape it does not write, and the caller stringifies the fragment with `yaml`.
// test/core/blockYaml.test.ts holds it to `yaml`'s output, byte for byte.
import type { FileStyle } from './style';

/** `yaml`'s rendering of one value as a whole document: `|-` and its lines, or a single line. */
export type ScalarRenderer = (value: unknown) => string;

/** Lines (no line breaks, column 0 = the fragment's column) or undefined: let `yaml` write it. */
export function writeBlock(value: Record<string, unknown> | unknown[], style: FileStyle, renderScalar: ScalarRenderer): string[] | undefined {
  if ((Array.isArray(value) ? value : Object.keys(value)).length === 0) return undefined; // `[]` / `{}`: yaml's flow form
  const out: string[] = [];
  const writer = new BlockWriter(style, renderScalar, out);
  const ok = Array.isArray(value) ? writer.seq(value, 0) : writer.map(value, 0, '');
  return ok ? out : undefined;
}

// Words YAML 1.1 readers (GitLab's Ruby parser) take as booleans or null.
const RESERVED = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL)$/;
// No indicator first, nothing that starts a comment, a mapping value or a quote; digits first
// could read as a number or a date.
const PLAIN = /^[A-Za-z_$/][\w$ ./:@%+=,()[\]{}-]*$/;

function isPlainlyPlain(text: string): boolean {
  return PLAIN.test(text) && !text.endsWith(' ') && !text.endsWith(':') && !text.includes(': ') && !RESERVED.test(text);
}

/** Plain in block and in flow context alike (`[a, b]`, `{k: v}`): no flow indicators either. */
export function isPlainAnywhere(text: string): boolean {
  return isPlainlyPlain(text) && !/[,[\]{}]/.test(text);
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && [Object.prototype, null].includes(Object.getPrototypeOf(value));
}

class BlockWriter {
  constructor(
    private readonly style: FileStyle,
    private readonly renderScalar: ScalarRenderer,
    private readonly out: string[],
  ) {}

  /** Entries at `column`; the first one's line starts with `firstPrefix` (a list item's `- `) when given. */
  map(map: Record<string, unknown>, column: number, firstPrefix: string): boolean {
    let first = true;
    for (const [key, value] of Object.entries(map)) {
      if (!isPlainlyPlain(key)) return false;
      const lead = first && firstPrefix ? firstPrefix : ' '.repeat(column);
      first = false;
      if (!this.valueAfter(`${lead}${key}:`, value, column, column + this.style.indent)) return false;
    }
    return true;
  }

  /** Items with their dashes at `column`. */
  seq(items: unknown[], column: number): boolean {
    const dash = `${' '.repeat(column)}- `;
    for (const item of items) {
      if (Array.isArray(item)) {
        if (item.length > 0) return false; // `- - x`: left to yaml
        this.out.push(`${dash}[]`);
      } else if (isMapping(item)) {
        if (Object.keys(item).length === 0) this.out.push(`${dash}{}`);
        else if (!this.map(item, column + 2, dash)) return false;
      } else if (!this.scalar(dash.trimEnd(), item, column + 2)) return false;
    }
    return true;
  }

  /** `head` is `key:`; the value follows on the line or below it, nested one indent in. */
  private valueAfter(head: string, value: unknown, keyColumn: number, nestedColumn: number): boolean {
    if (Array.isArray(value)) {
      if (value.length === 0) this.out.push(`${head} []`);
      else {
        this.out.push(head);
        return this.seq(value, this.style.indentedSequences ? keyColumn + this.style.indent : keyColumn);
      }
      return true;
    }
    if (isMapping(value)) {
      if (Object.keys(value).length === 0) this.out.push(`${head} {}`);
      else {
        this.out.push(head);
        return this.map(value, nestedColumn, '');
      }
      return true;
    }
    return this.scalar(head, value, nestedColumn);
  }

  /** A scalar after `head`; a block scalar's lines go at `contentColumn`. */
  private scalar(head: string, value: unknown, contentColumn: number): boolean {
    if (typeof value === 'string' && isPlainlyPlain(value)) {
      this.out.push(`${head} ${value}`);
      return true;
    }
    if (typeof value === 'boolean' || (typeof value === 'number' && Number.isSafeInteger(value))) {
      this.out.push(`${head} ${String(value)}`);
      return true;
    }
    const [first, ...rest] = this.renderScalar(value).replace(/\r?\n$/, '').split('\n');
    if (rest.length === 0) {
      this.out.push(`${head} ${first}`);
      return true;
    }
    // A block scalar: `|`, `|-` or `|+` and its lines. An indentation indicator (`|2-`) is
    // relative to where the scalar sits, so only yaml can write it in place.
    // yaml indents a leading blank line (it says where the block sits), and at the top level it
    // indents every line when one would read as a document marker: both are left to it.
    if (!/^[|>][-+]?$/.test(first) || rest[0].trim() === '' || rest[0].startsWith(' ')) return false;
    this.out.push(`${head} ${first}`);
    const pad = ' '.repeat(contentColumn);
    for (const line of rest) this.out.push(line.length > 0 ? pad + line : line);
    return true;
  }
}

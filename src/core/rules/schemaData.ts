// A pipeline file as the plain data its platform reads, for checking against the dialect's JSON
// schema, with where each value is written (so a schema error points at its YAML) and which
// values the file does not settle (so the schema is not asked about them):
// - aliases are followed and `<<` merge keys merged, as the platforms do (the finding points at
//   the alias or the merge key);
// - custom tags (GitLab `!reference`), template expressions as keys (Azure `${{ if … }}`, which
//   insert entries conditionally) and values that are whole expressions (`${{ … }}`) are decided
//   when the pipeline runs: the schema's errors about them are left out.
import { isAlias, isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { Dialect } from '../model';
import { aliasTarget, type YamlSource } from '../yaml/source';

export interface SchemaInstance {
  data: unknown;
  /** JSON pointer → where it is written: the value, and the key it is under (absent for list items and the root). */
  at: Map<string, { value: Node | undefined; key?: Node }>;
  /** Pointers whose value the file does not settle; errors at or below them are not reported. */
  open: Set<string>;
}

const EXPRESSION = /^\s*\$\{\{[^]*\}\}\s*$/;
// Enough for any real pipeline; guards against alias bombs.
const MAX_NODES = 200_000;

export function schemaInstance(src: YamlSource, dialect: Dialect): SchemaInstance {
  const at = new Map<string, { value: Node | undefined; key?: Node }>();
  const open = new Set<string>();
  let budget = MAX_NODES;

  const convert = (node: unknown, pointer: string, depth: number): unknown => {
    if (--budget < 0 || depth > 200) {
      open.add(pointer);
      return null;
    }
    if (isAlias(node)) {
      const target = aliasTarget(src, node);
      return convert(target, pointer, depth + 1);
    }
    if (node && (node as Node).tag !== undefined && (node as Node).tag!.startsWith('!') && !(node as Node).tag!.startsWith('!!')) {
      // A custom tag: the platform computes it (GitLab `!reference`).
      open.add(pointer);
      return isSeq(node) ? [] : '';
    }
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      for (const pair of node.items as Pair<unknown, unknown>[]) {
        const key = keyText(pair.key);
        if (key === '<<' && dialect !== 'azure') {
          mergeInto(out, pair, pointer, depth);
          continue;
        }
        if (key === undefined) continue;
        if (key.includes('${{')) {
          // A conditional or repeated insertion: the mapping's final entries are not known here.
          open.add(pointer);
          continue;
        }
        const child = `${pointer}/${escape(key)}`;
        const value = pair.value as Node | null;
        at.set(child, { value: value ?? undefined, key: pair.key as Node });
        out[key] = convert(value, child, depth + 1);
      }
      return out;
    }
    if (isSeq(node)) {
      return node.items.map((item, i) => {
        const child = `${pointer}/${i}`;
        at.set(child, { value: item as Node });
        if (isScalar(item) && typeof item.value === 'string' && item.value.includes('${{') && /^\s*\$\{\{\s*(?:if|elseif|else|each)\b/.test(item.value)) open.add(pointer);
        return convert(item, child, depth + 1);
      });
    }
    if (isScalar(node)) {
      const value = node.value;
      if (typeof value === 'string' && EXPRESSION.test(value)) open.add(pointer);
      return value;
    }
    return null;
  };

  const mergeInto = (out: Record<string, unknown>, pair: Pair<unknown, unknown>, pointer: string, depth: number) => {
    const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
    for (const s of sources) {
      const target = isAlias(s) ? aliasTarget(src, s) : s;
      if (!isMap(target)) {
        open.add(pointer);
        continue;
      }
      for (const inner of target.items as Pair<unknown, unknown>[]) {
        const key = keyText(inner.key);
        // Keys written in the mapping itself win over merged ones: a later one overwrites, an
        // earlier one is kept.
        if (key === undefined || key === '<<' || key in out) continue;
        const child = `${pointer}/${escape(key)}`;
        at.set(child, { value: s as Node, key: pair.key as Node });
        out[key] = convert(inner.value, child, depth + 1);
      }
    }
  };

  at.set('', { value: (src.doc.contents as Node | null) ?? undefined });
  const data = convert(src.doc.contents, '', 0);
  return { data: data === null || data === undefined ? {} : data, at, open };
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return key.value === null ? '' : String(key.value);
  return undefined;
}

/** JSON pointer escaping. */
function escape(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The pointer's segments, unescaped. */
export function pointerParts(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

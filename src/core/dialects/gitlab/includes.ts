// Top-level `include:` → one file mark per included item: the graph shows only this file's jobs,
// and the banner says what else GitLab merges in.
import type { OpaqueMark } from '../../model';
import { positionAt, scalarText, type YamlSource } from '../../yaml/source';
import { MapView, startOf, type Resolver, type ViewValue } from './view';

export type FileMark = { mark: OpaqueMark; detail: string; line: number };

const INCLUDE_KINDS = ['local', 'project', 'remote', 'template', 'component'];

export function includeMarks(include: ViewValue | undefined, includeKeyLine: number, src: YamlSource, resolver: Resolver): FileMark[] {
  if (include === undefined || include === null) return [];
  const listed = resolver.items(include);
  const entries = listed.length > 0 ? listed : [{ item: include, written: include }];
  const marks: FileMark[] = [];
  for (const { item, written } of entries) {
    const detail = describeInclude(item);
    if (detail === undefined) continue;
    const offset = startOf(written);
    marks.push({ mark: 'include', detail, line: offset === undefined ? includeKeyLine : positionAt(src, offset).line });
  }
  return marks;
}

function describeInclude(item: ViewValue): string | undefined {
  if (item === null) return undefined;
  if (!(item instanceof MapView)) return scalarText(item);
  const kind = INCLUDE_KINDS.find((k) => item.has(k));
  if (!kind) return 'include (unrecognised form)';
  const target = item.get(kind);
  let detail = `${kind}: ${listText(target)}`;
  // A project include names its files under `file:` and may pin a `ref:`.
  if (kind === 'project') {
    const files = listText(item.get('file'));
    const ref = item.get('ref');
    if (files) detail += ` → ${files}`;
    if (ref && !(ref instanceof MapView) && scalarText(ref)) detail += ` @ ${scalarText(ref)}`;
  }
  return detail;
}

function listText(value: ViewValue | undefined): string {
  if (value === undefined || value === null || value instanceof MapView) return '';
  const single = scalarText(value);
  if (single !== undefined) return single;
  const items = (value as { items?: unknown[] }).items ?? [];
  return items.map((i) => scalarText(i) ?? '').filter((s) => s !== '').join(', ');
}

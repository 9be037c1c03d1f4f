// Every scalar of a GitLab file that names a job the way GitLab resolves it: `needs:` and
// `dependencies:` items (strings or `{job: …}`, or one job of a matrix: `build: [linux]`), `environment: on_stop:`, a child pipeline's
// `trigger: include: - job:`, `extends:` entries and the first item of `!reference [job, …]`.
// Found through the resolved views (extends, merges, aliases and !reference followed), so a
// reference written once in an anchor or a template is found once, where it is written. A rename
// rewrites each of them: a reference is a splice at a range in a file.
import { isMap, isScalar, isSeq, visit, type Node, type Scalar } from 'yaml';
import { matrixJobOf } from '../../../dialects/gitlab/needs';
import { MapView, type ViewValue } from '../../../dialects/gitlab/view';
import { mayHoldOpaqueSyntax, pairOf, scalarText } from '../../../yaml/source';
import type { AnyPair, GitlabFile } from './file';

export function nameReferences(file: GitlabFile, name: string): Scalar.Parsed[] {
  const found = new Map<number, Scalar.Parsed>();
  const add = (node: unknown) => {
    if (!isScalar(node) || !node.range) return;
    const text = scalarText(node);
    if (text !== name && (text === undefined || matrixJobOf(text, (id) => id === name) === undefined)) return;
    found.set(node.range[0], node as Scalar.Parsed);
  };
  const named = (value: ViewValue | undefined) => (value instanceof MapView ? undefined : value);
  for (const { name: entry, pair } of file.entries) {
    if (entry === name || !mayMention(file, pair, name)) continue;
    // Its own `extends:` as written: a parent's is found on the parent's own entry.
    const parents = pairOf(pair.value, 'extends')?.value;
    for (const parent of isSeq(parents) ? parents.items : [parents]) add(parent);
    const view = file.view(entry);
    if (!view) continue;
    for (const key of ['needs', 'dependencies']) {
      const value = view.get(key);
      const items = file.resolver.items(value ?? null);
      for (const item of items.length > 0 ? items.map((i) => i.item) : [value]) {
        if (item instanceof MapView) {
          if (!item.has('pipeline') && !item.has('project')) add(named(item.get('job')));
        } else add(item);
      }
    }
    const environment = view.get('environment');
    if (environment instanceof MapView) add(named(environment.get('on_stop')));
    const trigger = view.get('trigger');
    if (trigger instanceof MapView) {
      for (const { item } of file.resolver.items(trigger.get('include') ?? null)) {
        if (item instanceof MapView) add(named(item.get('job')));
      }
    }
  }
  if (file.ctx.text.includes('!reference')) {
    visit(file.root, {
      Seq(_, seq) {
        if ((seq as { tag?: string }).tag === '!reference') add(seq.items[0]);
      },
    });
  }
  return [...found.values()].sort((a, b) => a.range[0] - b.range[0]);
}

/**
 * False when the entry surely does not name `name`: its own text does not hold it and it
 * inherits nothing (no extends, merge, alias or tag). Resolving every job's view to find out is
 * most of a rename's planning in a big file.
 */
export function mayMention(file: GitlabFile, pair: AnyPair, name: string): boolean {
  const value = pair.value as Node | null;
  // A name with quotes or spaces may be written escaped or folded; escapes with `\` are opaque syntax.
  if (!isMap(value) || !value.range || /['"\s]/.test(name)) return true;
  if (pairOf(value, 'extends') !== undefined || mayHoldOpaqueSyntax(file.ctx.src, value)) return true;
  return file.ctx.text.slice(value.range[0], value.range[2]).includes(name);
}

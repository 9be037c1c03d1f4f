// Read-only only where it must be (issue #10): a mark says what in a node the designer will not
// rewrite, not that nothing in it may change. A matrix expands the job's body, not its `needs`;
// a job calling a reusable workflow has its own key, `needs`, `if` and `name`; a GitLab job's
// own keys override what it inherits through `extends`; a job that merges `<<: *defaults` or
// uses an alias in its script still writes its own `needs:`. Such an edit touches only the
// node's own text and the verifying re-parse shows whether it did exactly what was asked.
//
// Two levels: marksInTheWay reads the graph alone (the designer asks it before offering a field
// or an action); ownTextProblem reads the YAML, to find which part of the node is in the way of
// this edit (an alias in its `needs:`, its mapping reused elsewhere through an anchor).
import { isAlias, isCollection, isMap, isScalar, visit, type Alias, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Dialect, GraphNode, OpaqueMark } from '../model';
import { aliasTarget, aliasesOfFile, keyOf, lineWhere, positionAt, type YamlSource } from '../yaml/source';
import type { StageProperty } from './operations';

/** The part of a node an edit writes; `rename` writes its key (and the references to it). */
export type EditPart = 'needs' | 'delete' | 'rename' | 'cache' | 'pin' | StageProperty;

/**
 * Marks that leave a node's name out of reach: a template item has no name of its own here, an
 * included or missing stage is written in another file. Any other mark (a matrix, extends,
 * anchors, merges, a reusable-workflow call) is about the node's body, not its key.
 */
const NAME_OUT_OF_REACH = new Set<OpaqueMark>(['template', 'include', 'missing']);

/** The parts that are a node's own keys (or the whole node), whatever else it is written with. */
const OWN_PARTS = new Set<EditPart>(['needs', 'delete', 'condition', 'name', 'timeout', 'environment', 'runner']);

/**
 * Marks about how some text is written (an alias here, a merge there, a `${{ }}` key, a
 * `!reference`): where they sit decides, which ownTextProblem reads in the YAML.
 */
const WRITTEN_WITH = new Set<OpaqueMark>(['alias', 'merge', 'anchor', 'reference', 'template-expression']);

/** Per mark, the parts it leaves editable; a mark not listed leaves none. */
const OPEN_PARTS: Partial<Record<OpaqueMark, ReadonlySet<EditPart>>> = {
  // GitHub rejects anything but name, needs, if, with, secrets, permissions, strategy… beside `uses:`.
  'reusable-workflow': new Set<EditPart>(['needs', 'delete', 'condition', 'name']),
  // The matrix is the job's strategy; everything else is the job's, for every copy alike.
  matrix: new Set<EditPart>(['needs', 'delete', 'condition', 'name', 'timeout', 'environment', 'runner', 'gate', 'cache', 'pin']),
  // An Azure `- template:` item is one line item here: it can go; its name, dependencies and
  // environment are written in the template file (see platformRule for why not here).
  template: new Set<EditPart>(['delete']),
};

/** GitLab `extends`: the job's own keys win over the parents' (its planner checks a key is its own). */
const GITLAB_EXTENDS_OPEN = new Set<EditPart>(['needs', 'delete', 'condition', 'name', 'timeout', 'environment', 'runner', 'gate']);

/**
 * Azure stages passed to an `extends` template are the pipeline's own text, which the template
 * runs: their order, conditions, names, what they deploy to, and whether they are there at all
 * are theirs. Strategies and gates are left alone, as the template may add to them.
 */
const AZURE_EXTENDS_OPEN = new Set<EditPart>(['needs', 'delete', 'condition', 'name', 'timeout', 'environment', 'runner']);

/** The node's marks that keep `part` from being edited; empty when the edit may go ahead. */
export function marksInTheWay(node: Pick<GraphNode, 'marks' | 'role'>, dialect: Dialect, part: EditPart): OpaqueMark[] {
  return node.marks.filter((mark) => {
    if (part === 'rename') return NAME_OUT_OF_REACH.has(mark);
    if (mark === 'extends' && dialect === 'gitlab') return !GITLAB_EXTENDS_OPEN.has(part);
    if (mark === 'extends' && dialect === 'azure') return !AZURE_EXTENDS_OPEN.has(part);
    // An Azure stage group's marks summarise its jobs, which each edit checks itself.
    if (dialect === 'azure' && mark === 'matrix' && part === 'environment') return true;
    if (WRITTEN_WITH.has(mark)) return !OWN_PARTS.has(part);
    return !OPEN_PARTS[mark]?.has(part);
  });
}

/** The keys each part writes, per dialect (a part with none writes no key: checked as the whole node). */
const KEYS_OF_PART: Record<Dialect, Partial<Record<EditPart, readonly string[]>>> = {
  github: { needs: ['needs'], environment: ['environment'], condition: ['if'], timeout: ['timeout-minutes'], name: ['name'], runner: ['runs-on'] },
  gitlab: { needs: ['needs', 'dependencies'], environment: ['environment'], condition: ['rules', 'only', 'except', 'when'], timeout: ['timeout'], runner: ['image'] },
  azure: { needs: ['dependsOn'], environment: ['environment', 'steps'], condition: ['condition'], timeout: ['timeoutInMinutes'], name: ['displayName'], runner: ['pool'] },
};

/**
 * Keys an edit moves whole without reading into them (a plain Azure job's `steps:` go under its
 * new deployment strategy unchanged): what they are written with does not matter, only whether
 * a `${{ }}` block may set them.
 */
const MOVED_WHOLE = new Set(['steps']);

/** The keys `part` writes in `dialect`. */
export function keysOfPart(dialect: Dialect, part: EditPart): readonly string[] {
  return KEYS_OF_PART[dialect][part] ?? [];
}

/**
 * Which part of a marked node is in the way of editing `part`, read in the YAML; undefined when
 * what the edit writes is plainly the node's own text. `inheritedIsOwn`: a key the node lacks
 * but merges in with `<<:` may be written as its own, overriding the merged one (GitLab's
 * planner writes the inherited value with the change).
 */
export function ownTextProblem(src: YamlSource, dialect: Dialect, node: GraphNode, part: EditPart, inheritedIsOwn = false): string | undefined {
  if (!node.marks.some((m) => WRITTEN_WITH.has(m))) return undefined;
  const value = nodeValue(src, node, dialect === 'azure');
  if (value === undefined) return undefined;
  const line = (n: Node | undefined) => lineWhere(src, n?.range?.[0] ?? node.offsets[0]);
  if (isAlias(value)) {
    // Deleting an alias deletes only the alias; anything else would write into the anchor's text.
    return part === 'delete' ? undefined : `it is written as the alias \`*${value.source}\`, so its text is the anchor's`;
  }
  if (!isCollection(value)) return undefined;
  const reusing = aliasesInto(src, value).filter(({ alias }) => !within(alias, value));
  if (part === 'delete') {
    const outside = reusing[0]?.alias;
    return outside ? `\`*${outside.source}\` (${line(outside)}) reuses text written in it, which deleting it would leave pointing at nothing` : undefined;
  }
  const whole = reusing.find(({ target }) => target === value)?.alias;
  if (whole) return `its whole mapping is reused as \`*${whole.source}\` (${line(whole)}), which the edit would change too`;
  if (!isMap(value)) return undefined;
  if (dialect === 'azure') {
    const keys = keysOfPart(dialect, part);
    const conditional = (value.items as Pair[]).find((p) => /\$\{\{/.test(keyOf(p) ?? '') && maySet(p.value, keys));
    if (conditional) return `its \`${keyOf(conditional)}\` (${line(conditional.key as Node)}) may set ${keys.map((k) => `\`${k}:\``).join(' or ') || 'its keys'} when the pipeline is compiled`;
  }
  for (const key of keysOfPart(dialect, part)) {
    const own = (value.items as Pair[]).find((p) => keyOf(p) === key);
    if (own && MOVED_WHOLE.has(key)) continue;
    if (own) {
      const how = writtenWith(own.value);
      if (how) return `its \`${key}:\` (${line(own.key as Node)}) ${how}`;
      continue;
    }
    if (inheritedIsOwn) continue;
    const merge = mergeSupplying(src, value as YAMLMap.Parsed, key);
    if (merge) return `its \`${key}:\` comes from \`<<: ${merge.text}\` (${line(merge.at)})`;
  }
  return undefined;
}

/**
 * Whether a `${{ if }}` block's value may set any of `keys`: a mapping of plain keys that names
 * none of them cannot; anything else (an `${{ insert }}`, a nested block naming one) may.
 */
function maySet(value: unknown, keys: readonly string[]): boolean {
  if (!isMap(value)) return true;
  return (value.items as Pair[]).some((p) => {
    const k = keyOf(p);
    if (k === undefined) return true;
    if (k.includes('${{')) return maySet(p.value, keys);
    return keys.includes(k);
  });
}

/** What in a value the designer will not rewrite, as a predicate ("uses a YAML alias"), if anything. */
function writtenWith(value: unknown): string | undefined {
  let found: string | undefined;
  visit(value as Node, {
    Alias() {
      found = 'uses a YAML alias';
      return visit.BREAK;
    },
    Pair(_, pair) {
      const k = keyOf(pair);
      if (k === '<<') found = 'merges in another mapping with `<<:`';
      else if (k?.includes('${{')) found = 'holds a `${{ }}` key evaluated when the pipeline is compiled';
      return found ? visit.BREAK : undefined;
    },
    Node(_, n) {
      if ((n as { anchor?: string }).anchor) found = 'defines a YAML anchor that other parts of the file may reuse';
      else if ((n as { tag?: string }).tag === '!reference') found = 'uses a `!reference` tag';
      return found ? visit.BREAK : undefined;
    },
  });
  if (found === undefined && isScalar(value) && typeof value.value === 'string' && value.value.includes('${{')) found = 'is a `${{ }}` expression';
  return found;
}

/** The `<<:` entry of `map` that brings in `key`, when the map does not write it itself. */
function mergeSupplying(src: YamlSource, map: YAMLMap.Parsed, key: string): { text: string; at: Node } | undefined {
  for (const pair of map.items as Pair[]) {
    if (keyOf(pair) !== '<<') continue;
    const sources = isCollection(pair.value) && !isMap(pair.value) ? (pair.value.items as unknown[]) : [pair.value];
    for (const source of sources) {
      const target = isAlias(source) ? aliasTarget(src, source as Alias) : source;
      if (isMap(target) && target.items.some((p) => keyOf(p as Pair) === key)) {
        return { text: isAlias(source) ? `*${source.source}` : '{…}', at: pair.key as Node };
      }
    }
  }
  return undefined;
}

/** Aliases anywhere in the document whose anchor is `value` or inside it, with what they point at. */
function aliasesInto(src: YamlSource, value: Node): { alias: Alias; target: Node }[] {
  const out: { alias: Alias; target: Node }[] = [];
  // Only `value`'s own file can name its anchors (in a composite, the others are other documents).
  for (const [alias, target] of aliasesOfFile(src, value)) if (target && within(target, value)) out.push({ alias, target });
  return out;
}

function within(inner: Node, outer: Node): boolean {
  if (inner === outer) return true;
  const a = inner.range;
  const b = outer.range;
  return !!a && !!b && a[0] >= b[0] && a[1] <= b[2];
}

/**
 * The YAML value of a node: a job's mapping (GitHub, GitLab: the value of the key its span
 * starts at) or an Azure item's mapping (the mapping its span starts at; a block mapping starts
 * at its first key, so the two are told apart by dialect rather than by position).
 */
function nodeValue(src: YamlSource, node: GraphNode, isItem: boolean): Node | undefined {
  const start = node.offsets[0];
  let found: Node | undefined;
  visit(src.doc, {
    Pair(_, pair) {
      const key = (pair as Pair<Node, Node>).key;
      if (!isItem && key?.range?.[0] === start) {
        found = (pair as Pair<Node, Node>).value ?? undefined;
        return visit.BREAK;
      }
      const range = (pair.value as Node | null)?.range;
      if (range && (range[1] < start || range[0] > node.offsets[1])) return visit.SKIP;
      return undefined;
    },
    Map(_, map) {
      if (isItem && map.range?.[0] === start) {
        found = map;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

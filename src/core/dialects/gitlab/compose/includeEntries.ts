// The `include:` of one GitLab file, read as a list of entries: what each points at, where it is
// written, and whether its `rules:` decide it in or out without running a pipeline.
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { keyOf, pairOf, scalarText, valueOf } from '../../../yaml/source';

export type IncludeKind = 'local' | 'project' | 'remote' | 'template' | 'component';

const KINDS: readonly IncludeKind[] = ['local', 'project', 'remote', 'template', 'component'];

export interface IncludeEntry {
  /** undefined: a form GitLab does not know (reported, not followed). */
  kind: IncludeKind | undefined;
  /** local: the path as written; others: what the include points at, in words. */
  target: string;
  /** Offset of the entry in its file. */
  offset: number;
  /** 'included' when no rules or rules that decide it in; 'conditional' when they cannot be decided here. */
  rules: 'included' | 'excluded' | 'conditional';
  /**
   * An include's `inputs: stage:` (components, and files with `spec: inputs:`): the stage its jobs
   * run in by convention (the CI/CD catalog's components take it so). A file read here shows its
   * own jobs; another is drawn in that stage when it is one.
   */
  stage?: string;
  /** The `inputs:` mapping the include passes, as written (see inputs.ts). */
  inputs?: unknown;
}

/** `exists` asks whether any file of the project matches a glob. */
export function includeEntries(root: YAMLMap, exists: (glob: string) => boolean): IncludeEntry[] {
  const pair = pairOf(root, 'include');
  if (!pair) return [];
  const value = pair.value as Node | null;
  const keyOffset = (pair.key as Node | null)?.range?.[0] ?? 0;
  if (value === null || value === undefined) return [];
  const items = isSeq(value) ? (value.items as Node[]) : [value];
  return items.map((item) => entryOf(item, item?.range?.[0] ?? keyOffset, exists));
}

function entryOf(item: Node, offset: number, exists: (glob: string) => boolean): IncludeEntry {
  if (isScalar(item)) {
    const text = scalarText(item) ?? '';
    // A bare string is a local path, or a remote URL when it is one.
    const kind: IncludeKind = /^https?:\/\//i.test(text) ? 'remote' : 'local';
    return { kind, target: text, offset, rules: 'included' };
  }
  if (!isMap(item)) return { kind: undefined, target: 'include (unrecognised form)', offset, rules: 'included' };
  const kind = KINDS.find((k) => pairOf(item, k) !== undefined);
  const rules = decideRules(valueOf(item, 'rules'), exists);
  if (!kind) return { kind: undefined, target: 'include (unrecognised form)', offset, rules };
  const entry: IncludeEntry = { kind, target: kind === 'local' ? scalarText(valueOf(item, 'local')) ?? '' : describe(kind, item), offset, rules };
  const stage = kind !== 'local' ? scalarText(valueOf(valueOf(item, 'inputs'), 'stage'))?.trim() : undefined;
  if (stage) entry.stage = stage;
  const inputs = valueOf(item, 'inputs');
  if (inputs !== undefined) entry.inputs = inputs;
  return entry;
}

function describe(kind: IncludeKind, item: YAMLMap): string {
  const target = listText(valueOf(item, kind));
  if (kind !== 'project') return `${kind}: ${target}`;
  const files = listText(valueOf(item, 'file'));
  const ref = scalarText(valueOf(item, 'ref'));
  return `project: ${target}${files ? ` → ${files}` : ''}${ref ? ` @ ${ref}` : ''}`;
}

function listText(value: unknown): string {
  const single = scalarText(value);
  if (single !== undefined) return single;
  if (!isSeq(value)) return '';
  return value.items.map((i) => scalarText(i) ?? '').filter((s) => s !== '').join(', ');
}

/**
 * GitLab takes the first rule that matches; `when: never` leaves the file out, and no match at
 * all leaves it out too. A rule without conditions always matches and `exists:` is decided from
 * the project's files; `if:` and `changes:` depend on the pipeline, so they cannot be decided.
 */
function decideRules(rules: unknown, exists: (glob: string) => boolean): IncludeEntry['rules'] {
  if (rules === undefined || !isSeq(rules)) return 'included';
  for (const rule of rules.items) {
    if (!isMap(rule)) return 'conditional';
    const keys = rule.items.map((p) => keyOf(p));
    if (keys.includes('if') || keys.includes('changes')) return 'conditional';
    if (keys.includes('exists') && !existsMatches(valueOf(rule, 'exists'), exists)) continue;
    return scalarText(valueOf(rule, 'when')) === 'never' ? 'excluded' : 'included';
  }
  return 'excluded';
}

function existsMatches(value: unknown, exists: (glob: string) => boolean): boolean {
  const paths = isMap(value) ? valueOf(value, 'paths') : value;
  const globs = isSeq(paths) ? paths.items.map((i) => scalarText(i)) : [scalarText(paths)];
  return globs.some((g) => g !== undefined && exists(g));
}

// Stage and job names also appear inside expressions: `dependencies.Build.result`,
// `stageDependencies.Build.Compile.outputs['step.var']`, `dependencies.Build.outputs['Job.step.var']`
// in conditions and variables. Those strings are code, not names the designer can rewrite
// safely, so an edit that would leave them dangling is refused with their position.
import type { Node } from 'yaml';
import { isScalar, visit } from 'yaml';
import { lineWhere, positionAt, type YamlSource } from '../../../yaml/source';
import { Refusal } from '../../splices';

const MENTIONS = /dependencies|succeeded|failed/i;

export interface Mention {
  offset: number;
  line: number;
  column: number;
  text: string;
}

/** Scalars under `scope` that use `dependencies` and name one of `names` as a whole word, or test it by a status function. */
export function dependencyMentions(src: YamlSource, scope: unknown, names: readonly string[]): Mention[] {
  // Every mention is in the text, so a text that never says "dependencies" mentions nothing.
  if (!scope || typeof scope !== 'object' || !MENTIONS.test(src.text)) return [];
  const patterns = names.map((n) => new RegExp(`(^|[^A-Za-z0-9_])${escapeRegExp(n)}([^A-Za-z0-9_]|$)`));
  // `succeeded('Build')`, `failed('A', 'B')`: the status functions name what they test, quoted.
  const tested = names.map((n) => new RegExp(`(?:succeeded|failed|succeededOrFailed)\\s*\\([^()]*['"]\\s*${escapeRegExp(n)}\\s*['"]`, 'i'));
  const found: Mention[] = [];
  visit(scope as Node, {
    Scalar(_, node) {
      if (!isScalar(node) || typeof node.value !== 'string') return;
      const value = node.value;
      const named = /dependencies/i.test(value) ? patterns.some((p) => p.test(value)) : tested.some((p) => p.test(value));
      if (!named) return;
      const { line, column } = positionAt(src, node.range?.[0] ?? 0);
      found.push({ offset: node.range?.[0] ?? 0, line, column, text: value.trim().split(/\r?\n/)[0] });
    },
  });
  return found;
}

/** Refuses when any expression under `scope` refers to `name` through `dependencies`. */
export function refuseIfMentioned(
  /** `home`: an offset in the file being edited (a line in another file is named with it). */
  { src, home }: { src: YamlSource; home?: number },
  scope: unknown,
  names: readonly string[],
  what: string,
  /** Mentions inside this range [start, end) go with the edited part and are not counted. */
  except?: readonly [number, number],
): void {
  const mentions = dependencyMentions(src, scope, names).filter((m) => !except || m.offset < except[0] || m.offset >= except[1]);
  if (mentions.length === 0) return;
  const where = mentions.slice(0, 3).map((m) => `${lineWhere(src, m.offset, home)}: \`${clip(m.text)}\``).join('; ');
  throw new Refusal(`${what}: an expression refers to it by name (${where}); change ${mentions.length > 1 ? 'those' : 'that'} in the text first`);
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Sorting a GitLab file's top level into global settings, hidden templates and jobs.
import { isAlias, isMap, isScalar, type Pair, type ParsedNode, type YAMLMap } from 'yaml';
import type { GraphProblem } from '../../model';
import { keyOf, positionAt, type YamlSource } from '../../yaml/source';
import { startOf } from './view';

/** Top-level keys GitLab reads as settings, never as jobs (`pages` is a job). */
export const RESERVED_KEYS = new Set([
  'stages', 'types', 'variables', 'default', 'workflow', 'include', 'image', 'services', 'cache',
  'before_script', 'after_script', 'spec',
]);

export type JobPair = Pair<ParsedNode, ParsedNode | null>;

export interface TopLevel {
  /** Raw value of every top-level key (jobs, templates and settings); a repeated key's last value wins, as in GitLab. */
  values: Map<string, unknown>;
  /** Jobs in file order: visible keys that are not settings. */
  jobs: { name: string; pair: JobPair }[];
  problems: GraphProblem[];
}

export function sortTopLevel(root: YAMLMap.Parsed, src: YamlSource): TopLevel {
  const values = new Map<string, unknown>();
  const jobs: { name: string; pair: JobPair }[] = [];
  const problems: GraphProblem[] = [];
  // GitLab loads a repeated key and keeps the later value (a warning is already reported), so
  // only the last occurrence of each key counts.
  const lastIndex = new Map<string, number>();
  root.items.forEach((item, i) => {
    const name = keyOf(item);
    if (name !== undefined) lastIndex.set(name, i);
  });
  for (const [i, item] of root.items.entries()) {
    const pair = item as JobPair;
    const name = keyOf(pair);
    if (name === undefined) {
      problems.push(structureProblem(src, pair, 'a top-level key must be a plain name; this one is a collection'));
      continue;
    }
    if (lastIndex.get(name) !== i) continue;
    values.set(name, pair.value);
    if (RESERVED_KEYS.has(name) || name.startsWith('.') || name === '<<' || name === '') continue;
    if (isJobShaped(pair.value)) jobs.push({ name, pair });
    else problems.push(structureProblem(src, pair, `job "${name}" must be a mapping (with script:, trigger: or extends:), not ${describe(pair.value)}`));
  }
  return { values, jobs, problems };
}

// An alias stands for whatever its anchor holds; the resolver decides later whether that is a job.
function isJobShaped(value: unknown): boolean {
  return isMap(value) || isAlias(value);
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (isScalar(value)) return value.value === null ? 'empty' : `the value ${JSON.stringify(String(value.value))}`;
  return 'a list';
}

export function structureProblem(src: YamlSource, pair: Pair<unknown, unknown>, message: string): GraphProblem {
  return { message, ...positionAt(src, startOf(pair.key) ?? startOf(pair.value) ?? 0), severity: 'error', source: 'structure' };
}

// Finding a workflow's jobs and editing a job's entries at the place a GitHub author would put
// them. Everything located here is a block mapping edited in whole lines; flow mappings go
// through the shared splices, which edit them in place.
import { isCollection, isMap, isScalar, Scalar, type Node, type Pair, type YAMLMap } from 'yaml';
import { renderInline, renderPair } from '../../fragment';
import { columnOf } from '../../lines';
import type { PlanContext } from '../../plan';
import { Refusal } from '../../splices';
import { keyOf, pairOf, rootMap, type YamlSource } from '../../../yaml/source';
import { entryLines, introducingCommentsStart } from '../../wholeLines';

type AnyPair = Pair<unknown, unknown>;

/** GitHub's rule for `jobs.<job_id>`. */
export const JOB_ID = /^[A-Za-z_][A-Za-z0-9_-]*$/;

export function checkJobId(id: string): void {
  if (!JOB_ID.test(id)) {
    throw new Refusal(`"${id}" is not a valid GitHub job id: it must start with a letter or _ and hold only letters, digits, - and _`);
  }
}

/** The `jobs:` mapping, as a block mapping with at least one job. */
export function jobsMap(src: YamlSource): { pair: Pair<Node, Node>; map: YAMLMap.Parsed } {
  const pair = pairOf(rootMap(src), 'jobs');
  if (!pair) throw new Refusal('the workflow has no `jobs:` mapping');
  const map = pair.value;
  if (!isMap(map)) throw new Refusal('`jobs:` is not a mapping written out in this file');
  if (map.flow) throw new Refusal('`jobs:` is written as a flow mapping ({ … }); edit it in the text');
  if (map.items.length === 0) throw new Refusal('`jobs:` is empty');
  return { pair: pair as Pair<Node, Node>, map: map as YAMLMap.Parsed };
}

export interface JobEntry {
  id: string;
  pair: Pair<Scalar, YAMLMap>;
  body: YAMLMap;
}

/** Every job whose value is a mapping, in file order. */
export function allJobs(src: YamlSource): JobEntry[] {
  const { map } = jobsMap(src);
  const jobs: JobEntry[] = [];
  const seen = new Set<string>();
  for (const pair of map.items) {
    const id = keyOf(pair);
    if (id === undefined || seen.has(id) || !isScalar(pair.key) || !isMap(pair.value)) continue;
    seen.add(id);
    jobs.push({ id, pair: pair as unknown as Pair<Scalar, YAMLMap>, body: pair.value as YAMLMap });
  }
  return jobs;
}

export function job(src: YamlSource, id: string): JobEntry {
  const found = allJobs(src).find((j) => j.id === id);
  if (!found) throw new Refusal(`job "${id}" is not a mapping written out in this file`);
  return found;
}

// Where a key goes in a job: the order GitHub's documentation and most workflows use. A new key
// goes after the entry written last among those that come before it here (the file's own order
// wins), or first when none does.
const JOB_KEY_ORDER = [
  'name', 'runs-on', 'needs', 'if', 'environment', 'permissions', 'concurrency', 'outputs',
  'env', 'defaults', 'timeout-minutes', 'continue-on-error', 'strategy', 'container', 'services', 'uses', 'with',
  'secrets', 'steps',
];

export function keyRank(key: string): number {
  const i = JOB_KEY_ORDER.indexOf(key);
  return i < 0 ? JOB_KEY_ORDER.length : i;
}

/** The entry a new `key` follows in `map`, or undefined when it goes first. */
function predecessor(map: YAMLMap, key: string, order: (k: string) => number): AnyPair | undefined {
  const rank = order(key);
  let last: AnyPair | undefined;
  for (const pair of map.items as AnyPair[]) {
    const k = keyOf(pair);
    if (k !== undefined && order(k) < rank) last = pair;
  }
  return last;
}

/** Add `key: value` to a mapping at its conventional place (`order` ranks keys). */
export function insertEntry(ctx: PlanContext, map: YAMLMap, key: string, value: unknown, order: (k: string) => number = keyRank): void {
  if (map.flow) {
    ctx.splices.insertPair(map, key, value);
    return;
  }
  const first = map.items[0] as AnyPair | undefined;
  const firstKey = first?.key as Node | undefined;
  if (!firstKey?.range) throw new Refusal('the mapping to add to is empty');
  const column = columnOf(ctx.text, firstKey.range[0]);
  const lines = renderPair(key, value, ctx.style, column);
  const after = predecessor(map, key, order);
  if (after) {
    ctx.splices.insertLines(entryLines(ctx.text, after)[1], lines);
    return;
  }
  // First: above the comments that introduce the current first entry.
  ctx.splices.insertLines(introducingCommentsStart(ctx.text, entryLines(ctx.text, first!)[0], column), lines);
}

/** Set `key` to `value`: a scalar is replaced in place (keeping its quotes), anything else rewrites the entry's lines. */
export function setEntry(ctx: PlanContext, map: YAMLMap, key: string, value: unknown, order?: (k: string) => number): void {
  const pair = pairOf(map, key);
  if (!pair) {
    insertEntry(ctx, map, key, value, order);
    return;
  }
  const old = pair.value;
  const primitive = value === null || typeof value !== 'object';
  if (primitive && isCollection(old) && old.flow && old.range) {
    // `runs-on: [self-hosted, linux]  # note` → `runs-on: ubuntu-latest  # note`
    ctx.splices.replace(old.range[0], old.range[1], renderInline(value, ctx.style));
    return;
  }
  const oldIsLineScalar = isScalar(old) && old.type !== Scalar.BLOCK_LITERAL && old.type !== Scalar.BLOCK_FOLDED && old.value !== null;
  if (map.flow || (primitive && oldIsLineScalar)) {
    ctx.splices.setPair(map, key, value);
    return;
  }
  const [start, end] = entryLines(ctx.text, pair);
  const column = columnOf(ctx.text, (pair.key as Node).range![0]);
  if (ctx.text.slice(start, (pair.key as Node).range![0]).trim() !== '') {
    throw new Refusal(`"${key}" shares its line with something else; edit it in the text`);
  }
  ctx.splices.replaceLines(start, end, renderPair(key, value, ctx.style, column));
}

/** Remove `key` and its value (whole lines in a block mapping); nothing when it is absent. */
export function removeEntry(ctx: PlanContext, map: YAMLMap, key: string): void {
  const pair = pairOf(map, key);
  if (!pair) return;
  if (map.flow) {
    ctx.splices.removePair(map, pair);
    return;
  }
  if (map.items.length === 1) throw new Refusal(`removing "${key}" would leave an empty mapping; edit it in the text`);
  const [start, end] = entryLines(ctx.text, pair);
  ctx.splices.removeLines(start, end);
}

/** A job's string value under `key`, in a re-parsed file (for value checks). */
export function jobValue(src: YamlSource, id: string, key: string): unknown {
  try {
    const entry = allJobs(src).find((j) => j.id === id);
    const value = entry ? pairOf(entry.body, key)?.value : undefined;
    return isScalar(value) ? value.value : value === undefined ? undefined : value;
  } catch (e) {
    if (e instanceof Refusal) return undefined; // the re-parsed file has no jobs mapping
    throw e;
  }
}

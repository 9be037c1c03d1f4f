// GitLab `needs:` → explicit edges. Items are job names or `{job, artifacts, optional}`; items
// naming another pipeline (`pipeline:` / `project:`) are cross-pipeline and draw no edge. A name
// may be one job of a `parallel: matrix:` as GitLab names it (`build: [linux, amd64]`): the edge
// is from the matrix job (matrixJobOf).
import { isScalar, isSeq } from 'yaml';
import type { GraphEdge } from '../../model';
import { positionAt, scalarText, type YamlSource } from '../../yaml/source';
import { MapView, startOf, type Resolver, type ViewValue } from './view';

export interface NeedsResult {
  /** False when the job has no `needs:` (it then waits for the previous stage). */
  present: boolean;
  edges: GraphEdge[];
  /** Targets needed with `optional: true`: GitLab ignores them when no such job exists. */
  optional: Set<string>;
}

export function needsEdges(job: string, needs: ViewValue | undefined, src: YamlSource, resolver: Resolver): NeedsResult {
  // `needs:` written with no value is no list at all: GitLab falls back to stage order.
  if (needs === undefined || needs === null || (isScalar(needs) && scalarText(needs) === undefined)) {
    return { present: false, edges: [], optional: new Set() };
  }
  // A bare `needs: build` or `needs: {job: build}` is not valid GitLab, but its meaning is plain.
  const entries = isSeq(needs) ? resolver.items(needs) : [{ item: needs, written: needs }];
  const seen = new Set<string>();
  const edges: GraphEdge[] = [];
  const optional = new Set<string>();
  for (const { item, written } of entries) {
    let name: string | undefined;
    let at: unknown;
    if (item instanceof MapView) {
      if (item.has('pipeline') || item.has('project')) continue;
      at = item.get('job');
      name = at instanceof MapView ? undefined : scalarText(at);
      if (name !== undefined && scalarText(item.get('optional')) === 'true') optional.add(name);
    } else {
      name = scalarText(item);
      // Where the reference is written in this job (an alias), else where the inherited item is.
      at = written instanceof MapView ? item : written;
    }
    if (name === undefined || name === '' || seen.has(name)) continue;
    seen.add(name);
    edges.push({ from: name, to: job, implicit: false, ...positionOf(src, at) });
  }
  return { present: true, edges, optional };
}

function positionOf(src: YamlSource, node: unknown): { line?: number; column?: number } {
  const offset = startOf(node);
  return offset === undefined ? {} : positionAt(src, offset);
}

/** `job: [v1, v2]`, the name GitLab gives one job of a `parallel: matrix:`: the job's name and the values. */
const MATRIX_INSTANCE = /^(.+): \[(.+)\]$/;

/**
 * The job whose `parallel: matrix:` makes a job of this name (`"build: [linux, amd64]"` of
 * `build`), when `isMatrixJob` says there is one; undefined otherwise. GitLab accepts such a name
 * in `needs:` and `dependencies:` (gitlab-runner's own pipeline needs one helper-image build so).
 */
export function matrixJobOf(name: string, isMatrixJob: (id: string) => boolean): string | undefined {
  const m = MATRIX_INSTANCE.exec(name);
  return m && isMatrixJob(m[1]) ? m[1] : undefined;
}

/** GitLab's limit: one `parallel: matrix:` makes at most 200 jobs. */
const MAX_MATRIX_JOBS = 200;

/**
 * The names of the jobs `job`'s `parallel: matrix:` makes, as GitLab names them (each entry's
 * variables in their written order, every combination of their values: `build: [linux, amd64]`);
 * undefined when a value is not a plain one or the matrix is over GitLab's limit — nothing to
 * check a name against then.
 */
export function matrixJobNames(job: string, parallel: ViewValue | undefined, resolver: Resolver): Set<string> | undefined {
  if (!(parallel instanceof MapView)) return undefined;
  const names = new Set<string>();
  for (const { item } of resolver.items(parallel.get('matrix'))) {
    if (!(item instanceof MapView)) return undefined;
    let combinations: string[][] = [[]];
    for (const { value } of item.entries.values()) {
      const values = isSeq(value) ? resolver.items(value).map(({ item: v }) => plainValue(v)) : [plainValue(value)];
      if (values.some((v) => v === undefined)) return undefined;
      combinations = combinations.flatMap((c) => values.map((v) => [...c, v as string]));
      if (combinations.length > MAX_MATRIX_JOBS) return undefined;
    }
    for (const c of combinations) names.add(`${job}: [${c.join(', ')}]`);
  }
  return names.size > 0 && names.size <= MAX_MATRIX_JOBS ? names : undefined;
}

function plainValue(value: ViewValue | undefined): string | undefined {
  return isScalar(value) ? scalarText(value) : undefined;
}

// addDependency / removeDependency on `needs:`. A job without `needs:` waits for every job of
// the nearest earlier stage; touching one of those dependencies means writing them all out,
// because a `needs:` list replaces the stage order entirely. It also replaces where artifacts come
// from (only the jobs listed), so the jobs whose artifacts the job received are listed too.
import type { GraphNode } from '../../../model';
import { artifactFlowOf } from '../../artifacts';
import type { EditOperation } from '../../operations';
import { Refusal } from '../../splices';
import type { GitlabFile } from './file';
import { editableJob } from './references';
import { appendToList, needName, preferFlowNeeds, readJobList, removeFromList, writeWholeList, type JobList, type NeedEntry } from './needsList';
import { MapView } from '../../../dialects/gitlab/view';
import { isScalar, isSeq, scalarText } from '../../../yaml/source';

export function planAddDependency(file: GitlabFile, op: Extract<EditOperation, { op: 'addDependency' }>): void {
  const job = editableJob(file, op.stage, 'would get a new dependency', 'needs');
  const dependency = file.ctx.node(op.dependsOn);
  refuseLaterStage(file, job, dependency);
  const map = file.jobMap(op.stage);
  const needs = readJobList(map, 'needs', file.jobNamed);
  if (needs.shape !== 'absent') {
    appendToList(file.ctx.splices, needs, op.dependsOn);
    return;
  }
  const inherited = inheritedList(file, op.stage, 'needs');
  if (inherited) {
    // The job's own needs: replace the inherited ones (GitLab merges lists by replacing them).
    writeWholeList(file.ctx.splices, map, needs, [...inherited, op.dependsOn], preferFlowNeeds(file.root));
    return;
  }
  writeExplicitNeeds(file, op.stage, needs, [...stageOrderNeeds(file, op.stage), op.dependsOn]);
}

export function planRemoveDependency(file: GitlabFile, op: Extract<EditOperation, { op: 'removeDependency' }>): void {
  editableJob(file, op.stage, 'would lose a dependency', 'needs');
  const map = file.jobMap(op.stage);
  const needs = readJobList(map, 'needs', file.jobNamed);
  const dependencies = readJobList(map, 'dependencies', file.jobNamed);
  const inheritedNeeds = needs.shape === 'absent' ? inheritedList(file, op.stage, 'needs') : undefined;
  if (needs.shape !== 'absent') {
    removeFromList(file.ctx.splices, needs, op.dependsOn);
  } else if (inheritedNeeds) {
    writeWholeList(file.ctx.splices, map, needs, inheritedNeeds.filter((n) => needName(n) !== op.dependsOn), preferFlowNeeds(file.root));
  } else {
    const rest = stageOrderNeeds(file, op.stage).filter((n) => needName(n) !== op.dependsOn);
    writeExplicitNeeds(file, op.stage, needs, rest, op.dependsOn);
  }
  // GitLab rejects `dependencies:` naming a job that `needs:` does not list.
  const inheritedDependencies = dependencies.shape === 'absent' ? inheritedList(file, op.stage, 'dependencies') : undefined;
  if (inheritedDependencies?.some((n) => needName(n) === op.dependsOn)) {
    const rest = inheritedDependencies.filter((n) => needName(n) !== op.dependsOn).map(needName);
    writeWholeList(file.ctx.splices, map, dependencies, rest, preferFlowNeeds(file.root));
  } else {
    removeFromList(file.ctx.splices, dependencies, op.dependsOn);
  }
}

/**
 * A `needs:` or `dependencies:` the job does not write but inherits (through `extends` or a
 * `<<:` merge), as entries to write as its own; undefined when it inherits none. An entry that
 * says more than a job name (`parallel: matrix:`, `artifacts:`) is written out with all it says,
 * as plain values (what it inherits, resolved: aliases and `!reference` followed).
 */
function inheritedList(file: GitlabFile, id: string, key: 'needs' | 'dependencies'): NeedEntry[] | undefined {
  const value = file.view(id)?.get(key);
  if (value === undefined || value === null) return undefined;
  const how = file.ctx.node(id).marks.includes('extends') ? '`extends`' : 'a `<<:` merge';
  const cannot = (what: string) =>
    new Refusal(`"${id}" inherits its ${key}: through ${how}, and ${what}, which the designer will not write out as its own; change it in the text`);
  const single = scalarText(value);
  const items = value instanceof MapView ? [{ item: value }] : single !== undefined ? [{ item: value }] : file.resolver.items(value);
  if (!(value instanceof MapView) && single === undefined && !isSeq(value)) throw cannot('it is not a list');
  const entries: NeedEntry[] = [];
  for (const { item } of items) {
    const name = scalarText(item);
    if (name !== undefined && !(item instanceof MapView)) {
      entries.push(name);
      continue;
    }
    if (!(item instanceof MapView)) throw cannot('an entry is not a job name');
    const job = scalarText(item.get('job'));
    const other = [...item.entries.keys()].filter((k) => k !== 'job' && k !== 'optional');
    const optional = scalarText(item.get('optional'));
    if (job === undefined || (optional !== undefined && optional !== 'true' && optional !== 'false')) throw cannot('an entry sets more than a job');
    if (other.length === 0) {
      entries.push(optional === 'true' ? { job, optional: true } : job);
      continue;
    }
    const written: { job: string } & Record<string, unknown> = { job };
    for (const [key, entry] of item.entries) {
      if (key === 'job') continue;
      const value = plainValue(file, entry.value, 0);
      if (value === undefined) throw cannot(`an entry's \`${key}\` is not a plain value`);
      written[key] = value;
    }
    entries.push(written);
  }
  return entries;
}

/** A resolved value as plain data (scalars as they are read, lists, mappings); undefined for anything else. */
function plainValue(file: GitlabFile, value: unknown, depth: number): unknown {
  if (depth > 20) return undefined;
  if (value instanceof MapView) {
    const out: Record<string, unknown> = {};
    for (const [key, entry] of value.entries) {
      const v = plainValue(file, entry.value, depth + 1);
      if (v === undefined) return undefined;
      out[key] = v;
    }
    return out;
  }
  // A tag says how to read the text (`!reference` is resolved before this): not plain data.
  if ((value as { tag?: string } | null)?.tag) return undefined;
  if (isScalar(value)) return value.value ?? null;
  if (isSeq(value)) {
    const items = file.resolver.items(value).map(({ item }) => plainValue(file, item, depth + 1));
    return items.every((i) => i !== undefined) ? items : undefined;
  }
  return value === null ? null : undefined;
}

/**
 * The job's stage-order dependencies as `needs:` entries. A dependency that rules:, only: or
 * except: may leave out of a pipeline is needed with `optional: true`: the stage order never
 * failed on a missing job, and a plain need would.
 */
export function stageOrderNeeds(file: GitlabFile, id: string): NeedEntry[] {
  return file.ctx.graph.edges
    .filter((e) => e.to === id && e.implicit)
    .map((e) => (isConditional(file, e.from) ? { job: e.from, optional: true as const } : e.from));
}

function isConditional(file: GitlabFile, id: string): boolean {
  const view = file.view(id);
  return !!view && ['rules', 'only', 'except'].some((k) => view.has(k));
}

/** GitLab's default limit on the jobs one job may list in `needs:`. */
const MAX_NEEDS = 50;

/**
 * Write `needs:` for a job that had none: `entries`, then the jobs whose artifacts it received and
 * must keep receiving (`dropping`, the dependency being removed, is not kept).
 */
export function writeExplicitNeeds(file: GitlabFile, id: string, needs: JobList, entries: NeedEntry[], dropping?: string): void {
  const all = [...entries, ...artifactNeeds(file, id, entries, dropping)];
  if (all.length > MAX_NEEDS) {
    throw new Refusal(
      `"${id}" would need ${all.length} jobs to keep its order and the artifacts it receives, and GitLab allows at most ${MAX_NEEDS} in needs:; edit it in the text`,
    );
  }
  writeWholeList(file.ctx.splices, file.jobMap(id), needs, all, preferFlowNeeds(file.root));
}

/**
 * The jobs a stage-order job received artifacts from that `entries` does not list: with `needs:`
 * it downloads only from the jobs listed. With `dependencies:`, those (GitLab wants them among
 * needs, and they still decide what is downloaded); else every earlier job that may leave any.
 */
function artifactNeeds(file: GitlabFile, id: string, entries: NeedEntry[], dropping: string | undefined): NeedEntry[] {
  const named = new Set(entries.map(needName));
  if (dropping !== undefined) named.add(dropping);
  const from = file.ctx.node(id).artifactsFrom;
  const sources = Array.isArray(from) ? from : [...(artifactFlowOf(file.ctx.graph)(id) ?? [])];
  const added = sources.filter((s) => !named.has(s));
  const unknown = added.find((s) => !file.ctx.graph.nodes.some((n) => n.id === s));
  if (unknown !== undefined) {
    throw new Refusal(
      `"${id}" downloads artifacts from "${unknown}" (dependencies:), which is not defined in this file; with needs: GitLab wants it listed there too — edit it in the text`,
    );
  }
  return added.map((s) => (isConditional(file, s) ? { job: s, optional: true as const } : s));
}

/** GitLab refuses a need on a job of a later stage. */
export function refuseLaterStage(file: GitlabFile, job: GraphNode, dependency: GraphNode): void {
  if (file.laneIndex(dependency.stage ?? '') > file.laneIndex(job.stage ?? '')) {
    throw new Refusal(
      `"${dependency.id}" is in stage "${dependency.stage}", which runs after "${job.id}"'s stage "${job.stage}"; ` +
        'GitLab rejects needs on a job of a later stage — move one of them first',
    );
  }
}

// addDependency / removeDependency on `needs:`. A job without `needs:` waits for every job of
// the nearest earlier stage; touching one of those dependencies means writing them all out,
// because a `needs:` list replaces the stage order entirely.
import type { GraphNode } from '../../../model';
import type { EditOperation } from '../../operations';
import { Refusal } from '../../splices';
import type { GitlabFile } from './file';
import { editableJob } from './references';
import { appendToList, needName, preferFlowNeeds, readJobList, removeFromList, writeWholeList, type JobList, type NeedEntry } from './needsList';

export function planAddDependency(file: GitlabFile, op: Extract<EditOperation, { op: 'addDependency' }>): void {
  const job = editableJob(file, op.stage, 'would get a new dependency');
  const dependency = file.ctx.node(op.dependsOn);
  refuseLaterStage(file, job, dependency);
  const map = file.jobMap(op.stage);
  const needs = readJobList(map, 'needs');
  if (needs.shape !== 'absent') {
    appendToList(file.ctx.splices, needs, op.dependsOn);
    return;
  }
  writeExplicitNeeds(file, op.stage, needs, [...stageOrderNeeds(file, op.stage), op.dependsOn]);
}

export function planRemoveDependency(file: GitlabFile, op: Extract<EditOperation, { op: 'removeDependency' }>): void {
  editableJob(file, op.stage, 'would lose a dependency');
  const map = file.jobMap(op.stage);
  const needs = readJobList(map, 'needs');
  const dependencies = readJobList(map, 'dependencies');
  if (needs.shape !== 'absent') {
    removeFromList(file.ctx.splices, needs, op.dependsOn);
  } else {
    const rest = stageOrderNeeds(file, op.stage).filter((n) => needName(n) !== op.dependsOn);
    writeExplicitNeeds(file, op.stage, needs, rest, op.dependsOn);
  }
  // GitLab rejects `dependencies:` naming a job that `needs:` does not list.
  removeFromList(file.ctx.splices, dependencies, op.dependsOn);
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

/** Write `needs:` for a job that had none, after checking its `dependencies:` stays valid. */
export function writeExplicitNeeds(file: GitlabFile, id: string, needs: JobList, entries: NeedEntry[], dropping?: string): void {
  const names = new Set(entries.map(needName));
  if (dropping) names.add(dropping); // removed from dependencies: by the caller
  const dependencies = readJobList(file.jobMap(id), 'dependencies');
  const outside = dependencies.items.find((i) => !names.has(i.name));
  if (outside) {
    throw new Refusal(
      `"${id}" downloads artifacts from "${outside.name}" (dependencies:) but would not need it; GitLab requires dependencies to be among needs — edit it in the text`,
    );
  }
  writeWholeList(file.ctx.splices, file.jobMap(id), needs, entries, preferFlowNeeds(file.root));
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

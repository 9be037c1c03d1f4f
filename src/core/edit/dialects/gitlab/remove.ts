// deleteStage: the job's entry, and every reference to it; its lane stays in `stages:`. The jobs
// that needed it need what it needed instead, so the order is kept (jobs that follow the stage
// order keep it by themselves: GitLab runs them after every job of every earlier stage).
import type { Node } from 'yaml';
import { fileBounds, partAt, type YamlSource } from '../../../yaml/source';
import { dependenciesOf } from '../../inherit';
import { columnOf, lineStart } from '../../lines';
import type { EditOperation } from '../../operations';
import { Refusal, type Splices } from '../../splices';
import { endOfLinesThrough, introducingCommentsStart, removalWithSpacing } from '../../wholeLines';
import { stageOrderNeeds } from './dependencies';
import { editableNode, type AnyPair, type GitlabFile } from './file';
import { needName, readJobList, removeFromList, replaceInList, type NeedEntry } from './needsList';
import { referencesTo, refuseIfReused } from './references';

export function planDelete(file: GitlabFile, op: Extract<EditOperation, { op: 'deleteStage' }>): void {
  const { splices } = file.ctx;
  editableNode(file, op.stage, 'would be deleted', 'delete');
  if (file.ctx.graph.nodes.length < 2) {
    // GitLab rejects a pipeline (or an included file) without a job.
    throw new Refusal(`"${op.stage}" is the only job, and a pipeline needs at least one; add another job before deleting this one`, { platform: 'pipeline-needs-a-job' });
  }
  refuseIfReused(file, op.stage, 'deleting it');
  refuseEmptyingIncludedFile(file, op.stage);
  const references = referencesTo(file, op.stage);
  const inherited = references.some((r) => r.needs.items.some((i) => i.name === op.stage)) ? neededBy(file, op.stage) : [];
  for (const refs of references) {
    if (refs.triggerJobs.length > 0) {
      throw new Refusal(`"${refs.job}" starts a child pipeline from the artifact of "${op.stage}" (trigger: include: job:); delete it in the text`);
    }
    replaceInList(splices, refs.needs, op.stage, inherited.filter((e) => needName(e) !== refs.job));
    // Artifacts came from the deleted job; its dependencies' artifacts were never asked for.
    removeFromList(splices, refs.dependencies, op.stage);
    // GitLab rejects an on_stop naming a job that does not exist.
    if (refs.onStop) splices.removePair(refs.onStop.environment, refs.onStop.pair);
  }
  removeTopLevelEntry(splices, file.jobPair(op.stage), file.ctx.src);
}

/**
 * In a composed pipeline, the job that is all an included file holds stays: GitLab rejects the
 * pipeline when an included file is empty (as the composer reports: collect.ts).
 */
function refuseEmptyingIncludedFile(file: GitlabFile, id: string): void {
  const src = file.ctx.src;
  const keyStart = (file.jobPair(id).key as Node).range![0];
  const [start, end] = fileBounds(src, keyStart);
  if (!src.parts || start === 0) return;
  const inFile = file.entries.filter(({ pair }) => {
    const at = (pair.key as Node | null)?.range?.[0];
    return at !== undefined && at >= start && at < end;
  });
  if (inFile.length > 1) return;
  const path = (partAt(src.parts, keyStart) as { path?: string } | undefined)?.path ?? 'its file';
  throw new Refusal(`"${id}" is all \`${path}\` holds, and GitLab rejects an included file that is empty; remove the file and its include in the text`);
}

/**
 * What the job waits for, as `needs:` entries for the jobs that needed it: its own needs (still
 * optional where they were), or its stage order written out.
 */
function neededBy(file: GitlabFile, id: string): NeedEntry[] {
  const own = readJobList(file.jobMap(id), 'needs', file.jobNamed);
  if (own.shape === 'absent') return stageOrderNeeds(file, id);
  return dependenciesOf(file.ctx.graph, id).map((name) => (own.items.some((i) => i.name === name && i.optional) ? { job: name, optional: true as const } : name));
}

/**
 * Remove a top-level entry's lines, with the comment lines that introduce it (as a deleted GitHub
 * job's). When blank lines separate entries, one run of them goes with it, so the entries around
 * it stay separated as before.
 */
export function removeTopLevelEntry(splices: Splices, pair: AnyPair, src: YamlSource): void {
  const text = splices.text;
  const keyStart = (pair.key as Node).range![0];
  const valueEnd = (pair.value as Node | null)?.range?.[1] ?? (pair.key as Node).range![1];
  const start = introducingCommentsStart(text, lineStart(text, keyStart), columnOf(text, keyStart));
  // The file's last entry is the one that ends it; the first, the one it starts with (in a
  // composite, the file the entry is written in).
  const bounds = fileBounds(src, keyStart);
  splices.removeLines(...removalWithSpacing(text, start, endOfLinesThrough(text, valueEnd), { first: start === bounds[0], last: false }, bounds));
}

// addStage: a template job as a new top-level entry, in a lane that keeps GitLab's rule (needs
// only on the same or earlier stages), needing `after`, and `before` rewired to need it.
import type { Node } from 'yaml';
import type { GraphNode } from '../../../model';
import { renderGitlabTemplate } from '../../../templates/gitlab';
import { fileBounds } from '../../../yaml/source';
import { renderBlockLines, renderString } from '../../fragment';
import { lineStart } from '../../lines';
import type { EditOperation } from '../../operations';
import { Refusal } from '../../splices';
import { keepsArtifactsOf } from '../../artifacts';
import { stageOrderNeeds, writeExplicitNeeds } from './dependencies';
import { commentLinesAbove, endOfLinesThrough, isBlankLine } from '../../wholeLines';
import { inlineText } from './entries';
import { checkNewJobName, type GitlabFile } from './file';
import { editableJob } from './references';
import { appendToList, preferFlowNeeds, readJobList, renameInList, type NeedEntry } from './needsList';
import { declaredLanes, declaresStages, ensureLane, USUAL_ORDER } from './stagesList';

export function planAddStage(file: GitlabFile, op: Extract<EditOperation, { op: 'addStage' }>): void {
  checkNewJobName(op.id);
  if (file.entries.some((e) => e.name === op.id)) throw new Refusal(`the file already has a top-level "${op.id}"`);
  const rendered = renderGitlabTemplate(op.template, { id: op.id, lanes: declaredLanes(file) });
  if (!rendered) throw new Refusal(`there is no GitLab template named "${op.template}"`);
  const after = op.after ? file.ctx.node(op.after) : undefined;
  const before = op.before ? editableJob(file, op.before, 'would need the new job', 'needs') : undefined;
  const lane = op.lane !== undefined ? askedLane(file, op.lane, after, before) : chooseLane(file, rendered.lane ?? 'test', after, before);
  if (before && file.laneIndex(lane) > file.laneIndex(before.stage ?? '')) {
    throw new Refusal(`the new job would be in stage "${lane}", after "${before.id}"'s stage "${before.stage}"; GitLab rejects needs on a later stage`);
  }
  ensureLane(file, lane, 'usual');
  insertJob(file, op.id, lane, after ? [after.id] : undefined, rendered.body, after);
  if (before) rewireBefore(file, before, after, op.id);
}

/** The lane the operation names, when GitLab allows the new job there. */
function askedLane(file: GitlabFile, lane: string, after?: GraphNode, before?: GraphNode): string {
  const index = file.laneIndex(lane);
  if (index < 0) throw new Refusal(`there is no stage "${lane}" in this file; add it to stages: first`);
  if (after && index < file.laneIndex(after.stage ?? '')) {
    throw new Refusal(`the new job would be in stage "${lane}", before "${after.id}"'s stage "${after.stage}"; GitLab rejects needs on a later stage`);
  }
  return lane;
}

/**
 * The template's lane when the file has it and it is not earlier than `after`'s (nor later than
 * `before`'s); else `after`'s lane, else `before`'s; with neither, the template's lane, added to
 * `stages:` if needed (a file without `stages:` gets the nearest of GitLab's defaults instead).
 */
function chooseLane(file: GitlabFile, preferred: string, after?: GraphNode, before?: GraphNode): string {
  const index = file.laneIndex(preferred);
  const fits = index >= 0
    && (!after || index >= file.laneIndex(after.stage ?? ''))
    && (!before || index <= file.laneIndex(before.stage ?? ''));
  if (fits) return preferred;
  if (after) return after.stage!;
  if (before) return before.stage!;
  if (index >= 0 || declaresStages(file)) return preferred;
  // No stages: to add it to: the latest of GitLab's defaults that usually comes before it.
  const rank = USUAL_ORDER.indexOf(preferred);
  const fallback = declaredLanes(file).filter((l) => USUAL_ORDER.indexOf(l) >= 0 && (rank < 0 || USUAL_ORDER.indexOf(l) <= rank));
  return fallback[fallback.length - 1] ?? 'test';
}

function insertJob(file: GitlabFile, id: string, lane: string, needs: string[] | undefined, body: Record<string, unknown>, after?: GraphNode): void {
  const { splices } = file.ctx;
  const { style, text } = splices;
  const pad = ' '.repeat(style.indent);
  let lines = `${renderString(id, style)}:${style.eol}${pad}stage: ${renderString(lane, style)}${style.eol}`;
  if (needs) {
    lines += preferFlowNeeds(file.root)
      ? `${pad}needs: ${inlineText(needs, splices)}${style.eol}`
      : renderBlockLines({ needs }, style, style.indent);
  }
  lines += renderBlockLines(body, style, style.indent);
  const separated = entriesSeparatedByBlankLines(file);
  const anchor = after ? file.entries.find((e) => e.name === after.id) : undefined;
  // Without a job to follow, at the end of the file the user opened: in a composite, the root,
  // which is its first file (not the last file it includes), or the included file being edited.
  const [, rootEnd] = fileBounds(file.ctx.src, file.ctx.home);
  let at = rootEnd;
  if (anchor) {
    const end = (anchor.pair.value as Node | null)?.range?.[1] ?? (anchor.pair.key as Node).range![1];
    at = endOfLinesThrough(text, end);
  }
  // No blank line above the job in an empty file, nor at the end of one that already ends with one.
  const endsWithBlankLine = at === rootEnd && /\n[ \t]*\r?\n$/.test(text.slice(Math.max(0, at - 256), at));
  const gap = separated && at > 0 && !endsWithBlankLine ? style.eol : '';
  splices.insertLines(at, gap + lines);
}

/** True when most top-level entries have a blank line above them. */
export function entriesSeparatedByBlankLines(file: GitlabFile): boolean {
  const text = file.ctx.text;
  let blank = 0;
  let tight = 0;
  for (const { pair } of file.entries.slice(1)) {
    const start = lineStart(text, (pair.key as Node).range![0]);
    // A file's first entry has nothing above it (in a composite, the line above is between files).
    if (start === fileBounds(file.ctx.src, start)[0]) continue;
    // The line above the entry and the comment lines that introduce it.
    const above = commentLinesAbove(text, start);
    if (above > 0 && isBlankLine(text, lineStart(text, above - 1))) blank++;
    else tight++;
  }
  return blank > 0 && blank >= tight;
}

function rewireBefore(file: GitlabFile, before: GraphNode, after: GraphNode | undefined, id: string): void {
  const { splices } = file.ctx;
  const map = file.jobMap(before.id);
  const needs = readJobList(map, 'needs', file.jobNamed);
  const connected = after && file.ctx.graph.edges.some((e) => e.from === after.id && e.to === before.id);
  // "before" keeps needing "after" when it downloads "after"'s artifacts: only a need brings them.
  const keepsAfter = !!after && keepsArtifactsOf(file.ctx.graph, before.id, after.id);
  if (needs.shape !== 'absent') {
    if (connected && !keepsAfter) {
      const dependencies = readJobList(map, 'dependencies', file.jobNamed);
      if (dependencies.items.some((i) => i.name === after!.id)) {
        throw new Refusal(`"${before.id}" downloads artifacts from "${after!.id}" (dependencies:); GitLab needs it to keep needing "${after!.id}" — edit it in the text`);
      }
      renameInList(splices, needs, after!.id, id);
    } else {
      appendToList(splices, needs, id);
    }
    return;
  }
  const current = stageOrderNeeds(file, before.id);
  const entries: NeedEntry[] = connected && !keepsAfter
    ? current.map((n) => (typeof n === 'string' ? (n === after!.id ? id : n) : n.job === after!.id ? id : n))
    : [...current, id];
  writeExplicitNeeds(file, before.id, needs, entries, connected && !keepsAfter ? after!.id : undefined);
}

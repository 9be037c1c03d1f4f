// deleteStage: the job's entry and every reference to it; its lane stays in `stages:`.
import type { Node } from 'yaml';
import { lineStart } from '../../lines';
import type { EditOperation } from '../../operations';
import { Refusal, type Splices } from '../../splices';
import { blankRunAfter, blankRunBefore, endOfLinesThrough, isBlankLine } from '../../wholeLines';
import { editableNode, type AnyPair, type GitlabFile } from './file';
import { removeFromList } from './needsList';
import { referencesTo, refuseIfReused } from './references';

export function planDelete(file: GitlabFile, op: Extract<EditOperation, { op: 'deleteStage' }>): void {
  const { splices } = file.ctx;
  editableNode(file, op.stage, 'would be deleted');
  refuseIfReused(file, op.stage, 'deleting it');
  for (const refs of referencesTo(file, op.stage)) {
    if (refs.triggerJobs.length > 0) {
      throw new Refusal(`"${refs.job}" starts a child pipeline from the artifact of "${op.stage}" (trigger: include: job:); delete it in the text`);
    }
    removeFromList(splices, refs.needs, op.stage);
    removeFromList(splices, refs.dependencies, op.stage);
    // GitLab rejects an on_stop naming a job that does not exist.
    if (refs.onStop) splices.removePair(refs.onStop.environment, refs.onStop.pair);
  }
  removeTopLevelEntry(splices, file.jobPair(op.stage));
}

/**
 * Remove a top-level entry's lines. When blank lines separate entries, one run of them goes
 * with it, so the entries around it stay separated as before.
 */
export function removeTopLevelEntry(splices: Splices, pair: AnyPair): void {
  const text = splices.text;
  const keyStart = (pair.key as Node).range![0];
  const valueEnd = (pair.value as Node | null)?.range?.[1] ?? (pair.key as Node).range![1];
  let start = lineStart(text, keyStart);
  let end = endOfLinesThrough(text, valueEnd);
  if (end >= text.length) start = blankRunBefore(text, start); // the last entry takes the blank lines above it along
  else if (start === 0 || isBlankLine(text, lineStart(text, start - 1))) end = blankRunAfter(text, end);
  splices.removeLines(start, end);
}

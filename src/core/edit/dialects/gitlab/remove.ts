// deleteStage: the job's entry and every reference to it; its lane stays in `stages:`.
import type { Node } from 'yaml';
import { lineStart, nextLineStart } from '../../lines';
import type { EditOperation } from '../../operations';
import { Refusal, type Splices } from '../../splices';
import { endOfLinesThrough } from './entries';
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
  const blankAt = (at: number) => at < text.length && /^[ \t]*\r?$/.test(text.slice(at, nextLineStart(text, at)).replace(/\n$/, ''));
  const previousLine = (at: number) => lineStart(text, at - 1);
  if (end >= text.length) {
    while (start > 0 && blankAt(previousLine(start))) start = previousLine(start);
    // Keep a file that ended without a line break ending without one.
    if (!text.endsWith('\n') && start > 0) start -= text[start - 2] === '\r' ? 2 : 1;
  } else if (start === 0 || blankAt(previousLine(start))) {
    while (blankAt(end)) end = nextLineStart(text, end);
  }
  splices.replace(start, end, '');
}

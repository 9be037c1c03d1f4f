// renameStage: the job's key and every reference to it in this file's other jobs.
import type { EditOperation } from '../../operations';
import { Refusal } from '../../splices';
import { checkNewJobName, editableNode, type GitlabFile } from './file';
import { renameInList } from './needsList';
import { referencesTo, refuseIfNamedInRules, refuseIfReused } from './references';

export function planRename(file: GitlabFile, op: Extract<EditOperation, { op: 'renameStage' }>): void {
  const { splices } = file.ctx;
  checkNewJobName(op.newId);
  editableNode(file, op.stage, 'would be renamed');
  if (file.entries.some((e) => e.name === op.newId)) throw new Refusal(`the file already has a top-level "${op.newId}"`);
  refuseIfReused(file, op.stage, 'renaming it');
  refuseIfNamedInRules(file, op.stage);
  const pair = file.jobPair(op.stage);
  splices.replaceScalar(pair.key, op.newId);
  for (const refs of referencesTo(file, op.stage)) {
    renameInList(splices, refs.needs, op.stage, op.newId);
    renameInList(splices, refs.dependencies, op.stage, op.newId);
    if (refs.onStop) splices.replaceScalar(refs.onStop.value, op.newId);
    for (const job of refs.triggerJobs) splices.replaceScalar(job, op.newId);
  }
}

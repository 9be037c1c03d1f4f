// renameStage: the job's key and every reference to it GitLab resolves (nameReferences.ts), in
// any entry of the file: a rename is a refactoring. A job read-only for other reasons (extends,
// a matrix, anchors) is renamed too: its key is plainly its own text, and the verifying re-parse
// shows whether the result is exactly the rename.
import type { EditOperation } from '../../operations';
import { scalarText } from '../../../yaml/source';
import { Refusal } from '../../splices';
import { checkNewJobName, type GitlabFile } from './file';
import { nameReferences } from './nameReferences';
import { refuseIfNamedInRules } from './references';

export function planRename(file: GitlabFile, op: Extract<EditOperation, { op: 'renameStage' }>): void {
  const { splices } = file.ctx;
  checkNewJobName(op.newId);
  if (file.entries.some((e) => e.name === op.newId)) throw new Refusal(`the file already has a top-level "${op.newId}"`);
  refuseIfNamedInRules(file, op.stage);
  const pair = file.jobPair(op.stage);
  splices.replaceScalar(pair.key, op.newId);
  // A reference to one job of its matrix (`build: [linux]`) keeps the values after the new name.
  for (const reference of nameReferences(file, op.stage)) splices.replaceScalar(reference, `${op.newId}${scalarText(reference)!.slice(op.stage.length)}`);
}

// Running a lint quick fix (from the light bulb or the designer's inspector): the fix's
// operations are planned on the document's current text by the edit engine (in the pipeline of
// several files the document is part of, when it is), verified, and applied as one WorkspaceEdit
// (one undo step, over every file the fix changes). A refusal changes nothing and says why. A fix
// that needs the network first (pinning an action) asks GitHub through `ActionShaResolver`.
import * as vscode from 'vscode';
import type { Dialect } from '../../core/model';
import { engine } from '../engine/load';
import type { RuleFix } from '../../core/rules/rule';
import { composedProject, projectUri } from '../designer/composedProject';
import { documentEditTarget } from '../designer/documentEditTarget';
import { log } from '../log';
import type { ActionShaResolver } from './actionSha';

export const APPLY_LINT_FIX_COMMAND = 'pipewright.applyLintFix';

/** What a fix did, for the designer's notice and the tests. `cancelled`: the person stopped it. */
export type AppliedFix = { ok: true } | { ok: false; reason: string; cancelled?: true };

/** Applies a finding's fix to its document; the designer and the light bulb's command call it. */
export type LintFixer = (document: vscode.TextDocument, dialect: Dialect, fix: RuleFix) => Promise<AppliedFix>;

const UNTRUSTED = 'quick fixes change files, which Restricted Mode does not allow; trust the workspace first';

export async function applyLintFix(document: vscode.TextDocument, dialect: Dialect, fix: RuleFix, network?: ActionShaResolver): Promise<AppliedFix> {
  if (!vscode.workspace.isTrusted) return refused(UNTRUSTED);
  if (fix.needs) {
    if (!network) return refused(`this fix needs GitHub, which is not available here`);
    const resolved = await network.resolve(fix);
    if (!resolved.ok) {
      if (resolved.cancelled) return { ok: false, reason: resolved.reason, cancelled: true };
      return resolved.shown ? { ok: false, reason: resolved.reason } : refused(resolved.reason);
    }
    // Trust can be withdrawn while GitHub is asked.
    if (!vscode.workspace.isTrusted) return refused(UNTRUSTED);
    fix = resolved.fix;
  }
  const before = document.getText();
  const version = document.version;
  // A file of a pipeline split over files: the fix is planned in that pipeline, as the designer's
  // edits are (a job of an included file keeps the other files' jobs it waited for).
  const project = composedProject(document);
  const pipeline = project && engine().composedPipelineToEdit(dialect, project.rootPath, before, project.files);
  const r = engine().applyFix(before, fix, { dialect, fileName: document.uri.path, ...(pipeline ? { pipeline } : {}) });
  if (!r.ok) return refused(r.reason);
  const others = project ? r.others.map((c) => ({ uri: projectUri(project.root, c.path).toString(), before: c.before, edits: [changedRegion(c.before, c.text)] })) : [];
  const applied = await documentEditTarget(document).apply(r.text === before ? [] : [changedRegion(before, r.text)], version, others);
  if (!applied) return refused('the file changed while the fix was being planned; nothing was changed, try again');
  log().info(`Applied "${fix.title}" to ${document.uri.fsPath}`);
  return { ok: true };
}

function refused(reason: string): AppliedFix {
  void vscode.window.showErrorMessage(`Pipewright: ${reason}`);
  return { ok: false, reason };
}

/**
 * One edit covering what differs between two texts (the common start and end are kept): the
 * engine has verified `after`, and one replacement of the changed lines is one undo step.
 */
export function changedRegion(before: string, after: string): { offset: number; length: number; text: string } {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  return { offset: start, length: before.length - start - end, text: after.slice(start, after.length - end) };
}

export function registerApplyLintFixCommand(applyFix: LintFixer): vscode.Disposable {
  return vscode.commands.registerCommand(APPLY_LINT_FIX_COMMAND, async (uri: vscode.Uri | string, dialect: Dialect, fix: RuleFix) => {
    const target = typeof uri === 'string' ? vscode.Uri.parse(uri) : uri;
    const document = await vscode.workspace.openTextDocument(target);
    return applyFix(document, dialect, fix);
  });
}

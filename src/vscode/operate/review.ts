// "Approve Deployment…" and "Reject Deployment…": from a view's item, a notification or the
// palette (then pick among the deployments waiting for the user). Several environments waiting on
// one run are reviewed together or one by one, as the user ticks them; a comment box (GitHub
// records a comment with every review; empty is allowed); then the modal confirmation. A review
// someone else gave meanwhile comes back from the provider as "already reviewed by …".
import * as vscode from 'vscode';
import type { PendingApproval } from '../../core/operate/model';
import { describeTarget } from '../../core/operate/target';
import { isElement } from '../views/elements';
import { approvalSummary } from '../views/words';
import type { Connection } from './connection';
import { confirmAndPerform, readForCommand } from './perform';
import { requireReady, type ReadyState } from './ready';

export async function reviewDeployment(connection: Connection, decision: 'approve' | 'reject', arg: unknown, preselected?: unknown): Promise<void> {
  const ready = await requireReady(connection);
  if (!ready) return;
  const chosen = await approvalsToReview(connection, ready, decision, arg, preselected);
  if (!chosen || chosen.length === 0) return;
  const verb = decision === 'approve' ? 'Approve' : 'Reject';
  const names = chosen.map((a) => a.environment.name).join(', ');
  const comment = await vscode.window.showInputBox({
    title: `${verb} ${names}: comment`,
    prompt: 'A comment for the review, kept with it on GitHub (may be empty)',
    placeHolder: decision === 'approve' ? 'e.g. Checked staging, go ahead' : 'e.g. Hold until the incident is closed',
    ignoreFocusOut: true,
  });
  if (comment === undefined) return;
  const first = chosen[0];
  await confirmAndPerform(connection, ready, {
    kind: 'review',
    decision,
    runId: first.runId,
    ...(first.run ? { run: first.run } : {}),
    environments: chosen.map((a) => ({ id: a.environment.id, name: a.environment.name })),
    comment,
  }, { detail: comment === '' ? 'With no comment.' : `Comment: ${comment}` });
}

/** The pending deployments (all on one run) the command is about. */
async function approvalsToReview(connection: Connection, ready: ReadyState, decision: 'approve' | 'reject', arg: unknown, preselected: unknown): Promise<PendingApproval[] | undefined> {
  let approval: PendingApproval | undefined;
  let siblings: PendingApproval[] = [];
  if (isElement(arg, 'approval')) {
    approval = arg.approval;
    siblings = arg.siblings;
  } else if (isElement(arg, 'environment') && arg.pending.length > 0) {
    const mine = arg.pending.filter((a) => a.canApprove);
    if (mine.length === 0) {
      void vscode.window.showInformationMessage(`${arg.status.environment.name} waits for other reviewers than you.`);
      return undefined;
    }
    approval = mine[0];
    siblings = mine;
  } else {
    const pending = await readForCommand(connection, 'Reading the deployments waiting for review…', () => ready.provider.read({ kind: 'approvals' }));
    if (!pending) return undefined;
    const mine = pending.filter((a) => a.canApprove);
    if (mine.length === 0) {
      void vscode.window.showInformationMessage(`Nothing in ${describeTarget(ready.target)} waits for your review.`);
      return undefined;
    }
    const now = Date.now();
    const picked = await vscode.window.showQuickPick(
      mine.map((a) => ({ label: a.environment.name, description: approvalSummary(a, now), approval: a })),
      { title: `${decision === 'approve' ? 'Approve' : 'Reject'} which deployment?`, matchOnDescription: true },
    );
    if (!picked) return undefined;
    approval = picked.approval;
    siblings = mine.filter((a) => a.runId === picked.approval.runId);
  }
  const others = siblings.filter((a) => a.runId === approval.runId && a.id !== approval.id);
  if (others.length === 0) return [approval];
  // Several environments wait on this run: review them together, or only the ones ticked.
  const ticked = Array.isArray(preselected) ? new Set((preselected as PendingApproval[]).map((a) => a.id)) : new Set([approval.id]);
  const all = [approval, ...others];
  const picked = await vscode.window.showQuickPick(
    all.map((a) => ({ label: a.environment.name, picked: ticked.has(a.id), approval: a, description: a.waitTimerMinutes > 0 ? `then a ${a.waitTimerMinutes}-minute wait timer` : undefined })),
    { title: `This run waits for ${all.length} environments: ${decision} which?`, canPickMany: true, ignoreFocusOut: true },
  );
  return picked?.map((p) => p.approval);
}

// A notification when a deployment starts waiting for a review the user can give: Approve, Reject
// or Open. Each pending deployment is announced once (remembered across reloads in the workspace
// state); several environments of one run come as one notification.
import * as vscode from 'vscode';
import type { PendingApproval } from '../../core/operate/model';
import { describeRun } from '../../core/operate/actions';
import { describeTarget } from '../../core/operate/target';
import type { ApprovalElement } from '../views/elements';
import type { Connection } from './connection';
import { Watched } from './watch';

const ANNOUNCED_KEY = 'pipewright.announcedApprovals';
/** Enough to cover every deployment still waiting; older ids are let go. */
const REMEMBERED = 500;

export class ApprovalNotifications implements vscode.Disposable {
  private readonly approvals: Watched<'approvals'>;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly connection: Connection,
    private readonly workspaceState: vscode.Memento,
  ) {
    // Heard whenever the approvals are read for any view; polled on their own only while the status bar shows.
    this.approvals = new Watched(connection, 'pipewright.statusBar', { kind: 'approvals' });
    this.disposables.push(this.approvals, this.approvals.onDidChange(() => void this.announceNew()));
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  private async announceNew(): Promise<void> {
    const state = this.connection.state;
    const pending = this.approvals.value;
    if (state.kind !== 'ready' || !pending) return;
    const announced = this.workspaceState.get<string[]>(ANNOUNCED_KEY, []);
    const fresh = pending.filter((a) => a.canApprove && !announced.includes(a.id));
    if (fresh.length === 0) return;
    await this.workspaceState.update(ANNOUNCED_KEY, [...announced, ...fresh.map((a) => a.id)].slice(-REMEMBERED));
    const byRun = new Map<string, PendingApproval[]>();
    for (const a of fresh) byRun.set(a.runId, [...(byRun.get(a.runId) ?? []), a]);
    const { githubWebUrl } = await import('../../providers/github/remote');
    for (const group of byRun.values()) void this.announce(group, pending, describeTarget(state.target), githubWebUrl(state.target));
  }

  private async announce(group: PendingApproval[], all: PendingApproval[], where: string, web: string): Promise<void> {
    const first = group[0];
    const environments = group.map((a) => a.environment.name);
    const names = environments.length === 1 ? environments[0] : `${environments.slice(0, -1).join(', ')} and ${environments[environments.length - 1]}`;
    const text = `${capitalise(describeRun(first.runId, first.run))} in ${where} waits for your approval to deploy to ${names}.`;
    const choice = await vscode.window.showInformationMessage(text, 'Approve…', 'Reject…', 'Open');
    // The review commands take the element a view would pass: the approval and its run's others.
    const element: ApprovalElement = { kind: 'approval', approval: first, siblings: all.filter((a) => a.runId === first.runId && a.canApprove) };
    if (choice === 'Approve…') await vscode.commands.executeCommand('pipewright.approveDeployment', element, group);
    if (choice === 'Reject…') await vscode.commands.executeCommand('pipewright.rejectDeployment', element, group);
    if (choice === 'Open') await vscode.env.openExternal(vscode.Uri.parse(`${web}/actions/runs/${first.runId}`));
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

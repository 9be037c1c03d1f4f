// The Approvals view: every deployment waiting for a review the signed-in user can give, with
// Approve and Reject inline. Deployments waiting for other reviewers are counted, not listed.
import * as vscode from 'vscode';
import type { PendingApproval } from '../../core/operate/model';
import { describeTarget } from '../../core/operate/target';
import type { Connection } from '../operate/connection';
import { Watched } from '../operate/watch';
import type { ApprovalElement, OperateElement } from './elements';
import { PENDING_ICON } from './icons';
import { ViewState } from './viewState';
import { approvalSummary, reviewersText } from './words';

export const APPROVALS_VIEW = 'pipewright.approvals';

export class ApprovalsView implements vscode.TreeDataProvider<OperateElement>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<OperateElement | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly approvals: Watched<'approvals'>;
  private readonly view: vscode.TreeView<OperateElement>;
  private readonly state: ViewState;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(private readonly connection: Connection) {
    this.approvals = new Watched(connection, APPROVALS_VIEW, { kind: 'approvals' });
    this.view = vscode.window.createTreeView(APPROVALS_VIEW, { treeDataProvider: this });
    this.state = new ViewState(this.view, APPROVALS_VIEW, connection, this.disposables);
    this.disposables.push(this.view, this.approvals, this.approvals.onDidChange(() => this.refresh()), connection.onDidChange(() => this.refresh()));
    this.refresh();
  }

  getTreeItem(element: OperateElement): vscode.TreeItem {
    return element.kind === 'approval' ? approvalItem(element) : new vscode.TreeItem('');
  }

  getChildren(element?: OperateElement): OperateElement[] {
    if (element) return [];
    const mine = (this.approvals.value ?? []).filter((a) => a.canApprove);
    return mine.map((approval) => ({ kind: 'approval', approval, siblings: mine.filter((a) => a.runId === approval.runId) }));
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  private refresh(): void {
    const state = this.connection.state;
    this.view.description = state.kind === 'ready' ? describeTarget(state.target) : undefined;
    const all = this.approvals.value;
    let empty: string | undefined;
    if (state.kind === 'ready' && all !== undefined) {
      const others = all.filter((a) => !a.canApprove).length;
      const theirs = others > 0 ? `${others} deployment${others === 1 ? '' : 's'} wait${others === 1 ? 's' : ''} for other reviewers.` : '';
      empty = all.length === others ? `Nothing waits for your review. ${theirs}`.trim() : theirs || undefined;
    }
    this.state.show([this.approvals.snapshot], empty);
    this.changed.fire(undefined);
  }
}

/**
 * A deployment waiting for review. In the Approvals view it is named by its environment; under
 * its environment in the Environments view, by its run.
 */
export function approvalItem(element: ApprovalElement, underEnvironment = false): vscode.TreeItem {
  const a: PendingApproval = element.approval;
  const summary = approvalSummary(a, Date.now());
  const runName = a.run?.number !== undefined ? `Run #${a.run.number}` : `Run ${a.runId}`;
  const item = new vscode.TreeItem(underEnvironment ? runName : a.environment.name, vscode.TreeItemCollapsibleState.None);
  item.id = `${underEnvironment ? 'environment-approval' : 'approval'}:${a.id}`;
  item.description = underEnvironment ? approvalSummary(a, Date.now(), false) : summary;
  item.iconPath = PENDING_ICON;
  // approval / approval.theirs: Approve and Reject appear only on reviews the user can give.
  item.contextValue = a.canApprove ? 'approval' : 'approval.theirs';
  const timer = a.waitTimerMinutes > 0 ? `\n\nAfter approval, a ${a.waitTimerMinutes}-minute wait timer runs.` : '';
  item.tooltip = new vscode.MarkdownString(`**${a.environment.name}** waits for approval by ${reviewersText(a.reviewers)}${a.canApprove ? ' (you may approve it)' : ''}.\n\n${summary}${timer}`);
  item.accessibilityInformation = { label: `${underEnvironment ? runName : a.environment.name}, waits for approval${underEnvironment ? ` to ${a.environment.name}` : ''}, ${item.description}` };
  return item;
}

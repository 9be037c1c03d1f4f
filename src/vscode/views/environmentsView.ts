// The Environments view: each environment of the repository with its newest deployment, the ones
// waiting for a review marked (their pending approvals beneath them) and counted in the badge the
// activity bar shows on the Pipewright container.
import * as vscode from 'vscode';
import type { Environment, PendingApproval } from '../../core/operate/model';
import { describeTarget } from '../../core/operate/target';
import type { Connection } from '../operate/connection';
import { Watched } from '../operate/watch';
import { approvalItem } from './approvalsView';
import type { EnvironmentElement, OperateElement } from './elements';
import { lightIcon, PENDING_ICON } from './icons';
import { noteItem } from './runsView';
import { ViewState } from './viewState';
import { deploymentLight, deploymentSummary, describeDeploymentState } from './words';

export const ENVIRONMENTS_VIEW = 'pipewright.environments';

export class EnvironmentsView implements vscode.TreeDataProvider<OperateElement>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<OperateElement | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly environments: Watched<'environments'>;
  private readonly approvals: Watched<'approvals'>;
  private readonly view: vscode.TreeView<OperateElement>;
  private readonly state: ViewState;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(
    private readonly connection: Connection,
    /** Told of the environments read (undefined when there are none to tell): the lint gate rules use their protection. */
    private readonly onEnvironments: (environments: readonly Environment[] | undefined) => void = () => {},
  ) {
    this.environments = new Watched(connection, ENVIRONMENTS_VIEW, { kind: 'environments' });
    this.approvals = new Watched(connection, ENVIRONMENTS_VIEW, { kind: 'approvals' });
    this.view = vscode.window.createTreeView(ENVIRONMENTS_VIEW, { treeDataProvider: this });
    this.state = new ViewState(this.view, ENVIRONMENTS_VIEW, connection, this.disposables);
    this.disposables.push(
      this.view,
      this.environments,
      this.approvals,
      this.environments.onDidChange(() => {
        this.refresh();
        this.onEnvironments(this.connection.state.kind === 'ready' ? this.environments.value?.map((s) => s.environment) : undefined);
      }),
      connection.onDidChange(() => {
        if (this.connection.state.kind !== 'ready') this.onEnvironments(undefined);
      }),
      this.approvals.onDidChange(() => this.refresh()),
      connection.onDidChange(() => this.refresh()),
    );
    this.refresh();
  }

  getTreeItem(element: OperateElement): vscode.TreeItem {
    switch (element.kind) {
      case 'environment':
        return environmentItem(element);
      case 'approval':
        return approvalItem(element, true);
      case 'note':
        return noteItem(element);
      default:
        return new vscode.TreeItem('');
    }
  }

  getChildren(element?: OperateElement): OperateElement[] {
    if (!element) return this.elements();
    if (element.kind !== 'environment') return [];
    return element.pending.map((approval) => ({ kind: 'approval', approval, siblings: this.pendingOnRun(approval.runId) }));
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  private elements(): EnvironmentElement[] {
    const pending = this.approvals.value ?? [];
    return (this.environments.value ?? []).map((status) => ({
      kind: 'environment',
      status,
      pending: pending.filter((a) => a.environment.name === status.environment.name),
    }));
  }

  private pendingOnRun(runId: string): PendingApproval[] {
    return (this.approvals.value ?? []).filter((a) => a.runId === runId && a.canApprove);
  }

  private refresh(): void {
    const state = this.connection.state;
    this.view.description = state.kind === 'ready' ? describeTarget(state.target) : undefined;
    const waiting = new Set((this.approvals.value ?? []).map((a) => a.environment.name)).size;
    this.view.badge = waiting > 0 && state.kind === 'ready'
      ? { value: waiting, tooltip: `${waiting} environment${waiting === 1 ? '' : 's'} waiting for approval` }
      : undefined;
    const environments = this.environments.value;
    const empty = state.kind === 'ready' && environments !== undefined && environments.length === 0 ? `${describeTarget(state.target)} has no environments.` : undefined;
    this.state.show([this.environments.snapshot, this.approvals.snapshot], empty);
    this.changed.fire(undefined);
  }
}

function environmentItem(element: EnvironmentElement): vscode.TreeItem {
  const { environment, latest } = element.status;
  const waiting = element.pending.length > 0;
  const item = new vscode.TreeItem(environment.name, waiting ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
  item.id = `environment:${environment.name}`;
  const now = Date.now();
  const deployed = latest ? deploymentSummary(latest, now) : 'no deployments yet';
  item.description = waiting ? `waiting for approval · ${deployed}` : deployed;
  item.iconPath = waiting ? PENDING_ICON : latest ? lightIcon(deploymentLight(latest.state)) : new vscode.ThemeIcon('circle-outline');
  // environment / environment.deployed: whether Roll Back and Open apply (package.json menus).
  item.contextValue = latest ? 'environment.deployed' : 'environment';
  const lines = [`**${environment.name}**${waiting ? ' — waiting for approval' : ''}`];
  if (latest) {
    lines.push(`Newest deployment: ${describeDeploymentState(latest.state)}, ${latest.ref} \`${latest.sha.slice(0, 7)}\`${latest.creator ? ` by ${latest.creator.login}` : ''}, ${latest.createdAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC')}`);
    if (latest.url) lines.push(`[Open the run](${latest.url})`);
  }
  const rules = environment.protection;
  if (rules.reviewers.length > 0 || rules.waitTimerMinutes > 0) {
    const reviewers = rules.reviewers.map((r) => r.name).join(', ');
    lines.push(`Protection: ${[reviewers && `reviewers ${reviewers}`, rules.waitTimerMinutes > 0 && `${rules.waitTimerMinutes}-minute wait timer`].filter(Boolean).join('; ')}`);
  }
  item.tooltip = new vscode.MarkdownString(lines.join('\n\n'));
  item.accessibilityInformation = { label: `${environment.name}, ${item.description}` };
  return item;
}

// The status bar item for the workflow in the active editor: its latest run's state (spinning
// while it runs), and how many deployments wait for the user's approval. Clicking it opens the
// Pipewright sidebar. While the latest run moves it is in focus, read every few seconds.
import * as vscode from 'vscode';
import { describeLight, isActive, lightOf } from '../../core/operate/status';
import { describeTarget } from '../../core/operate/target';
import type { ActiveWorkflowTracker } from '../operate/activeWorkflow';
import type { Connection } from '../operate/connection';
import { Watched } from '../operate/watch';
import { lightCodicon } from './icons';
import { runSummary, runTitle } from './words';

const VIEW = 'pipewright.statusBar';

export class RunStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly runs: Watched<'runs'>;
  private readonly approvals: Watched<'approvals'>;
  private readonly disposables: vscode.Disposable[] = [];
  private shown = false;

  constructor(
    private readonly connection: Connection,
    private readonly active: ActiveWorkflowTracker,
  ) {
    this.item = vscode.window.createStatusBarItem('pipewright.run', vscode.StatusBarAlignment.Left, 50);
    this.item.name = 'Pipewright: Latest Run';
    this.item.command = { command: 'workbench.view.extension.pipewright', title: 'Show the Pipewright sidebar' };
    this.runs = new Watched(connection, VIEW);
    this.approvals = new Watched(connection, VIEW, { kind: 'approvals' });
    this.disposables.push(
      this.item,
      this.runs,
      this.approvals,
      this.runs.onDidChange(() => this.render()),
      this.approvals.onDidChange(() => this.render()),
      connection.onDidChange(() => this.render()),
      active.onDidChange(() => this.follow()),
    );
    this.follow();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  private follow(): void {
    const workflow = this.active.workflow;
    // A workflow in the editor is a reason to find out where it runs (nothing is asked).
    if (workflow && this.connection.state.kind === 'starting') void this.connection.update();
    this.runs.setQuery(workflow ? { kind: 'runs', pipeline: workflow.path, limit: 5 } : undefined);
    this.render();
  }

  private render(): void {
    const state = this.connection.state;
    const workflow = this.active.workflow;
    const latest = this.runs.value?.[0];
    const show = state.kind === 'ready' && workflow !== undefined;
    if (show !== this.shown) {
      this.shown = show;
      this.connection.setViewVisible(VIEW, show);
    }
    if (!show || state.kind !== 'ready') {
      this.item.hide();
      return;
    }
    this.runs.setFocus(latest !== undefined && isActive(latest));
    const waiting = (this.approvals.value ?? []).filter((a) => a.canApprove).length;
    const runText = latest ? `${lightCodicon(lightOf(latest))} ${runTitle(latest)}` : `$(github-action) ${workflow.path.split('/').pop()}`;
    this.item.text = `${runText}${waiting > 0 ? `  $(bell-dot) ${waiting}` : ''}`;
    const lines = [
      latest ? `${runTitle(latest)} "${latest.title}": ${runSummary(latest, Date.now())}` : `No runs of ${workflow.path} yet.`,
      waiting > 0 ? `${waiting} deployment${waiting === 1 ? '' : 's'} wait${waiting === 1 ? 's' : ''} for your approval.` : undefined,
      `${describeTarget(state.target)} · click to show the Pipewright sidebar`,
    ].filter(Boolean);
    this.item.tooltip = lines.join('\n');
    this.item.accessibilityInformation = {
      label: `${latest ? `${runTitle(latest)} ${describeLight(lightOf(latest))}` : 'no runs'}${waiting > 0 ? `, ${waiting} approvals waiting` : ''}`,
    };
    this.item.show();
  }
}

// The GitHub workflow in the active editor (the text editor or the designer), by its path in the
// repository: the Runs view shows its runs and the status bar its latest run.
import * as vscode from 'vscode';
import type { Connection } from './connection';
import { repositoryPath } from './workspaceTarget';

export interface ActiveWorkflow {
  uri: vscode.Uri;
  /** `.github/workflows/deploy.yml`. */
  path: string;
}

export class ActiveWorkflowTracker implements vscode.Disposable {
  private current: ActiveWorkflow | undefined;
  private readonly changed = new vscode.EventEmitter<ActiveWorkflow | undefined>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(private readonly connection: Connection) {
    const update = () => this.update();
    this.disposables.push(
      vscode.window.tabGroups.onDidChangeTabs(update),
      vscode.window.tabGroups.onDidChangeTabGroups(update),
      vscode.window.onDidChangeActiveTextEditor(update),
      connection.onDidChange(update),
    );
    this.update();
  }

  get workflow(): ActiveWorkflow | undefined {
    return this.current;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  private update(): void {
    const next = workflowOf(activeUri(), this.connection);
    if (next?.path === this.current?.path && next?.uri.toString() === this.current?.uri.toString()) return;
    this.current = next;
    this.changed.fire(next);
  }
}

/** The workflow a document is, when it lies in `.github/workflows/` of the repository. */
export function workflowOf(uri: vscode.Uri | undefined, connection: Connection): ActiveWorkflow | undefined {
  if (!uri) return undefined;
  const state = connection.state;
  const root = state.kind === 'ready' || state.kind === 'signed-out' ? state.root : undefined;
  const path = repositoryPath(root, uri);
  return path !== undefined && /^\.github\/workflows\/[^/]+\.ya?ml$/.test(path) ? { uri, path } : undefined;
}

function activeUri(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom) return input.uri;
  return vscode.window.activeTextEditor?.document.uri;
}

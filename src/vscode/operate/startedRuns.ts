// Runs the user started from the editor (Run Workflow, Roll Back, Re-run): each is watched in
// focus until it finishes, then one notification says how it ended.
import * as vscode from 'vscode';
import type { Run } from '../../core/operate/model';
import { describeLight, isActive, lightOf } from '../../core/operate/status';
import { describeTarget } from '../../core/operate/target';
import { runTitle } from '../views/words';
import type { Connection } from './connection';
import { Watched } from './watch';

export class StartedRuns implements vscode.Disposable {
  private readonly watching = new Map<string, Watched<'run'>>();

  constructor(private readonly connection: Connection) {}

  track(runId: string): void {
    if (this.watching.has(runId)) return;
    // Read with the status bar's budget: it is what the user is waiting for.
    const watched = new Watched(this.connection, 'pipewright.statusBar', { kind: 'run', runId });
    watched.setFocus(true);
    watched.onDidChange(() => {
      const run = watched.value?.run;
      if (!run || isActive(run)) return;
      this.watching.delete(runId);
      watched.dispose();
      void this.announce(run);
    });
    this.watching.set(runId, watched);
  }

  dispose(): void {
    for (const w of this.watching.values()) w.dispose();
    this.watching.clear();
  }

  private async announce(run: Run): Promise<void> {
    const state = this.connection.state;
    const where = state.kind === 'ready' ? ` in ${describeTarget(state.target)}` : '';
    const light = lightOf(run);
    const text = `${runTitle(run)} "${run.title}"${where} ${describeLight(light)}.`;
    const open = 'Open in Browser';
    const show = light === 'success' ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
    const choice = await show(text, ...(run.url ? [open] : []));
    if (choice === open && run.url) await vscode.env.openExternal(vscode.Uri.parse(run.url));
  }
}

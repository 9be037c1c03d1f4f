// What a sidebar view says above its items: a read that failed with the data kept (marked stale),
// or why it is empty. A failed read with nothing to show sets `<view>.failed` instead, which
// package.json's welcome content tests to offer Retry, and logs the reason.
import * as vscode from 'vscode';
import type { Snapshot } from '../../providers/scheduler/scheduler';
import { log } from '../log';
import type { Connection } from '../operate/connection';
import type { ViewName } from '../operate/watch';
import { relativeTime } from './words';

export class ViewState {
  private failed: boolean | undefined;
  private loggedError: string | undefined;

  constructor(
    private readonly view: vscode.TreeView<unknown>,
    private readonly name: ViewName,
    connection: Connection,
    disposables: vscode.Disposable[],
  ) {
    disposables.push(
      view.onDidChangeVisibility((e) => connection.setViewVisible(name, e.visible)),
    );
    if (view.visible) connection.setViewVisible(name, true);
  }

  /** Says what went wrong with `snapshots`, or `empty` when nothing did and there is nothing to show. */
  show(snapshots: readonly (Snapshot<unknown> | undefined)[], empty: string | undefined): void {
    const broken = snapshots.find((s) => s?.error);
    let message: string | undefined;
    if (broken?.error && broken.stale) {
      const when = broken.updatedAt !== undefined ? relativeTime(new Date(broken.updatedAt).toISOString(), Date.now()) : '';
      message = `Showing what was read ${when || 'earlier'}: ${broken.error.message}`;
    } else if (broken?.error) {
      // Nothing to show: the welcome content offers Retry (VS Code shows it only without a
      // message), and the reason goes to the log it points to.
      message = undefined;
      if (broken.error.message !== this.loggedError) log().warn(`${this.name}: ${broken.error.message}`);
      this.loggedError = broken.error.message;
    } else {
      message = empty;
    }
    this.view.message = message;
    const failed = broken !== undefined && !broken.stale && broken.error?.kind !== 'unauthorized';
    if (failed !== this.failed) {
      this.failed = failed;
      void vscode.commands.executeCommand('setContext', `${this.name}.failed`, failed);
    }
  }
}

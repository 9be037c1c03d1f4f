// Carrying out one action the way every command does: a modal confirmation that names what and
// where (the words of describeAction, the same the command line prints), the provider's one
// attempt with a progress notification, the outcome in a message and the log, and the views read
// again. A failure says why and offers what helps (sign in again, retry); nothing half-done.
import * as vscode from 'vscode';
import { describeAction, type ActionOutcome, type OperateAction } from '../../core/operate/actions';
import type { OperateError } from '../../core/operate/errors';
import { describeTarget } from '../../core/operate/target';
import { log } from '../log';
import type { Connection } from './connection';
import type { ReadyState } from './ready';

export interface PerformOptions {
  /** The confirm button's words; default the action's title ("Approve deployments"). */
  confirm?: string;
  /** More lines under the question in the confirmation. */
  detail?: string;
}

/** Undefined when the user did not confirm. */
export async function confirmAndPerform(connection: Connection, ready: ReadyState, action: OperateAction, options: PerformOptions = {}): Promise<ActionOutcome | undefined> {
  const words = describeAction(action, ready.target);
  const button = options.confirm ?? words.title;
  const choice = await vscode.window.showWarningMessage(words.question, { modal: true, detail: options.detail }, button);
  if (choice !== button) return undefined;
  if (!vscode.workspace.isTrusted) return undefined; // Trust can be withdrawn while the modal is open.
  const where = describeTarget(ready.target);
  log().info(`${words.title}: ${words.question}`);
  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `${words.title} in ${where}…` },
    () => ready.provider.perform(action, { onWait: (reason) => log().info(reason) }),
  );
  connection.scheduler.refresh({ target: ready.target });
  if (outcome.ok) {
    log().info(`${outcome.message}${outcome.settledBy === 'readback' ? ' (the answer was lost; reading the state back showed it done)' : ''}`);
    void vscode.window.showInformationMessage(outcome.message);
  } else {
    void showOperateError(connection, outcome.error, `${words.title} failed`);
  }
  return outcome;
}

/** A failed read or action in a message, with a button for its remedy. */
export async function showOperateError(connection: Connection, error: OperateError, what: string): Promise<void> {
  log().warn(`${what}: ${error.message}${error.request ? ` (${error.request}${error.status ? `, HTTP ${error.status}` : ''})` : ''}`);
  connection.reportError(error);
  const buttons = error.remedy === 'sign-in' ? ['Sign in with GitHub', 'Sign in with a Token…'] : [];
  const choice = await vscode.window.showErrorMessage(`${what}: ${error.message}`, ...buttons);
  if (choice === 'Sign in with GitHub') await vscode.commands.executeCommand('pipewright.signIn');
  if (choice === 'Sign in with a Token…') await vscode.commands.executeCommand('pipewright.signInWithToken');
}

/** A one-off read for a command (not polled): with a progress notification, errors shown. */
export async function readForCommand<T>(connection: Connection, title: string, read: () => Promise<{ ok: true; value: T } | { ok: false; error: OperateError }>): Promise<T | undefined> {
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, read);
  if (result.ok) return result.value;
  await showOperateError(connection, result.error, title.replace(/…$/, '') + ' failed');
  return undefined;
}

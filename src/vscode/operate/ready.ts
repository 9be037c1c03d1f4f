// What every operating command needs before it reads or changes anything: a trusted workspace (the
// commands are disabled in Restricted Mode, and checked again here), a repository, and an account —
// asked for now, on first use, if there is none.
import * as vscode from 'vscode';
import type { Connection, ConnectionState } from './connection';

export type ReadyState = Extract<ConnectionState, { kind: 'ready' }>;

export async function requireReady(connection: Connection): Promise<ReadyState | undefined> {
  if (!vscode.workspace.isTrusted) {
    const manage = 'Manage Workspace Trust';
    const choice = await vscode.window.showErrorMessage('Pipewright does not run, approve or change pipelines in Restricted Mode. Trust this workspace first.', manage);
    if (choice === manage) await vscode.commands.executeCommand('workbench.trust.manage');
    return undefined;
  }
  let state = await connection.ready();
  if (state.kind === 'no-repository') {
    const open = 'Open Settings';
    const choice = await vscode.window.showErrorMessage(state.reason, open);
    if (choice === open) await vscode.commands.executeCommand('workbench.action.openSettings', 'pipewright.github');
    return undefined;
  }
  if (state.kind === 'signed-out') {
    const why = state.refused ? `GitHub refused the sign-in (${state.refused}).` : `Pipewright needs to sign in to GitHub to do this.`;
    const github = 'Sign in with GitHub';
    const token = 'Sign in with a Token…';
    const choice = await vscode.window.showInformationMessage(why, { modal: true }, github, token);
    if (choice === undefined) return undefined;
    await vscode.commands.executeCommand(choice === github ? 'pipewright.signIn' : 'pipewright.signInWithToken');
    await connection.update();
    state = connection.state;
  }
  return state.kind === 'ready' ? state : undefined;
}

// Sign in with GitHub (VS Code's account), Sign in with a Token… (checked once against the API,
// then kept in SecretStorage), Sign Out. The token never reaches a message, the log or a setting.
import * as vscode from 'vscode';
import { describeTarget, type GitHubTarget } from '../../core/operate/target';
import { log } from '../log';
import { describeSource, type Connection } from './connection';
import { loadGitHubProvider } from './providerLoader';

/** The repository to sign in for, or undefined (with the reason shown) when there is none. */
async function targetToSignInTo(connection: Connection): Promise<GitHubTarget | undefined> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showErrorMessage('Pipewright does not sign in to GitHub in Restricted Mode. Trust this workspace first.');
    return undefined;
  }
  const state = await connection.ready();
  if (state.kind === 'ready' || state.kind === 'signed-out') return state.target;
  if (state.kind === 'no-repository') void vscode.window.showErrorMessage(state.reason);
  return undefined;
}

export async function signInWithGitHub(connection: Connection): Promise<void> {
  const target = await targetToSignInTo(connection);
  if (!target) return;
  try {
    const credential = await connection.credentials.signInWithSession(target);
    if (!credential) return;
    await connection.update();
    log().info(`Signed in to ${describeTarget(target)} with ${describeSource(credential)}`);
  } catch (e) {
    const token = 'Sign in with a Token…';
    const reason = e instanceof Error ? e.message : String(e);
    const choice = await vscode.window.showErrorMessage(`Could not sign in with VS Code's GitHub account: ${reason}`, token);
    if (choice === token) await signInWithToken(connection);
  }
}

export async function signInWithToken(connection: Connection): Promise<void> {
  const target = await targetToSignInTo(connection);
  if (!target) return;
  const where = describeTarget(target);
  const token = await vscode.window.showInputBox({
    title: `Sign in to ${where} with a token`,
    prompt: `A personal access token for ${new URL(target.apiUrl).host}: classic with the scopes repo and workflow, or fine-grained with Actions, Deployments and Environments (read and write). It is kept in VS Code's secret storage.`,
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() === '' ? 'Paste the token' : /\s/.test(value.trim()) ? 'A token holds no spaces' : undefined),
  });
  if (token === undefined) return;
  const { GitHubProvider } = await loadGitHubProvider();
  const checking = new GitHubProvider({ target, fetch: globalThis.fetch, credentials: async () => token.trim(), userAgent: 'Pipewright' });
  const viewer = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Checking the token with ${new URL(target.apiUrl).host}…` }, () =>
    checking.read({ kind: 'viewer' }),
  );
  if (!viewer.ok) {
    log().warn(`A token for ${where} was not kept: ${viewer.error.message}`);
    void vscode.window.showErrorMessage(`The token was not kept: ${viewer.error.message}`);
    return;
  }
  await connection.credentials.storeToken(target, token.trim());
  await connection.update();
  log().info(`Signed in to ${where} as ${viewer.value.login} with a token`);
  void vscode.window.showInformationMessage(`Signed in to ${where} as ${viewer.value.login}.`);
}

export async function signOut(connection: Connection): Promise<void> {
  const state = await connection.ready();
  if (state.kind !== 'ready' && state.kind !== 'signed-out') {
    void vscode.window.showInformationMessage('Pipewright is not signed in to any GitHub repository of this workspace.');
    return;
  }
  const wasSession = state.kind === 'ready' && state.credential.source === 'session';
  await connection.credentials.signOut(state.target);
  await connection.update();
  const host = new URL(state.target.apiUrl).host;
  log().info(`Signed out of ${host}`);
  void vscode.window.showInformationMessage(
    `Pipewright signed out of ${host}.${wasSession ? ' VS Code\'s GitHub account stays signed in for other extensions; Pipewright will not use it until you sign in again.' : ''}`,
  );
}

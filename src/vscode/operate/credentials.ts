// Who Pipewright is on GitHub, per API URL: a personal access token kept in SecretStorage ("Sign
// in with a Token…"), a token in the extension host's environment (PIPEWRIGHT_GITHUB_TOKEN: the
// sandbox, dev containers), or VS Code's own `github` / `github-enterprise` session with the
// scopes `repo` and `workflow`. The views only look (silently); a command may ask once. A token is
// held in memory and in SecretStorage only: never in settings, the log, or a message.
import * as vscode from 'vscode';
import { GITHUB_API_URL, type GitHubTarget } from '../../core/operate/target';

export const SCOPES = ['repo', 'workflow'];
export const TOKEN_ENVIRONMENT_VARIABLE = 'PIPEWRIGHT_GITHUB_TOKEN';

export type CredentialSource = 'token' | 'environment' | 'session';

export interface Credential {
  token: string;
  source: CredentialSource;
  /** The account, when VS Code's session names it. */
  account?: string;
}

export class Credentials implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly cache = new Map<string, Promise<Credential | undefined>>();
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly globalState: vscode.Memento,
    private readonly environment: NodeJS.ProcessEnv = process.env,
  ) {
    this.disposables.push(
      secrets.onDidChange((e) => {
        if (e.key.startsWith(SECRET_PREFIX)) this.invalidate();
      }),
      vscode.authentication.onDidChangeSessions((e) => {
        if (e.provider.id === 'github' || e.provider.id === 'github-enterprise') this.invalidate();
      }),
    );
  }

  /** The credential to use without asking anyone, or undefined (then the views offer to sign in). */
  current(target: GitHubTarget): Promise<Credential | undefined> {
    const key = target.apiUrl;
    let found = this.cache.get(key);
    if (!found) {
      found = this.look(target);
      this.cache.set(key, found);
      // A failed look is not remembered.
      found.catch(() => this.cache.delete(key));
    }
    return found;
  }

  /**
   * VS Code's GitHub sign-in, asking the user (the first use of a command, or the view's
   * "Sign in with GitHub"). Undefined when the user cancels; throws with a reason a person can
   * act on when VS Code cannot sign in to this server.
   */
  async signInWithSession(target: GitHubTarget): Promise<Credential | undefined> {
    const provider = sessionProviderFor(target);
    if (!provider.ok) throw new Error(provider.reason);
    const session = await vscode.authentication.getSession(provider.id, SCOPES, { createIfNone: true });
    await this.globalState.update(signedOutKey(target), undefined);
    this.invalidate();
    return session ? { token: session.accessToken, source: 'session', account: session.account.label } : undefined;
  }

  /** Keeps a token that has been checked against the API. */
  async storeToken(target: GitHubTarget, token: string): Promise<void> {
    await this.secrets.store(secretKey(target), token);
    await this.globalState.update(signedOutKey(target), undefined);
    this.invalidate();
  }

  /**
   * Forgets the stored token and stops using the environment's token and VS Code's session for
   * this server until the user signs in again (VS Code's own account stays signed in for others).
   */
  async signOut(target: GitHubTarget): Promise<void> {
    await this.secrets.delete(secretKey(target));
    await this.globalState.update(signedOutKey(target), true);
    this.invalidate();
  }

  /** After GitHub refused a credential (401): look again on the next request. */
  invalidate(): void {
    this.cache.clear();
    this.changed.fire();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  private async look(target: GitHubTarget): Promise<Credential | undefined> {
    const stored = await this.secrets.get(secretKey(target));
    if (stored) return { token: stored, source: 'token' };
    if (this.globalState.get<boolean>(signedOutKey(target))) return undefined;
    const fromEnvironment = this.environment[TOKEN_ENVIRONMENT_VARIABLE]?.trim();
    if (fromEnvironment) return { token: fromEnvironment, source: 'environment' };
    const provider = sessionProviderFor(target);
    if (!provider.ok) return undefined;
    try {
      const session = await vscode.authentication.getSession(provider.id, SCOPES, { silent: true });
      return session ? { token: session.accessToken, source: 'session', account: session.account.label } : undefined;
    } catch {
      // No such provider here (some VS Code builds have no GitHub sign-in): not signed in.
      return undefined;
    }
  }
}

const SECRET_PREFIX = 'pipewright.github.token';

function secretKey(target: GitHubTarget): string {
  return `${SECRET_PREFIX} ${target.apiUrl.toLowerCase()}`;
}

function signedOutKey(target: GitHubTarget): string {
  return `pipewright.github.signedOut ${target.apiUrl.toLowerCase()}`;
}

/**
 * github.com signs in through VS Code's `github` provider; a GitHub Enterprise Server through
 * `github-enterprise`, which serves the one server named in VS Code's `github-enterprise.uri`.
 */
export function sessionProviderFor(target: GitHubTarget): { ok: true; id: 'github' | 'github-enterprise' } | { ok: false; reason: string } {
  if (target.apiUrl === GITHUB_API_URL) return { ok: true, id: 'github' };
  const host = new URL(target.apiUrl).host;
  const configured = vscode.workspace.getConfiguration('github-enterprise').get<string>('uri') ?? '';
  let configuredHost = '';
  try {
    configuredHost = configured === '' ? '' : new URL(configured).host;
  } catch {
    // Not a URL: treated as unset.
  }
  if (configuredHost.toLowerCase() === host.toLowerCase()) return { ok: true, id: 'github-enterprise' };
  return {
    ok: false,
    reason: `VS Code's GitHub Enterprise sign-in serves ${configuredHost === '' ? 'no server yet' : configuredHost}, not ${host}: set the setting github-enterprise.uri to https://${host}, or use "Pipewright: Sign in with a Token…".`,
  };
}

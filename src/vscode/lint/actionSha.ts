// The one lint fix that needs the network: "Pin `owner/repo@v4` to its commit sha". GitHub says
// which commit the tag or branch names now, asked of the action's own repository (not the
// workspace's: only the token is needed) on the workspace's GitHub, with the account Pipewright
// already uses there — or, when there is none, VS Code's GitHub sign-in, asked for as the operate
// commands do. The read runs under a cancellable progress notification; the fix then becomes the
// pinAction edit, planned like any other. Cancelling anywhere, or any error, changes nothing.
import * as vscode from 'vscode';
import { actionRepository, parseActionReference } from '../../core/actionReference';
import type { OperateError } from '../../core/operate/errors';
import type { GitHubTarget } from '../../core/operate/target';
import type { RuleFix } from '../../core/rules/rule';
import { engine } from '../engine/load';
import { log } from '../log';
import type { Connection } from '../operate/connection';
import { sessionProviderFor, type Credential } from '../operate/credentials';
import { showOperateError } from '../operate/perform';
import { loadGitHubProvider } from '../operate/providerLoader';
import { configuredApiUrl } from '../operate/workspaceTarget';

/**
 * `fix`, now with its operations; or why not. `shown`: the reason is already on screen (an error
 * message with its remedy); `cancelled`: the person stopped it, which needs no message.
 */
export type ShaResolution = { ok: true; fix: RuleFix } | { ok: false; reason: string; shown?: true; cancelled?: true };

export class ActionShaResolver {
  constructor(private readonly connection: Connection) {}

  async resolve(fix: RuleFix): Promise<ShaResolution> {
    if (!fix.needs) return { ok: true, fix };
    const { uses } = fix.needs;
    const reference = parseActionReference(uses);
    if (!reference) return { ok: false, reason: `${uses} does not name an action in another repository at a tag or branch` };
    const apiUrl = await this.apiUrl();
    if (!apiUrl.ok) return apiUrl;
    const target: GitHubTarget = { provider: 'github', apiUrl: apiUrl.apiUrl, owner: reference.owner, repo: reference.repo };
    const credential = await this.credential(target);
    if (!credential.ok) return credential;

    const { GitHubProvider } = await loadGitHubProvider();
    const credentials = this.connection.credentials;
    const provider = new GitHubProvider({
      target,
      fetch: globalThis.fetch,
      // Asked per request, like the connection's provider; the credential just found stands in
      // for a session VS Code has not reported yet.
      credentials: async () => (await credentials.current(target))?.token ?? credential.value.token,
      userAgent: 'Pipewright',
    });
    const host = new URL(target.apiUrl).host;
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Asking ${host} which commit ${uses} is…`, cancellable: true },
      (_progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        return provider.read({ kind: 'commit', ref: reference.ref }, { signal: controller.signal, onWait: (reason) => log().info(reason) }).then((r) => ({ r, cancelled: token.isCancellationRequested }));
      },
    );
    if (result.cancelled) return { ok: false, reason: `pinning ${uses} was cancelled`, cancelled: true };
    if (!result.r.ok) return this.failed(result.r.error, uses);
    const sha = result.r.value.sha;
    log().info(`${uses} is commit ${sha} in ${actionRepository(reference)} (${host})`);
    return { ok: true, fix: engine().fixWithSha(fix, sha) };
  }

  /** The workspace's GitHub (its repository's API, else the setting, else github.com). */
  private async apiUrl(): Promise<{ ok: true; apiUrl: string } | { ok: false; reason: string }> {
    const state = await this.connection.ready();
    if (state.kind === 'ready' || state.kind === 'signed-out') return { ok: true, apiUrl: state.target.apiUrl };
    return configuredApiUrl();
  }

  /** The account in use for that GitHub; else VS Code's GitHub sign-in, which the person may decline. */
  private async credential(target: GitHubTarget): Promise<{ ok: true; value: Credential } | { ok: false; reason: string; cancelled?: true }> {
    const credentials = this.connection.credentials;
    const current = await credentials.current(target);
    if (current) return { ok: true, value: current };
    const provider = sessionProviderFor(target);
    if (!provider.ok) return { ok: false, reason: `pinning an action asks GitHub, which needs a sign-in: ${provider.reason}` };
    try {
      const session = await credentials.signInWithSession(target);
      if (session) return { ok: true, value: session };
    } catch (e) {
      // VS Code rejects when the person declines its sign-in dialog.
      log().info(`GitHub sign-in for pinning an action ended without a session: ${e instanceof Error ? e.message : String(e)}`);
    }
    return { ok: false, reason: 'pinning an action asks GitHub, which needs a sign-in; nothing was changed', cancelled: true };
  }

  private failed(error: OperateError, uses: string): ShaResolution {
    const what = `Could not pin ${uses}`;
    // With its remedy (sign in again, retry); a refused credential also tells the views.
    void showOperateError(this.connection, error, what);
    return { ok: false, reason: `${what}: ${error.message}; nothing was changed`, shown: true };
  }
}

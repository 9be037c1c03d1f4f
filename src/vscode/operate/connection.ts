// The workspace's link to where its pipelines run: which repository (workspaceTarget.ts), whether
// someone is signed in (credentials.ts), and — once both are known and something needs the API —
// the provider and the one scheduler every view shares. Its state drives the views' welcome
// content through the `pipewright.operate` context key. Nothing here asks the user anything.
import * as vscode from 'vscode';
import type { OperateError } from '../../core/operate/errors';
import type { OperateProvider } from '../../core/operate/provider';
import { describeTarget, type GitHubTarget } from '../../core/operate/target';
import { systemClock } from '../../providers/scheduler/clock';
import { Scheduler } from '../../providers/scheduler/scheduler';
import { log } from '../log';
import type { Credential, Credentials } from './credentials';
import { loadGitHubProvider } from './providerLoader';
import { VIEW_NAMES, type ViewName } from './watch';
import { resolveWorkspaceTarget, SETTINGS } from './workspaceTarget';

export type ConnectionState =
  | { kind: 'starting' }
  | { kind: 'untrusted' }
  | { kind: 'no-repository'; reason: string }
  /** `refused`: GitHub answered 401 to the credential there is, which is why nobody counts as signed in. */
  | { kind: 'signed-out'; target: GitHubTarget; root?: vscode.Uri; refused?: string }
  | { kind: 'ready'; target: GitHubTarget; root?: vscode.Uri; provider: OperateProvider; credential: Credential };

/** The `pipewright.operate` context key's values, which package.json's welcome views test. */
const CONTEXT_VALUE: Record<ConnectionState['kind'], string> = {
  starting: 'starting',
  untrusted: 'untrusted',
  'no-repository': 'noRepository',
  'signed-out': 'signedOut',
  ready: 'ready',
};

export class Connection implements vscode.Disposable {
  private current: ConnectionState = { kind: 'starting' };
  private readonly changed = new vscode.EventEmitter<ConnectionState>();
  readonly onDidChange = this.changed.event;
  private schedulerInstance: Scheduler | undefined;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  /** The token GitHub refused with 401, so the same one is not tried again until it changes. */
  private refusedToken: string | undefined;
  private updating: Promise<void> | undefined;
  private again = false;
  private readonly visible = new Set<ViewName>();
  private windowFocused = vscode.window.state.focused;

  constructor(readonly credentials: Credentials) {
    this.disposables.push(
      credentials.onDidChange(() => {
        // Someone signed in or out: whatever GitHub refused before may be tried again.
        this.refusedToken = undefined;
        void this.update();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.update()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.update()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (Object.values(SETTINGS).some((s) => e.affectsConfiguration(`pipewright.${s}`))) void this.update();
      }),
    );
    void setContext(this.current);
  }

  get state(): ConnectionState {
    return this.current;
  }

  /** The one scheduler, made when the first view or command needs it. */
  get scheduler(): Scheduler {
    if (!this.schedulerInstance) {
      const scheduler = new Scheduler(systemClock);
      for (const view of VIEW_NAMES) scheduler.setViewVisible(view, this.visible.has(view));
      scheduler.setWindowFocused(this.windowFocused);
      this.schedulerInstance = scheduler;
    }
    return this.schedulerInstance;
  }

  /** A view (or the status bar item) was shown or hidden: hidden ones cost no requests. */
  setViewVisible(view: ViewName, visible: boolean): void {
    if (visible) this.visible.add(view);
    else this.visible.delete(view);
    this.schedulerInstance?.setViewVisible(view, visible);
    // The first view shown is the first use: find the repository and the account now.
    if (visible && this.current.kind === 'starting') void this.update();
  }

  setWindowFocused(focused: boolean): void {
    this.windowFocused = focused;
    this.schedulerInstance?.setWindowFocused(focused);
  }

  /** Works the state out again (settings, remote, trust or credentials changed). Calls coalesce. */
  update(): Promise<void> {
    if (this.updating) {
      this.again = true;
      return this.updating;
    }
    this.updating = (async () => {
      do {
        this.again = false;
        await this.settle();
      } while (this.again);
    })().finally(() => (this.updating = undefined));
    return this.updating;
  }

  /** Resolves once the state is worked out for the first time. */
  async ready(): Promise<ConnectionState> {
    if (this.current.kind === 'starting') await this.update();
    return this.current;
  }

  /**
   * A read or an action was answered 401: the credential no longer works. The views then offer to
   * sign in again, with GitHub's reason.
   */
  reportError(error: OperateError): void {
    if (error.kind !== 'unauthorized' || this.current.kind !== 'ready') return;
    this.refusedToken = this.current.credential.token;
    log().warn(`GitHub refused the credentials for ${describeTarget(this.current.target)}: ${error.message}`);
    this.current.provider.reset();
    this.set({ kind: 'signed-out', target: this.current.target, root: this.current.root, refused: error.message });
  }

  dispose(): void {
    this.schedulerInstance?.dispose();
    for (const d of this.disposables) d.dispose();
  }

  private async settle(): Promise<void> {
    const where = await resolveWorkspaceTarget();
    if (where.kind === 'untrusted') return this.set({ kind: 'untrusted' });
    if (where.kind === 'none') return this.set({ kind: 'no-repository', reason: where.reason });
    const { target, root } = where;
    const credential = await this.credentials.current(target);
    if (!credential) return this.set({ kind: 'signed-out', target, root });
    if (credential.token === this.refusedToken) {
      const refused = this.current.kind === 'signed-out' ? this.current.refused : undefined;
      return this.set({ kind: 'signed-out', target, root, refused });
    }
    this.refusedToken = undefined;
    const same = this.current.kind === 'ready' && sameTarget(this.current.target, target) && this.current.credential.token === credential.token;
    if (same && this.current.kind === 'ready') {
      // Nothing that matters changed (the root may have): keep the provider and its caches.
      if (this.current.root?.toString() !== root?.toString()) this.set({ ...this.current, root });
      return;
    }
    const { GitHubProvider } = await loadGitHubProvider();
    const provider = new GitHubProvider({
      target,
      fetch: globalThis.fetch,
      // Asked per request, so a token stored or forgotten meanwhile takes effect at once.
      credentials: async () => (await this.credentials.current(target))?.token,
      userAgent: 'Pipewright',
    });
    log().info(`Operating ${describeTarget(target)} at ${target.apiUrl} (${where.from === 'setting' ? 'from the settings' : 'from the git remote'}; signed in with ${describeSource(credential)})`);
    this.set({ kind: 'ready', target, root, provider, credential });
  }

  private set(state: ConnectionState): void {
    this.current = state;
    void setContext(state);
    this.changed.fire(state);
  }
}

export function describeSource(credential: Credential): string {
  switch (credential.source) {
    case 'token':
      return 'a token kept in VS Code\'s secret storage';
    case 'environment':
      return 'the token in the environment variable PIPEWRIGHT_GITHUB_TOKEN';
    case 'session':
      return `VS Code's GitHub account${credential.account ? ` ${credential.account}` : ''}`;
  }
}

function sameTarget(a: GitHubTarget, b: GitHubTarget): boolean {
  return a.apiUrl === b.apiUrl && a.owner === b.owner && a.repo === b.repo && a.label === b.label;
}

function setContext(state: ConnectionState): Thenable<unknown> {
  return vscode.commands.executeCommand('setContext', 'pipewright.operate', CONTEXT_VALUE[state.kind]);
}

// One query a view (or the status bar) watches through the shared scheduler, kept subscribed
// across sign-ins, sign-outs and repository changes. It never reads on its own: the scheduler
// decides when, and tells every watcher of the same query at once.
import * as vscode from 'vscode';
import type { OperateProvider, ResourceKind, ResourceQuery, ResourceValues } from '../../core/operate/provider';
import type { Snapshot, Subscription } from '../../providers/scheduler/scheduler';
import type { Connection } from './connection';

/** The views' names for the scheduler: their visibility and idle budget are counted per view. */
export const VIEW_NAMES = ['pipewright.environments', 'pipewright.runs', 'pipewright.approvals', 'pipewright.statusBar', 'pipewright.designer'] as const;
export type ViewName = (typeof VIEW_NAMES)[number];

export class Watched<K extends ResourceKind> implements vscode.Disposable {
  private subscription: Subscription<ResourceValues[K]> | undefined;
  private provider: OperateProvider | undefined;
  private current: ResourceQuery<K> | undefined;
  private focus = false;
  /** What listeners were last told about, so that a read that changed nothing redraws nothing. */
  private told: string | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly listening: vscode.Disposable;

  constructor(
    private readonly connection: Connection,
    private readonly view: ViewName,
    query?: ResourceQuery<K>,
  ) {
    this.current = query;
    this.listening = connection.onDidChange((state) => {
      // A new root or label alone keeps the provider: no need to read again.
      if (state.kind !== 'ready' || state.provider !== this.provider) this.resubscribe();
    });
    this.resubscribe();
  }

  get snapshot(): Snapshot<ResourceValues[K]> | undefined {
    return this.subscription?.snapshot;
  }

  get value(): ResourceValues[K] | undefined {
    return this.subscription?.snapshot.value;
  }

  get query(): ResourceQuery<K> | undefined {
    return this.current;
  }

  /** Watch another query (the Runs view follows the active workflow); undefined: none. */
  setQuery(query: ResourceQuery<K> | undefined): void {
    if (JSON.stringify(query) === JSON.stringify(this.current)) return;
    this.current = query;
    this.resubscribe();
  }

  /** The thing a person is looking at: the scheduler reads it every few seconds while it moves. */
  setFocus(focus: boolean): void {
    this.focus = focus;
    this.subscription?.setFocus(focus);
  }

  dispose(): void {
    this.listening.dispose();
    this.subscription?.dispose();
    this.changed.dispose();
  }

  private resubscribe(): void {
    this.subscription?.dispose();
    this.subscription = undefined;
    this.told = undefined;
    const state = this.connection.state;
    this.provider = state.kind === 'ready' ? state.provider : undefined;
    if (state.kind === 'ready' && this.current) {
      this.subscription = this.connection.scheduler.subscribe(
        state.provider,
        this.current,
        (snapshot) => {
          if (snapshot.error) this.connection.reportError(snapshot.error);
          // The scheduler also tells when a read starts and ends; views show only data and errors.
          const told = JSON.stringify([snapshot.value ?? null, snapshot.error?.message ?? null, snapshot.stale]);
          if (told === this.told) return;
          this.told = told;
          this.changed.fire();
        },
        { view: this.view, focus: this.focus },
      );
    }
    this.changed.fire();
  }
}

// The live run over a GitHub workflow open in the designer: one overlay per designer tab (each tab
// keeps its own run choice), fed by Watched queries through the one scheduler — the workflow's
// runs, the shown run (in focus: read every few seconds while it runs or waits), the environments
// with their protection rules, the repository (may this account administer it). It posts
// `overlay` messages; it never edits the document and never touches the layout.
import * as vscode from 'vscode';
import type { Dialect, PipelineGraph } from '../../core/model';
import type { Job, Run } from '../../core/operate/model';
import { chosenRunId, overlayEnvironments, overlayNodes, type RunChoice } from '../../core/operate/overlay';
import { describeTarget } from '../../core/operate/target';
import { isActive, lightOf } from '../../core/operate/status';
import type { HostToWebview, OverlayRunOption, RunOverlay, WebviewToHost } from '../../shared/protocol';
import type { DesignerAddOn, DesignerAddOnPanel } from '../designer/provider';
import type { JobElement } from '../views/elements';
import { runSummary, runTitle } from '../views/words';
import { workflowOf } from './activeWorkflow';
import type { Connection, ConnectionState } from './connection';
import { setProtectionFromDesigner } from './setProtection';
import { Watched } from './watch';
import { currentBranch } from './workspaceTarget';

export const DESIGNER_VIEW = 'pipewright.designer';
const RUN_LIMIT = 20;

/** The `data-vscode-context` of a node with jobs in the shown run, as a webview/context command gets it. */
export interface DesignerJobContext {
  webviewSection: 'runJob';
  pipewrightRunId: string;
  /** Comma-separated job ids of the node's instances. */
  pipewrightJobIds: string;
}

export class DesignerOverlays implements DesignerAddOn, vscode.Disposable {
  private readonly overlays = new Set<PanelOverlay>();

  constructor(private readonly connection: Connection) {}

  attach(panel: vscode.WebviewPanel, document: vscode.TextDocument, dialect: Dialect, graph: () => PipelineGraph): DesignerAddOnPanel | undefined {
    // Runs are read for GitHub workflows only; other dialects' designers show no picker.
    if (dialect !== 'github') return undefined;
    const overlay = new PanelOverlay(this.connection, panel, document, graph, () => this.visibilityChanged(), (o) => {
      this.overlays.delete(o);
      this.visibilityChanged();
    });
    this.overlays.add(overlay);
    this.visibilityChanged();
    return overlay;
  }

  /**
   * A node's job from the designer's context menu (its `data-vscode-context`), as the Runs view's
   * job element: only a job of a run a designer shows now is accepted; a matrix node asks which.
   */
  async jobElement(arg: unknown): Promise<JobElement | undefined> {
    const context = arg as Partial<DesignerJobContext> | undefined;
    if (typeof context !== 'object' || context === null || context.webviewSection !== 'runJob') return undefined;
    if (typeof context.pipewrightRunId !== 'string' || typeof context.pipewrightJobIds !== 'string') return undefined;
    const ids = new Set(context.pipewrightJobIds.split(','));
    for (const overlay of this.overlays) {
      const shown = overlay.shownRun();
      if (shown?.run.id !== context.pipewrightRunId) continue;
      const jobs = shown.jobs.filter((j) => ids.has(j.id));
      const job = jobs.length <= 1 ? jobs[0] : await pickInstance(jobs);
      return job ? { kind: 'job', job, run: shown.run } : undefined;
    }
    return undefined;
  }

  dispose(): void {
    for (const o of [...this.overlays]) o.dispose();
  }

  /** The designer counts as one view for the scheduler: visible while any designer tab with an overlay shows. */
  private visibilityChanged(): void {
    this.connection.setViewVisible(DESIGNER_VIEW, [...this.overlays].some((o) => o.visible));
  }
}

class PanelOverlay implements DesignerAddOnPanel {
  private choice: RunChoice = { kind: 'latest' };
  private branch: string | undefined;
  private path: string | undefined;
  private readonly runs: Watched<'runs'>;
  private readonly detail: Watched<'run'>;
  private readonly environments: Watched<'environments'>;
  private readonly repository: Watched<'repository'>;
  private readonly disposables: vscode.Disposable[] = [];
  /** The last message posted, so that a read that changed nothing posts nothing. */
  private posted: string | undefined;
  private webviewReady = false;

  constructor(
    private readonly connection: Connection,
    private readonly panel: vscode.WebviewPanel,
    private readonly document: vscode.TextDocument,
    private readonly graph: () => PipelineGraph,
    private readonly onVisibility: () => void,
    private readonly onDispose: (o: PanelOverlay) => void,
  ) {
    this.runs = new Watched(connection, DESIGNER_VIEW);
    this.detail = new Watched(connection, DESIGNER_VIEW);
    // The shown run is what the person looks at: fast reads while it runs or waits.
    this.detail.setFocus(true);
    this.environments = new Watched(connection, DESIGNER_VIEW);
    this.repository = new Watched(connection, DESIGNER_VIEW);
    this.disposables.push(
      this.runs,
      this.detail,
      this.environments,
      this.repository,
      this.runs.onDidChange(() => this.update()),
      this.detail.onDidChange(() => this.send()),
      this.environments.onDidChange(() => this.send()),
      this.repository.onDidChange(() => this.send()),
      connection.onDidChange(() => this.follow()),
      panel.onDidChangeViewState(() => this.onVisibility()),
    );
    // Opening a workflow in the designer is a reason to find out where it runs (nothing is asked).
    if (connection.state.kind === 'starting') void connection.update();
    this.follow();
    void currentBranch().then((branch) => {
      this.branch = branch;
      this.update();
    });
  }

  get visible(): boolean {
    return this.panel.visible;
  }

  /** The shown run and its jobs, when they have been read. */
  shownRun(): { run: Run; jobs: Job[] } | undefined {
    const value = this.detail.value;
    return value && value.run.id === this.detail.query?.runId ? { run: value.run, jobs: value.jobs } : undefined;
  }

  handle(message: WebviewToHost): boolean {
    switch (message.type) {
      case 'ready':
        // A reloaded webview has forgotten the overlay: post it again (its choice follows).
        this.webviewReady = true;
        this.posted = undefined;
        this.send();
        return false;
      case 'chooseRun':
        this.choice = message.choice;
        this.update();
        return true;
      case 'runWorkflow':
        void vscode.commands.executeCommand('pipewright.runWorkflow', this.document.uri);
        return true;
      case 'setProtection':
        void setProtectionFromDesigner(this.connection, this.graph(), message);
        return true;
      default:
        return false;
    }
  }

  graphChanged(): void {
    this.send();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.onDispose(this);
  }

  /** Where the workflow runs changed (signed in or out, trust, repository): watch what fits. */
  private follow(): void {
    const state = this.connection.state;
    this.path = state.kind === 'ready' ? workflowOf(this.document.uri, this.connection)?.path : undefined;
    const ready = state.kind === 'ready' && this.path !== undefined;
    this.runs.setQuery(ready ? { kind: 'runs', pipeline: this.path!, limit: RUN_LIMIT } : undefined);
    this.environments.setQuery(ready ? { kind: 'environments' } : undefined);
    this.repository.setQuery(ready ? { kind: 'repository' } : undefined);
    this.update();
  }

  /** The runs or the choice changed: watch the run the choice means now. */
  private update(): void {
    const id = this.path === undefined ? undefined : chosenRunId(this.runs.value ?? [], this.choice, this.branch);
    this.detail.setQuery(id === undefined ? undefined : { kind: 'run', runId: id });
    this.send();
  }

  private send(): void {
    if (!this.webviewReady) return;
    const overlay = this.overlay();
    const text = JSON.stringify(overlay);
    if (text === this.posted) return;
    this.posted = text;
    const message: HostToWebview = { type: 'overlay', ...overlay };
    void this.panel.webview.postMessage(message);
  }

  private overlay(): RunOverlay {
    const state = this.connection.state;
    if (state.kind !== 'ready') return { state: 'absent', reason: absentReason(state) };
    if (this.path === undefined) return { state: 'absent', reason: 'Runs are shown for workflows in .github/workflows/ of the repository.' };
    const now = Date.now();
    const graph = this.graph();
    const runs = this.runs.value ?? [];
    const shown = this.shownRun();
    const detailError = this.detail.snapshot?.error;
    const run = shown ? { ...runOption(shown.run, now), finished: !isActive(shown.run) } : undefined;
    return {
      state: 'shown',
      where: describeTarget(state.target),
      owner: state.target.owner,
      ...(this.branch !== undefined ? { branch: this.branch } : {}),
      runs: runs.map((r) => runOption(r, now)),
      choice: this.choice,
      ...(run ? { run } : {}),
      ...noteOf(this.runs.snapshot?.error?.message ?? detailError?.message, this.runs.value, this.choice, this.branch, this.detail.query !== undefined && !shown),
      nodes: shown ? overlayNodes(graph, { run: shown.run, jobs: shown.jobs, pending: [], reviews: [] }, now) : {},
      environments: this.environments.value ? overlayEnvironments(graph, this.environments.value) : {},
      canAdminister: this.repository.value?.permission === 'admin',
    };
  }
}

function runOption(run: Run, now: number): OverlayRunOption {
  return { id: run.id, label: runTitle(run), detail: `${run.title} · ${runSummary(run, now)}`, light: lightOf(run) };
}

/** The picker's one line when no run is on the nodes, or what went wrong reading. */
function noteOf(error: string | undefined, runs: readonly Run[] | undefined, choice: RunChoice, branch: string | undefined, loading: boolean): { note?: string } {
  if (error !== undefined) return { note: error };
  if (runs === undefined) return { note: 'Reading the runs…' };
  if (choice.kind === 'latest' && runs.length === 0) return { note: 'No runs of this workflow yet.' };
  if (choice.kind === 'latest' && !runs.some((r) => branch === undefined || r.headBranch === branch)) return { note: `No run on ${branch} yet.` };
  if (loading) return { note: 'Reading the run…' };
  return {};
}

/** Why there is no overlay, in one short line for the picker. */
function absentReason(state: Exclude<ConnectionState, { kind: 'ready' }>): string {
  switch (state.kind) {
    case 'starting':
      return 'Finding where this workflow runs…';
    case 'untrusted':
      return 'Runs are not shown in Restricted Mode.';
    case 'no-repository':
      return 'No GitHub repository: runs are not shown.';
    case 'signed-out':
      return state.refused ? 'GitHub refused the sign-in: sign in again to see runs.' : 'Sign in to GitHub to see runs.';
  }
}

async function pickInstance(jobs: Job[]): Promise<Job | undefined> {
  const picked = await vscode.window.showQuickPick(jobs.map((job) => ({ label: job.name, job })), { title: 'Which instance?' });
  return picked?.job;
}

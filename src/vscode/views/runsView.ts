// The Runs view: the recent runs of the workflow in the active editor (of all workflows when none
// is open), each expanding to its jobs and to what it waits for. An expanded run is "in focus":
// the scheduler reads it every few seconds while it runs or waits.
import * as vscode from 'vscode';
import type { Run } from '../../core/operate/model';
import { describeLight, isActive, lightOf } from '../../core/operate/status';
import { describeTarget } from '../../core/operate/target';
import type { ActiveWorkflowTracker } from '../operate/activeWorkflow';
import type { Connection } from '../operate/connection';
import { Watched } from '../operate/watch';
import type { JobElement, NoteElement, OperateElement, RunElement } from './elements';
import { lightIcon } from './icons';
import { ViewState } from './viewState';
import { jobSummary, runSummary, runTitle, waitsFor } from './words';

export const RUNS_VIEW = 'pipewright.runs';
const LIMIT = 20;

export class RunsView implements vscode.TreeDataProvider<OperateElement>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<OperateElement | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly runs: Watched<'runs'>;
  /** Runs expanded in the tree, each read with its jobs while it stays expanded. */
  private readonly expanded = new Map<string, Watched<'run'>>();
  /** One element per run, kept across reads: VS Code redraws a run's jobs by that element alone. */
  private readonly elements = new Map<string, RunElement>();
  private readonly view: vscode.TreeView<OperateElement>;
  private readonly state: ViewState;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  /** A run to select once it shows up (one the user just started). */
  private toReveal: string | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly active: ActiveWorkflowTracker,
  ) {
    this.runs = new Watched(connection, RUNS_VIEW, this.query());
    this.view = vscode.window.createTreeView(RUNS_VIEW, { treeDataProvider: this, showCollapseAll: true });
    this.state = new ViewState(this.view, RUNS_VIEW, connection, this.disposables);
    this.disposables.push(
      this.view,
      this.runs,
      this.runs.onDidChange(() => this.refresh()),
      active.onDidChange(() => this.runs.setQuery(this.query())),
      connection.onDidChange(() => this.refresh()),
      this.view.onDidExpandElement((e) => this.expand(e.element)),
      this.view.onDidCollapseElement((e) => this.collapse(e.element)),
    );
    this.refresh();
  }

  /** Selects a run in the view as soon as the list holds it, and asks for the list now. */
  revealRun(runId: string): void {
    this.toReveal = runId;
    const state = this.connection.state;
    if (state.kind === 'ready') this.connection.scheduler.refresh({ target: state.target, kinds: ['runs'] });
    this.revealPending();
  }

  getTreeItem(element: OperateElement): vscode.TreeItem {
    switch (element.kind) {
      case 'run':
        return runItem(element.run, this.expanded.has(element.run.id));
      case 'job': {
        const item = new vscode.TreeItem(element.job.name, vscode.TreeItemCollapsibleState.None);
        item.id = `job:${element.job.id}`;
        item.description = jobSummary(element.job, Date.now());
        item.iconPath = lightIcon(lightOf(element.job));
        item.contextValue = isActive(element.job) ? 'job' : 'job.finished';
        item.tooltip = `${element.job.name}: ${item.description}`;
        item.accessibilityInformation = { label: `${element.job.name}, ${item.description}` };
        return item;
      }
      case 'note':
        return noteItem(element);
      default:
        return new vscode.TreeItem('');
    }
  }

  getChildren(element?: OperateElement): OperateElement[] {
    if (!element) return this.runElements();
    if (element.kind !== 'run') return [];
    const detail = this.expanded.get(element.run.id);
    const value = detail?.value;
    if (!value) {
      const error = detail?.snapshot?.error;
      return [note(`run:${element.run.id}:status`, error ? error.message : 'Loading the jobs…', error ? 'warning' : 'loading~spin')];
    }
    const children: OperateElement[] = [];
    if (value.pending.length > 0) children.push(note(`run:${element.run.id}:waits`, `Waits for ${waitsFor(value.pending)}`, 'watch'));
    children.push(...value.jobs.map((job): JobElement => ({ kind: 'job', job, run: value.run })));
    return children;
  }

  getParent(): undefined {
    return undefined;
  }

  dispose(): void {
    for (const w of this.expanded.values()) w.dispose();
    for (const d of this.disposables) d.dispose();
  }

  private runElements(): RunElement[] {
    const runs = this.runs.value ?? [];
    const ids = new Set(runs.map((r) => r.id));
    for (const id of this.elements.keys()) if (!ids.has(id)) this.elements.delete(id);
    return runs.map((run) => {
      const element = this.elements.get(run.id);
      if (element) {
        element.run = run;
        return element;
      }
      const created: RunElement = { kind: 'run', run };
      this.elements.set(run.id, created);
      return created;
    });
  }

  private query(): { kind: 'runs'; pipeline?: string; limit: number } {
    const workflow = this.active.workflow;
    return workflow ? { kind: 'runs', pipeline: workflow.path, limit: LIMIT } : { kind: 'runs', limit: LIMIT };
  }

  private expand(element: OperateElement): void {
    if (element.kind !== 'run' || this.expanded.has(element.run.id)) return;
    const detail = new Watched(this.connection, RUNS_VIEW, { kind: 'run', runId: element.run.id });
    detail.setFocus(true);
    // Only this run's jobs are redrawn, not the whole tree (a row being hovered keeps its actions).
    detail.onDidChange(() => this.changed.fire(this.elements.get(element.run.id)));
    this.expanded.set(element.run.id, detail);
  }

  private collapse(element: OperateElement): void {
    if (element.kind !== 'run') return;
    this.expanded.get(element.run.id)?.dispose();
    this.expanded.delete(element.run.id);
  }

  private refresh(): void {
    // Runs that left the list (a newer one pushed them out) are not read any more.
    const listed = new Set((this.runs.value ?? []).map((r) => r.id));
    for (const [id, detail] of this.expanded) {
      if (this.runs.value !== undefined && !listed.has(id)) {
        detail.dispose();
        this.expanded.delete(id);
      }
    }
    const state = this.connection.state;
    const workflow = this.active.workflow;
    const where = state.kind === 'ready' ? describeTarget(state.target) : undefined;
    this.view.description = where === undefined ? undefined : workflow ? `${workflow.path.split('/').pop()} · ${where}` : where;
    const runs = this.runs.value;
    const empty = state.kind === 'ready' && runs !== undefined && runs.length === 0
      ? `No runs${workflow ? ` of ${workflow.path}` : ''} in ${where} yet.`
      : undefined;
    this.state.show([this.runs.snapshot], empty);
    this.changed.fire(undefined);
    this.revealPending();
  }

  private revealPending(): void {
    const id = this.toReveal;
    const element = id === undefined ? undefined : this.runElements().find((e) => e.run.id === id);
    if (!element) return;
    this.toReveal = undefined;
    void this.view.reveal(element, { select: true, focus: false, expand: true });
  }
}

function runItem(run: Run, expanded: boolean): vscode.TreeItem {
  const item = new vscode.TreeItem(runTitle(run), expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `run:${run.id}`;
  item.description = `${run.title} · ${runSummary(run, Date.now())}`;
  const light = lightOf(run);
  item.iconPath = lightIcon(light);
  // run.active / run.failed / run.done: which inline actions apply (package.json menus).
  item.contextValue = isActive(run) ? 'run.active' : light === 'failure' || light === 'cancelled' ? 'run.failed' : 'run.done';
  item.tooltip = new vscode.MarkdownString(`**${runTitle(run)}**: ${escape(run.title)}\n\n${describeLight(light)} · ${escape(runSummary(run, Date.now()))}`);
  item.accessibilityInformation = { label: `${runTitle(run)}, ${describeLight(light)}, ${run.title}` };
  return item;
}

export function note(id: string, text: string, icon?: string): NoteElement {
  return { kind: 'note', id, text, icon };
}

export function noteItem(element: NoteElement): vscode.TreeItem {
  const item = new vscode.TreeItem(element.text, vscode.TreeItemCollapsibleState.None);
  item.id = element.id;
  if (element.icon) item.iconPath = new vscode.ThemeIcon(element.icon);
  item.tooltip = element.tooltip ?? element.text;
  return item;
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

// "Show Logs": a finished job's log in a read-only editor tab, its ANSI colours stripped. The
// text lives in memory under a `pipewright-log:` URI for as long as the tab may show it.
import * as vscode from 'vscode';
import type { Job, Run } from '../../core/operate/model';
import { isActive } from '../../core/operate/status';
import { stripAnsi } from '../../core/operate/logs';
import { describeTarget } from '../../core/operate/target';
import { isElement } from '../views/elements';
import { jobSummary, runTitle } from '../views/words';
import type { ActiveWorkflow } from './activeWorkflow';
import type { Connection } from './connection';
import { readForCommand } from './perform';
import { requireReady, type ReadyState } from './ready';

export const LOG_SCHEME = 'pipewright-log';

export class JobLogs implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? 'This log is no longer in memory; run "Pipewright: Show Logs" again.';
  }

  async show(connection: Connection, active: () => ActiveWorkflow | undefined, arg: unknown): Promise<void> {
    const ready = await requireReady(connection);
    if (!ready) return;
    const chosen = isElement(arg, 'job') ? { job: arg.job, run: arg.run } : await pickJob(connection, ready, active());
    if (!chosen) return;
    const { job, run } = chosen;
    if (isActive(job)) {
      void vscode.window.showInformationMessage(`"${job.name}" has not finished; its log can be read once it has.`);
      return;
    }
    const log = await readForCommand(connection, `Reading the log of "${job.name}"…`, () => ready.provider.read({ kind: 'log', jobId: job.id }));
    if (log === undefined) return;
    const safeName = job.name.replace(/[^\w.-]+/g, '-');
    const uri = vscode.Uri.from({ scheme: LOG_SCHEME, path: `/${ready.target.owner}/${ready.target.repo}/run-${run.id}/${safeName}.log` });
    this.texts.set(uri.toString(), stripAnsi(log.text));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(document, 'log');
    await vscode.window.showTextDocument(document, { preview: false });
  }
}

async function pickJob(connection: Connection, ready: ReadyState, workflow: ActiveWorkflow | undefined): Promise<{ job: Job; run: Run } | undefined> {
  const runs = await readForCommand(connection, 'Reading recent runs…', () => ready.provider.read({ kind: 'runs', limit: 20, ...(workflow ? { pipeline: workflow.path } : {}) }));
  if (!runs) return undefined;
  if (runs.length === 0) {
    void vscode.window.showInformationMessage(`No runs in ${describeTarget(ready.target)} yet.`);
    return undefined;
  }
  const run = await vscode.window.showQuickPick(runs.map((r) => ({ label: runTitle(r), description: r.title, run: r })), { title: 'Show the logs of which run?' });
  if (!run) return undefined;
  const detail = await readForCommand(connection, `Reading the jobs of ${run.label}…`, () => ready.provider.read({ kind: 'run', runId: run.run.id }));
  if (!detail) return undefined;
  const finished = detail.jobs.filter((j) => !isActive(j));
  if (finished.length === 0) {
    void vscode.window.showInformationMessage(`No job of ${run.label} has finished yet.`);
    return undefined;
  }
  const now = Date.now();
  const job = await vscode.window.showQuickPick(finished.map((j) => ({ label: j.name, description: jobSummary(j, now), job: j })), { title: `Show the log of which job of ${run.label}?` });
  return job ? { job: job.job, run: detail.run } : undefined;
}

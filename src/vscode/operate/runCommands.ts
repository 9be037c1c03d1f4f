// Cancel Run, Re-run Failed Jobs and Open in Browser: on a run of the Runs view, or from the
// palette (then pick among the recent runs of the workflow in the active editor, or of all).
import * as vscode from 'vscode';
import { runLabel, shortSha } from '../../core/operate/actions';
import type { Run } from '../../core/operate/model';
import { describeLight, isActive, lightOf } from '../../core/operate/status';
import { describeTarget } from '../../core/operate/target';
import { isElement } from '../views/elements';
import { runSummary, runTitle } from '../views/words';
import type { ActiveWorkflow } from './activeWorkflow';
import type { Connection } from './connection';
import { confirmAndPerform, readForCommand } from './perform';
import { requireReady, type ReadyState } from './ready';
import type { StartedRuns } from './startedRuns';

export interface RunCommandDeps {
  connection: Connection;
  active: () => ActiveWorkflow | undefined;
  started: StartedRuns;
}

export async function cancelRun(deps: RunCommandDeps, arg: unknown): Promise<void> {
  const ready = await requireReady(deps.connection);
  if (!ready) return;
  const run = await runFromArgument(deps, ready, arg, isActive, 'Cancel which run?', 'No run is queued, running or waiting');
  if (!run) return;
  await confirmAndPerform(deps.connection, ready, { kind: 'cancel', runId: run.id, run: runLabel(run) }, { confirm: 'Cancel Run' });
}

export async function rerunFailedJobs(deps: RunCommandDeps, arg: unknown): Promise<void> {
  const ready = await requireReady(deps.connection);
  if (!ready) return;
  const failed = (r: Run) => lightOf(r) === 'failure' || lightOf(r) === 'cancelled';
  const run = await runFromArgument(deps, ready, arg, failed, 'Re-run the failed jobs of which run?', 'No recent run failed');
  if (!run) return;
  const outcome = await confirmAndPerform(deps.connection, ready, { kind: 'rerun', runId: run.id, run: runLabel(run), failedOnly: true }, { confirm: 'Re-run Failed Jobs' });
  if (outcome?.ok) deps.started.track(outcome.runId ?? run.id);
}

/** Re-runs one finished job (and what depends on it) of the Runs view or a designer node. */
export async function rerunJob(deps: RunCommandDeps, arg: unknown): Promise<void> {
  if (!isElement(arg, 'job')) {
    void vscode.window.showInformationMessage('Re-run Job works on a job: use it on a job in the Runs view or on a node of the designer.');
    return;
  }
  const ready = await requireReady(deps.connection);
  if (!ready) return;
  if (isActive(arg.run)) {
    void vscode.window.showInformationMessage(`${runTitle(arg.run)} is still running; its jobs can be re-run once it has finished.`);
    return;
  }
  const outcome = await confirmAndPerform(deps.connection, ready, { kind: 'rerunJob', runId: arg.run.id, jobId: arg.job.id, jobName: arg.job.name, run: runLabel(arg.run) }, { confirm: 'Re-run Job' });
  if (outcome?.ok) deps.started.track(outcome.runId ?? arg.run.id);
}

/** The web page of a run, job, deployment or waiting deployment (GitHub's, or the server's own links). */
export async function openInBrowser(connection: Connection, arg: unknown): Promise<void> {
  const state = connection.state;
  const { githubWebUrl } = await import('../../providers/github/remote');
  const web = state.kind === 'ready' || state.kind === 'signed-out' ? githubWebUrl(state.target) : undefined;
  let url: string | undefined;
  if (isElement(arg, 'run')) url = arg.run.url;
  else if (isElement(arg, 'job')) url = arg.job.url ?? arg.run.url;
  else if (isElement(arg, 'environment')) url = arg.status.latest?.url ?? (web ? `${web}/deployments` : undefined);
  else if (isElement(arg, 'approval')) url = web ? `${web}/actions/runs/${arg.approval.runId}` : undefined;
  else url = web ? `${web}/actions` : undefined;
  if (!url) {
    void vscode.window.showErrorMessage('Open in Browser: no GitHub repository is known for this workspace.');
    return;
  }
  await vscode.env.openExternal(vscode.Uri.parse(url));
}

async function runFromArgument(deps: RunCommandDeps, ready: ReadyState, arg: unknown, fits: (run: Run) => boolean, title: string, none: string): Promise<Run | undefined> {
  if (isElement(arg, 'run')) return arg.run;
  const workflow = deps.active();
  const runs = await readForCommand(deps.connection, 'Reading recent runs…', () =>
    ready.provider.read({ kind: 'runs', limit: 30, ...(workflow ? { pipeline: workflow.path } : {}) }),
  );
  if (!runs) return undefined;
  const candidates = runs.filter(fits);
  const where = `${workflow ? `${workflow.path} in ` : ''}${describeTarget(ready.target)}`;
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(`${none} in ${where}.`);
    return undefined;
  }
  const now = Date.now();
  const picked = await vscode.window.showQuickPick(
    candidates.map((run) => ({ label: `${runTitle(run)} ${run.title}`, description: `${describeLight(lightOf(run))} · ${runSummary(run, now)}`, detail: shortSha(run.headSha), run })),
    { title, matchOnDescription: true },
  );
  return picked?.run;
}

// "Roll Back Environment…": list the environment's earlier successful deployments (ref, sha, when,
// who, the run), pick one, confirm, and let the provider re-run the deploy job of the run that made
// it. Which deployment counts as current, and what may be picked, is the core's rule (choose.ts),
// the same as the command line's.
import * as vscode from 'vscode';
import { chooseRollback, currentDeployment, hasSucceeded, newestFirst } from '../../core/operate/choose';
import { shortSha } from '../../core/operate/actions';
import { describeTarget } from '../../core/operate/target';
import { isElement } from '../views/elements';
import { relativeTime } from '../views/words';
import type { Connection } from './connection';
import { confirmAndPerform, readForCommand, showOperateError } from './perform';
import { requireReady } from './ready';
import type { StartedRuns } from './startedRuns';

export async function rollBack(connection: Connection, started: StartedRuns, revealRun: (runId: string) => void, arg: unknown): Promise<void> {
  const ready = await requireReady(connection);
  if (!ready) return;
  const where = describeTarget(ready.target);
  let environment = isElement(arg, 'environment') ? arg.status.environment.name : undefined;
  if (environment === undefined) {
    const environments = await readForCommand(connection, 'Reading environments…', () => ready.provider.read({ kind: 'environments' }));
    if (!environments) return;
    const picked = await vscode.window.showQuickPick(
      environments.map((e) => ({ label: e.environment.name, description: e.latest ? `now ${e.latest.ref} ${shortSha(e.latest.sha)}` : 'no deployments' })),
      { title: `Roll back which environment of ${where}?` },
    );
    if (!picked) return;
    environment = picked.label;
  }
  const name = environment;
  const deployments = await readForCommand(connection, `Reading the deployments to ${name}…`, () => ready.provider.read({ kind: 'deployments', environment: name }));
  if (!deployments) return;
  const current = currentDeployment(deployments);
  const earlier = newestFirst(deployments).filter((d) => hasSucceeded(d) && d.id !== current?.id && (!current || Date.parse(d.createdAt) <= Date.parse(current.createdAt)));
  if (earlier.length === 0) {
    void vscode.window.showInformationMessage(`${name} in ${where} has no earlier successful deployment to roll back to.`);
    return;
  }
  const now = Date.now();
  const picked = await vscode.window.showQuickPick(
    earlier.map((d) => ({
      label: `${shortSha(d.sha)} ${d.ref !== d.sha ? d.ref : ''}`.trim(),
      description: [relativeTime(d.createdAt, now), d.creator ? `by ${d.creator.login}` : undefined, d.runId ? `run ${d.runId}` : undefined].filter(Boolean).join(' · '),
      detail: d.description,
      id: d.id,
    })),
    { title: `Roll ${name} back to which deployment?`, placeHolder: current ? `${name} runs ${shortSha(current.sha)} (${current.ref}) now` : undefined, matchOnDescription: true },
  );
  if (!picked) return;
  const choice = chooseRollback(deployments, name, picked.id, where);
  if (!choice.ok) {
    await showOperateError(connection, choice.error, 'Roll back');
    return;
  }
  const outcome = await confirmAndPerform(connection, ready, { kind: 'rollback', environment: name, to: choice.value.to, from: choice.value.from ?? null }, { confirm: 'Roll Back' });
  if (outcome?.ok && outcome.runId !== undefined) {
    started.track(outcome.runId);
    revealRun(outcome.runId);
  }
}

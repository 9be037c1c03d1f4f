// "Run Workflow…": pick a branch or tag (the checked-out branch first), fill the workflow_dispatch
// inputs the YAML declares (types, choice options, defaults, required), confirm, start it, and
// show the new run in the Runs view. A workflow without workflow_dispatch says so and offers to
// add the trigger as an edit of the file, planned by the edit engine like any designer edit.
import * as vscode from 'vscode';
import type { RefList } from '../../core/operate/model';
import type { DispatchInput } from '../../core/workflowDispatch';
import { engine } from '../engine/load';
import { documentEditTarget } from '../designer/documentEditTarget';
import { log } from '../log';
import { workflowOf, type ActiveWorkflow } from './activeWorkflow';
import type { Connection } from './connection';
import { confirmAndPerform, readForCommand } from './perform';
import { requireReady, type ReadyState } from './ready';
import type { StartedRuns } from './startedRuns';
import { currentBranch } from './workspaceTarget';

export interface RunWorkflowDeps {
  connection: Connection;
  active: () => ActiveWorkflow | undefined;
  started: StartedRuns;
  revealRun: (runId: string) => void;
}

export async function runWorkflow(deps: RunWorkflowDeps, arg: unknown): Promise<void> {
  const ready = await requireReady(deps.connection);
  if (!ready) return;
  const workflow = arg instanceof vscode.Uri ? workflowOf(arg, deps.connection) : deps.active();
  if (!workflow) {
    void vscode.window.showErrorMessage('Run Workflow needs a workflow: open a file in .github/workflows/ of the repository first.');
    return;
  }
  const document = await vscode.workspace.openTextDocument(workflow.uri);
  const trigger = engine().readDispatchTrigger(document.getText());
  const file = workflow.path.split('/').pop()!;
  if (trigger.kind === 'unreadable') {
    void vscode.window.showErrorMessage(`Cannot tell how ${file} is started: ${trigger.reason}.`);
    return;
  }
  if (trigger.kind === 'absent') {
    await offerDispatchTrigger(document, file, trigger.events);
    return;
  }
  if (trigger.problems.length > 0) {
    const list = trigger.problems.map((p) => `line ${p.line}: ${p.message}`).join('; ');
    log().warn(`${workflow.path}: workflow_dispatch inputs with problems: ${list}`);
    void vscode.window.showWarningMessage(`Some inputs of ${file} cannot be offered (${list}); GitHub may refuse the run until they are fixed.`);
  }
  const ref = await pickRef(deps.connection, ready);
  if (ref === undefined) return;
  const answers: Record<string, string> = {};
  for (const [i, input] of trigger.inputs.entries()) {
    const answer = await askInput(deps.connection, ready, input, `${file}: input ${i + 1} of ${trigger.inputs.length}`);
    if (answer === undefined) return;
    answers[input.name] = answer;
  }
  const outcome = await confirmAndPerform(deps.connection, ready, {
    kind: 'trigger',
    pipeline: { path: workflow.path },
    ref,
    inputs: engine().dispatchInputValues(trigger.inputs, answers),
  });
  if (outcome?.ok && outcome.runId !== undefined) {
    deps.started.track(outcome.runId);
    deps.revealRun(outcome.runId);
  }
}

/** Says the workflow cannot be started by hand, and adds `workflow_dispatch` if the user wants. */
async function offerDispatchTrigger(document: vscode.TextDocument, file: string, events: string[]): Promise<void> {
  const add = 'Add workflow_dispatch';
  const has = events.length > 0 ? ` (it runs on ${events.join(', ')})` : '';
  const choice = await vscode.window.showWarningMessage(
    `${file} cannot be started by hand: it has no workflow_dispatch trigger${has}.`,
    { modal: true, detail: 'Pipewright can add the trigger to its `on:` without changing anything else in the file. GitHub reads it from the branch you run, so save, commit and push the change first.' },
    add,
  );
  if (choice !== add) return;
  const plan = engine().planOperation(document.getText(), { op: 'addDispatchTrigger' }, { dialect: 'github' });
  if (!plan.ok) {
    void vscode.window.showErrorMessage(`Could not add the trigger to ${file}: ${plan.reason}`);
    return;
  }
  const applied = await documentEditTarget(document).apply(plan.edits, document.version);
  if (!applied) {
    void vscode.window.showErrorMessage(`${file} changed while the trigger was being added; nothing was changed. Try again.`);
    return;
  }
  await vscode.window.showTextDocument(document, { preview: false });
  log().info(`Added workflow_dispatch to ${document.uri.fsPath}`);
  void vscode.window.showInformationMessage(`Added workflow_dispatch to ${file}. Save, commit and push it, then run the workflow.`);
}

async function pickRef(connection: Connection, ready: ReadyState): Promise<string | undefined> {
  const [refs, branch] = await Promise.all([
    readForCommand(connection, 'Reading branches and tags…', () => ready.provider.read({ kind: 'refs' })),
    currentBranch(),
  ]);
  if (!refs) return undefined;
  const chosen = await vscode.window.showQuickPick(refItems(refs, branch), {
    title: 'Run the workflow on which branch or tag?',
    placeHolder: 'Branch or tag; GitHub runs the workflow file as it is there',
    matchOnDescription: true,
  });
  return chosen?.ref;
}

type RefItem = vscode.QuickPickItem & { ref?: string };

/** The checked-out branch first, then the default branch, the other branches, and the tags. */
export function refItems(refs: RefList, current: string | undefined): RefItem[] {
  const items: RefItem[] = [];
  const branches = [...new Set([current, refs.defaultBranch, ...refs.branches].filter((b): b is string => b !== undefined))];
  for (const b of branches) {
    const notes = [b === current ? 'checked out here' : undefined, b === refs.defaultBranch ? 'default branch' : undefined, !refs.branches.includes(b) && b !== refs.defaultBranch ? 'not on GitHub yet?' : undefined].filter(Boolean);
    items.push({ label: b, ref: b, iconPath: new vscode.ThemeIcon('git-branch'), description: notes.join(', ') });
  }
  if (refs.tags.length > 0) items.push({ label: 'Tags', kind: vscode.QuickPickItemKind.Separator });
  for (const t of refs.tags) items.push({ label: t, ref: t, iconPath: new vscode.ThemeIcon('tag') });
  if (refs.truncated) items.push({ label: 'More branches and tags exist than are listed here', kind: vscode.QuickPickItemKind.Separator });
  return items;
}

/** One input's value as GitHub takes it (a string), or undefined when the user cancelled. */
async function askInput(connection: Connection, ready: ReadyState, input: DispatchInput, title: string): Promise<string | undefined> {
  const label = `${input.name}${input.required ? ' (required)' : ''}`;
  const prompt = input.description ?? `The input "${input.name}"`;
  const pick = async (values: string[]): Promise<string | undefined> => {
    const ordered = input.default !== undefined && values.includes(input.default) ? [input.default, ...values.filter((v) => v !== input.default)] : values;
    const items = ordered.map((v) => ({ label: v, description: v === input.default ? 'default' : undefined }));
    return (await vscode.window.showQuickPick(items, { title: `${title} — ${label}`, placeHolder: prompt, ignoreFocusOut: true }))?.label;
  };
  switch (input.type) {
    case 'boolean':
      return pick(['true', 'false']);
    case 'choice':
      return pick(input.options ?? []);
    case 'environment': {
      const environments = await readForCommand(connection, 'Reading environments…', () => ready.provider.read({ kind: 'environments' }));
      if (!environments) return undefined;
      return pick(environments.map((e) => e.environment.name));
    }
    case 'string':
    case 'number':
      return vscode.window.showInputBox({
        title: `${title} — ${label}`,
        prompt,
        value: input.default ?? '',
        ignoreFocusOut: true,
        validateInput: (value) => engine().checkDispatchValue(input, value),
      });
  }
}

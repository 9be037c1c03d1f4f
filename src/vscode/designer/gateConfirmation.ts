// Before a designer edit leaves a production deploy without an approval gate in front of it, the
// user is asked in a modal dialog naming the deploy and the gate; only "Delete" (or "Apply") goes
// ahead, anything else (Cancel, Escape, closing the dialog) changes nothing.
import * as vscode from 'vscode';
import type { EditOperation } from '../../core/edit/operations';
import { describeGateLoss, type GateLoss } from '../../core/gates';
import { describeOperation } from '../../shared/describeOperation';
import type { ConfirmGateLoss } from './editQueue';

export const confirmGateLoss: ConfirmGateLoss = async (operation: EditOperation, losses: readonly GateLoss[]) => {
  const action = operation.op === 'deleteStage' ? 'Delete' : 'Apply';
  const what = describeOperation(operation);
  const deploys = losses.length === 1 ? 'a production deploy' : `${losses.length} production deploys`;
  const choice = await vscode.window.showWarningMessage(
    `${what[0].toUpperCase()}${what.slice(1)}? This leaves ${deploys} without an approval gate.`,
    { modal: true, detail: losses.map((l) => `${describeGateLoss(l)}.`).join('\n') },
    action,
  );
  return choice === action;
};

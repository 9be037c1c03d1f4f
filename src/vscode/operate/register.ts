// Operating and watching in VS Code: the connection to GitHub, the sidebar's three views, the
// status bar item, the notifications and the commands. Registering costs no request and loads no
// provider: that happens when a view is first shown, a workflow is opened or a command runs.
import * as vscode from 'vscode';
import type { Environment } from '../../core/operate/model';
import { ApprovalsView } from '../views/approvalsView';
import { EnvironmentsView } from '../views/environmentsView';
import { RunsView } from '../views/runsView';
import { RunStatusBar } from '../views/statusBar';
import type { DesignerProvider } from '../designer/provider';
import { ActiveWorkflowTracker } from './activeWorkflow';
import { ApprovalNotifications } from './approvalNotifications';
import type { Connection } from './connection';
import { DesignerOverlays } from './designerOverlay';
import { JobLogs, LOG_SCHEME } from './jobLog';
import { reviewDeployment } from './review';
import { rollBack } from './rollback';
import { cancelRun, openInBrowser, rerunFailedJobs, rerunJob } from './runCommands';
import { runWorkflow } from './runWorkflow';
import { signInWithGitHub, signInWithToken, signOut } from './signIn';
import { StartedRuns } from './startedRuns';

export function registerOperate(
  context: vscode.ExtensionContext,
  /** Made by activate(): the lint fix that pins an action asks GitHub through it too. */
  connection: Connection,
  designer: DesignerProvider,
  /** Where the environments the Environments view reads go (the lint gate rules). */
  onEnvironments?: (environments: readonly Environment[] | undefined) => void,
): vscode.Disposable[] {
  const active = new ActiveWorkflowTracker(connection);
  const started = new StartedRuns(connection);
  const runsView = new RunsView(connection, active);
  const logs = new JobLogs();
  const workflow = () => active.workflow;
  const revealRun = (runId: string) => runsView.revealRun(runId);
  const command = (id: string, run: (...args: unknown[]) => Promise<void> | void) => vscode.commands.registerCommand(id, run);
  const overlays = new DesignerOverlays(connection);
  designer.setAddOn(overlays);
  /** A job of the Runs view, or of a designer node's context menu. */
  const jobArgument = async (arg: unknown) => (await overlays.jobElement(arg)) ?? arg;
  connection.setWindowFocused(vscode.window.state.focused);
  return [
    overlays,
    connection.credentials,
    connection,
    active,
    started,
    runsView,
    new EnvironmentsView(connection, onEnvironments),
    new ApprovalsView(connection),
    new RunStatusBar(connection, active),
    new ApprovalNotifications(connection, context.workspaceState),
    vscode.workspace.registerTextDocumentContentProvider(LOG_SCHEME, logs),
    vscode.window.onDidChangeWindowState((s) => connection.setWindowFocused(s.focused)),
    command('pipewright.signIn', () => signInWithGitHub(connection)),
    command('pipewright.signInWithToken', () => signInWithToken(connection)),
    command('pipewright.signOut', () => signOut(connection)),
    command('pipewright.refresh', async () => {
      await connection.update();
      if (connection.state.kind === 'ready') connection.scheduler.refresh({ target: connection.state.target });
    }),
    command('pipewright.runWorkflow', (arg) => runWorkflow({ connection, active: workflow, started, revealRun }, arg)),
    command('pipewright.approveDeployment', (arg, chosen) => reviewDeployment(connection, 'approve', arg, chosen)),
    command('pipewright.rejectDeployment', (arg, chosen) => reviewDeployment(connection, 'reject', arg, chosen)),
    command('pipewright.rollBack', (arg) => rollBack(connection, started, revealRun, arg)),
    command('pipewright.cancelRun', (arg) => cancelRun({ connection, active: workflow, started }, arg)),
    command('pipewright.rerunFailedJobs', (arg) => rerunFailedJobs({ connection, active: workflow, started }, arg)),
    command('pipewright.openInBrowser', (arg) => openInBrowser(connection, arg)),
    command('pipewright.showJobLogs', async (arg) => logs.show(connection, workflow, await jobArgument(arg))),
    command('pipewright.rerunJob', async (arg) => rerunJob({ connection, active: workflow, started }, await jobArgument(arg))),
  ];
}

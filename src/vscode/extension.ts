// Entry point: registers the designer, commands and context keys. Everything heavy is in
// src/core and runs only when a designer opens.
import * as vscode from 'vscode';
import type { HostToWebview } from '../shared/protocol';
import { trackActivePipelineFile } from './activeFileContext';
import { registerCommands } from './commands';
import { PositionStore } from './designer/positionStore';
import { DESIGNER_VIEW_TYPE, DesignerProvider, updateDelayMs } from './designer/provider';
import type { RenderedSnapshot } from './designer/session';
import { registerTidyLayoutCommand } from './designer/tidyCommand';
import { createLog } from './log';
import { Connection } from './operate/connection';
import { Credentials } from './operate/credentials';
import { registerOperate } from './operate/register';
import { ActionShaResolver } from './lint/actionSha';
import { applyLintFix, registerApplyLintFixCommand, type LintFixer } from './lint/applyLintFix';
import { registerLintCodeActions } from './lint/codeActions';
import { LintResults } from './lint/lintResults';
import { LintSettings } from './lint/lintSettings';
import { engine } from './engine/load';
import { publishPipelineProblems } from './problems/pipelineProblems';
import { ProblemPublisher } from './problems/problemPublisher';

/** What activate() returns: used by the desktop (test-electron) suite to observe the designer. */
export interface PipewrightTestApi {
  designerSnapshot(uri: vscode.Uri): RenderedSnapshot | undefined;
  /** Resolves with the replies the webview would have received (e.g. an edit's editResult). */
  simulateWebviewMessage(uri: vscode.Uri, message: unknown): Promise<HostToWebview[]>;
}

export function activate(context: vscode.ExtensionContext): PipewrightTestApi {
  const log = createLog();
  const lintResults = new LintResults();
  // The workspace's GitHub: the operating views and commands, and the fix that pins an action.
  const connection = new Connection(new Credentials(context.secrets, context.globalState));
  const pins = new ActionShaResolver(connection);
  const applyFix: LintFixer = (document, dialect, fix) => applyLintFix(document, dialect, fix, pins);
  const designer = new DesignerProvider(context.extensionUri, new PositionStore(context.workspaceState), lintResults, applyFix);
  const problems = new ProblemPublisher();
  const lintSettings = new LintSettings();
  context.subscriptions.push(
    log,
    designer,
    vscode.window.registerCustomEditorProvider(DESIGNER_VIEW_TYPE, designer, {
      // Keeping hidden designers alive costs memory; the webview restores its state instead.
      webviewOptions: { retainContextWhenHidden: false },
      supportsMultipleEditorsPerDocument: true,
    }),
    ...registerCommands(),
    registerTidyLayoutCommand(designer),
    ...trackActivePipelineFile(),
    ...registerOperate(context, connection, designer, (environments) =>
      lintSettings.setEnvironmentProtection(environments ? engine().protectionOfEnvironments(environments) : undefined),
    ),
    problems,
    lintSettings,
    publishPipelineProblems(designer, problems, updateDelayMs, { settings: lintSettings, results: lintResults }),
    registerLintCodeActions(lintResults),
    registerApplyLintFixCommand(applyFix),
  );
  log.info(`Pipewright ${context.extension.packageJSON.version as string} activated`);
  return {
    designerSnapshot: (uri) => designer.snapshot(uri),
    simulateWebviewMessage: (uri, message) => designer.simulateMessage(uri, message),
  };
}

export function deactivate(): void {
  // Disposables registered on the context are released by VS Code.
}

// Contributed commands. Each is thin: it finds the document the user means and hands over.
import * as vscode from 'vscode';
import { DESIGNER_VIEW_TYPE } from './designer/provider';
import { log } from './log';

/** The file a command is about: the Explorer's argument, else the active editor or tab. */
function targetUri(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  const editor = vscode.window.activeTextEditor;
  if (editor) return editor.document.uri;
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom) return input.uri;
  return undefined;
}

async function openDesigner(arg: unknown): Promise<void> {
  const uri = targetUri(arg);
  if (!uri) {
    void vscode.window.showErrorMessage('Pipewright: open a pipeline YAML file first, then run "Open in Designer".');
    return;
  }
  // Already open: show that designer in its group rather than open another group beside it.
  const existing = designerTabGroup(uri);
  if (existing) {
    await vscode.commands.executeCommand('vscode.openWith', uri, DESIGNER_VIEW_TYPE, { viewColumn: existing.viewColumn });
    return;
  }
  // Beside the text when the text is showing, so both stay in view; in place otherwise.
  const textVisible = vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === uri.toString());
  await vscode.commands.executeCommand('vscode.openWith', uri, DESIGNER_VIEW_TYPE, {
    viewColumn: textVisible ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active,
  });
}

/** The editor group holding a designer of this file, preferring the active group. */
function designerTabGroup(uri: vscode.Uri): vscode.TabGroup | undefined {
  const isDesigner = (tab: vscode.Tab) =>
    tab.input instanceof vscode.TabInputCustom && tab.input.viewType === DESIGNER_VIEW_TYPE && tab.input.uri.toString() === uri.toString();
  const groups = [vscode.window.tabGroups.activeTabGroup, ...vscode.window.tabGroups.all];
  return groups.find((group) => group.tabs.some(isDesigner));
}

async function showSource(arg: unknown): Promise<void> {
  const uri = targetUri(arg);
  if (!uri) return;
  await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.Beside });
}

export function registerCommands(): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('pipewright.openDesigner', openDesigner),
    vscode.commands.registerCommand('pipewright.showSource', showSource),
    vscode.commands.registerCommand('pipewright.showLog', () => log().show()),
  ];
}

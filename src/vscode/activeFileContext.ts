// Keeps the `pipewright.isPipelineFile` context key true while the active text editor holds a
// pipeline, so the editor-title button and keybinding appear only there.
import * as vscode from 'vscode';
import { FILE_PATTERNS_SETTING, recognise } from './pipelineFiles';

const CONTEXT_KEY = 'pipewright.isPipelineFile';

export function trackActivePipelineFile(): vscode.Disposable[] {
  let last: boolean | undefined;
  const update = () => {
    const doc = vscode.window.activeTextEditor?.document;
    const isPipeline = doc !== undefined && recognise(doc).dialect !== undefined;
    if (isPipeline === last) return;
    last = isPipeline;
    void vscode.commands.executeCommand('setContext', CONTEXT_KEY, isPipeline);
  };
  update();
  return [
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.workspace.onDidSaveTextDocument((d) => {
      if (d === vscode.window.activeTextEditor?.document) update();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`pipewright.${FILE_PATTERNS_SETTING}`)) update();
    }),
  ];
}

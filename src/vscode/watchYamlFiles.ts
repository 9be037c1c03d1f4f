// YAML files created, changed or deleted in the workspace, as the file watcher reports them: what
// a composed pipeline (the designer's graph, a file's problems) must be read again after.
import * as vscode from 'vscode';

export function watchYamlFiles(changed: (uri: vscode.Uri) => void): vscode.Disposable[] {
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.{yml,yaml}');
  return [watcher, watcher.onDidChange(changed), watcher.onDidCreate(changed), watcher.onDidDelete(changed)];
}

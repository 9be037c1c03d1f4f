// The edit queue's view of a TextDocument: planned text edits become one WorkspaceEdit, which
// VS Code applies as one undo step. An edit of this file alone is never saved here; the user
// saves. An edit of a pipeline split over files also changes the files the edited things are
// written in, in the same WorkspaceEdit, applied as a refactoring: VS Code then saves the files it
// changed, as it does after a rename across files, unless the user turned that off
// (`files.refactoring.autoSave`). Left unsaved, a file the user never opened was easy to miss.
import * as vscode from 'vscode';
import type { TextEdit } from '../../core/edit/textEdit';
import type { EditTarget, OtherFileEdit } from './editQueue';

export function documentEditTarget(document: vscode.TextDocument): EditTarget {
  return {
    get version() {
      return document.version;
    },
    getText: () => document.getText(),
    apply: async (edits: readonly TextEdit[], version: number, others: readonly OtherFileEdit[] = []) => {
      // positionAt reads the current text: only the planned version gives the planned positions.
      if (document.version !== version) return false;
      const change = new vscode.WorkspaceEdit();
      if (edits.length > 0) change.set(document.uri, replacements(document, edits));
      for (const other of others) {
        const uri = vscode.Uri.parse(other.uri);
        const opened = await vscode.workspace.openTextDocument(uri).then((d) => d, () => undefined);
        // Planned on a text the file no longer holds (or cannot be opened): plan again.
        if (!opened || opened.getText() !== other.before) return false;
        change.set(uri, replacements(opened, other.edits));
      }
      // Opening the other files took turns of the event loop: the document may have moved on.
      if (document.version !== version) return false;
      // VS Code stamps the edit with the version the extension host knows and refuses it
      // (resolving false) when the editor's text moved on meanwhile, e.g. a keystroke in flight.
      return vscode.workspace.applyEdit(change, others.length > 0 ? { isRefactoring: true } : undefined);
    },
  };
}

function replacements(document: vscode.TextDocument, edits: readonly TextEdit[]): vscode.TextEdit[] {
  return edits.map((e) => vscode.TextEdit.replace(new vscode.Range(document.positionAt(e.offset), document.positionAt(e.offset + e.length)), e.text));
}

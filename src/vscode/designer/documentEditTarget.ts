// The edit queue's view of a TextDocument: planned text edits become one WorkspaceEdit, which
// VS Code applies as one undo step. The file is never saved here; the user saves.
import * as vscode from 'vscode';
import type { TextEdit } from '../../core/edit/textEdit';
import type { EditTarget } from './editQueue';

export function documentEditTarget(document: vscode.TextDocument): EditTarget {
  return {
    get version() {
      return document.version;
    },
    getText: () => document.getText(),
    apply: async (edits: readonly TextEdit[], version: number) => {
      // positionAt reads the current text: only the planned version gives the planned positions.
      if (document.version !== version) return false;
      const change = new vscode.WorkspaceEdit();
      change.set(
        document.uri,
        edits.map((e) => vscode.TextEdit.replace(new vscode.Range(document.positionAt(e.offset), document.positionAt(e.offset + e.length)), e.text)),
      );
      // VS Code stamps the edit with the version the extension host knows and refuses it
      // (resolving false) when the editor's text moved on meanwhile, e.g. a keystroke in flight.
      return vscode.workspace.applyEdit(change);
    },
  };
}

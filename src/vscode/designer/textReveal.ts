// Moving between the graph and the text: select a node's YAML in the text editor beside the
// designer, or put the cursor at a reported problem.
import * as vscode from 'vscode';

/** The visible text editor showing this document, or a new one beside the designer. */
async function textEditorFor(document: vscode.TextDocument, preserveFocus: boolean): Promise<vscode.TextEditor> {
  const visible = vscode.window.visibleTextEditors.find((e) => e.document === document);
  if (visible && preserveFocus) return visible;
  return vscode.window.showTextDocument(document, {
    viewColumn: visible?.viewColumn ?? vscode.ViewColumn.Beside,
    preserveFocus,
  });
}

/** Select [start, end) in the text and scroll it into view, keeping focus where it is. */
export async function revealOffsets(document: vscode.TextDocument, start: number, end: number): Promise<void> {
  const editor = await textEditorFor(document, true);
  const range = new vscode.Range(document.positionAt(start), document.positionAt(end));
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/** Put the cursor at a 1-based line and column and move focus to the text. */
export async function revealPosition(document: vscode.TextDocument, line: number, column: number): Promise<void> {
  const editor = await textEditorFor(document, false);
  const lineIndex = Math.min(Math.max(0, line - 1), document.lineCount - 1);
  const position = document.validatePosition(new vscode.Position(lineIndex, Math.max(0, column - 1)));
  editor.selection = new vscode.Selection(position, position);
  editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

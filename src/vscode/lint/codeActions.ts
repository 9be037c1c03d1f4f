// The light bulb on a lint finding: its quick fix, when it has one and the document is the
// version the finding was made on. A finding on a read-only node has none (its message says why).
import * as vscode from 'vscode';
import type { LintResults } from './lintResults';
import { APPLY_LINT_FIX_COMMAND } from './applyLintFix';
import { DIAGNOSTIC_SOURCE } from '../problems/problemPublisher';

export function registerLintCodeActions(results: LintResults): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider(
    [{ language: 'yaml' }, { pattern: '**/*.{yml,yaml}' }],
    {
      provideCodeActions(document, range, context) {
        const found = results.get(document.uri.toString());
        if (!found || found.version !== document.version || !vscode.workspace.isTrusted) return [];
        const actions: vscode.CodeAction[] = [];
        for (const f of found.findings) {
          if (!f.fix) continue;
          const where = new vscode.Range(f.range.startLine - 1, f.range.startColumn - 1, f.range.endLine - 1, f.range.endColumn - 1);
          if (!where.intersection(range)) continue;
          const action = new vscode.CodeAction(f.fix.title, vscode.CodeActionKind.QuickFix);
          action.diagnostics = context.diagnostics.filter(
            (d) => d.source === DIAGNOSTIC_SOURCE && d.code === f.code && d.range.isEqual(where),
          );
          action.command = { title: f.fix.title, command: APPLY_LINT_FIX_COMMAND, arguments: [document.uri.toString(), found.dialect, f.fix] };
          actions.push(action);
        }
        return actions;
      },
    },
    { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
  );
}

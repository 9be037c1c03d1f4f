// Pipewright's entries in VS Code's Problems panel. Each producer (the graph's problems and
// the lint rules) sets its own findings for a file; the file shows the union of them all, so
// one producer's update never wipes another's.
import * as vscode from 'vscode';
import type { Finding } from '../../core/findings';

export const DIAGNOSTIC_SOURCE = 'Pipewright';

export class ProblemPublisher implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('pipewright');
  /** uri → producer → its findings, and the document version they were last set for. */
  private readonly byFile = new Map<string, { uri: vscode.Uri; producers: Map<string, Finding[]>; version?: number }>();

  /**
   * Replaces what each producer named reports for the file, in one update of the panel (a parse
   * publishes the graph's problems and the rules' findings together: two updates each re-drew
   * the file's squiggles and Problems rows).
   */
  publish(uri: vscode.Uri, findingsByProducer: Readonly<Record<string, readonly Finding[]>>, version?: number): void {
    const key = uri.toString();
    let file = this.byFile.get(key);
    const producers = Object.entries(findingsByProducer);
    if (!file) {
      if (producers.every(([, findings]) => findings.length === 0)) return;
      file = { uri, producers: new Map() };
      this.byFile.set(key, file);
    }
    // What VS Code holds for this very text is not set again: each set re-draws the file's
    // squiggles and rows and makes the editor ask for code actions anew (a file that another
    // file's change re-checks is mostly unchanged). After an edit it is: VS Code moves or
    // collapses the squiggles with the text it edits, which setting the same findings restores.
    const unchanged = version !== undefined && file.version === version && producers.every(([producer, findings]) => sameFindings(file!.producers.get(producer) ?? [], findings));
    file.version = version;
    if (unchanged) return;
    for (const [producer, findings] of producers) {
      if (findings.length === 0) file.producers.delete(producer);
      else file.producers.set(producer, [...findings]);
    }
    if (file.producers.size === 0) {
      this.byFile.delete(key);
      this.collection.delete(uri);
      return;
    }
    this.collection.set(uri, [...file.producers.values()].flat().map((f) => toDiagnostic(uri, f)));
  }

  /** Removes every producer's findings for the file (it closed). */
  clear(uri: vscode.Uri): void {
    this.byFile.delete(uri.toString());
    this.collection.delete(uri);
  }

  dispose(): void {
    this.byFile.clear();
    this.collection.dispose();
  }
}

function sameFindings(a: readonly Finding[], b: readonly Finding[]): boolean {
  return a.length === b.length && JSON.stringify(a) === JSON.stringify(b);
}

const SEVERITY: Record<Finding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
};

function toDiagnostic(uri: vscode.Uri, f: Finding): vscode.Diagnostic {
  const r = f.range;
  const range = new vscode.Range(r.startLine - 1, r.startColumn - 1, r.endLine - 1, r.endColumn - 1);
  const diagnostic = new vscode.Diagnostic(range, f.message, SEVERITY[f.severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = f.code;
  if (f.related?.length) {
    diagnostic.relatedInformation = f.related.map(
      (rel) =>
        new vscode.DiagnosticRelatedInformation(
          new vscode.Location(uri, new vscode.Position(rel.line - 1, rel.column - 1)),
          rel.message,
        ),
    );
  }
  return diagnostic;
}

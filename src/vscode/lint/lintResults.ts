// The lint findings of each open pipeline, as last published: the light bulb and the designer read
// them (with their fixes) instead of checking again. No `vscode` import.
import type { LintFinding } from '../../core/rules/engine';
import type { Dialect } from '../../core/model';

export interface DocumentFindings {
  version: number;
  dialect: Dialect;
  findings: readonly LintFinding[];
}

export class LintResults {
  private readonly byDocument = new Map<string, DocumentFindings>();
  private readonly listeners = new Set<(key: string) => void>();

  set(key: string, value: DocumentFindings): void {
    this.byDocument.set(key, value);
    for (const l of this.listeners) l(key);
  }

  get(key: string): DocumentFindings | undefined {
    return this.byDocument.get(key);
  }

  delete(key: string): void {
    if (this.byDocument.delete(key)) for (const l of this.listeners) l(key);
  }

  /** Called with the document's key whenever its findings change. */
  onDidChange(listener: (key: string) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }
}

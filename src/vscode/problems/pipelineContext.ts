// The pipeline an open file's problems are judged in (core/compose/pipelineOfFile.ts): a root
// with the files it names, a GitLab file with the project's .gitlab-ci.yml that includes it. Read
// as the designer reads a composition — open editors first, then disk, under the git root (else
// the workspace folder) — keeping each file's parses from one check to the next, and remembering
// what each check read, so that a change to any of those files checks the file again.
import * as vscode from 'vscode';
import type { ParseCache } from '../../core/compose/parseCache';
import { hasSyntaxErrors } from '../../core/model';
import type { FilePlace } from '../../core/rules/lintText';
import { isComposedFrom, composedProject } from '../designer/composedProject';
import { engine } from '../engine/load';
import { log } from '../log';
import type { ParsedVersion, SharedPlace } from './problemTracker';

interface Context {
  parses: ParseCache;
  /** What the last check read and listed; undefined when it composed nothing. */
  project?: SharedPlace['project'];
}

export class PipelineContexts {
  private readonly byKey = new Map<string, Context>();

  /**
   * Where `document` (parsed as `parsed`) lies in the pipeline it is part of; undefined when it
   * does not parse, is no file on disk, or composing failed (logged: the file keeps its own).
   */
  placeOf(key: string, document: vscode.TextDocument, parsed: ParsedVersion): FilePlace | undefined {
    let context = this.byKey.get(key);
    if (!context) this.byKey.set(key, (context = { parses: new (engine().ParseCache)() }));
    context.project = undefined;
    // A file that does not parse shows its own syntax errors: nothing to compose.
    if (!parsed.src || hasSyntaxErrors(parsed.graph)) return undefined;
    const project = composedProject(document, context.parses);
    if (!project) return undefined;
    context.parses.keep(project.rootPath, parsed.text, parsed.src);
    try {
      const pipeline = engine().pipelineOfFile(parsed.graph.dialect, project.rootPath, parsed.text, project.files, parsed.graph);
      // Kept even when the file is part of no pipeline: the root it looked at may include it later.
      context.project = project;
      return { pipeline, path: project.rootPath };
    } catch (error) {
      // A composer bug must not cost the user the file's own problems.
      log().error(`checking ${document.uri.fsPath} as part of its pipeline failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return undefined;
    } finally {
      context.parses.sweep();
    }
  }

  /** A place a designer session composed for the document's current parse, adopted as this check's. */
  adopt(key: string, shared: SharedPlace): FilePlace {
    let context = this.byKey.get(key);
    if (!context) this.byKey.set(key, (context = { parses: new (engine().ParseCache)() }));
    context.project = shared.project;
    return shared.place;
  }

  /** The files whose last check read `uri` (other than `uri` itself), or listed a wildcard path it matches. */
  readFrom(uri: vscode.Uri): string[] {
    const changed = uri.toString();
    return [...this.byKey].filter(([key, c]) => key !== changed && c.project !== undefined && isComposedFrom(c.project, uri)).map(([key]) => key);
  }

  forget(key: string): void {
    this.byKey.delete(key);
  }
}

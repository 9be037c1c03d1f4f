// The files a pipeline is composed from, as the designer reads them: the repository folder (the
// git root above the document, else its workspace folder), each file's text from its open editor
// when it has one (unsaved changes count, as they do for the root file) and from disk otherwise.
// Remembers which files a composition read and which wildcard paths it listed, so a change to
// any of those files, or a new file a wildcard matches, redraws the graph.
import { join, sep } from 'node:path';
import * as vscode from 'vscode';
import { namesOtherFiles } from '../../core/compose/namesOtherFiles';
import type { ParseCache } from '../../core/compose/parseCache';
import type { ProjectFiles } from '../../core/compose/projectFiles';
import { defaultRoot, listedBy, pathInRoot, projectFilesAt } from '../../cli/projectFiles';

/**
 * A root file that names other files, or declares GitLab CI/CD inputs: only then is the
 * (costlier) composition worth doing.
 */
export function needsComposing(text: string): boolean {
  return namesOtherFiles(text);
}

export interface ComposedProject {
  /** The repository folder the paths are relative to. */
  root: string;
  /** The root document's path relative to `root` ('/' separators). */
  rootPath: string;
  files: ProjectFiles;
  /** Every path the composition asked for (found or not), relative to `root`. */
  read: Set<string>;
  /** Every wildcard path it listed (GitLab's `local: ci/*.yml`, `rules: exists:`): a file created there is read next time. */
  listed: Set<string>;
}

/**
 * Undefined for a document that is not a file on disk (untitled, virtual). `parses`: the
 * session's parses kept from its last composition, so unchanged files are not parsed again.
 */
export function composedProject(document: vscode.TextDocument, parses?: ParseCache): ComposedProject | undefined {
  if (document.uri.scheme !== 'file') return undefined;
  const root = defaultRoot(document.uri.fsPath, vscode.workspace.getWorkspaceFolder(document.uri)?.uri.fsPath);
  const rootPath = pathInRoot(root, document.uri.fsPath);
  if (rootPath === undefined) return undefined;
  const disk = projectFilesAt(root);
  const read = new Set<string>();
  const listed = new Set<string>();
  const open = new Map(vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'file').map((d) => [d.uri.fsPath, d]));
  return {
    root,
    rootPath,
    read,
    listed,
    files: {
      readFile(path) {
        read.add(path);
        const openDocument = open.get(join(root, ...path.split('/')));
        return openDocument ? openDocument.getText() : disk.readFile(path);
      },
      listFiles(glob) {
        listed.add(glob);
        return disk.listFiles(glob);
      },
      parses,
    },
  };
}

/** The absolute URI of `path` (relative to `root`). */
export function projectUri(root: string, path: string): vscode.Uri {
  return vscode.Uri.file(join(root, ...path.split('/')));
}

/** True when `uri` is one of the files a composition read, or one a wildcard path it listed matches. */
export function isComposedFrom(project: { root: string; read: ReadonlySet<string>; listed: ReadonlySet<string> }, uri: vscode.Uri): boolean {
  if (uri.scheme !== 'file') return false;
  const rel = pathInRoot(project.root, uri.fsPath);
  if (rel === undefined) return false;
  const path = rel.split(sep).join('/');
  return project.read.has(path) || [...project.listed].some((glob) => listedBy(glob, path));
}

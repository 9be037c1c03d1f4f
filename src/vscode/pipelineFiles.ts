// Which files Pipewright treats as pipelines, and as which dialect: the built-in names, the
// user's extra glob patterns (setting `pipewright.filePatterns`), then the file's content.
import * as vscode from 'vscode';
import { dialectFromPath } from '../core/dialectPath';
import { DIALECTS, type Dialect } from '../core/model';
import { engine } from './engine/load';

export const FILE_PATTERNS_SETTING = 'filePatterns';

/** A user pattern's dialect, or 'auto' to decide by content. */
type PatternDialect = Dialect | 'auto';

function userPatterns(document: vscode.TextDocument): [string, PatternDialect][] {
  const raw = vscode.workspace.getConfiguration('pipewright', document.uri).get<Record<string, unknown>>(FILE_PATTERNS_SETTING) ?? {};
  const out: [string, PatternDialect][] = [];
  for (const [glob, value] of Object.entries(raw)) {
    if (typeof value === 'string' && (value === 'auto' || (DIALECTS as readonly string[]).includes(value))) {
      out.push([glob, value as PatternDialect]);
    }
  }
  return out;
}

export interface Recognition {
  dialect: Dialect | undefined;
  /** How the dialect was found, for the log. */
  by: 'name' | 'setting' | 'content' | 'none';
}

/** The dialect of a document, or undefined with `by: 'none'` when nothing says which. */
export function recognise(document: vscode.TextDocument): Recognition {
  let byPattern: PatternDialect | undefined;
  for (const [pattern, dialect] of userPatterns(document)) {
    if (vscode.languages.match({ pattern }, document) > 0) {
      byPattern = dialect;
      break;
    }
  }
  if (byPattern && byPattern !== 'auto') return { dialect: byPattern, by: 'setting' };
  const byName = dialectFromPath(document.uri.path);
  if (byName) return { dialect: byName, by: 'name' };
  if (!byPattern && !/\.ya?ml$/i.test(document.uri.path)) return { dialect: undefined, by: 'none' };
  const byContent = engine().dialectFromContent(engine().parseYamlSource(document.getText()).doc.contents);
  return byContent ? { dialect: byContent, by: 'content' } : { dialect: undefined, by: 'none' };
}

export const DIALECT_LABELS: Record<Dialect, string> = {
  github: 'GitHub Actions',
  gitlab: 'GitLab CI',
  azure: 'Azure Pipelines',
};

/** Ask the user which dialect an unrecognised YAML file is. Undefined when they cancel. */
export async function askDialect(document: vscode.TextDocument): Promise<Dialect | undefined> {
  const pick = await vscode.window.showQuickPick(
    DIALECTS.map((d) => ({ label: DIALECT_LABELS[d], dialect: d })),
    {
      title: `Pipewright can't tell what kind of pipeline ${vscode.workspace.asRelativePath(document.uri)} is`,
      placeHolder: 'Choose its dialect (add a pattern to the "pipewright.filePatterns" setting to skip this question)',
    },
  );
  return pick?.dialect;
}

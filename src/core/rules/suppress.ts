// `# pipewright-disable-next-line RULE[,RULE…] reason`: silences those rules' findings on the next
// line that holds YAML (blank and comment lines between are skipped). A comment that silences
// nothing is reported, so stale ones do not pile up.
import type { FindingRange } from '../findings';

export interface DisableComment {
  /** 1-based line of the comment, and the column where `pipewright-disable-next-line` starts. */
  line: number;
  column: number;
  /** Length of the directive and its rule list, for the unused report's range. */
  length: number;
  rules: string[];
  /** The line it applies to (0 when none follows). */
  target: number;
}

const DIRECTIVE = /#\s*(pipewright-disable-next-line)[ \t]+([\w-]+(?:[ \t]*,[ \t]*[\w-]+)*)/;

export function disableComments(text: string): DisableComment[] {
  if (!text.includes('pipewright-disable-next-line')) return [];
  const lines = text.split('\n');
  const found: DisableComment[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = DIRECTIVE.exec(lines[i]);
    if (!m) continue;
    const column = m.index + m[0].indexOf(m[1]) + 1;
    let target = 0;
    for (let j = i + 1; j < lines.length; j++) {
      const t = lines[j].trim();
      if (t === '' || t.startsWith('#')) continue;
      target = j + 1;
      break;
    }
    found.push({
      line: i + 1,
      column,
      length: m.index + m[0].length + 1 - column,
      rules: m[2].split(',').map((r) => r.trim()),
      target,
    });
  }
  return found;
}

/** The range of a comment's directive, for reporting it. */
export function directiveRange(c: DisableComment): FindingRange {
  return { startLine: c.line, startColumn: c.column, endLine: c.line, endColumn: c.column + c.length };
}

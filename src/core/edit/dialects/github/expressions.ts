// Where a workflow's expressions read a job's results through the `needs` context
// (`${{ needs.build.outputs.tag }}`, `if: needs.test.result == 'success'`). Expressions are text
// to the designer: renaming or deleting a job they name would need rewriting them, which is
// guessing, so such edits are refused with the line to look at.
import { isPair, isScalar, visit, type Node } from 'yaml';
import { Refusal } from '../../splices';
import { keyOf, positionAt, type YamlSource } from '../../../yaml/source';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// GitHub evaluates context names case-insensitively, so `needs.Build` names job `build` too.
function needsReference(id: string): RegExp {
  const name = escapeRegExp(id);
  return new RegExp(`\\bneeds\\s*(?:\\.\\s*${name}(?![A-Za-z0-9_-])|\\[\\s*(['"])${name}\\1\\s*\\])`, 'i');
}

/** The parts of a scalar's source text that GitHub evaluates as expressions. */
function expressionSpans(source: string, wholeIsExpression: boolean): { start: number; text: string }[] {
  if (wholeIsExpression) return [{ start: 0, text: source }];
  const spans: { start: number; text: string }[] = [];
  const open = /\$\{\{/g;
  let m: RegExpExecArray | null;
  while ((m = open.exec(source)) !== null) {
    const close = source.indexOf('}}', m.index + 3);
    const end = close < 0 ? source.length : close;
    spans.push({ start: m.index, text: source.slice(m.index, end) });
    open.lastIndex = end;
  }
  return spans;
}

/** 1-based lines of every expression that reads `needs.<id>`, in file order. */
export function needsExpressionLines(src: YamlSource, id: string): number[] {
  const pattern = needsReference(id);
  // Every expression is a piece of the text, so a text that never matches has none to find.
  if (!pattern.test(src.text)) return [];
  const lines: number[] = [];
  visit(src.doc, {
    Scalar(key, node, path) {
      if (key === 'key' || !isScalar(node) || !node.range) return;
      const parent = path[path.length - 1];
      // `if:` is an expression even without ${{ }} (job and step conditions).
      const isCondition = isPair(parent) && keyOf(parent) === 'if';
      const source = src.text.slice(node.range[0], node.range[1]);
      for (const span of expressionSpans(source, isCondition)) {
        const m = pattern.exec(span.text);
        if (m) lines.push(positionAt(src, (node as Node).range![0] + span.start + m.index).line);
      }
    },
  });
  return [...new Set(lines)].sort((a, b) => a - b);
}

/** Refuse when expressions read `needs.<id>`: `what` says what the edit would do. */
export function refuseIfExpressionsRead(src: YamlSource, id: string, what: string): void {
  const lines = needsExpressionLines(src, id);
  if (lines.length === 0) return;
  const where = lines.length === 1 ? `line ${lines[0]}` : `lines ${lines.join(', ')}`;
  throw new Refusal(
    `an expression reads \`needs.${id}\` (${where}); ${what} would leave it pointing at nothing, and rewriting expressions is guessing — change ${lines.length === 1 ? 'it' : 'them'} in the text first`,
  );
}

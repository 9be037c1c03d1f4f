// Where a workflow's expressions read a job's results through the `needs` context
// (`${{ needs.build.outputs.tag }}`, `if: needs.test.result == 'success'`). A rename rewrites
// exactly the job id in each of them (a refactoring, as in a code editor); deleting a job they
// read would leave them pointing at nothing, so that is refused with the line to look at.
import { isPair, isScalar, visit, type Node } from 'yaml';
import { Refusal } from '../../splices';
import { keyOf, positionAt, type YamlSource } from '../../../yaml/source';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// GitHub evaluates context names case-insensitively, so `needs.Build` names job `build` too.
// `dot` and `bracket` capture the id itself: that is what a rename replaces.
function needsReference(id: string, flags = 'i'): RegExp {
  const name = escapeRegExp(id);
  return new RegExp(`\\bneeds\\s*(?:\\.\\s*(?<dot>${name})(?![A-Za-z0-9_-])|\\[\\s*(['"])(?<bracket>${name})\\2\\s*\\])`, flags);
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

/** Where an expression names a job through `needs`: the id's characters in the text. */
export interface NeedsReference {
  start: number;
  end: number;
  line: number;
}

/** Every place an expression reads `needs.<id>` (or `needs['<id>']`), in file order. */
export function needsExpressionReferences(src: YamlSource, id: string): NeedsReference[] {
  // Every expression is a piece of the text, so a text that never matches has none to find.
  if (!needsReference(id).test(src.text)) return [];
  const pattern = needsReference(id, 'gid');
  const found: NeedsReference[] = [];
  visit(src.doc, {
    Scalar(key, node, path) {
      if (key === 'key' || !isScalar(node) || !node.range) return;
      const parent = path[path.length - 1];
      // `if:` is an expression even without ${{ }} (job and step conditions).
      const isCondition = isPair(parent) && keyOf(parent) === 'if';
      const source = src.text.slice(node.range[0], node.range[1]);
      for (const span of expressionSpans(source, isCondition)) {
        pattern.lastIndex = 0;
        for (const m of span.text.matchAll(pattern)) {
          const [start, end] = m.indices!.groups!.dot ?? m.indices!.groups!.bracket!;
          const at = node.range[0] + span.start + start;
          found.push({ start: at, end: at + (end - start), line: positionAt(src, at).line });
        }
      }
    },
  });
  return found.sort((a, b) => a.start - b.start);
}

/** 1-based lines of every expression that reads `needs.<id>`, in file order. */
export function needsExpressionLines(src: YamlSource, id: string): number[] {
  return [...new Set(needsExpressionReferences(src, id).map((r) => r.line))];
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

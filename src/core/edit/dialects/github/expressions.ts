// Where a workflow's expressions read a job's results through the `needs` context
// (`${{ needs.build.outputs.tag }}`, `if: needs.test.result == 'success'`), or, in a reusable
// workflow's outputs (`on.workflow_call.outputs.<name>.value`, the one place GitHub gives it),
// through the `jobs` context (`${{ jobs.build.outputs.tag }}`). A rename rewrites exactly the job
// id in each of them (a refactoring, as in a code editor); deleting a job they read would leave
// them pointing at nothing, so that is refused with the line to look at.
import { isPair, isScalar, visit, type Node } from 'yaml';
import { Refusal } from '../../splices';
import { keyOf, positionAt, type YamlSource } from '../../../yaml/source';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// GitHub evaluates context names case-insensitively, so `needs.Build` names job `build` too.
// `dot` and `bracket` capture the id itself: that is what a rename replaces.
function jobReference(context: JobContext, id: string, flags = 'i'): RegExp {
  const name = escapeRegExp(id);
  return new RegExp(`\\b${context}\\s*(?:\\.\\s*(?<dot>${name})(?![A-Za-z0-9_-])|\\[\\s*(['"])(?<bracket>${name})\\2\\s*\\])`, flags);
}

/** The contexts an expression reads a job's results through. */
type JobContext = 'needs' | 'jobs';

/** Whether a scalar is the value of one of a reusable workflow's outputs, where `jobs` is read. */
function isWorkflowOutputValue(path: readonly unknown[]): boolean {
  const keys = path.filter(isPair).map((p) => keyOf(p));
  return keys.length === 5 && keys[0] === 'on' && keys[1] === 'workflow_call' && keys[2] === 'outputs' && keys[4] === 'value';
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

/** Where an expression names a job through `needs` (or `jobs`): the id's characters in the text. */
export interface NeedsReference {
  start: number;
  end: number;
  line: number;
  context: JobContext;
}

/**
 * Every place an expression reads `needs.<id>` (or `needs['<id>']`), and a reusable workflow's
 * output `jobs.<id>`, in file order.
 */
export function needsExpressionReferences(src: YamlSource, id: string): NeedsReference[] {
  // Every expression is a piece of the text, so a text that never matches has none to find.
  const readsNeeds = jobReference('needs', id).test(src.text);
  const readsJobs = jobReference('jobs', id).test(src.text);
  if (!readsNeeds && !readsJobs) return [];
  const patterns = { needs: jobReference('needs', id, 'gid'), jobs: jobReference('jobs', id, 'gid') };
  const found: NeedsReference[] = [];
  visit(src.doc, {
    Scalar(key, node, path) {
      if (key === 'key' || !isScalar(node) || !node.range) return;
      const parent = path[path.length - 1];
      // `if:` is an expression even without ${{ }} (job and step conditions).
      const isCondition = isPair(parent) && keyOf(parent) === 'if';
      const contexts: JobContext[] = readsJobs && isWorkflowOutputValue(path) ? ['needs', 'jobs'] : ['needs'];
      const source = src.text.slice(node.range[0], node.range[1]);
      for (const span of expressionSpans(source, isCondition)) {
        for (const context of contexts) {
          for (const m of span.text.matchAll(patterns[context])) {
            const [start, end] = m.indices!.groups!.dot ?? m.indices!.groups!.bracket!;
            const at = node.range[0] + span.start + start;
            found.push({ start: at, end: at + (end - start), line: positionAt(src, at).line, context });
          }
        }
      }
    },
  });
  return found.sort((a, b) => a.start - b.start);
}

/** 1-based lines of every expression that reads `needs.<id>` (or `jobs.<id>`), in file order. */
export function needsExpressionLines(src: YamlSource, id: string): number[] {
  return [...new Set(needsExpressionReferences(src, id).map((r) => r.line))];
}

/** Refuse when expressions read `needs.<id>` (or `jobs.<id>`): `what` says what the edit would do. */
export function refuseIfExpressionsRead(src: YamlSource, id: string, what: string): void {
  const references = needsExpressionReferences(src, id);
  if (references.length === 0) return;
  const lines = [...new Set(references.map((r) => r.line))];
  const where = lines.length === 1 ? `line ${lines[0]}` : `lines ${lines.join(', ')}`;
  const read = [...new Set(references.map((r) => `\`${r.context}.${id}\``))].join(' and ');
  throw new Refusal(
    `an expression reads ${read} (${where}); ${what} would leave it pointing at nothing, and rewriting expressions is guessing — change ${lines.length === 1 ? 'it' : 'them'} in the text first`,
  );
}

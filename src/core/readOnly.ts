// Why the designer will not rewrite a node: one wording per mark for every dialect, with an
// override only where a dialect's syntax or semantics must be named differently.
//
// `GraphNode.readOnlyReason` is a clause, not a sentence: it starts with "it", has no capital and
// no final period, and holds no parentheses, so every message can compose it into one sentence:
//   `"deploy" is read-only (it uses `!reference` tags); change it in the text`
//   `This job is read-only: it uses `!reference` tags.`
// Keep new phrases in that shape: a predicate after "it", without commas where possible (they
// are joined into a list), without "read-only" or "edit it in the text" (the message says that).
import type { Dialect, GraphNode, OpaqueMark } from './model';
import { listOf } from './words';

/** What each mark says about a node, as a predicate after "it". */
const REASONS: Record<OpaqueMark, string> = {
  'reusable-workflow': 'calls a reusable workflow whose jobs are defined in another file',
  extends: 'extends another definition',
  include: 'comes from an included file',
  reference: 'uses `!reference` tags',
  anchor: 'defines a YAML anchor that other parts of the file may reuse',
  alias: 'reuses another part of the file through a YAML alias',
  merge: 'merges in another mapping with `<<:`',
  template: 'is defined in a template file',
  'template-expression': 'uses `${{ }}` expressions that are only evaluated when the pipeline runs',
  matrix: 'expands into several jobs through a matrix',
  missing: 'is not defined in this file',
};

/** Only where the wording must differ: the dialect's own syntax, or what the construct means there. */
const OVERRIDES: Record<Dialect, Partial<Record<OpaqueMark, string>>> = {
  github: {
    matrix: 'expands into several jobs through `strategy.matrix`',
  },
  gitlab: {
    // Parents named: see readOnlyReason.
    extends: 'inherits from other jobs through `extends`',
    matrix: 'expands into several jobs through `parallel: matrix`',
  },
  azure: {
    // Azure's `extends` hands the pipeline's stages to a template as a parameter.
    extends: 'is passed to the template named in `extends`, which decides what runs',
    'template-expression': 'uses `${{ }}` template expressions that are only evaluated when the pipeline is compiled',
    matrix: 'expands into several jobs through `strategy: matrix` or `strategy: parallel`',
  },
};

export interface ReadOnlyDetails {
  /** GitLab: the jobs or hidden templates named in the job's `extends:`. */
  parents?: readonly string[];
  /** Azure `- template:` items: the template file as written. */
  templatePath?: string;
}

/**
 * The clause for GraphNode.readOnlyReason ("it calls a reusable workflow …"); undefined when
 * there are no marks. Without a dialect, the dialect-neutral wording.
 */
export function readOnlyReason(marks: readonly OpaqueMark[], dialect?: Dialect, details: ReadOnlyDetails = {}): string | undefined {
  if (marks.length === 0) return undefined;
  return `it ${listOf(marks.map((mark) => phrase(mark, dialect, details)))}`;
}

/** A read-only node's reason as a clause, also when a node carries marks but no reason. */
export function readOnlyClause(node: Pick<GraphNode, 'marks' | 'readOnlyReason'>): string {
  return node.readOnlyReason ?? readOnlyReason(node.marks) ?? 'the designer cannot read it';
}

function phrase(mark: OpaqueMark, dialect: Dialect | undefined, details: ReadOnlyDetails): string {
  if (mark === 'template' && details.templatePath) return `is defined in the template file \`${details.templatePath}\``;
  if (mark === 'extends' && dialect === 'gitlab' && details.parents && details.parents.length > 0) {
    return `inherits from ${listOf(details.parents.map((p) => `\`${p}\``))} through \`extends\``;
  }
  return (dialect !== undefined ? OVERRIDES[dialect][mark] : undefined) ?? REASONS[mark];
}

// The file against its dialect's published JSON schema: every error on the YAML it concerns, in
// words (schemaErrors.ts), except where the schema is known to be stricter than the platform or
// out of date (schemaFaults.ts). Runs only when the caller passes a validator: the editor after a
// pause in typing, the command line always.
import { offsetRange, yamlNodeRange } from './ranges';
import type { Rule, RuleContext, RuleHit } from './rule';
import { schemaInstance } from './schemaData';
import { describePointer, schemaProblems, type SchemaError, type SchemaProblem } from './schemaErrors';
import { knownFault } from './schemaFaults';

// A file with this many is not the shape the schema describes at all; more would be noise.
const MOST = 50;

export const schemaRule: Rule = {
  id: 'schema',
  group: 'structure',
  severity: 'warning',
  dialects: ['github', 'gitlab', 'azure'],
  summary: 'the file against its dialect\'s published JSON schema: missing or unknown settings, wrong types and values',
  requires: 'schema',
  check(ctx) {
    if (!ctx.schema) return [];
    const instance = schemaInstance(ctx.src, ctx.graph.dialect);
    const errors = ctx.schema.validate(instance.data);
    if (errors.length === 0) return [];
    const describe = (pointer: string) => describePointer(pointer, ctx.graph.dialect, instance.data);
    const hits: RuleHit[] = [];
    const faulty = (e: SchemaError) => knownFault(ctx.graph.dialect, e, instance) !== undefined;
    for (const problem of schemaProblems(errors, instance.open, (ref) => ctx.schema!.resolveRef(ref), faulty)) {
      hits.push({ range: rangeOf(ctx, problem, instance.at), message: problem.text(describe), ...nodeOf(ctx, problem, instance.at) });
      if (hits.length === MOST) break;
    }
    return hits;
  },
};

type Places = ReturnType<typeof schemaInstance>['at'];

/** The YAML a problem is about: the key of a missing or unknown setting's entry, else the value. */
function rangeOf(ctx: RuleContext, problem: SchemaProblem, at: Places) {
  // The nearest written ancestor (a merged or computed value has none of its own).
  let pointer = problem.pointer;
  let place = at.get(pointer);
  while (!place && pointer !== '') {
    pointer = pointer.slice(0, pointer.lastIndexOf('/'));
    place = at.get(pointer);
  }
  const node = problem.on === 'key' ? place?.key ?? place?.value : place?.value ?? place?.key;
  if (node?.range) {
    // A mapping or list: its first line is enough (the whole of a job would cover the screen).
    const [start, end] = node.range;
    const lineEnd = ctx.text.indexOf('\n', start);
    return lineEnd >= 0 && lineEnd < end ? offsetRange(ctx, start, lineEnd) : yamlNodeRange(ctx, node);
  }
  return offsetRange(ctx, 0, Math.max(0, ctx.text.indexOf('\n')));
}

/** The graph node whose YAML holds the problem, for the designer's badge. */
function nodeOf(ctx: RuleContext, problem: SchemaProblem, at: Places): { node: string } | Record<string, never> {
  const place = at.get(problem.pointer);
  const offset = (place?.key ?? place?.value)?.range?.[0];
  if (offset === undefined) return {};
  const holder = ctx.graph.nodes
    .filter((n) => n.role === 'job' && n.offsets[0] <= offset && offset < n.offsets[1])
    .sort((a, b) => b.offsets[0] - a.offsets[0])[0];
  return holder ? { node: holder.id } : {};
}

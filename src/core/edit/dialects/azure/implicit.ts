// Azure's stage default, read from the graph: the stages a stage waits for because it has no
// `dependsOn` (the stage written before it; several after an `${{ if }}/${{ else }}` chain).
import type { PlanContext } from '../../plan';
import { Refusal } from '../../splices';

/** The names a stage waits for by default, to be written out; refuses names that cannot be written. */
export function implicitPrevious(ctx: PlanContext, id: string): string[] {
  const names = ctx.graph.edges.filter((e) => e.implicit && e.to === id).map((e) => e.from);
  for (const n of names) {
    // `Deploy#2` (a name repeated in `${{ if }}` branches) or `template:x.yml` cannot be named.
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(n)) {
      throw new Refusal(`"${id}" waits for the stage before it, "${n}", which cannot be named in \`dependsOn\`; edit it in the text`);
    }
  }
  return names;
}

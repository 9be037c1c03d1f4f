// Setting an environment on a plain Azure job makes it a deployment job, as an Azure user would
// by hand (https://learn.microsoft.com/azure/devops/pipelines/process/deployment-jobs):
//
//   - job: Ship                  - deployment: Ship
//     pool: …                      environment: staging
//     steps:                       pool: …
//     - script: ./ship.sh    →     strategy:
//                                    runOnce:
//                                      deploy:
//                                        steps:
//                                        - checkout: self
//                                        - script: ./ship.sh
//
// The steps move whole and unchanged, every line shifted by the same indentation (block scalars
// keep their content: their indentation is relative to their parent's). A deployment job does
// not check out the repository by itself, so `- checkout: self` is added when the steps have no
// checkout of their own, and the job keeps doing what it did. Anything that would not carry over
// as plainly is refused: a matrix or parallel strategy (a deployment job's strategy is its
// lifecycle), an agentless job, outputs other jobs read (a deployment job's output variables are
// named differently), steps not written as a block list.
import { isMap, isSeq, type Node, type Pair, type YAMLSeq } from 'yaml';
import { keyOf, pairOf, scalarText } from '../../../yaml/source';
import { renderString } from '../../fragment';
import { columnOf, lineStart, nextLineStart } from '../../lines';
import type { EnvironmentValue } from '../../operations';
import type { PlanContext, Planned } from '../../plan';
import { Refusal } from '../../splices';
import { endOfLinesThrough, pairContentEnd } from '../../wholeLines';
import { differs, valueAfter } from './afterRead';
import { refuseIfMentioned } from './expressionRefs';
import { localName, type ListEntryRef } from './layout';

/** Makes the plain job `entry` (node `id`) a runOnce deployment job to `value`'s environment. */
export function planDeploymentConversion(ctx: PlanContext, id: string, entry: ListEntryRef, value: EnvironmentValue): Planned {
  const map = entry.map;
  const cannot = (why: string) => new Refusal(`"${id}" is a plain job, and making it a deployment job (\`- deployment:\`, which has the environment) ${why}; change it in the text`);
  const jobPair = map.items[0] as Pair<Node, Node> | undefined;
  if (map.flow || !jobPair || keyOf(jobPair) !== 'job') throw cannot('needs a block mapping that starts with `job:`');
  if (pairOf(map, 'strategy')) throw cannot('would replace its matrix or parallel strategy');
  if (scalarText(pairOf(map, 'pool')?.value) === 'server') throw cannot('is not possible for an agentless job (pool: server)');
  const stepsPair = pairOf(map, 'steps') as Pair<Node, Node> | undefined;
  const steps = stepsPair?.value;
  if (!stepsPair || !isSeq(steps) || steps.flow || steps.items.length === 0) throw cannot('needs its steps written as a block list');
  refuseIfMentioned(ctx, ctx.src.doc.contents, [localName(id)], `"${id}" is a plain job, and making it a deployment job changes how its output variables are named`);

  const { text, style, splices } = ctx;
  const unit = ' '.repeat(style.indent);
  // The environment goes right after the job's name line, at its keys' column.
  const keyColumn = columnOf(text, jobPair.key.range![0]);
  splices.replaceScalar(jobPair.key, 'deployment');
  const environmentAt = nextLineStart(text, jobPair.key.range![0]);
  const environmentLine = `${' '.repeat(keyColumn)}environment: ${renderString(value.name, style)}${style.eol}`;

  // The steps entry, whole lines, shifted three levels under strategy: runOnce: deploy:.
  const start = lineStart(text, stepsPair.key.range![0]);
  const end = endOfLinesThrough(text, pairContentEnd(stepsPair as never));
  const shift = unit.repeat(3);
  const lines = text.slice(start, end).split(/(?<=\n)/);
  // An empty line stays empty; a line of spaces is shifted too: in a block scalar, spaces beyond
  // its indentation are part of its content (a `pwsh: |` script's "  " line stays "  ").
  const shifted = lines.map((line) => (/^\r?\n?$/.test(line) ? line : shift + line));
  const hasCheckout = (steps as YAMLSeq).items.some((item) => isMap(item) && pairOf(item, 'checkout') !== undefined);
  if (!hasCheckout) {
    // First of the steps, right below `steps:` (above any comment that introduces the first one),
    // at the dash column of the items.
    const first = (steps as YAMLSeq.Parsed).items[0] as Node;
    const dash = dashOf(text, first);
    if (lineStart(text, dash) === start) throw cannot('needs its steps written one item per line below `steps:`');
    // The items' own spacing after the dash (`- x` or `-   x`).
    const afterDash = text.slice(dash + 1, first.range![0]);
    shifted.splice(1, 0, `${' '.repeat(columnOf(text, dash) + shift.length)}-${afterDash}checkout: self${style.eol}`);
  }
  const column = ' '.repeat(keyColumn);
  const head = `${column}strategy:${style.eol}${column}${unit}runOnce:${style.eol}${column}${unit}${unit}deploy:${style.eol}`;
  if (environmentAt === start) {
    splices.replace(start, end, environmentLine + head + shifted.join(''));
  } else {
    splices.insert(environmentAt, environmentLine);
    splices.replace(start, end, head + shifted.join(''));
  }

  const before = (steps as YAMLSeq).toJSON() as unknown[];
  const expected = hasCheckout ? before : [{ checkout: 'self' }, ...before];
  return {
    checks: [
      (after) => differs(`the environment of "${id}"`, after.graph.nodes.find((n) => n.id === id)?.environment, value.name),
      (after) => {
        const strategy = valueAfter(after, id, 'strategy') as { runOnce?: { deploy?: { steps?: unknown } } } | undefined;
        return differs(`the steps of "${id}"`, strategy?.runOnce?.deploy?.steps, expected);
      },
    ],
  };
}

/** The offset of the dash that starts a block list item. */
function dashOf(text: string, item: Node): number {
  let at = item.range![0] - 1;
  while (at >= 0 && (text[at] === ' ' || text[at] === '\t')) at--;
  if (text[at] !== '-') throw new Refusal('a list item has no dash before it; edit it in the text');
  return at;
}

// moveToStage for Azure: a job's lines leave its stage's `jobs:` and go to the end of another
// stage's `jobs:`, shifted to that list's column and otherwise byte for byte the same. Job-level
// `dependsOn` only names jobs of the same stage, so the job's own `dependsOn` and the references
// to it from the jobs it leaves are dropped (the engine expects those edges to go).
import type { Node, YAMLMap } from 'yaml';
import { isScalar, visit } from 'yaml';
import { mapAt } from './afterRead';
import type { YamlSource } from '../../../yaml/source';
import { lineWhere, pairOf } from '../../../yaml/source';
import { lineStart, startsItsLine } from '../../lines';
import type { EditOperation } from '../../operations';
import type { PlanContext, Planned } from '../../plan';
import { Refusal } from '../../splices';
import { endOfLinesThrough } from '../../wholeLines';
import { refuseIfMentioned } from './expressionRefs';
import { insertItemLinesAfter, itemDashColumn, itemLinesAt, removeItem } from './items';
import { jobsOfStage, localName, locate, mustBeEditable, type AzureLayout } from './layout';
import { removeReferences } from './remove';

type Move = Extract<EditOperation, { op: 'moveToStage' }>;

export function planMove(ctx: PlanContext, layout: AzureLayout, op: Move): Planned {
  if (!layout.stages) throw new Refusal('this pipeline has no stages to move a job between');
  const source = locate(ctx, layout, op.stage);
  if (source.node.role !== 'job' || !source.stage?.node) throw new Refusal(`"${op.stage}" is a stage; only jobs move between stages`);
  const fromStage = source.stage.node.id;
  const targetNode = ctx.node(op.to);
  if (targetNode.role !== 'stage') throw new Refusal(`"${op.to}" is not a stage`);
  if (op.to === fromStage) throw new Refusal(`"${op.stage}" is already in stage "${op.to}"`);
  mustBeEditable(targetNode, `stage "${op.to}"`);
  const target = locate(ctx, layout, op.to);
  const targetJobs = jobsOfStage(ctx, target.entry.map, target.node.id);
  if (!targetJobs || targetJobs.seq.items.length === 0 || targetJobs.seq.flow) {
    throw new Refusal(`stage "${op.to}" has no block \`jobs:\` list to move the job into`);
  }
  const name = localName(op.stage);
  if (ctx.graph.nodes.some((n) => n.id === `${op.to}/${name}`)) throw new Refusal(`stage "${op.to}" already has a job named "${name}"`);
  if (source.list.seq.items.length < 2) {
    throw new Refusal(`"${op.stage}" is the only job of stage "${fromStage}"; a stage needs at least one job`);
  }
  const jobMap = source.entry.map;
  refuseIfMentioned(ctx, ctx.src.doc.contents, [name], `"${op.stage}" can't be moved visually`, [jobMap.range[0], jobMap.range[1]]);
  refuseIfUsesDependencies(ctx.src, jobMap, op.stage);

  const text = ctx.text;
  const [start, end] = itemLinesAt(text, source.list.seq, source.entry.itemIndex);
  let block = withoutDependsOn(text, jobMap, start, end);
  if (!block.endsWith('\n')) block += ctx.style.eol; // the job ended a file without a final line break
  const moved = shiftLines(block, itemDashColumn(text, targetJobs.seq) - itemDashColumn(text, source.list.seq));
  removeItem(ctx.splices, source.list.seq, source.entry.itemIndex);
  insertItemLinesAfter(ctx, targetJobs.seq, targetJobs.seq.items.length - 1, moved);
  removeReferences(ctx, source.list, [source.entry], [name], 'job');

  const expected = JSON.stringify(jobValue(jobMap));
  const newId = `${op.to}/${name}`;
  return {
    checks: [
      (after) => {
        const node = after.graph.nodes.find((n) => n.id === newId);
        const map = node ? mapAt(after.src, node.offsets[0]) : undefined;
        if (!map) return `the moved job "${newId}" is not where it should be`;
        return JSON.stringify(jobValue(map)) === expected ? undefined : `the moved job "${newId}" reads differently after moving`;
      },
    ],
  };
}

/** The job as data, without its `dependsOn` (which moving drops). */
function jobValue(map: YAMLMap.Parsed): unknown {
  const value = map.toJSON() as Record<string, unknown>;
  delete value.dependsOn;
  return value;
}

/** The job's lines [start, end) with its `dependsOn` entry taken out. */
function withoutDependsOn(text: string, map: YAMLMap.Parsed, start: number, end: number): string {
  const pair = pairOf(map, 'dependsOn');
  if (!pair) return text.slice(start, end);
  const key = pair.key as Node;
  if (!startsItsLine(text, key.range![0])) {
    throw new Refusal('the job starts with `dependsOn` on its dash line; move it in the text');
  }
  const from = lineStart(text, key.range![0]);
  const to = endOfLinesThrough(text, (pair.value as Node | null)?.range?.[1] ?? key.range![1]);
  return text.slice(start, from) + text.slice(to, end);
}

/** A job whose expressions read other jobs' results would lose them in another stage. */
function refuseIfUsesDependencies(src: YamlSource, map: YAMLMap.Parsed, id: string): void {
  visit(map, {
    Scalar(_, node) {
      if (isScalar(node) && typeof node.value === 'string' && /dependencies/i.test(node.value)) {
        throw new Refusal(`"${id}" reads other jobs' results (${lineWhere(src, node.range?.[0] ?? 0)}: \`${node.value.trim().split(/\r?\n/)[0]}\`), which would not resolve in another stage; move it in the text`);
      }
    },
  });
}

/**
 * Moves a block of whole lines `delta` columns right (or left when negative). Blank lines stay
 * as they are; a line that does not have the spaces to lose is refused, since that would change
 * what the YAML means.
 */
function shiftLines(block: string, delta: number): string {
  if (delta === 0) return block;
  return block
    .split('\n')
    .map((line) => {
      if (line.trim() === '') return line;
      if (delta > 0) return ' '.repeat(delta) + line;
      const spaces = /^ */.exec(line)![0].length;
      if (spaces < -delta) throw new Refusal('the job has lines indented less than the job itself; it cannot be moved visually');
      return line.slice(-delta);
    })
    .join('\n');
}

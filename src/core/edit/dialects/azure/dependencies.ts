// addDependency / removeDependency for Azure, at stage level and at job level.
//
// Stage level: no `dependsOn` means "the stage written before this one". Adding to such a stage
// writes that default out together with the new name (`dependsOn: [Previous, New]`); removing the
// default leaves `dependsOn: []`. Job level: no `dependsOn` means none, and a job can only wait
// for jobs of its own stage.
import { isValidReferenceName } from '../../../dialects/azure/expressions';
import type { GraphNode } from '../../../model';
import type { EditOperation } from '../../operations';
import type { PlanContext } from '../../plan';
import { Refusal } from '../../splices';
import { DependsOnWriter, readDependsOnState } from './dependsOnEdit';
import { refuseIfMentioned } from './expressionRefs';
import { implicitPrevious } from './implicit';
import { localName, locate, type AzureLayout } from './layout';

type DependencyOp = Extract<EditOperation, { op: 'addDependency' | 'removeDependency' }>;

export function planDependency(ctx: PlanContext, layout: AzureLayout, op: DependencyOp): void {
  const target = locate(ctx, layout, op.stage);
  const other = ctx.node(op.dependsOn);
  const level = sameLevel(target.node, other);
  const state = readDependsOnState(target.entry.map);
  const writer = new DependsOnWriter(ctx.splices, ctx.style, level);
  const name = localName(op.dependsOn);
  if (op.op === 'addDependency') {
    if (!isValidReferenceName(name)) {
      throw new Refusal(`"${op.dependsOn}" cannot be named in \`dependsOn\` (it is not a plain ${level} name); edit it in the text`);
    }
    writer.add(state, name, level === 'stage' ? implicitPrevious(ctx, op.stage) : []);
    return;
  }
  // Its condition or variables may test the dependency (`succeeded('Build')`, `dependencies.Build.result`):
  // Azure rejects an expression about a stage or job that is no longer a dependency.
  refuseIfMentioned(ctx, target.entry.map, [name], `"${op.stage}" can't stop waiting for "${op.dependsOn}" visually`);
  if (state.form === 'absent' || state.form === 'empty') {
    // Only a stage's default edge can be removed without a written name.
    const previous = implicitPrevious(ctx, op.stage);
    writer.setNames(state, previous.filter((p) => p !== name));
    return;
  }
  if (!state.items.some((i) => i.name === name)) {
    throw new Refusal(`"${op.stage}" waits for "${op.dependsOn}" without naming it in \`dependsOn\`; edit it in the text`);
  }
  writer.remove(state, new Set([name]));
}

/** Both ends must be stages, or jobs of the same stage (or both top-level jobs). */
function sameLevel(node: GraphNode, other: GraphNode): 'stage' | 'job' {
  if (node.role === 'stage' && other.role === 'stage') return 'stage';
  if (node.role === 'job' && other.role === 'job') {
    if (node.stage !== other.stage) {
      throw new Refusal(
        `a job can only depend on jobs of its own stage: "${node.id}" is in stage "${node.stage}" and "${other.id}" in "${other.stage}"; ` +
          `make stage "${node.stage}" depend on stage "${other.stage}" instead`,
      );
    }
    return 'job';
  }
  const [stage, job] = node.role === 'stage' ? [node, other] : [other, node];
  throw new Refusal(`stage "${stage.id}" and job "${job.id}" are on different levels: stages depend on stages, jobs on jobs of the same stage`);
}

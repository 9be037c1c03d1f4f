// Gates in Azure YAML are agentless jobs (`pool: server`) running a `ManualValidation@0` task
// (approvers: `notifyUsers` names them; manual: `notifyUsers: ''`, anyone allowed to run the
// pipeline may resume) or a `Delay@1` task (delayed).
//
// On a stage: an existing gate job gets its gate task replaced; otherwise a new gate job
// (`Approve` or `Wait`) goes first in the stage and the stage's jobs that waited for nothing
// now wait for it. Null removes the gate job and the `dependsOn` naming it. On a job: only a
// gate job itself can change its gate.
import type { YAMLMap, YAMLSeq } from 'yaml';
import { isSeq } from 'yaml';
import type { GateDetail } from '../../../model';
import { pairOf, scalarText, stringAt } from '../../../yaml/source';
import { renderSeqItem } from '../../fragment';
import type { GateValue } from '../../operations';
import type { PlanContext, Planned } from '../../plan';
import { Refusal } from '../../splices';
import { differs, type After } from './afterRead';
import { DependsOnWriter, readDependsOnState } from './dependsOnEdit';
import { durationMinutes } from './durations';
import { insertItem, itemDashColumn, itemLinesAt, removeItem } from './items';
import { jobsOfStage, localName, mustBeEditable, type AzureLayout, type EntryList, type ListEntryRef, type Located } from './layout';
import { setInlinePair } from './pairs';
import { removeReferences } from './remove';

// ManualValidation waits up to a day; its agentless job must outlive it.
const VALIDATION_TIMEOUT = 1440;
const VALIDATION_JOB_TIMEOUT = 4320;

interface GatePlan {
  step: Record<string, unknown>;
  detail: GateDetail;
  /** The least job timeout that lets the task finish, and the timeout to write when it is less. */
  jobTimeout: { atLeast: number; write: number };
}

function gatePlan(value: GateValue): GatePlan {
  switch (value.kind) {
    case 'approvers':
      return {
        step: {
          task: 'ManualValidation@0',
          timeoutInMinutes: VALIDATION_TIMEOUT,
          inputs: {
            notifyUsers: value.approvers.join(', '),
            ...(value.instructions !== undefined ? { instructions: value.instructions } : {}),
            onTimeout: 'reject',
          },
        },
        detail: { kind: 'approvers', approvers: value.approvers, ...(value.instructions !== undefined ? { instructions: value.instructions.trim() } : {}) },
        jobTimeout: { atLeast: VALIDATION_TIMEOUT, write: VALIDATION_JOB_TIMEOUT },
      };
    case 'manual':
      return {
        step: { task: 'ManualValidation@0', timeoutInMinutes: VALIDATION_TIMEOUT, inputs: { notifyUsers: '', onTimeout: 'reject' } },
        detail: { kind: 'manual' },
        jobTimeout: { atLeast: VALIDATION_TIMEOUT, write: VALIDATION_JOB_TIMEOUT },
      };
    case 'delayed': {
      const minutes = durationMinutes(value.after);
      return {
        step: { task: 'Delay@1', inputs: { delayForMinutes: String(minutes) } },
        detail: { kind: 'delayed', after: `${minutes} minutes` },
        jobTimeout: { atLeast: minutes + 5, write: minutes + 15 },
      };
    }
  }
}

export function planGate(ctx: PlanContext, _layout: AzureLayout, target: Located, value: GateValue | null): Planned {
  const plan = value === null ? undefined : gatePlan(value);
  if (target.node.role === 'job') return gateOnJob(ctx, target, plan);
  const list = jobsOfStage(ctx, target.entry.map, target.node.id);
  if (!list) throw new Refusal(`stage "${target.node.id}" has no \`jobs:\` list`);
  const gates = list.entries.filter((e) => e.node?.gate !== undefined);
  for (const g of gates) mustBeEditable(g.node, `the gate job of stage "${target.node.id}"`);
  const stageId = target.node.id;
  if (!plan) {
    if (gates.length === 0) throw new Refusal(`stage "${stageId}" has no gate job (ManualValidation or Delay) to remove`);
    removeGates(ctx, list, gates, stageId);
  } else if (gates.length > 1) {
    throw new Refusal(`stage "${stageId}" has ${gates.length} gate jobs; set the gate on one of them`);
  } else if (gates.length === 1) {
    replaceGateStep(ctx, gates[0], plan);
  } else {
    addGateJob(ctx, list, value!, plan);
  }
  return { checks: [(after) => gateDiffers(after, stageId, plan?.detail)] };
}

function gateOnJob(ctx: PlanContext, target: Located, plan: GatePlan | undefined): Planned {
  const id = target.node.id;
  if (!target.node.gate) {
    const where = target.stage?.node ? `set the gate on stage "${target.stage.node.id}", which adds an approval job to it` : 'add an approval job (the approval templates) before it';
    throw new Refusal(`a gate in Azure Pipelines is an agentless job of its own, and "${id}" is not one; ${where}`);
  }
  if (plan) {
    replaceGateStep(ctx, target.entry, plan);
  } else {
    const steps = stepsOf(target.entry.map);
    const gateSteps = steps ? gateStepIndexes(steps) : [];
    if (!steps || gateSteps.length === steps.items.length) {
      throw new Refusal(`"${id}" is nothing but its gate; delete the job instead`);
    }
    for (const index of gateSteps) removeItem(ctx.splices, steps, index);
  }
  return { checks: [(after) => gateDiffers(after, id, plan?.detail)] };
}

function gateDiffers(after: After, id: string, expected: GateDetail | undefined): string | undefined {
  const node = after.graph.nodes.find((n) => n.id === id);
  return differs(`the gate of "${id}"`, node?.gate, expected);
}

function stepsOf(map: YAMLMap.Parsed): YAMLSeq.Parsed | undefined {
  const steps = pairOf(map, 'steps')?.value;
  return isSeq(steps) && !steps.flow ? (steps as YAMLSeq.Parsed) : undefined;
}

function gateStepIndexes(steps: YAMLSeq.Parsed): number[] {
  return steps.items.flatMap((step, i) => (/^(ManualValidation|Delay)@/i.test(stringAt(step, 'task')?.trim() ?? '') ? [i] : []));
}

function replaceGateStep(ctx: PlanContext, job: ListEntryRef, plan: GatePlan): void {
  const id = job.node!.id;
  if (scalarText(pairOf(job.map, 'pool')?.value)?.trim() !== 'server') {
    throw new Refusal(`the gate job "${id}" is not an agentless job (\`pool: server\`); change it in the text`);
  }
  const steps = stepsOf(job.map);
  const indexes = steps ? gateStepIndexes(steps) : [];
  if (!steps || indexes.length !== 1) throw new Refusal(`"${id}" does not have exactly one gate task to replace; change it in the text`);
  const [start, end] = itemLinesAt(ctx.text, steps, indexes[0]);
  ctx.splices.replaceLines(start, end, renderSeqItem(plan.step, ctx.style, itemDashColumn(ctx.text, steps)));
  const timeout = pairOf(job.map, 'timeoutInMinutes');
  const current = Number(scalarText(timeout?.value) ?? 60); // Azure's default for agentless jobs
  if (!(current >= plan.jobTimeout.atLeast) && current !== 0) {
    setInlinePair(ctx.splices, ctx.style, job.map, 'timeoutInMinutes', String(plan.jobTimeout.write));
  }
}

function addGateJob(ctx: PlanContext, list: EntryList, value: GateValue, plan: GatePlan): void {
  const taken = new Set(list.entries.map((e) => localName(e.node?.id ?? '')));
  const base = value.kind === 'delayed' ? 'Wait' : 'Approve';
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}${n}`;
  const displayName = value.kind === 'delayed' ? `Wait ${plan.detail.after}` : value.kind === 'approvers' ? 'Wait for the approvers' : 'Wait for a manual approval';
  insertItem(ctx, list, -1, { job: name, displayName, pool: 'server', timeoutInMinutes: plan.jobTimeout.write, steps: [plan.step] });
  // The stage's jobs that waited for nothing now wait for the gate; the others wait through them.
  const writer = new DependsOnWriter(ctx.splices, ctx.style, 'job');
  for (const entry of list.entries) {
    const state = readDependsOnState(entry.map);
    if (state.form !== 'absent' && state.form !== 'empty') continue;
    mustBeEditable(entry.node, 'a job of the stage that would wait for the gate');
    writer.setNames(state, [name]);
  }
}

function removeGates(ctx: PlanContext, list: EntryList, gates: ListEntryRef[], stageId: string): void {
  const wholeJobs = gates.filter((g) => {
    const steps = stepsOf(g.map);
    return !steps || gateStepIndexes(steps).length === steps.items.length;
  });
  if (wholeJobs.length >= list.seq.items.length) throw new Refusal(`stage "${stageId}" has nothing but its gate; delete the stage instead`);
  for (const g of gates) {
    if (wholeJobs.includes(g)) {
      removeItem(ctx.splices, list.seq, g.itemIndex);
    } else {
      const steps = stepsOf(g.map)!;
      for (const index of gateStepIndexes(steps)) removeItem(ctx.splices, steps, index);
    }
  }
  removeReferences(ctx, list, wholeJobs, wholeJobs.map((g) => localName(g.node!.id)), 'job');
}

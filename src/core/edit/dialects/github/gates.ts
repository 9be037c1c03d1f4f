// Gates in a GitHub workflow. A protected environment's required reviewers and wait timer live
// in the repository settings, not in the YAML, so the designer cannot write them and would not
// see them afterwards. What the YAML can say, and the designer reads back:
// - manual / approvers: a `trstringer/manual-approval` step first in the job (it opens an issue
//   and waits for the approvers' answer). Plain manual asks the people in the APPROVERS
//   repository variable, any one of whom may approve; approvers lists the named people, all of
//   whom must approve, with the instructions as the issue body. The action needs the token's
//   `issues: write`, which `permissions:` in the file may withhold (see grantIssuesWrite).
// - delayed: a job that does nothing but `sleep`. Adding a sleep to a job that does real work
//   would not be a gate (and is not read as one), so only such wait jobs are retimed; for
//   others the message points at the time-delayed template.
import { isMap, isScalar, isSeq, Scalar, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import type { GateDetail, GraphNode } from '../../../model';
import { manualApprovalStep } from '../../../templates/github';
import { pairOf, rootMap, scalarText, stringAt, valueOf, type YamlSource } from '../../../yaml/source';
import { renderSeqItem } from '../../fragment';
import { columnOf, lineStart } from '../../lines';
import type { GateValue } from '../../operations';
import type { PlanContext, ValueCheck } from '../../plan';
import { Refusal } from '../../splices';
import { contentEnd, endOfLinesThrough, introducingCommentsStart } from '../../wholeLines';
import { durationSeconds, sleepArgument } from './durations';
import { insertEntry, job, setEntry } from './workflow';

const MANUAL_APPROVAL = /^trstringer\/manual-approval(@|$)/i;

/** The `with:` inputs of the approval step in the order the action's README lists them; others after. */
function INPUT_ORDER(key: string): number {
  const order = ['secret', 'approvers', 'minimum-approvals', 'issue-title', 'issue-body'];
  const i = order.indexOf(key);
  return i < 0 ? order.length : i;
}

function stepsOf(ctx: PlanContext, id: string): YAMLSeq {
  const steps = pairOf(job(ctx.src, id).body, 'steps')?.value;
  if (!isSeq(steps)) throw new Refusal(`"${id}" has no list of steps to put an approval step in`);
  if (steps.flow) throw new Refusal(`the steps of "${id}" are a flow list ([ … ]); edit them in the text`);
  if (steps.items.length === 0) throw new Refusal(`"${id}" has no steps`);
  return steps;
}

function approvalIndex(steps: YAMLSeq): number {
  return steps.items.findIndex((s) => isMap(s) && MANUAL_APPROVAL.test((stringAt(s, 'uses') ?? '').trim()));
}

export function setGate(ctx: PlanContext, node: GraphNode, value: GateValue | null): ValueCheck {
  const id = node.id;
  const isWaitJob = node.gate?.kind === 'delayed';
  if (value === null) {
    clearGate(ctx, id, isWaitJob);
  } else if (value.kind === 'delayed') {
    if (!isWaitJob) {
      throw new Refusal(
        'GitHub has no delayed gate to set on a job: an environment wait timer is configured in the repository settings, not in YAML. ' +
          'A job that only sleeps is a timed gate: add the "Approval gate (time-delayed)" template before this job',
      );
    }
    retimeWait(ctx, id, value.after);
  } else {
    if (isWaitJob) {
      throw new Refusal(`"${id}" is a timed wait; add an approval gate template before the job that needs approving, or delete the wait`);
    }
    const granted = setApproval(ctx, id, value);
    if (granted) return (after) => gateCheck(id, value)(after) ?? granted(after);
  }
  return gateCheck(id, value);
}

function clearGate(ctx: PlanContext, id: string, isWaitJob: boolean): void {
  if (isWaitJob) throw new Refusal(`"${id}" is itself the wait; delete the stage to remove the gate`);
  const steps = stepsOf(ctx, id);
  const index = approvalIndex(steps);
  if (index < 0) return;
  if (steps.items.length === 1) throw new Refusal(`"${id}" does nothing but wait for approval; delete the stage to remove the gate`);
  const step = steps.items[index] as Node;
  const dash = lineStart(ctx.text, step.range![0]);
  if (ctx.text.slice(dash, step.range![0]).trim() !== '-') throw new Refusal('the approval step is not on lines of its own');
  ctx.splices.removeLines(dash, endOfLinesThrough(ctx.text, contentEnd(step)!));
}

/** Returns the check of the permission it granted, when it added the approval step. */
function setApproval(ctx: PlanContext, id: string, value: Exclude<GateValue, { kind: 'delayed' }>): ValueCheck | undefined {
  const steps = stepsOf(ctx, id);
  const index = approvalIndex(steps);
  if (index >= 0) {
    if (value.kind === 'manual') return undefined; // already waits for approval; its approvers stay
    const inputs = pairOf(steps.items[index], 'with')?.value;
    if (!isMap(inputs)) throw new Refusal(`the approval step of "${id}" has no \`with:\` inputs to set the approvers in`);
    const approvers = pairOf(inputs, 'approvers')?.value;
    if (approvers !== undefined && !(isScalar(approvers) && approvers.type !== Scalar.BLOCK_LITERAL && approvers.type !== Scalar.BLOCK_FOLDED)) {
      throw new Refusal(`the approvers of "${id}" are not written as one line; edit them in the text`);
    }
    setEntry(ctx, inputs as YAMLMap, 'approvers', value.approvers.join(','), INPUT_ORDER);
    if (value.instructions !== undefined) setEntry(ctx, inputs as YAMLMap, 'issue-body', value.instructions, INPUT_ORDER);
    return undefined;
  }
  const title = `Approve ${stringAt(job(ctx.src, id).body, 'name') ?? id}`;
  const step =
    value.kind === 'manual'
      ? manualApprovalStep({ approvers: '${{ vars.APPROVERS }}', minimum: 1, title })
      : manualApprovalStep({ approvers: value.approvers.join(','), title, ...(value.instructions !== undefined ? { body: value.instructions } : {}) });
  // First, so nothing else in the job runs before the approval; above the comments that
  // introduce the current first step.
  const first = steps.items[0] as Node;
  const dashLine = lineStart(ctx.text, first.range![0]);
  const dashText = ctx.text.slice(dashLine, first.range![0]);
  if (dashText.trim() !== '-') throw new Refusal(`the first step of "${id}" is not on lines of its own`);
  const dashColumn = columnOf(ctx.text, dashLine + dashText.indexOf('-'));
  ctx.splices.insertLines(introducingCommentsStart(ctx.text, dashLine, dashColumn), renderSeqItem(step, ctx.style, dashColumn));
  return grantIssuesWrite(ctx, id);
}

/**
 * The approval step opens an issue with the job's token, so the job needs `issues: write`. A
 * job's own `permissions:` replace the workflow's for that job: a job with its own gets
 * `issues: write` added; one without, where the workflow sets some, gets a copy of the
 * workflow's with `issues: write`. Where the file sets none, the repository's default applies,
 * and giving the job permissions of its own would take away whatever else its steps rely on,
 * so nothing is added. Returns the check that the job's token will have it.
 */
function grantIssuesWrite(ctx: PlanContext, id: string): ValueCheck | undefined {
  const body = job(ctx.src, id).body;
  const own = pairOf(body, 'permissions');
  const workflow = own ? undefined : pairOf(rootMap(ctx.src), 'permissions');
  const written = own ?? workflow;
  if (!written) return undefined;
  const whose = own ? `"${id}"` : 'the workflow';
  const permissions = written.value;
  if (isScalar(permissions)) {
    const level = scalarText(permissions);
    if (level === 'write-all') return undefined;
    throw new Refusal(
      `${whose} gives the token \`permissions: ${level ?? ''}\`, and the approval step needs \`issues: write\`; ` +
        'change the permissions in the text first, or use the "Approval gate (manual)" template (an environment with required reviewers)',
    );
  }
  if (!isMap(permissions)) throw new Refusal(`the \`permissions:\` of ${whose} are not a mapping written out in this file; edit them in the text`);
  if (scalarText(valueOf(permissions, 'issues')) !== 'write') {
    if (own) {
      setEntry(ctx, permissions as YAMLMap, 'issues', 'write', permissionOrder);
    } else {
      // The workflow's entries in its order; `issues` where it is, else among them alphabetically.
      const entries: [string, string][] = [];
      for (const pair of (permissions as YAMLMap).items) {
        const scope = scalarText(pair.key);
        const level = scalarText(pair.value);
        if (scope === undefined || level === undefined) throw new Refusal('the workflow\'s `permissions:` are not plain `scope: level` entries; edit them in the text');
        entries.push([scope, scope === 'issues' ? 'write' : level]);
      }
      if (!entries.some(([scope]) => scope === 'issues')) {
        const at = entries.reduce((index, [scope], i) => (permissionOrder(scope) === 0 ? i + 1 : index), 0);
        entries.splice(at, 0, ['issues', 'write']);
      }
      insertEntry(ctx, body, 'permissions', Object.fromEntries(entries));
    }
  }
  return ({ src }) => (jobIssuesLevel(src, id) === 'write' ? undefined : `"${id}" should have issues: write for its approval step`);
}

// GitHub lists permission scopes in alphabetical order; `issues` goes among them there.
function permissionOrder(scope: string): number {
  return scope < 'issues' ? 0 : scope === 'issues' ? 1 : 2;
}

function jobIssuesLevel(src: YamlSource, id: string): string | undefined {
  const own = valueOf(job(src, id).body, 'permissions');
  return scalarText(valueOf(own, 'issues'));
}

// `sleep 30m`, `sleep 1800`: the wait line of a wait job.
const SLEEP = /(^|[\s;])sleep\s+(\d+(?:\.\d+)?[smhd]?)(?=\s|;|#|$)/gm;

function retimeWait(ctx: PlanContext, id: string, after: string): void {
  const seconds = durationSeconds(after);
  if (seconds === undefined || seconds <= 0) throw new Refusal(`"${after}" is not a duration`);
  const body = job(ctx.src, id).body;
  const timeout = pairOf(body, 'timeout-minutes')?.value;
  if (isScalar(timeout) && typeof timeout.value === 'number' && timeout.value * 60 <= seconds) {
    throw new Refusal(`"${id}" times out after ${timeout.value} minutes, before a wait of ${after} would end; raise timeout-minutes first`);
  }
  const steps = stepsOf(ctx, id);
  const sleeps: { start: number; end: number }[] = [];
  for (const step of steps.items) {
    const run = pairOf(step, 'run')?.value;
    if (!isScalar(run) || !run.range) continue;
    const source = ctx.text.slice(run.range[0], run.range[1]);
    for (const m of source.matchAll(SLEEP)) {
      const start = run.range[0] + m.index! + m[1].length;
      sleeps.push({ start, end: start + m[0].length - m[1].length });
    }
  }
  if (sleeps.length !== 1) throw new Refusal(`"${id}" waits in ${sleeps.length} places; change the wait in the text`);
  ctx.splices.replace(sleeps[0].start, sleeps[0].end, `sleep ${sleepArgument(seconds)}`);
}

function gateCheck(id: string, value: GateValue | null): ValueCheck {
  return ({ graph }) => {
    const gate: GateDetail | undefined = graph.nodes.find((n) => n.id === id)?.gate;
    const shown = JSON.stringify(gate ?? null);
    if (value === null) return gate ? `"${id}" should have no gate but has ${shown}` : undefined;
    if (value.kind === 'delayed') {
      const ok = gate?.kind === 'delayed' && gate.after !== undefined && durationSeconds(gate.after) === durationSeconds(value.after);
      return ok ? undefined : `"${id}" should wait ${value.after} but its gate is ${shown}`;
    }
    if (gate?.kind !== 'manual') return `"${id}" should wait for approval but its gate is ${shown}`;
    if (value.kind === 'approvers') {
      if (JSON.stringify(gate.approvers ?? []) !== JSON.stringify(value.approvers)) {
        return `"${id}" should ask ${value.approvers.join(', ')} but asks ${(gate.approvers ?? []).join(', ') || 'nobody'}`;
      }
      if (value.instructions !== undefined && gate.instructions !== value.instructions) {
        return `"${id}" should show the instructions ${JSON.stringify(value.instructions)} but shows ${JSON.stringify(gate.instructions)}`;
      }
    }
    return undefined;
  };
}

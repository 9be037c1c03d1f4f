// What a GitHub Actions job's steps say about it: the commands it runs, and whether it is a manual
// approval or a plain wait (its strategy: writtenStrategy.ts). Deliberately conservative:
// a guess shown in the designer must be one a reader of the YAML would agree with.
import type { GateDetail } from '../model';
import { isMap, isSeq, scalarText, stringAt, valueOf } from '../yaml/source';

export interface StepInfo {
  name?: string;
  run?: string;
  uses?: string;
  /** The step's `with:` mapping, for actions whose inputs matter (approvers). */
  inputs?: unknown;
}

/** Steps of a job, aliases already resolved by the caller; items that are not mappings are skipped. */
export function readSteps(stepsNode: unknown, resolve: (node: unknown) => unknown): StepInfo[] {
  if (!isSeq(stepsNode)) return [];
  const steps: StepInfo[] = [];
  for (const item of stepsNode.items) {
    const step = resolve(item);
    if (!isMap(step)) continue;
    const info: StepInfo = {};
    const name = stringAt(step, 'name');
    const run = stringAt(step, 'run');
    const uses = stringAt(step, 'uses');
    if (name !== undefined) info.name = name;
    if (run !== undefined) info.run = run;
    if (uses !== undefined) info.uses = uses;
    const inputs = resolve(valueOf(step, 'with'));
    if (isMap(inputs)) info.inputs = inputs;
    steps.push(info);
  }
  return steps;
}

/** Every `run:` script and `uses:` reference, in step order (JobFacts.commands). */
export function stepCommands(steps: StepInfo[]): string[] {
  const commands: string[] = [];
  for (const s of steps) {
    if (s.uses !== undefined) commands.push(s.uses);
    if (s.run !== undefined) commands.push(s.run);
  }
  return commands;
}

// Actions whose whole purpose is to stop the run until a person approves it.
const MANUAL_APPROVAL_ACTIONS = [/^trstringer\/manual-approval(@|$)/i];

/** A manual gate when a step uses a well-known manual-approval action. */
export function manualApprovalGate(steps: StepInfo[]): GateDetail | undefined {
  const step = steps.find((s) => s.uses !== undefined && MANUAL_APPROVAL_ACTIONS.some((re) => re.test(s.uses!.trim())));
  if (!step) return undefined;
  const gate: GateDetail = { kind: 'manual' };
  const approvers = scalarText(valueOf(step.inputs, 'approvers'));
  if (approvers !== undefined) {
    const names = approvers.split(',').map((a) => a.trim()).filter((a) => a.length > 0);
    if (names.length > 0) gate.approvers = names;
  }
  const instructions = scalarText(valueOf(step.inputs, 'issue-body')) ?? scalarText(valueOf(step.inputs, 'issue-title'));
  if (instructions !== undefined) gate.instructions = instructions;
  return gate;
}

const SLEEP_LINE = /^sleep\s+(\d+(?:\.\d+)?)([smhd]?)\s*(?:[;#].*)?$/;
// Lines a wait job may hold besides the sleep itself: messages and comments.
const CHATTER_LINE = /^(?:echo|printf)\b|^#|^:(?:\s|$)/;
const UNIT_WORDS: Record<string, string> = { '': 'second', s: 'second', m: 'minute', h: 'hour', d: 'day' };

/**
 * A delayed gate only when the job is clearly a wait: every step is a `run:` that does nothing
 * but sleep (and print). A sleep inside a job that also does real work is not a gate.
 */
export function waitGate(steps: StepInfo[]): GateDetail | undefined {
  if (steps.length === 0) return undefined;
  const waits: string[] = [];
  for (const step of steps) {
    if (step.uses !== undefined || step.run === undefined) return undefined;
    for (const raw of step.run.split(/\r?\n/)) {
      const line = raw.trim();
      if (line === '' || CHATTER_LINE.test(line)) continue;
      const sleep = SLEEP_LINE.exec(line);
      if (!sleep) return undefined;
      const amount = sleep[1];
      const unit = UNIT_WORDS[sleep[2]];
      waits.push(`${amount} ${unit}${amount === '1' ? '' : 's'}`);
    }
  }
  if (waits.length === 0) return undefined;
  return { kind: 'delayed', after: waits.join(' + ') };
}

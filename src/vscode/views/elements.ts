// What the sidebar's trees hold. The same objects reach the commands when a person uses an inline
// action or a context menu on an item, so each says what it is (`kind`).
import type { EnvironmentStatus, Job, PendingApproval, Run } from '../../core/operate/model';

export interface RunElement {
  kind: 'run';
  run: Run;
}

export interface JobElement {
  kind: 'job';
  job: Job;
  run: Run;
}

export interface ApprovalElement {
  kind: 'approval';
  approval: PendingApproval;
  /** Other environments the same run waits for that the user may review too. */
  siblings: PendingApproval[];
}

export interface EnvironmentElement {
  kind: 'environment';
  status: EnvironmentStatus;
  pending: PendingApproval[];
}

/** A line of text in a tree: what a run waits for, "Loading…", a read that failed. */
export interface NoteElement {
  kind: 'note';
  id: string;
  text: string;
  icon?: string;
  tooltip?: string;
}

export type OperateElement = RunElement | JobElement | ApprovalElement | EnvironmentElement | NoteElement;

export function isElement<K extends OperateElement['kind']>(value: unknown, kind: K): value is Extract<OperateElement, { kind: K }> {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === kind;
}

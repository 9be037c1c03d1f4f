// Designer edits of one document, one at a time. Each edit is planned on the document's text as
// it is when its turn comes (so an edit made on an older graph is re-planned: node ids survive
// unrelated typing), applied as one change, and re-planned when the document moved on between
// planning and applying. Offsets computed on one version are never applied to another.
// No `vscode` import: the document is reached through EditTarget, so this runs in plain Node too.
import type { Reconnection } from '../../core/edit/inherit';
import type { EditOperation } from '../../core/edit/operations';
import type { TextEdit } from '../../core/edit/textEdit';
import type { GateLoss } from '../../core/gates';
import { describeOperation } from '../../shared/describeOperation';

export interface EditRequest {
  requestId: string;
  /** Version of the document the graph the user acted on was built from. */
  baseVersion: number;
  operation: EditOperation;
}

export type EditOutcome =
  | {
      ok: true;
      /** Document version after the edit. */
      version: number;
      /** Stages that now wait for others in a deleted stage's place (absent: none). */
      reconnected?: Reconnection[];
    }
  | { ok: false; reason: string; /** The user said no when asked to confirm; nothing to report. */ cancelled?: boolean };

/**
 * Another file a designer edit changes (a pipeline split over files: the job is written there):
 * its splices, planned on `before`, which it must still hold when the edit is applied.
 */
export interface OtherFileEdit {
  /** The file's URI as a string (the queue runs without `vscode`). */
  uri: string;
  before: string;
  edits: TextEdit[];
}

/** The document the queue edits. */
export interface EditTarget {
  readonly version: number;
  getText(): string;
  /**
   * Applies edits whose offsets are into the text of `version`, and those of `others` into
   * their planned texts, as one undoable change. Resolves false, changing nothing, when the
   * document is no longer at `version`, another file no longer holds what was planned on, or
   * the editor refused the change.
   */
  apply(edits: readonly TextEdit[], version: number, others?: readonly OtherFileEdit[]): Promise<boolean>;
}

/** What the queue needs of a plan (the engine's PlanResult has more). */
export type PlannedEdit =
  | { ok: true; text: string; edits: TextEdit[]; others?: OtherFileEdit[]; reconnected?: Reconnection[]; lostGates?: GateLoss[] }
  | { ok: false; reason: string };

/**
 * Asks whether to apply an edit that leaves production deploys without an approval gate before
 * them; resolves true to go ahead. Asked once per edit, before anything is applied.
 */
export type ConfirmGateLoss = (operation: EditOperation, losses: readonly GateLoss[]) => Promise<boolean>;

export type Planner = (text: string, operation: EditOperation) => PlannedEdit;

export interface EditLog {
  trace(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/**
 * Pauses before each new plan-and-apply round when the document moved on under an edit; their
 * number bounds the rounds. Typing comes in bursts: retrying at once mostly races the next
 * keystroke, a short growing pause lets the edit land between keystrokes.
 */
export const RETRY_DELAYS_MS: readonly number[] = [10, 40, 100, 250, 500];

export interface EditQueueOptions {
  /** The pauses between rounds (default RETRY_DELAYS_MS). */
  retryDelaysMs?: readonly number[];
  /** Without one, edits that leave production deploys ungated apply without asking. */
  confirmGateLoss?: ConfirmGateLoss;
}

export class EditQueue {
  /** Settles when the last submitted edit is done; the next one starts after it. */
  private tail: Promise<unknown> = Promise.resolve();
  private closed = false;
  private readonly retryDelaysMs: readonly number[];
  private readonly confirmGateLoss: ConfirmGateLoss;

  constructor(
    private readonly target: EditTarget,
    private readonly plan: Planner,
    private readonly log: EditLog,
    options: EditQueueOptions = {},
  ) {
    this.retryDelaysMs = options.retryDelaysMs ?? RETRY_DELAYS_MS;
    this.confirmGateLoss = options.confirmGateLoss ?? (() => Promise.resolve(true));
  }

  /** Queues an edit; resolves with its outcome once it and every edit before it are done. */
  submit(request: EditRequest): Promise<EditOutcome> {
    const run = this.tail.then(() => this.process(request));
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** The designer closed: edits still waiting are refused, not applied behind the user's back. */
  close(): void {
    this.closed = true;
  }

  private async process(request: EditRequest): Promise<EditOutcome> {
    const what = describeOperation(request.operation);
    const tag = `[${request.requestId}] ${what}`;
    let documentMoved = false;
    // Losses the user already accepted for this edit: a re-plan that finds the same ones does not ask again.
    const accepted = new Set<string>();
    const attempts = this.retryDelaysMs.length + 1;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, this.retryDelaysMs[attempt - 2]));
      if (this.closed) return { ok: false, reason: `the designer was closed before it could ${what}` };
      const version = this.target.version;
      const text = this.target.getText();
      const basis = version === request.baseVersion ? `v${version}` : `v${version} (made on v${request.baseVersion})`;
      const started = performance.now();
      let planned: PlannedEdit;
      try {
        planned = this.plan(text, request.operation);
      } catch (e) {
        // A bug in a planner, not a property of the file: say so, keep the details in the log.
        this.log.error(`${tag}: planning failed on ${basis}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        return { ok: false, reason: `could not ${what}: an internal error occurred (details in the Pipewright log)` };
      }
      const ms = (performance.now() - started).toFixed(1);
      if (!planned.ok) {
        this.log.info(`${tag}: refused on ${basis} after ${ms} ms planning: ${planned.reason}`);
        return { ok: false, reason: planned.reason };
      }
      const others = planned.others ?? [];
      if (planned.edits.length === 0 && others.length === 0) {
        this.log.trace(`${tag}: planned on ${basis} in ${ms} ms; nothing to change`);
        return { ok: true, version };
      }
      const unconfirmed = (planned.lostGates ?? []).filter((loss) => !accepted.has(gateLossKey(loss)));
      if (unconfirmed.length > 0) {
        this.log.info(`${tag}: leaves ${unconfirmed.map((l) => l.deploy).join(', ')} without an approval gate; asking first`);
        if (!(await this.confirmGateLoss(request.operation, planned.lostGates!))) {
          this.log.info(`${tag}: cancelled by the user; nothing was changed`);
          return { ok: false, reason: `${what} was cancelled; nothing was changed`, cancelled: true };
        }
        for (const loss of planned.lostGates!) accepted.add(gateLossKey(loss));
        if (this.closed) return { ok: false, reason: `the designer was closed before it could ${what}` };
      }
      let applied: boolean;
      try {
        applied = await this.target.apply(planned.edits, version, others);
      } catch (e) {
        this.log.error(`${tag}: applying failed on ${basis}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        return { ok: false, reason: `could not ${what}: VS Code failed to apply the change (details in the Pipewright log)` };
      }
      if (applied) {
        const count = planned.edits.length + others.reduce((n, o) => n + o.edits.length, 0);
        this.log.trace(
          `${tag}: planned on ${basis} in ${ms} ms, applied as ${count} text ` +
            `${count === 1 ? 'edit' : 'edits'}${others.length > 0 ? ` (${others.length} other ${others.length === 1 ? 'file' : 'files'})` : ''} → v${this.target.version}` +
            (attempt > 1 ? ` (attempt ${attempt})` : ''),
        );
        const reconnected = planned.reconnected ?? [];
        return { ok: true, version: this.target.version, ...(reconnected.length > 0 ? { reconnected } : {}) };
      }
      // Another file that moved on counts as the document moving: planning again reads it anew.
      if (this.target.version !== version || others.length > 0) documentMoved = true;
      this.log.trace(`${tag}: not applied on v${version} (now v${this.target.version}); planning again`);
    }
    const reason = documentMoved
      ? `the file kept changing while the designer tried to ${what} (${attempts} attempts); nothing was changed, try again`
      : `VS Code did not apply the change to ${what} (is the file read-only?); nothing was changed`;
    this.log.warn(`${tag}: ${reason}`);
    return { ok: false, reason };
  }
}

function gateLossKey(loss: GateLoss): string {
  return JSON.stringify([loss.deploy, loss.gates]);
}

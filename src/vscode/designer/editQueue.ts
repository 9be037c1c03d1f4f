// Designer edits of one document, one at a time. Each edit is planned on the document's text as
// it is when its turn comes (so an edit made on an older graph is re-planned: node ids survive
// unrelated typing), applied as one change, and re-planned when the document moved on between
// planning and applying. Offsets computed on one version are never applied to another.
// No `vscode` import: the document is reached through EditTarget, so this runs in plain Node too.
import type { EditOperation } from '../../core/edit/operations';
import type { TextEdit } from '../../core/edit/textEdit';
import { describeOperation } from '../../shared/describeOperation';

export interface EditRequest {
  requestId: string;
  /** Version of the document the graph the user acted on was built from. */
  baseVersion: number;
  operation: EditOperation;
}

export type EditOutcome =
  | { ok: true; /** Document version after the edit. */ version: number }
  | { ok: false; reason: string };

/** The document the queue edits. */
export interface EditTarget {
  readonly version: number;
  getText(): string;
  /**
   * Applies edits whose offsets are into the text of `version`, as one undoable change.
   * Resolves false, changing nothing, when the document is no longer at `version` or the
   * editor refused the change.
   */
  apply(edits: readonly TextEdit[], version: number): Promise<boolean>;
}

/** What the queue needs of a plan (the engine's PlanResult has more). */
export type PlannedEdit = { ok: true; text: string; edits: TextEdit[] } | { ok: false; reason: string };

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

export class EditQueue {
  /** Settles when the last submitted edit is done; the next one starts after it. */
  private tail: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly target: EditTarget,
    private readonly plan: Planner,
    private readonly log: EditLog,
    private readonly retryDelaysMs: readonly number[] = RETRY_DELAYS_MS,
  ) {}

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
      if (planned.edits.length === 0) {
        this.log.trace(`${tag}: planned on ${basis} in ${ms} ms; nothing to change`);
        return { ok: true, version };
      }
      let applied: boolean;
      try {
        applied = await this.target.apply(planned.edits, version);
      } catch (e) {
        this.log.error(`${tag}: applying failed on ${basis}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        return { ok: false, reason: `could not ${what}: VS Code failed to apply the change (details in the Pipewright log)` };
      }
      if (applied) {
        this.log.trace(
          `${tag}: planned on ${basis} in ${ms} ms, applied as ${planned.edits.length} text ` +
            `${planned.edits.length === 1 ? 'edit' : 'edits'} → v${this.target.version}` +
            (attempt > 1 ? ` (attempt ${attempt})` : ''),
        );
        return { ok: true, version: this.target.version };
      }
      if (this.target.version !== version) documentMoved = true;
      this.log.trace(`${tag}: not applied on v${version} (now v${this.target.version}); planning again`);
    }
    const reason = documentMoved
      ? `the file kept changing while the designer tried to ${what} (${attempts} attempts); nothing was changed, try again`
      : `VS Code did not apply the change to ${what} (is the file read-only?); nothing was changed`;
    this.log.warn(`${tag}: ${reason}`);
    return { ok: false, reason };
  }
}

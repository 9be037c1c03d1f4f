// The designer's per-document edit queue (src/vscode/designer/editQueue.ts has no `vscode`
// import), driven in plain Node with a document stand-in whose version moves like VS Code's.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EditOperation } from '../../src/core/edit/operations';
import { applyTextEdits, type TextEdit } from '../../src/core/edit/textEdit';
import { EditQueue, RETRY_DELAYS_MS, type EditLog, type EditTarget, type PlannedEdit } from '../../src/vscode/designer/editQueue';

/** A document: text plus a version bumped on every change, like a TextDocument. */
class FakeDocument implements EditTarget {
  version = 1;
  applied: { edits: readonly TextEdit[]; version: number }[] = [];
  /** Runs while an apply is in flight, e.g. to type into the document meanwhile. */
  duringApply: ((attempt: number) => void) | undefined;
  /** When set, the "editor" refuses every apply although the version matches. */
  refuseAll = false;
  private applies = 0;

  constructor(public text: string) {}

  getText(): string {
    return this.text;
  }

  type(at: number, inserted: string): void {
    this.text = this.text.slice(0, at) + inserted + this.text.slice(at);
    this.version += 1;
  }

  async apply(edits: readonly TextEdit[], version: number): Promise<boolean> {
    this.applies += 1;
    await new Promise((resolve) => setTimeout(resolve, 1));
    this.duringApply?.(this.applies);
    // What VS Code does: an edit stamped with an old version is not applied.
    if (this.refuseAll || version !== this.version) return false;
    this.text = applyTextEdits(this.text, edits);
    this.version += 1;
    this.applied.push({ edits, version });
    return true;
  }
}

class RecordingLog implements EditLog {
  lines: string[] = [];
  trace(m: string) {
    this.lines.push(`trace ${m}`);
  }
  info(m: string) {
    this.lines.push(`info ${m}`);
  }
  warn(m: string) {
    this.lines.push(`warn ${m}`);
  }
  error(m: string) {
    this.lines.push(`error ${m}`);
  }
}

/**
 * A planner for a toy "file" of one line per stage: deleteStage removes the stage's line,
 * renameStage rewrites it; anything else, or a missing stage, is refused. Records each text
 * it planned on.
 */
function linePlanner(seen: string[]) {
  return (text: string, op: EditOperation): PlannedEdit => {
    seen.push(text);
    if (op.op !== 'deleteStage' && op.op !== 'renameStage') return { ok: false, reason: `can't edit this visually: ${op.op} is not supported here` };
    const offset = text.split('\n').reduce<number | undefined>((found, line, i, lines) => {
      if (found !== undefined || line !== op.stage) return found;
      return lines.slice(0, i).reduce((sum, l) => sum + l.length + 1, 0);
    }, undefined);
    if (offset === undefined) return { ok: false, reason: `can't edit this visually: there is no stage "${op.stage}" in this file` };
    const edit: TextEdit =
      op.op === 'deleteStage' ? { offset, length: op.stage.length + 1, text: '' } : { offset, length: op.stage.length, text: op.newId };
    const after = applyTextEdits(text, [edit]);
    return { ok: true, text: after, edits: [edit] };
  };
}

const request = (requestId: string, baseVersion: number, operation: EditOperation) => ({ requestId, baseVersion, operation });

describe('EditQueue', () => {
  it('applies edits one at a time, each planned on the text the previous one left', async () => {
    const doc = new FakeDocument('build\ntest\ndeploy\n');
    const seen: string[] = [];
    const queue = new EditQueue(doc, linePlanner(seen), new RecordingLog());
    // Submitted together, as a multi-node delete does; all made on version 1.
    const outcomes = await Promise.all([
      queue.submit(request('r1', 1, { op: 'deleteStage', stage: 'test' })),
      queue.submit(request('r2', 1, { op: 'renameStage', stage: 'deploy', newId: 'ship' })),
    ]);
    assert.deepEqual(outcomes, [{ ok: true, version: 2 }, { ok: true, version: 3 }]);
    assert.deepEqual(seen, ['build\ntest\ndeploy\n', 'build\ndeploy\n']);
    assert.equal(doc.text, 'build\nship\n');
    // One apply (one undo step) per action.
    assert.deepEqual(doc.applied.map((a) => a.version), [1, 2]);
  });

  it('re-plans an edit made on an older version on the current text and says so in the log', async () => {
    const doc = new FakeDocument('build\ntest\n');
    doc.type(0, '# typed\n');
    const log = new RecordingLog();
    const queue = new EditQueue(doc, linePlanner([]), log);
    const outcome = await queue.submit(request('r7', 1, { op: 'deleteStage', stage: 'test' }));
    assert.deepEqual(outcome, { ok: true, version: 3 });
    assert.equal(doc.text, '# typed\nbuild\n');
    const line = log.lines.find((l) => l.includes('[r7]'));
    assert.match(line ?? '', /^trace \[r7\] delete test: planned on v2 \(made on v1\) in [\d.]+ ms, applied as 1 text edit → v3$/);
  });

  it('when the text changes between planning and applying, plans again on the new text', async () => {
    const doc = new FakeDocument('build\ntest\ndeploy\n');
    const seen: string[] = [];
    const log = new RecordingLog();
    const queue = new EditQueue(doc, linePlanner(seen), log);
    // A keystroke lands while the first apply is in flight: that apply is stale and refused.
    doc.duringApply = (attempt) => {
      if (attempt === 1) doc.type(0, 'x');
    };
    const outcome = await queue.submit(request('r1', 1, { op: 'deleteStage', stage: 'deploy' }));
    assert.deepEqual(outcome, { ok: true, version: 3 });
    assert.deepEqual(seen, ['build\ntest\ndeploy\n', 'xbuild\ntest\ndeploy\n']);
    assert.equal(doc.text, 'xbuild\ntest\n', 'both the keystroke and the edit are in the text');
    assert.deepEqual(doc.applied.map((a) => a.version), [2], 'only offsets planned on the current version were applied');
    assert.ok(log.lines.some((l) => /not applied on v1 \(now v2\); planning again/.test(l)), log.lines.join('\n'));
    assert.ok(log.lines.some((l) => /applied as 1 text edit → v3 \(attempt 2\)/.test(l)), log.lines.join('\n'));
  });

  it('gives up with a message when the text keeps changing under the edit', async () => {
    const doc = new FakeDocument('build\ntest\n');
    doc.duringApply = () => doc.type(0, 'x');
    const log = new RecordingLog();
    const seen: string[] = [];
    const queue = new EditQueue(doc, linePlanner(seen), log, { retryDelaysMs: [0, 0] });
    const outcome = await queue.submit(request('r1', 1, { op: 'deleteStage', stage: 'test' }));
    assert.equal(outcome.ok, false);
    assert.match(!outcome.ok ? outcome.reason : '', /the file kept changing while the designer tried to delete test \(3 attempts\); nothing was changed/);
    assert.equal(seen.length, 3);
    assert.equal(doc.text, 'xxxbuild\ntest\n', 'the typing survives, the edit was not made');
    assert.ok(log.lines.some((l) => l.startsWith('warn [r1] delete test: the file kept changing')));
  });

  it('reports an editor that refuses the change although nothing moved', async () => {
    const doc = new FakeDocument('build\ntest\n');
    doc.refuseAll = true;
    const seen: string[] = [];
    const queue = new EditQueue(doc, linePlanner(seen), new RecordingLog());
    const outcome = await queue.submit(request('r1', 1, { op: 'deleteStage', stage: 'test' }));
    assert.deepEqual(outcome, { ok: false, reason: 'VS Code did not apply the change to delete test (is the file read-only?); nothing was changed' });
    // The default rounds: one, then one after each pause.
    assert.equal(seen.length, RETRY_DELAYS_MS.length + 1);
  });

  it("passes the planner's refusal on, logs it, changes nothing, and goes on with the next edit", async () => {
    const doc = new FakeDocument('build\ntest\n');
    const log = new RecordingLog();
    const queue = new EditQueue(doc, linePlanner([]), log);
    const [refused, done] = await Promise.all([
      queue.submit(request('r1', 1, { op: 'deleteStage', stage: 'nope' })),
      queue.submit(request('r2', 1, { op: 'deleteStage', stage: 'build' })),
    ]);
    assert.deepEqual(refused, { ok: false, reason: `can't edit this visually: there is no stage "nope" in this file` });
    assert.deepEqual(done, { ok: true, version: 2 });
    assert.equal(doc.text, 'test\n');
    assert.match(log.lines.find((l) => l.includes('[r1]')) ?? '', /^info \[r1\] delete nope: refused on v1 after [\d.]+ ms planning: can't edit this visually: there is no stage "nope"/);
  });

  it('turns a planner crash into a refusal that points at the log, and keeps working', async () => {
    const doc = new FakeDocument('build\ntest\n');
    const log = new RecordingLog();
    let calls = 0;
    const planner = linePlanner([]);
    const queue = new EditQueue(doc, (text, op) => {
      if (++calls === 1) throw new TypeError('cannot read properties of undefined');
      return planner(text, op);
    }, log);
    const crashed = await queue.submit(request('r1', 1, { op: 'deleteStage', stage: 'test' }));
    assert.deepEqual(crashed, { ok: false, reason: 'could not delete test: an internal error occurred (details in the Pipewright log)' });
    assert.ok(log.lines.some((l) => l.startsWith('error [r1] delete test: planning failed on v1: TypeError: cannot read properties')));
    assert.deepEqual(await queue.submit(request('r2', 1, { op: 'deleteStage', stage: 'test' })), { ok: true, version: 2 });
  });

  it('reports an apply that throws instead of leaving the webview without an answer', async () => {
    const doc = new FakeDocument('build\ntest\n');
    doc.apply = async () => {
      throw new Error('the workspace edit could not be converted');
    };
    const log = new RecordingLog();
    const queue = new EditQueue(doc, linePlanner([]), log);
    const outcome = await queue.submit(request('r1', 1, { op: 'deleteStage', stage: 'test' }));
    assert.deepEqual(outcome, { ok: false, reason: 'could not delete test: VS Code failed to apply the change (details in the Pipewright log)' });
    assert.ok(log.lines.some((l) => l.startsWith('error [r1] delete test: applying failed on v1: Error: the workspace edit could not be converted')));
  });

  describe('an edit that leaves a production deploy without an approval gate', () => {
    const loss = { deploy: 'deploy', environment: 'production', gates: ['approve'] };
    /** linePlanner, whose deletion of "approve" reports that loss and what it reconnected. */
    const gatePlanner = (seen: string[]) => {
      const plan = linePlanner(seen);
      return (text: string, op: EditOperation): PlannedEdit => {
        const r = plan(text, op);
        return r.ok && op.op === 'deleteStage' && op.stage === 'approve' ? { ...r, lostGates: [loss], reconnected: [{ stage: 'deploy', waitsFor: ['test'] }] } : r;
      };
    };
    const asked: { operation: EditOperation; losses: readonly unknown[] }[] = [];
    const answering = (answer: boolean) => async (operation: EditOperation, losses: readonly unknown[]) => {
      asked.push({ operation, losses });
      return answer;
    };

    it('is applied only after the user confirms, and says what it reconnected', async () => {
      asked.length = 0;
      const doc = new FakeDocument('test\napprove\ndeploy\n');
      const queue = new EditQueue(doc, gatePlanner([]), new RecordingLog(), { confirmGateLoss: answering(true) });
      const outcome = await queue.submit(request('r1', 1, { op: 'deleteStage', stage: 'approve' }));
      assert.deepEqual(outcome, { ok: true, version: 2, reconnected: [{ stage: 'deploy', waitsFor: ['test'] }] });
      assert.deepEqual(asked, [{ operation: { op: 'deleteStage', stage: 'approve' }, losses: [loss] }]);
      assert.equal(doc.text, 'test\ndeploy\n');
    });

    it('changes nothing when the user cancels, and says it was cancelled', async () => {
      asked.length = 0;
      const doc = new FakeDocument('test\napprove\ndeploy\n');
      const log = new RecordingLog();
      const queue = new EditQueue(doc, gatePlanner([]), log, { confirmGateLoss: answering(false) });
      const outcome = await queue.submit(request('r1', 1, { op: 'deleteStage', stage: 'approve' }));
      assert.deepEqual(outcome, { ok: false, reason: 'delete approve was cancelled; nothing was changed', cancelled: true });
      assert.equal(asked.length, 1);
      assert.equal(doc.text, 'test\napprove\ndeploy\n');
      assert.deepEqual(doc.applied, []);
      assert.ok(log.lines.includes('info [r1] delete approve: cancelled by the user; nothing was changed'), log.lines.join('\n'));
      // Other edits do not ask.
      assert.deepEqual(await queue.submit(request('r2', 1, { op: 'deleteStage', stage: 'test' })), { ok: true, version: 2 });
      assert.equal(asked.length, 1);
    });

    it('asks once, also when the text changed while the question was open and the edit is planned again', async () => {
      asked.length = 0;
      const doc = new FakeDocument('test\napprove\ndeploy\n');
      const seen: string[] = [];
      const queue = new EditQueue(doc, gatePlanner(seen), new RecordingLog(), {
        confirmGateLoss: async (operation, losses) => {
          doc.type(0, '# typed while asked\n');
          return answering(true)(operation, losses);
        },
      });
      const outcome = await queue.submit(request('r1', 1, { op: 'deleteStage', stage: 'approve' }));
      assert.equal(outcome.ok, true);
      assert.equal(asked.length, 1);
      assert.equal(seen.length, 2, 'planned again on the text typed meanwhile');
      assert.equal(doc.text, '# typed while asked\ntest\ndeploy\n');
    });
  });

  it('refuses edits still waiting when the designer closes', async () => {
    const doc = new FakeDocument('build\ntest\ndeploy\n');
    const queue = new EditQueue(doc, linePlanner([]), new RecordingLog());
    const first = queue.submit(request('r1', 1, { op: 'deleteStage', stage: 'test' }));
    const second = queue.submit(request('r2', 1, { op: 'deleteStage', stage: 'deploy' }));
    queue.close();
    assert.deepEqual(await first, { ok: false, reason: 'the designer was closed before it could delete test' });
    assert.deepEqual(await second, { ok: false, reason: 'the designer was closed before it could delete deploy' });
    assert.equal(doc.text, 'build\ntest\ndeploy\n');
  });
});

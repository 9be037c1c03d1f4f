import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseWebviewMessage } from '../../src/shared/protocol';

describe('parseWebviewMessage', () => {
  it('accepts every well-formed message', () => {
    const good = [
      { type: 'ready' },
      { type: 'selectNode', nodeId: 'Deploy/Prod' },
      { type: 'revealPosition', line: 3, column: 1 },
      { type: 'rendered', version: 4, nodeIds: ['a', 'b'], edgeCount: 1 },
      { type: 'log', level: 'error', message: 'boom' },
      { type: 'edit', requestId: 'r1', baseVersion: 3, operation: { op: 'deleteStage', stage: 'deploy' } },
      { type: 'edit', requestId: 'r2', baseVersion: 0, operation: { op: 'addDependency', stage: 'deploy', dependsOn: 'test' } },
      { type: 'previewEdit', requestId: 'p1', operation: { op: 'renameStage', stage: 'build', newId: 'compile' } },
      {
        type: 'edit',
        requestId: 'r3',
        baseVersion: 9,
        operation: { op: 'setProperty', stage: 'Prod/Deploy', property: 'environment', value: { name: 'prod', url: 'https://x.example' } },
      },
      { type: 'chooseRun', choice: { kind: 'latest' } },
      { type: 'chooseRun', choice: { kind: 'none' } },
      { type: 'chooseRun', choice: { kind: 'run', runId: '9012' } },
      { type: 'runWorkflow' },
      { type: 'setProtection', environment: 'production', reviewers: 'mona, acme/release-managers', preventSelfReview: true, waitTimerMinutes: 15 },
    ];
    for (const m of good) {
      const r = parseWebviewMessage(m);
      assert.ok(r.ok, JSON.stringify(m));
      assert.deepEqual(r.message, m);
    }
  });

  it('drops fields it does not know instead of passing them through', () => {
    const r = parseWebviewMessage({ type: 'selectNode', nodeId: 'a', extra: { evil: true } });
    assert.ok(r.ok);
    assert.deepEqual(r.message, { type: 'selectNode', nodeId: 'a' });
  });

  it('rejects malformed messages with a reason that names the field', () => {
    const cases: [unknown, RegExp][] = [
      [null, /not an object/],
      ['ready', /not an object/],
      [{ type: 'nope' }, /unknown message type "nope"/],
      [{ type: 'selectNode' }, /selectNode\.nodeId/],
      [{ type: 'previewEdit', operation: { op: 'deleteStage', stage: 'a' } }, /previewEdit\.requestId/],
      [{ type: 'previewEdit', requestId: 'p', operation: { op: 'renameStage', stage: 'a' } }, /previewEdit\.operation: "newId"/],
      [{ type: 'selectNode', nodeId: 'x'.repeat(20_000) }, /selectNode\.nodeId/],
      [{ type: 'revealPosition', line: 0, column: 1 }, /positive integers/],
      [{ type: 'revealPosition', line: 1.5, column: 1 }, /positive integers/],
      [{ type: 'rendered', version: 1, nodeIds: [1], edgeCount: 0 }, /nodeIds/],
      [{ type: 'rendered', version: 'x', nodeIds: [], edgeCount: 0 }, /version/],
      [{ type: 'log', level: 'debug', message: 'x' }, /log\.level/],
      [{ type: 'edit', baseVersion: 1, operation: { op: 'deleteStage', stage: 'a' } }, /edit\.requestId/],
      [{ type: 'edit', requestId: 'r'.repeat(101), baseVersion: 1, operation: { op: 'deleteStage', stage: 'a' } }, /edit\.requestId/],
      [{ type: 'edit', requestId: 'r', baseVersion: -1, operation: { op: 'deleteStage', stage: 'a' } }, /edit\.baseVersion/],
      [{ type: 'edit', requestId: 'r', baseVersion: '2', operation: { op: 'deleteStage', stage: 'a' } }, /edit\.baseVersion/],
      [{ type: 'edit', requestId: 'r', baseVersion: 1 }, /edit\.operation must be an object/],
      [{ type: 'edit', requestId: 'r', baseVersion: 1, operation: { op: 'explode' } }, /edit\.operation: unknown "op" "explode"/],
      [{ type: 'edit', requestId: 'r', baseVersion: 1, operation: { op: 'renameStage', stage: 'a' } }, /edit\.operation: "newId"/],
      [{ type: 'edit', requestId: 'r', baseVersion: 1, operation: { op: 'deleteStage', stage: 'a'.repeat(10_001) } }, /edit\.operation: stage is longer/],
      [
        { type: 'edit', requestId: 'r', baseVersion: 1, operation: { op: 'setProperty', stage: 'a', property: 'gate', value: { kind: 'approvers', approvers: ['x'.repeat(10_001)] } } },
        /edit\.operation: value\.approvers\.0 is longer/,
      ],
      [{ type: 'chooseRun', choice: { kind: 'run', runId: '../../x' } }, /chooseRun\.choice/],
      [{ type: 'chooseRun', choice: 'latest' }, /chooseRun\.choice/],
      [{ type: 'setProtection', environment: '', reviewers: '', preventSelfReview: false, waitTimerMinutes: 0 }, /setProtection\.environment/],
      [{ type: 'setProtection', environment: 'p', reviewers: ['mona'], preventSelfReview: false, waitTimerMinutes: 0 }, /setProtection\.reviewers/],
      [{ type: 'setProtection', environment: 'p', reviewers: '', preventSelfReview: 'yes', waitTimerMinutes: 0 }, /setProtection\.preventSelfReview/],
      [{ type: 'setProtection', environment: 'p', reviewers: '', preventSelfReview: false, waitTimerMinutes: 43_201 }, /setProtection\.waitTimerMinutes must be a whole number from 0 to 43200/],
      [{ type: 'setProtection', environment: 'p', reviewers: '', preventSelfReview: false, waitTimerMinutes: 1.5 }, /setProtection\.waitTimerMinutes/],
    ];
    for (const [raw, reason] of cases) {
      const r = parseWebviewMessage(raw);
      assert.equal(r.ok, false, JSON.stringify(raw)?.slice(0, 60));
      if (!r.ok) assert.match(r.error, reason);
    }
  });

  it('passes only the operation parseOperation returns, not extra fields of the webview', () => {
    const r = parseWebviewMessage({
      type: 'edit',
      requestId: 'r9',
      baseVersion: 2,
      operation: { op: 'removeDependency', stage: 'b', dependsOn: 'a', sneaky: 'value' },
      extra: 1,
    });
    assert.ok(r.ok);
    assert.deepEqual(r.message, { type: 'edit', requestId: 'r9', baseVersion: 2, operation: { op: 'removeDependency', stage: 'b', dependsOn: 'a' } });
  });

  it('truncates very long log messages', () => {
    const r = parseWebviewMessage({ type: 'log', level: 'info', message: 'y'.repeat(50_000) });
    assert.ok(r.ok && r.message.type === 'log' && r.message.message.length === 10_000);
  });

  it('applyFix: a request id, the findings version and an index, nothing else', () => {
    const r = parseWebviewMessage({ type: 'applyFix', requestId: 'f1', version: 4, index: 2, operations: [{ op: 'deleteStage', stage: 'x' }] });
    assert.ok(r.ok);
    assert.deepEqual(r.message, { type: 'applyFix', requestId: 'f1', version: 4, index: 2 });
    const negative = parseWebviewMessage({ type: 'applyFix', requestId: 'f1', version: 4, index: -1 });
    assert.deepEqual(negative, { ok: false, error: 'applyFix.index must be a non-negative integer' });
    assert.equal(parseWebviewMessage({ type: 'applyFix', requestId: '', version: 4, index: 0 }).ok, false);
  });
});

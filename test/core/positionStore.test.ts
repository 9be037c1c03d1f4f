// The host's store of dragged node positions (workspace state, per file) and the protocol's
// checks on positions from the webview, in plain Node with a Memento stand-in.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkNodePositions, MAX_SAVED_POSITIONS } from '../../src/shared/nodePositions';
import { parseWebviewMessage } from '../../src/shared/protocol';
import { PositionStore, type KeyValueState } from '../../src/vscode/designer/positionStore';

/** A Memento stand-in that records writes and, like VS Code, hands back copies. */
function memoryState(initial: Record<string, unknown> = {}) {
  const values = new Map(Object.entries(initial));
  const writes: Array<[string, unknown]> = [];
  const state: KeyValueState = {
    get: <T>(key: string) => (values.has(key) ? (JSON.parse(JSON.stringify(values.get(key))) as T) : undefined),
    update: async (key, value) => {
      writes.push([key, value]);
      if (value === undefined) values.delete(key);
      else values.set(key, JSON.parse(JSON.stringify(value)));
    },
  };
  return { state, values, writes };
}

const A = 'file:///work/a/.gitlab-ci.yml';
const B = 'file:///work/b/.gitlab-ci.yml';

describe('PositionStore', () => {
  it('keeps positions per document and replaces them on save', async () => {
    const { state } = memoryState();
    const store = new PositionStore(state);
    assert.deepEqual(await store.load(A), {});
    await store.save(A, { build: { x: 10, y: 20 } });
    await store.save(B, { test: { x: 1, y: 2 } });
    assert.deepEqual(await store.load(A), { build: { x: 10, y: 20 } });
    await store.save(A, { deploy: { x: 5, y: 6 } });
    assert.deepEqual(await store.load(A), { deploy: { x: 5, y: 6 } });
    assert.deepEqual(await store.load(B), { test: { x: 1, y: 2 } });
  });

  it('drops positions of nodes that no longer exist, from the answer and the store', async () => {
    const { state, values } = memoryState();
    const store = new PositionStore(state);
    await store.save(A, { build: { x: 1, y: 1 }, removed: { x: 2, y: 2 } });
    assert.deepEqual(await store.load(A, new Set(['build', 'test'])), { build: { x: 1, y: 1 } });
    assert.deepEqual(values.get(`pipewright.positions:${A}`), { build: { x: 1, y: 1 } });
  });

  it('writes nothing when pruning drops nothing', async () => {
    const { state, writes } = memoryState();
    const store = new PositionStore(state);
    await store.save(A, { build: { x: 1, y: 1 } });
    await store.load(A, new Set(['build']));
    assert.equal(writes.length, 1);
  });

  it('removes the entry on clear (Tidy) and for an empty save', async () => {
    const { state, values } = memoryState();
    const store = new PositionStore(state);
    await store.save(A, { build: { x: 1, y: 1 } });
    await store.clear(A);
    assert.equal(values.has(`pipewright.positions:${A}`), false);
    assert.deepEqual(await store.load(A), {});
  });

  it('discards what an older build or a bad write left behind', async () => {
    const { state, values } = memoryState({ [`pipewright.positions:${A}`]: { build: { x: 'left', y: 0 } } });
    const store = new PositionStore(state);
    assert.deepEqual(await store.load(A), {});
    assert.equal(values.has(`pipewright.positions:${A}`), false);
  });

  it('keeps a node called __proto__ like any other', async () => {
    const { state } = memoryState();
    const store = new PositionStore(state);
    const positions = checkNodePositions(JSON.parse('{"__proto__": {"x": 3, "y": 4}}'));
    assert.ok(positions.ok);
    await store.save(A, positions.positions);
    const loaded = await store.load(A, new Set(['__proto__']));
    assert.deepEqual(Object.entries(loaded), [['__proto__', { x: 3, y: 4 }]]);
  });
});

describe('savePositions messages', () => {
  it('accepts a positions map and keeps only x and y', () => {
    const check = parseWebviewMessage({ type: 'savePositions', positions: { 'Build/Compile': { x: 1.5, y: -2, z: 9 } } });
    assert.deepEqual(check, { ok: true, message: { type: 'savePositions', positions: { 'Build/Compile': { x: 1.5, y: -2 } } } });
  });

  it('names what is wrong with a malformed one', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'savePositions', positions: [] }), { ok: false, error: 'savePositions.positions must be an object' });
    assert.deepEqual(parseWebviewMessage({ type: 'savePositions', positions: { a: { x: Number.NaN, y: 0 } } }), {
      ok: false,
      error: 'savePositions.positions["a"] must be {x, y} with finite numbers',
    });
    assert.equal(parseWebviewMessage({ type: 'savePositions', positions: { a: { x: 1e12, y: 0 } } }).ok, false);
    assert.equal(parseWebviewMessage({ type: 'savePositions', positions: { ['x'.repeat(501)]: { x: 0, y: 0 } } }).ok, false);
    const tooMany = Object.fromEntries(Array.from({ length: MAX_SAVED_POSITIONS + 1 }, (_, i) => [`job-${i}`, { x: i, y: 0 }]));
    assert.deepEqual(parseWebviewMessage({ type: 'savePositions', positions: tooMany }), {
      ok: false,
      error: `savePositions.positions has more than ${MAX_SAVED_POSITIONS} entries`,
    });
  });
});

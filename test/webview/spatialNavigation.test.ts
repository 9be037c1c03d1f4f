// Where the arrow keys go, on hand-placed boxes (the rules are in keyboard/spatialNavigation.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstNode, nextNode, type NavigationBox } from '../../webview/src/keyboard/spatialNavigation';

const box = (id: string, x: number, y: number, extra: Partial<NavigationBox> = {}): NavigationBox => ({ id, x, y, width: 200, height: 60, ...extra });

// Two columns, and a third with one node:    a ─┬─> c ──> e
//                                            b  └─> d
const boxes = [box('a', 0, 0), box('b', 0, 100), box('c', 300, -20), box('d', 300, 120), box('e', 600, 140)];
const edges = [{ from: 'a', to: 'c' }, { from: 'a', to: 'd' }, { from: 'c', to: 'e' }];

describe('arrow-key navigation', () => {
  it('right follows an outgoing edge to the dependant closest in height', () => {
    assert.equal(nextNode(boxes, edges, 'a', 'right'), 'c');
    assert.equal(nextNode(boxes, edges, 'c', 'right'), 'e', 'the edge wins over the nearer node');
  });

  it('left follows an incoming edge; without one, the nearest node to the left', () => {
    assert.equal(nextNode(boxes, edges, 'e', 'left'), 'c');
    assert.equal(nextNode(boxes, edges, 'd', 'left'), 'a');
    assert.equal(nextNode(boxes, [], 'd', 'left'), 'b', 'nearest in line');
    assert.equal(nextNode(boxes, edges, 'a', 'left'), undefined, 'nothing further left');
  });

  it('right without an outgoing edge goes to the nearest node to the right', () => {
    assert.equal(nextNode(boxes, edges, 'b', 'right'), 'd');
    assert.equal(nextNode(boxes, edges, 'e', 'right'), undefined);
  });

  it('up and down stay in the column, then fall back to the nearest node that way', () => {
    assert.equal(nextNode(boxes, edges, 'a', 'down'), 'b');
    assert.equal(nextNode(boxes, edges, 'b', 'up'), 'a');
    assert.equal(nextNode(boxes, edges, 'c', 'down'), 'd');
    assert.equal(nextNode(boxes, edges, 'd', 'down'), 'e', 'nothing below in the column: nearest below');
    assert.equal(nextNode(boxes, edges, 'a', 'up'), 'c');
    assert.equal(nextNode(boxes, edges, 'c', 'up'), undefined);
  });

  it('a stage group is reached at its header: down from it enters its first job, up leaves it', () => {
    const stage = box('S', 0, 0, { width: 280, height: 300, group: true });
    const jobs = [box('S/one', 40, 60), box('S/two', 40, 160)];
    assert.equal(nextNode([stage, ...jobs], [], 'S', 'down'), 'S/one');
    assert.equal(nextNode([stage, ...jobs], [], 'S/one', 'up'), 'S');
    assert.equal(nextNode([stage, ...jobs], [], 'S/one', 'down'), 'S/two');
  });

  it('starts at the top-left node; an unknown node goes nowhere', () => {
    assert.equal(firstNode(boxes), 'a');
    assert.equal(firstNode([box('x', 0, 50), box('y', 300, 50)]), 'x');
    assert.equal(firstNode([]), undefined);
    assert.equal(nextNode(boxes, edges, 'nope', 'right'), undefined);
  });
});

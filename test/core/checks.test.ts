// Dialect-neutral graph checks: references to missing nodes, and dependency cycles.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkCycles, checkReferences } from '../../src/core/checks';
import type { GraphEdge, GraphNode } from '../../src/core/model';

function node(id: string, startLine: number): GraphNode {
  return { id, name: id, kind: 'other', role: 'job', marks: [], range: { startLine, endLine: startLine + 1 }, offsets: [0, 0] };
}

function edge(from: string, to: string, line?: number, column?: number): GraphEdge {
  return { from, to, implicit: line === undefined, ...(line !== undefined ? { line, column } : {}) };
}

const describeMissing = (e: GraphEdge) => `${e.to} needs ${e.from}`;

describe('checkReferences', () => {
  test('an edge from a missing node is marked unresolved and reported at its reference', () => {
    const edges = [edge('a', 'b', 4, 12), edge('ghost', 'b', 5, 9)];
    const problems = checkReferences([node('a', 1), node('b', 3)], edges, describeMissing);
    assert.deepEqual(problems, [{ message: 'b needs ghost', line: 5, column: 9, severity: 'error', source: 'reference' }]);
    assert.deepEqual(edges.map((e) => e.unresolved), [undefined, true]);
  });

  test('without a position the problem falls back to the dependent node start', () => {
    const problems = checkReferences([node('b', 7)], [edge('ghost', 'b')], describeMissing);
    assert.deepEqual(problems.map((p) => [p.line, p.column]), [[7, 1]]);
  });
});

describe('checkCycles', () => {
  test('no cycle, no problem, no marks', () => {
    const edges = [edge('a', 'b', 2, 1), edge('b', 'c', 3, 1), edge('a', 'c', 4, 1)];
    assert.deepEqual(checkCycles([node('a', 1), node('b', 2), node('c', 3)], edges), []);
    assert.ok(edges.every((e) => e.cyclic === undefined));
  });

  test('a three-node cycle is described from its first member in name order and marks only its edges', () => {
    const edges = [edge('c', 'a', 2, 5), edge('a', 'b', 4, 5), edge('b', 'c', 6, 5), edge('c', 'd', 8, 5)];
    const problems = checkCycles(['a', 'b', 'c', 'd'].map((id, i) => node(id, i * 2 + 1)), edges);
    assert.deepEqual(problems, [{ message: 'dependency cycle: a → b → c → a', line: 2, column: 5, severity: 'error', source: 'cycle' }]);
    assert.deepEqual(edges.map((e) => e.cyclic === true), [true, true, true, false]);
  });

  test('a self loop is a cycle of one', () => {
    const edges = [edge('a', 'a', 3, 10)];
    assert.deepEqual(checkCycles([node('a', 1)], edges).map((p) => [p.message, p.line, p.column]), [['dependency cycle: a → a', 3, 10]]);
    assert.equal(edges[0].cyclic, true);
  });

  test('two separate cycles are reported separately', () => {
    const edges = [edge('a', 'b', 1, 1), edge('b', 'a', 2, 1), edge('x', 'y', 3, 1), edge('y', 'x', 4, 1)];
    const messages = checkCycles(['a', 'b', 'x', 'y'].map((id) => node(id, 1)), edges).map((p) => p.message).sort();
    assert.deepEqual(messages, ['dependency cycle: a → b → a', 'dependency cycle: x → y → x']);
  });

  test('unresolved edges do not take part in cycles', () => {
    const edges = [edge('ghost', 'a', 1, 1)];
    edges[0].unresolved = true;
    assert.deepEqual(checkCycles([node('a', 1)], edges), []);
  });

  test('a long chain does not overflow the stack', () => {
    const count = 20000;
    const nodes = Array.from({ length: count }, (_, i) => node(`n${i}`, i + 1));
    const edges = nodes.slice(1).map((n, i) => edge(`n${i}`, n.id, i + 1, 1));
    edges.push(edge(`n${count - 1}`, 'n0', count, 1));
    const problems = checkCycles(nodes, edges);
    assert.equal(problems.length, 1);
    assert.ok(edges.every((e) => e.cyclic));
  });
});

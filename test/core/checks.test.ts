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

describe('checkCycles with lanes (edges to a later lane cannot close a cycle when none goes back)', () => {
  // A small deterministic generator (no Math.random: a failure must reproduce).
  function rng(seed: number): () => number {
    let s = seed >>> 0;
    return () => {
      s = (s * 1664525 + 1013904223) >>> 0;
      return s / 2 ** 32;
    };
  }

  function laneGraph(seed: number): { nodes: GraphNode[]; edges: () => GraphEdge[]; lanes: { id: string; name: string; implicit: boolean }[] } {
    const next = rng(seed);
    const lanes = ['build', 'test', 'deploy', 'verify'].map((id) => ({ id, name: id, implicit: false }));
    const nodes = Array.from({ length: 4 + Math.floor(next() * 10) }, (_, i) => ({ ...node(`j${i}`, i + 1), stage: lanes[Math.floor(next() * lanes.length)].id }));
    const rank = (id: string) => lanes.findIndex((l) => l.id === nodes.find((n) => n.id === id)!.stage);
    const pairs: [string, string][] = [];
    for (const a of nodes) for (const b of nodes) {
      const forward = rank(a.id) < rank(b.id);
      // Mostly stage-order edges; now and then one within a lane, one going back, or a self-loop.
      const p = forward ? 0.5 : rank(a.id) === rank(b.id) ? (a === b ? 0.02 : 0.12) : 0.04;
      if (next() < p) pairs.push([a.id, b.id]);
    }
    // Fresh edges per call: the check marks them.
    return { nodes, lanes, edges: () => pairs.map(([from, to], i) => edge(from, to, i % 3 === 0 ? i + 1 : undefined, 1)) };
  }

  test('gives the problems and marks the search over every edge gives, on 400 random graphs', () => {
    let withCycles = 0;
    let shortcut = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const g = laneGraph(seed);
      const all = g.edges();
      const byLanes = g.edges();
      const expected = checkCycles(g.nodes, all);
      const got = checkCycles(g.nodes, byLanes, g.lanes);
      assert.deepEqual(got, expected, `seed ${seed}`);
      assert.deepEqual(byLanes.map((e) => e.cyclic), all.map((e) => e.cyclic), `seed ${seed}: marks`);
      if (expected.length > 0) withCycles++;
      const rankOf = (id: string) => g.lanes.findIndex((l) => l.id === g.nodes.find((n) => n.id === id)!.stage);
      if (all.every((e) => rankOf(e.from) <= rankOf(e.to))) shortcut++;
    }
    // Both paths are exercised: graphs with cycles and graphs the lanes answer alone.
    assert.ok(withCycles > 50 && withCycles < 350, `${withCycles} of 400 have a cycle`);
    assert.ok(shortcut > 50, `${shortcut} of 400 have no edge going back`);
  });

  test('a cycle within one lane is still found when every other edge goes forward', () => {
    const lanes = [{ id: 'build', name: 'build', implicit: false }, { id: 'test', name: 'test', implicit: false }];
    const nodes = [{ ...node('a', 1), stage: 'build' }, { ...node('b', 3), stage: 'test' }, { ...node('c', 5), stage: 'test' }];
    const edges = [edge('a', 'b'), edge('a', 'c'), edge('b', 'c', 6, 5), edge('c', 'b', 4, 5)];
    const problems = checkCycles(nodes, edges, lanes);
    assert.deepEqual(problems.map((p) => p.message), ['dependency cycle: b → c → b']);
    assert.deepEqual(edges.map((e) => e.cyclic === true), [false, false, true, true]);
  });
});

// The webview's pure state modules in Node: document versions, host message checks, saved state,
// edge bookkeeping and which nodes get flagged.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyDocument, EMPTY_VIEW } from '../../webview/src/documentState';
import { flaggedNodes, unresolvedSeverity } from '../../webview/src/flow/nodeFlags';
import { missingDependencyIds, uniqueEdges } from '../../webview/src/graph/edges';
import { parseHostMessage } from '../../webview/src/hostMessages';
import { readPersistedState } from '../../webview/src/persistedState';
import { brokenReferencesGraph, edge, githubGraph, gitlabGraph, syntaxErrorGraph } from './graphFixtures';

const doc = (version: number, graph = githubGraph(), syntaxError = false) =>
  ({ type: 'document', version, fileName: 'ci.yml', graph, syntaxError }) as const;

describe('applyDocument', () => {
  it('shows a parsed graph, keeps it (stale) through a syntax error, and drops older versions', () => {
    const v1 = applyDocument(EMPTY_VIEW, doc(1))!;
    assert.equal(v1.graph?.title, 'Release');
    assert.equal(v1.stale, false);
    const broken = syntaxErrorGraph(4, 2);
    const v2 = applyDocument(v1, doc(2, broken, true))!;
    assert.equal(v2.graph, v1.graph);
    assert.equal(v2.stale, true);
    assert.deepEqual(v2.problems, broken.problems);
    assert.equal(applyDocument(v2, doc(1)), undefined);
    const v3 = applyDocument(v2, doc(3, gitlabGraph()))!;
    assert.equal(v3.graph?.dialect, 'gitlab');
    assert.equal(v3.stale, false);
  });

  it('treats a graph with syntax problems as broken even when the flag says otherwise', () => {
    const view = applyDocument(EMPTY_VIEW, doc(1, syntaxErrorGraph(1, 1), false))!;
    assert.equal(view.graph, undefined);
    assert.equal(view.stale, true);
  });
});

describe('parseHostMessage', () => {
  it('accepts the two host messages', () => {
    assert.deepEqual(parseHostMessage({ type: 'select', nodeIds: ['a'] }), { ok: true, message: { type: 'select', nodeIds: ['a'] } });
    const check = parseHostMessage(doc(3));
    assert.ok(check.ok && check.message.type === 'document' && check.message.version === 3);
  });

  it('passes on what an edit result says: the reason, a cancellation, the reconnected stages', () => {
    const reconnected = [{ stage: 'production', waitsFor: ['staging'] }];
    assert.deepEqual(parseHostMessage({ type: 'editResult', requestId: 'r1', ok: true, reconnected }), {
      ok: true,
      message: { type: 'editResult', requestId: 'r1', ok: true, reconnected },
    });
    assert.deepEqual(parseHostMessage({ type: 'editResult', requestId: 'r2', ok: false, reason: 'cancelled', cancelled: true }), {
      ok: true,
      message: { type: 'editResult', requestId: 'r2', ok: false, reason: 'cancelled', cancelled: true },
    });
    assert.deepEqual(parseHostMessage({ type: 'editResult', requestId: 'r3', ok: true, reconnected: [{ stage: 'a', waitsFor: 'b' }] }), {
      ok: false,
      error: 'editResult.reconnected must be a list of {stage, waitsFor: [ids]}',
    });
    assert.deepEqual(parseHostMessage({ type: 'editResult', requestId: 'r4', ok: false, cancelled: 'yes' }), { ok: false, error: 'editResult.cancelled must be a boolean' });
  });

  it('names what is wrong with a malformed message', () => {
    assert.deepEqual(parseHostMessage(null), { ok: false, error: 'message is not an object' });
    assert.deepEqual(parseHostMessage({ type: 'select', nodeIds: 'a' }), { ok: false, error: 'select.nodeIds must be a list of strings' });
    const graph = { ...githubGraph(), nodes: [{ id: 'a', name: 'a' }] };
    assert.deepEqual(parseHostMessage({ ...doc(1), graph }), { ok: false, error: 'document.graph: every node needs string id, name and kind' });
    assert.deepEqual(parseHostMessage({ type: 'reload' }), { ok: false, error: 'unknown message type "reload"' });
  });
});

describe('readPersistedState', () => {
  it('round-trips what the app saves and rejects what it did not', () => {
    const saved = { schema: 1, view: applyDocument(EMPTY_VIEW, doc(2))!, selection: ['build'], viewport: { x: 1, y: 2, zoom: 0.5 } };
    assert.deepEqual(readPersistedState(JSON.parse(JSON.stringify(saved))), saved);
    assert.equal(readPersistedState({ ...saved, schema: 2 }), undefined);
    assert.equal(readPersistedState(undefined), undefined);
    assert.equal(readPersistedState({ ...saved, view: { ...saved.view, graph: { nodes: 'x' } } }), undefined);
    const withoutViewport = readPersistedState({ ...saved, viewport: { x: 1, y: 2, zoom: 0 } });
    assert.equal(withoutViewport?.viewport, undefined);
  });
});

describe('edges and flags', () => {
  it('keeps one edge per pair, preferring the explicit one and keeping flags', () => {
    const graph = githubGraph();
    graph.edges.push(edge('build', 'unit', { implicit: true, cyclic: true }));
    const unique = uniqueEdges(graph);
    assert.equal(unique.length, githubGraph().edges.length);
    const buildUnit = unique.find((e) => e.from === 'build' && e.to === 'unit')!;
    assert.equal(buildUnit.implicit, false);
    assert.equal(buildUnit.cyclic, true);
  });

  it('finds missing dependencies and flags the nodes that problems and cycles point at', () => {
    const graph = brokenReferencesGraph();
    assert.deepEqual(missingDependencyIds(graph), ['compile']);
    const flags = flaggedNodes(graph, uniqueEdges(graph));
    assert.deepEqual([...flags.keys()].sort(), ['a', 'c', 'deploy']);
    assert.ok(flags.get('deploy')!.reasons.some((f) => f.includes('"compile"')));
    assert.deepEqual([...flags.values()].map((f) => f.severity), ['error', 'error', 'error']);
  });

  it('a reference to a name that may be defined in another file flags its node as a warning; an error beside it wins', () => {
    const graph = brokenReferencesGraph();
    graph.problems[0] = { ...graph.problems[0], severity: 'warning', message: `${graph.problems[0].message} (it may come from an included file)` };
    const flags = flaggedNodes(graph, uniqueEdges(graph));
    // Said once, in the builder's words (the dangling edge is the same reference).
    assert.deepEqual(flags.get('deploy'), {
      reasons: ['"deploy" depends on "compile", which is not defined in this file (it may come from an included file)'],
      severity: 'warning',
    });
    assert.equal(unresolvedSeverity(graph)(graph.edges[3]), 'warning');
    // The same reference in another file of a composed pipeline is not this one.
    assert.equal(unresolvedSeverity(graph)({ ...graph.edges[3], file: 'ci/other.yml' }), 'error');
    graph.problems.push({ message: 'another problem', line: 13, column: 3, severity: 'error', source: 'reference' });
    assert.equal(flaggedNodes(graph, uniqueEdges(graph)).get('deploy')!.severity, 'error');
    // A dangling edge no problem speaks for is flagged on its own, as an error.
    graph.problems = [];
    assert.deepEqual(flaggedNodes(graph, uniqueEdges(graph)).get('deploy'), { reasons: ['depends on "compile", which is not defined'], severity: 'error' });
  });

  it('a problem in another file of a composed pipeline flags the node in that file, not the root node on the same line', () => {
    const graph = brokenReferencesGraph();
    graph.nodes.push({ ...graph.nodes[1], id: 'elsewhere', name: 'elsewhere', file: 'ci/jobs.yml', range: { startLine: 13, endLine: 15 } });
    graph.problems = [{ message: 'x', line: 14, column: 3, severity: 'error', source: 'reference', file: 'ci/jobs.yml' }];
    graph.edges = [];
    assert.deepEqual([...flaggedNodes(graph, []).keys()], ['elsewhere']);
  });
});

// Looking things up in a graph under test, with a failure that lists what is there instead.
import assert from 'node:assert/strict';
import type { GraphNode, PipelineGraph } from '../../src/core/model';

export function nodeOf(graph: PipelineGraph, id: string): GraphNode {
  const node = graph.nodes.find((n) => n.id === id);
  assert.ok(node, `no node "${id}" in ${graph.nodes.map((n) => n.id).join(', ')}`);
  return node;
}

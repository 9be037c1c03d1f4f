// Real multi-file Azure and GitHub repositories (test/fixtures/repos, see SOURCE.md) against
// hand-derived node sets: `pipewright graph`'s composition from the repository's own files.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { projectFilesAt } from '../../src/cli/projectFiles';
import { composeGraph } from '../../src/core/compose/composeGraph';
import type { Dialect, GraphNode } from '../../src/core/model';
import { parsePipeline } from '../../src/core/parse';
import { repoRoot } from '../helpers/corpus';

const REPOS = join(repoRoot, 'test', 'fixtures', 'repos');

interface Expected {
  dialect: Dialect;
  root: string;
  /** `id`, then ` file=…` when not the root file, then ` [marks]`. */
  nodes: string[];
  /** Display names worth checking (GitHub's "caller / job", Azure's displayName). */
  names: Record<string, string>;
  lanes: string[];
  edges: string[];
  errors: string[];
}

const fixtures = readdirSync(REPOS).flatMap((name) => {
  try {
    const expected = JSON.parse(readFileSync(join(REPOS, name, 'expected.json'), 'utf8')) as Expected;
    return expected.dialect === 'azure' || expected.dialect === 'github' ? [{ name, expected }] : [];
  } catch {
    return [];
  }
});

const describeNode = (n: GraphNode) => `${n.id}${n.file !== undefined ? ` file=${n.file}` : ''}${n.marks.length > 0 ? ` [${n.marks.join(',')}]` : ''}`;

/** Where a node's text starts in its file: the key GitHub and Azure name a job or stage by. */
const OWN_KEY = /^(stage|job|deployment|template|[A-Za-z_][\w-]*):/;

describe('composed Azure and GitHub repositories', () => {
  test('at least two of each', () => {
    for (const dialect of ['azure', 'github']) assert.ok(fixtures.filter((f) => f.expected.dialect === dialect).length >= 2, dialect);
  });

  for (const { name, expected } of fixtures) {
    test(name, () => {
      const dir = join(REPOS, name);
      const text = readFileSync(join(dir, expected.root), 'utf8');
      const alone = parsePipeline(text, { dialect: expected.dialect });
      const graph = composeGraph(expected.dialect, expected.root, text, projectFilesAt(dir));
      assert.notDeepEqual(graph.nodes.map(describeNode), alone.nodes.map(describeNode), 'composing adds what the root alone cannot show');
      assert.deepEqual(graph.nodes.map(describeNode), expected.nodes);
      for (const [id, title] of Object.entries(expected.names)) assert.equal(graph.nodes.find((n) => n.id === id)?.name, title, id);
      assert.deepEqual(graph.lanes.map((l) => l.id), expected.lanes);
      assert.deepEqual(graph.edges.map((e) => `${e.from} -> ${e.to}`).sort(), [...expected.edges].sort());
      assert.deepEqual(graph.problems.filter((p) => p.severity === 'error').map((p) => p.message), expected.errors);
      // Each node's range is its own text in its own file.
      for (const node of graph.nodes) {
        const own = readFileSync(join(dir, node.file ?? expected.root), 'utf8');
        assert.match(own.slice(node.offsets[0]), OWN_KEY, `${node.id} in ${node.file ?? expected.root}`);
        const lines = own.slice(0, node.offsets[0]).split('\n').length;
        assert.equal(node.range.startLine, lines, `${node.id}: range and offsets agree`);
      }
    });
  }
});

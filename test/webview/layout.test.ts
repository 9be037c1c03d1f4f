// The layout module runs in plain Node: graph in, boxes out.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PipelineGraph } from '../../src/core/model';
import { layoutGraph } from '../../webview/src/layout/layoutGraph';
import type { LayoutBox } from '../../webview/src/layout/types';
import { azureGraph, brokenReferencesGraph, githubGraph, gitlabGraph } from './graphFixtures';

function boxById(boxes: LayoutBox[]): Map<string, LayoutBox> {
  return new Map(boxes.map((b) => [b.id, b]));
}

function overlaps(a: LayoutBox, b: LayoutBox): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function assertNoOverlaps(boxes: LayoutBox[]): void {
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      assert.ok(!overlaps(boxes[i], boxes[j]), `${boxes[i].id} overlaps ${boxes[j].id}`);
    }
  }
}

function assertEdgesPointRight(graph: PipelineGraph, boxes: Map<string, LayoutBox>): void {
  for (const e of graph.edges) {
    if (e.cyclic) continue;
    const from = boxes.get(e.from)!;
    const to = boxes.get(e.to)!;
    assert.ok(from.x + from.width <= to.x, `${e.from} should be left of ${e.to} (${from.x}+${from.width} vs ${to.x})`);
  }
}

describe('layoutGraph', () => {
  it('is deterministic for every dialect', () => {
    for (const make of [githubGraph, gitlabGraph, azureGraph, brokenReferencesGraph]) {
      assert.deepEqual(layoutGraph(make()), layoutGraph(make()));
    }
  });

  it('GitHub: every dependency sits left of its dependant, no boxes overlap', () => {
    const graph = githubGraph();
    const layout = layoutGraph(graph);
    assert.deepEqual(layout.nodes.map((b) => b.id), graph.nodes.map((n) => n.id));
    assert.equal(layout.lanes.length, 0);
    assertEdgesPointRight(graph, boxById(layout.nodes));
    assertNoOverlaps(layout.nodes);
  });

  it('GitLab: lanes follow the stage order, empty implicit lanes are left out, jobs sit in their lane', () => {
    const graph = gitlabGraph();
    const layout = layoutGraph(graph);
    assert.deepEqual(layout.lanes.map((l) => l.id), ['.pre', 'build', 'test', 'deploy']);
    for (let i = 1; i < layout.lanes.length; i++) {
      const previous = layout.lanes[i - 1];
      assert.ok(previous.x + previous.width <= layout.lanes[i].x, `lane ${layout.lanes[i].id} after ${previous.id}`);
    }
    const lanes = boxById(layout.lanes);
    const boxes = boxById(layout.nodes);
    for (const node of graph.nodes) {
      const lane = lanes.get(node.stage!)!;
      const box = boxes.get(node.id)!;
      assert.ok(box.x >= lane.x && box.x + box.width <= lane.x + lane.width, `${node.id} inside lane ${lane.id}`);
      assert.ok(box.y >= lane.y && box.y + box.height <= lane.y + lane.height, `${node.id} within lane height`);
    }
    // `package` needs `compile` in the same stage: it gets a sub-column to the right.
    assertEdgesPointRight(graph, boxes);
    assertNoOverlaps(layout.nodes);
  });

  it('GitLab: a stage that only the jobs name still gets a lane, after the declared ones', () => {
    const graph = gitlabGraph();
    graph.nodes.push({ ...graph.nodes[1], id: 'docs', name: 'docs', stage: 'pages' });
    const layout = layoutGraph(graph);
    assert.deepEqual(layout.lanes.map((l) => l.id), ['.pre', 'build', 'test', 'deploy', 'pages']);
  });

  it('Azure: jobs sit inside their stage box, stages run left to right, groups precede children', () => {
    const graph = azureGraph();
    const layout = layoutGraph(graph);
    const boxes = boxById(layout.nodes);
    for (const node of graph.nodes.filter((n) => n.role === 'job')) {
      const box = boxes.get(node.id)!;
      const stage = boxes.get(node.stage!)!;
      assert.equal(box.parentId, node.stage);
      assert.ok(box.x >= stage.x && box.x + box.width <= stage.x + stage.width, `${node.id} inside ${stage.id} horizontally`);
      assert.ok(box.y > stage.y && box.y + box.height <= stage.y + stage.height, `${node.id} inside ${stage.id} vertically`);
      assert.ok(layout.nodes.indexOf(stage) < layout.nodes.indexOf(box), `${stage.id} listed before ${node.id}`);
    }
    const stages = layout.nodes.filter((b) => b.parentId === undefined);
    assert.deepEqual(stages.map((s) => s.id), ['Build', 'Test', 'Prod']);
    assertNoOverlaps(stages);
    assertEdgesPointRight(graph, boxes);
  });

  it('places a ghost box for a missing dependency, left of the job that needs it', () => {
    const graph = brokenReferencesGraph();
    const layout = layoutGraph(graph);
    assert.deepEqual(layout.ghosts.map((g) => g.id), ['compile']);
    const ghost = layout.ghosts[0];
    const deploy = boxById(layout.nodes).get('deploy')!;
    assert.ok(ghost.x + ghost.width <= deploy.x);
    assertNoOverlaps([...layout.nodes, ...layout.ghosts]);
  });

  it('lays out an empty graph as nothing', () => {
    const layout = layoutGraph({ ...githubGraph(), nodes: [], edges: [] });
    assert.deepEqual(layout, { nodes: [], ghosts: [], lanes: [] });
  });
});

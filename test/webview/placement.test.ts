// Where nodes go once the user has moved some (placeNodes), what a drop means (dropOutcome and,
// for palette templates, canvasPlacement), and the first view (firstViewport): the pure parts of
// dragging, in Node.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { planOperation } from '../../src/core/edit/plan';
import type { PipelineGraph } from '../../src/core/model';
import { parsePipeline } from '../../src/core/parse';
import { layoutGraph } from '../../webview/src/layout/layoutGraph';
import { canvasPlacement, placementCaption, promisedOutcome } from '../../webview/src/palette/canvasPlacement';
import { addStageOperation, placeableRole } from '../../webview/src/palette/dropRules';
import { ROW_SLACK } from '../../webview/src/palette/dropHitTest';
import type { GraphLayout, LayoutBox } from '../../webview/src/layout/types';
import { dropOutcome } from '../../webview/src/positions/dropOutcome';
import { placeNodes } from '../../webview/src/positions/placeNodes';
import { firstViewport, layoutBounds, READABLE_ZOOM } from '../../webview/src/viewport/firstViewport';
import { edge, githubGraph, gitlabGraph, job } from './graphFixtures';
import { azurePipeline } from './pipelineYaml';

const boxOf = (layout: GraphLayout, id: string): LayoutBox => layout.nodes.find((b) => b.id === id)!;

function chain(ids: string[]): PipelineGraph {
  const graph = githubGraph();
  graph.nodes = ids.map((id) => job(id));
  graph.edges = ids.slice(1).map((id, i) => edge(ids[i], id));
  return graph;
}

describe('placeNodes', () => {
  it('returns the layout itself when nothing was moved', () => {
    const graph = githubGraph();
    const layout = layoutGraph(graph);
    assert.equal(placeNodes(graph, layout, {}), layout);
  });

  it('puts moved nodes where they were dropped and shifts an unplaced neighbour with them', () => {
    const graph = chain(['a', 'b', 'c']);
    const auto = layoutGraph(graph);
    const placed = placeNodes(graph, auto, { b: { x: boxOf(auto, 'b').x + 50, y: boxOf(auto, 'b').y + 300 } });
    assert.deepEqual({ x: boxOf(placed, 'b').x, y: boxOf(placed, 'b').y }, { x: boxOf(auto, 'b').x + 50, y: boxOf(auto, 'b').y + 300 });
    // a and c each have one neighbour, b: both follow it.
    for (const id of ['a', 'c']) {
      assert.deepEqual({ x: boxOf(placed, id).x, y: boxOf(placed, id).y }, { x: boxOf(auto, id).x + 50, y: boxOf(auto, id).y + 300 }, id);
    }
  });

  it('steps a node without a saved position out from under one the user dropped on it', () => {
    const graph = githubGraph();
    graph.nodes = [job('a'), job('b')];
    graph.edges = [];
    const auto = layoutGraph(graph);
    const a = boxOf(auto, 'a');
    const placed = placeNodes(graph, auto, { b: { x: a.x + 10, y: a.y + 5 } });
    const b = boxOf(placed, 'b');
    assert.equal(boxOf(placed, 'a').x, a.x);
    assert.ok(boxOf(placed, 'a').y >= b.y + b.height, 'a moved below b');
  });

  it('keeps GitLab jobs inside their lane and ignores a saved position in another lane', () => {
    const graph = gitlabGraph();
    const auto = layoutGraph(graph);
    const testLane = auto.lanes.find((l) => l.id === 'test')!;
    const unit = boxOf(auto, 'unit');
    const inLane = placeNodes(graph, auto, { unit: { x: testLane.x - 30, y: unit.y + 400 } });
    assert.equal(boxOf(inLane, 'unit').x, testLane.x, 'clamped to the lane');
    assert.equal(boxOf(inLane, 'unit').y, unit.y + 400);
    assert.ok(inLane.lanes.every((l) => l.height >= unit.y + 400 + unit.height), 'lanes reach below the moved job');
    const deployLane = auto.lanes.find((l) => l.id === 'deploy')!;
    const elsewhere = placeNodes(graph, auto, { unit: { x: deployLane.x + 30, y: unit.y } });
    assert.deepEqual(boxOf(elsewhere, 'unit'), unit, 'a position in another lane is not used');
  });

  it('moves an Azure stage with its jobs, and grows it around a job dragged further inside', () => {
    const graph = azurePipeline();
    const auto = layoutGraph(graph);
    const stage = boxOf(auto, 'Test');
    const child = auto.nodes.find((b) => b.parentId === 'Test')!;
    const relative = { x: child.x - stage.x, y: child.y - stage.y };
    const moved = placeNodes(graph, auto, { Test: { x: stage.x, y: stage.y + 200 }, [child.id]: { x: relative.x, y: relative.y + 150 } });
    const movedStage = boxOf(moved, 'Test');
    const movedChild = boxOf(moved, child.id);
    assert.equal(movedStage.y, stage.y + 200);
    assert.deepEqual({ x: movedChild.x - movedStage.x, y: movedChild.y - movedStage.y }, { x: relative.x, y: relative.y + 150 });
    assert.ok(movedStage.height >= relative.y + 150 + child.height, 'the stage holds its job');
  });
});

describe('dropOutcome', () => {
  it('keeps flat jobs anywhere, keeps lane jobs in their lane and names the lane they were dropped in', () => {
    const flat = githubGraph();
    assert.deepEqual(dropOutcome(flat, layoutGraph(flat), 'build', { x: -5000, y: 9000 }), { kind: 'keep' });
    const graph = gitlabGraph();
    const layout = layoutGraph(graph);
    const unit = boxOf(layout, 'unit');
    const deployLane = layout.lanes.find((l) => l.id === 'deploy')!;
    assert.deepEqual(dropOutcome(graph, layout, 'unit', { x: unit.x, y: unit.y + 100 }), { kind: 'keep' });
    assert.deepEqual(dropOutcome(graph, layout, 'unit', { x: deployLane.x, y: unit.y }), { kind: 'otherStage', fromStage: 'test', toStage: 'deploy' });
    assert.deepEqual(dropOutcome(graph, layout, 'unit', { x: -1000, y: unit.y }), { kind: 'back' });
  });

  it('tells an Azure job dropped in its own stage, another stage, or outside every stage', () => {
    const graph = azurePipeline();
    const layout = layoutGraph(graph);
    const child = layout.nodes.find((b) => b.parentId === 'Build')!;
    const own = boxOf(layout, 'Build');
    const test = boxOf(layout, 'Test');
    const relative = { x: child.x - own.x, y: child.y - own.y };
    assert.deepEqual(dropOutcome(graph, layout, child.id, relative), { kind: 'keep' });
    const intoTest = { x: test.x - own.x + 20, y: test.y - own.y + 40 };
    assert.deepEqual(dropOutcome(graph, layout, child.id, intoTest), { kind: 'otherStage', fromStage: 'Build', toStage: 'Test' });
    assert.deepEqual(dropOutcome(graph, layout, child.id, { x: relative.x, y: 5000 }), { kind: 'back' });
  });
});

describe('firstViewport', () => {
  const pane = { width: 600, height: 400 };

  it('fits a graph that fits at a readable size, centred, never enlarged', () => {
    const small = firstViewport({ x: 0, y: 0, width: 300, height: 100 }, pane);
    assert.equal(small.zoom, 1);
    assert.deepEqual({ x: small.x, y: small.y }, { x: 150, y: 150 });
    const wide = firstViewport({ x: 0, y: 0, width: 580, height: 100 }, pane);
    assert.ok(wide.zoom < 1 && wide.zoom >= READABLE_ZOOM);
    assert.equal(Math.round(wide.x + 580 * wide.zoom + wide.x), 600, 'centred');
  });

  it('stops at the readable zoom for a long chain and shows its start at the left', () => {
    const graph = chain(Array.from({ length: 30 }, (_, i) => `step-${i}`));
    const extent = layoutBounds(layoutGraph(graph))!;
    const view = firstViewport(extent.bounds, pane, extent.start);
    assert.equal(view.zoom, READABLE_ZOOM);
    assert.equal(view.x + extent.start.x * view.zoom, 24, 'the first job sits at the left edge, after the padding');
    const startTop = view.y + extent.start.y * view.zoom;
    assert.ok(startTop >= 0 && startTop + extent.start.height * view.zoom <= pane.height, 'the first job is in view');
  });
});

describe('a template dropped on empty canvas', () => {
  const samples = join(__dirname, '..', '..', 'samples');
  const SAMPLES = {
    github: join('.github', 'workflows', 'deploy.yml'),
    gitlab: '.gitlab-ci.yml',
    azure: 'azure-pipelines.yml',
  } as const;

  /**
   * Drops Notify at `point` on the sample's layout, as the designer would, applies the edit
   * with the engine, and checks the caption's promise against the new graph: the new stage
   * waits for exactly what was promised, sits in the promised GitLab stage, and is laid out on
   * the drop's side of what it waits for. Returns the caption.
   */
  /** The sample's laid-out box of a stage, by id. */
  function sampleBox(dialect: keyof typeof SAMPLES): (id: string) => LayoutBox {
    const text = readFileSync(join(samples, SAMPLES[dialect]), 'utf8');
    const layout = layoutGraph(parsePipeline(text, { fileName: SAMPLES[dialect] }));
    return (id) => {
      const found = layout.nodes.find((b) => b.id === id);
      assert.ok(found, `the sample has a stage ${id}`);
      return found;
    };
  }

  function dropNotify(dialect: keyof typeof SAMPLES, point: { x: number; y: number }): string {
    const text = readFileSync(join(samples, SAMPLES[dialect]), 'utf8');
    const graph = parsePipeline(text, { fileName: SAMPLES[dialect] });
    const layout = layoutGraph(graph);
    const role = placeableRole(graph);
    const boxes = layout.nodes.filter((b) => graph.nodes.find((n) => n.id === b.id)?.role === role);
    const placement = canvasPlacement(graph, boxes, layout.lanes, point);
    const promise = promisedOutcome(graph, placement);
    assert.ok(promise, `a promise for ${JSON.stringify(placement)}`);
    const gesture = addStageOperation(graph, 'notify', placement);
    assert.ok(gesture.ok, gesture.ok ? '' : gesture.reason);
    const op = gesture.value;
    assert.equal(op.op, 'addStage');
    if (op.op !== 'addStage') return '';
    const result = planOperation(text, op, { fileName: SAMPLES[dialect] });
    assert.ok(result.ok, result.ok ? '' : result.reason);
    const after = result.graph;
    const waits = after.edges.filter((e) => e.to === op.id).map((e) => e.from);
    assert.deepEqual([...new Set(waits)].sort(), [...promise.waitsFor].sort(), `what ${op.id} waits for`);
    const added = after.nodes.find((n) => n.id === op.id)!;
    if (promise.lane !== undefined) assert.equal(added.stage, promise.lane);
    // Drawn where the drop said: right of what it waits for, left of a stage it goes before, in the lane dropped in.
    const laidOut = layoutGraph(after);
    const boxOfId = (id: string) => laidOut.nodes.find((b) => b.id === id)!;
    const box = boxOfId(op.id);
    for (const id of promise.waitsFor) assert.ok(box.x >= boxOfId(id).x + boxOfId(id).width, `${op.id} is drawn right of ${id}`);
    if (placement.before !== undefined) assert.ok(box.x + box.width <= boxOfId(placement.before).x, `${op.id} is drawn left of ${placement.before}`);
    if (promise.lane !== undefined) {
      const lane = laidOut.lanes.find((l) => l.id === promise.lane)!;
      assert.ok(box.x >= lane.x && box.x + box.width <= lane.x + lane.width, `${op.id} is drawn in the lane ${promise.lane}`);
    }
    return placementCaption(graph, '“Notify”', placement);
  }

  it('GitHub: right of the last stage, in a row, between columns, below, and left of everything', () => {
    // Points from the sample's own layout, so a change of node sizes moves them along.
    const box = sampleBox('github');
    const rightOfAll = Math.max(...['rollback', 'verify', 'production'].map((id) => box(id).x + box(id).width)) + 60;
    const bottom = Math.max(...['build', 'test', 'staging', 'approve', 'production', 'verify', 'rollback'].map((id) => box(id).y + box(id).height));
    // A height inside verify's row and outside rollback's, the stage right of it (a row reaches
    // ROW_SLACK beyond its box, above and below).
    const row = (id: string) => [box(id).y - ROW_SLACK, box(id).y + box(id).height + ROW_SLACK] as const;
    const inRow = (id: string, y: number) => y >= row(id)[0] && y <= row(id)[1];
    const [verifyTop, verifyBottom] = row('verify');
    const [rollbackTop, rollbackBottom] = row('rollback');
    const verifyOnly = verifyTop < rollbackTop ? (verifyTop + rollbackTop) / 2 : (rollbackBottom + verifyBottom) / 2;
    assert.ok(inRow('verify', verifyOnly) && !inRow('rollback', verifyOnly), 'a height in verify\'s row only');
    const betweenTestAndStaging = (box('test').x + box('test').width + box('staging').x) / 2;
    assert.equal(dropNotify('github', { x: rightOfAll, y: bottom + 100 }), 'Add “Notify” after “rollback”', 'right of the last stage, below its row');
    assert.equal(dropNotify('github', { x: rightOfAll, y: verifyOnly }), 'Add “Notify” after “verify”', 'right of everything, in verify\'s row only');
    assert.equal(dropNotify('github', { x: betweenTestAndStaging, y: bottom + 150 }), 'Add “Notify” after “test”', 'between two columns, in no row');
    assert.equal(dropNotify('github', { x: box('production').x + box('production').width / 2, y: bottom + 300 }), 'Add “Notify” after “approve”', 'below the graph, in production\'s column');
    assert.equal(dropNotify('github', { x: box('build').x - 200, y: box('build').y + 20 }), 'Add “Notify” at the start (it waits for nothing)', 'left of everything');
  });

  it('GitLab: the lane column decides the stage; beside a job of it, the job; elsewhere the stage order', () => {
    // Lanes: build 0, test 320, staging 640, production 960, verify 1280 (288 wide).
    assert.equal(dropNotify('gitlab', { x: 450, y: 500 }), 'Add “Notify” in stage “test” after “build”', 'below the jobs of test');
    assert.equal(dropNotify('gitlab', { x: 800, y: 500 }), 'Add “Notify” in stage “staging” after every job of stage “test”');
    const unitTests = sampleBox('gitlab')('unit-tests');
    assert.equal(
      dropNotify('gitlab', { x: unitTests.x + unitTests.width + 12, y: unitTests.y + unitTests.height / 2 }),
      'Add “Notify” in stage “test” after “unit-tests”',
      'in unit-tests\'s row, right of it',
    );
    const check = sampleBox('gitlab')('performance-check');
    assert.equal(dropNotify('gitlab', { x: check.x + check.width + 12, y: check.y + check.height / 2 }), 'Add “Notify” in stage “verify” after “performance-check”');
    assert.equal(dropNotify('gitlab', { x: 1700, y: 400 }), 'Add “Notify” in stage “verify” after “deploy-production”', 'right of every lane, in no row: the last lane, after the stage before it');
    assert.equal(dropNotify('gitlab', { x: 100, y: 400 }), 'Add “Notify” in stage “build” (it waits for nothing)');
  });

  it('Azure: between stage groups, after the last one, and before the first', () => {
    // Stages: Build 0, Staging 362, Approval 724, Production 1086 (272 wide).
    assert.equal(dropNotify('azure', { x: 1500, y: 300 }), 'Add “Notify” after “Production”', 'right of the last stage, below it');
    assert.equal(dropNotify('azure', { x: 680, y: 300 }), 'Add “Notify” after “Staging”', 'between two stages, below them');
    assert.equal(dropNotify('azure', { x: 1040, y: 80 }), 'Add “Notify” after “Approval”', 'between two stages, in a row');
    assert.equal(dropNotify('azure', { x: -150, y: 60 }), 'Add “Notify” at the start, before “Build”', 'left of everything');
  });
});

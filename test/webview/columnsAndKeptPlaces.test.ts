// How the layout puts jobs in columns (setting pipewright.designer.columns) and how an edit keeps
// the nodes it did not touch in place (positions/keptPlaces.ts, applied by placeNodes). Pure.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PipelineGraph } from '../../src/core/model';
import { parsePipeline } from '../../src/core/parse';
import { layoutGraph } from '../../webview/src/layout/layoutGraph';
import type { GraphLayout, LayoutBox } from '../../webview/src/layout/types';
import { keptPlaces } from '../../webview/src/positions/keptPlaces';
import { placeNodes } from '../../webview/src/positions/placeNodes';

const github = (jobs: string) => parsePipeline(`on: push\njobs:\n${jobs}`, { dialect: 'github' });
const box = (layout: GraphLayout, id: string): LayoutBox => layout.nodes.find((b) => b.id === id)!;

// `lint` needs nothing and nothing but `deploy` waits for it, three columns later.
const FAN_JOBS = `  build: {runs-on: x, steps: [{run: a}]}
  test: {runs-on: x, needs: build, steps: [{run: a}]}
  package: {runs-on: x, needs: test, steps: [{run: a}]}
  lint: {runs-on: x, steps: [{run: a}]}
  deploy: {runs-on: x, needs: [package, lint], steps: [{run: a}]}
`;
const FAN = github(FAN_JOBS);

describe('columns', () => {
  it("'needs': a job one column after the last job it needs; jobs that need nothing in the first column", () => {
    const layout = layoutGraph(FAN, 'needs');
    const x = (id: string) => box(layout, id).x;
    assert.equal(x('build'), 0);
    assert.equal(x('lint'), 0, 'lint needs nothing: first column, as GitHub draws it');
    assert.ok(x('build') < x('test') && x('test') < x('package') && x('package') < x('deploy'));
  });

  it("'compact' (dagre's network simplex) moves a job nothing else waits for next to what needs it", () => {
    const layout = layoutGraph(FAN, 'compact');
    assert.equal(box(layout, 'lint').x, box(layout, 'package').x, 'lint is drawn in the column right before deploy');
  });

  it('both rules keep every dependency left of its dependant, in every dialect-shaped layout', () => {
    for (const columns of ['needs', 'compact'] as const) {
      const layout = layoutGraph(FAN, columns);
      for (const e of FAN.edges) assert.ok(box(layout, e.from).x + box(layout, e.from).width <= box(layout, e.to).x, `${columns}: ${e.from} → ${e.to}`);
    }
  });
});

/** The drawing after a change: the new graph's layout with the previous drawing's places kept. */
function redraw(before: PipelineGraph, after: PipelineGraph): GraphLayout {
  const drawn = placeNodes(before, layoutGraph(before), {});
  return placeNodes(after, layoutGraph(after), keptPlaces(before, drawn, after));
}

function overlapping(layout: GraphLayout): string[] {
  const all = [...layout.nodes, ...layout.ghosts];
  const out: string[] = [];
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      const [a, b] = [all[i], all[j]];
      if (a.parentId !== b.id && b.parentId !== a.id && a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) out.push(`${a.id}/${b.id}`);
    }
  }
  return out;
}

describe('an edit keeps the nodes it did not touch in place', () => {
  it('GitHub: a new dependency moves only the job that gained it, next to what it now needs', () => {
    const after = github(`  build: {runs-on: x, steps: [{run: a}]}
  test: {runs-on: x, needs: build, steps: [{run: a}]}
  package: {runs-on: x, needs: test, steps: [{run: a}]}
  lint: {runs-on: x, needs: package, steps: [{run: a}]}
  deploy: {runs-on: x, needs: [package, lint], steps: [{run: a}]}
`);
    const before = placeNodes(FAN, layoutGraph(FAN), {});
    const fresh = layoutGraph(after);
    assert.notDeepEqual(box(fresh, 'lint'), box(before, 'lint'), 'the fresh layout moves lint (else this test shows nothing)');
    const redrawn = redraw(FAN, after);
    for (const id of ['build', 'test', 'package', 'deploy']) assert.deepEqual(box(redrawn, id), box(before, id), id);
    // lint was touched (it now needs package): placed again, right of package, not left where its needs forbid.
    assert.ok(box(redrawn, 'lint').x >= box(redrawn, 'package').x + box(redrawn, 'package').width, 'lint right of package');
    assert.deepEqual(overlapping(redrawn), []);
  });

  it('GitHub: a new job is placed next to its neighbour, clear of every kept node', () => {
    const after = github(`  build: {runs-on: x, steps: [{run: a}]}
  test: {runs-on: x, needs: build, steps: [{run: a}]}
  package: {runs-on: x, needs: test, steps: [{run: a}]}
  lint: {runs-on: x, steps: [{run: a}]}
  deploy: {runs-on: x, needs: [package, lint], steps: [{run: a}]}
  notify: {runs-on: x, needs: deploy, steps: [{run: a}]}
`);
    const before = placeNodes(FAN, layoutGraph(FAN), {});
    const redrawn = redraw(FAN, after);
    for (const id of ['build', 'test', 'package', 'lint', 'deploy']) assert.deepEqual(box(redrawn, id), box(before, id), id);
    assert.ok(box(redrawn, 'notify').x > box(redrawn, 'deploy').x, 'notify right of deploy');
    assert.deepEqual(overlapping(redrawn), []);
  });

  it('a rename keeps the renamed node where it was', () => {
    const after = github(FAN_JOBS.replace(/\blint\b/g, 'check'));
    const before = placeNodes(FAN, layoutGraph(FAN), {});
    const redrawn = redraw(FAN, after);
    assert.deepEqual({ ...box(redrawn, 'check'), id: 'lint' }, box(before, 'lint'));
  });

  it('deleting a job leaves every node it did not touch where it was', () => {
    const after = github(FAN_JOBS.replace(/  lint: .*\n/, '').replace('[package, lint]', '[package]'));
    const before = placeNodes(FAN, layoutGraph(FAN), {});
    const redrawn = redraw(FAN, after);
    for (const id of ['build', 'test', 'package', 'deploy']) assert.deepEqual(box(redrawn, id), box(before, id), id);
  });

  it('GitLab and Azure: kept places stay inside their lane or stage; a new job joins its lane or stage clear of the others', () => {
    const gitlabBefore = parsePipeline('stages: [build, test]\na: {stage: build, script: x}\nb: {stage: test, script: x}\n', { dialect: 'gitlab' });
    const gitlabAfter = parsePipeline('stages: [build, test]\na: {stage: build, script: x}\nb: {stage: test, script: x}\nc: {stage: test, script: x}\n', { dialect: 'gitlab' });
    const gl = redraw(gitlabBefore, gitlabAfter);
    assert.deepEqual(box(gl, 'a'), box(placeNodes(gitlabBefore, layoutGraph(gitlabBefore), {}), 'a'));
    const lane = gl.lanes.find((l) => l.id === 'test')!;
    const c = box(gl, 'c');
    assert.ok(c.x >= lane.x && c.x + c.width <= lane.x + lane.width, 'c in the test lane');
    assert.deepEqual(overlapping(gl), []);

    const azureText = (extra: string) => `stages:
- stage: Build
  jobs:
  - job: compile
    steps: [{script: x}]${extra}
- stage: Deploy
  jobs:
  - job: ship
    steps: [{script: x}]
`;
    const azBefore = parsePipeline(azureText(''), { dialect: 'azure' });
    const azAfter = parsePipeline(azureText('\n  - job: lint\n    steps: [{script: x}]'), { dialect: 'azure' });
    const az = redraw(azBefore, azAfter);
    const drawnBefore = placeNodes(azBefore, layoutGraph(azBefore), {});
    assert.deepEqual(box(az, 'Build/compile'), box(drawnBefore, 'Build/compile'));
    const stage = box(az, 'Build');
    const lint = box(az, 'Build/lint');
    assert.ok(lint.x >= stage.x && lint.y >= stage.y && lint.x + lint.width <= stage.x + stage.width && lint.y + lint.height <= stage.y + stage.height, 'lint inside Build');
    assert.deepEqual(overlapping(az), []);
  });
});

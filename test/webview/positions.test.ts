// Dragging nodes and remembering where they were dropped, in real headless Chromium: the drop
// is saved to the host (never an edit), saved positions place nodes, Tidy forgets them, and new
// nodes keep their place next to moved neighbours.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { hasSyntaxErrors, type PipelineGraph } from '../../src/core/model';
import type { NodePositions } from '../../src/shared/nodePositions';
import type { HostToWebview, WebviewToHost } from '../../src/shared/protocol';
import { layoutGraph } from '../../webview/src/layout/layoutGraph';
import { READABLE_ZOOM } from '../../webview/src/viewport/firstViewport';
import { zoomOutToShowAll } from '../helpers/zoomOutToShowAll';
import { startWebviewHarness, type DesignerPage, type WebviewHarness } from '../helpers/webviewHarness';
import { edge, githubGraph, job } from './graphFixtures';
import { azurePipeline, gitlabPipeline } from './pipelineYaml';

function documentMessage(version: number, graph: PipelineGraph): HostToWebview {
  return { type: 'document', version, fileName: 'ci.yml', graph, syntaxError: hasSyntaxErrors(graph) };
}

const nodeSelector = (id: string) => `.react-flow__node[data-id="${id}"]`;

/** A node's React Flow position (relative to its group, if any), read from its transform. */
async function flowPosition(page: Page, id: string): Promise<{ x: number; y: number }> {
  const transform = await page.$eval(nodeSelector(id), (el) => (el as HTMLElement).style.transform);
  const match = /translate\((-?[\d.e+-]+)px,\s*(-?[\d.e+-]+)px\)/.exec(transform);
  assert.ok(match, `unexpected node transform ${transform}`);
  return { x: Number(match[1]), y: Number(match[2]) };
}

async function zoom(page: Page): Promise<number> {
  const transform = await page.$eval('.react-flow__viewport', (el) => (el as HTMLElement).style.transform);
  return Number(/scale\(([\d.e+-]+)\)/.exec(transform)![1]);
}

/**
 * Drags with the mouse from the middle-left of `selector` by `dx`, `dy` screen pixels. The first
 * pixels of movement only start React Flow's drag, so the element moves three pixels less.
 */
async function dragBy(page: Page, selector: string, dx: number, dy: number): Promise<void> {
  const box = await page.locator(selector).first().boundingBox();
  assert.ok(box, `${selector} has no box`);
  const x = box.x + Math.min(20, box.width / 2);
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 3 * Math.sign(dx), y + 3 * Math.sign(dy));
  await page.mouse.move(x + dx / 2, y + dy / 2, { steps: 5 });
  await page.mouse.move(x + dx, y + dy, { steps: 5 });
  await page.mouse.up();
}

/** Drags a node by its title. */
async function dragNode(page: Page, id: string, dx: number, dy: number): Promise<void> {
  await dragBy(page, `${nodeSelector(id)} .pw-name`, dx, dy);
}

/** Equal within a couple of pixels (the drag's first pixel, the transform's rounding). */
function assertNear(actual: { x: number; y: number }, expected: { x: number; y: number }, message: string, slack = 2): void {
  assert.ok(Math.abs(actual.x - expected.x) <= slack && Math.abs(actual.y - expected.y) <= slack, `${message}: ${JSON.stringify(actual)} vs ${JSON.stringify(expected)}`);
}

async function savedPositions(p: DesignerPage, nth = 1): Promise<NodePositions> {
  const handle = await p.page.waitForFunction(
    (n) => (window as unknown as { __posted: WebviewToHost[] }).__posted.filter((m) => m.type === 'savePositions')[n - 1],
    nth,
  );
  return ((await handle.jsonValue()) as Extract<WebviewToHost, { type: 'savePositions' }>).positions;
}

async function countPosted(p: DesignerPage, type: WebviewToHost['type']): Promise<number> {
  return (await p.posted()).filter((m) => m.type === type).length;
}

async function assertClean(p: DesignerPage): Promise<void> {
  assert.deepEqual(await p.cspViolations(), []);
  assert.deepEqual(p.errors, []);
}

/** Small graph: build → test → deploy, plus lint on its own. */
function chainGraph(extra: { verify?: boolean } = {}): PipelineGraph {
  const graph = githubGraph();
  graph.nodes = [job('build'), job('test'), job('deploy'), job('lint'), ...(extra.verify ? [job('verify')] : [])];
  graph.edges = [edge('build', 'test'), edge('test', 'deploy'), ...(extra.verify ? [edge('deploy', 'verify')] : [])];
  return graph;
}

describe('node positions', () => {
  let harness: WebviewHarness;
  before(async () => {
    harness = await startWebviewHarness();
  });
  after(async () => {
    await harness?.close();
  });

  it('drags a node: it follows the mouse, stays after the drop, and the position is saved (not edited)', async () => {
    const p = await harness.openPage();
    await p.send(documentMessage(1, githubGraph()));
    await p.rendered(1);
    // Away from the pane's edges, where React Flow would pan along with the drag.
    await zoomOutToShowAll(p.page);
    const before = await flowPosition(p.page, 'e2e');
    const scale = await zoom(p.page);
    await dragNode(p.page, 'e2e', 40, 160);
    const saved = await savedPositions(p);
    assert.deepEqual(Object.keys(saved), ['e2e']);
    assertNear(saved.e2e, { x: before.x + 40 / scale, y: before.y + 160 / scale }, 'saved where it was dropped', 4 / scale);
    assertNear(await flowPosition(p.page, 'e2e'), saved.e2e, 'the node stays where it was dropped', 0.01);
    assert.equal(await countPosted(p, 'edit'), 0, 'moving a node is not an edit');
    // The next document (the user typed in the YAML) keeps the node where the user put it.
    await p.send(documentMessage(2, githubGraph()));
    await p.rendered(2);
    assertNear(await flowPosition(p.page, 'e2e'), saved.e2e, 'kept through a new document', 0.01);
    // Survives a reload of the webview through the saved state.
    const reloaded = await harness.openPage({ savedState: await p.savedState() });
    await reloaded.rendered(2);
    assertNear(await flowPosition(reloaded.page, 'e2e'), saved.e2e, 'kept through a reload', 0.01);
    await assertClean(p);
    await assertClean(reloaded);
    await p.page.close();
    await reloaded.page.close();
  });

  it('places nodes at the positions the host sends with the document, and Tidy forgets them', async () => {
    const p = await harness.openPage();
    const graph = chainGraph();
    await p.send({ type: 'positions', positions: { deploy: { x: 900, y: 420 }, gone: { x: 1, y: 1 } } });
    await p.send(documentMessage(1, graph));
    await p.rendered(1);
    assert.deepEqual(await flowPosition(p.page, 'deploy'), { x: 900, y: 420 });
    const auto = layoutGraph(graph).nodes.find((b) => b.id === 'build')!;
    assertNear(await flowPosition(p.page, 'build'), auto, 'unsaved nodes keep their layout place', 0.01);

    const tidy = p.page.locator('vscode-button.pw-tidy-button');
    assert.equal(await tidy.getAttribute('disabled'), null);
    await tidy.click();
    assert.deepEqual(await savedPositions(p), {});
    const autoDeploy = layoutGraph(graph).nodes.find((b) => b.id === 'deploy')!;
    await p.page.waitForFunction(
      ([sel, x]) => (document.querySelector(sel) as HTMLElement).style.transform.startsWith(`translate(${x}px`),
      [nodeSelector('deploy'), autoDeploy.x] as const,
    );
    assertNear(await flowPosition(p.page, 'deploy'), autoDeploy, 'back at its layout place', 0.01);
    assert.notEqual(await p.page.locator('vscode-button.pw-tidy-button').getAttribute('disabled'), null, 'nothing left to tidy');

    // The Tidy Layout command reaches the webview as an empty positions message.
    await p.send({ type: 'positions', positions: { deploy: { x: 900, y: 420 } } });
    await p.page.waitForFunction((sel) => (document.querySelector(sel) as HTMLElement).style.transform.startsWith('translate(900px'), nodeSelector('deploy'));
    await p.send({ type: 'positions', positions: {} });
    await p.page.waitForFunction(
      ([sel, x]) => (document.querySelector(sel) as HTMLElement).style.transform.startsWith(`translate(${x}px`),
      [nodeSelector('deploy'), autoDeploy.x] as const,
    );
    await assertClean(p);
    await p.page.close();
  });

  it('a new document keeps every node it did not touch where it was drawn; Tidy lays it out afresh', async () => {
    const p = await harness.openPage();
    await p.send(documentMessage(1, chainGraph()));
    await p.rendered(1);
    const drawn = Object.fromEntries(await Promise.all(['build', 'test', 'deploy', 'lint'].map(async (id) => [id, await flowPosition(p.page, id)] as const)));
    // build now needs lint: a fresh layout would push build, test and deploy a column right.
    const changed = chainGraph();
    changed.edges.push(edge('lint', 'build'));
    const fresh = layoutGraph(changed).nodes.find((b) => b.id === 'test')!;
    assert.ok(fresh.x > drawn.test.x, 'the fresh layout moves test (else this test shows nothing)');
    await p.send(documentMessage(2, changed));
    await p.rendered(2);
    // Untouched by the change: where they were. build gained a dependency: placed right of it.
    for (const id of ['test', 'deploy', 'lint']) assertNear(await flowPosition(p.page, id), drawn[id], `${id} stays`, 0.01);
    assert.ok((await flowPosition(p.page, 'build')).x > drawn.lint.x, 'build is placed right of lint, which it now needs');
    const tidy = p.page.locator('vscode-button.pw-tidy-button');
    assert.equal(await tidy.getAttribute('disabled'), null, 'Tidy is offered: the drawing is not the layout');
    await tidy.click();
    await p.page.waitForFunction(
      ([sel, x]) => (document.querySelector(sel) as HTMLElement).style.transform.startsWith(`translate(${x}px`),
      [nodeSelector('test'), fresh.x] as const,
    );
    await assertClean(p);
    await p.page.close();
  });

  it('places a new node next to its moved neighbours, not where the layout alone would', async () => {
    const p = await harness.openPage();
    const shift = { x: 0, y: 600 };
    const before = layoutGraph(chainGraph()).nodes;
    const moved = Object.fromEntries(
      ['build', 'test', 'deploy'].map((id) => {
        const b = before.find((n) => n.id === id)!;
        return [id, { x: b.x + shift.x, y: b.y + shift.y }];
      }),
    );
    await p.send({ type: 'positions', positions: moved });
    await p.send(documentMessage(1, chainGraph()));
    await p.rendered(1);
    // verify (new, needs deploy) appears.
    await p.send(documentMessage(2, chainGraph({ verify: true })));
    await p.rendered(2);
    const autoVerify = layoutGraph(chainGraph({ verify: true })).nodes.find((b) => b.id === 'verify')!;
    const verify = await flowPosition(p.page, 'verify');
    assertNear(verify, { x: autoVerify.x + shift.x, y: autoVerify.y + shift.y }, 'moved along with deploy', 0.01);
    const deploy = await flowPosition(p.page, 'deploy');
    assert.ok(verify.x > deploy.x, 'still to the right of what it needs');
    await assertClean(p);
    await p.page.close();
  });

  it('keeps a GitLab job dragged within its lane; a drop in another lane goes to the stage-move handler; outside all lanes it goes back', async () => {
    const p = await harness.openPage();
    const graph = gitlabPipeline();
    await p.send(documentMessage(1, graph));
    await p.rendered(1);
    // Every drop point away from the pane's edges: near one, React Flow pans along with the drag
    // by an amount that depends on how many frames the drag lasts (more on a busy machine), and
    // the drop would land in another lane than the one aimed at.
    await zoomOutToShowAll(p.page);
    const start = await flowPosition(p.page, 'unit');
    await dragNode(p.page, 'unit', 0, 120);
    const saved = await savedPositions(p);
    assert.deepEqual(Object.keys(saved), ['unit']);
    assert.ok(saved.unit.y > start.y, 'moved down within its lane');
    assert.equal(saved.unit.x, start.x, 'a lane stays a column');

    // Left of every lane: not a place a job can be; it goes back and nothing is saved.
    const laneLefts = await p.page.locator('.react-flow__node-lane').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().x));
    const unitBox = (await p.page.locator(nodeSelector('unit')).boundingBox())!;
    await dragNode(p.page, 'unit', laneLefts[0] - unitBox.x - unitBox.width - 40, 0);
    await p.page.waitForTimeout(600); // longer than the save delay: a save would have been posted
    assert.equal(await countPosted(p, 'savePositions'), 1, 'nothing saved');
    assertNear(await flowPosition(p.page, 'unit'), saved.unit, 'back where it was', 0.01);

    // Into the deploy lane: the stage-move handler turns it into an edit; the drop spot is kept
    // so the job sits there once the moved document arrives.
    await dragNode(p.page, 'unit', laneLefts[2] - laneLefts[1], 0);
    const moved = await savedPositions(p, 2);
    const edits = (await p.posted()).filter((m) => m.type === 'edit');
    assert.deepEqual(edits.map((m) => m.type === 'edit' && m.operation), [{ op: 'moveToStage', stage: 'unit', to: 'deploy' }]);
    assert.ok(moved.unit.x > saved.unit.x);
    await assertClean(p);
    await p.page.close();
  });

  it('opens a long chain in a narrow editor at a readable zoom, at its start; Fit comes back there', async () => {
    const p = await harness.openPage({ width: 700, height: 500 });
    const ids = Array.from({ length: 30 }, (_, i) => `step-${i}`);
    const graph = githubGraph();
    graph.nodes = ids.map((id) => job(id));
    graph.edges = ids.slice(1).map((id, i) => edge(ids[i], id));
    await p.send(documentMessage(1, graph));
    await p.rendered(1);
    const readable = await zoom(p.page);
    assert.ok(readable >= READABLE_ZOOM, `first zoom ${readable}`);
    const pane = (await p.page.locator('.react-flow').boundingBox())!;
    const atStart = async () => {
      const first = (await p.page.locator(nodeSelector('step-0')).boundingBox())!;
      assert.ok(first.x >= pane.x && first.x + first.width <= pane.x + pane.width, 'the first job is in view');
      assert.ok(first.x - pane.x < 60, 'at the left edge');
    };
    await atStart();
    // Panned away and zoomed out, Fit does not shrink the chain to a thin line: back to the start.
    await p.page.click('.react-flow__controls-zoomout');
    await p.page.waitForFunction((z) => !(document.querySelector('.react-flow__viewport') as HTMLElement).style.transform.endsWith(`scale(${z})`), readable);
    await p.page.click('.pw-fit-button');
    await p.page.waitForFunction((z) => (document.querySelector('.react-flow__viewport') as HTMLElement).style.transform.endsWith(`scale(${z})`), readable);
    await atStart();
    await assertClean(p);
    await p.page.close();
  });

  it('drags an Azure stage group as a whole: its jobs move with it', async () => {
    const p = await harness.openPage();
    const graph = azurePipeline();
    await p.send(documentMessage(1, graph));
    await p.rendered(1);
    const child = graph.nodes.find((n) => n.role === 'job' && n.stage === 'Test')!.id;
    const childBefore = (await p.page.locator(nodeSelector(child)).boundingBox())!;
    const stageBefore = await flowPosition(p.page, 'Test');
    await dragBy(p.page, `${nodeSelector('Test')} .pw-stage-header .pw-name`, 0, 200);
    const saved = await savedPositions(p);
    assert.deepEqual(Object.keys(saved), ['Test']);
    assert.ok(saved.Test.y > stageBefore.y);
    const childAfter = (await p.page.locator(nodeSelector(child)).boundingBox())!;
    assertNear(childAfter, { x: childBefore.x, y: childBefore.y + 200 }, 'the job moved with its stage', 4);
    await assertClean(p);
    await p.page.close();
  });
});

// Large graphs are laid out in a Web Worker under the designer's real CSP: the page stays
// responsive (frames keep being painted, with a progress note) and every node is drawn.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { generatePipeline } from '../../bench/generatePipelines';
import { parsePipeline } from '../../src/core/parse';
import type { PipelineGraph } from '../../src/core/model';
import type { HostToWebview } from '../../src/shared/protocol';
import { startWebviewHarness, type DesignerPage, type WebviewHarness } from '../helpers/webviewHarness';
import { githubGraph } from './graphFixtures';

function documentMessage(version: number, graph: PipelineGraph): HostToWebview {
  return { type: 'document', version, fileName: 'ci.yml', graph, syntaxError: false };
}

/** Starts counting, in the page, animation frames painted with and without the progress note. */
async function watchFrames(p: DesignerPage): Promise<void> {
  // A string, so the test compiler's helpers (named functions) do not leak into the page.
  await p.page.evaluate(`(() => {
    const counts = { withProgress: 0, total: 0 };
    window.__frames = counts;
    const tick = () => {
      counts.total++;
      if (document.querySelector('.pw-layout-progress[role="status"]')) counts.withProgress++;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
}

async function frames(p: DesignerPage): Promise<{ withProgress: number; total: number }> {
  return p.page.evaluate(() => (window as unknown as { __frames: { withProgress: number; total: number } }).__frames);
}

async function layoutEngine(p: DesignerPage): Promise<string | null> {
  return p.page.getAttribute('.pw-canvas', 'data-layout-engine');
}

async function assertClean(p: DesignerPage): Promise<void> {
  assert.deepEqual(await p.cspViolations(), []);
  assert.deepEqual(p.errors, []);
}

describe('large graphs', () => {
  let harness: WebviewHarness;
  before(async () => {
    harness = await startWebviewHarness();
  });
  after(async () => {
    await harness?.close();
  });

  it('lays out a 1000-job pipeline in the worker while the page keeps painting, and draws every job', async () => {
    const p = await harness.openPage();
    const graph = parsePipeline(generatePipeline('github', 1000), { dialect: 'github' });
    assert.equal(graph.nodes.length, 1000);
    await watchFrames(p);
    await p.send(documentMessage(1, graph));
    const rendered = await p.rendered(1);
    assert.deepEqual([...rendered.nodeIds].sort(), graph.nodes.map((n) => n.id).sort());
    assert.equal(await layoutEngine(p), 'worker');
    // The worker bundle was fetched from the webview's own resources (connect-src), then run
    // from a Blob URL (worker-src blob:): no CSP violation on the way.
    const fetched = await p.page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.endsWith('/layoutWorker.js')));
    assert.equal(fetched.length, 1);
    // The UI thread answered during the layout: frames were painted with the progress note up.
    const counted = await frames(p);
    assert.ok(counted.withProgress >= 1, `frames painted during the layout: ${JSON.stringify(counted)}`);
    assert.equal(await p.page.locator('.pw-layout-progress').count(), 0, 'the note goes once the graph is drawn');
    await assertClean(p);

    // A change keeps the previous drawing on screen while the worker (reused) lays out again.
    const bigger = parsePipeline(generatePipeline('github', 1001), { dialect: 'github' });
    await p.send(documentMessage(2, bigger));
    const second = await p.rendered(2);
    assert.equal(second.nodeIds.length, 1001);
    const workerFetches = await p.page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/layoutWorker.js')).length);
    assert.equal(workerFetches, 1, 'one worker for the page');
    await assertClean(p);
    await p.page.close();
  });

  it('lays out Azure stage groups of 500 jobs in the worker too', async () => {
    const p = await harness.openPage();
    const graph = parsePipeline(generatePipeline('azure', 500), { dialect: 'azure' });
    await p.send(documentMessage(1, graph));
    const rendered = await p.rendered(1);
    assert.deepEqual([...rendered.nodeIds].sort(), graph.nodes.map((n) => n.id).sort());
    assert.equal(await layoutEngine(p), 'worker');
    await assertClean(p);
    await p.page.close();
  });

  it('lays out small graphs at once, on the page', async () => {
    const p = await harness.openPage();
    await watchFrames(p);
    await p.send(documentMessage(1, githubGraph()));
    await p.rendered(1);
    assert.equal(await layoutEngine(p), 'main');
    assert.equal((await frames(p)).withProgress, 0, 'no progress note for a small graph');
    await assertClean(p);
    await p.page.close();
  });
});

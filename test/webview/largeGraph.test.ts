// Large graphs are laid out in a Web Worker under the designer's real CSP: the page stays
// responsive (frames keep being painted, with a progress note) and every node is placed (drawn
// when in view: culling.test.ts); keys still land where they are meant to at 1000 jobs (how fast
// is `npm run bench`'s business).
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

  it('lays out a 1000-job pipeline in the worker while the page keeps painting, places every job, and takes keys as at any size', async () => {
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

    // The keyboard at this size: arrows step from job to job; keys typed right after F2 reach the box.
    const { page } = p;
    await page.locator('.react-flow__node[data-id="job-0"]').click();
    // Right from job-0 goes to a job that needs it; left comes back.
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => ['job-1', 'job-2'].includes(document.activeElement?.getAttribute('data-id') ?? ''));
    const stepped = await page.evaluate(() => document.activeElement?.getAttribute('data-id'));
    assert.deepEqual(await page.$$eval('.react-flow__node.selected', (els) => els.map((el) => el.getAttribute('data-id'))), [stepped]);
    await page.keyboard.press('ArrowLeft');
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-id') === 'job-0');
    // F2 and the new name sent as one burst: the keys queue behind F2's work, whatever it costs.
    const cdp = await page.context().newCDPSession(page);
    const key = (type: 'rawKeyDown' | 'keyDown' | 'keyUp', k: string, code: string, vk: number, text?: string) =>
      cdp.send('Input.dispatchKeyEvent', { type, key: k, code, windowsVirtualKeyCode: vk, nativeVirtualKeyCode: vk, ...(text ? { text, unmodifiedText: text } : {}) });
    const burst = [key('rawKeyDown', 'F2', 'F2', 113), key('keyUp', 'F2', 'F2', 113)];
    for (const c of 'compile') {
      const vk = c.toUpperCase().charCodeAt(0);
      burst.push(key('keyDown', c, `Key${c.toUpperCase()}`, vk, c), key('keyUp', c, `Key${c.toUpperCase()}`, vk));
    }
    await Promise.all(burst);
    const input = page.locator('.react-flow__node[data-id="job-0"] .pw-rename-input');
    await input.waitFor();
    assert.equal(await input.inputValue(), 'compile');
    assert.equal(await page.locator('.pw-connect-banner').count(), 0, 'no key reached the canvas (C would start a connection)');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'edit'));
    const edits = (await p.posted()).filter((m) => m.type === 'edit');
    assert.deepEqual(edits.map((m) => m.type === 'edit' && m.operation), [{ op: 'renameStage', stage: 'job-0', newId: 'compile' }]);
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

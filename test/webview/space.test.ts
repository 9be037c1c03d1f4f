// The designer's use of space in real headless Chromium, at the pane widths it meets: about 340 px
// (a shrunk pane), 600 px (beside the text in a 1280 px window) and 1200 px (a window of its own).
// Geometry is read from the page: what is on screen, how big the text is, what is cut.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { hasSyntaxErrors, type PipelineGraph } from '../../src/core/model';
import { parsePipeline } from '../../src/core/parse';
import type { HostToWebview } from '../../src/shared/protocol';
import { CANVAS_MIN_WIDTH } from '../../webview/src/panels/sidePanels';
import { READABLE_TEXT_PX } from '../../webview/src/viewport/firstViewport';
import { repoRoot } from '../helpers/corpus';
import { startWebviewHarness, type DesignerPage, type WebviewHarness } from '../helpers/webviewHarness';

const WIDTHS = [340, 600, 1200];
const HEIGHT = 700;

const sample = (path: string): PipelineGraph => parsePipeline(readFileSync(join(repoRoot, 'samples', path), 'utf8'), { fileName: path });
const deploySample = () => sample('.github/workflows/deploy.yml');
const azureSample = () => sample('azure-pipelines.yml');
const gitlabSample = () => sample('.gitlab-ci.yml');

function documentMessage(graph: PipelineGraph, version = 1): HostToWebview {
  return { type: 'document', version, fileName: `/work/${graph.dialect}.yml`, graph, syntaxError: hasSyntaxErrors(graph) };
}

const nodeSelector = (id: string) => `.react-flow__node[data-id="${id}"]`;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

async function box(page: Page, selector: string): Promise<Box> {
  const b = await page.locator(selector).boundingBox();
  assert.ok(b, `${selector} has no box`);
  return b;
}

function within(inner: Box, outer: Box): boolean {
  const slack = 0.5;
  return inner.x >= outer.x - slack && inner.y >= outer.y - slack && inner.x + inner.width <= outer.x + outer.width + slack && inner.y + inner.height <= outer.y + outer.height + slack;
}

async function zoom(page: Page): Promise<number> {
  const transform = await page.$eval('.react-flow__viewport', (el) => (el as HTMLElement).style.transform);
  return Number(/scale\(([\d.e+-]+)\)/.exec(transform)![1]);
}

/** The smallest node text on screen, in screen pixels: font size times zoom. */
async function smallestTextOnScreen(page: Page): Promise<number> {
  const smallest = await page.$$eval('.react-flow__node.pw-graph-node :is(.pw-name, .pw-row, .pw-stage-facts)', (els) =>
    Math.min(...els.map((el) => parseFloat(getComputedStyle(el).fontSize))),
  );
  return smallest * (await zoom(page));
}

/** No uncaught errors, no console errors, no CSP violations on this page. */
async function assertClean(p: DesignerPage): Promise<void> {
  assert.deepEqual(await p.cspViolations(), []);
  assert.deepEqual(p.errors, []);
}

async function open(harness: WebviewHarness, graph: PipelineGraph, width: number, savedState?: unknown): Promise<DesignerPage> {
  const p = await harness.openPage({ width, height: HEIGHT, ...(savedState ? { savedState } : {}) });
  await p.send(documentMessage(graph));
  await p.rendered(1);
  return p;
}

/** Waits until the viewport transform differs from `before`. */
async function viewMoved(page: Page, before: string): Promise<void> {
  await page.waitForFunction((t) => (document.querySelector('.react-flow__viewport') as HTMLElement).style.transform !== t, before);
}

const transformOf = (page: Page) => page.$eval('.react-flow__viewport', (el) => (el as HTMLElement).style.transform);

describe('designer use of space', () => {
  let harness: WebviewHarness;
  before(async () => {
    harness = await startWebviewHarness();
  });
  after(async () => {
    await harness?.close();
  });

  it('first view: readable node text and the first column in view, at every pane width; Fit keeps both', async () => {
    for (const width of WIDTHS) {
      const p = await open(harness, deploySample(), width);
      const pane = await box(p.page, '.react-flow');
      const check = async (when: string) => {
        const text = await smallestTextOnScreen(p.page);
        assert.ok(text >= READABLE_TEXT_PX - 0.01, `${width} px, ${when}: node text is ${text.toFixed(2)} px`);
        assert.ok(within(await box(p.page, nodeSelector('build')), pane), `${width} px, ${when}: the first job is in view`);
        assert.ok((await box(p.page, nodeSelector('build'))).x - pane.x < 60, `${width} px, ${when}: at the left edge`);
      };
      await check('first view');

      // Zoomed far out, Fit (toolbar, then the zoom controls' own) comes back to readable.
      for (const fit of ['vscode-button.pw-fit-button', '.react-flow__controls-fitview']) {
        for (let i = 0; i < 4; i++) {
          const before = await transformOf(p.page);
          await p.page.click('.react-flow__controls-zoomout');
          await viewMoved(p.page, before);
        }
        assert.ok((await smallestTextOnScreen(p.page)) < READABLE_TEXT_PX, 'zoomed out past readable');
        const before = await transformOf(p.page);
        await p.page.click(fit);
        await viewMoved(p.page, before);
        await check(`after ${fit}`);
      }
      await assertClean(p);
      await p.page.close();
    }
  });

  it('first view of a graph that fits readably: all of it, centred', async () => {
    const p = await open(harness, gitlabSample(), 2000);
    const pane = await box(p.page, '.react-flow');
    for (const id of gitlabSample().nodes.map((n) => n.id)) {
      assert.ok(within(await box(p.page, nodeSelector(id)), pane), `${id} in view`);
    }
    assert.ok((await smallestTextOnScreen(p.page)) >= READABLE_TEXT_PX - 0.01);
    await assertClean(p);
    await p.page.close();
  });

  it('minimap: hidden in a pane beside the text, shown in a roomy one; the toolbar toggle overrides and is remembered', async () => {
    const wide = await open(harness, deploySample(), 1200);
    assert.equal(await wide.page.locator('.react-flow__minimap').count(), 1, 'a roomy pane shows it');
    assert.equal(await wide.page.getAttribute('.pw-minimap-toggle', 'aria-pressed'), 'true');
    // The pane narrows to beside the text: it hides by itself.
    await wide.page.setViewportSize({ width: 600, height: HEIGHT });
    await wide.page.locator('.react-flow__minimap').waitFor({ state: 'detached' });
    assert.equal(await wide.page.getAttribute('.pw-minimap-toggle', 'aria-pressed'), 'false');
    await wide.page.close();

    const p = await open(harness, deploySample(), 600);
    assert.equal(await p.page.locator('.react-flow__minimap').count(), 0, 'beside the text it would cover the nodes');
    const toggle = p.page.locator('vscode-button.pw-minimap-toggle');
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    assert.equal(await toggle.getAttribute('aria-label'), 'Minimap');
    // By keyboard: focus it and press Space.
    await toggle.focus();
    await p.page.keyboard.press('Space');
    await p.page.locator('.react-flow__minimap').waitFor();
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    const saved = (await p.savedState()) as { minimap?: boolean };
    assert.equal(saved.minimap, true);
    await assertClean(p);
    await p.page.close();

    // Reloaded with that state, it stays on; turned off in a roomy pane, it stays off.
    const again = await open(harness, deploySample(), 600, saved);
    assert.equal(await again.page.locator('.react-flow__minimap').count(), 1);
    await again.page.close();
    const off = await open(harness, deploySample(), 1200, { ...saved, minimap: false });
    assert.equal(await off.page.locator('.react-flow__minimap').count(), 0);
    assert.equal(await off.page.getAttribute('.pw-minimap-toggle', 'aria-pressed'), 'false');
    await off.page.close();
  });

  it('toolbar: nothing is cut at 300–340 px and every button is reached with Tab', async () => {
    for (const width of [300, 340, 600]) {
      const p = await open(harness, deploySample(), width);
      const bar = await box(p.page, '.pw-toolbar');
      assert.ok(bar.width <= width + 0.5);
      const buttons = await p.page.locator('.pw-toolbar vscode-button').evaluateAll((els) =>
        els.map((el) => {
          const r = el.getBoundingClientRect();
          return { name: el.getAttribute('aria-label') ?? '', x: r.x, y: r.y, width: r.width, height: r.height, disabled: el.hasAttribute('disabled') };
        }),
      );
      assert.equal(buttons.length, 5, 'Find, Tidy, Fit, Minimap, Inspector');
      for (const b of buttons) {
        assert.ok(b.width > 0 && within(b, bar) && b.x + b.width <= width, `${width} px: ${b.name} is cut: ${JSON.stringify(b)}`);
      }
      assert.ok(within(await box(p.page, '.pw-inspector-toggle'), { x: 0, y: 0, width, height: HEIGHT }), `${width} px: Inspector button in view`);
      // The title is never pushed off either: it shrinks with an ellipsis.
      assert.ok(within(await box(p.page, '.pw-toolbar-title'), bar));

      // Tab from the top of the page visits every enabled toolbar button, in order.
      await p.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      const reached: string[] = [];
      for (let i = 0; i < 8; i++) {
        await p.page.keyboard.press('Tab');
        const label = await p.page.evaluate(() => (document.activeElement?.closest('.pw-toolbar') ? document.activeElement.getAttribute('aria-label') : null));
        if (label === null) break;
        reached.push(label);
      }
      assert.deepEqual(reached, buttons.filter((b) => !b.disabled).map((b) => b.name), `${width} px`);
      await assertClean(p);
      await p.page.close();
    }
  });

  it('palette and inspector: the canvas keeps a usable width, or a panel floats over it in a narrow pane', async () => {
    for (const width of WIDTHS) {
      const p = await open(harness, deploySample(), width);
      const strip = p.page.locator('.pw-palette-closed .pw-palette-toggle');
      if (await strip.count()) await strip.click();
      await p.page.locator('.pw-palette:not(.pw-palette-closed)').waitFor();
      await p.page.click('vscode-button.pw-inspector-toggle');
      await p.page.locator('.pw-inspector').waitFor();
      const canvas = await box(p.page, '.pw-canvas-frame');
      const inspector = await box(p.page, '.pw-inspector');
      const paletteOpen = (await p.page.locator('.pw-palette:not(.pw-palette-closed)').count()) === 1;
      if (width >= 1200) {
        assert.ok(paletteOpen, 'room for both');
        assert.ok(canvas.width >= CANVAS_MIN_WIDTH, `${width} px: canvas ${canvas.width} px wide`);
      } else {
        // The inspector was opened last: the palette gave way.
        await p.page.locator('.pw-palette-closed').waitFor();
        assert.ok(width <= 340 || canvas.width >= CANVAS_MIN_WIDTH, `${width} px: canvas ${canvas.width} px wide`);
      }
      if (width <= 340) {
        // Floating over the canvas: the canvas keeps nearly the whole width.
        assert.ok(canvas.width >= width - 40, `${width} px: canvas ${canvas.width} px wide`);
        assert.ok(inspector.x + inspector.width <= width + 0.5 && inspector.x > 0, 'the inspector is on screen');
      }
      // Opening the palette again closes the inspector where both do not fit.
      if (width < 1200) {
        await p.page.click('.pw-palette-closed .pw-palette-toggle');
        await p.page.locator('.pw-inspector').waitFor({ state: 'detached' });
        assert.equal(await p.page.getAttribute('.pw-inspector-toggle', 'aria-pressed'), 'false');
      } else {
        // Both open, then the pane narrows beside the text: the panel opened earlier gives way.
        await p.page.setViewportSize({ width: 600, height: HEIGHT });
        await p.page.locator('.pw-palette-closed').waitFor();
        assert.equal(await p.page.locator('.pw-inspector').count(), 1);
        assert.ok((await box(p.page, '.pw-canvas-frame')).width >= CANVAS_MIN_WIDTH);
      }
      await assertClean(p);
      await p.page.close();
    }
  });

  it('titles: Azure stage names are whole at full width; cut text has an ellipsis and its full text on hover', async () => {
    for (const [graph, width] of [[azureSample(), 1200], [azureSample(), 600], [deploySample(), 340], [gitlabSample(), 600]] as const) {
      const p = await open(harness, graph, width);
      if (graph.dialect === 'azure') {
        const stageNames = await p.page.$$eval('.react-flow__node-stage .pw-stage-header .pw-name', (els) =>
          els.map((el) => {
            const range = document.createRange();
            range.selectNodeContents(el);
            return { text: el.textContent, cut: range.getBoundingClientRect().width > el.getBoundingClientRect().width + 0.01 };
          }),
        );
        assert.equal(stageNames.length, 4);
        for (const name of stageNames) assert.equal(name.cut, false, `${width} px: stage "${name.text}" is cut`);
      }
      const texts = await p.page.$$eval('.react-flow__node :is(.pw-name, .pw-row-text, .pw-stage-facts)', (els) =>
        els.map((el) => {
          // Measured on the text itself: scrollWidth rounds, and misses a cut of a fraction of a pixel.
          const range = document.createRange();
          range.selectNodeContents(el);
          return {
            text: (el.textContent ?? '').trim(),
            cut: range.getBoundingClientRect().width > el.getBoundingClientRect().width + 0.01,
            ellipsis: getComputedStyle(el).textOverflow === 'ellipsis',
            title: el.closest('[title]')?.getAttribute('title') ?? '',
          };
        }),
      );
      assert.ok(texts.length > 0);
      for (const t of texts) {
        if (!t.cut) continue;
        assert.ok(t.ellipsis, `${graph.dialect} ${width} px: "${t.text}" is cut without an ellipsis`);
        // Case aside: kinds are capitalised by CSS.
        const plain = (text: string) => text.replace(/\s+/g, ' ').toLowerCase();
        assert.ok(plain(t.title).includes(plain(t.text)), `${graph.dialect} ${width} px: "${t.text}" has no full-text tooltip (title "${t.title}")`);
      }
      if (graph.dialect === 'azure') {
        // A long job subtitle of the sample is one of the cut ones, and says so.
        const row = texts.find((t) => t.text.toLowerCase().startsWith('deploy') && t.text.includes('Production/DeployProduction'));
        assert.ok(row?.cut && row.ellipsis, `the DeployProduction kind row is cut, with an ellipsis: ${JSON.stringify(row)}`);
      }
      await assertClean(p);
      await p.page.close();
    }
  });

  it('edge routing: in the sample, build → production crosses no node but its ends', async () => {
    for (const width of [600, 1200]) {
      const p = await open(harness, deploySample(), width);
      const hits = await p.page.evaluate(() => {
        const path = document.querySelector<SVGPathElement>('.react-flow__edge[data-from="build"][data-to="production"] path.react-flow__edge-path');
        if (!path) return ['no path'];
        const matrix = path.getScreenCTM()!;
        const length = path.getTotalLength();
        const points: DOMPoint[] = [];
        for (let at = 0; at <= length; at += 2) points.push(path.getPointAtLength(at).matrixTransform(matrix));
        const crossed: string[] = [];
        for (const node of document.querySelectorAll('.react-flow__node.pw-graph-node')) {
          const id = node.getAttribute('data-id')!;
          if (id === 'build' || id === 'production') continue;
          const r = node.getBoundingClientRect();
          if (points.some((q) => q.x > r.left && q.x < r.right && q.y > r.top && q.y < r.bottom)) crossed.push(id);
        }
        return crossed;
      });
      assert.deepEqual(hits, [], `${width} px`);
      await assertClean(p);
      await p.page.close();
    }
  });
});

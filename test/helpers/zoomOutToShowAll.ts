// For tests that need the whole graph on screen: the designer's first view and Fit stop at a
// readable zoom, so a wide graph may run past the pane. Works on the test page (webview tests)
// and on the designer's frame inside VS Code (code-server tests).
import assert from 'node:assert/strict';
import type { Frame, Page } from 'playwright-core';

/**
 * Zooms out with the mouse wheel, pointing at the pane's left edge, until every graph node is
 * inside the canvas. The wheel zooms about the pointer, so the first column (where the first
 * view starts) stays put and the rest of the graph comes in from the right; the zoom-out button
 * zooms about the pane's centre instead, which can push the first column out on the left
 * before the last one comes in.
 */
export async function zoomOutToShowAll(target: Page | Frame, timeoutMs = 30_000): Promise<void> {
  const page: Page = 'mainFrame' in target ? target : target.page();
  const allInside = () =>
    target.evaluate(() => {
      const pane = document.querySelector('.react-flow__pane')?.getBoundingClientRect();
      const nodes = [...document.querySelectorAll('.react-flow__node.pw-graph-node')].map((n) => n.getBoundingClientRect());
      return !!pane && nodes.length > 0 && nodes.every((r) => r.left >= pane.left && r.right <= pane.right && r.top >= pane.top && r.bottom <= pane.bottom);
    });
  const transform = () => target.locator('.react-flow__viewport').evaluate((el) => (el as HTMLElement).style.transform);
  for (let i = 0; i < 24 && !(await allInside()); i++) {
    // Page coordinates, also for a pane inside VS Code's webview frames.
    const pane = await target.locator('.react-flow__pane').boundingBox();
    assert.ok(pane, 'the canvas is on screen');
    const before = await transform();
    await page.mouse.move(pane.x + 4, pane.y + pane.height / 2);
    // Small steps (about 0.85× each), so that the graph ends up about as large as fits.
    await page.mouse.wheel(0, 120);
    const moved = await target
      .waitForFunction((t) => (document.querySelector('.react-flow__viewport') as HTMLElement).style.transform !== t, before, { timeout: timeoutMs })
      .then(() => true, () => false);
    if (!moved) break; // at the smallest zoom
  }
  assert.ok(await allInside(), 'zoomed out as far as the canvas goes, and some nodes are still outside it');
}

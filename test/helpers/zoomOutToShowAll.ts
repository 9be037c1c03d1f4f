// For tests that need the whole graph on screen: the designer's first view and Fit stop at a
// readable zoom, so a wide graph may run past the pane. Works on the test page (webview tests)
// and on the designer's frame inside VS Code (code-server tests).
import assert from 'node:assert/strict';
import type { Frame, Page } from 'playwright-core';

/** Clicks the canvas's zoom-out control until every graph node is inside the canvas. */
export async function zoomOutToShowAll(target: Page | Frame, timeoutMs = 30_000): Promise<void> {
  const allInside = () =>
    target.evaluate(() => {
      const pane = document.querySelector('.react-flow__pane')?.getBoundingClientRect();
      const nodes = [...document.querySelectorAll('.react-flow__node.pw-graph-node')].map((n) => n.getBoundingClientRect());
      return !!pane && nodes.length > 0 && nodes.every((r) => r.left >= pane.left && r.right <= pane.right && r.top >= pane.top && r.bottom <= pane.bottom);
    });
  for (let i = 0; i < 12 && !(await allInside()); i++) {
    const before = await target.locator('.react-flow__viewport').evaluate((el) => (el as HTMLElement).style.transform);
    await target.locator('.react-flow__controls-zoomout').click();
    await target.waitForFunction(
      (t) => (document.querySelector('.react-flow__viewport') as HTMLElement).style.transform !== t,
      before,
      { timeout: timeoutMs },
    );
  }
  assert.ok(await allInside(), 'zoomed out as far as the controls go, and some nodes are still outside the canvas');
}

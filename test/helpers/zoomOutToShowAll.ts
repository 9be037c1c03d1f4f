// For tests that need the whole graph on screen: the designer's first view and Fit stop at a
// readable zoom, so a wide graph may run past the pane. Works on the test page (webview tests)
// and on the designer's frame inside VS Code (code-server tests).
import assert from 'node:assert/strict';
import type { Frame, Page } from 'playwright-core';

/**
 * Zooms out with the mouse wheel until every graph node is inside the canvas. The wheel zooms
 * about the pointer, and the pointer is put where the graph converges onto the canvas: the
 * point the graph's box and the canvas's box share when one is scaled onto the other (so a
 * graph that starts at the left edge keeps its first column in place, one panned past an edge
 * comes back in), kept inside the canvas. The zoom-out button zooms about the canvas's centre,
 * which can run out of zoom before a graph drawn off-centre is all in.
 */
export async function zoomOutToShowAll(target: Page | Frame, timeoutMs = 30_000): Promise<void> {
  const page: Page = 'mainFrame' in target ? target : target.page();
  // It reads the nodes in the page: a large graph keeps the ones out of view out of it
  // (webview/src/viewport/culling.ts), so every node in the page is in view by definition.
  assert.equal(await target.locator('.pw-canvas[data-only-visible]').count(), 0, 'zoomOutToShowAll cannot tell on a graph drawn culled');
  // Boxes in the frame's own coordinates; the pane's page position converts the anchor.
  const boxes = () =>
    target.evaluate(() => {
      const pane = document.querySelector('.react-flow__pane')?.getBoundingClientRect();
      const nodes = [...document.querySelectorAll('.react-flow__node.pw-graph-node')].map((n) => n.getBoundingClientRect());
      if (!pane || nodes.length === 0) return undefined;
      const graph = {
        left: Math.min(...nodes.map((r) => r.left)),
        right: Math.max(...nodes.map((r) => r.right)),
        top: Math.min(...nodes.map((r) => r.top)),
        bottom: Math.max(...nodes.map((r) => r.bottom)),
      };
      return { pane: { left: pane.left, right: pane.right, top: pane.top, bottom: pane.bottom }, graph };
    });
  const inside = (b: Awaited<ReturnType<typeof boxes>>) =>
    !!b && b.graph.left >= b.pane.left && b.graph.right <= b.pane.right && b.graph.top >= b.pane.top && b.graph.bottom <= b.pane.bottom;
  for (let i = 0; i < 30; i++) {
    const b = await boxes();
    assert.ok(b, 'the canvas and its nodes are on screen');
    if (inside(b)) return;
    const x = anchor(b.graph.left, b.graph.right, b.pane.left, b.pane.right);
    const y = anchor(b.graph.top, b.graph.bottom, b.pane.top, b.pane.bottom);
    const pane = await target.locator('.react-flow__pane').boundingBox();
    assert.ok(pane, 'the canvas is on screen');
    const before = await target.locator('.react-flow__viewport').evaluate((el) => (el as HTMLElement).style.transform);
    await page.mouse.move(pane.x + (x - b.pane.left), pane.y + (y - b.pane.top));
    // Small steps (about 0.85× each), so that the graph ends up about as large as fits.
    await page.mouse.wheel(0, 120);
    const moved = await target
      .waitForFunction((t) => (document.querySelector('.react-flow__viewport') as HTMLElement).style.transform !== t, before, { timeout: timeoutMs })
      .then(() => true, () => false);
    if (!moved) break; // at the smallest zoom
  }
  assert.ok(inside(await boxes()), 'zoomed out as far as the canvas goes, and some nodes are still outside it');
}

/**
 * Along one axis, where to zoom about: for a graph longer than the canvas, the point that stays
 * put when the graph's extent is scaled onto the canvas's; else the graph's middle; either kept
 * a few pixels inside the canvas.
 */
function anchor(graphStart: number, graphEnd: number, paneStart: number, paneEnd: number): number {
  const graphLength = graphEnd - graphStart;
  const paneLength = paneEnd - paneStart;
  const point =
    graphLength > paneLength
      ? (graphStart * paneLength - paneStart * graphLength) / (paneLength - graphLength)
      : (graphStart + graphEnd) / 2;
  return Math.min(paneEnd - 4, Math.max(paneStart + 4, point));
}

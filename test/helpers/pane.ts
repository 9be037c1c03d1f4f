// Panning the designer's canvas with the mouse, as a user does: press on the empty pane and drag.
import type { Page } from 'playwright-core';

/** A point on the empty pane (no node under it), to pan from. */
export async function emptyPanePoint(page: Page): Promise<{ x: number; y: number }> {
  // A string, so the test compiler's helpers do not leak into the page.
  const found = (await page.evaluate(`(() => {
    const pane = document.querySelector('.react-flow').getBoundingClientRect();
    for (let y = pane.top + 20; y < pane.bottom - 20; y += 15) {
      for (let x = pane.left + 20; x < pane.right - 20; x += 15) {
        const el = document.elementFromPoint(x, y);
        if (el && el.classList.contains('react-flow__pane')) return { x, y };
      }
    }
    return null;
  })()`)) as { x: number; y: number } | null;
  if (!found) throw new Error('no empty spot on the pane to pan from');
  return found;
}

/** Moves the pressed mouse from (x, y) by (dx, dy) in `steps` moves. */
export async function pressAndMove(page: Page, x: number, y: number, dx: number, dy: number, steps: number): Promise<void> {
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= steps; i++) {
    await page.mouse.move(x + (dx * i) / steps, y + (dy * i) / steps);
  }
  await page.mouse.up();
}

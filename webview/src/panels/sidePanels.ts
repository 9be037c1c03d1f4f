// Room for the two side panels, the template palette (left) and the inspector (right), beside
// the canvas. Like VS Code's side bars: they sit beside the canvas while there is room; when the
// designer cannot hold both and still a usable canvas, opening one closes the other (the one
// opened earlier gives way); and when not even one fits beside a usable canvas, the open panel
// floats over the canvas instead of squeezing it. Pure; the numbers match the panels' CSS.

export type SidePanel = 'palette' | 'inspector';

/** palette.css: .pw-palette min-width (it prefers 260 px). */
export const PALETTE_MIN_WIDTH = 220;
/** inspector.css: .pw-inspector min-width (it prefers 300 px). */
export const INSPECTOR_MIN_WIDTH = 220;
/** Narrower than this, a canvas shows about one stage and little else (panels.css). */
export const CANVAS_MIN_WIDTH = 320;
/** The collapsed palette's strip, at most (palette.css .pw-palette-closed). */
export const PALETTE_STRIP_WIDTH = 32;

export interface PanelRoom {
  /** Both panels fit beside a usable canvas. */
  both: boolean;
  /** An open panel floats over the canvas instead of taking width from it. */
  overlay: boolean;
}

/** `width`: the designer's width below the toolbar; 0 while it is not measured yet. */
export function panelRoom(width: number): PanelRoom {
  if (width <= 0) return { both: true, overlay: false };
  return {
    both: width >= PALETTE_MIN_WIDTH + INSPECTOR_MIN_WIDTH + CANVAS_MIN_WIDTH,
    // The inspector alone still has the palette's strip beside it.
    overlay: width < Math.max(PALETTE_MIN_WIDTH, PALETTE_STRIP_WIDTH + INSPECTOR_MIN_WIDTH) + CANVAS_MIN_WIDTH,
  };
}

/** The panel to close now, if both are open without room for both: the one not opened last. */
export function panelToClose(width: number, open: Record<SidePanel, boolean>, openedLast: SidePanel): SidePanel | undefined {
  if (!open.palette || !open.inspector || panelRoom(width).both) return undefined;
  return openedLast === 'palette' ? 'inspector' : 'palette';
}

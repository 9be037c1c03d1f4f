// When the minimap is drawn. React Flow's minimap is a fixed 200 × 150 box in the canvas's
// bottom-right corner: in a pane beside the text (about 600 px) it covers a third of the width
// and sits on the nodes, so below a pane size it is hidden unless the user turned it on; the
// toolbar's toggle (remembered per designer) overrides either way.
import { useStore } from '@xyflow/react';

/** Smallest canvas pane in which the minimap shows by itself, in CSS pixels. */
export const MINIMAP_AUTO_MIN = { width: 720, height: 480 } as const;

/** `choice`: the user's toggle, or undefined to follow the pane size. */
export function minimapShown(pane: { width: number; height: number }, choice: boolean | undefined): boolean {
  return choice ?? (pane.width >= MINIMAP_AUTO_MIN.width && pane.height >= MINIMAP_AUTO_MIN.height);
}

/** minimapShown for the canvas on screen (needs the React Flow provider). */
export function useMinimapShown(choice: boolean | undefined): boolean {
  return useStore((s) => minimapShown(s, choice));
}

// What of the palette survives a webview reload (kept in the page's saved state).
export interface PaletteState {
  open: boolean;
  query: string;
}

/** Narrower than this, an open palette would leave the graph too little room beside the text. */
export const PALETTE_OPEN_MIN_WIDTH = 960;

/** Open when the designer is wide enough; after that, whatever the user last chose. */
export function initialPaletteState(designerWidth: number): PaletteState {
  return { open: designerWidth >= PALETTE_OPEN_MIN_WIDTH, query: '' };
}

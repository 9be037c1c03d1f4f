// What of the palette survives a webview reload (kept in the page's saved state).
export interface PaletteState {
  open: boolean;
  query: string;
}

export const INITIAL_PALETTE_STATE: PaletteState = { open: true, query: '' };

// What of the find box survives a webview reload (kept in the page's saved state).
export interface FindState {
  open: boolean;
  /** The search text; kept while the box is closed, so Ctrl+F brings it back. */
  query: string;
  /** Which match the count shows (0-based), -1 for none. */
  current: number;
}

export const CLOSED_FIND: FindState = { open: false, query: '', current: -1 };

/** Saved state is data from an older run: check it like any input. */
export function isFindState(v: unknown): v is FindState {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Record<string, unknown>;
  return typeof s.open === 'boolean' && typeof s.query === 'string' && Number.isInteger(s.current) && (s.current as number) >= -1;
}

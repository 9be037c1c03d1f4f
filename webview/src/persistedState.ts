// What survives a webview reload (VS Code keeps it across hide/show and window reloads):
// the view, the viewport and the selection, restored before the host resends the document, and
// the panels as the user left them (palette, inspector, find box, minimap).
import type { Viewport } from '@xyflow/react';
import type { DocumentView } from './documentState';
import { checkGraph, isRecord } from './hostMessages';
import { checkNodePositions, type NodePositions } from '../../src/shared/nodePositions';
import type { PaletteState } from './palette/paletteState';
import { isFindState, type FindState } from './find/findState';
import type { RunChoice } from '../../src/core/operate/overlay';
import { parseRunChoice } from '../../src/shared/protocol';

export interface PersistedState {
  schema: 1;
  view: DocumentView;
  viewport?: Viewport;
  selection: string[];
  /** Where nodes were dragged in this file (the host keeps the lasting copy). */
  positions?: NodePositions;
  /** The template palette: open or collapsed, and its search text. */
  palette?: PaletteState;
  /** The inspector side panel is open. */
  inspectorOpen?: boolean;
  /** The find box: open or closed, its search text and the match shown. */
  find?: FindState;
  /** The minimap turned on or off with the toolbar; absent: shown when the pane is roomy. */
  minimap?: boolean;
  /** Which run the picker shows over a GitHub workflow; absent: the latest on the branch. */
  runChoice?: RunChoice;
}

/** Saved state is data from an older run, maybe an older build: check it like any input. */
export function readPersistedState(raw: unknown): PersistedState | undefined {
  if (!isRecord(raw) || raw.schema !== 1 || !isRecord(raw.view)) return undefined;
  const view = raw.view;
  if (typeof view.fileName !== 'string' || typeof view.stale !== 'boolean' || !Array.isArray(view.problems)) return undefined;
  if (view.version !== undefined && !Number.isInteger(view.version)) return undefined;
  const problemsOk = view.problems.every(
    (p) => isRecord(p) && typeof p.message === 'string' && Number.isInteger(p.line) && Number.isInteger(p.column),
  );
  if (!problemsOk) return undefined;
  if (view.graph !== undefined && checkGraph(view.graph) !== undefined) return undefined;
  const selection = Array.isArray(raw.selection) ? raw.selection.filter((id): id is string => typeof id === 'string') : [];
  return {
    schema: 1,
    view: view as unknown as DocumentView,
    selection,
    ...(isViewport(raw.viewport) ? { viewport: raw.viewport } : {}),
    ...(raw.positions !== undefined && checkNodePositions(raw.positions).ok ? { positions: raw.positions as NodePositions } : {}),
    ...(isPaletteState(raw.palette) ? { palette: { open: raw.palette.open, query: raw.palette.query } } : {}),
    ...(typeof raw.inspectorOpen === 'boolean' ? { inspectorOpen: raw.inspectorOpen } : {}),
    ...(isFindState(raw.find) ? { find: { open: raw.find.open, query: raw.find.query, current: raw.find.current } } : {}),
    ...(typeof raw.minimap === 'boolean' ? { minimap: raw.minimap } : {}),
    ...(parseRunChoice(raw.runChoice) ? { runChoice: parseRunChoice(raw.runChoice)! } : {}),
  };
}

function isViewport(v: unknown): v is Viewport {
  return (
    isRecord(v) &&
    [v.x, v.y, v.zoom].every((n) => typeof n === 'number' && Number.isFinite(n)) &&
    (v.zoom as number) > 0
  );
}

function isPaletteState(v: unknown): v is PaletteState {
  return isRecord(v) && typeof v.open === 'boolean' && typeof v.query === 'string';
}

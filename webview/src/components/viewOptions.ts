// One fit for the first paint, the toolbar and the Controls: the whole graph, never enlarged.
export const FIT_VIEW_OPTIONS = { padding: 0.1, maxZoom: 1, duration: 0 } as const;

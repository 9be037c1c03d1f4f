// The findings of the graph on screen, for node badges (React Flow draws nodes without props from
// the app, so they read this instead).
import { createContext, useContext } from 'react';
import { NO_FINDINGS, type IndexedFinding } from './nodeFindings';

export const LintContext = createContext(NO_FINDINGS.byNode);

export function useNodeFindings(nodeId: string): readonly IndexedFinding[] {
  return useContext(LintContext).get(nodeId) ?? EMPTY;
}

const EMPTY: readonly IndexedFinding[] = [];

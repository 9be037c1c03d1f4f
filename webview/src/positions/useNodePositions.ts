// The positions the user dragged nodes to in this file: held here while the page lives, saved
// to the host (workspace state) shortly after a drop, replaced when the host sends its copy.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { PipelineGraph } from '../../../src/core/model';
import { MAX_SAVED_POSITIONS, keepPositions, savedPosition, type NodePositions } from '../../../src/shared/nodePositions';
import type { HostConnection } from '../vscodeApi';

/** A drag often comes in a burst of small corrections; save once the user has let go for a bit. */
export const SAVE_DELAY_MS = 400;

export interface NodePositionsControl {
  positions: NodePositions;
  /** Nodes dropped at new positions; ids not in `graph` are forgotten on the way. */
  moveNodes(moves: NodePositions, graph: PipelineGraph): void;
  /** The host's copy (on open, from another tab, after the Tidy Layout command). */
  replaceFromHost(positions: NodePositions): void;
  /** Forget every position: the layout decides again. */
  tidy(): void;
  /**
   * Counts the times the layout was asked to decide everything again (Tidy, or the host's empty
   * copy): nodes an edit kept in place (keptPlaces.ts) are laid out afresh when it changes.
   */
  layoutEpoch: number;
  /** A rename is on its way to the host: the node keeps its place under its new id. */
  followRename(fromId: string, toId: string): void;
}

export function useNodePositions(
  host: HostConnection,
  restored: NodePositions | undefined,
  persist: (positions: NodePositions) => void,
): NodePositionsControl {
  const [positions, setPositions] = useState<NodePositions>(restored ?? {});
  const [layoutEpoch, setLayoutEpoch] = useState(0);
  const latest = useRef(positions);
  const pendingSave = useRef<ReturnType<typeof setTimeout>>(undefined);
  const persistRef = useRef(persist);
  persistRef.current = persist;

  const cancelSave = () => {
    if (pendingSave.current !== undefined) clearTimeout(pendingSave.current);
    pendingSave.current = undefined;
  };
  const show = useCallback((next: NodePositions) => {
    latest.current = next;
    setPositions(next);
    persistRef.current(next);
  }, []);

  const moveNodes = useCallback((moves: NodePositions, graph: PipelineGraph) => {
    const ids = new Set(graph.nodes.map((n) => n.id));
    const next = keepPositions({ ...latest.current, ...moves }, ids);
    show(next);
    cancelSave();
    pendingSave.current = setTimeout(() => {
      pendingSave.current = undefined;
      host.post({ type: 'savePositions', positions: bounded(latest.current) });
    }, SAVE_DELAY_MS);
  }, [host, show]);

  const replaceFromHost = useCallback((next: NodePositions) => {
    // The host's copy is newer than a save we have not sent yet (Tidy from the command palette).
    cancelSave();
    show(next);
    if (Object.keys(next).length === 0) setLayoutEpoch((n) => n + 1);
  }, [show]);

  const tidy = useCallback(() => {
    cancelSave();
    show({});
    setLayoutEpoch((n) => n + 1);
    host.post({ type: 'savePositions', positions: {} });
  }, [host, show]);

  const followRename = useCallback((fromId: string, toId: string) => {
    const at = savedPosition(latest.current, fromId);
    // Both ids for now: the rename may be refused; the next save keeps only the one that exists.
    if (at) show({ ...latest.current, [toId]: at });
  }, [show]);

  // A save still waiting when the page goes away is sent rather than lost.
  useEffect(() => () => {
    if (pendingSave.current === undefined) return;
    cancelSave();
    host.post({ type: 'savePositions', positions: bounded(latest.current) });
  }, [host]);

  return useMemo(
    () => ({ positions, moveNodes, replaceFromHost, tidy, layoutEpoch, followRename }),
    [positions, moveNodes, replaceFromHost, tidy, layoutEpoch, followRename],
  );
}

function bounded(positions: NodePositions): NodePositions {
  const entries = Object.entries(positions);
  return entries.length <= MAX_SAVED_POSITIONS ? positions : Object.fromEntries(entries.slice(0, MAX_SAVED_POSITIONS));
}

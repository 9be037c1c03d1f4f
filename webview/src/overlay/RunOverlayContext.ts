// The run shown over the graph, for the nodes and the inspector: undefined before the host says
// anything (and in designers of other dialects, which never get one).
import { createContext, useEffect, useState } from 'react';
import type { RunOverlay } from '../../../src/shared/protocol';
import './overlay.css';

export const RunOverlayContext = createContext<RunOverlay | undefined>(undefined);

/** The time, once a second while `ticking` (a job still runs): its duration grows on screen. */
export function useNow(ticking: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return undefined;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [ticking]);
  return now;
}

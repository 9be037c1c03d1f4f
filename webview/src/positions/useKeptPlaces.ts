// Keeps nodes where they were drawn when the graph changes (keptPlaces.ts), until the layout is
// asked to decide afresh: a new column rule, or Tidy Layout (the epoch). The first drawing of a
// file is the layout's own.
import { useEffect, useRef } from 'react';
import type { PipelineGraph } from '../../../src/core/model';
import type { NodePositions } from '../../../src/shared/nodePositions';
import type { ColumnRule, GraphLayout } from '../layout/types';
import type { LaidOutGraph } from '../layout/useGraphLayout';
import { keptPlaces } from './keptPlaces';

export interface KeptPlaces {
  /** Places kept for the graph shown (a new object only when they are worked out again). */
  positions: NodePositions;
  /** Call after placing: what is drawn now is where nodes stay after the next change. */
  remember(shown: LaidOutGraph | undefined, placed: GraphLayout | undefined): void;
}

interface Drawn {
  graph: PipelineGraph;
  columns: ColumnRule;
  epoch: number;
  layout: GraphLayout;
}

export function useKeptPlaces(shown: LaidOutGraph | undefined, epoch: number, onKeptPlaces?: (keeps: boolean) => void): KeptPlaces {
  const drawn = useRef<Drawn>(undefined);
  const current = useRef<{ graph?: PipelineGraph; columns?: ColumnRule; epoch: number; kept: KeptPlaces }>(undefined);
  if (!current.current || (shown && (current.current.graph !== shown.graph || current.current.columns !== shown.columns || current.current.epoch !== epoch))) {
    const before = drawn.current;
    const positions =
      shown && before && before.graph !== shown.graph && before.columns === shown.columns && before.epoch === epoch
        ? keptPlaces(before.graph, before.layout, shown.graph)
        : NONE;
    current.current = {
      ...(shown ? { graph: shown.graph, columns: shown.columns } : {}),
      epoch,
      kept: {
        positions,
        remember: (s, placed) => {
          if (s && placed) drawn.current = { graph: s.graph, columns: s.columns, epoch, layout: placed };
        },
      },
    };
  }
  const kept = current.current.kept;
  const keeps = Object.keys(kept.positions).length > 0;
  const report = useRef(onKeptPlaces);
  report.current = onKeptPlaces;
  useEffect(() => report.current?.(keeps), [keeps]);
  return kept;
}

const NONE: NodePositions = {};

/** The user's own positions over the kept ones. */
export function withKept(kept: NodePositions, user: NodePositions): NodePositions {
  if (Object.keys(kept).length === 0) return user;
  return { ...kept, ...user };
}

// The drawn nodes with the selection and React Flow's measurements laid over them. A node keeps
// its object while its inputs stay the same: React Flow re-reads and re-renders only the nodes
// it is given new objects for, so moving the selection on a 1000-job graph touches the two
// nodes whose selection changed instead of all of them.
import { useMemo, useRef } from 'react';
import type { DesignerNode } from './flowTypes';

export interface NodeSize {
  width: number;
  height: number;
}

interface Made {
  from: DesignerNode;
  selected: boolean;
  size: NodeSize | undefined;
  node: DesignerNode;
}

/**
 * `sizes` is read when `sizesVersion` changes (it is a mutable map the canvas fills as React
 * Flow measures); each measurement is a new object, so an unchanged size is the same object.
 */
export function useSelectedNodes(
  base: readonly DesignerNode[],
  selection: readonly string[],
  sizes: ReadonlyMap<string, NodeSize>,
  sizesVersion: number,
): DesignerNode[] {
  const made = useRef(new Map<string, Made>());
  return useMemo(() => {
    const chosen = new Set(selection);
    const next = new Map<string, Made>();
    const nodes = base.map((from) => {
      const selected = chosen.has(from.id);
      const size = sizes.get(from.id);
      const before = made.current.get(from.id);
      if (before && before.from === from && before.selected === selected && before.size === size) {
        next.set(from.id, before);
        return before.node;
      }
      const draggable = from.type === 'job' || from.type === 'stage';
      const node = { ...from, selected, draggable, ...(size ? { measured: size } : {}) } as DesignerNode;
      next.set(from.id, { from, selected, size, node });
      return node;
    });
    made.current = next;
    return nodes;
    // `sizesVersion` stands for the contents of `sizes`.
  }, [base, selection, sizes, sizesVersion]);
}

// Where the arrow keys go from a node, on the boxes as drawn. Pure.
//
// - Right: to a node that depends on this one (an outgoing edge), the one closest in height;
//   with none, to the nearest node to the right.
// - Left: to a dependency of this one (an incoming edge), the one closest in height; with none,
//   to the nearest node to the left.
// - Up / Down: to the nearest node above / below in the same column (boxes that overlap
//   horizontally, so an Azure stage's header is above its first job); with none, to the
//   nearest node in that direction.
// "Nearest" counts distance across the direction of travel double, so the move stays in line.
// A stage group is placed at its header, not its middle, so its jobs are below it.
import { STAGE_HEADER_HEIGHT } from '../layout/nodeSize';

export type Direction = 'left' | 'right' | 'up' | 'down';

export interface NavigationBox {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Stage groups are anchored at their header. */
  group?: boolean;
}

export interface NavigationEdge {
  from: string;
  to: string;
}

/** Height of a stage group's header, where its anchor sits. */
const GROUP_HEADER = STAGE_HEADER_HEIGHT;

interface Anchor {
  box: NavigationBox;
  x: number;
  y: number;
}

function anchorOf(box: NavigationBox): Anchor {
  return { box, x: box.x + box.width / 2, y: box.group ? box.y + GROUP_HEADER / 2 : box.y + box.height / 2 };
}

export const ARROW_DIRECTIONS: Readonly<Record<string, Direction>> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
};

export function nextNode(
  boxes: readonly NavigationBox[],
  edges: readonly NavigationEdge[],
  fromId: string,
  direction: Direction,
): string | undefined {
  const anchors = boxes.map(anchorOf);
  const from = anchors.find((a) => a.box.id === fromId);
  if (!from) return undefined;
  const others = anchors.filter((a) => a.box.id !== fromId);

  if (direction === 'left' || direction === 'right') {
    const linked = new Set(
      edges
        .filter((e) => (direction === 'right' ? e.from === fromId : e.to === fromId))
        .map((e) => (direction === 'right' ? e.to : e.from)),
    );
    const neighbours = others.filter((a) => linked.has(a.box.id));
    if (neighbours.length > 0) return closest(neighbours, (a) => Math.abs(a.y - from.y) * 2 + Math.abs(a.x - from.x));
    const sign = direction === 'right' ? 1 : -1;
    const ahead = others.filter((a) => (a.x - from.x) * sign > 1);
    return closest(ahead, (a) => Math.abs(a.x - from.x) + 2 * Math.abs(a.y - from.y));
  }

  const sign = direction === 'down' ? 1 : -1;
  const ahead = others.filter((a) => (a.y - from.y) * sign > 1);
  const overlaps = (a: Anchor) => a.box.x < from.box.x + from.box.width && from.box.x < a.box.x + a.box.width;
  const column = ahead.filter(overlaps);
  if (column.length > 0) return closest(column, (a) => Math.abs(a.y - from.y) + Math.abs(a.x - from.x));
  return closest(ahead, (a) => Math.abs(a.y - from.y) + 2 * Math.abs(a.x - from.x));
}

/** The node to start from when nothing is selected: the top-left one. */
export function firstNode(boxes: readonly NavigationBox[]): string | undefined {
  return closest(boxes.map(anchorOf), (a) => a.x + a.y * 2);
}

function closest(anchors: readonly Anchor[], distance: (a: Anchor) => number): string | undefined {
  let best: Anchor | undefined;
  let bestDistance = Infinity;
  for (const a of anchors) {
    const d = distance(a);
    // Ties go to the earlier box, so the result does not depend on floating-point noise.
    if (d < bestDistance - 0.5) {
      best = a;
      bestDistance = d;
    }
  }
  return best?.box.id;
}

// The output of layout: plain, serialisable boxes (so layout can move into a Web Worker later).

/** A box in flow coordinates. x and y are absolute (top-left), even for children of a group. */
export interface LayoutBox {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Azure: the stage group box holding this job or ghost. */
  parentId?: string;
}

/** A GitLab stage drawn as a background column. */
export interface LaneBox extends LayoutBox {
  name: string;
  implicit: boolean;
}

export interface GraphLayout {
  /** One box per graph node; group boxes come before the boxes they hold. */
  nodes: LayoutBox[];
  /** One box per missing dependency id (its id is the missing id). */
  ghosts: LayoutBox[];
  lanes: LaneBox[];
}

export type { ColumnRule } from '../../../src/shared/protocol';

/** What the layout engines place: a node or a ghost, with its size. */
export interface SizedItem {
  id: string;
  width: number;
  height: number;
}

export interface LayoutEdge {
  from: string;
  to: string;
}

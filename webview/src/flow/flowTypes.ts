// The React Flow node and edge shapes the designer draws.
import type { Edge, Node } from '@xyflow/react';
import type { GraphNode } from '../../../src/core/model';
import type { FlagSeverity, NodeFlags } from './nodeFlags';

export interface GraphNodeData extends Record<string, unknown> {
  node: GraphNode;
  /** Reference / cycle problems on this node (nodeFlags.ts); absent: none. */
  flags?: NodeFlags;
}

export interface GhostNodeData extends Record<string, unknown> {
  missingId: string;
  /** 'warning' when every reference to it may be to a name defined in a file not read here. */
  severity: FlagSeverity;
  /** The file of the pipeline that defines it (GraphEdge.definedIn): then it is not missing, and not flagged. */
  definedIn?: string;
}

export interface LaneNodeData extends Record<string, unknown> {
  name: string;
  implicit: boolean;
  /** The file whose `stages:` declares it, when another file of the pipeline does (Lane.declaredIn). */
  declaredIn?: string;
}

export type JobFlowNode = Node<GraphNodeData, 'job'>;
export type StageFlowNode = Node<GraphNodeData, 'stage'>;
export type GhostFlowNode = Node<GhostNodeData, 'ghost'>;
export type LaneFlowNode = Node<LaneNodeData, 'lane'>;
export type DesignerNode = JobFlowNode | StageFlowNode | GhostFlowNode | LaneFlowNode;
export type DesignerEdge = Edge;

/** Class on every node that stands for a graph node (not a ghost, not a lane). */
export const GRAPH_NODE_CLASS = 'pw-graph-node';
/** Class on a ghost another file of the pipeline defines: Enter or a click opens its definition. */
export const ELSEWHERE_GHOST_CLASS = 'pw-ghost-elsewhere-node';

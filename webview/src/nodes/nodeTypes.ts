// Node type name → component. Defined once at module level: React Flow warns (and re-mounts
// every node) when this object changes identity between renders.
import type { NodeTypes } from '@xyflow/react';
import { GhostNode } from './GhostNode';
import { JobNode } from './JobNode';
import { LaneNode } from './LaneNode';
import { StageGroupNode } from './StageGroupNode';

export const NODE_TYPES: NodeTypes = {
  job: JobNode,
  stage: StageGroupNode,
  ghost: GhostNode,
  lane: LaneNode,
};

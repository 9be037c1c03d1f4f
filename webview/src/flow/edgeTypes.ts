// Edge type name → component, at module level for a stable identity (see nodes/nodeTypes.ts).
import type { EdgeTypes } from '@xyflow/react';
import { DependencyEdge } from './DependencyEdge';

export const EDGE_TYPES: EdgeTypes = { dependency: DependencyEdge };

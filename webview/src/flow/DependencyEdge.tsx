// Dependency arrows. Forward edges are React Flow's bezier; an edge whose target lies left of its
// source (the edge closing a cycle) arcs over the nodes instead of running behind them.
import { BaseEdge, getBezierPath, type EdgeProps } from '@xyflow/react';

/** Horizontal reach of the arc's ends, so it leaves and enters the nodes sideways. */
const ARC_REACH = 60;

export function DependencyEdge(props: EdgeProps) {
  const { sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd, style, interactionWidth } = props;
  let path: string;
  if (targetX >= sourceX) {
    [path] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  } else {
    const lift = 50 + Math.abs(sourceX - targetX) * 0.12;
    const top = Math.min(sourceY, targetY) - lift;
    path =
      `M ${sourceX},${sourceY} C ${sourceX + ARC_REACH},${sourceY} ${sourceX + ARC_REACH},${top} ${sourceX},${top} ` +
      `L ${targetX},${top} C ${targetX - ARC_REACH},${top} ${targetX - ARC_REACH},${targetY} ${targetX},${targetY}`;
  }
  return <BaseEdge path={path} markerEnd={markerEnd} style={style} interactionWidth={interactionWidth} />;
}

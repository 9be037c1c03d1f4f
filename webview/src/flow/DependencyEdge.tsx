// Dependency arrows. A forward edge runs left to right around the boxes between its ends (see
// edgeRoutes.ts); an edge whose target lies left of its source (the edge closing a cycle) arcs
// over the nodes instead of running behind them.
import { BaseEdge, type EdgeProps } from '@xyflow/react';
import { useContext } from 'react';
import { routeEdge } from './edgeRoutes';
import { RouteContext } from './routeContext';

/** Horizontal reach of the arc's ends, so it leaves and enters the nodes sideways. */
const ARC_REACH = 60;

export function DependencyEdge(props: EdgeProps) {
  const { source, target, sourceX, sourceY, targetX, targetY, markerEnd, style, interactionWidth } = props;
  const obstacles = useContext(RouteContext);
  let path: string;
  if (targetX >= sourceX) {
    path = routeEdge(obstacles, { id: source, x: sourceX, y: sourceY }, { id: target, x: targetX, y: targetY });
  } else {
    const lift = 50 + Math.abs(sourceX - targetX) * 0.12;
    const top = Math.min(sourceY, targetY) - lift;
    path =
      `M ${sourceX},${sourceY} C ${sourceX + ARC_REACH},${sourceY} ${sourceX + ARC_REACH},${top} ${sourceX},${top} ` +
      `L ${targetX},${top} C ${targetX - ARC_REACH},${top} ${targetX - ARC_REACH},${targetY} ${targetX},${targetY}`;
  }
  return <BaseEdge path={path} markerEnd={markerEnd} style={style} interactionWidth={interactionWidth} />;
}

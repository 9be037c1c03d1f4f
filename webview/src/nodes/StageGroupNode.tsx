// An Azure stage: a labelled box; React Flow draws its jobs inside it (parentId). Its header has
// two lines so the name gets the box's whole width: the name, then kind, environment, gate and
// strategy (cut with an ellipsis, whole in the tooltip).
import type { NodeProps } from '@xyflow/react';
import { gateLabel, kindLabel } from '../flow/describe';
import type { StageFlowNode } from '../flow/flowTypes';
import { useIsDropTarget } from '../lanes/laneContext';
import { NodeHandles } from './NodeHandles';
import { NodeTitle } from './NodeTitle';

export function StageGroupNode({ data, isConnectable }: NodeProps<StageFlowNode>) {
  const { node, flags } = data;
  const dropTarget = useIsDropTarget(node.id);
  const kind = kindLabel(node.kind);
  const facts = [
    node.environment !== undefined ? `env ${node.environment}` : undefined,
    node.gate ? gateLabel(node.gate) : undefined,
    node.strategy,
  ].filter((f): f is string => f !== undefined);
  const subtitle = [kind.charAt(0).toUpperCase() + kind.slice(1), ...facts].join(' · ');
  return (
    <div className={`pw-stage pw-kind-${node.kind}${dropTarget ? ' pw-stage-drop-target' : ''}`}>
      <NodeHandles connectable={isConnectable} />
      <div className="pw-stage-header">
        <NodeTitle node={node} flags={flags} />
        <div className="pw-stage-facts" title={subtitle}>
          <span className="pw-stage-kind">{kind}</span>
          {facts.map((fact) => ` · ${fact}`).join('')}
        </div>
      </div>
    </div>
  );
}

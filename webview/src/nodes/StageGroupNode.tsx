// An Azure stage: a labelled box; React Flow draws its jobs inside it (parentId).
import type { NodeProps } from '@xyflow/react';
import { gateLabel } from '../flow/describe';
import type { StageFlowNode } from '../flow/flowTypes';
import { useIsDropTarget } from '../lanes/laneContext';
import { NodeHandles } from './NodeHandles';
import { NodeTitle } from './NodeTitle';

export function StageGroupNode({ data, isConnectable }: NodeProps<StageFlowNode>) {
  const { node, flags } = data;
  const dropTarget = useIsDropTarget(node.id);
  const facts = [
    node.environment !== undefined ? `env ${node.environment}` : undefined,
    node.gate ? gateLabel(node.gate) : undefined,
    node.strategy,
  ].filter((f): f is string => f !== undefined);
  return (
    <div className={`pw-stage pw-kind-${node.kind}${dropTarget ? ' pw-stage-drop-target' : ''}`}>
      <NodeHandles connectable={isConnectable} />
      <div className="pw-stage-header">
        <NodeTitle node={node} flags={flags} />
        {facts.length > 0 ? <span className="pw-stage-facts" title={facts.join(' · ')}>
            {facts.join(' · ')}
          </span> : null}
      </div>
    </div>
  );
}

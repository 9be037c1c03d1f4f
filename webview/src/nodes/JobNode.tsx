// A job card.
import type { NodeProps } from '@xyflow/react';
import type { JobFlowNode } from '../flow/flowTypes';
import { NodeDetails } from './NodeDetails';
import { NodeHandles } from './NodeHandles';
import { NodeTitle } from './NodeTitle';

export function JobNode({ data, isConnectable }: NodeProps<JobFlowNode>) {
  const { node, flags } = data;
  return (
    <div className={`pw-job pw-kind-${node.kind}`}>
      <NodeHandles connectable={isConnectable} />
      <NodeTitle node={node} flags={flags} />
      <NodeDetails node={node} />
    </div>
  );
}

// A job card; with a run shown over the graph, its status badge and a context menu for the job.
import type { NodeProps } from '@xyflow/react';
import { useContext } from 'react';
import type { JobFlowNode } from '../flow/flowTypes';
import { jobContextMenu } from '../overlay/jobContextMenu';
import { RunOverlayContext } from '../overlay/RunOverlayContext';
import { RunStatusBadge } from '../overlay/RunStatusBadge';
import { NodeDetails } from './NodeDetails';
import { NodeHandles } from './NodeHandles';
import { NodeTitle } from './NodeTitle';

export function JobNode({ data, isConnectable }: NodeProps<JobFlowNode>) {
  const { node, flags } = data;
  const overlay = useContext(RunOverlayContext);
  const status = overlay?.state === 'shown' ? overlay.nodes[node.id] : undefined;
  const menu = overlay?.state === 'shown' && overlay.run && status ? jobContextMenu(overlay.run, status) : undefined;
  return (
    <div className={`pw-job pw-kind-${node.kind}${status ? ` pw-run-${status.light}` : ''}`} {...(menu ? { 'data-vscode-context': menu } : {})}>
      <NodeHandles connectable={isConnectable} />
      <NodeTitle node={node} flags={flags} />
      <NodeDetails node={node} />
      <RunStatusBadge nodeId={node.id} />
    </div>
  );
}

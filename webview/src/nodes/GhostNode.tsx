// Stand-in for a dependency that no job defines: dashed, flagged, not selectable.
import type { NodeProps } from '@xyflow/react';
import type { GhostFlowNode } from '../flow/flowTypes';
import { NodeHandles } from './NodeHandles';

export function GhostNode({ data }: NodeProps<GhostFlowNode>) {
  return (
    <div
      className={data.severity === 'warning' ? 'pw-ghost pw-ghost-warning' : 'pw-ghost'}
      title={`"${data.missingId}" is referenced but not defined in this file${data.severity === 'warning' ? '; it may be defined in another file' : ''}`}
    >
      <NodeHandles connectable={false} />
      <div className="pw-title">
        <span className="codicon codicon-question" aria-hidden="true" />
        <span className="pw-name">{data.missingId}</span>
      </div>
      <div className="pw-row">not defined</div>
    </div>
  );
}

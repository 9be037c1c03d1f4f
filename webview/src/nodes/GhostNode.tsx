// Stand-in for a dependency the file does not define: dashed and not selectable. Flagged when no
// file defines it; plain, naming the file, when another file of the pipeline does.
import type { NodeProps } from '@xyflow/react';
import type { GhostFlowNode } from '../flow/flowTypes';
import { NodeHandles } from './NodeHandles';

export function GhostNode({ data }: NodeProps<GhostFlowNode>) {
  if (data.definedIn !== undefined) {
    return (
      <div className="pw-ghost pw-ghost-elsewhere" title={`"${data.missingId}" is defined in ${data.definedIn}`}>
        <NodeHandles connectable={false} />
        <div className="pw-title">
          <span className="codicon codicon-file" aria-hidden="true" />
          <span className="pw-name">{data.missingId}</span>
        </div>
        <div className="pw-row">in {data.definedIn}</div>
      </div>
    );
  }
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

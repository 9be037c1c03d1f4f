// A GitLab stage column behind its jobs.
import type { NodeProps } from '@xyflow/react';
import type { LaneFlowNode } from '../flow/flowTypes';

export function LaneNode({ data }: NodeProps<LaneFlowNode>) {
  return (
    <div className={data.implicit ? 'pw-lane pw-lane-implicit' : 'pw-lane'}>
      <div className="pw-lane-header">
        <span className="codicon codicon-layers" aria-hidden="true" />
        <span className="pw-name">{data.name}</span>
        {data.implicit ? <span className="pw-lane-note">implicit</span> : null}
      </div>
    </div>
  );
}

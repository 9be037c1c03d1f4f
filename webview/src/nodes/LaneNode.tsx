// A GitLab stage column behind its jobs; its header carries the lane's actions.
import type { NodeProps } from '@xyflow/react';
import type { LaneFlowNode } from '../flow/flowTypes';
import { useIsDropTarget } from '../lanes/laneContext';
import { LaneHeader } from '../lanes/LaneHeader';

export function LaneNode({ data }: NodeProps<LaneFlowNode>) {
  // A GitLab lane's name is its stage name, the id edits use.
  const dropTarget = useIsDropTarget(data.name);
  return (
    <div className={['pw-lane', data.implicit ? 'pw-lane-implicit' : '', dropTarget ? 'pw-stage-drop-target' : ''].filter(Boolean).join(' ')}>
      <LaneHeader lane={data.name} implicit={data.implicit} declaredIn={data.declaredIn} />
    </div>
  );
}

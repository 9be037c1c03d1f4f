// Invisible connection points: edges enter on the left and leave on the right.
import { Handle, Position } from '@xyflow/react';

export function NodeHandles() {
  return (
    <>
      <Handle type="target" position={Position.Left} isConnectable={false} className="pw-handle" />
      <Handle type="source" position={Position.Right} isConnectable={false} className="pw-handle" />
    </>
  );
}

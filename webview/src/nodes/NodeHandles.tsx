// Connection points: edges enter on the left and leave on the right. Dragging from a right-hand
// handle to another node's left-hand one asks for a dependency (see edit/gestures.ts).
import { Handle, Position } from '@xyflow/react';

export function NodeHandles({ connectable }: { connectable: boolean }) {
  return (
    <>
      <Handle type="target" position={Position.Left} isConnectable={connectable} className="pw-handle" />
      <Handle type="source" position={Position.Right} isConnectable={connectable} className="pw-handle" />
    </>
  );
}

// The box over a node's name while it is renamed (see NameInput); commits go through the
// designer's rename control.
import { useContext } from 'react';
import { NameInput } from './NameInput';
import { RenameContext } from './RenameContext';

export function RenameInput({ nodeId, initial, label }: { nodeId: string; initial: string; label: string }) {
  const control = useContext(RenameContext);
  return (
    <NameInput
      initial={initial}
      label={label}
      commit={(typed) => control.commit(nodeId, typed)}
      cancel={() => control.cancel()}
      className="pw-rename"
    />
  );
}

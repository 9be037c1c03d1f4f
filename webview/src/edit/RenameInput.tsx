// The box over a node's name while it is renamed: Enter commits, Escape (or leaving it) cancels.
import { useContext, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { RenameContext } from './RenameContext';

export function RenameInput({ nodeId, initial, label }: { nodeId: string; initial: string; label: string }) {
  const control = useContext(RenameContext);
  const [problem, setProblem] = useState<string>();
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const key = event.key.toLowerCase();
    if ((event.ctrlKey || event.metaKey) && (key === 'z' || key === 'y')) {
      // The box's own undo. Left to bubble, VS Code would take it as undo of the document.
      event.stopPropagation();
      return;
    }
    if (event.key === 'Enter') {
      event.preventDefault();
      event.stopPropagation();
      setProblem(control.commit(nodeId, event.currentTarget.value));
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      control.cancel();
    }
  };

  return (
    <span className="pw-rename">
      <input
        ref={input}
        className="pw-rename-input nodrag nopan nowheel"
        defaultValue={initial}
        aria-label={label}
        aria-invalid={problem ? true : undefined}
        spellCheck={false}
        onKeyDown={onKeyDown}
        onChange={() => setProblem(undefined)}
        onBlur={() => control.cancel()}
      />
      {problem ? (
        <span className="pw-rename-problem" role="alert">
          {problem}
        </span>
      ) : null}
    </span>
  );
}

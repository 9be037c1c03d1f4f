// The box in a lane header for a lane's new name (rename, or the name of a lane to add): Enter
// commits, Escape or leaving it cancels. A name the designer would refuse keeps the box open
// with the reason.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';

interface LaneNameInputProps {
  initial: string;
  label: string;
  /** Returns why the name cannot be used (the box stays open), or undefined when it was taken. */
  commit(typed: string): string | undefined;
  cancel(): void;
}

export function LaneNameInput({ initial, label, commit, cancel }: LaneNameInputProps) {
  const [problem, setProblem] = useState<string>();
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const key = event.key.toLowerCase();
    if ((event.ctrlKey || event.metaKey) && (key === 'z' || key === 'y')) {
      // The box's own undo; left to bubble, VS Code would undo the document.
      event.stopPropagation();
      return;
    }
    if (event.key === 'Enter') {
      event.preventDefault();
      event.stopPropagation();
      setProblem(commit(event.currentTarget.value));
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      cancel();
    }
  };

  return (
    <span className="pw-lane-rename">
      <input
        ref={input}
        className="pw-rename-input pw-lane-name-input nodrag nopan nowheel"
        defaultValue={initial}
        aria-label={label}
        aria-invalid={problem ? true : undefined}
        spellCheck={false}
        onKeyDown={onKeyDown}
        onChange={() => setProblem(undefined)}
        onBlur={cancel}
      />
      {problem ? (
        <span className="pw-rename-problem" role="alert">
          {problem}
        </span>
      ) : null}
    </span>
  );
}

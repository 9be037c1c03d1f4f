// A box for typing a name in place (a node's id, a lane's name): Enter commits, Escape or leaving
// it cancels. A name the designer would refuse keeps the box open with the reason.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';

export interface NameInputProps {
  initial: string;
  label: string;
  /** Returns why the name cannot be used (the box stays open), or undefined when it was taken. */
  commit(typed: string): string | undefined;
  cancel(): void;
  /** Classes of the wrapper and of the input, for where the box sits. */
  className: string;
  inputClassName?: string;
}

export function NameInput({ initial, label, commit, cancel, className, inputClassName }: NameInputProps) {
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
      setProblem(commit(event.currentTarget.value));
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      cancel();
    }
  };

  return (
    <span className={className}>
      <input
        ref={input}
        className={`pw-rename-input ${inputClassName ?? ''} nodrag nopan nowheel`.replace(/\s+/g, ' ')}
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

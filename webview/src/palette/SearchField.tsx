// A @vscode-elements text field for searching as you type (the palette's and the find box's):
// reports each change, keeps its own Ctrl+Z / Ctrl+Y (left to bubble, VS Code would undo the
// document instead) and can be focused with its text selected.
import { forwardRef, useEffect, useImperativeHandle, useRef, type KeyboardEvent } from 'react';

export interface SearchFieldHandle {
  focusAndSelect(): void;
}

interface SearchFieldProps {
  value: string;
  label: string;
  placeholder: string;
  className?: string;
  onChange(value: string): void;
  onKeyDown?(event: KeyboardEvent<HTMLElement>): void;
}

export const SearchField = forwardRef<SearchFieldHandle, SearchFieldProps>(function SearchField(props, handle) {
  const field = useRef<HTMLElement & { value: string }>(null);
  const onChange = useRef(props.onChange);
  onChange.current = props.onChange;

  // The element's input event comes from inside its shadow root; listen on the element itself.
  useEffect(() => {
    const element = field.current;
    if (!element) return undefined;
    const onInput = () => onChange.current(element.value);
    element.addEventListener('input', onInput);
    return () => element.removeEventListener('input', onInput);
  }, []);

  useImperativeHandle(handle, () => ({
    focusAndSelect: () => {
      const element = field.current;
      if (!element) return;
      const focus = () => {
        element.focus();
        element.shadowRoot?.querySelector('input')?.select();
      };
      // A field just added has no inner input to focus until its first render completes.
      const rendered = (element as { updateComplete?: Promise<unknown> }).updateComplete;
      if (rendered) void rendered.then(focus);
      else focus();
    },
  }), []);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const key = event.key.toLowerCase();
    if ((event.ctrlKey || event.metaKey) && (key === 'z' || key === 'y')) {
      event.stopPropagation();
      return;
    }
    props.onKeyDown?.(event);
  };

  return (
    <vscode-textfield
      ref={field}
      className={props.className}
      value={props.value}
      label={props.label}
      aria-label={props.label}
      placeholder={props.placeholder}
      onKeyDown={onKeyDown}
    >
      <span slot="content-before" className="codicon codicon-search" aria-hidden="true" />
    </vscode-textfield>
  );
});

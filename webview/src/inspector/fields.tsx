// The inspector's controls: a text field (or text area) and a select, both @vscode-elements
// components. The parent owns the drafts and decides what a commit sends; these report typing,
// commits (Enter or leaving a field; Ctrl+Enter in a text area) and Escape.
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { FieldSupport } from './fieldSupport';
import './inspectorElements';

interface TextFieldProps {
  /** DOM id, also how tests find the field. */
  fieldId: string;
  label: string;
  draft: string;
  onDraft(text: string): void;
  onCommit(): void;
  /** Escape: the parent reverts the draft, or hands focus back when there is nothing to revert. */
  onEscape(): void;
  /** What is wrong with the draft, shown beside the field. */
  message?: string;
  /** What committing the draft would do, read out when it changes. */
  note?: string;
  support: FieldSupport;
  placeholder?: string;
  multiline?: boolean;
}

export function TextField(props: TextFieldProps) {
  const { fieldId, label, draft, message, note, support, placeholder, multiline } = props;
  const element = useRef<HTMLElement & { value: string }>(null);
  const latest = useRef(props);
  latest.current = props;

  // The elements fire DOM `input` events from their shadow root; listen on the element itself.
  useEffect(() => {
    const el = element.current;
    if (!el) return undefined;
    const onInput = () => latest.current.onDraft(el.value);
    el.addEventListener('input', onInput);
    return () => el.removeEventListener('input', onInput);
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const key = event.key.toLowerCase();
    if ((event.ctrlKey || event.metaKey) && (key === 'z' || key === 'y')) {
      // The field's own undo. Left to bubble, VS Code would take it as undo of the document.
      event.stopPropagation();
      return;
    }
    if (event.key === 'Enter' && (!multiline || event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      latest.current.onCommit();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      latest.current.onEscape();
    }
  };

  const messageId = `${fieldId}-message`;
  const control = multiline ? (
    <vscode-textarea
      ref={element}
      id={fieldId}
      className="pw-inspector-control"
      value={draft}
      label={label}
      rows={3}
      disabled={!support.enabled}
      invalid={message !== undefined}
      placeholder={placeholder}
      onKeyDown={onKeyDown}
      onBlur={() => latest.current.onCommit()}
    />
  ) : (
    <vscode-textfield
      ref={element}
      id={fieldId}
      className="pw-inspector-control"
      value={draft}
      label={label}
      disabled={!support.enabled}
      invalid={message !== undefined}
      placeholder={placeholder}
      onKeyDown={onKeyDown}
      onBlur={() => latest.current.onCommit()}
    />
  );
  return (
    <FieldFrame label={label} support={support} message={message} messageId={messageId}>
      {control}
      {note !== undefined && message === undefined ? (
        <div id={`${fieldId}-note`} className="pw-inspector-note" aria-live="polite">
          {note}
        </div>
      ) : null}
    </FieldFrame>
  );
}

export interface SelectChoice {
  value: string;
  label: string;
  disabled?: boolean;
}

interface SelectFieldProps {
  fieldId: string;
  label: string;
  value: string;
  choices: readonly SelectChoice[];
  onChange(value: string): void;
  support: FieldSupport;
  message?: string;
}

export function SelectField({ fieldId, label, value, choices, onChange, support, message }: SelectFieldProps) {
  const element = useRef<HTMLElement & { value: string }>(null);
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => {
    const el = element.current;
    if (!el) return undefined;
    const onSelect = () => latest.current(el.value);
    el.addEventListener('change', onSelect);
    return () => el.removeEventListener('change', onSelect);
  }, []);
  // Options render after the select; setting the value once they exist keeps it shown.
  useEffect(() => {
    if (element.current && element.current.value !== value) element.current.value = value;
  }, [value, choices]);
  return (
    <FieldFrame label={label} support={support} message={message} messageId={`${fieldId}-message`}>
      <vscode-single-select
        ref={element}
        id={fieldId}
        className="pw-inspector-control"
        value={value}
        label={label}
        disabled={!support.enabled}
        invalid={message !== undefined}
      >
        {choices.map((c) => (
          <vscode-option key={c.value} value={c.value} disabled={c.disabled}>
            {c.label}
          </vscode-option>
        ))}
      </vscode-single-select>
    </FieldFrame>
  );
}

function FieldFrame({ label, support, message, messageId, children }: {
  label: string;
  support: FieldSupport;
  message?: string;
  messageId: string;
  children: ReactNode;
}) {
  return (
    <vscode-form-group variant="vertical" className="pw-inspector-field">
      <vscode-label>{label}</vscode-label>
      {children}
      {message !== undefined ? (
        <div id={messageId} className="pw-inspector-message" role="alert">
          {message}
        </div>
      ) : null}
      {support.reason !== undefined ? <div className="pw-inspector-reason">{support.reason}</div> : null}
    </vscode-form-group>
  );
}

/**
 * A draft that follows `current` (what the graph shows): when a new document changes it, the
 * draft is reset to it; otherwise it keeps what the user typed. `key` tells values apart.
 */
export function useDraft<T>(current: T, key: string): [T, (next: T) => void] {
  const [draft, setDraft] = useState(current);
  const [shownKey, setShownKey] = useState(key);
  if (shownKey !== key) {
    setShownKey(key);
    setDraft(current);
  }
  return [draft, setDraft];
}

/**
 * A reason that two or more fields of a group share is said once, under the group's title,
 * instead of under each field; `own` gives a field the support to draw (without that reason).
 */
export function groupNotes(supports: readonly FieldSupport[]): { note?: string; own(support: FieldSupport): FieldSupport } {
  const counts = new Map<string, number>();
  for (const s of supports) if (s.reason !== undefined) counts.set(s.reason, (counts.get(s.reason) ?? 0) + 1);
  const shared = [...counts].filter(([, n]) => n > 1).sort((a, b) => b[1] - a[1])[0]?.[0];
  return {
    ...(shared !== undefined ? { note: shared } : {}),
    own: (support) => (support.reason !== undefined && support.reason === shared ? { enabled: support.enabled } : support),
  };
}

export function GroupNote({ text }: { text: string | undefined }) {
  return text === undefined ? null : <div className="pw-inspector-reason pw-inspector-group-note">{text}</div>;
}

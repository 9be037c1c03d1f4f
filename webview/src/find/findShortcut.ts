// Ctrl+F (Cmd+F) for the designer's find box, taken at the document so VS Code's own key
// handling (which listens on the window) does not also see it. Never taken from a text field of
// another panel: there Ctrl+F is that field's business.

const TEXT_ENTRY = 'input, textarea, select, [contenteditable=""], [contenteditable="true"], vscode-textfield, vscode-textarea, vscode-single-select, vscode-multi-select';

export function isFindShortcut(event: KeyboardEvent): boolean {
  return (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'f';
}

/** True when the key went to a text field other than `own` (the find box's own field). */
export function typedInOtherField(event: KeyboardEvent, own: Element | null): boolean {
  const target = event.target instanceof Element ? event.target : null;
  const field = target?.closest(TEXT_ENTRY);
  return field !== null && field !== undefined && !(own && own.contains(field));
}

/** Calls `onFind` for each Ctrl+F the designer may take; returns the remover. */
export function listenForFind(onFind: () => void, ownField: () => Element | null): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    if (!isFindShortcut(event) || typedInOtherField(event, ownField())) return;
    event.preventDefault();
    event.stopPropagation();
    onFind();
  };
  document.addEventListener('keydown', onKeyDown);
  return () => document.removeEventListener('keydown', onKeyDown);
}

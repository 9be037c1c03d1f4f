// Find a stage by name or id: Ctrl+F or the toolbar opens a small box over the canvas; typing
// selects and centres the first match, Enter / Shift+Enter step through the matches, Escape
// closes. The count says where you are. A reload brings the box back as it was.
import { useReactFlow, useStoreApi, type Viewport } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { PipelineGraph } from '../../../src/core/model';
import { SearchField, type SearchFieldHandle } from '../palette/SearchField';
import { centerNode } from './centerNode';
import { listenForFind } from './findShortcut';
import { CLOSED_FIND, type FindState } from './findState';
import { matchCountText, matchStages, stepMatch } from './matchStages';
import './find.css';

interface FindBoxProps {
  graph?: PipelineGraph;
  /** Changes each time the toolbar asks to find (0: never asked). */
  openRequest: number;
  /** The box as it was last saved, to start from (read once, when the box is created). */
  initial?: FindState;
  /** Each change of open, query or match shown, for the saved state. */
  onStateChange(state: FindState): void;
  onSelectionChange(ids: string[]): void;
  onViewportChange(viewport: Viewport): void;
}

export function FindBox({ graph, openRequest, initial, onStateChange, onSelectionChange, onViewportChange }: FindBoxProps) {
  const store = useStoreApi();
  const flow = useReactFlow();
  // Restored without taking the focus or moving the view: selection and viewport restore themselves.
  const start = initial ?? CLOSED_FIND;
  const [open, setOpen] = useState(start.open);
  const [query, setQuery] = useState(start.query);
  const [current, setCurrent] = useState(start.current);
  const matches = useMemo(() => matchStages(graph, query), [graph, query]);
  const box = useRef<HTMLDivElement>(null);
  const field = useRef<SearchFieldHandle>(null);
  /** Where the focus was before the box opened, to give it back on Escape. */
  const returnFocus = useRef<HTMLElement | null>(null);

  // Focus once the box is drawn (it may not exist when asked).
  const [focusRequest, setFocusRequest] = useState(0);
  const show = useCallback(() => {
    if (!box.current) {
      const active = document.activeElement;
      returnFocus.current = active instanceof HTMLElement && active !== document.body ? active : null;
    }
    setOpen(true);
    setFocusRequest((n) => n + 1);
  }, []);
  useEffect(() => {
    if (open && focusRequest > 0) field.current?.focusAndSelect();
  }, [open, focusRequest]);

  useEffect(() => listenForFind(show, () => box.current), [show]);
  useEffect(() => {
    if (openRequest > 0) show();
  }, [openRequest, show]);

  const reveal = useCallback((ids: readonly string[], index: number) => {
    setCurrent(index);
    const id = ids[index];
    if (id === undefined) return;
    onSelectionChange([id]);
    void centerNode(store, flow, id).then((moved) => {
      if (moved) onViewportChange(flow.getViewport());
    });
  }, [store, flow, onSelectionChange, onViewportChange]);

  const onQuery = (text: string) => {
    setQuery(text);
    const next = matchStages(graph, text);
    if (next.length > 0) reveal(next, 0);
    else setCurrent(-1);
  };

  // A new document may remove or reorder matches: keep the position within range.
  useEffect(() => {
    if (current >= matches.length) setCurrent(matches.length > 0 ? matches.length - 1 : -1);
  }, [matches, current]);

  // Report changes only: the state the box started from is already saved.
  const reported = useRef<string | null>(null);
  reported.current ??= JSON.stringify(start);
  useEffect(() => {
    const state: FindState = { open, query, current };
    const text = JSON.stringify(state);
    if (text === reported.current) return;
    reported.current = text;
    onStateChange(state);
  }, [open, query, current, onStateChange]);

  const close = () => {
    setOpen(false);
    const back = returnFocus.current;
    returnFocus.current = null;
    if (back?.isConnected) back.focus();
    else document.querySelector<HTMLElement>('.react-flow__node.selected, .react-flow')?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      reveal(matches, stepMatch(matches.length, current, event.shiftKey ? -1 : 1));
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
    }
  };

  if (!open) return null;
  const count = matchCountText(matches.length, current, query);
  return (
    <div className="pw-find" ref={box} role="search" aria-label="Find a stage">
      <SearchField ref={field} className="pw-find-field" value={query} label="Find a stage by name or id" placeholder="Find stage" onChange={onQuery} onKeyDown={onKeyDown} />
      <span className="pw-find-count" role="status" aria-live="polite">
        {count}
      </span>
      <button
        type="button"
        className="pw-find-button"
        aria-label="Previous match (Shift+Enter)"
        title="Previous match (Shift+Enter)"
        disabled={matches.length === 0}
        onClick={() => reveal(matches, stepMatch(matches.length, current, -1))}
      >
        <span className="codicon codicon-arrow-up" aria-hidden="true" />
      </button>
      <button
        type="button"
        className="pw-find-button"
        aria-label="Next match (Enter)"
        title="Next match (Enter)"
        disabled={matches.length === 0}
        onClick={() => reveal(matches, stepMatch(matches.length, current, 1))}
      >
        <span className="codicon codicon-arrow-down" aria-hidden="true" />
      </button>
      <button type="button" className="pw-find-button" aria-label="Close (Escape)" title="Close (Escape)" onClick={close}>
        <span className="codicon codicon-close" aria-hidden="true" />
      </button>
    </div>
  );
}

// The palette: stage templates to drag onto the canvas (or onto an edge), grouped, with a search
// box. Keyboard: Enter (or Space) on a template adds it at the end, Shift+Enter after the
// selected stage; arrow keys, Home and End move between templates. It asks for edits; the graph
// changes when the host answers.
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import type { EditOperation } from '../../../src/core/edit/operations';
import type { PipelineGraph } from '../../../src/core/model';
import type { TemplateInfo } from '../../../src/core/templates/catalog';
import { kindIconClass } from '../nodes/kindIcons';
import { endTemplateDrag, startTemplateDrag } from './dragData';
import { addStageOperation, placementAfterSelection, type Placement } from './dropRules';
import { initialPaletteState, type PaletteState } from './paletteState';
import { SearchField, type SearchFieldHandle } from './SearchField';
import { searchTemplates } from './templateSearch';
import './palette.css';

interface PaletteProps {
  initial?: PaletteState;
  onStateChange(state: PaletteState): void;
  /** The graph on screen; without one there is nothing to add to. */
  graph?: PipelineGraph;
  selection: readonly string[];
  /** Why edits cannot be made now (the YAML does not parse). */
  editBlockedReason?: string;
  onEdit(operation: EditOperation): void;
  onRefused(reason: string): void;
  /** Bumped to collapse the palette (the inspector needs the room; see panels/sidePanels.ts). */
  closeRequest?: number;
}

const ITEM_SELECTOR = '.pw-palette-item';

export function Palette(props: PaletteProps) {
  const [state, setState] = useState<PaletteState>(() => props.initial ?? initialPaletteState(window.innerWidth));
  const current = useRef(state);
  const latest = useRef(props);
  latest.current = props;
  const update = useCallback((patch: Partial<PaletteState>) => {
    const next = { ...current.current, ...patch };
    current.current = next;
    setState(next);
    latest.current.onStateChange(next);
  }, []);
  const groups = useMemo(() => searchTemplates(state.query), [state.query]);
  const search = useRef<SearchFieldHandle>(null);
  const list = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (props.closeRequest && current.current.open) update({ open: false });
  }, [props.closeRequest, update]);

  // Opening from the collapsed strip puts the focus in the search box.
  const focusSearchOnOpen = useRef(false);
  useEffect(() => {
    if (state.open && focusSearchOnOpen.current) search.current?.focusAndSelect();
    focusSearchOnOpen.current = false;
  }, [state.open]);

  const add = useCallback((template: TemplateInfo, placement: Placement) => {
    const { graph, editBlockedReason, onEdit, onRefused } = latest.current;
    if (!graph) return onRefused('There is no pipeline to add to until the YAML parses.');
    if (editBlockedReason) return onRefused(editBlockedReason);
    const gesture = addStageOperation(graph, template.name, placement);
    if (gesture.ok) onEdit(gesture.value);
    else onRefused(gesture.reason);
  }, []);

  const onItemKeyDown = (event: KeyboardEvent<HTMLElement>, template: TemplateInfo) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      if (!event.shiftKey) return add(template, {});
      const { graph, selection, onRefused } = latest.current;
      if (!graph) return onRefused('There is no pipeline to add to until the YAML parses.');
      const placement = placementAfterSelection(graph, selection);
      if (placement.ok) add(template, placement.value);
      else onRefused(placement.reason);
    } else if (['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(event.key)) {
      event.preventDefault();
      const items = [...(list.current?.querySelectorAll<HTMLElement>(ITEM_SELECTOR) ?? [])];
      const at = items.indexOf(event.currentTarget);
      const to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: items.length - 1 }[event.key as 'Home'];
      items[Math.max(0, Math.min(items.length - 1, to))]?.focus();
    }
  };

  const onSearchKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Escape' && state.query !== '') {
      event.preventDefault();
      event.stopPropagation();
      update({ query: '' });
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      list.current?.querySelector<HTMLElement>(ITEM_SELECTOR)?.focus();
    }
  };

  if (!state.open) {
    return (
      <aside className="pw-palette pw-palette-closed" aria-label="Stage templates">
        <button
          type="button"
          className="pw-palette-toggle"
          aria-expanded="false"
          aria-label="Show the stage templates"
          title="Show the stage templates"
          onClick={() => {
            focusSearchOnOpen.current = true;
            update({ open: true });
          }}
        >
          <span className="codicon codicon-library" aria-hidden="true" />
        </button>
      </aside>
    );
  }

  return (
    <aside className="pw-palette" aria-label="Stage templates">
      <div className="pw-palette-header">
        <span className="pw-palette-title">Templates</span>
        <button
          type="button"
          className="pw-palette-toggle"
          aria-expanded="true"
          aria-label="Hide the stage templates"
          title="Hide the stage templates"
          onClick={() => update({ open: false })}
        >
          <span className="codicon codicon-chevron-left" aria-hidden="true" />
        </button>
      </div>
      <SearchField
        ref={search}
        className="pw-palette-search"
        value={state.query}
        label="Search templates"
        placeholder="Search templates"
        onChange={(query) => update({ query })}
        onKeyDown={onSearchKeyDown}
      />
      <div className="pw-palette-list" ref={list}>
        {groups.length === 0 ? <p className="pw-palette-none">No template matches “{state.query.trim()}”.</p> : null}
        {groups.map(({ group, templates }) => (
          <section key={group} className="pw-palette-group" aria-label={group}>
            <h3 className="pw-palette-group-title">{group}</h3>
            <ul role="list">
              {templates.map((template) => (
                <li key={template.name}>
                  <div
                    className="pw-palette-item"
                    role="button"
                    tabIndex={0}
                    draggable
                    data-template={template.name}
                    aria-label={`${template.title}: ${template.description}`}
                    aria-keyshortcuts="Enter Shift+Enter"
                    title={`${template.description}\nDrag onto the canvas or onto a dependency. Enter adds it at the end; Shift+Enter after the selected stage.`}
                    onDragStart={(event: DragEvent<HTMLElement>) => startTemplateDrag(event.dataTransfer, template.name)}
                    onDragEnd={() => endTemplateDrag()}
                    onKeyDown={(event) => onItemKeyDown(event, template)}
                  >
                    <span className={`pw-palette-icon ${kindIconClass(template.kind)}`} aria-hidden="true" />
                    <span className="pw-palette-text">
                      <span className="pw-palette-item-title">{template.title}</span>
                      <span className="pw-palette-item-description">{template.description}</span>
                    </span>
                  </div>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
      <p className="pw-palette-hint">Drag onto the canvas or a dependency · Enter: add at the end · Shift+Enter: after the selected stage</p>
    </aside>
  );
}

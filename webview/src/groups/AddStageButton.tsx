// Azure: a "+" just after the last stage group that adds a stage at the end of `stages:`. It
// opens a short menu of the stage templates; picking one asks the host for an addStage edit
// with a free Azure stage name. Drawn in flow coordinates, so it pans and zooms with the groups.
import { useReactFlow, ViewportPortal } from '@xyflow/react';
import { useContext, useRef, useState, type KeyboardEvent } from 'react';
import type { PipelineGraph } from '../../../src/core/model';
import { TEMPLATES } from '../../../src/core/templates/catalog';
import type { GraphLayout } from '../layout/types';
import { LaneCanvasContext } from '../lanes/laneContext';
import { addStageOperation } from '../palette/dropRules';
import './groups.css';

/** Room between the last stage group and the button, in flow units. */
const GAP = 32;

interface AddStageButtonProps {
  graph: PipelineGraph;
  layout: GraphLayout | undefined;
}

export function AddStageButton({ graph, layout }: AddStageButtonProps) {
  const control = useContext(LaneCanvasContext);
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const flow = useReactFlow();
  if (graph.dialect !== 'azure' || !layout) return null;
  const stageIds = new Set(graph.nodes.filter((n) => n.role === 'stage').map((n) => n.id));
  const stages = layout.nodes.filter((b) => stageIds.has(b.id));
  if (stages.length === 0) return null;
  const last = stages.reduce((a, b) => (b.x + b.width > a.x + a.width ? b : a));
  const at = { x: last.x + last.width + GAP, y: last.y };

  // Reached with Tab while panned out of view: bring it into view, as a node is. The browser's own
  // scroll-into-view would scroll the canvas element, which React Flow then scrolls back.
  const showWhenFocused = () => {
    const pane = button.current?.closest('.react-flow')?.getBoundingClientRect();
    const own = button.current?.getBoundingClientRect();
    if (!pane || !own) return;
    if (own.left >= pane.left && own.right <= pane.right && own.top >= pane.top && own.bottom <= pane.bottom) return;
    void flow.setCenter(at.x + own.width / 2 / flow.getZoom(), at.y + own.height / 2 / flow.getZoom(), { zoom: flow.getZoom() });
  };

  const close = () => {
    setOpen(false);
    requestAnimationFrame(() => button.current?.focus());
  };
  const pick = (template: string) => {
    setOpen(false);
    const gesture = addStageOperation(graph, template, {});
    if (gesture.ok) control.request(gesture.value);
    else control.refuse(gesture.reason);
  };
  const items = () => [...(menu.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];
  // On the whole control, so the keys work before focus has reached the menu.
  const onMenuKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!open) return;
    const list = items();
    const index = list.indexOf(document.activeElement as HTMLButtonElement);
    if (event.key === 'Escape') close();
    else if (event.key === 'ArrowDown') list[(index + 1) % list.length]?.focus();
    else if (event.key === 'ArrowUp') list[(index - 1 + list.length) % list.length]?.focus();
    else if (event.key === 'Home') list[0]?.focus();
    else if (event.key === 'End') list[list.length - 1]?.focus();
    else return;
    event.preventDefault();
    event.stopPropagation();
  };

  return (
    <ViewportPortal>
      <div className="pw-add-stage pw-own-keys nodrag nopan nowheel" style={{ transform: `translate(${at.x}px, ${at.y}px)` }} onKeyDown={onMenuKey}>
        <button
          ref={button}
          type="button"
          className="pw-add-stage-button"
          aria-label="Add a stage at the end"
          title="Add a stage at the end"
          aria-haspopup="menu"
          aria-expanded={open}
          onFocus={showWhenFocused}
          onClick={() => {
            setOpen(!open);
            if (!open) requestAnimationFrame(() => items()[0]?.focus());
          }}
        >
          <span className="codicon codicon-add" aria-hidden="true" />
        </button>
        {open ? (
          <div ref={menu} className="pw-add-stage-menu" role="menu" aria-label="Stage template">
            {TEMPLATES.map((t) => (
              <button key={t.name} type="button" role="menuitem" className="pw-add-stage-item" title={t.description} onClick={() => pick(t.name)}>
                <span className="pw-add-stage-title">{t.title}</span>
                <span className="pw-add-stage-description">{t.description}</span>
              </button>
            ))}
          </div>
        ) : null}
      </div>
    </ViewportPortal>
  );
}

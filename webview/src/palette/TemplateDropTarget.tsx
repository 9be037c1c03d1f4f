// The canvas as a drop target for palette templates: while a template is dragged over it, shows
// where it would land (the edge it would split, the stage it would follow, or a ghost linked to
// the stage it would wait for) and says in words what it will wait for; on drop asks for an
// addStage edit. Nothing is added here: the host's new document draws it.
import { useStoreApi } from '@xyflow/react';
import { useCallback, useEffect, useRef, useState, type DragEvent, type ReactNode } from 'react';
import type { EditOperation } from '../../../src/core/edit/operations';
import type { PipelineGraph } from '../../../src/core/model';
import { templateInfo } from '../../../src/core/templates/catalog';
import { carriesTemplate, draggedTemplate, endTemplateDrag, TEMPLATE_MIME } from './dragData';
import { placementCaption } from './canvasPlacement';
import { dropSpotAt, type DropSpot } from './dropHitTest';
import { addStageOperation, type Placement } from './dropRules';

interface TemplateDropTargetProps {
  graph: PipelineGraph;
  editBlockedReason?: string;
  onEdit(operation: EditOperation): void;
  onRefused(reason: string): void;
  children: ReactNode;
}

/** The ghost drawn where a stage would be added, in flow units. */
const GHOST = { width: 180, height: 52 };

interface Hover {
  spot: DropSpot;
  /** The viewport when measured: the overlay draws in flow coordinates through it. */
  transform: [number, number, number];
}

export function TemplateDropTarget({ graph, editBlockedReason, onEdit, onRefused, children }: TemplateDropTargetProps) {
  const store = useStoreApi();
  const frame = useRef<HTMLDivElement>(null);
  const [hover, setHover] = useState<Hover>();

  // The frame covers exactly the canvas, so its corner is the viewport's origin.
  const spotAt = useCallback((event: DragEvent<HTMLElement>): DropSpot => {
    const corner = frame.current!.getBoundingClientRect();
    const [x, y, zoom] = store.getState().transform;
    const point = { x: (event.clientX - corner.left - x) / zoom, y: (event.clientY - corner.top - y) / zoom };
    return dropSpotAt(frame.current!, store, graph, point);
  }, [store, graph]);

  const onDragOver = (event: DragEvent<HTMLDivElement>) => {
    if (!carriesTemplate(event.dataTransfer)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    const spot = spotAt(event);
    const transform = [...store.getState().transform] as Hover['transform'];
    setHover((current) => (current && sameSpot(current.spot, spot) && current.transform.every((v, i) => v === transform[i]) ? current : { spot, transform }));
  };

  // Moving from one child to another fires dragenter on the new one before dragleave on the
  // old one: count them, and the drag has left the frame when the count is back to zero.
  const entered = useRef(0);
  const onDragEnter = (event: DragEvent<HTMLDivElement>) => {
    if (carriesTemplate(event.dataTransfer)) entered.current++;
  };
  const onDragLeave = (event: DragEvent<HTMLDivElement>) => {
    if (!carriesTemplate(event.dataTransfer)) return;
    entered.current = Math.max(0, entered.current - 1);
    if (entered.current === 0) setHover(undefined);
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    if (!carriesTemplate(event.dataTransfer)) return;
    event.preventDefault();
    const templateName = event.dataTransfer.getData(TEMPLATE_MIME);
    const spot = spotAt(event);
    entered.current = 0;
    setHover(undefined);
    endTemplateDrag();
    if (editBlockedReason) return onRefused(editBlockedReason);
    const gesture = addStageOperation(graph, templateName, placementOf(graph, spot));
    if (gesture.ok) onEdit(gesture.value);
    else onRefused(gesture.reason);
  };

  // A drag that ends anywhere (Escape, a drop outside) takes the indicator with it.
  useEffect(() => {
    const clear = () => {
      entered.current = 0;
      setHover(undefined);
    };
    document.addEventListener('dragend', clear);
    document.addEventListener('drop', clear);
    return () => {
      document.removeEventListener('dragend', clear);
      document.removeEventListener('drop', clear);
    };
  }, []);

  return (
    <div ref={frame} className={hover ? 'pw-drop-target pw-drop-active' : 'pw-drop-target'} onDragEnter={onDragEnter} onDragOver={onDragOver} onDragLeave={onDragLeave} onDrop={onDrop}>
      {children}
      {hover ? <DropIndicator hover={hover} graph={graph} /> : null}
    </div>
  );
}

function placementOf(graph: PipelineGraph, spot: DropSpot): Placement {
  switch (spot.kind) {
    case 'edge':
      return { after: spot.from, before: spot.to };
    case 'node': {
      // GitLab: the lane the drop is in is the one the stage under it is in.
      const lane = graph.dialect === 'gitlab' ? graph.nodes.find((n) => n.id === spot.after)?.stage : undefined;
      return { after: spot.after, ...(lane !== undefined ? { lane } : {}) };
    }
    case 'canvas':
      return spot.placement;
  }
}

function sameSpot(a: DropSpot, b: DropSpot): boolean {
  if (a.kind === 'edge' && b.kind === 'edge') return a.from === b.from && a.to === b.to && a.path === b.path;
  if (a.kind === 'node' && b.kind === 'node') return a.after === b.after;
  if (a.kind === 'canvas' && b.kind === 'canvas') {
    const same = (p: Placement, q: Placement) => p.after === q.after && p.before === q.before && p.lane === q.lane;
    return same(a.placement, b.placement) && Math.round(a.point.x) === Math.round(b.point.x) && Math.round(a.point.y) === Math.round(b.point.y);
  }
  return false;
}

function DropIndicator({ hover, graph }: { hover: Hover; graph: PipelineGraph }) {
  const { spot, transform } = hover;
  const [x, y, zoom] = transform;
  const dragged = draggedTemplate();
  const what = dragged ? `“${templateInfo(dragged)?.title ?? dragged}”` : 'the template';
  const caption = placementCaption(graph, what, placementOf(graph, spot));
  let drawing: ReactNode;
  if (spot.kind === 'edge') {
    drawing = <path className="pw-drop-edge" d={spot.path} vectorEffect="non-scaling-stroke" />;
  } else if (spot.kind === 'node') {
    const b = spot.box;
    drawing = <rect className="pw-drop-node" x={b.x} y={b.y} width={b.width} height={b.height} rx={6} vectorEffect="non-scaling-stroke" />;
  } else {
    const { point, after, before } = spot;
    const ghost = { x: point.x - GHOST.width / 2, y: point.y - GHOST.height / 2 };
    drawing = (
      <>
        {after ? (
          <line
            className="pw-drop-link"
            x1={after.x + after.width}
            y1={after.y + after.height / 2}
            x2={ghost.x}
            y2={point.y}
            vectorEffect="non-scaling-stroke"
          />
        ) : null}
        {before ? (
          <line
            className="pw-drop-link"
            x1={ghost.x + GHOST.width}
            y1={point.y}
            x2={before.x}
            y2={before.y + before.height / 2}
            vectorEffect="non-scaling-stroke"
          />
        ) : null}
        <rect className="pw-drop-ghost" x={ghost.x} y={ghost.y} width={GHOST.width} height={GHOST.height} rx={6} vectorEffect="non-scaling-stroke" />
      </>
    );
  }
  return (
    <>
      <svg className="pw-drop-overlay" aria-hidden="true" data-drop-kind={spot.kind}>
        <g transform={`translate(${x} ${y}) scale(${zoom})`}>{drawing}</g>
      </svg>
      <div className="pw-drop-caption" role="status">
        {caption}
      </div>
    </>
  );
}

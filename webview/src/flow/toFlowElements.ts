// Graph + layout → React Flow nodes and edges. Pure; the canvas adds selection and measurements.
import { MarkerType } from '@xyflow/react';
import type { PipelineGraph } from '../../../src/core/model';
import { edgeId, uniqueEdges } from '../graph/edges';
import type { GraphLayout, LayoutBox } from '../layout/types';
import { describeEdge, describeNode } from './describe';
import { ELSEWHERE_GHOST_CLASS, GRAPH_NODE_CLASS, type DesignerEdge, type DesignerNode } from './flowTypes';
import { declaredHandles } from './handleGeometry';
import { flaggedNodes, unresolvedSeverity, type FlagSeverity } from './nodeFlags';
import { environmentGateId, runStatusId } from '../overlay/nodeStatusWords';

export interface FlowElements {
  nodes: DesignerNode[];
  edges: DesignerEdge[];
}

const EDGE_COLOUR = 'var(--vscode-editorLineNumber-foreground, #888)';
const ERROR_COLOUR = 'var(--vscode-errorForeground, #f14c4c)';
const WARNING_COLOUR = 'var(--vscode-editorWarning-foreground, #cca700)';

/** The class that colours a flagged node or ghost: errors red, warnings yellow. */
function flaggedClass(severity: FlagSeverity | undefined): string {
  return severity === undefined ? '' : severity === 'error' ? 'pw-flagged' : 'pw-flagged-warning';
}

export function toFlowElements(graph: PipelineGraph, layout: GraphLayout): FlowElements {
  const edges = uniqueEdges(graph);
  const flags = flaggedNodes(graph, edges);
  const unresolvedSeverityOf = unresolvedSeverity(graph);
  // A ghost is drawn as a warning only when every reference to it is one; as a job of another
  // file of the pipeline (not flagged) when every reference says which file defines it.
  const ghostSeverity = new Map<string, FlagSeverity>();
  const ghostFile = new Map<string, string | undefined>();
  for (const e of edges) {
    if (!e.unresolved) continue;
    ghostFile.set(e.from, ghostFile.has(e.from) && ghostFile.get(e.from) === undefined ? undefined : e.definedIn);
    if (e.definedIn !== undefined) continue;
    const severity = unresolvedSeverityOf(e);
    if (ghostSeverity.get(e.from) !== 'error') ghostSeverity.set(e.from, severity);
  }
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const boxes = new Map<string, LayoutBox>([...layout.nodes, ...layout.ghosts].map((b) => [b.id, b]));
  // React Flow wants positions relative to the parent box.
  const relative = (box: LayoutBox) => {
    const parent = box.parentId !== undefined ? boxes.get(box.parentId) : undefined;
    return parent ? { x: box.x - parent.x, y: box.y - parent.y } : { x: box.x, y: box.y };
  };
  const common = { draggable: false, connectable: false, deletable: false } as const;
  const takenIds = new Set(boxes.keys());
  // What each node waits for, by name, in edge order (one pass, not one per node: 1000 jobs).
  const needsOf = new Map<string, string[]>();
  for (const e of edges) {
    const names = needsOf.get(e.to) ?? [];
    names.push(byId.get(e.from)?.name ?? e.from);
    needsOf.set(e.to, names);
  }

  const nodes: DesignerNode[] = [];
  const declaredIn = new Map(graph.lanes.flatMap((l) => (l.declaredIn !== undefined ? [[l.id, l.declaredIn] as const] : [])));
  for (const lane of layout.lanes) {
    const where = declaredIn.get(lane.id);
    nodes.push({
      ...common,
      id: freeId(`lane:${lane.id}`, takenIds),
      type: 'lane',
      position: { x: lane.x, y: lane.y },
      width: lane.width,
      height: lane.height,
      selectable: false,
      focusable: false,
      zIndex: -1,
      ariaLabel: `Stage ${lane.name}${where !== undefined ? ` (declared in ${where})` : lane.implicit ? ' (implicit)' : ''}`,
      className: 'pw-lane-node',
      data: { name: lane.name, implicit: lane.implicit, ...(where !== undefined ? { declaredIn: where } : {}) },
    });
  }
  for (const box of layout.nodes) {
    const node = byId.get(box.id)!;
    const nodeFlags = flags.get(node.id);
    const type = node.role === 'stage' ? 'stage' : 'job';
    nodes.push({
      ...common,
      id: node.id,
      type,
      // Dependencies are drawn between handles; whether one may be added is decided on drop.
      connectable: true,
      position: relative(box),
      width: box.width,
      height: box.height,
      handles: declaredHandles(type, box.width, box.height),
      ...(box.parentId !== undefined ? { parentId: box.parentId } : {}),
      ariaLabel: describeNode(node, nodeFlags, needsOf.get(node.id) ?? []),
      className: [GRAPH_NODE_CLASS, flaggedClass(nodeFlags?.severity), node.marks.length > 0 ? 'pw-read-only' : '']
        .filter(Boolean)
        .join(' '),
      data: nodeFlags ? { node, flags: nodeFlags } : { node },
      // The run status badge and the environment's gate, when GitHub tells them, are read after
      // the node's name (overlay/); they come and go without the node changing.
      domAttributes: { 'aria-describedby': `${runStatusId(node.id)} ${environmentGateId(node.id)}` },
    });
  }
  for (const box of layout.ghosts) {
    const definedIn = ghostFile.get(box.id);
    const severity = ghostSeverity.get(box.id) ?? 'error';
    nodes.push({
      ...common,
      id: box.id,
      type: 'ghost',
      position: relative(box),
      width: box.width,
      height: box.height,
      handles: declaredHandles('ghost', box.width, box.height),
      ...(box.parentId !== undefined ? { parentId: box.parentId } : {}),
      selectable: false,
      ...(definedIn !== undefined
        ? {
            ariaLabel: `Job ${box.id}, defined in ${definedIn}`,
            className: `pw-ghost-node ${ELSEWHERE_GHOST_CLASS}`,
            // Enter (GraphCanvas) or a click opens its definition.
            focusable: true,
            data: { missingId: box.id, severity: 'warning' as const, definedIn },
          }
        : {
            ariaLabel: `Missing job ${box.id}: referenced but not defined in this file${severity === 'warning' ? ' (it may be defined in another file)' : ''}`,
            className: `pw-ghost-node ${flaggedClass(severity)}`,
            data: { missingId: box.id, severity },
          }),
    });
  }

  const nameOf = (id: string) => byId.get(id)?.name ?? id;
  const flowEdges: DesignerEdge[] = edges.map((e) => {
    const unresolved = e.unresolved === true && e.definedIn === undefined ? unresolvedSeverityOf(e) : undefined;
    const error = e.cyclic === true || unresolved === 'error';
    const warning = !error && unresolved === 'warning';
    return {
      id: edgeId(e.from, e.to),
      source: e.from,
      target: e.to,
      type: 'dependency',
      // Selectable so Delete can remove the dependency; React Flow itself never deletes it.
      selectable: true,
      focusable: true,
      deletable: false,
      ariaLabel: describeEdge(e, nameOf, unresolved),
      className: [
        'pw-edge',
        e.implicit ? 'pw-edge-implicit' : '',
        e.cyclic ? 'pw-edge-cyclic' : '',
        e.unresolved && e.definedIn === undefined ? 'pw-edge-unresolved' : '',
        e.definedIn !== undefined ? 'pw-edge-elsewhere' : '',
        warning ? 'pw-edge-warning' : '',
      ]
        .filter(Boolean)
        .join(' '),
      markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16, color: error ? ERROR_COLOUR : warning ? WARNING_COLOUR : EDGE_COLOUR },
      // Tests and the VS Code suite find an edge by its two ends without parsing the id.
      domAttributes: { 'data-from': e.from, 'data-to': e.to } as Record<string, string>,
    };
  });
  return { nodes, edges: flowEdges };
}

/** `base`, or `base` with a suffix, not used by any graph node or ghost. */
function freeId(base: string, taken: Set<string>): string {
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}#${n}`;
  taken.add(id);
  return id;
}

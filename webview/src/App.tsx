// The designer page: applies host messages, owns selection and the saved state, and lays out
// toolbar, banner, canvas and problems.
import { ReactFlowProvider, type Viewport } from '@xyflow/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { EditOperation } from '../../src/core/edit/operations';
import type { GraphNode, PipelineGraph } from '../../src/core/model';
import { describeOperation } from '../../src/shared/describeOperation';
import type { EditPreview } from '../../src/shared/previewEdit';
import { FileMarksBanner } from './components/FileMarksBanner';
import { GraphCanvas, type FocusRequest, type PaintReport, type RenderToken, type RevealRequest } from './components/GraphCanvas';
import { ProblemsPanel } from './components/ProblemsPanel';
import { Toolbar } from './components/Toolbar';
import { applyDocument, EMPTY_VIEW, type DocumentView } from './documentState';
import { EditNotices } from './edit/EditNotices';
import { followRenames, renamedId } from './edit/followRenames';
import { useEditNotices } from './edit/useEditNotices';
import { FindBox } from './find/FindBox';
import type { FindState } from './find/findState';
import { parseHostMessage } from './hostMessages';
import { Inspector } from './inspector/Inspector';
import { LintContext } from './lint/LintContext';
import { groupByNode, NO_FINDINGS, type IndexedFinding, type NodeFindings } from './lint/nodeFindings';
import './lint/lint.css';
import { Announcer, type Announcement } from './keyboard/Announcer';
import { Palette } from './palette/Palette';
import { initialPaletteState, type PaletteState } from './palette/paletteState';
import { panelRoom, panelToClose, type SidePanel } from './panels/sidePanels';
import { useElementWidth } from './components/useElementWidth';
import './panels/panels.css';
import { TemplateDropTarget } from './palette/TemplateDropTarget';
import type { PersistedState } from './persistedState';
import { useNodePositions } from './positions/useNodePositions';
import type { HostConnection } from './vscodeApi';
import type { RunChoice } from '../../src/core/operate/overlay';
import type { ColumnRule, RunOverlay } from '../../src/shared/protocol';
import type { ProtectionRequest } from './overlay/ProtectionSection';
import { RunOverlayContext } from './overlay/RunOverlayContext';

interface AppProps {
  host: HostConnection;
  restored?: PersistedState;
}

const STALE_EDIT_REASON = 'The YAML does not parse. Fix it in the text editor, then edit here again.';

export function App({ host, restored }: AppProps) {
  const [view, setView] = useState<DocumentView>(restored?.view ?? EMPTY_VIEW);
  const [selection, setSelection] = useState<string[]>(restored?.selection ?? []);
  /** The user's column rule; the host sends it before the first document. */
  const [columns, setColumns] = useState<ColumnRule>('needs');
  /** Nodes stay where an earlier drawing put them (after an edit): Tidy Layout has work to do. */
  const [keepsPlaces, setKeepsPlaces] = useState(false);
  // A restored graph is a paint too: report it so the host knows what is on screen.
  const [renderToken, setRenderToken] = useState<RenderToken | undefined>(
    restored?.view.version !== undefined ? { version: restored.view.version, seq: 0 } : undefined,
  );
  const [revealRequest, setRevealRequest] = useState<RevealRequest>();
  const notices = useEditNotices(() => saved.current.view.version);
  const { add: addNotice, editSent, editAnswered, documentShown } = notices;
  /** Edits sent and not answered yet, by request id, to say which one a refusal is about. */
  const pendingEdits = useRef(new Map<string, { operation: EditOperation; gesture: number }>());
  /** Quick fixes sent and not answered yet, by request id: their titles, to say which one a refusal is about. */
  const pendingFixes = useRef(new Map<string, { title: string; gesture: number }>());
  const [findings, setFindings] = useState<NodeFindings>(NO_FINDINGS);
  // Previews asked for by the inspector, answered once each.
  const pendingPreviews = useRef(new Map<string, (preview: EditPreview) => void>());
  /** Renames sent and not answered yet: old id → new id, for the selection to follow. */
  const renames = useRef(new Map<string, string>());

  // The latest values, for the message listener and for saving state.
  const saved = useRef<PersistedState>({
    schema: 1,
    view: restored?.view ?? EMPTY_VIEW,
    selection: restored?.selection ?? [],
    ...(restored?.viewport ? { viewport: restored.viewport } : {}),
    ...(restored?.palette ? { palette: restored.palette } : {}),
    ...(restored?.inspectorOpen !== undefined ? { inspectorOpen: restored.inspectorOpen } : {}),
    ...(restored?.find ? { find: restored.find } : {}),
    ...(restored?.minimap !== undefined ? { minimap: restored.minimap } : {}),
    ...(restored?.runChoice ? { runChoice: restored.runChoice } : {}),
  });
  const save = useCallback((patch: Partial<PersistedState>) => {
    saved.current = { ...saved.current, ...patch };
    host.saveState(saved.current);
  }, [host]);
  const persistPositions = useCallback((positions: PersistedState['positions']) => save({ positions }), [save]);
  const nodePositions = useNodePositions(host, restored?.positions, persistPositions);
  const replacePositions = nodePositions.replaceFromHost;
  const followRename = nodePositions.followRename;
  // Read out by the live region: applied edits and keyboard modes (refusals have the banner).
  const [announcement, setAnnouncement] = useState<Announcement>();
  const announce = useCallback((text: string) => setAnnouncement((last) => ({ text, seq: (last?.seq ?? 0) + 1 })), []);

  useEffect(() => {
    let seq = 1;
    const onMessage = (event: MessageEvent) => {
      const check = parseHostMessage(event.data);
      if (!check.ok) {
        host.post({ type: 'log', level: 'warn', message: `ignored a message from the host: ${check.error}` });
        return;
      }
      const message = check.message;
      if (message.type === 'findings') {
        setFindings(groupByNode(message.version, message.findings));
        return;
      }
      if (message.type === 'editResult' && pendingFixes.current.has(message.requestId)) {
        const fix = pendingFixes.current.get(message.requestId)!;
        pendingFixes.current.delete(message.requestId);
        if (message.ok) announce(`Done: ${fix.title}.`);
        // Declined sign-in or a cancelled request: the person knows; nothing changed.
        else if (message.cancelled) announce(`Cancelled: ${fix.title}.`);
        else addNotice(message.reason ?? 'The fix was refused.', { lead: fix.title, gesture: fix.gesture });
        editAnswered(fix.gesture);
        return;
      }
      if (message.type === 'editResult') {
        const sent = pendingEdits.current.get(message.requestId);
        pendingEdits.current.delete(message.requestId);
        const operation = sent?.operation;
        if (operation?.op === 'renameStage') renames.current.delete(operation.stage);
        // The changed document arrives as its own message; a success only needs saying, except
        // what else it changed (a delete's reconnected stages), which shows as a notice (read
        // out like one).
        if (message.cancelled) {
          if (operation) announce(`Cancelled: ${describeOperation(operation)}.`);
        } else if (!message.ok) {
          addNotice(message.reason ?? 'The edit was refused.', { ...(operation ? { lead: sentenceCase(describeOperation(operation)) } : {}), ...(sent ? { gesture: sent.gesture } : {}) });
        } else if (operation && message.reconnected?.length) {
          addNotice(`${sentenceCase(describeOperation(operation, { reconnected: message.reconnected }))}.`, { tone: 'info', ...(sent ? { gesture: sent.gesture } : {}) });
        } else if (operation) {
          announce(`Done: ${describeOperation(operation)}.`);
        }
        if (sent) editAnswered(sent.gesture);
        return;
      }
      if (message.type === 'overlay') {
        // Status only: it never becomes an edit, and the graph and its layout stay as they are.
        const { type: _type, ...overlayState } = message;
        setOverlay(overlayState);
        return;
      }
      if (message.type === 'editPreview') {
        const answer = pendingPreviews.current.get(message.requestId);
        pendingPreviews.current.delete(message.requestId);
        answer?.({ ok: message.ok, ...(message.summary !== undefined ? { summary: message.summary } : {}), ...(message.reason !== undefined ? { reason: message.reason } : {}) });
        return;
      }
      if (message.type === 'positions') {
        replacePositions(message.positions);
        return;
      }
      if (message.type === 'viewSettings') {
        setColumns(message.columns);
        return;
      }
      if (message.type === 'select') {
        setSelection(message.nodeIds);
        save({ selection: message.nodeIds });
        setRevealRequest({ ids: message.nodeIds, seq: seq++ });
        return;
      }
      const next = applyDocument(saved.current.view, message);
      if (!next) return;
      save({ view: next });
      setView(next);
      if (next.version !== undefined) documentShown(next.version);
      if (next.graph && renames.current.size > 0) {
        const followed = followRenames(saved.current.selection, renames.current, new Set(next.graph.nodes.map((n) => n.id)));
        if (followed) {
          setSelection(followed);
          save({ selection: followed });
        }
      }
      setRenderToken({ version: message.version, seq: seq++ });
    };
    window.addEventListener('message', onMessage);
    // The saved run choice first, so the host's first overlay already shows that run.
    if (saved.current.runChoice) host.post({ type: 'chooseRun', choice: saved.current.runChoice });
    // Listen first, then say we are ready, so the host's first document cannot be missed.
    host.post({ type: 'ready' });
    return () => window.removeEventListener('message', onMessage);
  }, [host, save, addNotice, editAnswered, documentShown, replacePositions, announce]);

  // A page-unique prefix: after a reload, replies meant for the old page must not match.
  const requestIds = useRef({ prefix: Math.random().toString(36).slice(2, 8), seq: 0 });
  const [overlay, setOverlay] = useState<RunOverlay>();
  const onChooseRun = useCallback((choice: RunChoice) => {
    save({ runChoice: choice });
    // Shown at once in the picker; the host answers with the run's overlay.
    setOverlay((o) => (o?.state === 'shown' ? { ...o, choice } : o));
    host.post({ type: 'chooseRun', choice });
  }, [host, save]);
  const onRunWorkflow = useCallback(() => host.post({ type: 'runWorkflow' }), [host]);
  const onSetProtection = useCallback((request: ProtectionRequest) => host.post({ type: 'setProtection', ...request }), [host]);
  const onPreview = useCallback((operation: EditOperation, answer: (preview: EditPreview) => void) => {
    const requestId = `${requestIds.current.prefix}-p${++requestIds.current.seq}`;
    pendingPreviews.current.set(requestId, answer);
    host.post({ type: 'previewEdit', requestId, operation });
  }, [host]);
  const onEdit = useCallback((operation: EditOperation) => {
    // The version of the graph on screen: the gesture was made on it.
    const baseVersion = saved.current.view.version;
    if (baseVersion === undefined) return;
    const requestId = `${requestIds.current.prefix}-${++requestIds.current.seq}`;
    pendingEdits.current.set(requestId, { operation, gesture: editSent() });
    if (operation.op === 'renameStage') {
      followRename(operation.stage, renamedId(operation));
      renames.current.set(operation.stage, renamedId(operation));
    }
    host.post({ type: 'edit', requestId, baseVersion, operation });
  }, [host, followRename, editSent]);
  const onRefused = useCallback((reason: string) => addNotice(reason), [addNotice]);
  const onFix = useCallback((finding: IndexedFinding) => {
    if (!finding.fix) return;
    const requestId = `${requestIds.current.prefix}-${++requestIds.current.seq}`;
    pendingFixes.current.set(requestId, { title: finding.fix, gesture: editSent() });
    host.post({ type: 'applyFix', requestId, version: findings.version, index: finding.index });
  }, [host, editSent, findings.version]);
  const onReveal = useCallback((line: number, column: number) => host.post({ type: 'revealPosition', line, column }), [host]);
  const [inspectorOpen, setInspectorOpen] = useState(restored?.inspectorOpen ?? false);
  /** Bumped by Enter on a node: the inspector opens and takes keyboard focus. */
  const [inspectorFocus, setInspectorFocus] = useState(0);
  // The side panels share the designer's width with the canvas (panels/sidePanels.ts).
  const [initialPalette] = useState(() => restored?.palette ?? initialPaletteState(window.innerWidth));
  const [paletteOpen, setPaletteOpen] = useState(initialPalette.open);
  const [paletteCloseRequest, setPaletteCloseRequest] = useState(0);
  const openedLast = useRef<SidePanel>(restored?.inspectorOpen ? 'inspector' : 'palette');
  const workspace = useRef<HTMLDivElement>(null);
  const workspaceWidth = useElementWidth(workspace);
  const onInspectorOpenChange = useCallback((open: boolean) => {
    if (open) openedLast.current = 'inspector';
    setInspectorOpen(open);
    save({ inspectorOpen: open });
  }, [save]);
  const onOpenInspector = useCallback(() => {
    onInspectorOpenChange(true);
    setInspectorFocus((n) => n + 1);
  }, [onInspectorOpenChange]);
  // The canvas focuses the node: a large graph may have it out of the page (viewport/culling.ts).
  const [focusRequest, setFocusRequest] = useState<FocusRequest>();
  const focusCanvasNode = useCallback((nodeId: string) => setFocusRequest((before) => ({ id: nodeId, seq: (before?.seq ?? 0) + 1 })), []);

  const onSelectionChange = useCallback((ids: string[]) => {
    setSelection(ids);
    save({ selection: ids });
  }, [save]);
  const onViewportChange = useCallback((viewport: Viewport) => save({ viewport }), [save]);
  const onActivate = useCallback((nodeId: string) => host.post({ type: 'selectNode', nodeId }), [host]);
  const onPainted = useCallback((report: PaintReport) => host.post({ type: 'rendered', ...report }), [host]);
  const onPaletteChange = useCallback((palette: PaletteState) => {
    if (palette.open) openedLast.current = 'palette';
    setPaletteOpen(palette.open);
    save({ palette });
  }, [save]);
  useEffect(() => {
    const close = panelToClose(workspaceWidth, { palette: paletteOpen, inspector: inspectorOpen }, openedLast.current);
    if (close === 'palette') setPaletteCloseRequest((n) => n + 1);
    else if (close === 'inspector') onInspectorOpenChange(false);
  }, [workspaceWidth, paletteOpen, inspectorOpen, onInspectorOpenChange]);
  const [minimap, setMinimap] = useState(restored?.minimap);
  const onMinimapChange = useCallback((shown: boolean) => {
    setMinimap(shown);
    save({ minimap: shown });
  }, [save]);
  /** Bumped by the toolbar's Find button; the find box opens on each change. */
  const [findRequest, setFindRequest] = useState(0);
  const onFind = useCallback(() => setFindRequest((n) => n + 1), []);
  const onFindChange = useCallback((find: FindState) => save({ find }), [save]);

  // Without a graph there is no canvas to report from; report once the errors are on screen.
  useEffect(() => {
    if (view.graph || !renderToken) return undefined;
    const frame = requestAnimationFrame(() =>
      host.post({ type: 'rendered', version: renderToken.version, nodeIds: [], edgeCount: 0 }),
    );
    return () => cancelAnimationFrame(frame);
  }, [renderToken, view.graph, host]);

  const post = host.post;
  // Findings made on another version than the graph on screen would point at the wrong nodes.
  const shownFindings = findings.version === view.version ? findings.byNode : NO_FINDINGS.byNode;
  return (
    <LintContext.Provider value={shownFindings}>
    <ReactFlowProvider>
      <RunOverlayContext.Provider value={overlay}>
      <div className="pw-app">
        <Toolbar
          fileName={view.fileName}
          graph={view.graph}
          onFind={onFind}
          onTidy={nodePositions.tidy}
          hasPositions={Object.keys(nodePositions.positions).length > 0 || keepsPlaces}
          inspectorOpen={inspectorOpen}
          onToggleInspector={() => onInspectorOpenChange(!inspectorOpen)}
          {...(minimap !== undefined ? { minimap } : {})}
          onMinimapChange={onMinimapChange}
          {...(overlay ? { overlay } : {})}
          onChooseRun={onChooseRun}
          onRunWorkflow={onRunWorkflow}
        />
        {view.graph ? <FileMarksBanner marks={view.graph.fileMarks} post={post} /> : null}
        {view.stale && view.graph ? (
          <div className="pw-stale-notice" role="status">
            <span className="codicon codicon-warning" aria-hidden="true" />
            The YAML does not parse: showing the last valid graph until it does.
          </div>
        ) : null}
        <EditNotices notices={notices.notices} onDismiss={notices.dismiss} />
        <Announcer {...(announcement ? { announcement } : {})} />
        <main className="pw-main">
          <div ref={workspace} className={panelRoom(workspaceWidth).overlay ? 'pw-workspace pw-panels-overlay' : 'pw-workspace'}>
          <Palette
            initial={initialPalette}
            closeRequest={paletteCloseRequest}
            onStateChange={onPaletteChange}
            {...(view.graph ? { graph: view.graph } : {})}
            selection={selection}
            {...(view.stale ? { editBlockedReason: STALE_EDIT_REASON } : {})}
            onEdit={onEdit}
            onRefused={onRefused}
          />
          {view.graph ? (
            <div className={view.stale ? 'pw-canvas-frame pw-stale' : 'pw-canvas-frame'} aria-disabled={view.stale || undefined}>
              <TemplateDropTarget graph={view.graph} {...(view.stale ? { editBlockedReason: STALE_EDIT_REASON } : {})} onEdit={onEdit} onRefused={onRefused}>
              <GraphCanvas
                graph={view.graph}
                columns={columns}
                renderToken={renderToken}
                selection={selection}
                revealRequest={revealRequest}
                focusRequest={focusRequest}
                restoredViewport={restored?.viewport}
                onSelectionChange={onSelectionChange}
                onActivate={onActivate}
                onViewportChange={onViewportChange}
                onPainted={onPainted}
                {...(view.stale ? { editBlockedReason: STALE_EDIT_REASON } : {})}
                onEdit={onEdit}
                onRefused={onRefused}
                onOpenInspector={onOpenInspector}
                onAnnounce={announce}
                positions={nodePositions.positions}
                layoutEpoch={nodePositions.layoutEpoch}
                onKeptPlaces={setKeepsPlaces}
                onNodesMoved={nodePositions.moveNodes}
                {...(minimap !== undefined ? { minimap } : {})}
              />
              </TemplateDropTarget>
              {/* Created again when a graph comes back after none: it starts from its last saved state. */}
              <FindBox
                graph={view.graph}
                openRequest={findRequest}
                {...(saved.current.find ? { initial: saved.current.find } : {})}
                onStateChange={onFindChange}
                onSelectionChange={onSelectionChange}
                onViewportChange={onViewportChange}
              />
              {view.graph.nodes.length === 0 ? <p className="pw-empty-note">No jobs in this file yet.</p> : null}
            </div>
          ) : (
            <p className="pw-empty-note">{view.version === undefined ? 'Waiting for the pipeline…' : 'Nothing to draw until the YAML parses.'}</p>
          )}
          {view.graph ? (
            <Inspector
              graph={view.graph}
              node={selectedNode(view.graph, selection)}
              selectionCount={selection.length}
              open={inspectorOpen}
              onOpenChange={onInspectorOpenChange}
              focusRequest={inspectorFocus}
              onEdit={onEdit}
              onPreview={onPreview}
              {...(view.stale ? { editBlockedReason: STALE_EDIT_REASON } : {})}
              onRefused={onRefused}
              onShowInText={onActivate}
              onReturnToCanvas={focusCanvasNode}
              onSetProtection={onSetProtection}
              onFix={onFix}
              onReveal={onReveal}
            />
          ) : null}
          </div>
          <ProblemsPanel problems={view.problems} post={post} />
        </main>
      </div>
      </RunOverlayContext.Provider>
    </ReactFlowProvider>
    </LintContext.Provider>
  );
}

function selectedNode(graph: PipelineGraph, selection: readonly string[]): GraphNode | undefined {
  return selection.length === 1 ? graph.nodes.find((n) => n.id === selection[0]) : undefined;
}

function sentenceCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

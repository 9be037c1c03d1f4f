// The designer page: applies host messages, owns selection and the saved state, and lays out
// toolbar, banner, canvas and problems.
import { ReactFlowProvider, type Viewport } from '@xyflow/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { EditOperation } from '../../src/core/edit/operations';
import { describeOperation } from '../../src/shared/describeOperation';
import { FileMarksBanner } from './components/FileMarksBanner';
import { GraphCanvas, type PaintReport, type RenderToken, type RevealRequest } from './components/GraphCanvas';
import { ProblemsPanel } from './components/ProblemsPanel';
import { Toolbar } from './components/Toolbar';
import { applyDocument, EMPTY_VIEW, type DocumentView } from './documentState';
import { EditNotices, type EditNotice } from './edit/EditNotices';
import { parseHostMessage } from './hostMessages';
import type { PersistedState } from './persistedState';
import type { HostConnection } from './vscodeApi';

interface AppProps {
  host: HostConnection;
  restored?: PersistedState;
}

/** Notices kept on screen; older ones drop off. */
const MAX_NOTICES = 3;
const STALE_EDIT_REASON = 'The YAML does not parse. Fix it in the text editor, then edit here again.';

export function App({ host, restored }: AppProps) {
  const [view, setView] = useState<DocumentView>(restored?.view ?? EMPTY_VIEW);
  const [selection, setSelection] = useState<string[]>(restored?.selection ?? []);
  // A restored graph is a paint too: report it so the host knows what is on screen.
  const [renderToken, setRenderToken] = useState<RenderToken | undefined>(
    restored?.view.version !== undefined ? { version: restored.view.version, seq: 0 } : undefined,
  );
  const [revealRequest, setRevealRequest] = useState<RevealRequest>();
  const [notices, setNotices] = useState<EditNotice[]>([]);
  const noticeSeq = useRef(0);
  const addNotice = useCallback((text: string, lead?: string) => {
    const notice: EditNotice = { id: ++noticeSeq.current, text, ...(lead ? { lead } : {}) };
    setNotices((list) => [...list, notice].slice(-MAX_NOTICES));
  }, []);
  const dismissNotice = useCallback((id: number) => setNotices((list) => list.filter((n) => n.id !== id)), []);
  /** Edits sent and not answered yet, by request id, to say which one a refusal is about. */
  const pendingEdits = useRef(new Map<string, EditOperation>());

  // The latest values, for the message listener and for saving state.
  const saved = useRef<PersistedState>({
    schema: 1,
    view: restored?.view ?? EMPTY_VIEW,
    selection: restored?.selection ?? [],
    ...(restored?.viewport ? { viewport: restored.viewport } : {}),
  });
  const save = useCallback((patch: Partial<PersistedState>) => {
    saved.current = { ...saved.current, ...patch };
    host.saveState(saved.current);
  }, [host]);

  useEffect(() => {
    let seq = 1;
    const onMessage = (event: MessageEvent) => {
      const check = parseHostMessage(event.data);
      if (!check.ok) {
        host.post({ type: 'log', level: 'warn', message: `ignored a message from the host: ${check.error}` });
        return;
      }
      const message = check.message;
      if (message.type === 'editResult') {
        const operation = pendingEdits.current.get(message.requestId);
        pendingEdits.current.delete(message.requestId);
        // Success needs nothing here: the changed document arrives as its own message.
        if (!message.ok) addNotice(message.reason ?? 'The edit was refused.', operation ? sentenceCase(describeOperation(operation)) : undefined);
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
      setRenderToken({ version: message.version, seq: seq++ });
    };
    window.addEventListener('message', onMessage);
    // Listen first, then say we are ready, so the host's first document cannot be missed.
    host.post({ type: 'ready' });
    return () => window.removeEventListener('message', onMessage);
  }, [host, save, addNotice]);

  // A page-unique prefix: after a reload, replies meant for the old page must not match.
  const requestIds = useRef({ prefix: Math.random().toString(36).slice(2, 8), seq: 0 });
  const onEdit = useCallback((operation: EditOperation) => {
    // The version of the graph on screen: the gesture was made on it.
    const baseVersion = saved.current.view.version;
    if (baseVersion === undefined) return;
    const requestId = `${requestIds.current.prefix}-${++requestIds.current.seq}`;
    pendingEdits.current.set(requestId, operation);
    host.post({ type: 'edit', requestId, baseVersion, operation });
  }, [host]);
  const onRefused = useCallback((reason: string) => addNotice(reason), [addNotice]);

  const onSelectionChange = useCallback((ids: string[]) => {
    setSelection(ids);
    save({ selection: ids });
  }, [save]);
  const onViewportChange = useCallback((viewport: Viewport) => save({ viewport }), [save]);
  const onActivate = useCallback((nodeId: string) => host.post({ type: 'selectNode', nodeId }), [host]);
  const onPainted = useCallback((report: PaintReport) => host.post({ type: 'rendered', ...report }), [host]);

  // Without a graph there is no canvas to report from; report once the errors are on screen.
  useEffect(() => {
    if (view.graph || !renderToken) return undefined;
    const frame = requestAnimationFrame(() =>
      host.post({ type: 'rendered', version: renderToken.version, nodeIds: [], edgeCount: 0 }),
    );
    return () => cancelAnimationFrame(frame);
  }, [renderToken, view.graph, host]);

  const post = host.post;
  return (
    <ReactFlowProvider>
      <div className="pw-app">
        <Toolbar fileName={view.fileName} graph={view.graph} />
        {view.graph ? <FileMarksBanner marks={view.graph.fileMarks} post={post} /> : null}
        {view.stale && view.graph ? (
          <div className="pw-stale-notice" role="status">
            <span className="codicon codicon-warning" aria-hidden="true" />
            The YAML does not parse: showing the last valid graph until it does.
          </div>
        ) : null}
        <EditNotices notices={notices} onDismiss={dismissNotice} />
        <main className="pw-main">
          {view.graph ? (
            <div className={view.stale ? 'pw-canvas-frame pw-stale' : 'pw-canvas-frame'} aria-disabled={view.stale || undefined}>
              <GraphCanvas
                graph={view.graph}
                renderToken={renderToken}
                selection={selection}
                revealRequest={revealRequest}
                restoredViewport={restored?.viewport}
                onSelectionChange={onSelectionChange}
                onActivate={onActivate}
                onViewportChange={onViewportChange}
                onPainted={onPainted}
                {...(view.stale ? { editBlockedReason: STALE_EDIT_REASON } : {})}
                onEdit={onEdit}
                onRefused={onRefused}
              />
              {view.graph.nodes.length === 0 ? <p className="pw-empty-note">No jobs in this file yet.</p> : null}
            </div>
          ) : (
            <p className="pw-empty-note">{view.version === undefined ? 'Waiting for the pipeline…' : 'Nothing to draw until the YAML parses.'}</p>
          )}
          <ProblemsPanel problems={view.problems} post={post} />
        </main>
      </div>
    </ReactFlowProvider>
  );
}

function sentenceCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// Why the designer did not change the file (refusals from the host, gestures on read-only
// nodes), and what an applied edit changed besides its own stage (the stages a delete
// reconnected). Non-modal and dismissible; the newest few are kept. A notice is about the
// document it was raised on: once the document has moved on (a later edit applied, the text
// changed) it goes, so the banner never describes a state that is no longer on screen.
export interface EditNotice {
  id: number;
  /** What was asked for, e.g. "Delete deploy". */
  lead?: string;
  text: string;
  /** 'info': the edit was applied and this says what else it did; otherwise a refusal. */
  tone?: 'info';
  /** The document version it is about (undefined: no document yet). */
  version?: number;
  /** The gesture it came from (see App's gestures): it outlives that gesture's own edits. */
  gesture: number;
}

/**
 * The notices still about the document on screen after a document of `version` arrived:
 * those raised on an older version go, unless their gesture still waits for edits it sent
 * (one Delete can be refused for one node and applied for another).
 */
export function noticesAfterDocument(notices: readonly EditNotice[], version: number, busyGestures: ReadonlySet<number>): EditNotice[] {
  const kept = notices.filter((n) => busyGestures.has(n.gesture) || n.version === undefined || n.version >= version);
  return kept.length === notices.length ? (notices as EditNotice[]) : kept;
}

/** When a gesture's last edit is answered, its notices are about the document on screen then. */
export function noticesAfterGesture(notices: readonly EditNotice[], gesture: number, version: number | undefined): EditNotice[] {
  if (!notices.some((n) => n.gesture === gesture)) return notices as EditNotice[];
  return notices.map((n) => (n.gesture === gesture ? { ...n, version } : n));
}

export function EditNotices({ notices, onDismiss }: { notices: readonly EditNotice[]; onDismiss(id: number): void }) {
  if (notices.length === 0) return null;
  return (
    <div className="pw-edit-notices" role="alert">
      {notices.map((n) => (
        <div key={n.id} className={n.tone === 'info' ? 'pw-edit-notice pw-edit-notice-info' : 'pw-edit-notice'}>
          <span className={n.tone === 'info' ? 'codicon codicon-info' : 'codicon codicon-circle-slash'} aria-hidden="true" />
          <span className="pw-edit-notice-text">
            {n.lead ? <strong>{n.lead}: </strong> : null}
            {n.text}
          </span>
          <button type="button" className="pw-edit-notice-dismiss" title="Dismiss" aria-label="Dismiss" onClick={() => onDismiss(n.id)}>
            <span className="codicon codicon-close" aria-hidden="true" />
          </button>
        </div>
      ))}
    </div>
  );
}

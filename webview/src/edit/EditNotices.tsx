// Why the designer did not change the file (refusals from the host, gestures on read-only
// nodes), and what an applied edit changed besides its own stage (the stages a delete
// reconnected). Non-modal and dismissible; the newest few are kept.
export interface EditNotice {
  id: number;
  /** What was asked for, e.g. "Delete deploy". */
  lead?: string;
  text: string;
  /** 'info': the edit was applied and this says what else it did; otherwise a refusal. */
  tone?: 'info';
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

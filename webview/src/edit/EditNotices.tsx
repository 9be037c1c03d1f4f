// Why the designer did not change the file: refusals from the host and gestures on read-only
// nodes. Non-modal and dismissible; the newest few are kept.
export interface EditNotice {
  id: number;
  /** What was asked for, e.g. "Delete deploy". */
  lead?: string;
  text: string;
}

export function EditNotices({ notices, onDismiss }: { notices: readonly EditNotice[]; onDismiss(id: number): void }) {
  if (notices.length === 0) return null;
  return (
    <div className="pw-edit-notices" role="alert">
      {notices.map((n) => (
        <div key={n.id} className="pw-edit-notice">
          <span className="codicon codicon-circle-slash" aria-hidden="true" />
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

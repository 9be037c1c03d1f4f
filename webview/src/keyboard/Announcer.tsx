// A polite live region: applied edits and keyboard-mode changes are read out. Refusals are
// announced by the notice banner (role=alert) already.
export interface Announcement {
  text: string;
  /** A new number for each announcement, so the same words are read again. */
  seq: number;
}

export function Announcer({ announcement }: { announcement?: Announcement }) {
  return (
    <div className="pw-live-region" role="status" aria-live="polite" aria-atomic="true">
      {announcement ? <span key={announcement.seq}>{announcement.text}</span> : null}
    </div>
  );
}

// The notice banner's list, and how long each notice lives (see EditNotices.tsx): a notice is
// about the document it was raised on and goes when a newer one is shown, except while the
// gesture it came from still waits for answers to edits it sent.
import { useCallback, useRef, useState } from 'react';
import { noticesAfterDocument, noticesAfterGesture, type EditNotice } from './EditNotices';

/** Notices kept on screen; older ones drop off. */
const MAX_NOTICES = 3;

export interface NoticeOptions {
  /** What was asked for, e.g. "Delete deploy". */
  lead?: string;
  /** The gesture whose edit this answers (default: the gesture running now). */
  gesture?: number;
  /** 'info': what an applied edit did besides its own stage; otherwise a refusal. */
  tone?: 'info';
}

export interface EditNoticeControl {
  notices: EditNotice[];
  /** Shows a notice; `gesture` when it answers an edit of an earlier gesture. */
  add(text: string, options?: NoticeOptions): void;
  dismiss(id: number): void;
  /** An edit is being sent: returns the gesture it belongs to, for editAnswered. */
  editSent(): number;
  editAnswered(gesture: number): void;
  /** A document of `version` is on screen. */
  documentShown(version: number): void;
}

export function useEditNotices(shownVersion: () => number | undefined): EditNoticeControl {
  const [notices, setNotices] = useState<EditNotice[]>([]);
  const noticeSeq = useRef(0);
  const gestures = useRef({ seq: 0, open: undefined as number | undefined, pending: new Map<number, number>() });
  const version = useRef(shownVersion);
  version.current = shownVersion;

  // What one key press, click or drop does runs in one task: its edits and refusals are one
  // gesture (Delete on a selection may refuse one node and send edits for the others).
  const currentGesture = useCallback(() => {
    const g = gestures.current;
    if (g.open === undefined) {
      g.open = ++g.seq;
      queueMicrotask(() => {
        g.open = undefined;
      });
    }
    return g.open;
  }, []);

  const add = useCallback((text: string, { lead, gesture, tone }: NoticeOptions = {}) => {
    const v = version.current();
    const notice: EditNotice = {
      id: ++noticeSeq.current,
      text,
      ...(lead ? { lead } : {}),
      ...(tone ? { tone } : {}),
      ...(v !== undefined ? { version: v } : {}),
      gesture: gesture ?? currentGesture(),
    };
    setNotices((list) => [...list, notice].slice(-MAX_NOTICES));
  }, [currentGesture]);

  const dismiss = useCallback((id: number) => setNotices((list) => list.filter((n) => n.id !== id)), []);

  const editSent = useCallback(() => {
    const gesture = currentGesture();
    const { pending } = gestures.current;
    pending.set(gesture, (pending.get(gesture) ?? 0) + 1);
    return gesture;
  }, [currentGesture]);

  const editAnswered = useCallback((gesture: number) => {
    const { pending } = gestures.current;
    const left = (pending.get(gesture) ?? 1) - 1;
    if (left > 0) {
      pending.set(gesture, left);
      return;
    }
    pending.delete(gesture);
    const v = version.current();
    setNotices((list) => noticesAfterGesture(list, gesture, v));
  }, []);

  const documentShown = useCallback((v: number) => {
    const busy = new Set(gestures.current.pending.keys());
    setNotices((list) => noticesAfterDocument(list, v, busy));
  }, []);

  return { notices, add, dismiss, editSent, editAnswered, documentShown };
}

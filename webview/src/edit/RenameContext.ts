// The inline rename in progress, shared from the canvas (which starts and ends it) to the node
// titles (which draw the input). A context, so no callbacks travel inside React Flow node data.
// Which node is being renamed is a small store each title reads for itself: starting a rename
// re-renders that one title, not every node of a big graph, so the box is there at once.
import { createContext, useSyncExternalStore } from 'react';

export interface Renaming {
  id: string;
  /** The text the box starts with. */
  initial: string;
}

/** Which node is being renamed, with subscribers told of every change. */
export class RenameState {
  private current: Renaming | undefined;
  private readonly listeners = new Set<() => void>();

  get = (): Renaming | undefined => this.current;

  set(next: Renaming | undefined): void {
    this.current = next;
    for (const listener of this.listeners) listener();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

export interface RenameControl {
  state: RenameState;
  /** Commits the typed name; returns why not when it cannot be used (the box stays open). */
  commit(id: string, typed: string): string | undefined;
  cancel(): void;
}

export const RenameContext = createContext<RenameControl>({ state: new RenameState(), commit: () => undefined, cancel: () => undefined });

/** The box's starting text while `id` is being renamed; undefined otherwise. */
export function useRenaming(control: RenameControl, id: string): string | undefined {
  return useSyncExternalStore(control.state.subscribe, () => {
    const renaming = control.state.get();
    return renaming?.id === id ? renaming.initial : undefined;
  });
}

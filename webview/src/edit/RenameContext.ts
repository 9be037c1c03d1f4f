// The inline rename in progress, shared from the canvas (which starts and ends it) to the node
// titles (which draw the input). A context, so no callbacks travel inside React Flow node data.
import { createContext } from 'react';

export interface RenameControl {
  /** The node being renamed and the name its box starts with. */
  renaming?: { id: string; initial: string };
  /** Commits the typed name; returns why not when it cannot be used (the box stays open). */
  commit(id: string, typed: string): string | undefined;
  cancel(): void;
}

export const RenameContext = createContext<RenameControl>({ commit: () => undefined, cancel: () => undefined });

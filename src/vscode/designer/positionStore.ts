// Node positions the user dragged, per file, in VS Code's workspace state (never in the YAML).
// Free of `vscode`: it takes anything shaped like a Memento, so tests run it in plain Node.
import { checkNodePositions, keepPositions, type NodePositions } from '../../shared/nodePositions';

/** The part of vscode.Memento the store uses. */
export interface KeyValueState {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void> | Promise<void>;
}

const KEY_PREFIX = 'pipewright.positions:';

export class PositionStore {
  constructor(private readonly state: KeyValueState) {}

  /**
   * The positions saved for a document. With `existingIds`, entries for nodes that no longer
   * exist are dropped, from the answer and from the store.
   */
  async load(documentUri: string, existingIds?: ReadonlySet<string>): Promise<NodePositions> {
    // Workspace state may hold what an older build wrote; check it like any input.
    const check = checkNodePositions(this.state.get<unknown>(KEY_PREFIX + documentUri) ?? {});
    if (!check.ok) {
      await this.state.update(KEY_PREFIX + documentUri, undefined);
      return {};
    }
    if (!existingIds) return check.positions;
    const kept = keepPositions(check.positions, existingIds);
    if (Object.keys(kept).length !== Object.keys(check.positions).length) await this.save(documentUri, kept);
    return kept;
  }

  /** Replaces the document's positions; an empty map removes the entry altogether. */
  async save(documentUri: string, positions: NodePositions): Promise<void> {
    const empty = Object.keys(positions).length === 0;
    await this.state.update(KEY_PREFIX + documentUri, empty ? undefined : positions);
  }

  async clear(documentUri: string): Promise<void> {
    await this.save(documentUri, {});
  }
}

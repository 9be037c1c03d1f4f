// Every message between the extension host and the designer webview. Both sides import this
// file; neither sends anything not described here. Messages from the webview are untrusted and
// go through `parseWebviewMessage` before the host acts on them.
import type { Reconnection } from '../core/edit/inherit';
import type { PipelineGraph } from '../core/model';
import { parseOperation, type EditOperation } from '../core/edit/operations';
import { checkNodePositions, type NodePositions } from './nodePositions';

/** Host → webview. */
export type HostToWebview =
  | {
      type: 'document';
      /** Document version the graph was built from; the webview ignores older ones. */
      version: number;
      fileName: string;
      graph: PipelineGraph;
      /** The YAML did not parse: keep showing the last good graph, dimmed, with the error. */
      syntaxError: boolean;
    }
  | {
      /** The text cursor moved onto these nodes. */
      type: 'select';
      nodeIds: string[];
    }
  | {
      /**
       * The outcome of one `edit` from this webview. Success needs no action: the changed text
       * arrives as a new `document`; `reconnected` says which stages now wait for others in a
       * deleted stage's place. A refusal carries the reason to show; `cancelled`: the user
       * declined when asked to confirm, which needs no notice.
       */
      type: 'editResult';
      requestId: string;
      ok: boolean;
      reason?: string;
      cancelled?: boolean;
      reconnected?: Reconnection[];
    }
  | {
      /**
       * The answer to `previewEdit`: what the edit would do, planned on the text shown and not
       * applied — `summary` says what it changes besides its own target (a rename: "renames 5
       * references"); a refusal carries the reason.
       */
      type: 'editPreview';
      requestId: string;
      ok: boolean;
      summary?: string;
      reason?: string;
    }
  | {
      /**
       * Where the user placed nodes in this file (workspace state), replacing what the webview
       * holds: sent before the first document, when another tab saved, and on Tidy Layout.
       */
      type: 'positions';
      positions: NodePositions;
    };

/** Webview → host. */
export type WebviewToHost =
  | { type: 'ready' }
  | {
      /** The user clicked a node: reveal and select its YAML. */
      type: 'selectNode';
      nodeId: string;
    }
  | {
      /** Jump to a position in the text (error links). 1-based. */
      type: 'revealPosition';
      line: number;
      column: number;
    }
  | {
      /** The webview painted a graph; lets the host log and tests observe what is on screen. */
      type: 'rendered';
      version: number;
      nodeIds: string[];
      edgeCount: number;
    }
  | {
      /**
       * The user asked for a change (a gesture on the canvas). The host plans it on the current
       * text (re-planning when the document moved on since `baseVersion`, the version of the
       * graph the gesture was made on) and answers with `editResult`.
       */
      type: 'edit';
      requestId: string;
      baseVersion: number;
      operation: EditOperation;
    }
  | {
      /**
       * Before the user commits a change (a new id typed in the inspector): what would it do?
       * The host plans it on the text shown, changes nothing, and answers with `editPreview`.
       */
      type: 'previewEdit';
      requestId: string;
      operation: EditOperation;
    }
  | {
      /** The user dragged nodes: the file's complete set of positions (empty after Tidy). */
      type: 'savePositions';
      positions: NodePositions;
    }
  | {
      /** Something went wrong in the webview; the host writes it to the log. */
      type: 'log';
      level: 'info' | 'warn' | 'error';
      message: string;
    };

export type MessageCheck<T> = { ok: true; message: T } | { ok: false; error: string };

const MAX_STRING = 10_000;
/** Request ids are made by the webview; short is plenty and keeps the log readable. */
const MAX_ID = 100;

/** Validate an untrusted message from the webview. Never throws. */
export function parseWebviewMessage(raw: unknown): MessageCheck<WebviewToHost> {
  if (typeof raw !== 'object' || raw === null) return fail('message is not an object');
  const m = raw as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
      return { ok: true, message: { type: 'ready' } };
    case 'selectNode':
      if (!isShortString(m.nodeId)) return fail('selectNode.nodeId must be a string');
      return { ok: true, message: { type: 'selectNode', nodeId: m.nodeId } };
    case 'revealPosition':
      if (!isPositiveInt(m.line) || !isPositiveInt(m.column)) {
        return fail('revealPosition.line and .column must be positive integers');
      }
      return { ok: true, message: { type: 'revealPosition', line: m.line, column: m.column } };
    case 'rendered': {
      if (!Number.isInteger(m.version)) return fail('rendered.version must be an integer');
      if (!Array.isArray(m.nodeIds) || !m.nodeIds.every(isShortString)) {
        return fail('rendered.nodeIds must be a list of strings');
      }
      if (!Number.isInteger(m.edgeCount)) return fail('rendered.edgeCount must be an integer');
      return {
        ok: true,
        message: {
          type: 'rendered',
          version: m.version as number,
          nodeIds: m.nodeIds as string[],
          edgeCount: m.edgeCount as number,
        },
      };
    }
    case 'previewEdit': {
      if (typeof m.requestId !== 'string' || m.requestId === '' || m.requestId.length > MAX_ID) {
        return fail(`previewEdit.requestId must be a non-empty string of at most ${MAX_ID} characters`);
      }
      const operation = parseOperation(m.operation, 'previewEdit.operation');
      if (!operation.ok) return fail(operation.error);
      const tooLong = longString(operation.value);
      if (tooLong) return fail(`previewEdit.operation: ${tooLong} is longer than ${MAX_STRING} characters`);
      return { ok: true, message: { type: 'previewEdit', requestId: m.requestId, operation: operation.value } };
    }
    case 'edit': {
      if (typeof m.requestId !== 'string' || m.requestId === '' || m.requestId.length > MAX_ID) {
        return fail(`edit.requestId must be a non-empty string of at most ${MAX_ID} characters`);
      }
      if (!Number.isInteger(m.baseVersion) || (m.baseVersion as number) < 0) {
        return fail('edit.baseVersion must be a non-negative integer');
      }
      const operation = parseOperation(m.operation, 'edit.operation');
      if (!operation.ok) return fail(operation.error);
      const tooLong = longString(operation.value);
      if (tooLong) return fail(`edit.operation: ${tooLong} is longer than ${MAX_STRING} characters`);
      return {
        ok: true,
        message: { type: 'edit', requestId: m.requestId, baseVersion: m.baseVersion as number, operation: operation.value },
      };
    }
    case 'savePositions': {
      const positions = checkNodePositions(m.positions, 'savePositions.positions');
      if (!positions.ok) return fail(positions.error);
      return { ok: true, message: { type: 'savePositions', positions: positions.positions } };
    }
    case 'log':
      if (m.level !== 'info' && m.level !== 'warn' && m.level !== 'error') {
        return fail('log.level must be info, warn or error');
      }
      if (typeof m.message !== 'string') return fail('log.message must be a string');
      return { ok: true, message: { type: 'log', level: m.level, message: m.message.slice(0, MAX_STRING) } };
    default:
      return fail(`unknown message type ${JSON.stringify(String(m.type)).slice(0, 80)}`);
  }
}

function fail(error: string): { ok: false; error: string } {
  return { ok: false, error };
}

/** The path of the first string in a value longer than MAX_STRING, if any. */
function longString(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return value.length > MAX_STRING ? path || 'a value' : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const found = longString(item, path ? `${path}.${key}` : key);
    if (found) return found;
  }
  return undefined;
}

function isShortString(v: unknown): v is string {
  return typeof v === 'string' && v.length <= MAX_STRING;
}

function isPositiveInt(v: unknown): v is number {
  return Number.isInteger(v) && (v as number) >= 1;
}

// Every message between the extension host and the designer webview. Both sides import this
// file; neither sends anything not described here. Messages from the webview are untrusted and
// go through `parseWebviewMessage` before the host acts on them.
import type { Reconnection } from '../core/edit/inherit';
import type { PipelineGraph } from '../core/model';
import type { OverlayEnvironment, OverlayNodeStatus, RunChoice } from '../core/operate/overlay';
import type { StatusLight } from '../core/operate/status';
import { parseOperation, type EditOperation } from '../core/edit/operations';
import { checkNodePositions, type NodePositions } from './nodePositions';

/** A run the designer's picker offers. */
export interface OverlayRunOption {
  id: string;
  /** "Deploy #7". */
  label: string;
  /** "Gift cards · main · in progress · 2 min ago". */
  detail: string;
  light: StatusLight;
}

/**
 * The live run over a GitHub workflow's graph. `absent`: no overlay, and `reason` says why in one
 * short line (not signed in, Restricted Mode, no repository, not a workflow of the repository).
 */
export type RunOverlay =
  | { state: 'absent'; reason: string }
  | {
      state: 'shown';
      /** The repository, `acme/shop`; its owner names teams (`acme/release-managers`). */
      where: string;
      owner: string;
      /** The checked-out branch `latest` follows; absent when unknown (then: the newest of all). */
      branch?: string;
      runs: OverlayRunOption[];
      choice: RunChoice;
      /** The run on the nodes; absent when none is chosen or there is none. */
      run?: OverlayRunOption & { finished: boolean };
      /** One short line about what is (not) shown: "No run on main yet", a failed read. */
      note?: string;
      nodes: Record<string, OverlayNodeStatus>;
      environments: Record<string, OverlayEnvironment>;
      /** The signed-in account may set environments' protection rules (admin). */
      canAdminister: boolean;
    };

/** One lint finding as the designer shows it (a badge on its node, a row in the inspector). */
export interface DesignerFinding {
  rule: string;
  severity: 'error' | 'warning' | 'information';
  message: string;
  /** The node it is about; absent for findings about the file. */
  node?: string;
  /** 1-based, where it is in the text. */
  line: number;
  column: number;
  /** The quick fix's title, when it has one. */
  fix?: string;
}

/**
 * How the designer puts jobs in columns (setting `pipewright.designer.columns`). 'needs': one
 * column after the last job a job needs, as the platforms draw it; 'compact': dagre's network
 * simplex, which also moves jobs nothing waits for next to what needs them, for shorter arrows.
 */
export type ColumnRule = 'needs' | 'compact';
export const COLUMN_RULES: readonly ColumnRule[] = ['needs', 'compact'];

/** Host → webview. */
export type HostToWebview =
  | ({ type: 'overlay' } & RunOverlay)
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
    }
  | {
      /** The user's designer settings: sent on `ready` and when they change. */
      type: 'viewSettings';
      columns: ColumnRule;
    }
  | {
      /** The lint findings of document `version` (sent right before or after its `document`). */
      type: 'findings';
      version: number;
      findings: DesignerFinding[];
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
      /**
       * The webview laid out a graph and painted the part of it in view; lets the host log and
       * tests observe what was drawn. `nodeIds` are the graph nodes placed (laid out and handed to
       * the canvas) and `edgeCount` the arrows between placed nodes: every node and arrow of the
       * graph, even when a large graph keeps the ones out of view out of the page
       * (webview/src/viewport/culling.ts) until the user pans or moves the focus to them.
       */
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
       * The user asked for finding `index` of the `findings` of `version` to be fixed. The host
       * applies its fix through the edit engine and answers with `editResult` (the refusal's reason).
       */
      type: 'applyFix';
      requestId: string;
      version: number;
      index: number;
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
      /** Which run to show over the graph (sent after `ready` with the saved choice, and on change). */
      type: 'chooseRun';
      choice: RunChoice;
    }
  | {
      /** The toolbar's Run Workflow…: the host asks for the ref and inputs, then confirms. */
      type: 'runWorkflow';
    }
  | {
      /**
       * Set an environment's protection rules from the inspector. `reviewers` is the text box as
       * typed (logins and ORG/team names, `core/operate/reviewerNames.ts`); the host looks the
       * ids up and asks for confirmation before anything is sent.
       */
      type: 'setProtection';
      environment: string;
      reviewers: string;
      preventSelfReview: boolean;
      waitTimerMinutes: number;
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
    case 'applyFix':
      if (typeof m.requestId !== 'string' || m.requestId === '' || m.requestId.length > MAX_ID) {
        return fail(`applyFix.requestId must be a non-empty string of at most ${MAX_ID} characters`);
      }
      if (!Number.isInteger(m.version) || (m.version as number) < 0) return fail('applyFix.version must be a non-negative integer');
      if (!Number.isInteger(m.index) || (m.index as number) < 0) return fail('applyFix.index must be a non-negative integer');
      return { ok: true, message: { type: 'applyFix', requestId: m.requestId, version: m.version as number, index: m.index as number } };
    case 'savePositions': {
      const positions = checkNodePositions(m.positions, 'savePositions.positions');
      if (!positions.ok) return fail(positions.error);
      return { ok: true, message: { type: 'savePositions', positions: positions.positions } };
    }
    case 'chooseRun': {
      const choice = parseRunChoice(m.choice);
      if (!choice) return fail('chooseRun.choice must be {kind: "latest"}, {kind: "none"} or {kind: "run", runId: digits}');
      return { ok: true, message: { type: 'chooseRun', choice } };
    }
    case 'runWorkflow':
      return { ok: true, message: { type: 'runWorkflow' } };
    case 'setProtection':
      if (typeof m.environment !== 'string' || m.environment === '' || m.environment.length > MAX_NAME) {
        return fail(`setProtection.environment must be a non-empty string of at most ${MAX_NAME} characters`);
      }
      if (typeof m.reviewers !== 'string' || m.reviewers.length > MAX_ID * 10) return fail(`setProtection.reviewers must be a string of at most ${MAX_ID * 10} characters`);
      if (typeof m.preventSelfReview !== 'boolean') return fail('setProtection.preventSelfReview must be a boolean');
      if (!Number.isInteger(m.waitTimerMinutes) || (m.waitTimerMinutes as number) < 0 || (m.waitTimerMinutes as number) > MAX_WAIT_TIMER) {
        return fail(`setProtection.waitTimerMinutes must be a whole number from 0 to ${MAX_WAIT_TIMER}`);
      }
      return {
        ok: true,
        message: { type: 'setProtection', environment: m.environment, reviewers: m.reviewers, preventSelfReview: m.preventSelfReview, waitTimerMinutes: m.waitTimerMinutes as number },
      };
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

/** GitHub's longest wait timer: 30 days, in minutes. */
export const MAX_WAIT_TIMER = 43_200;
/** GitHub environment names are at most 255 characters. */
const MAX_NAME = 255;

/** A run choice from either side; undefined when it is not one. */
export function parseRunChoice(raw: unknown): RunChoice | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const c = raw as Record<string, unknown>;
  if (c.kind === 'latest' || c.kind === 'none') return { kind: c.kind };
  if (c.kind === 'run' && typeof c.runId === 'string' && /^\d{1,20}$/.test(c.runId)) return { kind: 'run', runId: c.runId };
  return undefined;
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

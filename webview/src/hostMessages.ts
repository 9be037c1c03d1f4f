// Messages from the host are checked before use: a malformed one is reported, never half-applied.
import type { Reconnection } from '../../src/core/edit/inherit';
import type { PipelineGraph } from '../../src/core/model';
import { checkNodePositions } from '../../src/shared/nodePositions';
import { COLUMN_RULES, type ColumnRule, type DesignerFinding, type HostToWebview } from '../../src/shared/protocol';
import { checkOverlay } from './overlay/overlayMessage';

export type HostMessageCheck = { ok: true; message: HostToWebview } | { ok: false; error: string };

export function parseHostMessage(raw: unknown): HostMessageCheck {
  if (!isRecord(raw)) return { ok: false, error: 'message is not an object' };
  if (raw.type === 'select') {
    if (!Array.isArray(raw.nodeIds) || !raw.nodeIds.every((id) => typeof id === 'string')) {
      return { ok: false, error: 'select.nodeIds must be a list of strings' };
    }
    return { ok: true, message: { type: 'select', nodeIds: raw.nodeIds as string[] } };
  }
  if (raw.type === 'editResult') {
    if (typeof raw.requestId !== 'string') return { ok: false, error: 'editResult.requestId must be a string' };
    if (typeof raw.ok !== 'boolean') return { ok: false, error: 'editResult.ok must be a boolean' };
    if (raw.reason !== undefined && typeof raw.reason !== 'string') return { ok: false, error: 'editResult.reason must be a string' };
    if (raw.cancelled !== undefined && typeof raw.cancelled !== 'boolean') return { ok: false, error: 'editResult.cancelled must be a boolean' };
    const reconnected = raw.reconnected;
    if (reconnected !== undefined && !(Array.isArray(reconnected) && reconnected.every(isReconnection))) {
      return { ok: false, error: 'editResult.reconnected must be a list of {stage, waitsFor: [ids]}' };
    }
    return {
      ok: true,
      message: {
        type: 'editResult',
        requestId: raw.requestId,
        ok: raw.ok,
        ...(typeof raw.reason === 'string' ? { reason: raw.reason } : {}),
        ...(raw.cancelled === true ? { cancelled: true } : {}),
        ...(reconnected !== undefined ? { reconnected: reconnected as Reconnection[] } : {}),
      },
    };
  }
  if (raw.type === 'overlay') {
    const check = checkOverlay(raw);
    return check.ok ? { ok: true, message: { type: 'overlay', ...check.overlay } } : check;
  }
  if (raw.type === 'editPreview') {
    if (typeof raw.requestId !== 'string') return { ok: false, error: 'editPreview.requestId must be a string' };
    if (typeof raw.ok !== 'boolean') return { ok: false, error: 'editPreview.ok must be a boolean' };
    for (const key of ['summary', 'reason'] as const) {
      if (raw[key] !== undefined && typeof raw[key] !== 'string') return { ok: false, error: `editPreview.${key} must be a string` };
    }
    return {
      ok: true,
      message: {
        type: 'editPreview',
        requestId: raw.requestId,
        ok: raw.ok,
        ...(typeof raw.summary === 'string' ? { summary: raw.summary } : {}),
        ...(typeof raw.reason === 'string' ? { reason: raw.reason } : {}),
      },
    };
  }
  if (raw.type === 'viewSettings') {
    if (!(COLUMN_RULES as readonly unknown[]).includes(raw.columns)) return { ok: false, error: `viewSettings.columns must be one of ${COLUMN_RULES.join(', ')}` };
    return { ok: true, message: { type: 'viewSettings', columns: raw.columns as ColumnRule } };
  }
  if (raw.type === 'positions') {
    const check = checkNodePositions(raw.positions, 'positions.positions');
    return check.ok ? { ok: true, message: { type: 'positions', positions: check.positions } } : check;
  }
  if (raw.type === 'findings') {
    if (!Number.isInteger(raw.version)) return { ok: false, error: 'findings.version must be an integer' };
    if (!Array.isArray(raw.findings)) return { ok: false, error: 'findings.findings must be a list' };
    const findings: DesignerFinding[] = [];
    for (const f of raw.findings as unknown[]) {
      if (!isRecord(f) || typeof f.rule !== 'string' || typeof f.message !== 'string' || !Number.isInteger(f.line) || !Number.isInteger(f.column)) {
        return { ok: false, error: 'every finding needs string rule and message, integer line and column' };
      }
      if (f.severity !== 'error' && f.severity !== 'warning' && f.severity !== 'information') {
        return { ok: false, error: `finding ${f.rule}: severity must be error, warning or information` };
      }
      if ((f.node !== undefined && typeof f.node !== 'string') || (f.fix !== undefined && typeof f.fix !== 'string')) {
        return { ok: false, error: `finding ${f.rule}: node and fix must be strings when given` };
      }
      findings.push({
        rule: f.rule,
        severity: f.severity,
        message: f.message,
        line: f.line as number,
        column: f.column as number,
        ...(typeof f.node === 'string' ? { node: f.node } : {}),
        ...(typeof f.fix === 'string' ? { fix: f.fix } : {}),
      });
    }
    return { ok: true, message: { type: 'findings', version: raw.version as number, findings } };
  }
  if (raw.type === 'document') {
    if (!Number.isInteger(raw.version)) return { ok: false, error: 'document.version must be an integer' };
    if (typeof raw.fileName !== 'string') return { ok: false, error: 'document.fileName must be a string' };
    if (typeof raw.syntaxError !== 'boolean') return { ok: false, error: 'document.syntaxError must be a boolean' };
    const graphError = checkGraph(raw.graph);
    if (graphError) return { ok: false, error: `document.graph: ${graphError}` };
    return {
      ok: true,
      message: {
        type: 'document',
        version: raw.version as number,
        fileName: raw.fileName,
        graph: raw.graph as PipelineGraph,
        syntaxError: raw.syntaxError,
      },
    };
  }
  return { ok: false, error: `unknown message type ${JSON.stringify(String(raw.type)).slice(0, 80)}` };
}

/** The fields the webview reads; returns what is wrong, or undefined. */
export function checkGraph(graph: unknown): string | undefined {
  if (!isRecord(graph)) return 'not an object';
  if (typeof graph.dialect !== 'string') return 'dialect must be a string';
  for (const key of ['nodes', 'edges', 'lanes', 'problems', 'fileMarks'] as const) {
    if (!Array.isArray(graph[key])) return `${key} must be a list`;
  }
  for (const n of graph.nodes as unknown[]) {
    if (!isRecord(n) || typeof n.id !== 'string' || typeof n.name !== 'string' || typeof n.kind !== 'string') {
      return 'every node needs string id, name and kind';
    }
    if ((n.role !== 'job' && n.role !== 'stage') || !Array.isArray(n.marks) || !isRecord(n.range)) {
      return `node ${JSON.stringify(n.id)} needs role, marks and range`;
    }
  }
  for (const e of graph.edges as unknown[]) {
    if (!isRecord(e) || typeof e.from !== 'string' || typeof e.to !== 'string') return 'every edge needs string from and to';
  }
  for (const l of graph.lanes as unknown[]) {
    if (!isRecord(l) || typeof l.id !== 'string' || typeof l.name !== 'string') return 'every lane needs string id and name';
  }
  for (const p of graph.problems as unknown[]) {
    if (!isRecord(p) || typeof p.message !== 'string' || !Number.isInteger(p.line) || !Number.isInteger(p.column)) {
      return 'every problem needs a message, line and column';
    }
  }
  for (const m of graph.fileMarks as unknown[]) {
    if (!isRecord(m) || typeof m.mark !== 'string' || typeof m.detail !== 'string' || !Number.isInteger(m.line)) {
      return 'every file mark needs mark, detail and line';
    }
  }
  return undefined;
}

function isReconnection(v: unknown): boolean {
  return isRecord(v) && typeof v.stage === 'string' && Array.isArray(v.waitsFor) && v.waitsFor.every((id) => typeof id === 'string');
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// The values an inspector field stands for, and the edit a commit sends: a setProperty (or
// renameStage for the id) when the committed value differs from what the graph shows, nothing
// when it does not. Pure.
import type { EditOperation, GateValue, StrategyValue } from '../../../src/core/edit/operations';
import type { GraphNode, PipelineGraph } from '../../../src/core/model';
import { parseApprovers, parseCanarySteps, parseDuration, parseId, parseMaxParallel, parseRollingAmount, parseTimeout, parseUrl, type Parsed } from './fieldRules';
import type { InspectorSupport } from './fieldSupport';

/** An edit to send, `undefined` when the value did not change, or what is wrong with it. */
export type Commit = Parsed<EditOperation | undefined>;

const unchanged: Commit = { ok: true, value: undefined };
const send = (operation: EditOperation): Commit => ({ ok: true, value: operation });
const problem = (message: string): Commit => ({ ok: false, message });

/** An Azure job's own part of `Stage/Job`; any other node's id. */
export function localId(graph: PipelineGraph, node: GraphNode): string {
  const azureJob = graph.dialect === 'azure' && node.role === 'job' && node.stage !== undefined && node.id.startsWith(`${node.stage}/`);
  return azureJob ? node.id.slice(node.stage!.length + 1) : node.id;
}

export function idCommit(graph: PipelineGraph, node: GraphNode, typed: string): Commit {
  const id = parseId(graph.dialect, node.role, typed);
  if (!id.ok) return id;
  if (id.value === localId(graph, node)) return unchanged;
  if (graph.nodes.some((n) => n.id !== node.id && localId(graph, n) === id.value && n.stage === node.stage)) {
    return problem(`"${id.value}" is already taken.`);
  }
  return send({ op: 'renameStage', stage: node.id, newId: id.value });
}

/** The display name the field shows: empty when the node has none of its own (it shows the id). */
export function shownName(graph: PipelineGraph, node: GraphNode): string {
  return node.name === localId(graph, node) ? '' : node.name;
}

export function nameCommit(graph: PipelineGraph, node: GraphNode, typed: string): Commit {
  const name = typed.trim();
  const current = shownName(graph, node);
  if (name === current) return unchanged;
  return send({ op: 'setProperty', stage: node.id, property: 'name', value: name === '' ? null : name });
}

export function runnerCommit(node: GraphNode, support: InspectorSupport, typed: string): Commit {
  const runner = typed.trim();
  if (runner === (node.runner ?? '').trim()) return unchanged;
  if (runner === '' && !support.runnerClear.enabled) return problem(support.runnerClear.reason ?? 'Enter a runner.');
  return send({ op: 'setProperty', stage: node.id, property: 'runner', value: runner === '' ? null : runner });
}

export function conditionCommit(node: GraphNode, typed: string): Commit {
  const condition = typed.trim();
  if (condition === (node.condition ?? '').trim()) return unchanged;
  return send({ op: 'setProperty', stage: node.id, property: 'condition', value: condition === '' ? null : condition });
}

export function timeoutCommit(node: GraphNode, typed: string): Commit {
  if (typed.trim() === (node.timeout ?? '').trim()) return unchanged;
  const timeout = parseTimeout(typed);
  if (!timeout.ok) return timeout;
  return send({ op: 'setProperty', stage: node.id, property: 'timeout', value: timeout.value });
}

export function environmentCommit(node: GraphNode, support: InspectorSupport, typedName: string, typedUrl: string): Commit {
  const name = typedName.trim();
  const url = parseUrl(typedUrl);
  if (!url.ok) return url;
  if (name === (node.environment ?? '') && (url.value ?? '') === (node.environmentUrl ?? '')) return unchanged;
  if (name === '') {
    if (url.value !== undefined) return problem('Name the environment to give it a URL.');
    if (!support.environmentClear.enabled) return problem(support.environmentClear.reason ?? 'Enter an environment name.');
    return send({ op: 'setProperty', stage: node.id, property: 'environment', value: null });
  }
  return send({ op: 'setProperty', stage: node.id, property: 'environment', value: { name, ...(url.value !== undefined ? { url: url.value } : {}) } });
}

export interface GateDraft {
  kind: string;
  after: string;
  approvers: string;
  instructions: string;
}

export function gateDraftOf(node: GraphNode): GateDraft {
  return {
    kind: node.gate?.kind ?? 'none',
    after: node.gate?.after ?? '',
    approvers: (node.gate?.approvers ?? []).join(', '),
    instructions: node.gate?.instructions ?? '',
  };
}

/** What the gate fields say, as a gate value; `undefined` for none. */
export function gateValue(draft: GateDraft): Parsed<GateValue | null> {
  switch (draft.kind) {
    case 'none':
      return { ok: true, value: null };
    case 'manual':
      return { ok: true, value: { kind: 'manual' } };
    case 'delayed': {
      const after = parseDuration(draft.after);
      return after.ok ? { ok: true, value: { kind: 'delayed', after: after.value } } : after;
    }
    case 'approvers': {
      const approvers = parseApprovers(draft.approvers);
      if (!approvers.ok) return approvers;
      const instructions = draft.instructions.trim();
      return { ok: true, value: { kind: 'approvers', approvers: approvers.value, ...(instructions !== '' ? { instructions } : {}) } };
    }
    default:
      return { ok: false, message: `Unknown gate "${draft.kind}".` };
  }
}

export function gateCommit(node: GraphNode, draft: GateDraft): Commit {
  const value = gateValue(draft);
  if (!value.ok) return value;
  const current = gateValue(gateDraftOf(node));
  if (current.ok && JSON.stringify(current.value) === JSON.stringify(value.value)) return unchanged;
  return send({ op: 'setProperty', stage: node.id, property: 'gate', value: value.value });
}

export interface StrategyDraft {
  kind: string;
  maxSurge: string;
  maxUnavailable: string;
  maxParallel: string;
  steps: string;
}

/**
 * The strategy fields as the YAML has them. A parameter the graph does not carry starts empty:
 * one not written, or one written as something other than a whole number (`$(targets)`,
 * `${{ parameters.steps }}`, `25%`). Such a value would be invalid input in a number field and
 * block every commit of the section; left empty, the edit sends no value for it and the engine
 * keeps what is written.
 */
export function strategyDraftOf(node: GraphNode): StrategyDraft {
  const written = node.strategyParameters;
  return {
    kind: node.strategy ?? 'none',
    maxSurge: '',
    maxUnavailable: '',
    maxParallel: written?.maxParallel !== undefined ? String(written.maxParallel) : '',
    steps: written?.increments !== undefined ? written.increments.join(', ') : '',
  };
}

/**
 * Why the maxParallel the YAML has cannot be emptied here: a strategy edit has no way to remove
 * a parameter (the engine keeps a written one the edit leaves out), so sending the empty field
 * would change nothing while the field says it is gone.
 */
export function emptiedParameterProblem(node: GraphNode, draft: StrategyDraft): string | undefined {
  const written = node.strategyParameters?.maxParallel;
  if (draft.kind !== node.strategy || written === undefined || draft.maxParallel.trim() !== '') return undefined;
  return `The YAML keeps maxParallel: ${written} when this is empty; enter another number, or remove it in the text.`;
}

export function strategyValue(draft: StrategyDraft): Parsed<StrategyValue | null> {
  switch (draft.kind) {
    case 'none':
      return { ok: true, value: null };
    case 'runOnce':
    case 'blue-green':
      return { ok: true, value: { kind: draft.kind } };
    case 'rolling': {
      const maxSurge = parseRollingAmount(draft.maxSurge);
      if (!maxSurge.ok) return maxSurge;
      const maxUnavailable = parseRollingAmount(draft.maxUnavailable);
      if (!maxUnavailable.ok) return maxUnavailable;
      const maxParallel = parseMaxParallel(draft.maxParallel);
      if (!maxParallel.ok) return maxParallel;
      return {
        ok: true,
        value: {
          kind: 'rolling',
          ...(maxSurge.value !== undefined ? { maxSurge: maxSurge.value } : {}),
          ...(maxUnavailable.value !== undefined ? { maxUnavailable: maxUnavailable.value } : {}),
          ...(maxParallel.value !== undefined ? { maxParallel: maxParallel.value } : {}),
        },
      };
    }
    case 'canary': {
      const steps = parseCanarySteps(draft.steps);
      return steps.ok ? { ok: true, value: { kind: 'canary', steps: steps.value } } : steps;
    }
    default:
      return { ok: false, message: `The designer cannot set a "${draft.kind}" strategy.` };
  }
}

export function strategyCommit(node: GraphNode, draft: StrategyDraft): Commit {
  const initial = strategyDraftOf(node);
  if (JSON.stringify(initial) === JSON.stringify(draft)) return unchanged;
  const emptied = emptiedParameterProblem(node, draft);
  if (emptied !== undefined) return problem(emptied);
  const value = strategyValue(draft);
  if (!value.ok) return value;
  return send({ op: 'setProperty', stage: node.id, property: 'strategy', value: value.value });
}

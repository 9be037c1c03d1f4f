// Operations chosen deterministically from a file's graph (the first editable node that fits),
// and the facts each must establish: shared by the corpus tests, the property tests and the
// benchmarks so they all exercise the same edits.
import type { EditOperation, EnvironmentValue, GateValue } from '../../src/core/edit/operations';
import type { Dialect, GraphNode, PipelineGraph } from '../../src/core/model';
import { TEMPLATES, templateInfo } from '../../src/core/templates/catalog';

export const OPERATION_KINDS = [
  'rename',
  'addDependency',
  'removeDependency',
  'addStage',
  'deleteLeaf',
  'setEnvironment',
  'setGate',
] as const;

export type OperationKind = (typeof OPERATION_KINDS)[number];

/** The id a test stage gets: valid as a GitHub job id, a GitLab job name and an Azure identifier. */
export const ADDED_STAGE_ID = 'pw_added';

export const GATES: readonly GateValue[] = [
  { kind: 'manual' },
  { kind: 'delayed', after: '30 minutes' },
  { kind: 'approvers', approvers: ['release-managers'], instructions: 'Check the staging dashboard first' },
];

/** Azure environments have no URL in YAML (it is set on the environment in Azure DevOps). */
export function environmentFor(dialect: Dialect): EnvironmentValue {
  return dialect === 'azure' ? { name: 'staging' } : { name: 'staging', url: 'https://staging.example.com' };
}

export function isEditable(n: GraphNode): boolean {
  return n.marks.length === 0;
}

export function localName(id: string): string {
  return id.slice(id.lastIndexOf('/') + 1);
}

/** The operation of this kind for this file, or undefined when nothing in it fits. `seed` varies template and gate. */
export function chooseOperation(kind: OperationKind, graph: PipelineGraph, seed: number): EditOperation | undefined {
  const nodes = graph.nodes;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  // The stages an edit of `id` touches besides itself (it names them, or they name it).
  const neighboursEditable = (id: string) =>
    graph.edges.filter((e) => !e.implicit && !e.unresolved && (e.from === id || e.to === id)).every((e) => {
      const other = byId.get(e.from === id ? e.to : e.from);
      return other === undefined || isEditable(other);
    });
  const jobs = nodes.filter((n) => n.role === 'job' && isEditable(n));
  const stages = nodes.filter((n) => n.role === 'stage' && isEditable(n));
  switch (kind) {
    case 'rename': {
      const n = nodes.find((x) => isEditable(x) && neighboursEditable(x.id));
      return n && { op: 'renameStage', stage: n.id, newId: `${localName(n.id)}_renamed` };
    }
    case 'addDependency': {
      for (const target of nodes) {
        if (!isEditable(target)) continue;
        const downstream = reachableFrom(graph, target.id);
        const source = nodes.find((n) =>
          n.id !== target.id &&
          sameScope(graph, n, target) &&
          !downstream.has(n.id) &&
          !graph.edges.some((e) => e.from === n.id && e.to === target.id) &&
          laneIndex(graph, n) <= laneIndex(graph, target));
        if (source) return { op: 'addDependency', stage: target.id, dependsOn: source.id };
      }
      return undefined;
    }
    case 'removeDependency': {
      const fits = (implicit: boolean) =>
        graph.edges.find((e) => e.implicit === implicit && !e.unresolved && byId.get(e.to) && isEditable(byId.get(e.to)!));
      const e = fits(false) ?? fits(true);
      return e && { op: 'removeDependency', stage: e.to, dependsOn: e.from };
    }
    case 'addStage': {
      if (byId.has(ADDED_STAGE_ID)) return undefined;
      const template = TEMPLATES[seed % TEMPLATES.length].name;
      // Azure templates are stages: they go after a stage where the file has stages.
      const after = graph.dialect === 'azure' ? nodes.find((n) => n.role === 'stage') ?? nodes[0] : nodes[0];
      return { op: 'addStage', template, id: ADDED_STAGE_ID, ...(after ? { after: after.id } : {}) };
    }
    case 'deleteLeaf': {
      const n = nodes.find((x) => isEditable(x) && neighboursEditable(x.id) && !graph.edges.some((e) => e.from === x.id || (x.role === 'stage' && e.from.startsWith(`${x.id}/`) && !e.to.startsWith(`${x.id}/`))));
      return n && { op: 'deleteStage', stage: n.id };
    }
    case 'setEnvironment': {
      // Azure: an environment belongs on a deployment job; prefer one that is already one, then a
      // stage (its deployment jobs get it).
      const n = (graph.dialect === 'azure' ? jobs.find((j) => j.environment !== undefined) ?? stages[0] : undefined) ?? jobs[0];
      return n && { op: 'setProperty', stage: n.id, property: 'environment', value: environmentFor(graph.dialect) };
    }
    case 'setGate': {
      // A job that already waits this way (GitHub retimes only wait jobs), then any gate job;
      // Azure gates are agentless jobs of their own, which a stage gets added; then the first job.
      const gate = GATES[seed % GATES.length];
      const n = jobs.find((j) => j.gate?.kind === gate.kind) ?? jobs.find((j) => j.gate !== undefined) ?? stages[0] ?? jobs[0];
      return n && { op: 'setProperty', stage: n.id, property: 'gate', value: gate };
    }
  }
}

/** What the graph after `op` must show, beyond what plan.ts verifies; empty when it does. */
export function keyFactProblems(op: EditOperation, before: PipelineGraph, after: PipelineGraph): string[] {
  const has = (id: string) => after.nodes.some((n) => n.id === id);
  const node = (id: string) => after.nodes.find((n) => n.id === id);
  const edge = (from: string, to: string) => after.edges.find((e) => e.from === from && e.to === to);
  const problems: string[] = [];
  const want = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  switch (op.op) {
    case 'renameStage': {
      const prefix = op.stage.includes('/') ? op.stage.slice(0, op.stage.lastIndexOf('/') + 1) : '';
      const newId = prefix + op.newId;
      want(has(newId), `"${newId}" should exist`);
      want(!has(op.stage), `"${op.stage}" should be gone`);
      const touching = (g: PipelineGraph, id: string) => g.edges.filter((e) => !e.implicit && (e.from === id || e.to === id)).length;
      want(touching(after, newId) === touching(before, op.stage), `"${newId}" should have the explicit dependencies "${op.stage}" had`);
      break;
    }
    case 'deleteStage':
      want(!has(op.stage), `"${op.stage}" should be gone`);
      want(!after.edges.some((e) => e.from === op.stage || e.to === op.stage), `no dependency should name "${op.stage}"`);
      break;
    case 'addDependency':
      want(edge(op.dependsOn, op.stage)?.implicit === false, `"${op.stage}" should name "${op.dependsOn}" as a dependency`);
      break;
    case 'removeDependency':
      want(edge(op.dependsOn, op.stage) === undefined, `"${op.stage}" should no longer depend on "${op.dependsOn}"`);
      break;
    case 'addStage': {
      const added = node(op.id);
      want(added !== undefined, `"${op.id}" should exist`);
      want(added?.kind === templateInfo(op.template)?.kind, `"${op.id}" should be a ${templateInfo(op.template)?.kind} stage, is ${added?.kind}`);
      if (op.after) want(edge(op.after, op.id) !== undefined, `"${op.id}" should depend on "${op.after}"`);
      break;
    }
    case 'moveToStage':
      break;
    case 'setProperty': {
      const n = node(op.stage);
      want(n !== undefined, `"${op.stage}" should still exist`);
      // An Azure stage shows what its jobs say: the environment and gate are theirs.
      const holders = n?.role === 'stage' ? after.nodes.filter((j) => j.stage === op.stage && j.role === 'job') : n ? [n] : [];
      if (op.property === 'environment' && op.value) {
        const value = op.value;
        want(holders.some((h) => h.environment === value.name), `environment should be ${value.name}, is ${holders.map((h) => h.environment).join(', ')}`);
        if (value.url) want(holders.some((h) => h.environmentUrl === value.url), `environment url should be ${value.url}`);
      }
      if (op.property === 'gate' && op.value) {
        const value = op.value;
        // GitHub reads an approval step naming its approvers as a manual gate with those approvers.
        const shows = (h: GraphNode) =>
          h.gate?.kind === value.kind || (value.kind === 'approvers' && h.gate !== undefined && value.approvers.every((a) => h.gate!.approvers?.includes(a)));
        want(holders.some(shows), `gate should be ${JSON.stringify(value)}, is ${JSON.stringify(holders.map((h) => h.gate))}`);
      }
      if (op.property === 'gate' && op.value === null) want(holders.every((h) => h.gate === undefined), `gate should be gone`);
      break;
    }
  }
  return problems;
}

/** How many nodes `op` adds (positive) or removes (negative), given the graphs before and after. */
export function expectedNodeDelta(op: EditOperation, before: PipelineGraph, after: PipelineGraph): number {
  switch (op.op) {
    case 'deleteStage':
      return -before.nodes.filter((n) => n.id === op.stage || n.id.startsWith(`${op.stage}/`)).length;
    case 'addStage':
      // The stage itself, plus the jobs of an Azure stage template.
      return 1 + after.nodes.filter((n) => n.id.startsWith(`${op.id}/`)).length;
    case 'setProperty': {
      // An Azure stage's gate is an agentless job of its own, added or removed with the gate.
      const group = before.nodes.find((n) => n.id === op.stage && n.role === 'stage');
      if (op.property !== 'gate' || !group) return 0;
      const gateJobs = (g: PipelineGraph) => g.nodes.filter((n) => n.stage === op.stage && n.role === 'job' && n.gate !== undefined).length;
      return gateJobs(after) - gateJobs(before);
    }
    default:
      return 0;
  }
}

/** Every node that (transitively) depends on `id`. */
export function reachableFrom(graph: PipelineGraph, id: string): Set<string> {
  const seen = new Set<string>();
  const queue = [id];
  while (queue.length > 0) {
    const current = queue.pop()!;
    for (const e of graph.edges) {
      if (e.from === current && !seen.has(e.to)) {
        seen.add(e.to);
        queue.push(e.to);
      }
    }
  }
  return seen;
}

/** Azure: stages depend on stages, jobs on jobs of the same stage. Elsewhere any two jobs. */
function sameScope(graph: PipelineGraph, a: GraphNode, b: GraphNode): boolean {
  if (graph.dialect !== 'azure') return true;
  // Azure stage names cannot hold a slash; a job id is `Stage/` + the rest.
  const parent = (id: string) => (id.includes('/') ? id.slice(0, id.indexOf('/')) : '');
  return a.role === b.role && parent(a.id) === parent(b.id);
}

/** GitLab: a job may only need jobs of its own or earlier lanes. */
function laneIndex(graph: PipelineGraph, n: GraphNode): number {
  if (graph.dialect !== 'gitlab' || n.stage === undefined) return 0;
  const i = graph.lanes.findIndex((l) => l.id === n.stage || l.name === n.stage);
  return i < 0 ? 0 : i;
}

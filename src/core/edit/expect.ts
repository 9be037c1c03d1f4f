// What the graph must look like after an operation, worked out on the graph alone (no YAML), so
// that a planner's text edit can be checked against the meaning of the operation.
import { nameSaysKind } from '../kinds';
import { DEFAULT_STAGES } from '../dialects/gitlab/lanes';
import type { GraphEdge, GraphNode, PipelineGraph } from '../model';
import { compareArtifacts, keepsArtifactsOf, type ArtifactExpectation } from './artifacts';
import { deletedBy, dependantsOf, dependenciesOf } from './inherit';
import type { EditOperation } from './operations';

/** The fields of a node that an edit may change; checked field by field. */
export interface NodeFacts {
  name?: string | string[]; // a list: any of these
  stage?: string;
  environment?: string;
  environmentUrl?: string;
  gate?: string; // JSON of the gate, or '' for none
  strategy?: string;
  kind?: string;
}

export interface Expectation {
  /** Every node id after the edit, with the facts to check (empty object: check nothing). */
  nodes: Map<string, NodeFacts>;
  /** Node ids that may also appear (children a template adds), by prefix. */
  extraNodePrefix?: string;
  /**
   * The dependencies that must exist afterwards, by the stage that waits for them. Kept per
   * stage, in the graph's order, because most stages' dependencies do not change: comparing them
   * costs a walk over two lists, where GitLab's stage order alone draws tens of thousands of edges.
   */
  edges: Incoming;
  /**
   * Dialect defaults (GitLab stage order, Azure previous stage) follow from where stages sit, so
   * an edit that adds or moves a stage may change them: implicit edges are then not compared,
   * and required edges that were implicit before may go. (A delete predicts them exactly.)
   */
  implicitEdgesMayChange: boolean;
  /** GitLab: the ordered lanes afterwards (see orderedLanes), when the edit is about lanes. */
  lanes?: string[];
  /** GitLab: whose artifacts each job receives afterwards (see artifacts.ts). */
  artifacts?: ArtifactExpectation;
  /**
   * Dependencies that may appear besides the expected ones: GitLab `needs:` written for a job
   * that followed the stage order names the jobs of earlier stages whose artifacts it keeps
   * receiving, which it waited for already.
   */
  mayAppear?: (from: string, to: string) => boolean;
}

/** A dependency as the expectation sees it: where from, and whether a dialect default drew it before the edit. */
export interface Dependency {
  from: string;
  implicit: boolean;
}

/** Dependencies by the stage that waits for them. */
export type Incoming = Map<string, Dependency[]>;

export function factsOf(n: GraphNode): NodeFacts {
  // An Azure stage group only summarises its jobs, which are compared themselves.
  if (n.role === 'stage') return { name: n.name };
  return {
    name: n.name,
    stage: n.stage,
    environment: n.environment,
    environmentUrl: n.environmentUrl,
    gate: n.gate ? JSON.stringify(n.gate) : '',
    strategy: n.strategy,
    kind: n.kind,
  };
}

/**
 * The expected graph after `op`, given the graph before. `templateKind` is the kind an added stage
 * should have; `twins`, the nodes a rename or deletion changes with `op.stage` (EditSubject.twins).
 */
export function expectAfter(before: PipelineGraph, op: EditOperation, templateKind?: string, twins: readonly string[] = []): Expectation {
  const exp = expectGraphAfter(before, op, templateKind, twins);
  if (before.dialect === 'gitlab') expectGitlabArtifacts(before, op, exp);
  return exp;
}

function expectGraphAfter(before: PipelineGraph, op: EditOperation, templateKind: string | undefined, twins: readonly string[]): Expectation {
  const nodes = new Map(before.nodes.map((n) => [n.id, factsOf(n)]));
  const edges = incomingOf(before.edges);
  const exp: Expectation = { nodes, edges, implicitEdgesMayChange: false };
  const node = (id: string) => nodes.get(id);
  switch (op.op) {
    case 'renameStage': {
      const renamed = [op.stage, ...twins];
      const rename = renamerOf(before, op, twins);
      // Only an Azure stage group is the `stage` of other nodes; a GitLab job named like its lane is not the lane.
      const groups = new Set(renamed.filter((id) => before.nodes.some((n) => n.id === id && n.role === 'stage')));
      const childStageRenamed = (facts: NodeFacts) =>
        facts.stage !== undefined && groups.has(facts.stage) ? renamedChildStage(facts, facts.stage, rename) : facts;
      exp.nodes = new Map(
        [...nodes].map(([id, facts]) => {
          const newId = rename(id);
          if (newId === id) return [id, childStageRenamed(facts)];
          const local = (x: string) => (before.dialect === 'azure' ? localName(x) : x);
          const oldLocal = local(id);
          // A name that was the id follows the rename; an explicit display name stays.
          const name = facts.name === oldLocal ? [oldLocal, local(newId)] : facts.name;
          const { kind: _inferredFromTheName, ...rest } = childStageRenamed(facts);
          return [newId, { ...rest, name }];
        }),
      );
      exp.edges = renamedDependencies(edges, rename);
      return exp;
    }
    case 'deleteStage': {
      const deleted = [op.stage, ...twins];
      const each = deleted.map(deletedBy);
      const gone = (id: string) => each.some((g) => g(id));
      for (const id of [...nodes.keys()]) if (gone(id)) nodes.delete(id);
      exp.edges = withoutStages(edges, gone);
      for (const stage of deleted) inheritDependencies(before, exp.edges, stage);
      if (before.dialect === 'azure') for (const stage of deleted) renumberSiblings(before, exp, stage);
      return exp;
    }
    case 'addDependency':
      addDependency(edges, op.dependsOn, op.stage);
      return exp;
    case 'removeDependency':
      removeDependency(edges, op.dependsOn, op.stage);
      return exp;
    case 'addStage': {
      // The template decides the kind, unless the id the user gave names one ("smoke" for a health
      // check is an integration test, as a job so named is anywhere): then the kind is the name's.
      const kind = templateKind && !nameSaysKind(before.dialect === 'azure' ? localName(op.id) : op.id) ? { kind: templateKind } : {};
      nodes.set(op.id, { ...kind, ...(op.lane !== undefined ? { stage: op.lane } : {}) });
      exp.extraNodePrefix = `${op.id}/`;
      if (op.after) addDependency(edges, op.after, op.id);
      if (op.before) addDependency(edges, op.id, op.before);
      if (op.after && op.before) removeDependency(edges, op.after, op.before);
      // Dialect defaults may connect the new stage to its neighbours by position.
      exp.implicitEdgesMayChange = true;
      return exp;
    }
    case 'moveToStage': {
      const facts = node(op.stage);
      if (before.dialect === 'gitlab') {
        if (facts) facts.stage = op.to;
        // Stage order edges follow the lanes; only explicit `needs` must survive unchanged.
        exp.implicitEdgesMayChange = true;
        return exp;
      }
      // Azure: the job becomes `To/Job`; its job-level dependencies stay behind in the old stage.
      const newId = `${op.to}/${localName(op.stage)}`;
      if (facts) {
        nodes.delete(op.stage);
        nodes.set(newId, { ...facts, stage: op.to });
      }
      exp.edges = withoutStages(edges, (id) => id === op.stage);
      return exp;
    }
    case 'addLane':
    case 'moveLane': {
      const rest = orderedLanes(before).filter((l) => l !== op.lane);
      const at = op.after !== undefined && rest.includes(op.after) ? rest.indexOf(op.after) + 1 : rest.lastIndexOf('.post');
      exp.lanes = [...rest.slice(0, at), op.lane, ...rest.slice(at)];
      // Jobs keep their lanes; reordering lanes changes which jobs the stage order connects.
      exp.implicitEdgesMayChange = op.op === 'moveLane';
      return exp;
    }
    case 'addCache':
    case 'pinAction':
      return exp; // steps, variables and caches are not in the graph; the planner checks what it wrote
    case 'addDispatchTrigger':
      return exp; // triggers are not in the graph, so nothing in it changes; the planner checks `on:`
    case 'renameLane':
      exp.lanes = orderedLanes(before).map((l) => (l === op.lane ? op.newName : l));
      for (const facts of nodes.values()) if (facts.stage === op.lane) facts.stage = op.newName;
      return exp;
    case 'setProperty': {
      const facts = node(op.stage);
      if (!facts) return exp;
      delete facts.kind; // an environment or gate may change what the stage is
      if (before.nodes.find((n) => n.id === op.stage)?.role === 'stage' && op.property !== 'name') {
        stageGroupPropertyMayChangeJobs(before, exp, op.stage, op.property);
        return exp;
      }
      switch (op.property) {
        case 'name':
          facts.name = typeof op.value === 'string' ? op.value : localName(op.stage);
          break;
        case 'environment':
          facts.environment = op.value?.name;
          facts.environmentUrl = op.value?.url;
          delete facts.strategy; // a strategy shows only on deploy stages, which the environment makes
          break;
        case 'gate':
          delete facts.gate; // gate details differ by dialect; the planner checks the written value
          delete facts.strategy; // a gate can change the inferred kind, and strategies show on deploys only
          break;
        case 'strategy':
          facts.strategy = op.value ? op.value.kind : undefined;
          break;
        default:
          break; // runner, condition, timeout: not in the graph; checked through value checks
      }
      return exp;
    }
  }
}

/**
 * Azure tells apart entries written with the same name in one scope by order (`x`, `x#2`, `x#3`,
 * see dialects/azure/ids.ts): once one goes, the later ones move up a number.
 */
function renumberSiblings(before: PipelineGraph, exp: Expectation, deleted: string): void {
  const target = before.nodes.find((n) => n.id === deleted);
  if (!target) return;
  const scope = target.role === 'job' && target.stage !== undefined && deleted.startsWith(`${target.stage}/`) ? `${target.stage}/` : '';
  const local = deleted.slice(scope.length);
  const numbered = /^(.*)#(\d+)$/.exec(local);
  const base = numbered ? numbered[1] : local;
  const position = numbered ? Number(numbered[2]) : 1;
  const renamed = new Map<string, string>();
  for (const n of before.nodes) {
    if (n.role !== target.role || n.stage !== target.stage || !n.id.startsWith(scope)) continue;
    const m = /^(.*)#(\d+)$/.exec(n.id.slice(scope.length));
    if (!m || m[1] !== base || Number(m[2]) <= position) continue;
    const k = Number(m[2]) - 1;
    renamed.set(n.id, `${scope}${k === 1 ? base : `${base}#${k}`}`);
  }
  if (renamed.size === 0) return;
  const rename = (id: string): string => {
    const direct = renamed.get(id);
    if (direct !== undefined) return direct;
    const slash = id.indexOf('/');
    const parent = slash < 0 ? undefined : [...renamed.keys()].find((old) => id.startsWith(`${old}/`));
    return parent === undefined ? id : `${renamed.get(parent)}${id.slice(parent.length)}`;
  };
  exp.nodes = new Map([...exp.nodes].map(([id, facts]) => [rename(id), facts.stage !== undefined ? { ...facts, stage: rename(facts.stage) } : facts]));
  exp.edges = renamedDependencies(exp.edges, rename);
}

/**
 * GitLab artifact flow afterwards: the same, renamed, but for what the operation changes. A job
 * that followed the stage order and gets `needs:` keeps receiving from earlier stages by naming
 * those jobs, which then appear among its dependencies.
 */
function expectGitlabArtifacts(before: PipelineGraph, op: EditOperation, exp: Expectation): void {
  const one = (id: string, ...sources: string[]) => new Map([[id, new Set(sources)]]);
  const laneIndex = new Map(before.lanes.map((l, i) => [l.id, i]));
  const nodeOf = (id: string) => before.nodes.find((n) => n.id === id);
  const laneOf = (id: string) => laneIndex.get(nodeOf(id)?.stage ?? '') ?? -1;
  const artifacts: ArtifactExpectation = { before, rename: (id) => id };
  // A job on the stage order that gets `needs:` may name jobs of earlier stages (not `except`).
  const earlierJobsMayAppear = (job: string, except: string | undefined): Expectation['mayAppear'] => {
    const onStageOrder = nodeOf(job)?.artifactsFrom === 'earlier-stages' || before.edges.some((e) => e.to === job && e.implicit);
    if (!onStageOrder) return undefined;
    const own = laneOf(job);
    return (from, to) => to === job && from !== except && laneOf(from) >= 0 && laneOf(from) < own;
  };
  switch (op.op) {
    case 'renameStage':
      artifacts.rename = renamer(before, op.stage, op.newId);
      break;
    case 'deleteStage': {
      artifacts.gone = new Set([op.stage]);
      const inherited = new Set(dependenciesOf(before, op.stage));
      artifacts.mayGain = new Map(dependantsOf(before, op.stage).map((d) => [d.id, inherited]));
      break;
    }
    case 'addDependency':
    case 'removeDependency':
      if (op.op === 'addDependency') artifacts.mayGain = one(op.stage, op.dependsOn);
      else artifacts.loses = one(op.stage, op.dependsOn);
      exp.mayAppear = earlierJobsMayAppear(op.stage, op.dependsOn);
      break;
    case 'addStage':
      artifacts.anyMayGain = new Set([op.id]);
      artifacts.skip = (n) => n.artifactsFrom === 'earlier-stages';
      // "before" gets `needs:` naming the new job in place of "after" (or besides it, for its artifacts).
      if (op.before !== undefined) exp.mayAppear = earlierJobsMayAppear(op.before, op.after);
      if (op.after !== undefined && op.before !== undefined && keepsArtifactsOf(before, op.before, op.after)) {
        addDependency(exp.edges, op.after, op.before);
      }
      break;
    case 'moveToStage':
    case 'moveLane':
      // Stage order follows the lanes, which these change on purpose; explicit lists must stay.
      artifacts.skip = (n) => n.artifactsFrom === 'earlier-stages' || (op.op === 'moveToStage' && n.id === op.stage);
      break;
    default:
      break;
  }
  exp.artifacts = artifacts;
}

/**
 * Every stage that waited for the deleted one now waits for what that one waited for (besides
 * its own other dependencies), so the order is kept. Except GitLab's stage order, which GitLab
 * keeps by itself: a job without `needs:` waits for every job of every earlier stage, which the
 * graph draws as the jobs of the nearest earlier stage that has any. Such a job keeps the rest
 * of the deleted job's stage, or when the deleted job was all of it, takes the stage before.
 */
function inheritDependencies(before: PipelineGraph, edges: Incoming, deleted: string): void {
  const inherited = dependenciesOf(before, deleted);
  let earlierLane: string[] | undefined;
  for (const d of dependantsOf(before, deleted)) {
    const kept = edges.get(d.id) ?? [];
    if (before.dialect === 'gitlab' && d.implicit) {
      earlierLane ??= jobsOfNearestEarlierLane(before, deleted);
      if (kept.length === 0) edges.set(d.id, earlierLane.map((from) => ({ from, implicit: true })));
      continue;
    }
    const added = inherited.filter((from) => from !== d.id && !kept.some((k) => k.from === from));
    if (added.length > 0) edges.set(d.id, [...kept, ...added.map((from) => ({ from, implicit: false }))]);
  }
}

/** GitLab: the jobs of the nearest stage before `id`'s that has jobs other than `id`. */
function jobsOfNearestEarlierLane(graph: PipelineGraph, id: string): string[] {
  const laneIndex = new Map(graph.lanes.map((l, i) => [l.id, i]));
  const own = laneIndex.get(graph.nodes.find((n) => n.id === id)?.stage ?? '') ?? -1;
  let best = -1;
  let jobs: string[] = [];
  for (const n of graph.nodes) {
    if (n.id === id) continue;
    const i = laneIndex.get(n.stage ?? '') ?? -1;
    if (i < 0 || i >= own || i < best) continue;
    if (i > best) {
      best = i;
      jobs = [];
    }
    jobs.push(n.id);
  }
  return jobs;
}

/**
 * An Azure stage group shows only what its jobs add up to: its environment, strategy, timeout
 * and runner are its jobs' (the planner checks the written values), a condition may change
 * its jobs' kinds, and its gate is an agentless job of its own, which the edit may add, change
 * or remove together with the job-level dependencies on it.
 */
function stageGroupPropertyMayChangeJobs(before: PipelineGraph, exp: Expectation, stageId: string, property: string): void {
  for (const job of before.nodes.filter((n) => n.role === 'job' && n.stage === stageId)) {
    const facts = exp.nodes.get(job.id);
    if (!facts) continue;
    delete facts.kind;
    if (property === 'environment') {
      delete facts.environment;
      delete facts.environmentUrl;
      delete facts.strategy;
    }
    if (property === 'strategy') delete facts.strategy;
    if (property === 'gate') {
      delete facts.gate;
      if (job.gate) {
        exp.nodes.delete(job.id);
        exp.edges = withoutStages(exp.edges, (id) => id === job.id);
      }
    }
  }
  if (property === 'gate') exp.extraNodePrefix = `${stageId}/`;
}

/** Differences between what was expected and the graph after the edit; empty when they agree. */
export function compareWithExpectation(exp: Expectation, after: PipelineGraph): string[] {
  const problems: string[] = [];
  const actual = new Map(after.nodes.map((n) => [n.id, n]));
  for (const [id, facts] of exp.nodes) {
    const n = actual.get(id);
    if (!n) {
      problems.push(`stage "${id}" should exist but does not`);
      continue;
    }
    const got = factsOf(n);
    for (const key of Object.keys(facts) as (keyof NodeFacts)[]) {
      const want = facts[key];
      // A new Azure stage group's kind is checked too, though a group's other facts are its jobs'.
      const have = key === 'kind' ? n.kind : got[key];
      const ok = Array.isArray(want) ? want.includes(have as string) : (want ?? undefined) === (have ?? undefined) || (key === 'gate' && !want && !have);
      if (!ok) problems.push(`stage "${id}": ${key} should be ${JSON.stringify(want)} but is ${JSON.stringify(have)}`);
    }
  }
  for (const id of actual.keys()) {
    if (!exp.nodes.has(id) && !(exp.extraNodePrefix && id.startsWith(exp.extraNodePrefix))) {
      problems.push(`stage "${id}" appeared but should not`);
    }
  }
  if (exp.lanes) {
    const lanes = orderedLanes(after);
    if (lanes.join('\n') !== exp.lanes.join('\n')) problems.push(`the stages should be ${exp.lanes.join(', ')} but are ${lanes.join(', ')}`);
  }
  problems.push(...compareDependencies(exp, after));
  if (exp.artifacts) problems.push(...compareArtifacts(exp.artifacts, after));
  return problems;
}

/**
 * Dependencies that should exist but do not, then those that appeared but should not. A stage
 * whose dependencies are the expected ones in the expected order (nearly all of them) costs one
 * walk over its list; only the others are compared as sets.
 */
function compareDependencies(exp: Expectation, after: PipelineGraph): string[] {
  const have = incomingOf(after.edges);
  // An expected edge that now names no node still exists (it is drawn as a ghost).
  const unresolved = incomingOf(after.edges.filter((e) => e.unresolved), true);
  const mayChange = exp.implicitEdgesMayChange;
  // Nodes a template or a gate adds may come with edges among them and to their siblings.
  const isExtra = (id: string) => !exp.nodes.has(id) && !!exp.extraNodePrefix && id.startsWith(exp.extraNodePrefix);
  const missing: string[] = [];
  const appeared: string[] = [];
  const compareStage = (to: string, want: readonly Dependency[], got: readonly Dependency[]) => {
    if (sameSources(want, got)) return;
    const counted = got.filter((d) => !(mayChange && d.implicit));
    const countedFrom = new Set(counted.map((d) => d.from));
    const anyFrom = new Set([...got, ...(unresolved.get(to) ?? [])].map((d) => d.from));
    const wantFrom = new Set<string>();
    for (const d of want) {
      if (wantFrom.has(d.from)) continue;
      wantFrom.add(d.from);
      if (countedFrom.has(d.from) || (mayChange && (d.implicit || anyFrom.has(d.from)))) continue;
      missing.push(`dependency ${d.from} → ${to} should exist but does not`);
    }
    for (const from of countedFrom) {
      if (wantFrom.has(from) || isExtra(from) || isExtra(to) || exp.mayAppear?.(from, to)) continue;
      appeared.push(`dependency ${from} → ${to} appeared but should not`);
    }
  };
  for (const [to, want] of exp.edges) compareStage(to, want, have.get(to) ?? []);
  for (const [to, got] of have) if (!exp.edges.has(to)) compareStage(to, [], got);
  return [...missing, ...appeared];
}

function sameSources(a: readonly Dependency[], b: readonly Dependency[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].from !== b[i].from) return false;
  return true;
}

/** The graph's dependencies by the stage that waits; edges to no known node are left out unless asked for. */
function incomingOf(edges: readonly GraphEdge[], includeUnresolved = false): Incoming {
  const byStage: Incoming = new Map();
  for (const e of edges) {
    if (e.unresolved && !includeUnresolved) continue;
    const list = byStage.get(e.to);
    if (list) list.push(e);
    else byStage.set(e.to, [e]);
  }
  return byStage;
}

function addDependency(edges: Incoming, from: string, to: string): void {
  const list = edges.get(to) ?? [];
  if (!list.some((d) => d.from === from)) edges.set(to, [...list, { from, implicit: false }]);
}

function removeDependency(edges: Incoming, from: string, to: string): void {
  const list = edges.get(to);
  if (list) edges.set(to, list.filter((d) => d.from !== from));
}

function withoutStages(edges: Incoming, gone: (id: string) => boolean): Incoming {
  const kept: Incoming = new Map();
  for (const [to, list] of edges) {
    if (gone(to)) continue;
    kept.set(to, list.some((d) => gone(d.from)) ? list.filter((d) => !gone(d.from)) : list);
  }
  return kept;
}

function renamedDependencies(edges: Incoming, rename: (id: string) => string): Incoming {
  const renamed: Incoming = new Map();
  for (const [to, list] of edges) {
    const changed = list.some((d) => rename(d.from) !== d.from);
    renamed.set(rename(to), changed ? list.map((d) => ({ from: rename(d.from), implicit: d.implicit })) : list);
  }
  return renamed;
}

/**
 * GitLab lanes in the order `stages:` (or GitLab's defaults) gives them, with .pre and .post;
 * without the lanes jobs name but nothing declares (the graph appends those before .post).
 */
export function orderedLanes(graph: PipelineGraph): string[] {
  const fixed = (id: string) => id === '.pre' || id === '.post';
  const declared = graph.lanes.some((l) => !l.implicit && !fixed(l.id));
  return graph.lanes
    .filter((l) => fixed(l.id) || !l.implicit || (!declared && DEFAULT_STAGES.includes(l.id)))
    .map((l) => l.id);
}

function localName(id: string): string {
  const slash = id.lastIndexOf('/');
  return slash < 0 ? id : id.slice(slash + 1);
}

/**
 * The ids a rename changes: `op.stage`'s and, with it, those of `twins` (the other uses of
 * a template's job, EditSubject.twins), each to the new name in its own place.
 */
export function renamerOf(graph: PipelineGraph, op: Extract<EditOperation, { op: 'renameStage' }>, twins: readonly string[] = []): (id: string) => string {
  const each = [op.stage, ...twins].map((stage) => renamer(graph, stage, op.newId));
  return each.length === 1 ? each[0] : (id) => each.reduce((x, rename) => rename(x), id);
}

/** Maps old ids to new ones for a rename; an Azure stage rename renames its jobs' ids too. */
export function renamer(graph: PipelineGraph, oldId: string, newIdRaw: string): (id: string) => string {
  const target = graph.nodes.find((n) => n.id === oldId);
  // Only Azure ids are paths (`Stage/Job`); a GitLab job may be named `fedora/arm/build`.
  const prefix = graph.dialect === 'azure' && oldId.includes('/') ? oldId.slice(0, oldId.lastIndexOf('/') + 1) : '';
  const newId = newIdRaw.includes('/') || prefix === '' ? newIdRaw : prefix + newIdRaw;
  const isStageGroup = target?.role === 'stage';
  return (id) => {
    if (id === oldId) return newId;
    if (isStageGroup && id.startsWith(`${oldId}/`)) return `${newId}/${id.slice(oldId.length + 1)}`;
    return id;
  };
}

function renamedChildStage(facts: NodeFacts, oldStage: string, rename: (id: string) => string): NodeFacts {
  return facts.stage === oldStage ? { ...facts, stage: rename(oldStage) } : facts;
}


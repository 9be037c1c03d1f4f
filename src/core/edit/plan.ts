// Planning an edit: check the operation against the graph, let the dialect's planner emit
// splices, apply them to a copy of the text, re-parse, and accept the result only if it parses
// cleanly and means exactly what the operation says. Otherwise refuse and change nothing.
import { lostGates, type GateLoss } from '../gates';
import type { Dialect, GraphNode, PipelineGraph } from '../model';
import { hasSyntaxErrors } from '../model';
import { graphFromSource, UnknownDialectError, type ParseOptions } from '../parse';
import { readOnlyClause, readOnlyReason } from '../readOnly';
import { templateInfo, TEMPLATES } from '../templates/catalog';
import { parseYamlSource, type YamlSource } from '../yaml/source';
import { planAzureEdit } from './dialects/azure';
import { planGithubEdit } from './dialects/github';
import { planGitlabEdit } from './dialects/gitlab';
import { compareWithExpectation, expectAfter, renamerOf } from './expect';
import { reconnections, type Reconnection } from './inherit';
import { marksInTheWay, ownTextProblem, type EditPart } from './ownText';
import { platformRefusal, type PlatformRule } from './platformRules';
import type { EditOperation } from './operations';
import { DESIGNER_FRAME, framedReason, Refusal, type RefusalDetails, type RefusalFrame, type UnknownName } from './refusal';
import { Splices } from './splices';
import { detectStyle, type FileStyle } from './style';
import { applyTextEdits, type TextEdit } from './textEdit';

export interface PlanContext {
  text: string;
  src: YamlSource;
  graph: PipelineGraph;
  style: FileStyle;
  /** Collects the edit; planners only add splices here. */
  splices: Splices;
  node(id: string): GraphNode;
  /** An offset in the file the user is editing (EditSubject.home): a new entry that follows none goes at its end. */
  home: number;
}

/** A check of a value the graph does not show (runner, condition, timeout, gate details). */
export type ValueCheck = (after: { src: YamlSource; graph: PipelineGraph }) => string | undefined;

export interface Planned {
  checks?: ValueCheck[];
}

/** A dialect's planner: adds splices to ctx.splices, or throws a Refusal saying why not. */
export type DialectPlanner = (ctx: PlanContext, op: EditOperation) => Planned | void;

export type PlanResult =
  | {
      ok: true;
      text: string;
      edits: TextEdit[];
      graph: PipelineGraph;
      parsed: ParsedPipeline;
      /** Stages that now wait for others in a deleted stage's place (see inherit.ts). */
      reconnected: Reconnection[];
      /** Production deploys the edit leaves without an approval gate before them: ask before applying. */
      lostGates: GateLoss[];
      /**
       * A rename: how many references to the renamed stage it rewrote besides the name itself
       * (needs, dependsOn, extends, expressions…). A rename splices the name once and each
       * reference once, so this is its splices less one. 0 for other operations.
       */
      references: number;
    }
  | PlanRefusal;

/**
 * `reason` in the caller's frame; `unknown` when the operation names something not there;
 * `platform` when the platform itself would reject the result (see platformRules.ts).
 */
export interface PlanRefusal {
  ok: false;
  reason: string;
  unknown?: UnknownName;
  platform?: PlatformRule;
}

export interface PlanOptions extends ParseOptions {
  /** How refusals are worded; the designer's by default. */
  frame?: RefusalFrame;
}

const PLANNERS: Record<Dialect, DialectPlanner> = {
  github: planGithubEdit,
  gitlab: planGitlabEdit,
  azure: planAzureEdit,
};

/** A text with its parse; the designer session keeps one for the version it shows. */
export interface ParsedPipeline {
  text: string;
  src: YamlSource;
  graph: PipelineGraph;
  /** Detected on the first edit; an edit keeps it, since new fragments are written in it. */
  style?: FileStyle;
}

export function parsePipelineFully(text: string, options: ParseOptions = {}): ParsedPipeline {
  const src = parseYamlSource(text);
  return { text, src, graph: graphFromSource(src, options) };
}

/**
 * Plan one operation on `text`. `parsed`, when it is the parse of this very text, saves parsing
 * it again: the editor has already parsed the version it shows.
 */
export function planOperation(text: string, op: EditOperation, options: PlanOptions = {}, parsed?: ParsedPipeline): PlanResult {
  const { frame = DESIGNER_FRAME, ...parseOptions } = options;
  let current: ParsedPipeline;
  try {
    current = parsed && parsed.text === text ? parsed : parsePipelineFully(text, parseOptions);
  } catch (e) {
    if (e instanceof UnknownDialectError) return { ok: false, reason: framedReason(frame, e.message) };
    throw e;
  }
  return planOn(
    {
      parsed: current,
      reparse: (newText) => {
        const src = parseYamlSource(newText);
        return { src, graph: graphFromSource(src, { ...parseOptions, dialect: current.graph.dialect }) };
      },
    },
    op,
    frame,
  );
}

/**
 * What an edit is planned on: one file, or the composite text of a pipeline split over files
 * (composedPlan.ts), with the parse of a changed text — in the same coordinates — for verifying.
 */
export interface EditSubject {
  /** `graph` is what the user sees: node ids, marks and edges are what the planners read. */
  parsed: ParsedPipeline;
  /** The text after `edits` parsed the same way; throws a Refusal when the edit cannot be made there. */
  reparse(newText: string, edits: readonly TextEdit[]): { src: YamlSource; graph: PipelineGraph };
  /** An offset in the file the user is editing, when `parsed` is a composite of several (0, the root, by default). */
  home?: number;
  /**
   * A rename or deletion of a job the composite draws once per use of its template (a deploy
   * template used in each environment's stage): the other uses' ids. The job is written once, for
   * all of them, and changed once; each use's references are changed in its own place, and the
   * graph after must show every use renamed or gone (planInUsingPipeline in composedPlan.ts).
   */
  twins?: readonly string[];
}

/** Plans `op` on `subject`: the planner's splices, applied, re-parsed and verified. */
export function planOn(subject: EditSubject, op: EditOperation, frame: RefusalFrame = DESIGNER_FRAME): PlanResult {
  const refuse = (message: string, details?: RefusalDetails): PlanRefusal => ({
    ok: false,
    reason: framedReason(frame, message, details),
    ...(details?.unknown !== undefined ? { unknown: details.unknown } : {}),
    ...(details?.platform !== undefined ? { platform: details.platform } : {}),
  });
  const current = subject.parsed;
  const { text, src, graph: before } = current;
  if (hasSyntaxErrors(before)) {
    const first = before.problems.find((p) => p.source === 'syntax' && p.severity === 'error')!;
    const where = first.file !== undefined ? `${first.file}, ` : '';
    return refuse(`the file does not parse (${first.message}, ${where}line ${first.line}:${first.column}); fix it in the text first`);
  }
  const planner = PLANNERS[before.dialect];
  try {
    const twins = op.op === 'renameStage' || op.op === 'deleteStage' ? (subject.twins ?? []) : [];
    checkPreconditions(before, op, src);
    for (const twin of twins) checkPreconditions(before, { ...op, stage: twin } as EditOperation, src);
    const template = op.op === 'addStage' ? templateInfo(op.template) : undefined;
    if (op.op === 'addStage' && !template) {
      throw new Refusal(`there is no template named "${op.template}" (see \`pipewright templates\`)`, {
        unknown: { what: 'template', name: op.template, known: TEMPLATES.map((t) => t.name) },
      });
    }
    const style = (current.style ??= detectStyle(src));
    const ctx: PlanContext = {
      text,
      src,
      graph: before,
      style,
      splices: new Splices(text, style, src.doc.contents),
      node: (id) => nodeOrRefuse(before, id),
      home: subject.home ?? 0,
    };
    const planned = planner(ctx, op) ?? {};
    // Each use's references; the name they share is one splice (Splices keeps a splice once).
    const checks = [...(planned.checks ?? []), ...twins.flatMap((twin) => planner(ctx, { ...op, stage: twin } as EditOperation)?.checks ?? [])];
    const edits = ctx.splices.edits;
    if (before.dialect === 'gitlab') refuseOverInterpolation(text, edits);
    const newText = applyTwinEdits(text, edits, twins);
    // The one re-parse that verification needs; its result is also the next edit's starting point.
    const { src: afterSrc, graph: after } = subject.reparse(newText, edits);
    const problems = verify(before, after, op, template?.kind, twins);
    for (const check of checks) {
      const p = check({ src: afterSrc, graph: after });
      if (p) problems.push(p);
    }
    if (problems.length > 0) {
      return refuse(`the edit would not do what was asked (${problems.slice(0, 3).join('; ')}); nothing was changed`);
    }
    return {
      ok: true,
      text: newText,
      edits,
      graph: after,
      parsed: { text: newText, src: afterSrc, graph: after, style },
      reconnected: op.op === 'deleteStage' ? [op.stage, ...twins].flatMap((stage) => reconnections(before, after, stage)) : [],
      lostGates: lostGates(before, after),
      references: op.op === 'renameStage' ? Math.max(0, edits.length - 1) : 0,
    };
  } catch (e) {
    if (e instanceof Refusal) return refuse(e.message, e.details);
    throw e;
  }
}

/**
 * The text after `edits`. The uses of one template reach its text alike and splice it once
 * (Splices); two that would change it differently (a reference in the template that each use
 * would rewrite its own way) cannot be one edit: refused, in words.
 */
function applyTwinEdits(text: string, edits: readonly TextEdit[], twins: readonly string[]): string {
  try {
    return applyTextEdits(text, edits);
  } catch (e) {
    if (twins.length === 0) throw e;
    throw new Refusal(`the uses of the template (${twins.length + 1}) would need its text changed in different ways`, { byHand: true });
  }
}

/** What one applied operation did besides its own change. */
export interface AppliedOperation {
  reconnected: Reconnection[];
  lostGates: GateLoss[];
  references: number;
}

/** Apply operations in order; the first refusal stops everything and nothing is written. */
export function applyOperations(
  text: string,
  ops: readonly EditOperation[],
  options: PlanOptions = {},
): { ok: true; text: string; applied: AppliedOperation[] } | (PlanRefusal & { index: number }) {
  let current: ParsedPipeline | undefined;
  let currentText = text;
  const applied: AppliedOperation[] = [];
  for (const [index, op] of ops.entries()) {
    const r = planOperation(currentText, op, options, current);
    if (!r.ok) return { ...r, index };
    current = r.parsed;
    currentText = r.text;
    applied.push({ reconnected: r.reconnected, lostGates: r.lostGates, references: r.references });
  }
  return { ok: true, text: currentText, applied };
}

function nodeOrRefuse(graph: PipelineGraph, id: string): GraphNode {
  const n = graph.nodes.find((x) => x.id === id);
  if (!n) {
    throw new Refusal(`there is no stage "${id}" in this file`, { unknown: { what: 'stage', name: id, known: graph.nodes.map((x) => x.id) } });
  }
  return n;
}

function editable(graph: PipelineGraph, src: YamlSource, id: string, part?: EditPart): GraphNode {
  const n = nodeOrRefuse(graph, id);
  refuseIfPlatformRejects(graph, n, part);
  const blocking = part === undefined ? n.marks : marksInTheWay(n, graph.dialect, part);
  if (blocking.length > 0) {
    // Name only what is in the way: the node's whole reason when that is all of it.
    // A node merged from several files says so in its own reason (see gitlab/compose).
    const why = blocking.length === n.marks.length || blocking.includes('include') ? readOnlyClause(n) : readOnlyReason(blocking, graph.dialect);
    throw new Refusal(`"${id}" is read-only (${why})`, { byHand: true });
  }
  // GitLab's planner writes a key the job inherits as its own, with the change (see gitlab/file.ts).
  const inTheWay = part === undefined ? undefined : ownTextProblem(src, graph.dialect, n, part, graph.dialect === 'gitlab');
  if (inTheWay) throw new Refusal(`"${id}" cannot be edited here: ${inTheWay}`, { byHand: true });
  return n;
}

/** The platform's own rules come first: no care on the designer's side could make such a file acceptable. */
function refuseIfPlatformRejects(graph: PipelineGraph, node: GraphNode, part: EditPart | undefined): void {
  const rejected = part === undefined ? undefined : platformRefusal(graph, node, part);
  if (rejected) throw new Refusal(rejected.message, { platform: rejected.rule });
}

function renamable(graph: PipelineGraph, id: string): GraphNode {
  const n = nodeOrRefuse(graph, id);
  refuseIfPlatformRejects(graph, n, 'rename');
  const blocking = marksInTheWay(n, graph.dialect, 'rename');
  if (blocking.length > 0) {
    const why = blocking.length === n.marks.length || blocking.includes('include') ? readOnlyClause(n) : readOnlyReason(blocking, graph.dialect);
    throw new Refusal(`"${id}" cannot be renamed here (${why})`, { byHand: true });
  }
  return n;
}

function checkPreconditions(graph: PipelineGraph, op: EditOperation, src: YamlSource): void {
  // A reference to a job that does not exist (unresolved) names no node to check.
  const explicitRefs = (id: string) => graph.edges.filter((e) => !e.implicit && !e.unresolved && (e.from === id || e.to === id));
  switch (op.op) {
    case 'renameStage':
      // A rename rewrites the name and the references to it, each plainly text of its own, so
      // neither the stage nor the stages naming it need be fully editable (see renamable).
      renamable(graph, op.stage);
      {
        const clash = graph.nodes.find((n) => n.id === op.newId || n.id.endsWith(`/${op.newId}`) && n.id.slice(0, n.id.lastIndexOf('/')) === op.stage.slice(0, op.stage.lastIndexOf('/')));
        // An Azure job's id says its stage (one use of a template, renamed with the others, may clash alone).
        if (clash) throw new Refusal(`a stage named "${op.newId}" already exists${clash.id !== op.newId ? ` ("${clash.id}")` : ''}`);
      }
      return;
    case 'deleteStage': {
      editable(graph, src, op.stage, 'delete');
      // Every stage that waits for this one is edited too (its own dependencies go with it).
      for (const e of explicitRefs(op.stage)) if (e.from === op.stage) editable(graph, src, e.to, 'needs');
      return;
    }
    case 'addDependency': {
      editable(graph, src, op.stage, 'needs');
      nodeOrRefuse(graph, op.dependsOn);
      if (op.stage === op.dependsOn) throw new Refusal(`"${op.stage}" cannot depend on itself`);
      const existing = graph.edges.find((e) => e.from === op.dependsOn && e.to === op.stage);
      if (existing) {
        throw new Refusal(`"${op.stage}" already depends on "${op.dependsOn}"${existing.implicit ? ' (by the stage order)' : ''}`);
      }
      const path = pathBetween(graph, op.stage, op.dependsOn);
      if (path) throw new Refusal(`that would make a cycle: ${[...path, op.stage].join(' → ')}`);
      return;
    }
    case 'removeDependency': {
      editable(graph, src, op.stage, 'needs');
      if (!graph.edges.some((e) => e.from === op.dependsOn && e.to === op.stage)) {
        throw new Refusal(`"${op.stage}" does not depend on "${op.dependsOn}"`);
      }
      return;
    }
    case 'addStage': {
      if (graph.nodes.some((n) => n.id === op.id)) throw new Refusal(`a stage named "${op.id}" already exists`);
      if (op.after) nodeOrRefuse(graph, op.after);
      if (op.before) editable(graph, src, op.before, 'needs');
      if (op.after && op.before && !graph.edges.some((e) => e.from === op.after && e.to === op.before)) {
        // Not connected: the new stage still goes after one and before the other.
        const path = pathBetween(graph, op.before, op.after);
        if (path) throw new Refusal(`"${op.before}" comes before "${op.after}"; a stage between them would make a cycle`);
      }
      return;
    }
    case 'moveToStage':
      editable(graph, src, op.stage);
      if (graph.dialect === 'github') throw new Refusal('GitHub Actions has no stages to move a job between');
      for (const e of explicitRefs(op.stage)) editable(graph, src, e.from === op.stage ? e.to : e.from);
      return;
    case 'setProperty':
      editable(graph, src, op.stage, op.property);
      return;
    case 'addCache':
      editable(graph, src, op.stage, 'cache');
      if (nodeOrRefuse(graph, op.stage).role !== 'job') throw new Refusal(`"${op.stage}" is a stage; a cache belongs to one of its jobs`);
      return;
    case 'pinAction':
      editable(graph, src, op.stage, 'pin');
      if (graph.dialect !== 'github') throw new Refusal('pinning an action to a commit is for GitHub Actions workflows');
      return;
    case 'addDispatchTrigger':
      if (graph.dialect !== 'github') {
        throw new Refusal(`${graph.dialect === 'gitlab' ? 'a GitLab pipeline' : 'an Azure pipeline'} can be run by hand without a trigger; \`workflow_dispatch\` is GitHub Actions'`);
      }
      return;
  }
}

/** A dependency path from `from` to `to` (following edges dependency → dependant), if any. */
function pathBetween(graph: PipelineGraph, from: string, to: string): string[] | undefined {
  const next = new Map<string, string[]>();
  for (const e of graph.edges) {
    if (e.unresolved) continue;
    const list = next.get(e.from);
    if (list) list.push(e.to);
    else next.set(e.from, [e.to]);
  }
  const previous = new Map<string, string>();
  const queue = [from];
  const seen = new Set([from]);
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (id === to) {
      const path = [to];
      while (path[0] !== from) path.unshift(previous.get(path[0])!);
      return path;
    }
    for (const n of next.get(id) ?? []) {
      if (seen.has(n)) continue;
      seen.add(n);
      previous.set(n, id);
      queue.push(n);
    }
  }
  return undefined;
}

const CYCLE = 'dependency cycle: ';

function verify(before: PipelineGraph, after: PipelineGraph, op: EditOperation, templateKind: string | undefined, twins: readonly string[]): string[] {
  const problems: string[] = [];
  const syntax = after.problems.find((p) => p.source === 'syntax' && p.severity === 'error');
  if (syntax) return [`the result would not parse: ${syntax.message} (line ${syntax.line}:${syntax.column})`];
  // No new errors (a rename changes the ids inside messages; compare with them renamed).
  // Every quoted id is renamed, so `"Stage/Job"` follows an Azure stage rename too.
  const renameId = op.op === 'renameStage'
    ? renamerOf(before, op, twins)
    : op.op === 'renameLane' ? (id: string) => (id === op.lane ? op.newName : id) : (id: string) => id;
  // A cycle is reported as `dependency cycle: a → b → a`, its ids unquoted, from whichever stage
  // comes first: compare cycles by their stages, in order, from the smallest id.
  const cycle = (m: string, r: (id: string) => string) => {
    const ids = m.slice(CYCLE.length).split(' → ').slice(0, -1).map(r);
    const at = ids.indexOf([...ids].sort()[0]);
    return `${CYCLE}${[...ids.slice(at), ...ids.slice(0, at)].join(' → ')}`;
  };
  const rename = (m: string) => m.startsWith(CYCLE) && !m.includes('"')
    ? cycle(m, renameId)
    : m.replace(/"([^"]*)"/g, (_, id: string) => `"${renameId(id)}"`);
  const same = (m: string) => (m.startsWith(CYCLE) && !m.includes('"') ? cycle(m, (id) => id) : m);
  const known = new Set(before.problems.filter((p) => p.severity === 'error').map((p) => rename(p.message)));
  for (const p of after.problems) {
    if (p.severity === 'error' && !known.has(same(p.message))) problems.push(`it would introduce: ${p.message}`);
  }
  problems.push(...compareWithExpectation(expectAfter(before, op, templateKind, twins), after));
  return problems;
}

/**
 * GitLab's `$[[ inputs.x ]]` is shown as the value an include passes (dialects/gitlab/compose/
 * inputs.ts): a splice over one would write that value, or another, in place of the input, and
 * the file would no longer take it. Refused, naming the interpolation; so is a splice over
 * `$[[ matrix.X ]]` (a `needs: parallel: matrix:` entry), which GitLab fills in the same way.
 */
function refuseOverInterpolation(text: string, edits: readonly TextEdit[]): void {
  if (!text.includes('$[[')) return;
  const spans = [...text.matchAll(/\$\[\[[^\n]*?\]\]/g)].map((m) => ({ start: m.index, end: m.index + m[0].length, written: m[0] }));
  for (const edit of edits) {
    // Text removed whole (a deleted job or entry) takes its interpolations along: that is fine.
    const removes = edit.text.trim() === '';
    const over = spans.find((s) => edit.offset < s.end && s.start < edit.offset + edit.length && !(removes && edit.offset <= s.start && s.end <= edit.offset + edit.length));
    if (!over) continue;
    const from = /^\$\[\[\s*inputs\./.test(over.written) ? "takes its value from the include's `inputs:`" : 'GitLab fills in when it reads the file';
    throw new Refusal(`the change would write over \`${over.written}\`, which ${from}`, { byHand: true });
  }
}

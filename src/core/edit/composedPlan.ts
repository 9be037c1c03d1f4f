// Planning an edit of a pipeline split over files: the change goes where each thing is written.
//
// GitLab and Azure are composed into one composite text (compose/compositeSource.ts: the files
// end to end, each parsed once). The ordinary planners splice that text as if it were one file;
// each splice is then placed in the file it falls in, the files are composed again with their
// new texts, and the composed graph after is verified like any edit — so a rename updates the
// references in every file, and an edit of a template used twice (which would change both uses)
// is refused by the verification. GitHub's reusable workflows are not spliced into one text (a
// called workflow is a workflow of its own, whose jobs the caller cannot name): an edit of the
// jobs of one called workflow is planned on that file alone. A GitLab file the project's root
// includes is edited as part of that pipeline (pipelineToEdit).
import { composeGraph } from '../compose/composeGraph';
import type { CompositeFiles } from '../compose/compositeSource';
import { namesOtherFiles } from '../compose/namesOtherFiles';
import { pipelineOfFile, pipelinesUsing, pipelineStages, type FileInPipeline } from '../compose/pipelineOfFile';
import type { ProjectFiles } from '../compose/projectFiles';
import type { Dialect, GraphNode, GraphProblem, PipelineGraph } from '../model';
import { parsePipeline, type PipelineStages } from '../parse';
import { parseYamlSource, positionAt, type YamlSource } from '../yaml/source';
import type { EditOperation } from './operations';
import { planOn, planOperation, type EditSubject, type PlanOptions, type PlanRefusal, type PlanResult } from './plan';
import { compareWithExpectation, expectAfter, type Expectation } from './expect';
import { DESIGNER_FRAME, framedReason, Refusal } from './refusal';
import { detectStyle, lineBreakOf, type FileStyle } from './style';
import { applyTextEdits, type TextEdit } from './textEdit';
import { dependencyMentions } from './dialects/azure/expressionRefs';
import { localName } from './dialects/azure/layout';

/** A pipeline as the composer reads it: its root file (maybe unsaved) and the project around it. */
export interface ComposedPipeline {
  dialect: Dialect;
  /** Relative to the project root. */
  rootPath: string;
  rootText: string;
  project: ProjectFiles;
  /** GitLab: the stages of the pipeline that includes the root, when another file declares them (see pipelineStages). */
  stages?: PipelineStages;
  /**
   * GitLab: the file edited, when it is not the root but a file the pipeline composed from the
   * root includes (the designer or `pipewright apply` of that file), and the stages it is read in
   * (pipelineStages). See planInIncludingPipeline.
   */
  editing?: { path: string; stages?: PipelineStages };
  /**
   * The composition of `rootText` with `project` when it was already made (pipelineToEdit's, to
   * find the file's pipeline), so that planning does not compose again. It holds only for these
   * texts: whoever changes one drops it (applyComposedOperations).
   */
  composed?: ComposedWithSource;
}

/** One file an edit changes: its text before and after, and the splices between them. */
export interface FileChange {
  /** Relative to the project root. */
  path: string;
  before: string;
  text: string;
  edits: TextEdit[];
}

type Planned = Extract<PlanResult, { ok: true }>;

export type ComposedPlanResult =
  | (Omit<Planned, 'text' | 'edits' | 'parsed'> & {
      /** The files changed, the root first when it is one of them; the composed graph after is `graph`. */
      changes: FileChange[];
    })
  | PlanRefusal;

/** Plans `op` on the composed pipeline; each file it touches is changed where the thing is written. */
export function planComposedOperation(pipeline: ComposedPipeline, op: EditOperation, options: PlanOptions = {}): ComposedPlanResult {
  if (pipeline.editing && pipeline.editing.path !== pipeline.rootPath) return planInIncludingPipeline(pipeline, pipeline.editing, op, options);
  const composed = pipeline.composed ?? composeWithSource(pipeline, pipeline.rootText, pipeline.project);
  const planned = planComposed(pipeline, op, options, undefined, composed);
  if (!planned.ok) return op.op === 'deleteStage' ? saidOfTemplate(pipeline, op.stage, options, planned) : planned;
  const checked = mayBreakUsingPipelines(pipeline.dialect, op) ? checkedInUsingPipelines(pipeline, op as RenameOrDelete, options, planned) : planned;
  return checked.ok ? checkedInOtherPipelines(pipeline, composed.graph, op, options, checked) : checked;
}

type ComposedPlan = Extract<ComposedPlanResult, { ok: true }>;

/**
 * The platform's "only job" and "only stage" refusals, said of an Azure template in its own
 * designer as what they are there: the template would put nothing where a pipeline uses it (a
 * pipeline's rule worded for a template read as if the file were a pipeline).
 */
function saidOfTemplate(pipeline: ComposedPipeline, id: string, options: PlanOptions, refused: PlanRefusal): PlanRefusal {
  const only = refused.platform === 'pipeline-needs-a-job' ? 'job' : refused.platform === 'pipeline-needs-a-stage' ? 'stage' : undefined;
  if (pipeline.dialect !== 'azure' || only === undefined) return refused;
  const project = rootAsGiven(pipeline);
  const users = pipelinesUsing(pipeline.dialect, pipeline.rootPath, pipeline.rootText, project);
  if (users.length === 0) return refused;
  const where = users.map((u) => `\`${u.rootPath}\``).join(' and ');
  const message = `"${id}" is the only ${only} of this template: deleting it would leave nothing where ${where} ${users.length === 1 ? 'uses' : 'use'} it; remove the \`- template:\` item that uses it there instead`;
  return { ...refused, reason: framedReason(options.frame ?? DESIGNER_FRAME, message) };
}

/**
 * An edit from a pipeline's designer that changes a template the project's other pipelines use
 * too (`jobs/deploy.yml` of `azure-pipelines.yml` and `release.yml`): the template is where
 * the thing is written, so the change is theirs as well. A rename or a deletion of the template's
 * job or stage is planned in each of them too, as their designers would plan it (their
 * references change with it), the plans joined into one edit; an edit that would leave one of
 * them with an error it did not have, or changed otherwise than the operation means there, is
 * refused naming it. (Renaming the template's job from one pipeline renamed it in every pipeline
 * and left the others' `dependsOn` naming the old name.)
 */
function checkedInOtherPipelines(pipeline: ComposedPipeline, before: PipelineGraph, op: EditOperation, options: PlanOptions, planned: ComposedPlan): ComposedPlanResult {
  const templates = planned.changes.filter((c) => c.path !== pipeline.rootPath);
  if (pipeline.dialect !== 'azure' || templates.length === 0) return planned;
  const changed = new Set(planned.changes.map((c) => c.path));
  const project = rootAsGiven(pipeline);
  const others = new Map<string, FileInPipeline>();
  for (const template of templates) {
    for (const user of pipelinesUsing(pipeline.dialect, template.path, template.before, project)) {
      if (user.rootPath !== pipeline.rootPath && !changed.has(user.rootPath)) others.set(user.rootPath, user);
    }
  }
  if (others.size === 0) return planned;
  const users = [...others.values()];
  const frame = options.frame ?? DESIGNER_FRAME;
  const sharing = (user: FileInPipeline) => templates.filter((t) => user.read.has(t.path)).map((t) => `\`${t.path}\``).join(' and ');
  const node = op.op === 'renameStage' || op.op === 'deleteStage' ? before.nodes.find((n) => n.id === op.stage) : undefined;
  const written = node?.file !== undefined && changed.has(node.file) ? node : undefined;
  if (written && (op.op === 'renameStage' || op.op === 'deleteStage')) {
    const drawnIn = (user: FileInPipeline) => drawnFrom(user, written.file!, written.offsets[0]);
    const meant = (user: FileInPipeline) => meantIn(user, op, drawnIn(user));
    const { stages: _stages, ...rest } = options;
    const plans: ComposedPlan[] = [];
    for (const user of users) {
      const [first, ...twins] = drawnIn(user);
      const rootText = project.readFile(user.rootPath);
      if (first === undefined || rootText === undefined) continue;
      const planOptions: PlanOptions = { ...rest, frame: { ...frame, prefix: `${frame.prefix}in \`${user.rootPath}\`, which also uses ${sharing(user)}: ` } };
      const replanned = planComposed({ dialect: pipeline.dialect, rootPath: user.rootPath, rootText, project }, { ...op, stage: first.id }, planOptions, undefined, undefined, twins.map((n) => n.id));
      if (!replanned.ok) return replanned;
      plans.push(replanned);
    }
    const joined = joinedChanges([planned.changes, ...plans.map((p) => p.changes)]);
    const broken = joined ? brokenBy(pipeline.dialect, users, joined, project, meant) : [];
    if (joined && broken.length === 0) return joinedPlan(planned, [planned, ...plans], joined, op, pipeline.rootPath);
    const verb = op.op === 'renameStage' ? 'renaming' : 'deleting';
    if (!joined) {
      return { ok: false, reason: framedReason(frame, `${verb} "${op.stage}" would need ${sharing(users[0])} changed differently for ${users.map((u) => `\`${u.rootPath}\``).join(', ')}, which also use it; change it in the text`) };
    }
    return { ok: false, reason: framedReason(frame, brokenReason(`${verb} "${op.stage}"`, broken, `${also(broken)} ${sharing(broken[0].user)}`)) };
  }
  const broken = brokenBy(pipeline.dialect, users, planned.changes, project);
  if (broken.length === 0) return planned;
  // Any other change is said by the template it is written in.
  const templatesOf = sharing(broken[0].user);
  return { ok: false, reason: framedReason(frame, brokenReason(`the change to ${templatesOf}`, broken, `${also(broken)} ${templatesOf.includes(' and ') ? 'them' : 'it'}`)) };
}

function also(broken: readonly unknown[]): string {
  return broken.length === 1 ? 'which also uses' : 'which also use';
}

/**
 * Why an edit is refused for the pipelines `broken` names (`uses`: how they use the files it
 * changes): what it would do to the first of them.
 */
function brokenReason(what: string, broken: ReturnType<typeof brokenBy>, uses: string): string {
  const { user, problem, differs } = broken[0];
  const names = broken.map((b) => `\`${b.user.rootPath}\``).join(', ');
  if (!problem) return `${what} would not do the same in ${names}, ${uses} (${differs}); change it in the text`;
  const where = `line ${problem.line} of \`${problem.file ?? user.rootPath}\``;
  return `${what} would break ${names}, ${uses}: ${problem.message} (${where}); change ${broken.length === 1 ? 'it' : 'them'} in the text`;
}

type RenameOrDelete = Extract<EditOperation, { op: 'renameStage' | 'deleteStage' }>;

/**
 * Whether an edit of a file of `dialect` is checked against the pipelines that use the file as a
 * template (checkedInUsingPipelines): an Azure rename or deletion, after which a pipeline's
 * `dependsOn` or condition may name what is no longer there. (A GitLab file is edited in the
 * pipeline that includes it; a GitHub workflow's callers cannot name its jobs.)
 */
export function mayBreakUsingPipelines(dialect: Dialect, op: EditOperation): boolean {
  return dialect === 'azure' && (op.op === 'renameStage' || op.op === 'deleteStage');
}

/**
 * An Azure template edited on its own (its designer, `pipewright apply` of it): a job or stage it
 * defines may be named by the pipelines that use it — `- template: stages/build.yml` and then a
 * stage with `dependsOn: Build`. A rename or deletion planned on the file alone would leave those
 * names pointing at nothing, unseen. When it would break a pipeline, the edit is planned in
 * that pipeline, as its designer plans it (its references change with it) — in each of them when
 * it would break several (a CI and a PR pipeline both naming the template's job), the plans
 * joined into one edit; when that cannot be done (a plan refused, two plans changing one file
 * differently, a pipeline still broken), it is refused, naming what it would break.
 */
function checkedInUsingPipelines(pipeline: ComposedPipeline, op: RenameOrDelete, options: PlanOptions, planned: Extract<ComposedPlanResult, { ok: true }>): ComposedPlanResult {
  const project = rootAsGiven(pipeline);
  const users = pipelinesUsing(pipeline.dialect, pipeline.rootPath, pipeline.rootText, project);
  if (users.length === 0) return planned;
  let ownGraph: PipelineGraph | undefined;
  const own = () => (ownGraph ??= composeWithSource(pipeline, pipeline.rootText, project).graph);
  // What the operation means in each pipeline: its node there is the one drawn from the same
  // place (each of them, for a job template used in several stages), changed as the op says.
  const meant = (user: FileInPipeline) => meantIn(user, op, usesIn(own(), user, pipeline.rootPath, op.stage));
  // Broken, or changed otherwise than asked: a job deleted from the template alone, whose own
  // `dependsOn` only the pipeline gives (`${{ parameters.after }}`), leaves the jobs after it
  // waiting for nothing there, where they should inherit what it waited for.
  const broken = brokenBy(pipeline.dialect, users, planned.changes, project, meant);
  // A condition or variable of another file naming it (`succeeded('Build')`) is no graph problem
  // the plan alone leaves, but the pipeline's own plan rewrites it, or refuses as it would there.
  const named = users.filter((u) => !broken.some((b) => b.user === u) && namedInOtherFiles(u, pipeline.rootPath, op.stage));
  if (broken.length === 0 && named.length === 0) return planned;
  const replanned = [...broken.map((b) => b.user), ...named].map((user) => planInUsingPipeline(pipeline, own(), user, op, options, project));
  const refused = replanned.find((r) => !r.ok);
  if (refused) return refused;
  const plans = replanned as Extract<ComposedPlanResult, { ok: true }>[];
  const joined = joinedChanges(plans.map((p) => p.changes));
  if (joined) {
    const result = joinedPlan(plans[0], plans, joined, op, pipeline.rootPath);
    if (brokenBy(pipeline.dialect, users, result.changes, project, meant).length === 0) return result;
  }
  const verb = op.op === 'renameStage' ? 'renaming' : 'deleting';
  if (broken.length === 0) {
    return { ok: false, reason: framedReason(options.frame ?? DESIGNER_FRAME, `${verb} "${op.stage}" cannot be done in ${named.map((u) => `\`${u.rootPath}\``).join(' and ')} at once, which use this file as a template and name it in an expression; change it in the text`) };
  }
  return { ok: false, reason: framedReason(options.frame ?? DESIGNER_FRAME, brokenReason(`${verb} "${op.stage}"`, broken, `which ${broken.length === 1 ? 'uses' : 'use'} this file as a template`)) };
}

/** `meant` of brokenBy: `op` on the nodes a pipeline draws where the template writes its node (`drawn`: one per use). */
function meantIn(user: FileInPipeline, op: RenameOrDelete, drawn: readonly GraphNode[]): Expectation | undefined {
  const [first, ...twins] = drawn;
  return first ? expectAfter(user.graph, { ...op, stage: first.id }, undefined, twins.map((n) => n.id)) : undefined;
}

/** Plans of one edit in several pipelines as one plan over their joined changes, the file edited first. */
function joinedPlan(first: ComposedPlan, plans: readonly ComposedPlan[], joined: FileChange[], op: EditOperation, rootPath: string): ComposedPlan {
  const changes = joined.sort((a, b) => Number(b.path === rootPath) - Number(a.path === rootPath));
  // A rename splices the name once and each reference once, in every file it changes.
  const references = op.op === 'renameStage' ? changes.reduce((n, c) => n + c.edits.length, 0) - 1 : 0;
  return { ...first, changes, references, reconnected: once(plans.flatMap((p) => p.reconnected)), lostGates: once(plans.flatMap((p) => p.lostGates)) };
}

/** The files as the pipeline reads them: its root's text as given (maybe unsaved), the rest from the project. */
function rootAsGiven(pipeline: ComposedPipeline): ProjectFiles {
  return { ...pipeline.project, readFile: (p) => (p === pipeline.rootPath ? pipeline.rootText : pipeline.project.readFile(p)) };
}

/** What several plans found alike (a gate the template's deletion loses, in each pipeline using it), once. */
function once<T>(found: T[]): T[] {
  const seen = new Set<string>();
  return found.filter((f) => {
    const key = JSON.stringify(f);
    return !seen.has(key) && (seen.add(key), true);
  });
}

/**
 * Whether an expression of `user`'s files other than the template at `path` names the template's
 * job or stage `id` (its own name, the last part of the id) through `dependencies` or a status
 * function, as the Azure planners look for such names (expressionRefs.ts).
 */
function namedInOtherFiles(user: FileInPipeline, path: string, id: string): boolean {
  if (!user.composite) return false;
  const { src, files } = user.composite;
  return dependencyMentions(src, src.doc.contents, [localName(id)]).some((m) => files.place(m.offset).file.path !== path);
}

/**
 * The changes of several plans of one edit (one per pipeline using a template) as one: a file two
 * of them change (the template itself, a template both pipelines use) must come out the same in
 * both; undefined when it does not.
 */
function joinedChanges(plans: readonly FileChange[][]): FileChange[] | undefined {
  const byPath = new Map<string, FileChange>();
  for (const change of plans.flat()) {
    const known = byPath.get(change.path);
    if (known && known.text !== change.text) return undefined;
    if (!known) byPath.set(change.path, change);
  }
  return [...byPath.values()];
}

/**
 * The pipelines among `users` that the changed texts give an error they did not have, or a name
 * that points at nothing (a reference problem: a warning where the pipeline reads templates
 * from elsewhere, which might define it), each with the first; or, with `meant` (what the edit
 * is to do in a pipeline), that they change otherwise, with the first difference.
 */
function brokenBy(
  dialect: Dialect,
  users: readonly FileInPipeline[],
  changes: readonly { path: string; text: string }[],
  project: ProjectFiles,
  meant?: (user: FileInPipeline) => Expectation | undefined,
): ({ user: FileInPipeline } & ({ problem: GraphProblem; differs?: undefined } | { problem?: undefined; differs: string }))[] {
  const texts = new Map(changes.map((c) => [c.path, c.text]));
  const after: ProjectFiles = { readFile: (p) => texts.get(p) ?? project.readFile(p), listFiles: (glob) => project.listFiles(glob) };
  const key = (p: GraphProblem) => `${p.file ?? ''}\n${p.message}`;
  const broken: ReturnType<typeof brokenBy> = [];
  for (const user of users) {
    const rootText = after.readFile(user.rootPath);
    if (rootText === undefined) continue;
    const breaks = (p: GraphProblem) => p.severity === 'error' || p.source === 'reference';
    const before = new Set(user.graph.problems.filter(breaks).map(key));
    const graph = composeGraph(dialect, user.rootPath, rootText, after);
    const problem = graph.problems.find((p) => breaks(p) && !before.has(key(p)));
    if (problem) {
      broken.push({ user, problem });
      continue;
    }
    const expected = meant?.(user);
    const differs = expected ? compareWithExpectation(expected, graph)[0] : undefined;
    if (differs !== undefined) broken.push({ user, differs });
  }
  return broken;
}

/**
 * `op`, named in the template `pipeline.rootPath` alone, planned in the pipeline `user` that uses
 * it: the node it names is the one `user` draws from the same place of the file. One the
 * pipeline draws several times (a job template used in each environment's stage) is renamed or
 * deleted in every use: the template is where it is written, so changing it there changes them
 * all (from the pipeline's own designer, where one use is chosen, it is refused: sharedText).
 */
function planInUsingPipeline(pipeline: ComposedPipeline, own: PipelineGraph, user: FileInPipeline, op: RenameOrDelete, options: PlanOptions, project: ProjectFiles): ComposedPlanResult {
  const frame = options.frame ?? DESIGNER_FRAME;
  const drawn = usesIn(own, user, pipeline.rootPath, op.stage);
  const rootText = project.readFile(user.rootPath);
  if (drawn.length === 0 || rootText === undefined) {
    return { ok: false, reason: framedReason(frame, `"${op.stage}" is named in \`${user.rootPath}\`, which uses this file as a template, and is not drawn there as written here; change it in the text`) };
  }
  const { stages: _stages, ...rest } = options;
  // Said of that pipeline, in its ids ("Dev/Deploy" for the template's "Deploy"), so it says where.
  const planOptions: PlanOptions = { ...rest, frame: { ...frame, prefix: `${frame.prefix}in \`${user.rootPath}\`, which uses this file as a template: ` } };
  const using: ComposedPipeline = { dialect: pipeline.dialect, rootPath: user.rootPath, rootText, project };
  const twins = drawn.slice(1).map((n) => n.id);
  return planComposed(using, { ...op, stage: drawn[0].id }, planOptions, pipeline.rootPath, undefined, twins);
}

/** The nodes `user` draws from where the template at `path` (its own graph `own`) writes `id`: one per use. */
function usesIn(own: PipelineGraph, user: FileInPipeline, path: string, id: string): GraphNode[] {
  const written = own.nodes.find((n) => n.id === id && n.file === undefined);
  return written ? drawnFrom(user, path, written.offsets[0]) : [];
}

/** The nodes `user` draws from the node written at `offset` of the file at `path`: one per use. */
function drawnFrom(user: FileInPipeline, path: string, offset: number): GraphNode[] {
  return user.graph.nodes.filter((n) => n.file === path && n.offsets[0] === offset);
}

/**
 * `home`: the file the user is editing, when it is not the root (planInIncludingPipeline): a new
 * job that follows no other is written at its end, in its style.
 */
function planComposed(
  pipeline: ComposedPipeline,
  op: EditOperation,
  options: PlanOptions,
  home?: string,
  composed = pipeline.composed ?? composeWithSource(pipeline, pipeline.rootText, pipeline.project),
  twins: readonly string[] = [],
): ComposedPlanResult {
  const frame = options.frame ?? DESIGNER_FRAME;
  const files = composed.seen?.files.files ?? [];
  try {
    if (pipeline.dialect === 'github' && composed.graph.nodes.some((n) => n.file !== undefined)) {
      return planInCalledWorkflow(pipeline, composed.graph, op, options);
    }
    if (!composed.seen || files.length <= 1) {
      const planned = planOperation(pipeline.rootText, op, { ...options, dialect: pipeline.dialect, fileName: pipeline.rootPath, ...(pipeline.stages ? { stages: pipeline.stages } : {}) });
      // A node only the composition draws (the template `extends:` names from another repository): say what it is.
      const drawn = !planned.ok && planned.unknown ? composed.graph.nodes.find((n) => n.id === planned.unknown!.name && n.readOnlyReason) : undefined;
      if (drawn) throw new Refusal(`"${drawn.id}" cannot be edited here (${drawn.readOnlyReason})`, { byHand: true });
      return single(pipeline.rootPath, pipeline.rootText, planned);
    }
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, reason: framedReason(frame, e.message, e.details) };
    throw e;
  }
  const { source, files: composite } = composed.seen;
  const shared = sharedText(composed.graph, op, twins);
  // A name or a dependency the use passes to the template (`name: Package`, `after: [Build]`)
  // is written where it is passed, this use's own: such an edit of a node whose text stands for
  // several goes ahead when none of its splices falls in text standing for several (below).
  // So is deleting what a use puts in a list as all it puts there: its `- template:` item goes.
  const mayBePassed = op.op === 'renameStage' || op.op === 'deleteStage' || op.op === 'addDependency' || op.op === 'removeDependency';
  if (shared && !mayBePassed) return { ok: false, reason: framedReason(frame, shared.message, shared.details) };
  let changes: FileChange[] = [];
  let placedAfter: PipelineGraph | undefined;
  const inText = inComposite(composed.graph, composite, pipeline.rootPath);
  // A rename or a deletion rewrites the references to a node, which every use of a template
  // makes alike (verified on the graph after); any other change of shared text is refused.
  const sharedRegions = !shared && (op.op === 'renameStage' || op.op === 'deleteStage') ? [] : regionsOfSeveral(inText);
  const homeFile = home === undefined ? undefined : composite.get(home);
  const subject: EditSubject = {
    parsed: { text: source.text, src: source, graph: inText, style: styleOfTarget(composed.graph, op, source, composite, pipeline.rootPath, home) },
    ...(homeFile ? { home: homeFile.base } : {}),
    ...(twins.length > 0 ? { twins } : {}),
    reparse: (_newText, edits) => {
      refuseInSharedText(sharedRegions, edits, shared);
      refuseOverSubstituted(composite, edits);
      refuseListForString(composite, edits);
      changes = changesByFile(composite, edits, pipeline.rootPath);
      const texts = new Map(changes.map((c) => [c.path, c.text]));
      const overlay: ProjectFiles = {
        readFile: (path) => texts.get(path) ?? pipeline.project.readFile(path),
        listFiles: (glob) => pipeline.project.listFiles(glob),
      };
      const rootAfter = texts.get(pipeline.rootPath) ?? pipeline.rootText;
      const { composed: _before, ...changed } = pipeline;
      const after = composeWithSource(changed, rootAfter, overlay);
      placedAfter = after.graph;
      // A root that no longer parses is composed alone: its syntax error is what verification reports.
      if (!after.seen) return { src: parseYamlSource(rootAfter), graph: after.graph };
      return { src: after.seen.source, graph: inComposite(after.graph, after.seen.files, pipeline.rootPath) };
    },
  };
  const planned = planOn(subject, op, frame);
  // Tried for a value the use passes and not found so: what is in the way is the shared text.
  if (!planned.ok) return shared ? { ok: false, reason: framedReason(frame, shared.message, shared.details) } : planned;
  const { text: _text, edits: _edits, parsed: _parsed, ...rest } = planned;
  return { ...rest, graph: placedAfter!, changes };
}

/**
 * The pipeline an edit of the file at `path` (its text `text`, which is read for it whatever
 * `project` holds) is planned in: for a GitLab file the project's `.gitlab-ci.yml` includes, that
 * pipeline, editing the file (see planInIncludingPipeline); else the file, composed with what it
 * names.
 */
export function pipelineToEdit(dialect: Dialect, path: string, text: string, project: ProjectFiles): ComposedPipeline {
  const files: ProjectFiles = { ...project, readFile: (p) => (p === path ? text : project.readFile(p)) };
  const pipeline = dialect === 'gitlab' ? pipelineOfFile('gitlab', path, text, files) : undefined;
  const rootText = pipeline && pipeline.rootPath !== path ? files.readFile(pipeline.rootPath) : undefined;
  if (!pipeline || rootText === undefined) return { dialect, rootPath: path, rootText: text, project: files };
  const stages = pipelineStages(pipeline, path);
  // pipelineOfFile composed the root with these files, as planning the edit would again.
  const composed: ComposedWithSource = { graph: pipeline.graph, ...(pipeline.composite ? { seen: { source: pipeline.composite.src, files: pipeline.composite.files } } : {}) };
  return { dialect, rootPath: pipeline.rootPath, rootText, project: files, editing: { path, ...(stages ? { stages } : {}) }, composed };
}

/**
 * pipelineToEdit, when the file is part of a pipeline of several files (a GitLab file the root
 * includes, or one that names other files); undefined when it is a pipeline of its own.
 */
export function composedPipelineToEdit(dialect: Dialect, path: string, text: string, project: ProjectFiles): ComposedPipeline | undefined {
  const pipeline = pipelineToEdit(dialect, path, text, project);
  return pipeline.editing || namesOtherFiles(text) ? pipeline : undefined;
}

/** Operations on the pipeline's jobs (a job that is there, or a new one beside them); not on lanes. */
const ON_JOBS = new Set<EditOperation['op']>(['renameStage', 'deleteStage', 'addDependency', 'removeDependency', 'moveToStage', 'setProperty', 'addCache', 'addStage']);

/**
 * GitLab: an operation on the jobs of a file the pipeline includes is planned in the whole
 * pipeline, as GitLab runs it: a renamed or deleted job's references in the root and the other
 * files change with it, and a job that gets `needs:` (given one, or a new job put before it)
 * keeps waiting for, and taking the artifacts of, the jobs of other files it waited for by the
 * stage order (the file alone knows none of them); a new job is written in the file, after the job
 * it follows or at its end. Lane operations, and a job the pipeline does not draw under its id (a
 * name its include's `inputs` give), are planned on the file itself, composed with what it
 * includes, in the pipeline's stages.
 */
function planInIncludingPipeline(pipeline: ComposedPipeline, editing: { path: string; stages?: PipelineStages }, op: EditOperation, planOptions: PlanOptions): ComposedPlanResult {
  const { editing: _editing, ...whole } = pipeline;
  // The stages the file is read in are the file's (editing.stages), not the root's.
  const { stages: _stages, ...options } = planOptions;
  if (ON_JOBS.has(op.op)) {
    // A job merged from several files is drawn too: its plan says why it cannot be changed in one.
    const composed = whole.composed ?? composeWithSource(whole, whole.rootText, whole.project);
    const drawn = new Set(composed.graph.nodes.map((n) => n.id));
    if (namedIds(op).every((id) => drawn.has(id))) return planComposed(whole, op, options, editing.path, composed);
  }
  const text = pipeline.project.readFile(editing.path);
  if (text === undefined) return { ok: false, reason: framedReason(options.frame ?? DESIGNER_FRAME, `\`${editing.path}\` could not be read`) };
  return planComposedOperation({ dialect: pipeline.dialect, rootPath: editing.path, rootText: text, project: pipeline.project, ...(editing.stages ? { stages: editing.stages } : {}) }, op, options);
}

/**
 * The graph with node offsets in the composite text, where the planners look for each node's
 * YAML (they match mappings by offset); the composer placed them in their own files.
 */
function inComposite(graph: PipelineGraph, files: CompositeFiles, rootPath: string): PipelineGraph {
  return {
    ...graph,
    nodes: graph.nodes.map((n) => {
      const base = files.get(n.file ?? rootPath)?.base ?? 0;
      return base === 0 ? n : { ...n, offsets: [n.offsets[0] + base, n.offsets[1] + base] };
    }),
  };
}

/** The composed graph and the composite it was built from (none for a root composed alone). */
interface ComposedWithSource {
  graph: PipelineGraph;
  seen?: { source: YamlSource; files: CompositeFiles };
}

function composeWithSource(pipeline: ComposedPipeline, rootText: string, project: ProjectFiles): ComposedWithSource {
  let seen: { source: YamlSource; files: CompositeFiles } | undefined;
  const graph = composeGraph(
    pipeline.dialect,
    pipeline.rootPath,
    rootText,
    project,
    (source, files) => {
      seen = { source, files };
    },
    pipeline.stages ? { stages: pipeline.stages } : {},
  );
  return { graph, ...(seen ? { seen } : {}) };
}

function single(path: string, before: string, planned: PlanResult): ComposedPlanResult {
  if (!planned.ok) return planned;
  const { text, edits, parsed: _parsed, ...rest } = planned;
  return { ...rest, changes: edits.length === 0 ? [] : [{ path, before, text, edits }] };
}

/**
 * The style new text is written in: that of the file the operation's node is written in, as its
 * author writes (an included file indented by 4 in a repository that mostly indents by 2). Line
 * breaks are each file's own anyway (changesByFile); whether the text ends with one is the
 * composite's, which is what the planners splice. With no node named, the style of the file
 * being edited (`home`); undefined (the composite's style) when that is the root.
 */
function styleOfTarget(graph: PipelineGraph, op: EditOperation, source: YamlSource, composite: CompositeFiles, rootPath: string, home?: string): FileStyle | undefined {
  const named = namedIds(op)[0];
  const node = named === undefined ? undefined : graph.nodes.find((n) => n.id === named);
  const file = node ? composite.get(node.file ?? rootPath) : home === undefined ? undefined : composite.get(home);
  if (!file) return undefined;
  // The file's nodes are in composite coordinates, which the composite's text is read in.
  const whole = detectStyle(source);
  const own = detectStyle({ ...file.src, text: source.text, lineCounter: source.lineCounter }, whole);
  return { ...whole, indent: own.indent, indentedSequences: own.indentedSequences, quote: own.quote };
}

/**
 * Each composite splice in the file it falls in, as a splice of that file's own text. A file
 * without a final line break is held in the composite with one (compositeSource.ts): its splices
 * are applied to its text with that break, which is taken off again after, so that it still ends
 * without one — as splices.ts keeps the end of a file planned alone.
 */
function changesByFile(files: CompositeFiles, edits: readonly TextEdit[], rootPath: string): FileChange[] {
  const byFile = new Map<string, { before: string; held: string; eol: string; edits: TextEdit[] }>();
  for (const edit of edits) {
    const { file, offset } = files.place(edit.offset);
    const before = file.src.text;
    let entry = byFile.get(file.path);
    if (!entry) {
      const eol = lineBreakOf(before);
      entry = { before, held: files.heldBreak(file) ? before + eol : before, eol, edits: [] };
      byFile.set(file.path, entry);
    }
    // The held break is one character in the composite and the file's own line break here.
    const inHeld = (at: number) => (at > before.length ? entry.held.length : at);
    if (offset + edit.length > before.length + (files.heldBreak(file) ? 1 : 0)) {
      // Lines of another file read in its place (an Azure template's steps, say) are not this file's to rewrite.
      const into = files.place(edit.offset + edit.length).file.path;
      throw new Refusal(`the change to \`${file.path}\` would run into the template \`${into}\`, read there in its place; edit it in the text`);
    }
    const start = inHeld(offset);
    const end = inHeld(offset + edit.length);
    // The planners write line breaks in the style of the composite text, which is every file's
    // together: new lines take the line break of the file they land in.
    const text = edit.text.includes('\n') ? edit.text.replace(/\r?\n/g, entry.eol) : edit.text;
    entry.edits.push({ offset: start, length: end - start, text });
  }
  const changes = [...byFile].map(([path, { before, held, eol, edits: own }]) => {
    if (held === before) return { path, before, text: applyTextEdits(before, own), edits: own };
    let text = applyTextEdits(held, own);
    if (text.endsWith(eol)) text = text.slice(0, -eol.length);
    return { path, before, text, edits: splicesOfHeld(before, own, text) };
  });
  return changes.sort((a, b) => Number(b.path === rootPath) - Number(a.path === rootPath));
}

/**
 * The splices of a file held with a line break it lacks (changesByFile), as splices of its own
 * text: those before its end as they are; those at its end (after its last character, or
 * reaching the held break) one splice from where the first of them starts — or from the line
 * break that went with the held one — to the end, giving what `after` ends with there.
 */
function splicesOfHeld(before: string, edits: readonly TextEdit[], after: string): TextEdit[] {
  const atEnd = (e: TextEdit) => e.offset + e.length > before.length || e.offset >= before.length;
  const inside = edits.filter((e) => !atEnd(e));
  if (inside.length === edits.length) return inside;
  let from = Math.min(before.length, ...edits.filter(atEnd).map((e) => e.offset));
  let kept = inside;
  for (;;) {
    const shift = kept.reduce((sum, e) => sum + e.text.length - e.length, 0);
    // Back to before the line break that went with the held one (the file's last lines removed).
    from = Math.min(from, after.length - shift);
    // A splice of the lines just above it (a `needs:` naming the job removed) joins that one.
    const reaching = kept.filter((e) => e.offset + e.length > from || e.offset >= from);
    if (reaching.length > 0) {
      kept = kept.filter((e) => !reaching.includes(e));
      from = Math.min(from, ...reaching.map((e) => e.offset));
      continue;
    }
    const own = [...kept, { offset: from, length: before.length - from, text: after.slice(from + shift) }];
    if (applyTextEdits(before, own) !== after) throw new Error('the splices at the end of a file without a final line break do not give its new text');
    return own;
  }
}

/**
 * A node whose text stands for several (a job template used twice, each use drawn): changing the
 * text changes every use, which no single-node operation means. Refused up front, in words —
 * unless the operation is on every use (`changedWith`: the others it changes with it).
 */
function sharedText(graph: PipelineGraph, op: EditOperation, changedWith: readonly string[] = []): Refusal | undefined {
  const changed = op.op === 'addStage' ? op.before : namedIds(op)[0];
  const node = changed === undefined ? undefined : graph.nodes.find((n) => n.id === changed);
  if (!node) return undefined;
  const twins = graph.nodes.filter((n) => n !== node && n.file === node.file && n.offsets[0] === node.offsets[0] && n.role === node.role);
  if (twins.length === 0 || twins.every((t) => changedWith.includes(t.id))) return undefined;
  const where = node.file ?? 'this file';
  // The uses of a template share its names (every use of an unnamed job is "Job"): then ids tell them apart.
  const label = twins.some((n) => n.name === node.name) ? (n: GraphNode) => n.id : (n: GraphNode) => n.name;
  const others = twins.map((n) => `"${label(n)}"`).join(', ');
  // A rename or deletion of every use is what the template's own designer does (planInUsingPipeline).
  const everyUse = node.file !== undefined && (op.op === 'renameStage' || op.op === 'deleteStage')
    ? ` — open \`${node.file}\` in the designer to ${op.op === 'renameStage' ? 'rename' : 'delete'} it in every use`
    : '';
  return new Refusal(`"${label(node)}" is written once in \`${where}\` for ${others} too (a template used ${twins.length + 1} times): a change there changes every use${everyUse}`, { byHand: true });
}

interface SharedRegion {
  start: number;
  end: number;
  file: string | undefined;
  names: string[];
}

/** Composite regions that stand for several nodes: a template's text drawn once per use. */
function regionsOfSeveral(graph: PipelineGraph): SharedRegion[] {
  const byRegion = new Map<string, SharedRegion>();
  for (const n of graph.nodes) {
    const key = `${n.offsets[0]}:${n.offsets[1]}`;
    const known = byRegion.get(key);
    // Ids, not names: the uses of one template share its names.
    if (known) known.names.push(n.id);
    else byRegion.set(key, { start: n.offsets[0], end: n.offsets[1], file: n.file, names: [n.id] });
  }
  return [...byRegion.values()].filter((r) => r.names.length > 1);
}

/**
 * An edit that would splice such a region changes every use, whatever node it was about (an
 * Azure stage's environment is written on the job a template gives it): refused, in words —
 * `said`'s, when the operation's own node is one of them (sharedText).
 */
function refuseInSharedText(regions: readonly SharedRegion[], edits: readonly TextEdit[], said?: Refusal): void {
  for (const edit of edits) {
    const region = regions.find((r) => r.start <= edit.offset && edit.offset + edit.length <= r.end && (edit.length > 0 || edit.offset < r.end));
    if (!region) continue;
    // The operation's own node stands for several: said as sharedText says it.
    if (said) throw said;
    const names = region.names.map((n) => `"${n}"`).join(', ');
    throw new Refusal(`the change is in \`${region.file ?? 'the root file'}\`, in text that stands for ${names} (a template used ${region.names.length} times): it would change every use`, { byHand: true });
  }
}

/**
 * An edit that would write over a template expression composition evaluated (`dependsOn:
 * ${{ parameters.after }}` in a template, drawn as the names a pipeline passes): the names are
 * written where they are passed, the expression stands for every use's value. Writing a name
 * over it would fix the template to one use's value — another pipeline passing another stage
 * would then wait for a stage it does not have. Removing whole lines that hold it (the entry,
 * the pair) is no rewrite of it.
 */
function refuseOverSubstituted(files: CompositeFiles, edits: readonly TextEdit[]): void {
  if (files.substituted.length === 0) return;
  const expressions = files.substituted.flatMap(([from, to]) => expressionSpans(files.textAt(from, to), from));
  for (const edit of edits) {
    const end = edit.offset + edit.length;
    for (const [start, stop] of expressions) {
      const overlaps = edit.length === 0 ? edit.offset > start && edit.offset < stop : edit.offset < stop && end > start;
      if (!overlaps || (edit.text === '' && edit.offset <= start && end >= stop)) continue;
      const { file, offset } = files.place(start);
      const { line } = positionAt(file.src, offset);
      throw new Refusal(`the change would write over \`${files.textAt(start, stop)}\` in \`${file.path}\` (line ${line}), which stands for the value each use of the template passes`, { byHand: true });
    }
  }
}

/** The spans of the `${{ … }}` in `text`, which starts at composite offset `from`. */
function expressionSpans(text: string, from: number): [number, number][] {
  const spans: [number, number][] = [];
  for (let open = text.indexOf('${{'); open >= 0; open = text.indexOf('${{', open + 3)) {
    const close = text.indexOf('}}', open + 3);
    if (close < 0) break;
    spans.push([from + open, from + close + 2]);
  }
  return spans;
}

/**
 * A name passed to a template's parameter of type string (`after: Build` for `dependsOn:
 * ${{ parameters.after }}`) stays one value: a list written there (`[Build, Lint]`, `[]`) is a
 * value Azure rejects for that parameter when it compiles the pipeline.
 */
function refuseListForString(files: CompositeFiles, edits: readonly TextEdit[]): void {
  for (const edit of edits) {
    // The value's own text, and at most the spaces before it (a value rewritten after its colon).
    const passed = files.passed.find((p) => edit.offset <= p.start && edit.offset + edit.length === p.end && /^\s*$/.test(files.textAt(edit.offset, p.start)));
    if (!passed || passed.type === undefined || passed.type === 'object' || !/^\s*([[{]|$)/.test(edit.text)) continue;
    const { file, offset } = files.place(passed.start);
    const { line } = positionAt(file.src, offset);
    throw new Refusal(`\`${files.textAt(passed.start, passed.end)}\` is passed in \`${file.path}\` (line ${line}) to the template parameter "${passed.parameter}" of type ${passed.type}, which takes one value, not a list`, { byHand: true });
  }
}

/** The operation's node ids (not new names). */
function namedIds(op: EditOperation): string[] {
  switch (op.op) {
    case 'renameStage':
    case 'deleteStage':
    case 'moveToStage':
    case 'setProperty':
    case 'addCache':
    case 'pinAction':
      return [op.stage];
    case 'addDependency':
    case 'removeDependency':
      return [op.stage, op.dependsOn];
    case 'addStage':
      return [op.after, op.before].filter((id): id is string => id !== undefined);
    default:
      return [];
  }
}

/**
 * GitHub: an edit of the jobs of a workflow called from this one is planned on the called file
 * alone (ids without their `caller/` prefix), since the caller can only name the call. An edit
 * joining jobs of two workflows cannot be written: GitHub has no such dependency.
 */
function planInCalledWorkflow(pipeline: ComposedPipeline, graph: PipelineGraph, op: EditOperation, options: PlanOptions): ComposedPlanResult {
  const nodes = namedIds(op).map((id) => graph.nodes.find((n) => n.id === id));
  const known = nodes.filter((n): n is GraphNode => n !== undefined);
  const inCalled = known.filter((n) => n.file !== undefined);
  if (inCalled.length === 0) {
    // The root's own jobs: the root file alone (the called jobs are not in it, and are not named).
    const planned = single(pipeline.rootPath, pipeline.rootText, planOperation(pipeline.rootText, op, { ...options, dialect: 'github', fileName: pipeline.rootPath }));
    if (!planned.ok) return planned;
    return { ...planned, graph: composeGraph('github', pipeline.rootPath, planned.changes[0]?.text ?? pipeline.rootText, pipeline.project) };
  }
  const first = inCalled[0];
  const prefix = first.id.slice(0, first.id.lastIndexOf('/') + 1);
  const apart = known.find((n) => n.file !== first.file || !n.id.startsWith(prefix) || n.id.slice(prefix.length).includes('/'));
  if (apart) {
    throw new Refusal(`"${first.name}" runs in the reusable workflow \`${first.file}\` and "${apart.name}" does not; a job can only wait for jobs of its own workflow (the caller waits for the whole call)`);
  }
  const file = first.file!;
  const callers = new Set(graph.nodes.filter((n) => n.file === file).map((n) => n.id.slice(0, n.id.lastIndexOf('/') + 1)));
  if (callers.size > 1) {
    const names = [...callers].map((c) => `"${c.slice(0, -1)}"`).join(' and ');
    throw new Refusal(`\`${file}\` is called by ${names}: a change there changes every call`, { byHand: true });
  }
  const text = pipeline.project.readFile(file);
  if (text === undefined) throw new Refusal(`\`${file}\` could not be read`);
  const local = withoutPrefix(op, prefix);
  if (local.op === 'setProperty') refuseSetByCall(text, local, first, prefix.slice(0, -1));
  const planned = planOperation(text, local, { ...options, dialect: 'github', fileName: file });
  if (!planned.ok) return planned;
  const changes: FileChange[] = planned.edits.length === 0 ? [] : [{ path: file, before: text, text: planned.text, edits: planned.edits }];
  // What the user sees after: the root composed again with the called file changed.
  const overlay: ProjectFiles = { readFile: (p) => (p === file ? planned.text : pipeline.project.readFile(p)), listFiles: (g) => pipeline.project.listFiles(g) };
  const after = composeGraph('github', pipeline.rootPath, pipeline.rootText, overlay);
  const { text: _t, edits: _e, parsed: _p, ...rest } = planned;
  return { ...rest, graph: after, changes };
}

/** The fields of a node each property is shown in. */
const PROPERTY_FIELDS: Partial<Record<string, readonly (keyof GraphNode)[]>> = {
  name: ['name'],
  runner: ['runner'],
  condition: ['condition'],
  timeout: ['timeout'],
  environment: ['environment', 'environmentUrl'],
};

/**
 * A called job's setting written as `${{ inputs.x }}` is shown as the call sets it (the composed
 * node); writing over it in the called file would change what every call passes for, and the
 * inspector would write back the values shown. The value belongs to the caller's `with:`: refused,
 * saying so.
 */
function refuseSetByCall(text: string, op: Extract<EditOperation, { op: 'setProperty' }>, shown: GraphNode, caller: string): void {
  const own = parsePipeline(text, { dialect: 'github' }).nodes.find((n) => n.id === op.stage);
  for (const field of PROPERTY_FIELDS[op.property] ?? []) {
    const written = own?.[field];
    if (typeof written !== 'string' || !/\$\{\{\s*inputs\./i.test(written) || written === shown[field]) continue;
    throw new Refusal(`the ${op.property} of "${shown.name}" is written \`${written}\` in \`${shown.file}\`, which the call "${caller}" sets in its \`with:\``, { byHand: true });
  }
}

function withoutPrefix(op: EditOperation, prefix: string): EditOperation {
  const strip = (id: string) => (id.startsWith(prefix) ? id.slice(prefix.length) : id);
  switch (op.op) {
    case 'renameStage':
      return { ...op, stage: strip(op.stage), newId: strip(op.newId) };
    case 'deleteStage':
    case 'moveToStage':
    case 'setProperty':
    case 'addCache':
    case 'pinAction':
      return { ...op, stage: strip(op.stage) };
    case 'addDependency':
    case 'removeDependency':
      return { ...op, stage: strip(op.stage), dependsOn: strip(op.dependsOn) };
    case 'addStage':
      return { ...op, ...(op.after ? { after: strip(op.after) } : {}), ...(op.before ? { before: strip(op.before) } : {}) };
    default:
      return op;
  }
}

/** What one applied operation did besides its own change (as plan.ts's applyOperations says). */
export type ComposedApplied = Pick<Planned, 'reconnected' | 'lostGates' | 'references'> & { files: number };

/**
 * Apply operations in order to the composed pipeline, each planned on the files as the ones
 * before it left them; the first refusal stops everything and nothing is changed. `changes`
 * holds each file touched with its text before the first operation and after the last.
 */
export function applyComposedOperations(
  pipeline: ComposedPipeline,
  ops: readonly EditOperation[],
  options: PlanOptions = {},
): { ok: true; changes: Omit<FileChange, 'edits'>[]; applied: ComposedApplied[] } | (PlanRefusal & { index: number }) {
  const texts = new Map<string, { before: string; text: string }>();
  const read = (path: string) => texts.get(path)?.text ?? (path === pipeline.rootPath ? pipeline.rootText : pipeline.project.readFile(path));
  // The composition made for the texts as given holds for the first operation only.
  const { composed, ...given } = pipeline;
  const current: ComposedPipeline = {
    ...given,
    get rootText() {
      return read(pipeline.rootPath)!;
    },
    project: { readFile: read, listFiles: (glob) => pipeline.project.listFiles(glob) },
  };
  const applied: ComposedApplied[] = [];
  for (const [index, op] of ops.entries()) {
    const r = planComposedOperation(index === 0 && composed ? { ...current, composed } : current, op, options);
    if (!r.ok) return { ...r, index };
    for (const change of r.changes) {
      const known = texts.get(change.path);
      texts.set(change.path, { before: known?.before ?? change.before, text: change.text });
    }
    applied.push({ reconnected: r.reconnected, lostGates: r.lostGates, references: r.references, files: r.changes.length });
  }
  const changes = [...texts].map(([path, t]) => ({ path, ...t })).filter((c) => c.text !== c.before);
  changes.sort((a, b) => Number(b.path === pipeline.rootPath) - Number(a.path === pipeline.rootPath));
  return { ok: true, changes, applied };
}

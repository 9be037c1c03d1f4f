// One designer session per open pipeline document, shared by every designer tab on it: parses
// the text once per (debounced) change and sends the same graph to all of its webviews.
import * as vscode from 'vscode';
import type { ParseCache } from '../../core/compose/parseCache';
import type { ComposedPipeline } from '../../core/edit/composedPlan';
import type { ParsedPipeline } from '../../core/edit/plan';
import type { Dialect, GraphNode, PipelineGraph } from '../../core/model';
import type { ParseOptions, PipelineStages } from '../../core/parse';
import { hasSyntaxErrors } from '../../core/model';
import type { HostToWebview } from '../../shared/protocol';
import type { EditPreview } from '../../shared/previewEdit';
import { engine } from '../engine/load';
import type { EditOperation } from '../../core/edit/operations';
import { log } from '../log';
import type { SharedPlace } from '../problems/problemTracker';
import { documentEditTarget } from './documentEditTarget';
import { EditQueue, type EditOutcome, type EditRequest, type PlannedEdit } from './editQueue';
import { composedProject, isComposedFrom, needsComposing, projectUri, type ComposedProject } from './composedProject';
import { confirmGateLoss } from './gateConfirmation';

export interface RenderedSnapshot {
  version: number;
  nodeIds: string[];
  edgeCount: number;
}

export class DesignerSession implements vscode.Disposable {
  private readonly panels = new Set<vscode.WebviewPanel>();
  /**
   * The parse of the version on screen; the edit planner reuses it when the text is unchanged.
   * `graph` is what the designer draws: the parse's own graph, or the pipeline composed with the
   * files it names (`project` then says which were read).
   */
  private shown: {
    parsed: ParsedPipeline;
    version: number;
    graph: PipelineGraph;
    project?: ComposedProject;
    /** A file of another's pipeline: the jobs it needs that other files define (see inPipeline). */
    elsewhere?: ReadonlyMap<string, GraphNode & { file: string }>;
    /** Where the file lies in its pipeline, as pipelineOfFile said for this text (GitLab), shared with the Problems panel. */
    shared?: SharedPlace;
    /** The stages of the pipeline that includes this GitLab file, which `parsed` was built with and edits are planned with. */
    stages?: PipelineStages;
  };
  /** The parse the planner made of the text it wrote, adopted if the document then holds that text. */
  private planned: ParsedPipeline | undefined;
  private pending: NodeJS.Timeout | undefined;
  /** The files' parses from the last composition: composing again parses only the files that changed. */
  private parses: ParseCache | undefined;
  private recomposing: NodeJS.Timeout | undefined;
  /** Designer edits of this document, shared by all its tabs so they apply in order. */
  private readonly edits: EditQueue;
  /** What a webview last reported painting; read by the test API and the log. */
  rendered: RenderedSnapshot | undefined;

  constructor(
    readonly document: vscode.TextDocument,
    readonly dialect: Dialect,
    private readonly updateDelayMs: () => number,
    /** Told of every parse, so others (the Problems panel) share it instead of parsing again. */
    private readonly onParsed: (session: DesignerSession, parsed: ParsedPipeline, version: number) => void = () => {},
  ) {
    this.shown = this.show(this.parse(), document.version);
    this.onParsed(this, this.shown.parsed, this.shown.version);
    this.edits = new EditQueue(documentEditTarget(document), (text, op) => this.plan(text, op), log(), { confirmGateLoss });
  }

  /**
   * Plans `op` on `text`. A pipeline split over files is planned on all of them, read afresh
   * (open editors first): what is written in another file is changed there.
   */
  private plan(text: string, op: EditOperation): PlannedEdit {
    const options = this.parseOptions();
    const project = this.projectOf(text, op);
    if (!project) {
      const result = engine().planOperation(text, op, options, this.shown.parsed);
      if (result.ok) this.planned = result.parsed;
      return result;
    }
    const result = engine().planComposedOperation(this.pipelineToEdit(project, text), op, options);
    if (!result.ok) return result;
    const own = result.changes.find((c) => c.path === project.rootPath);
    const others = result.changes
      .filter((c) => c.path !== project.rootPath)
      .map((c) => ({ uri: projectUri(project.root, c.path).toString(), before: c.before, edits: c.edits }));
    return { ok: true, text: own?.text ?? text, edits: own?.edits ?? [], others, reconnected: result.reconnected, lostGates: result.lostGates };
  }

  /** How the file is read: as itself, and for a GitLab file its pipeline includes, in that pipeline's stages. */
  private parseOptions(): ParseOptions {
    return { dialect: this.dialect, fileName: this.document.uri.path, ...(this.shown?.stages ? { stages: this.shown.stages } : {}) };
  }

  /** The pipeline composed from this file's `text`, in the stages of the pipeline that includes it (see inPipeline). */
  private composedPipeline(project: ComposedProject, text: string): ComposedPipeline {
    return { dialect: this.dialect, rootPath: project.rootPath, rootText: text, project: project.files, ...(this.shown?.stages ? { stages: this.shown.stages } : {}) };
  }

  /**
   * The project a text is planned in (undefined: the text alone): one that names other files (or
   * takes GitLab inputs) is composed from, and one of a GitLab file another file's pipeline
   * includes (as the last parse found) is part of; an Azure rename or deletion is checked against
   * the pipelines that use the file as a template (see mayBreakUsingPipelines).
   */
  private projectOf(text: string, op: EditOperation): ComposedProject | undefined {
    const composed = needsComposing(text) || this.shown?.shared?.place.pipeline || engine().mayBreakUsingPipelines(this.dialect, op);
    return composed ? composedProject(this.document) : undefined;
  }

  /**
   * What an edit of `text` is planned in: a GitLab file is placed in its pipeline afresh (an
   * included file's jobs are edited in the pipeline that includes it: see pipelineToEdit).
   */
  private pipelineToEdit(project: ComposedProject, text: string): ComposedPipeline {
    if (this.dialect !== 'gitlab') return this.composedPipeline(project, text);
    return engine().pipelineToEdit('gitlab', project.rootPath, text, project.files);
  }

  /** What `op` would do to the text shown, without doing it (the inspector's preview). */
  preview(op: EditOperation): EditPreview {
    const options = this.parseOptions();
    const text = this.shown.parsed.text;
    const project = (this.shown.project || engine().mayBreakUsingPipelines(this.dialect, op)) && this.projectOf(text, op);
    if (!project) return engine().previewEdit(this.shown.parsed, op, options);
    return engine().previewComposedEdit(this.pipelineToEdit(project, text), op, options);
  }

  /** Plans and applies one designer edit after those before it; the new graph follows at once. */
  async edit(request: EditRequest): Promise<EditOutcome> {
    const outcome = await this.edits.submit(request);
    // The designer's own change need not wait out the typing debounce; when it changed only
    // other files of a composed pipeline, the document's version is the same: compose again.
    if (outcome.ok) {
      const before = this.shown.version;
      this.refreshNow();
      if (this.shown.version === before && this.shown.project) this.recomposeNow();
    }
    return outcome;
  }

  get panelCount(): number {
    return this.panels.size;
  }

  /** The graph of the latest parsed text (may lag the document by the debounce delay). */
  current(): PipelineGraph {
    return this.shown.parsed.graph;
  }

  /** The graph on screen: composed with the files the pipeline names, when it names any. */
  drawn(): PipelineGraph {
    return this.shown.graph;
  }

  /** Where the file of a node drawn from another file is (undefined for the document's own nodes). */
  definingFile(node: GraphNode): vscode.Uri | undefined {
    return node.file !== undefined && this.shown.project ? projectUri(this.shown.project.root, node.file) : undefined;
  }

  /** Where the file lies in its pipeline for the parse on screen, when this session composed it (see `shown`). */
  sharedPlace(): SharedPlace | undefined {
    return this.shown.shared;
  }

  /** Where a job drawn as another file's (a need of this file's, see inPipeline) is written. */
  definitionElsewhere(id: string): { uri: vscode.Uri; offsets: readonly [number, number] } | undefined {
    const node = this.shown.elsewhere?.get(id);
    return node && this.shown.project ? { uri: projectUri(this.shown.project.root, node.file), offsets: node.offsets } : undefined;
  }

  /** True when `uri` is a file the graph on screen was composed from (not the document itself). */
  composedFrom(uri: vscode.Uri): boolean {
    return this.shown.project !== undefined && uri.toString() !== this.document.uri.toString() && isComposedFrom(this.shown.project, uri);
  }

  /** A file the graph was composed from changed: compose again after the typing pause. */
  scheduleRecompose(): void {
    if (this.recomposing) clearTimeout(this.recomposing);
    this.recomposing = setTimeout(() => this.recomposeNow(), this.updateDelayMs());
  }

  private recomposeNow(): void {
    if (this.recomposing) clearTimeout(this.recomposing);
    this.recomposing = undefined;
    this.shown = this.show(this.shown.parsed, this.shown.version);
    // The same version, placed anew: the Problems panel judges it there (`shared`), not composing again.
    this.onParsed(this, this.shown.parsed, this.shown.version);
    this.broadcast(this.documentMessage());
  }

  /**
   * For the Problems panel, after a file this graph was composed from changed: the recomposition
   * that change scheduled, done now if it is still waiting; true when it told where the file lies
   * in its pipeline (`sharedPlace`), which reached the panel with this session's parse.
   */
  settleRecompose(changed: vscode.Uri): boolean {
    if (this.recomposing) this.recomposeNow();
    return this.shown.shared !== undefined && this.composedFrom(changed);
  }

  attach(panel: vscode.WebviewPanel): void {
    this.panels.add(panel);
  }

  detach(panel: vscode.WebviewPanel): void {
    this.panels.delete(panel);
  }

  /** The document changed: re-parse after the user pauses typing, then update every tab. */
  scheduleUpdate(): void {
    if (this.pending) clearTimeout(this.pending);
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.refresh();
    }, this.updateDelayMs());
  }

  private refreshNow(): void {
    if (this.pending) clearTimeout(this.pending);
    this.pending = undefined;
    this.refresh();
  }

  private refresh(): void {
    if (this.document.version === this.shown.version) return;
    this.shown = this.show(this.parse(), this.document.version);
    this.onParsed(this, this.shown.parsed, this.shown.version);
    this.broadcast(this.documentMessage());
  }

  /** Sends to every tab on this document, except `except` (the tab the news came from). */
  broadcast(message: HostToWebview, except?: vscode.WebviewPanel): void {
    for (const panel of this.panels) if (panel !== except) void panel.webview.postMessage(message);
  }

  /** The innermost node whose YAML holds this 1-based line (an Azure job before its stage). */
  nodeAtLine(line: number): GraphNode | undefined {
    let best: GraphNode | undefined;
    for (const n of this.shown.parsed.graph.nodes) {
      if (line < n.range.startLine || line > n.range.endLine) continue;
      if (!best || n.range.endLine - n.range.startLine < best.range.endLine - best.range.startLine) best = n;
    }
    return best;
  }

  private parse(): ParsedPipeline {
    const text = this.document.getText();
    // After a designer edit the document holds the text the planner verified: its parse is this one.
    const planned = this.planned;
    this.planned = undefined;
    if (planned?.text === text) return planned;
    const started = performance.now();
    const parsed = engine().parsePipelineFully(text, { dialect: this.dialect, fileName: this.document.uri.path });
    const graph = parsed.graph;
    log().trace(
      `parsed ${vscode.workspace.asRelativePath(this.document.uri)} v${this.document.version}: ` +
        `${graph.nodes.length} nodes, ${graph.edges.length} edges, ${graph.problems.length} problems ` +
        `in ${(performance.now() - started).toFixed(1)} ms`,
    );
    return parsed;
  }

  /** The parse and what to draw from it (composed when the file names other files or takes GitLab inputs). */
  private show(given: ParsedPipeline, version: number): DesignerSession['shown'] {
    // A parse read in its pipeline's stages (see inPipeline) is read as itself again before it is
    // placed anew: the pipeline, or its stages, may have changed since.
    const parsed = given.graph.lanes.some((l) => l.declaredIn !== undefined)
      ? { ...given, graph: engine().graphFromSource(given.src, { dialect: this.dialect, fileName: this.document.uri.path }) }
      : given;
    if (hasSyntaxErrors(parsed.graph)) return { parsed, version, graph: parsed.graph };
    const composing = needsComposing(parsed.text);
    // A GitLab file that names no other may be one the project's .gitlab-ci.yml includes; an
    // Azure file whose names point at nothing in it, a template of another pipeline.
    if (!composing && this.dialect !== 'gitlab' && !(this.dialect === 'azure' && engine().namesNothingHere(parsed.graph))) return { parsed, version, graph: parsed.graph };
    this.parses ??= new (engine().ParseCache)();
    const project = composedProject(this.document, this.parses);
    if (!project) return { parsed, version, graph: parsed.graph };
    // The document is parsed already (its own graph): the composition reads that parse too.
    this.parses.keep(project.rootPath, parsed.text, parsed.src);
    try {
      const started = performance.now();
      if (this.dialect === 'gitlab') return this.inPipeline(parsed, version, project);
      // Composed as the Problems panel would judge it (pipelineOfFile: a file naming others is its
      // own pipeline), which then takes this composition instead of making its own (`shared`).
      const itself = composing ? engine().composePipeline(this.dialect, project.rootPath, parsed.text, project.files) : undefined;
      const composed = itself?.graph ?? parsed.graph;
      if (composing) log().trace(`composed ${project.rootPath} with ${project.read.size} other files in ${(performance.now() - started).toFixed(1)} ms`);
      if (this.dialect === 'azure' && engine().namesNothingHere(composed)) return this.templateInPipeline(parsed, version, project, composed);
      const shared: SharedPlace | undefined = itself ? { place: { pipeline: itself, path: project.rootPath }, project } : undefined;
      return { parsed, version, graph: composed, project, ...(shared ? { shared } : {}) };
    } catch (error) {
      // A composer bug must not cost the user the file's own graph.
      log().error(`composing ${this.document.uri.fsPath} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      return { parsed, version, graph: parsed.graph };
    } finally {
      this.parses.sweep();
    }
  }

  /**
   * A GitLab file the project's root includes: drawn as itself — its own graph, or composed with
   * what it includes — since its own nodes are what it edits, but judged in the root's pipeline as
   * the Problems panel judges it, the jobs it needs from the pipeline's other files drawn as
   * theirs; composed from itself when it is part of no other file's pipeline and names files, else
   * its own graph. The project is kept either way (a change to the root, which may come to include
   * this file, draws it again), and so is where the file lies, for the Problems panel.
   */
  private inPipeline(parsed: ParsedPipeline, version: number, project: ComposedProject): DesignerSession['shown'] {
    const started = performance.now();
    const pipeline = engine().pipelineOfFile('gitlab', project.rootPath, parsed.text, project.files);
    if (pipeline) log().trace(`composed ${pipeline.rootPath}'s pipeline for ${project.rootPath} (${pipeline.read.size} files) in ${(performance.now() - started).toFixed(1)} ms`);
    const shared: SharedPlace = { place: { pipeline, path: project.rootPath }, project };
    if (!pipeline) return { parsed, version, graph: parsed.graph, project, shared };
    // Its jobs run in the pipeline's stages (when it declares them): its own graph, which edits
    // are planned on, is read in them.
    const stages = engine().pipelineStages(pipeline, project.rootPath);
    const own = stages ? { ...parsed, graph: engine().graphFromSource(parsed.src, { dialect: 'gitlab', fileName: this.document.uri.path, stages }) } : parsed;
    const graph = engine().drawnInPipeline(pipeline, project.rootPath, own.text, own.graph, project.files);
    const needed = new Set(graph.edges.flatMap((e) => (e.definedIn !== undefined ? [e.from] : [])));
    const elsewhere = new Map(pipeline.graph.nodes.filter((n) => needed.has(n.id)).map((n) => [n.id, { ...n, file: n.file ?? pipeline.rootPath }]));
    return { parsed: own, version, graph, project, elsewhere, shared, ...(stages ? { stages } : {}) };
  }

  /**
   * An Azure file whose `dependsOn` names what it does not define (`graph`: its own graph, or its
   * own composition): a template, judged in the pipelines of the project that use it as the
   * Problems panel judges it — its problems there, and each name a pipeline defines drawn as
   * that file's job or stage (a click opens it there).
   */
  private templateInPipeline(parsed: ParsedPipeline, version: number, project: ComposedProject, graph: PipelineGraph): DesignerSession['shown'] {
    const started = performance.now();
    const pipeline = engine().pipelineOfFile('azure', project.rootPath, parsed.text, project.files, graph);
    if (!pipeline || pipeline.rootPath === project.rootPath) return { parsed, version, graph, project };
    const users = pipeline.template?.uses.map((u) => u.rootPath) ?? [pipeline.rootPath];
    log().trace(`judged ${project.rootPath} in ${users.join(', ')}, which use it as a template (${pipeline.read.size} files), in ${(performance.now() - started).toFixed(1)} ms`);
    const shared: SharedPlace = { place: { pipeline, path: project.rootPath }, project };
    const elsewhere = engine().definedInPipeline(graph, pipeline, project.rootPath);
    return { parsed, version, graph: engine().templateGraphInPipeline(graph, pipeline, project.rootPath), project, elsewhere, shared };
  }

  /** The current graph as a message (sent to a webview on its `ready`, and on every change). */
  documentMessage(): HostToWebview {
    return {
      type: 'document',
      version: this.shown.version,
      fileName: vscode.workspace.asRelativePath(this.document.uri),
      graph: this.shown.graph,
      syntaxError: hasSyntaxErrors(this.shown.parsed.graph),
    };
  }

  dispose(): void {
    this.edits.close();
    if (this.pending) clearTimeout(this.pending);
    if (this.recomposing) clearTimeout(this.recomposing);
    this.panels.clear();
  }
}

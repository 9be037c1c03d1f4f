// One designer session per open pipeline document, shared by every designer tab on it: parses
// the text once per (debounced) change and sends the same graph to all of its webviews.
import * as vscode from 'vscode';
import type { ParsedPipeline } from '../../core/edit/plan';
import type { Dialect, GraphNode, PipelineGraph } from '../../core/model';
import { hasSyntaxErrors } from '../../core/model';
import type { HostToWebview } from '../../shared/protocol';
import type { EditPreview } from '../../shared/previewEdit';
import { engine } from '../engine/load';
import type { EditOperation } from '../../core/edit/operations';
import { log } from '../log';
import { documentEditTarget } from './documentEditTarget';
import { EditQueue, type EditOutcome, type EditRequest } from './editQueue';
import { confirmGateLoss } from './gateConfirmation';

export interface RenderedSnapshot {
  version: number;
  nodeIds: string[];
  edgeCount: number;
}

export class DesignerSession implements vscode.Disposable {
  private readonly panels = new Set<vscode.WebviewPanel>();
  /** The parse of the version on screen; the edit planner reuses it when the text is unchanged. */
  private shown: { parsed: ParsedPipeline; version: number };
  /** The parse the planner made of the text it wrote, adopted if the document then holds that text. */
  private planned: ParsedPipeline | undefined;
  private pending: NodeJS.Timeout | undefined;
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
    this.shown = { parsed: this.parse(), version: document.version };
    this.onParsed(this, this.shown.parsed, this.shown.version);
    const fileName = document.uri.path;
    this.edits = new EditQueue(
      documentEditTarget(document),
      (text, op) => {
        const result = engine().planOperation(text, op, { dialect, fileName }, this.shown.parsed);
        if (result.ok) this.planned = result.parsed;
        return result;
      },
      log(),
      { confirmGateLoss },
    );
  }

  /** What `op` would do to the text shown, without doing it (the inspector's preview). */
  preview(op: EditOperation): EditPreview {
    return engine().previewEdit(this.shown.parsed, op, { dialect: this.dialect, fileName: this.document.uri.path });
  }

  /** Plans and applies one designer edit after those before it; the new graph follows at once. */
  async edit(request: EditRequest): Promise<EditOutcome> {
    const outcome = await this.edits.submit(request);
    // The designer's own change need not wait out the typing debounce.
    if (outcome.ok) this.refreshNow();
    return outcome;
  }

  get panelCount(): number {
    return this.panels.size;
  }

  /** The graph of the latest parsed text (may lag the document by the debounce delay). */
  current(): PipelineGraph {
    return this.shown.parsed.graph;
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
    this.shown = { parsed: this.parse(), version: this.document.version };
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

  /** The current graph as a message (sent to a webview on its `ready`, and on every change). */
  documentMessage(): HostToWebview {
    return {
      type: 'document',
      version: this.shown.version,
      fileName: vscode.workspace.asRelativePath(this.document.uri),
      graph: this.shown.parsed.graph,
      syntaxError: hasSyntaxErrors(this.shown.parsed.graph),
    };
  }

  dispose(): void {
    this.edits.close();
    if (this.pending) clearTimeout(this.pending);
    this.panels.clear();
  }
}

// The stage designer: a CustomTextEditorProvider, so the TextDocument keeps undo/redo, dirty
// state, save and hot exit. This layer only wires documents, webviews and the text editor.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { hasSyntaxErrors, type Dialect, type PipelineGraph } from '../../core/model';
import { designerHtml, makeNonce } from '../../shared/designerHtml';
import { COLUMN_RULES, parseWebviewMessage, type ColumnRule, type DesignerFinding, type HostToWebview, type WebviewToHost } from '../../shared/protocol';
import { applyLintFix, type LintFixer } from '../lint/applyLintFix';
import type { LintResults } from '../lint/lintResults';
import { log } from '../log';
import { askDialect, recognise } from '../pipelineFiles';
import type { PositionStore } from './positionStore';
import type { ParsedPipeline } from '../../core/edit/plan';
import type { SharedPlace } from '../problems/problemTracker';
import { DesignerSession, type RenderedSnapshot } from './session';
import { revealOffsets, revealPosition } from './textReveal';
import { watchYamlFiles } from '../watchYamlFiles';

export const DESIGNER_VIEW_TYPE = 'pipewright.designer';

/** A designer session's parse of its document, shared with whoever else needs the graph. */
export interface SessionParse {
  document: vscode.TextDocument;
  dialect: Dialect;
  version: number;
  parsed: ParsedPipeline;
  /** Where the file lies in its pipeline, when the session composed it for this parse. */
  shared?: SharedPlace;
}

/**
 * What a designer tab shows besides the graph, from outside the designer: the live run of a
 * GitHub workflow (operate/designerOverlay.ts). It posts its own messages to the tab.
 */
export interface DesignerAddOn {
  /** A tab opened; undefined when the add-on has nothing for this document. */
  attach(panel: vscode.WebviewPanel, document: vscode.TextDocument, dialect: Dialect, graph: () => PipelineGraph): DesignerAddOnPanel | undefined;
}

export interface DesignerAddOnPanel extends vscode.Disposable {
  /** Sees every checked message of its tab; true when the message was the add-on's alone. */
  handle(message: WebviewToHost): boolean;
  /** The document was parsed again: the tab is about to get a new graph. */
  graphChanged(): void;
}

export class DesignerProvider implements vscode.CustomTextEditorProvider, vscode.Disposable {
  private readonly sessions = new Map<string, DesignerSession>();
  /** The add-on's part of each open tab. */
  private readonly addOns = new Map<vscode.WebviewPanel, DesignerAddOnPanel>();
  private addOn: DesignerAddOn | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly parsedEmitter = new vscode.EventEmitter<SessionParse>();
  private readonly closedEmitter = new vscode.EventEmitter<vscode.TextDocument>();
  /** Every parse a designer session makes (when it opens and after each change). */
  readonly onDidParse = this.parsedEmitter.event;
  /** The last designer tab on a document closed: its changes are no longer parsed here. */
  readonly onDidCloseSession = this.closedEmitter.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    /** Where dragged node positions are kept per file (workspace state). */
    private readonly positions?: PositionStore,
    /** The lint findings of open pipelines: a badge on their nodes, a list in the inspector. */
    private readonly lint?: LintResults,
    /** How the inspector's fix buttons apply a fix (the light bulb's way: the network when it needs it). */
    private readonly applyFix: LintFixer = applyLintFix,
  ) {
    if (lint) {
      const listening = lint.onDidChange((key) => {
        const message = this.findingsMessage(key);
        if (message) this.sessions.get(key)?.broadcast(message);
      });
      this.subscriptions.push(new vscode.Disposable(() => listening.dispose()));
    }
    this.subscriptions.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0) return;
        this.sessions.get(e.document.uri.toString())?.scheduleUpdate();
        this.recomposeFrom(e.document.uri);
      }),
      // Files a composed graph was read from change on disk too (a git checkout, another editor).
      ...watchYamlFiles((uri) => this.recomposeFrom(uri)),
      vscode.window.onDidChangeTextEditorSelection((e) => this.followTextCursor(e)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('pipewright.designer.columns')) return;
        for (const session of this.sessions.values()) session.broadcast(viewSettings(session.document.uri));
      }),
      this.onDidParse((p) => {
        for (const [panel, addOn] of this.addOns) if (this.panelDocument.get(panel) === p.document) addOn.graphChanged();
      }),
    );
  }

  private readonly panelDocument = new Map<vscode.WebviewPanel, vscode.TextDocument>();

  /** Installs the add-on for tabs opened from now on. */
  setAddOn(addOn: DesignerAddOn): void {
    this.addOn = addOn;
  }

  async resolveCustomTextEditor(
    document: vscode.TextDocument,
    panel: vscode.WebviewPanel,
    _token: vscode.CancellationToken,
  ): Promise<void> {
    const session = await this.sessionFor(document);
    if (!session) {
      panel.webview.html = notAPipelineHtml(vscode.workspace.asRelativePath(document.uri));
      return;
    }
    const distWebview = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
    panel.webview.options = { enableScripts: true, localResourceRoots: [distWebview] };
    const asUri = (...parts: string[]) => panel.webview.asWebviewUri(vscode.Uri.joinPath(distWebview, ...parts)).toString();
    panel.webview.html = designerHtml({
      cspSource: panel.webview.cspSource,
      nonce: makeNonce((n) => new Uint8Array(randomBytes(n))),
      scriptUri: asUri('main.js'),
      styleUri: asUri('main.css'),
      codiconsUri: asUri('codicons', 'codicon.css'),
      title: `Designer: ${vscode.workspace.asRelativePath(document.uri)}`,
    });
    session.attach(panel);
    const addOn = this.addOn?.attach(panel, document, session.dialect, () => session.current());
    if (addOn) {
      this.addOns.set(panel, addOn);
      this.panelDocument.set(panel, document);
    }
    const messages = panel.webview.onDidReceiveMessage((raw) => {
      const check = parseWebviewMessage(raw);
      if (!check.ok) {
        log().warn(`ignored a message from the designer webview: ${check.error}`);
        return;
      }
      void this.handleMessage(session, check.message, (reply) => void panel.webview.postMessage(reply), panel);
    });
    panel.onDidDispose(() => {
      messages.dispose();
      addOn?.dispose();
      this.addOns.delete(panel);
      this.panelDocument.delete(panel);
      session.detach(panel);
      if (session.panelCount === 0) {
        session.dispose();
        this.sessions.delete(document.uri.toString());
        this.closedEmitter.fire(document);
      }
    });
  }

  /** The session for a document; the dialect is decided once, when the first tab opens. */
  private async sessionFor(document: vscode.TextDocument): Promise<DesignerSession | undefined> {
    const key = document.uri.toString();
    const existing = this.sessions.get(key);
    if (existing) return existing;
    const found = recognise(document);
    let dialect: Dialect | undefined = found.dialect;
    if (!dialect) dialect = await askDialect(document);
    if (!dialect) return undefined;
    // Another tab may have opened while the user was choosing.
    const raced = this.sessions.get(key);
    if (raced) return raced;
    log().info(`designer opened ${vscode.workspace.asRelativePath(document.uri)} as ${dialect} (by ${found.by === 'none' ? 'choice' : found.by})`);
    const session = new DesignerSession(
      document,
      dialect,
      () => updateDelayMs(document.uri),
      (s, parsed, version) => this.parsedEmitter.fire({ document: s.document, dialect: s.dialect, version, parsed, shared: s.sharedPlace() }),
    );
    this.sessions.set(key, session);
    return session;
  }

  /** Acts on one checked message; `reply` answers the webview that sent it. */
  private async handleMessage(
    session: DesignerSession,
    message: WebviewToHost,
    reply: (m: HostToWebview) => void,
    from?: vscode.WebviewPanel,
  ): Promise<void> {
    const addOn = from ? this.addOns.get(from) : this.addOnOf(session);
    if (addOn?.handle(message)) return;
    switch (message.type) {
      case 'ready':
        // Positions first, so the first paint already puts nodes where the user left them.
        if (this.positions) reply({ type: 'positions', positions: await this.loadPositions(session) });
        reply(viewSettings(session.document.uri));
        reply(session.documentMessage());
        {
          const findings = this.findingsMessage(session.document.uri.toString());
          if (findings) reply(findings);
        }
        return;
      case 'applyFix': {
        const found = this.lint?.get(session.document.uri.toString());
        const finding = found?.version === message.version ? found.findings[message.index] : undefined;
        if (!found || !finding?.fix) {
          reply({ type: 'editResult', requestId: message.requestId, ok: false, reason: 'the findings changed since this list was shown; try again from the updated list' });
          return;
        }
        const outcome = await this.applyFix(session.document, found.dialect, finding.fix);
        reply({ type: 'editResult', requestId: message.requestId, ok: outcome.ok, ...(outcome.ok ? {} : { reason: outcome.reason, ...(outcome.cancelled ? { cancelled: true } : {}) }) });
        return;
      }
      case 'savePositions':
        await this.positions?.save(session.document.uri.toString(), message.positions);
        // The other tabs on this file follow; the sender already shows them.
        session.broadcast({ type: 'positions', positions: message.positions }, from);
        return;
      case 'edit': {
        const { requestId, baseVersion, operation } = message;
        const outcome = await session.edit({ requestId, baseVersion, operation });
        reply(
          outcome.ok
            ? { type: 'editResult', requestId, ok: true, ...(outcome.reconnected ? { reconnected: outcome.reconnected } : {}) }
            : { type: 'editResult', requestId, ok: false, reason: outcome.reason, ...(outcome.cancelled ? { cancelled: true } : {}) },
        );
        return;
      }
      case 'previewEdit':
        reply({ type: 'editPreview', requestId: message.requestId, ...session.preview(message.operation) });
        return;
      case 'selectNode': {
        const node = session.drawn().nodes.find((n) => n.id === message.nodeId);
        if (!node) {
          // A job another file of the pipeline defines, drawn beside this file's own: its definition.
          const elsewhere = session.definitionElsewhere(message.nodeId);
          const document = elsewhere && (await vscode.workspace.openTextDocument(elsewhere.uri).then((d) => d, () => undefined));
          if (elsewhere && document) await revealOffsets(document, elsewhere.offsets[0], elsewhere.offsets[1]);
          else log().warn(`designer asked to reveal unknown node ${JSON.stringify(message.nodeId)}`);
          return;
        }
        // A node drawn from another file: its definition, in that file.
        const defining = session.definingFile(node);
        const document = defining ? await vscode.workspace.openTextDocument(defining).then((d) => d, () => undefined) : session.document;
        if (!document) {
          log().warn(`cannot open ${defining?.fsPath ?? ''}, where "${node.id}" is defined`);
          return;
        }
        await revealOffsets(document, node.offsets[0], node.offsets[1]);
        return;
      }
      case 'revealPosition':
        await revealPosition(session.document, message.line, message.column);
        return;
      case 'rendered':
        session.rendered = { version: message.version, nodeIds: message.nodeIds, edgeCount: message.edgeCount };
        log().trace(`designer painted v${message.version}: ${message.nodeIds.length} nodes, ${message.edgeCount} edges`);
        return;
      case 'log':
        log()[message.level](`webview: ${message.message}`);
        return;
      case 'chooseRun':
      case 'runWorkflow':
      case 'setProtection':
        log().info(`the designer of ${vscode.workspace.asRelativePath(session.document.uri)} shows no runs: ignored ${message.type}`);
        return;
    }
  }

  /** A tab's add-on for a message that came from no tab (the test API): the document's first. */
  private addOnOf(session: DesignerSession): DesignerAddOnPanel | undefined {
    for (const [panel, addOn] of this.addOns) if (this.panelDocument.get(panel) === session.document) return addOn;
    return undefined;
  }

  /** A document's lint findings as the designer shows them (the fixes stay here: the webview names one by index). */
  private findingsMessage(key: string): HostToWebview | undefined {
    const found = this.lint?.get(key);
    if (!found) return undefined;
    const findings: DesignerFinding[] = found.findings.map((f) => ({
      rule: f.code,
      severity: f.severity,
      message: f.message,
      line: f.range.startLine,
      column: f.range.startColumn,
      ...(f.node !== undefined ? { node: f.node } : {}),
      ...(f.fix ? { fix: f.fix.title } : {}),
    }));
    return { type: 'findings', version: found.version, findings };
  }

  /** The user moved the text cursor in a pipeline open in the designer: select the node under it. */
  private followTextCursor(e: vscode.TextEditorSelectionChangeEvent): void {
    // Only the user's own moves (keys, mouse). Our reveal sets the selection programmatically,
    // and an edit (the designer's, an undo) moves it with the text it changes: echoing either
    // back would take the designer's selection away from the stage being worked on, the more so
    // as the graph used here is still the one from before the edit.
    const byUser = e.kind === vscode.TextEditorSelectionChangeKind.Keyboard || e.kind === vscode.TextEditorSelectionChangeKind.Mouse;
    if (!byUser) return;
    const session = this.sessions.get(e.textEditor.document.uri.toString());
    if (!session) return;
    const node = session.nodeAtLine(e.selections[0].active.line + 1);
    session.broadcast({ type: 'select', nodeIds: node ? [node.id] : [] });
  }

  /** The saved positions of the session's file, without those of nodes that no longer exist. */
  private async loadPositions(session: DesignerSession) {
    const graph = session.current();
    // A graph that does not parse has lost nodes only for the moment: prune nothing then.
    const existing = hasSyntaxErrors(graph) ? undefined : new Set(graph.nodes.map((n) => n.id));
    return this.positions!.load(session.document.uri.toString(), existing);
  }

  /** Tidy Layout: forgets the file's dragged positions; every designer tab on it lays out afresh. */
  async tidyLayout(uri: vscode.Uri): Promise<void> {
    await this.positions?.clear(uri.toString());
    this.sessions.get(uri.toString())?.broadcast({ type: 'positions', positions: {} });
  }

  /** Whether a designer is open on the document (its session parses every change). */
  hasSession(uri: vscode.Uri): boolean {
    return this.sessions.has(uri.toString());
  }

  /** See DesignerSession.settleRecompose: false when no designer is open on `uri`. */
  settleRecompose(uri: vscode.Uri, changed: vscode.Uri): boolean {
    return this.sessions.get(uri.toString())?.settleRecompose(changed) ?? false;
  }

  // --- test API (returned from activate) -------------------------------------------------

  snapshot(uri: vscode.Uri): RenderedSnapshot | undefined {
    return this.sessions.get(uri.toString())?.rendered;
  }

  /**
   * Handles a message as if the designer webview of this document had sent it; resolves, once
   * it is handled, with the replies that webview would have received (an edit's editResult).
   */
  async simulateMessage(uri: vscode.Uri, raw: unknown): Promise<HostToWebview[]> {
    const session = this.sessions.get(uri.toString());
    if (!session) throw new Error(`no designer is open on ${uri.toString()}`);
    const check = parseWebviewMessage(raw);
    if (!check.ok) throw new Error(check.error);
    const replies: HostToWebview[] = [];
    await this.handleMessage(session, check.message, (m) => replies.push(m));
    return replies;
  }

  /** Composed graphs that read `uri` are composed again (after the typing pause, once). */
  private recomposeFrom(uri: vscode.Uri): void {
    for (const session of this.sessions.values()) {
      if (session.composedFrom(uri)) session.scheduleRecompose();
    }
  }

  dispose(): void {
    for (const s of this.sessions.values()) s.dispose();
    this.sessions.clear();
    for (const d of this.subscriptions) d.dispose();
    this.parsedEmitter.dispose();
    this.closedEmitter.dispose();
  }
}

/** The pause after typing before the graph (and the Problems panel) follows: a user setting. */
/** The designer settings the webview applies itself (`pipewright.designer.columns`). */
export function viewSettings(uri: vscode.Uri): HostToWebview {
  const columns = vscode.workspace.getConfiguration('pipewright', uri).get<string>('designer.columns', 'needs');
  return { type: 'viewSettings', columns: (COLUMN_RULES as readonly string[]).includes(columns) ? (columns as ColumnRule) : 'needs' };
}

export function updateDelayMs(uri: vscode.Uri): number {
  return vscode.workspace.getConfiguration('pipewright', uri).get<number>('designer.updateDelay', 150);
}

function notAPipelineHtml(name: string): string {
  const safe = name.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!DOCTYPE html><html><head><meta charset="UTF-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'"></head>
<body>
<p>${safe} was not opened in the designer: no pipeline dialect was chosen.</p>
<p>Close this tab and reopen the file with “Pipewright: Open in Designer” to choose GitHub Actions, GitLab CI or Azure Pipelines, or add a pattern to the <code>pipewright.filePatterns</code> setting.</p>
</body></html>`;
}

// Publishes the problems of every open pipeline file to VS Code's Problems panel (and so to the
// status bar's counts and the editor's squiggles), with or without the designer. Parsing is left
// to ProblemTracker's timing and shared with the designer's sessions through SharedParses. A
// file of a pipeline split over files is judged as part of it (pipelineContext.ts), and judged
// again when another of its files changes.
import * as vscode from 'vscode';
import { hasSyntaxErrors } from '../../core/model';
import { engine } from '../engine/load';
import type { SchemaValidators } from '../../core/rules/rule';
import type { LintResults } from '../lint/lintResults';
import { loadSchemaValidators } from '../lint/schemaLoader';
import type { LintSettings } from '../lint/lintSettings';
import { log } from '../log';
import { FILE_PATTERNS_SETTING, recognise } from '../pipelineFiles';
import type { SessionParse } from '../designer/provider';
import type { ProblemPublisher } from './problemPublisher';
import { PipelineContexts } from './pipelineContext';
import { ProblemTracker, type ParsedVersion } from './problemTracker';
import { watchYamlFiles } from '../watchYamlFiles';

/** The producer name of the graph's own problems. */
export const GRAPH_PRODUCER = 'graph';
/** The producer name of the lint rules' findings, published beside the graph's problems. */
export const LINT_PRODUCER = 'lint';
/** The producer name of the schema rule's findings: published after a pause, on their own. */
export const SCHEMA_PRODUCER = 'schema';

/**
 * The pause after the last parse before the file is checked against its schema. The other rules
 * run on every parse (a fraction of its time); the schema check converts the whole file and,
 * the first time per dialect, loads and compiles a schema (Azure's 1.6 MB, seconds), so it waits
 * until typing stops. Its findings stay in Problems meanwhile (VS Code moves them with the text).
 */
const SCHEMA_PAUSE_MS = 1500;
const SCHEMA_ONLY: ReadonlySet<string> = new Set(['schema']);

/** Where lint findings come from and go: the configuration per document, and the store the light bulb and designer read. */
export interface LintWiring {
  settings: LintSettings;
  results: LintResults;
}

/** What the designer offers: its sessions' parses, and whether one exists for a document. */
export interface SharedParses {
  readonly onDidParse: vscode.Event<SessionParse>;
  readonly onDidCloseSession: vscode.Event<vscode.TextDocument>;
  hasSession(uri: vscode.Uri): boolean;
  /**
   * A file the document's pipeline was composed from changed: true when the document's designer
   * composed it again, or does now, and passed where the document lies on (onDidParse).
   */
  settleRecompose(uri: vscode.Uri, changed: vscode.Uri): boolean;
}

// Documents VS Code opens for views of other versions of a file (the left side of a diff, the
// SCM view, output): their problems would only repeat those of the file itself.
const IGNORED_SCHEMES = new Set(['git', 'gitfs', 'output', 'vscode-scm', 'review']);

export function publishPipelineProblems(
  designer: SharedParses,
  publisher: ProblemPublisher,
  updateDelayMs: (uri: vscode.Uri) => number,
  lint: LintWiring,
): vscode.Disposable {
  const documents = new Map<string, vscode.TextDocument>();
  // The last published parse per document, so findings follow a configuration change at once.
  const lastParsed = new Map<string, ParsedVersion>();
  const schemaTimers = new Map<string, NodeJS.Timeout>();
  const checkSchemaLater = (key: string, parsed: ParsedVersion) => {
    clearTimeout(schemaTimers.get(key));
    const src = parsed.src;
    if (!src || hasSyntaxErrors(parsed.graph)) {
      schemaTimers.delete(key);
      return;
    }
    schemaTimers.set(key, setTimeout(guarded(() => {
      schemaTimers.delete(key);
      void loadSchemaValidators().then(guarded((schema: SchemaValidators | undefined) => {
        const document = documents.get(key);
        // A newer parse has its own timer; a closed document has no problems.
        if (!schema || !document || lastParsed.get(key) !== parsed) return;
        const findings = engine().lintPipeline({ text: parsed.text, src, graph: parsed.graph }, lint.settings.configFor(document.uri), { schema, only: SCHEMA_ONLY });
        publisher.publish(document.uri, { [SCHEMA_PRODUCER]: findings }, parsed.version);
        // The designer's badges and the inspector read the document's findings: these join the
        // other rules' findings of the same parse.
        const others = lint.results.get(key);
        if (others && others.version === parsed.version) {
          lint.results.set(key, { ...others, findings: [...others.findings.filter((f) => f.code !== 'schema'), ...findings] });
        }
      }), (e: unknown) => log().error(`loading the schema check failed: ${e instanceof Error ? e.message : String(e)}`));
    }), SCHEMA_PAUSE_MS));
  };
  const publish = (key: string, parsed: ParsedVersion) => {
    const document = documentOf(key);
    lastParsed.set(key, parsed);
    clearTimeout(recheckTimers.get(key));
    recheckTimers.delete(key);
    // A job or stage another file of the pipeline defines is no problem here, and a rule's
    // finding stands only when the whole pipeline confirms it (pipelineContext.ts).
    // The designer session composed it for this very parse: judged there, not composed again.
    const place = parsed.shared ? contexts.adopt(key, parsed.shared) : contexts.placeOf(key, document, parsed);
    const problems = place ? engine().problemsOfFile(parsed.graph, place.pipeline, place.path) : parsed.graph.problems;
    const graphFindings = engine().graphFindings({ ...parsed.graph, problems }, parsed.text);
    // Rules on a graph built from a broken tree would be guesses: the syntax error comes first.
    const findings = parsed.src && !hasSyntaxErrors(parsed.graph)
      ? engine().lintInPipeline(
          { text: parsed.text, src: parsed.src, graph: parsed.graph },
          place?.pipeline,
          lint.settings.configFor(document.uri),
          // The platform's word on environment approvals: GitHub's, when signed in (GitLab's and Azure's are judged from the file).
          parsed.graph.dialect === 'github' && lint.settings.environmentProtection ? { environmentProtection: lint.settings.environmentProtection } : {},
        )
      : [];
    publisher.publish(document.uri, { [GRAPH_PRODUCER]: graphFindings, [LINT_PRODUCER]: findings }, parsed.version);
    lint.results.set(key, { version: parsed.version, dialect: parsed.graph.dialect, findings });
    checkSchemaLater(key, parsed);
  };
  // Another file of a document's pipeline changed (typed in, or on disk): its problems are judged
  // again after the typing pause, with the parse it has.
  const contexts = new PipelineContexts();
  const recheckTimers = new Map<string, NodeJS.Timeout>();
  const recheckReadersOf = (uri: vscode.Uri) => {
    for (const key of contexts.readFrom(uri)) {
      const document = documents.get(key);
      if (!document || !lastParsed.has(key)) continue;
      clearTimeout(recheckTimers.get(key));
      recheckTimers.set(key, setTimeout(guarded(() => {
        recheckTimers.delete(key);
        // The designer composes the pipeline again itself: its composition is published with it.
        if (designer.settleRecompose(document.uri, uri)) return;
        const parsed = lastParsed.get(key);
        // Composed again: what the designer composed for this parse is out of date now.
        if (parsed && documents.has(key)) publish(key, { ...parsed, shared: undefined });
      }), updateDelayMs(document.uri)));
    }
  };
  const documentOf = (key: string): vscode.TextDocument => {
    const d = documents.get(key);
    if (!d) throw new Error(`Pipewright problems: ${key} is not tracked`);
    return d;
  };
  const tracker = new ProblemTracker({
    parse: (key, dialect) => {
      const document = documentOf(key);
      const parsed = engine().parsePipelineFully(document.getText(), { dialect, fileName: document.uri.path });
      return { version: document.version, text: parsed.text, graph: parsed.graph, src: parsed.src };
    },
    version: (key) => documentOf(key).version,
    hasSession: (key) => designer.hasSession(documentOf(key).uri),
    publish,
    clear: (key) => {
      const document = documents.get(key);
      if (document) publisher.clear(document.uri);
      lastParsed.delete(key);
      clearTimeout(schemaTimers.get(key));
      schemaTimers.delete(key);
      clearTimeout(recheckTimers.get(key));
      recheckTimers.delete(key);
      contexts.forget(key);
      lint.results.delete(key);
    },
    delayMs: (key) => updateDelayMs(documentOf(key).uri),
    setTimer: (run, ms) => setTimeout(guarded(run), ms),
    clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
  });

  /** Tracks the document when it is a pipeline; forgets it (and its problems) when not. */
  const consider = (document: vscode.TextDocument) => {
    if (IGNORED_SCHEMES.has(document.uri.scheme)) return;
    const key = document.uri.toString();
    const { dialect } = recognise(document);
    if (dialect) {
      documents.set(key, document);
      tracker.track(key, dialect);
    } else if (tracker.isTracked(key) && !designer.hasSession(document.uri)) {
      // No longer matches a pattern (settings changed). A file the user chose a dialect for in
      // the designer stays tracked while the designer is open.
      tracker.untrack(key);
      documents.delete(key);
    }
  };

  const subscriptions = [
    vscode.workspace.onDidOpenTextDocument(guarded(consider)),
    vscode.workspace.onDidChangeTextDocument(
      guarded((e: vscode.TextDocumentChangeEvent) => {
        if (e.contentChanges.length === 0) return;
        tracker.changed(e.document.uri.toString());
        recheckReadersOf(e.document.uri);
      }),
    ),
    ...watchYamlFiles(guarded(recheckReadersOf)),
    // A file recognised by its content may only become a pipeline once written.
    vscode.workspace.onDidSaveTextDocument(guarded(consider)),
    vscode.workspace.onDidCloseTextDocument(
      guarded((document: vscode.TextDocument) => {
        const key = document.uri.toString();
        tracker.untrack(key);
        documents.delete(key);
      }),
    ),
    vscode.workspace.onDidChangeConfiguration(
      guarded((e: vscode.ConfigurationChangeEvent) => {
        if (e.affectsConfiguration(`pipewright.${FILE_PATTERNS_SETTING}`)) vscode.workspace.textDocuments.forEach(consider);
      }),
    ),
    designer.onDidParse(
      guarded((p: SessionParse) => {
        const key = p.document.uri.toString();
        documents.set(key, p.document);
        tracker.sessionParsed(key, p.dialect, { version: p.version, text: p.parsed.text, graph: p.parsed.graph, src: p.parsed.src, ...(p.shared ? { shared: p.shared } : {}) });
      }),
    ),
    designer.onDidCloseSession(guarded((document: vscode.TextDocument) => tracker.sessionClosed(document.uri.toString()))),
    lint.settings.onDidChange(guarded(() => {
      for (const [key, parsed] of lastParsed) if (documents.has(key)) publish(key, parsed);
    })),
  ];
  vscode.workspace.textDocuments.forEach(guarded(consider));

  return new vscode.Disposable(() => {
    for (const s of subscriptions) s.dispose();
    tracker.dispose();
    for (const t of schemaTimers.values()) clearTimeout(t);
    for (const t of recheckTimers.values()) clearTimeout(t);
  });
}

/** Problems are a side show: a failure here is logged, never thrown into VS Code's event loop. */
function guarded<A extends unknown[]>(f: (...args: A) => void): (...args: A) => void {
  return (...args) => {
    try {
      f(...args);
    } catch (e) {
      log().error(`publishing problems failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
  };
}

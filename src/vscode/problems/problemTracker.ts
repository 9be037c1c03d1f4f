// When to parse an open pipeline document for its problems, so that VS Code's Problems panel is
// right without the designer and costs nothing extra with it. A document with a designer session
// is parsed by the session (one parse per change, shared); any other tracked document is parsed
// here, once when it opens and then after the user pauses typing.
// No `vscode` import: documents are keys, and everything VS Code does is passed in.
import type { Dialect, PipelineGraph } from '../../core/model';
import type { FilePlace } from '../../core/rules/lintText';
import type { YamlSource } from '../../core/yaml/source';

export interface ParsedVersion {
  version: number;
  /** The text the graph was built from (findings are positioned in it). */
  text: string;
  graph: PipelineGraph;
  /** The YAML the graph was built from, which the lint rules read (no second parse). */
  src?: YamlSource;
  /**
   * Where the file lies in its pipeline, when the designer session that made this parse composed
   * it for the same text (GitLab): the Problems panel judges it there instead of composing again.
   */
  shared?: SharedPlace;
}

export interface SharedPlace {
  place: FilePlace;
  /** What the composition read and listed (a change to any of them checks the file again). */
  project: { root: string; read: ReadonlySet<string>; listed: ReadonlySet<string> };
}

export interface ProblemTrackerHost {
  /** Parses the document's current text as `dialect`. */
  parse(key: string, dialect: Dialect): ParsedVersion;
  /** The document's current version. */
  version(key: string): number;
  /** Whether a designer session parses this document (then its parses are shared). */
  hasSession(key: string): boolean;
  publish(key: string, parsed: ParsedVersion): void;
  clear(key: string): void;
  /** The pause after typing before a parse (the designer's update delay). */
  delayMs(key: string): number;
  setTimer(run: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

interface Tracked {
  dialect: Dialect;
  /** The version whose problems are published; undefined before the first. */
  published?: number;
  pending?: unknown;
}

export class ProblemTracker {
  private readonly tracked = new Map<string, Tracked>();

  constructor(private readonly host: ProblemTrackerHost) {}

  isTracked(key: string): boolean {
    return this.tracked.has(key);
  }

  /** A pipeline document opened (or was recognised as one): its problems now, unless a session has them. */
  track(key: string, dialect: Dialect): void {
    const existing = this.tracked.get(key);
    if (existing && existing.dialect === dialect) return;
    if (existing) this.cancel(existing);
    this.tracked.set(key, { dialect });
    if (!this.host.hasSession(key)) this.parseNow(key);
  }

  /** The document's text changed. */
  changed(key: string): void {
    const entry = this.tracked.get(key);
    // The session parses every change itself and passes its graph on (sessionParsed).
    if (!entry || this.host.hasSession(key)) return;
    this.cancel(entry);
    entry.pending = this.host.setTimer(() => {
      entry.pending = undefined;
      this.parseNow(key);
    }, this.host.delayMs(key));
  }

  /** A designer session parsed the document: publish its graph instead of parsing again. */
  sessionParsed(key: string, dialect: Dialect, parsed: ParsedVersion): void {
    let entry = this.tracked.get(key);
    if (!entry) {
      // A file recognised only because the user chose its dialect in the designer.
      entry = { dialect };
      this.tracked.set(key, entry);
    }
    entry.dialect = dialect;
    this.cancel(entry);
    entry.published = parsed.version;
    this.host.publish(key, parsed);
  }

  /** The last designer on the document closed; a change it had not parsed yet is parsed here. */
  sessionClosed(key: string): void {
    const entry = this.tracked.get(key);
    if (!entry || entry.published === this.host.version(key)) return;
    this.parseNow(key);
  }

  /** The document closed or is no longer a pipeline: its problems go. */
  untrack(key: string): void {
    const entry = this.tracked.get(key);
    if (!entry) return;
    this.cancel(entry);
    this.tracked.delete(key);
    this.host.clear(key);
  }

  dispose(): void {
    for (const entry of this.tracked.values()) this.cancel(entry);
    this.tracked.clear();
  }

  private parseNow(key: string): void {
    const entry = this.tracked.get(key);
    if (!entry) return;
    this.cancel(entry);
    if (entry.published === this.host.version(key)) return;
    const parsed = this.host.parse(key, entry.dialect);
    entry.published = parsed.version;
    this.host.publish(key, parsed);
  }

  private cancel(entry: Tracked): void {
    if (entry.pending === undefined) return;
    this.host.clearTimer(entry.pending);
    entry.pending = undefined;
  }
}

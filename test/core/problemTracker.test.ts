// When the Problems panel's parses happen (src/vscode/problems/problemTracker.ts has no `vscode`
// import): once on open, once per pause in typing, never beside a designer session's own parse,
// and again after the session closes when it had not caught up.
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import type { Dialect, PipelineGraph } from '../../src/core/model';
import { ProblemTracker, type ParsedVersion, type ProblemTrackerHost } from '../../src/vscode/problems/problemTracker';

const graph = (dialect: Dialect): PipelineGraph => ({ dialect, nodes: [], edges: [], lanes: [], problems: [], fileMarks: [] });

/** Documents with versions, a session flag and timers run by hand; records parses and publishes. */
class FakeHost implements ProblemTrackerHost {
  versions = new Map<string, number>();
  sessions = new Set<string>();
  parses: string[] = [];
  published: string[] = [];
  cleared: string[] = [];
  timers = new Map<number, { run: () => void; ms: number }>();
  private nextTimer = 1;

  open(key: string, version = 1): void {
    this.versions.set(key, version);
  }
  type(key: string): void {
    this.versions.set(key, this.versions.get(key)! + 1);
  }
  parse(key: string, dialect: Dialect): ParsedVersion {
    this.parses.push(`${key}@${this.version(key)} as ${dialect}`);
    return { version: this.version(key), text: '', graph: graph(dialect) };
  }
  version(key: string): number {
    return this.versions.get(key)!;
  }
  hasSession(key: string): boolean {
    return this.sessions.has(key);
  }
  shared: (ParsedVersion['shared'] | undefined)[] = [];
  publish(key: string, parsed: ParsedVersion): void {
    this.published.push(`${key}@${parsed.version}`);
    this.shared.push(parsed.shared);
  }
  clear(key: string): void {
    this.cleared.push(key);
  }
  delayMs(): number {
    return 150;
  }
  setTimer(run: () => void, ms: number): unknown {
    const id = this.nextTimer++;
    this.timers.set(id, { run, ms });
    return id;
  }
  clearTimer(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  /** Runs the timers due now (all of them: every delay here is the same). */
  elapse(): void {
    const due = [...this.timers.entries()];
    this.timers.clear();
    for (const [, t] of due) t.run();
  }
}

describe('ProblemTracker', () => {
  let host: FakeHost;
  let tracker: ProblemTracker;

  beforeEach(() => {
    host = new FakeHost();
    tracker = new ProblemTracker(host);
  });

  /** a.yml opens with a designer session, which parses version 1; then the user types. */
  function openWithSessionAndType(): void {
    host.open('a.yml');
    host.sessions.add('a.yml');
    tracker.track('a.yml', 'github');
    tracker.sessionParsed('a.yml', 'github', { version: 1, text: '', graph: graph('github') });
    host.type('a.yml');
    tracker.changed('a.yml');
  }

  it('parses a pipeline once when it opens, and once after a burst of typing', () => {
    host.open('a.yml');
    tracker.track('a.yml', 'github');
    assert.deepEqual(host.parses, ['a.yml@1 as github']);
    for (let i = 0; i < 5; i++) {
      host.type('a.yml');
      tracker.changed('a.yml');
    }
    assert.equal(host.timers.size, 1, 'each keystroke replaces the pending parse');
    assert.equal([...host.timers.values()][0].ms, 150);
    host.elapse();
    assert.deepEqual(host.parses, ['a.yml@1 as github', 'a.yml@6 as github']);
    assert.deepEqual(host.published, ['a.yml@1', 'a.yml@6']);
  });

  it('a session\'s parse is published with the pipeline place it composed for it, as it came', () => {
    host.open('a.yml');
    host.sessions.add('a.yml');
    tracker.track('a.yml', 'gitlab');
    const shared = { place: { pipeline: undefined, path: 'a.yml' }, project: { root: '/repo', read: new Set(['.gitlab-ci.yml']), listed: new Set<string>() } };
    tracker.sessionParsed('a.yml', 'gitlab', { version: 1, text: '', graph: graph('gitlab'), shared });
    assert.equal(host.shared.at(-1), shared);
    assert.deepEqual(host.parses, []);
  });

  it('with a designer session, publishes the session\'s parses and never parses itself', () => {
    openWithSessionAndType();
    assert.equal(host.timers.size, 0);
    tracker.sessionParsed('a.yml', 'github', { version: 2, text: '', graph: graph('github') });
    assert.deepEqual(host.parses, []);
    assert.deepEqual(host.published, ['a.yml@1', 'a.yml@2']);
  });

  it('a session opening while a parse is pending takes over: the pending parse is dropped', () => {
    host.open('a.yml');
    tracker.track('a.yml', 'github');
    host.type('a.yml');
    tracker.changed('a.yml');
    host.sessions.add('a.yml');
    tracker.sessionParsed('a.yml', 'github', { version: 2, text: '', graph: graph('github') });
    assert.equal(host.timers.size, 0);
    assert.deepEqual(host.parses, ['a.yml@1 as github']);
  });

  it('when the session closes before it parsed the last change, that change is parsed here', () => {
    openWithSessionAndType();
    host.sessions.delete('a.yml');
    tracker.sessionClosed('a.yml');
    assert.deepEqual(host.parses, ['a.yml@2 as github']);
    // Up to date: closing another session on it parses nothing more.
    tracker.sessionClosed('a.yml');
    assert.equal(host.parses.length, 1);
  });

  it('a file the user gave a dialect in the designer is tracked from the session\'s parse on', () => {
    host.open('odd.yml');
    tracker.sessionParsed('odd.yml', 'gitlab', { version: 1, text: '', graph: graph('gitlab') });
    assert.ok(tracker.isTracked('odd.yml'));
    host.type('odd.yml');
    tracker.changed('odd.yml');
    host.elapse();
    assert.deepEqual(host.parses, ['odd.yml@2 as gitlab']);
  });

  it('closing the file drops its pending parse and clears its problems', () => {
    host.open('a.yml');
    tracker.track('a.yml', 'azure');
    host.type('a.yml');
    tracker.changed('a.yml');
    tracker.untrack('a.yml');
    assert.equal(host.timers.size, 0);
    assert.deepEqual(host.cleared, ['a.yml']);
    tracker.changed('a.yml');
    assert.equal(host.timers.size, 0, 'an untracked file is not parsed');
  });

  it('tracking again with another dialect (a pattern setting changed) re-parses; the same dialect does not', () => {
    host.open('ci.yml');
    tracker.track('ci.yml', 'github');
    tracker.track('ci.yml', 'github');
    tracker.track('ci.yml', 'gitlab');
    assert.deepEqual(host.parses, ['ci.yml@1 as github', 'ci.yml@1 as gitlab']);
  });
});

// Every GitHub workflow in the shared corpus through the edit planner: for each file, the
// operations that apply to it (rename a job, add and remove a dependency, add a template between
// two jobs, delete a leaf job, set an environment, set a gate). Each must either succeed with a
// diff confined to the lines of the jobs it concerns, or refuse with a reason. The tally of
// successes and refusals (by reason) is printed as a test diagnostic.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import type { GraphNode, PipelineGraph } from '../../src/core/model';
import { hasSyntaxErrors } from '../../src/core/model';
import type { EditOperation } from '../../src/core/edit/operations';
import { planOperation } from '../../src/core/edit/plan';
import { needsExpressionLines } from '../../src/core/edit/dialects/github/expressions';
import { parsePipeline } from '../../src/core/parse';
import { parseYamlSource } from '../../src/core/yaml/source';
import { corpusAvailable, corpusEntries, corpusSkipReason } from '../helpers/corpus';
import { diffLines, splitLines } from '../helpers/lineDiff';

interface Case {
  label: string;
  op: EditOperation;
  /** Jobs whose lines the edit may change (before the edit), plus whether lines may be inserted after them. */
  touches: string[];
}

const editable = (n: GraphNode) => n.marks.length === 0;

function casesFor(graph: PipelineGraph, text: string): Case[] {
  const jobs = graph.nodes;
  const cases: Case[] = [];
  const dependants = (id: string) => graph.edges.filter((e) => e.from === id && !e.unresolved).map((e) => e.to);
  const first = jobs.find(editable);
  if (first) {
    // A rename is a refactoring: the jobs whose expressions read `needs.<id>` change too.
    const readers = needsExpressionLines(parseYamlSource(text), first.id)
      .map((line) => jobs.find((n) => n.range.startLine <= line && line <= n.range.endLine)?.id)
      .filter((id): id is string => id !== undefined);
    cases.push({ label: 'rename a job', op: { op: 'renameStage', stage: first.id, newId: `${first.id}-renamed` }, touches: [first.id, ...dependants(first.id), ...readers] });
    cases.push({ label: 'set an environment', op: { op: 'setProperty', stage: first.id, property: 'environment', value: { name: 'staging', url: 'https://staging.example.com' } }, touches: [first.id] });
    cases.push({ label: 'set a manual gate', op: { op: 'setProperty', stage: first.id, property: 'gate', value: { kind: 'manual' } }, touches: [first.id] });
    cases.push({ label: 'set a timeout', op: { op: 'setProperty', stage: first.id, property: 'timeout', value: 25 }, touches: [first.id] });
  }
  // A dependency between two jobs that are not yet connected either way.
  const connected = (a: string, b: string) => graph.edges.some((e) => (e.from === a && e.to === b) || (e.from === b && e.to === a));
  const target = jobs.slice().reverse().find((n) => editable(n) && jobs.some((d) => d.id !== n.id && !connected(d.id, n.id)));
  if (target) {
    const dependency = jobs.find((d) => d.id !== target.id && !connected(d.id, target.id))!;
    cases.push({ label: 'add a dependency', op: { op: 'addDependency', stage: target.id, dependsOn: dependency.id }, touches: [target.id] });
  }
  const edge = graph.edges.find((e) => !e.implicit && !e.unresolved && jobs.some((n) => n.id === e.to && editable(n)));
  if (edge) {
    cases.push({ label: 'remove a dependency', op: { op: 'removeDependency', stage: edge.to, dependsOn: edge.from }, touches: [edge.to] });
    cases.push({
      label: 'add a stage between two jobs',
      op: { op: 'addStage', template: 'verify-health', id: 'pipewright-verify', after: edge.from, before: edge.to },
      touches: [edge.from, edge.to],
    });
  }
  const last = jobs[jobs.length - 1];
  if (last) cases.push({ label: 'add a stage at the end', op: { op: 'addStage', template: 'notify', id: 'pipewright-notify' }, touches: [last.id] });
  const leaf = jobs.slice().reverse().find((n) => editable(n) && dependants(n.id).length === 0);
  // A leaf: nothing names it, so only its own lines go.
  if (leaf && jobs.length > 1) cases.push({ label: 'delete a leaf job', op: { op: 'deleteStage', stage: leaf.id }, touches: [leaf.id] });
  return cases;
}

/** A blank or comment-only line (with or without its line break). */
function isQuiet(line: string | undefined): boolean {
  return /^[ \t]*(#[^\n]*)?\r?\n?$/.test(line ?? '');
}

/** Lines (1-based, of the old text) the edit may change: the touched jobs' spans and the blank or comment lines around them. */
function allowedLines(graph: PipelineGraph, lines: string[], touches: string[]): (line: number) => boolean {
  const spans = graph.nodes.filter((n) => touches.includes(n.id)).map((n) => n.range);
  const quiet = (line: number) => isQuiet(lines[line - 1]);
  return (line) => spans.some((s) => line >= s.startLine && line <= s.endLine) || quiet(line);
}

function insertAllowed(graph: PipelineGraph, lines: string[], touches: string[], before: number): boolean {
  // An insertion before old line `before` (1-based): right after a touched job, past blank lines.
  return graph.nodes
    .filter((n) => touches.includes(n.id))
    .some((n) => {
      if (before >= n.range.startLine && before <= n.range.endLine + 1) return true;
      for (let l = n.range.endLine + 1; l < before; l++) if (!isQuiet(lines[l - 1])) return false;
      return before > n.range.endLine;
    });
}

describe('GitHub corpus edits', { skip: corpusAvailable() ? false : corpusSkipReason }, () => {
  test('every applicable operation succeeds within its lines or refuses with a reason', (t) => {
    const entries = corpusEntries().filter((e) => e.dialect === 'github');
    assert.ok(entries.length > 0, 'the corpus has GitHub files');
    const tally = new Map<string, number>();
    const count = (key: string) => tally.set(key, (tally.get(key) ?? 0) + 1);
    let succeeded = 0;
    let refusedCount = 0;
    for (const entry of entries) {
      const text = readFileSync(entry.absolutePath, 'utf8');
      const graph = parsePipeline(text, { dialect: 'github' });
      if (hasSyntaxErrors(graph) || graph.nodes.length === 0) continue;
      const lines = splitLines(text);
      for (const c of casesFor(graph, text)) {
        const where = `${entry.file}: ${c.label} ${JSON.stringify(c.op)}`;
        const r = planOperation(text, c.op, { dialect: 'github' });
        if (!r.ok) {
          assert.match(r.reason, /^can't edit this visually: \S/, where);
          refusedCount++;
          count(`${c.label} refused: ${r.reason.replace(/"[^"]*"/g, '"…"').replace(/line[s]? [\d, ]+/g, 'line N').slice(0, 160)}`);
          continue;
        }
        succeeded++;
        count(`${c.label} succeeded`);
        const allowed = allowedLines(graph, lines, c.touches);
        for (const h of diffLines(text, r.text)) {
          if (h.oldStart === h.oldEnd) {
            assert.ok(insertAllowed(graph, lines, c.touches, h.oldStart + 1), `${where}: lines inserted before line ${h.oldStart + 1}, away from ${c.touches.join(', ')}`);
            continue;
          }
          for (let l = h.oldStart + 1; l <= h.oldEnd; l++) {
            // A file without a final line break keeps none: the line left last loses its own.
            const lostOnlyItsBreak = !/\n$/.test(text) && r.text.endsWith(`\n${lines[l - 1].replace(/\r?\n$/, '')}`);
            if (lostOnlyItsBreak) continue;
            assert.ok(allowed(l), `${where}: line ${l} changed, outside ${c.touches.join(', ')}: ${JSON.stringify(lines[l - 1])}`);
          }
        }
      }
    }
    t.diagnostic(`GitHub corpus: ${succeeded} edits succeeded, ${refusedCount} refused`);
    for (const [key, n] of [...tally].sort((a, b) => b[1] - a[1])) t.diagnostic(`${n} × ${key}`);
    assert.ok(succeeded > 0);
  });
});

// Every GitLab file of the shared corpus through the GitLab planner: for the first editable jobs
// of each file, every operation (and a rotating share of the templates) either succeeds within
// its own lines or is refused up front with a reason. A refusal that comes from the engine's
// after-the-fact verification means the planner wrote something it did not mean: that fails.
// Success and refusal counts are printed per operation, with the most common reasons.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, describe, test } from 'node:test';
import type { EditOperation } from '../../src/core/edit/operations';
import { planOperation } from '../../src/core/edit/plan';
import { hasSyntaxErrors, type PipelineGraph } from '../../src/core/model';
import { parsePipeline } from '../../src/core/parse';
import { TEMPLATES } from '../../src/core/templates/catalog';
import { corpusAvailable, corpusEntries, corpusSkipReason } from '../helpers/corpus';
import { editScopeProblems } from '../helpers/editScope';

const JOBS_PER_FILE = 2;
const TEMPLATES_PER_FILE = 5;

interface Tally {
  ok: number;
  refused: number;
  reasons: Map<string, number>;
}
const tallies = new Map<string, Tally>();

function operationsFor(graph: PipelineGraph, fileIndex: number): EditOperation[] {
  const ops: EditOperation[] = [];
  const laneOf = (id: string) => graph.lanes.findIndex((l) => l.id === graph.nodes.find((n) => n.id === id)?.stage);
  for (const job of graph.nodes.filter((n) => n.marks.length === 0).slice(0, JOBS_PER_FILE)) {
    ops.push({ op: 'renameStage', stage: job.id, newId: `${job.id}_renamed` });
    ops.push({ op: 'deleteStage', stage: job.id });
    const incoming = graph.edges.find((e) => e.to === job.id && !e.unresolved);
    if (incoming) ops.push({ op: 'removeDependency', stage: job.id, dependsOn: incoming.from });
    const candidate = graph.nodes.find((o) => o.id !== job.id && laneOf(o.id) <= laneOf(job.id) && !graph.edges.some((e) => e.from === o.id && e.to === job.id));
    if (candidate) ops.push({ op: 'addDependency', stage: job.id, dependsOn: candidate.id });
    const previous = graph.lanes[laneOf(job.id) - 1];
    if (previous) ops.push({ op: 'moveToStage', stage: job.id, to: previous.id });
    ops.push({ op: 'moveToStage', stage: job.id, to: 'pw-new-stage' });
    ops.push({ op: 'setProperty', stage: job.id, property: 'runner', value: 'alpine:3.20' });
    ops.push({ op: 'setProperty', stage: job.id, property: 'environment', value: { name: 'qa', url: 'https://qa.example.com' } });
    ops.push({ op: 'setProperty', stage: job.id, property: 'gate', value: fileIndex % 2 === 0 ? { kind: 'manual' } : { kind: 'delayed', after: '30 minutes' } });
    ops.push({ op: 'setProperty', stage: job.id, property: 'gate', value: null });
    ops.push({ op: 'setProperty', stage: job.id, property: 'condition', value: '$CI_COMMIT_BRANCH == "main"' });
    ops.push({ op: 'setProperty', stage: job.id, property: 'timeout', value: 45 });
  }
  const edge = graph.edges.find((e) => !e.unresolved && graph.nodes.find((n) => n.id === e.to)?.marks.length === 0);
  for (let i = 0; i < TEMPLATES_PER_FILE; i++) {
    const template = TEMPLATES[(fileIndex * TEMPLATES_PER_FILE + i) % TEMPLATES.length];
    const between = edge && i % 2 === 0 ? { after: edge.from, before: edge.to } : {};
    ops.push({ op: 'addStage', template: template.name, id: `pw-${template.name}`, ...between });
  }
  return ops;
}

function record(op: EditOperation, reason?: string): void {
  const key = op.op === 'setProperty' ? `setProperty ${op.property}` : op.op;
  let t = tallies.get(key);
  if (!t) tallies.set(key, (t = { ok: 0, refused: 0, reasons: new Map() }));
  if (reason === undefined) {
    t.ok++;
    return;
  }
  t.refused++;
  const general = reason.replace(/"[^"]*"/g, '"…"').replace(/line \d+/g, 'line N').slice(0, 160);
  t.reasons.set(general, (t.reasons.get(general) ?? 0) + 1);
}

if (!corpusAvailable()) {
  test('GitLab edits on corpus files', { skip: corpusSkipReason }, () => {});
} else {
  describe('GitLab edits on corpus files', () => {
    const entries = corpusEntries().filter((e) => e.dialect === 'gitlab');
    entries.forEach((entry, fileIndex) => {
      test(entry.file, () => {
        const text = readFileSync(entry.absolutePath, 'utf8');
        const graph = parsePipeline(text, { dialect: 'gitlab' });
        if (hasSyntaxErrors(graph)) return; // nothing to edit in a file that does not parse
        const problems: string[] = [];
        for (const op of operationsFor(graph, fileIndex)) {
          const r = planOperation(text, op, { dialect: 'gitlab' });
          record(op, r.ok ? undefined : r.reason);
          if (!r.ok) {
            if (/would not do what was asked/.test(r.reason)) problems.push(`${JSON.stringify(op)}: ${r.reason}`);
            continue;
          }
          for (const p of editScopeProblems(text, r.text, graph, op)) problems.push(`${JSON.stringify(op)}: ${p}`);
        }
        assert.deepEqual(problems, []);
      });
    });
    after(() => {
      const lines = ['GitLab planner on the corpus (operation: succeeded / refused, then the commonest reasons):'];
      for (const [key, t] of [...tallies].sort()) {
        lines.push(`  ${key}: ${t.ok} / ${t.refused}`);
        for (const [reason, n] of [...t.reasons].sort((a, b) => b[1] - a[1]).slice(0, 4)) lines.push(`      ${n} × ${reason}`);
      }
      console.log(lines.join('\n'));
    });
  });
}

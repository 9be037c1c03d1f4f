// Every Azure file of the shared corpus through the Azure planner: every node gets every
// operation that applies to it (stage and job level), every template is added once per file.
// Each either succeeds while changing only the lines it may change, or is refused. A refusal
// from the engine's after-the-fact verification ("would not do what was asked") means the
// planner wrote something it did not mean, and fails the test. Counts and the commonest reasons
// are printed per operation.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, describe, test } from 'node:test';
import type { EditOperation } from '../../src/core/edit/operations';
import { planOperation } from '../../src/core/edit/plan';
import type { PipelineGraph } from '../../src/core/model';
import { parsePipeline } from '../../src/core/parse';
import { TEMPLATES } from '../../src/core/templates/catalog';
import { corpusAvailable, corpusEntries, corpusSkipReason } from '../helpers/corpus';
import { editScopeProblems } from '../helpers/editScope';

interface Tally {
  ok: number;
  refused: number;
  reasons: Map<string, number>;
}
const tallies = new Map<string, Tally>();

function operationsFor(graph: PipelineGraph): EditOperation[] {
  const ops: EditOperation[] = [];
  const stages = graph.nodes.filter((n) => n.role === 'stage');
  const jobs = graph.nodes.filter((n) => n.role === 'job');
  for (const n of graph.nodes) {
    ops.push({ op: 'renameStage', stage: n.id, newId: n.role === 'stage' ? 'PwRenamed' : 'PwRenamedJob' });
    ops.push({ op: 'deleteStage', stage: n.id });
    ops.push({ op: 'setProperty', stage: n.id, property: 'name', value: 'Renamed: by the designer' });
    ops.push({ op: 'setProperty', stage: n.id, property: 'condition', value: 'succeeded()' });
    ops.push({ op: 'setProperty', stage: n.id, property: 'runner', value: 'ubuntu-22.04' });
    ops.push({ op: 'setProperty', stage: n.id, property: 'timeout', value: 30 });
    ops.push({ op: 'setProperty', stage: n.id, property: 'environment', value: { name: 'prod' } });
    ops.push({ op: 'setProperty', stage: n.id, property: 'strategy', value: { kind: 'canary', steps: [10, 50] } });
    ops.push({ op: 'setProperty', stage: n.id, property: 'gate', value: { kind: 'approvers', approvers: ['ops@example.com'] } });
    ops.push({ op: 'setProperty', stage: n.id, property: 'gate', value: null });
  }
  for (const e of graph.edges.filter((x) => !x.unresolved)) ops.push({ op: 'removeDependency', stage: e.to, dependsOn: e.from });
  const level = stages.length > 0 ? stages : jobs;
  for (let i = 2; i < level.length; i++) ops.push({ op: 'addDependency', stage: level[i].id, dependsOn: level[0].id });
  const first = level.find((n) => /^[A-Za-z_]\w*$/.test(n.id));
  for (const t of TEMPLATES) ops.push({ op: 'addStage', template: t.name, id: 'PwNew', ...(first ? { after: first.id } : {}) });
  const edge = graph.edges.find((e) => !e.unresolved);
  if (edge) ops.push({ op: 'addStage', template: 'verify-health', id: 'PwBetween', after: edge.from, before: edge.to });
  for (const job of jobs) {
    const other = stages.find((s) => job.stage !== undefined && s.id !== job.stage);
    if (other) ops.push({ op: 'moveToStage', stage: job.id, to: other.id });
  }
  return ops;
}

function tally(op: EditOperation, ok: boolean, reason?: string): void {
  const key = op.op === 'setProperty' ? `setProperty ${op.property}` : op.op;
  const t = tallies.get(key) ?? { ok: 0, refused: 0, reasons: new Map() };
  tallies.set(key, t);
  if (ok) {
    t.ok++;
    return;
  }
  t.refused++;
  // Group reasons by their wording, not by the names in them.
  const shape = (reason ?? '').replace(/^can't edit this visually: /, '').replace(/"[^"]*"/g, '"…"').replace(/`[^`]*`/g, '`…`').replace(/line \d+/g, 'line N').slice(0, 140);
  t.reasons.set(shape, (t.reasons.get(shape) ?? 0) + 1);
}

describe('the Azure planner on the corpus', { skip: corpusAvailable() ? false : corpusSkipReason }, () => {
  const entries = corpusAvailable() ? corpusEntries().filter((e) => e.dialect === 'azure') : [];
  for (const entry of entries) {
    test(entry.file, () => {
      const text = readFileSync(entry.absolutePath, 'utf8');
      const graph = parsePipeline(text, { dialect: 'azure' });
      const problems: string[] = [];
      for (const op of operationsFor(graph)) {
        const r = planOperation(text, op, { dialect: 'azure' });
        tally(op, r.ok, r.ok ? undefined : r.reason);
        if (!r.ok) {
          if (/would not do what was asked/.test(r.reason)) problems.push(`${JSON.stringify(op)}: ${r.reason}`);
          continue;
        }
        for (const p of editScopeProblems(text, r.text, graph, op)) problems.push(`${JSON.stringify(op)}: ${p}`);
      }
      assert.deepEqual(problems, []);
    });
  }
  after(() => {
    if (tallies.size === 0) return;
    const lines = ['Azure planner on the corpus (operation: succeeded / refused, then the commonest reasons):'];
    for (const [key, t] of [...tallies].sort()) {
      lines.push(`  ${key}: ${t.ok} / ${t.refused}`);
      for (const [reason, n] of [...t.reasons].sort((a, b) => b[1] - a[1]).slice(0, 4)) lines.push(`      ${n} × ${reason}`);
    }
    console.log(lines.join('\n'));
  });
});

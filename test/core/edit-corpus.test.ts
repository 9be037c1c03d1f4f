// Edits on every real-world file of the shared corpus. Per file: the no-op round trip is
// byte-identical; then each operation kind, aimed at the first node that fits, either is refused
// with a reason or succeeds such that (a) only the lines the operation is about change, (b) the
// result re-parses to the intended graph, (c) a file valid against its dialect's JSON schema
// stays valid. Success and refusal counts are printed per dialect and operation.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, describe, test } from 'node:test';
import { applyOperations, planOperation } from '../../src/core/edit/plan';
import type { EditOperation } from '../../src/core/edit/operations';
import { DIALECTS, hasSyntaxErrors, type Dialect, type PipelineGraph } from '../../src/core/model';
import { parsePipeline } from '../../src/core/parse';
import { chooseOperation, expectedNodeDelta, keyFactProblems, OPERATION_KINDS, type OperationKind } from '../helpers/chooseOperations';
import { corpusAvailable, corpusEntries, corpusSkipReason, type CorpusEntry } from '../helpers/corpus';
import { editScopeProblems } from '../helpers/editScope';
import { pipelineData, pipelineSchemas, schemaErrors } from '../helpers/pipelineSchemas';

interface Tally {
  applied: number;
  refused: number;
  /** No node in the file fits the operation. */
  noTarget: number;
  reasons: Map<string, number>;
}

const tallies = new Map<string, Tally>();
const schemaNotes = new Set<string>();

function tally(dialect: Dialect, kind: OperationKind): Tally {
  const key = `${dialect} ${kind}`;
  let t = tallies.get(key);
  if (!t) tallies.set(key, (t = { applied: 0, refused: 0, noTarget: 0, reasons: new Map() }));
  return t;
}

if (!corpusAvailable()) {
  test('edits on corpus files', { skip: corpusSkipReason }, () => {});
} else {
  const entries = corpusEntries();
  describe('edits on corpus files', () => {
    for (const [index, entry] of entries.entries()) test(entry.file, () => checkFile(entry, index));
    after(printSummary);
  });
}

function checkFile(entry: CorpusEntry, index: number): void {
  const text = readFileSync(entry.absolutePath, 'utf8');
  const noOp = applyOperations(text, [], { dialect: entry.dialect });
  assert.ok(noOp.ok && noOp.text === text, 'applying no operations must give the text back byte for byte');

  const graph = parsePipeline(text, { dialect: entry.dialect });
  const schemas = validSchemasOf(text, entry.dialect);
  const failures: string[] = [];
  for (const kind of OPERATION_KINDS) {
    const op = chooseOperation(kind, graph, index);
    const t = tally(entry.dialect, kind);
    if (!op) {
      t.noTarget++;
      continue;
    }
    const result = planOperation(text, op, { dialect: entry.dialect });
    if (!result.ok) {
      t.refused++;
      if (!/^can't edit this visually: \S/.test(result.reason)) failures.push(`${kind}: refused without a reason: ${JSON.stringify(result.reason)}`);
      const short = result.reason.replace(/"[^"]*"/g, '"…"').slice(0, 110);
      t.reasons.set(short, (t.reasons.get(short) ?? 0) + 1);
      continue;
    }
    t.applied++;
    const problems = successProblems(text, graph, op, result.text, schemas);
    failures.push(...problems.map((p) => `${kind} ${JSON.stringify(op)}: ${p}`));
  }
  assert.deepEqual(failures, [], `edits that broke a rule in ${entry.file}`);
}

function successProblems(text: string, before: PipelineGraph, op: EditOperation, newText: string, schemas: string[]): string[] {
  const problems: string[] = [];
  if (newText === text) problems.push('succeeded without changing the text');
  // (a) only the operation's own lines changed.
  problems.push(...editScopeProblems(text, newText, before, op));
  // (b) the result re-parses to the intended graph.
  const afterGraph = parsePipeline(newText, { dialect: before.dialect });
  if (hasSyntaxErrors(afterGraph)) problems.push('the result does not parse');
  problems.push(...keyFactProblems(op, before, afterGraph));
  const delta = afterGraph.nodes.length - before.nodes.length;
  const expected = expectedNodeDelta(op, before, afterGraph);
  if (delta !== expected) problems.push(`node count changed by ${delta}, expected ${expected}`);
  // (c) valid stays valid.
  const data = pipelineData(newText);
  for (const schema of pipelineSchemas(before.dialect)) {
    if (!schemas.includes(schema.file) || !schema.validate) continue;
    if (!schema.validate(data)) problems.push(`valid against ${schema.file} before, not after: ${schemaErrors(schema.validate)}`);
  }
  return problems;
}

/** The schemas the original file validates against (those an edit must keep it valid for). */
function validSchemasOf(text: string, dialect: Dialect): string[] {
  const data = pipelineData(text);
  const valid: string[] = [];
  for (const schema of pipelineSchemas(dialect)) {
    if (schema.note) schemaNotes.add(`${schema.file}: ${schema.note}`);
    if (schema.skipReason) {
      schemaNotes.add(`${schema.file}: schema check skipped, ${schema.skipReason}`);
      continue;
    }
    if (data !== undefined && schema.validate!(data)) valid.push(schema.file);
  }
  return valid;
}

function printSummary(): void {
  const rows = [['dialect', 'operation', 'applied', 'refused', 'no target']];
  for (const dialect of DIALECTS) {
    for (const kind of OPERATION_KINDS) {
      const t = tallies.get(`${dialect} ${kind}`);
      if (t) rows.push([dialect, kind, String(t.applied), String(t.refused), String(t.noTarget)]);
    }
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const lines = rows.map((r) => r.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
  const reasons: string[] = [];
  for (const [key, t] of tallies) {
    const top = [...t.reasons].sort((a, b) => b[1] - a[1]).slice(0, 3);
    for (const [reason, n] of top) reasons.push(`  ${key} ×${n}: ${reason}`);
  }
  console.log(['edit corpus summary:', ...lines, 'most frequent refusals:', ...reasons, ...[...schemaNotes].map((n) => `schema: ${n}`)].join('\n'));
}

// Issue #10's measure: single edits (rename, delete a leaf, add or remove a dependency, set an
// environment) over the whole shared corpus, in manifest order, through the command line's core.
// Two figures: all refusals, and those other than the platform's own rules (at most 5 %).
// Applied edits must stay within their own lines (the engine has verified each); the refusals,
// counted by kind, must equal the golden file — a change in what is refused shows here, and is
// accepted by rewriting the file (PIPEWRIGHT_UPDATE_GOLDEN=1) when it is an improvement.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { corpusAvailable, corpusEntries, corpusSkipReason, repoRoot } from '../helpers/corpus';
import { measureRefusals } from '../helpers/refusalRate';

const GOLDEN = join(repoRoot, 'test', 'fixtures', 'refusal-rate.json');

test('single-edit refusals over the corpus: applied edits confined and verified, refusals as the golden counts', { skip: corpusAvailable() ? false : corpusSkipReason }, (t) => {
  const report = measureRefusals(corpusEntries());
  assert.deepEqual(report.outOfScope, []);
  assert.equal(report.applied + report.refused, report.edits);
  // A refusal from the after-the-fact verification means a planner wrote what it did not mean.
  assert.deepEqual(Object.keys(report.refusals).filter((k) => /would not do what was asked/.test(k)), []);
  const { outOfScope: _none, ...counts } = report;
  if (process.env.PIPEWRIGHT_UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, `${JSON.stringify(counts, null, 2)}\n`);
  const own = report.refused - report.platformRequired;
  const percent = (n: number) => `${((100 * n) / report.edits).toFixed(1)} %`;
  t.diagnostic(`${report.refused} of ${report.edits} single edits refused (${percent(report.refused)}) in ${report.files - report.skippedFiles} files`);
  t.diagnostic(`of which the platform requires ${report.platformRequired}; the designer's own: ${own} (${percent(own)})`);
  assert.deepEqual(counts, JSON.parse(readFileSync(GOLDEN, 'utf8')));
  // Issue #10's target, for the refusals the platform does not require.
  assert.ok(own <= 0.05 * report.edits, `${own} of ${report.edits} edits refused by the designer's own caution (${percent(own)}), above 5 %`);
});

// `node --import tsx bench/refusals.ts`: the single-edit refusal rate over the shared corpus, with
// every refusal counted by kind: all refusals, and those other than the platform's own rules
// (issue #10's target, at most 5 %, is for the latter). The same measure is
// held to test/fixtures/refusal-rate.json by test/core/refusal-rate.test.ts.
import { corpusAvailable, corpusEntries } from '../test/helpers/corpus';
import { measureRefusals } from '../test/helpers/refusalRate';

if (!corpusAvailable()) {
  console.log('corpus: ../shared/corpus not found, nothing to measure');
} else {
  const report = measureRefusals(corpusEntries());
  const percent = (n: number) => `${((100 * n) / report.edits).toFixed(1)} %`;
  const own = report.refused - report.platformRequired;
  console.log(`single edits over ${report.files - report.skippedFiles} corpus files: ${report.edits}, refused ${report.refused} (${percent(report.refused)})`);
  console.log(`  of which the platform requires ${report.platformRequired}; the designer's own: ${own} (${percent(own)}, target ≤ 5 %)`);
  console.log(`applied ${report.applied}, outside their own lines: ${report.outOfScope.length}`);
  for (const [kind, n] of Object.entries(report.refusals).sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(4)} × ${kind}`);
}

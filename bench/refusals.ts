// `node --import tsx bench/refusals.ts`: the single-edit refusal rate over the shared corpus
// (issue #10's target: at most 5 %), with every refusal counted by kind. The same measure is
// held to test/fixtures/refusal-rate.json by test/core/refusal-rate.test.ts.
import { corpusAvailable, corpusEntries } from '../test/helpers/corpus';
import { measureRefusals } from '../test/helpers/refusalRate';

if (!corpusAvailable()) {
  console.log('corpus: ../shared/corpus not found, nothing to measure');
} else {
  const report = measureRefusals(corpusEntries());
  const rate = (100 * report.refused) / report.edits;
  console.log(`single edits over ${report.files - report.skippedFiles} corpus files: ${report.edits}, refused ${report.refused} (${rate.toFixed(1)} %, target ≤ 5 %)`);
  console.log(`applied ${report.applied}, outside their own lines: ${report.outOfScope.length}`);
  for (const [kind, n] of Object.entries(report.refusals).sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(4)} × ${kind}`);
}

// The lint rules on a parse the designer already has, against `yaml`'s parseDocument of the same
// text: a check must cost a fraction of a parse (target ≤ 0.3×), since it runs on every change.
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { parsePipelineFully } from '../src/core/edit/plan';
import { DIALECTS } from '../src/core/model';
import { lintPipeline } from '../src/core/rules/engine';
import { schemaValidators } from '../src/schemaCheck/validators';
import { join } from 'node:path';
import { corpusAvailable, corpusEntries, repoRoot } from '../test/helpers/corpus';
import { parseRatioEntry, type BenchEntry } from './benchEntry';
import { generatePipeline } from './generatePipelines';
import { measurePair, median } from './measure';

const LINT_TARGET = 0.3;

function lintEntry(name: string, text: string, dialect: (typeof DIALECTS)[number]): BenchEntry {
  const parsed = parsePipelineFully(text, { dialect });
  const r = measurePair(
    () => lintPipeline(parsed),
    () => parseDocument(text),
  );
  return parseRatioEntry(name, r, LINT_TARGET);
}

const SCHEMA_ONLY: ReadonlySet<string> = new Set(['schema']);

/**
 * The schema rule alone (validator compiled beforehand, as the editor keeps it): it converts the
 * whole file and validates it, so it is not held to the per-keystroke target. The editor runs it
 * after a pause in typing (ARCHITECTURE.md); the figure says what that pause costs.
 */
function schemaEntry(name: string, text: string, dialect: (typeof DIALECTS)[number], schema: ReturnType<typeof schemaValidators>): BenchEntry {
  const parsed = parsePipelineFully(text, { dialect });
  schema(dialect);
  const r = measurePair(
    () => lintPipeline(parsed, undefined, { schema, only: SCHEMA_ONLY }),
    () => parseDocument(text),
  );
  return { name, medianMs: r.medianMs, baselineMedianMs: r.baselineMedianMs, ratio: r.ratio };
}

export function benchLint(entries: BenchEntry[]): void {
  const schema = schemaValidators(join(repoRoot, 'schemas'));
  for (const dialect of DIALECTS) {
    entries.push(lintEntry(`lint rules generated ${dialect} 1000 jobs`, generatePipeline(dialect, 1000), dialect));
  }
  for (const dialect of DIALECTS) {
    entries.push(schemaEntry(`schema rule alone (after a pause) generated ${dialect} 1000 jobs`, generatePipeline(dialect, 1000), dialect, schema));
  }
  if (!corpusAvailable()) return;
  const ratios = corpusEntries().map((e) => lintEntry(`lint ${e.file}`, readFileSync(e.absolutePath, 'utf8'), e.dialect).ratio!);
  entries.push({
    name: `lint rules corpus median ratio (${ratios.length} files)`,
    ratio: median(ratios),
    target: `≤ ${LINT_TARGET}× parseDocument`,
    meetsTarget: median(ratios) <= LINT_TARGET,
  });
}

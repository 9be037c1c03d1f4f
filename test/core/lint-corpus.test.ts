// Every lint rule over the shared corpus of real pipelines. The golden list per rule holds the
// files where it fires (with how often), read and judged when they changed, and files where it
// must not fire, each with the reason. PIPEWRIGHT_UPDATE_GOLDEN=1 rewrites the "fires" lists
// (read the diff before committing it); "mustNotFire" is kept as written.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parsePipelineFully } from '../../src/core/edit/plan';
import { RULES } from '../../src/core/rules/catalog';
import { lintPipeline } from '../../src/core/rules/engine';
import { schemaValidators } from '../../src/schemaCheck/validators';
import { corpusAvailable, corpusEntries, corpusSkipReason, repoRoot } from '../helpers/corpus';

const GOLDEN = join(repoRoot, 'test', 'core', 'lint-corpus.golden.json');

interface RuleGolden {
  fires: Record<string, number>;
  mustNotFire: Record<string, string>;
}

function lintCorpus(): Map<string, Record<string, number>> {
  const fires = new Map<string, Record<string, number>>(RULES.map((r) => [r.id, {}]));
  // The schema rule too, as the command line runs it.
  const schema = schemaValidators(join(repoRoot, 'schemas'));
  for (const entry of corpusEntries()) {
    const parsed = parsePipelineFully(readFileSync(entry.absolutePath, 'utf8'), { dialect: entry.dialect });
    for (const f of lintPipeline(parsed, undefined, { schema })) {
      const counts = fires.get(f.code);
      if (counts) counts[entry.file] = (counts[entry.file] ?? 0) + 1;
    }
  }
  return fires;
}

describe('lint rules on the corpus', { skip: corpusAvailable() ? false : corpusSkipReason }, () => {
  const golden = JSON.parse(readFileSync(GOLDEN, 'utf8')) as Record<string, RuleGolden>;
  const actual = lintCorpus();
  if (process.env.PIPEWRIGHT_UPDATE_GOLDEN === '1') {
    const updated = Object.fromEntries(RULES.map((r) => [r.id, { fires: actual.get(r.id)!, mustNotFire: golden[r.id]?.mustNotFire ?? {} }]));
    writeFileSync(GOLDEN, `${JSON.stringify(updated, null, 2)}\n`);
  }
  for (const rule of RULES) {
    test(`${rule.id}: fires where the golden list says, never where it must not`, () => {
      const expected = golden[rule.id];
      assert.ok(expected, `${rule.id} has a golden list`);
      const fires = actual.get(rule.id)!;
      for (const [file, reason] of Object.entries(expected.mustNotFire)) {
        assert.ok(!(file in fires), `${rule.id} fires on ${file}, where it must not: ${reason}`);
        assert.ok(corpusEntries().some((e) => e.file === file), `${file} is in the corpus`);
      }
      assert.deepEqual(fires, expected.fires);
    });
  }
});

// Issue #10, edits into defining files on real multi-file repositories (test/fixtures/repos):
// the corpus measure's mix of single edits (rename, delete a leaf, add or remove a dependency,
// set an environment) on each composed graph. Whatever is applied was verified on the composed
// graph after and changes only files the pipeline is composed from; whatever is refused is
// refused up front, never by the verification (which would mean a planner wrote what it did not
// mean); and every file left alone is byte for byte what it was.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { projectFilesAt } from '../../src/cli/projectFiles';
import { composeGraph } from '../../src/core/compose/composeGraph';
import { planComposedOperation } from '../../src/core/edit/composedPlan';
import type { Dialect } from '../../src/core/model';
import { repoRoot } from '../helpers/corpus';
import { sampleEdits } from '../helpers/refusalRate';

const REPOS = join(repoRoot, 'test', 'fixtures', 'repos');

const fixtures = readdirSync(REPOS).flatMap((name) => {
  try {
    const expected = JSON.parse(readFileSync(join(REPOS, name, 'expected.json'), 'utf8')) as { dialect?: Dialect; root: string };
    return [{ name, dialect: expected.dialect ?? 'gitlab', root: expected.root }];
  } catch {
    return [];
  }
});

describe('single edits on the composed graphs of real repositories', () => {
  const totals = { edits: 0, applied: 0, inOtherFiles: 0 };
  for (const [index, fixture] of fixtures.entries()) {
    test(fixture.name, () => {
      const dir = join(REPOS, fixture.name);
      const project = projectFilesAt(dir);
      const rootText = project.readFile(fixture.root)!;
      const graph = composeGraph(fixture.dialect, fixture.root, rootText, project);
      const edits = sampleEdits(fixture.root, graph, index);
      assert.ok(edits.length > 0, 'the composed graph has something to edit');
      for (const edit of edits) {
        totals.edits++;
        const r = planComposedOperation({ dialect: fixture.dialect, rootPath: fixture.root, rootText, project }, edit.op);
        if (!r.ok) {
          assert.doesNotMatch(r.reason, /would not do what was asked/, `${JSON.stringify(edit.op)}`);
          continue;
        }
        totals.applied++;
        for (const change of r.changes) {
          assert.equal(change.before, change.path === fixture.root ? rootText : project.readFile(change.path), `${change.path} was planned on its own text`);
          assert.notEqual(change.text, change.before);
          if (change.path !== fixture.root) totals.inOtherFiles++;
        }
      }
    });
  }
  test('the edits reached other files than the root', () => {
    assert.ok(totals.inOtherFiles > 0, JSON.stringify(totals));
  });
});

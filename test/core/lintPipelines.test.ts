// `pipewright lint`'s pipelines (cli/lintPipelines.ts): the files of one GitLab pipeline are judged
// in one composition of its root, composed again only when a file it read has changed.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { LintPipelines } from '../../src/cli/lintPipelines';
import type { CliIo } from '../../src/cli/io';
import { pipelineOfFile } from '../../src/core/compose/pipelineOfFile';
import { parsePipeline } from '../../src/core/parse';
import { projectFilesAt } from '../../src/cli/projectFiles';

const dir = mkdtempSync(join(tmpdir(), 'pipewright-lint-pipelines-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const files: Record<string, string> = {
  '.gitlab-ci.yml': 'stages: [build, test]\ninclude:\n  - local: ci/*.yml\n',
  'ci/a.yml': 'compile:\n  stage: build\n  script: make\n',
  'ci/b.yml': 'unit:\n  stage: test\n  needs: [compile]\n  script: make test\n',
  'other/.gitlab-ci.yml': 'solo:\n  script: x\n',
};
mkdirSync(join(dir, 'repo', '.git'), { recursive: true });
for (const [path, text] of Object.entries(files)) {
  mkdirSync(join(dir, 'repo', path, '..'), { recursive: true });
  writeFileSync(join(dir, 'repo', path), text);
}

const io = { cwd: () => dir } as unknown as CliIo;
const placeOf = (pipelines: LintPipelines, path: string, text = files[path]) =>
  pipelines.placeOf(join('repo', path), text)(parsePipeline(text, { dialect: 'gitlab', fileName: path }));

describe('the pipelines pipewright lint judges files in', () => {
  test('the files of one root share its composition, the one pipelineOfFile makes', () => {
    const pipelines = new LintPipelines(io, undefined);
    const a = placeOf(pipelines, 'ci/a.yml');
    const b = placeOf(pipelines, 'ci/b.yml');
    const root = placeOf(pipelines, '.gitlab-ci.yml');
    assert.deepEqual([a?.path, b?.path, root?.path], ['ci/a.yml', 'ci/b.yml', '.gitlab-ci.yml']);
    assert.ok(a?.pipeline && a.pipeline === b?.pipeline && a.pipeline === root?.pipeline, 'one composition');
    const alone = pipelineOfFile('gitlab', 'ci/b.yml', files['ci/b.yml'], projectFilesAt(join(dir, 'repo')));
    assert.deepEqual(b.pipeline.graph, alone?.graph);
    assert.deepEqual([...b.pipeline.read].sort(), [...(alone?.read ?? [])].sort());
    // A file the root does not include is judged as before: alone, naming no other file.
    assert.equal(placeOf(pipelines, 'other/.gitlab-ci.yml')?.pipeline, undefined);
  });

  test('a file it read changed on disk (--fix), or given with another text: composed again, with that text', () => {
    const pipelines = new LintPipelines(io, undefined);
    const before = placeOf(pipelines, 'ci/b.yml')!.pipeline!;
    writeFileSync(join(dir, 'repo', 'ci', 'a.yml'), 'compile:\n  stage: build\n  script: make\n\nlint:\n  stage: build\n  script: make lint\n');
    try {
      const after = placeOf(pipelines, 'ci/b.yml')!.pipeline!;
      assert.notEqual(after, before);
      assert.deepEqual(after.graph.nodes.map((n) => n.id).sort(), ['compile', 'lint', 'unit']);
      assert.equal(placeOf(pipelines, 'ci/b.yml')!.pipeline, after, 'unchanged since: the same composition');
      const given = placeOf(pipelines, 'ci/b.yml', 'unit:\n  stage: test\n  needs: [lint]\n  script: make test\n')!.pipeline!;
      assert.notEqual(given, after);
      assert.deepEqual(given.graph.edges.filter((e) => e.to === 'unit').map((e) => e.from), ['lint']);
    } finally {
      writeFileSync(join(dir, 'repo', 'ci', 'a.yml'), files['ci/a.yml']);
    }
  });
});

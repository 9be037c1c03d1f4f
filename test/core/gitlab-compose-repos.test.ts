// Real multi-file GitLab projects (test/fixtures/repos, see SOURCE.md) against hand-derived job sets.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { projectFilesAt } from '../../src/cli/projectFiles';
import { composeGitlabGraph } from '../../src/core/dialects/gitlab/compose/compose';
import { parsePipeline } from '../../src/core/parse';
import { repoRoot } from '../helpers/corpus';

const REPOS = join(repoRoot, 'test', 'fixtures', 'repos');

interface Expected {
  root: string;
  lanes: string[];
  jobs: string[];
  includeNodes: string[];
  edges: string[];
  errors: string[];
}

const withExpectations = readdirSync(REPOS).filter((name) => {
  try {
    // Azure and GitHub repositories say their dialect (compose-repos.test.ts); GitLab's are the first.
    const expected = JSON.parse(readFileSync(join(REPOS, name, 'expected.json'), 'utf8')) as { dialect?: string };
    return expected.dialect === undefined || expected.dialect === 'gitlab';
  } catch {
    return false;
  }
});

describe('composed GitLab projects', () => {
  test('there are at least two GitLab projects', () => assert.ok(withExpectations.length >= 2, withExpectations.join(', ')));

  for (const name of withExpectations) {
    test(name, () => {
      const dir = join(REPOS, name);
      const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;
      const text = readFileSync(join(dir, expected.root), 'utf8');
      assert.equal(parsePipeline(text, { dialect: 'gitlab' }).nodes.length, 0, 'the root alone draws nothing');
      const graph = composeGitlabGraph(expected.root, text, projectFilesAt(dir));
      const jobs = graph.nodes.filter((n) => !n.marks.includes('include'));
      assert.deepEqual(jobs.map((n) => `${n.id} stage=${n.stage} file=${n.file}`), expected.jobs);
      assert.deepEqual(graph.nodes.filter((n) => n.marks.includes('include')).map((n) => n.id), expected.includeNodes);
      assert.deepEqual(graph.lanes.map((l) => l.id), expected.lanes);
      assert.deepEqual(graph.edges.map((e) => `${e.from} -> ${e.to}${e.implicit ? ' (stage order)' : ''}`), expected.edges);
      assert.deepEqual(graph.problems.filter((p) => p.severity === 'error').map((p) => p.message), expected.errors);
      // Each job's range is its own key and value in its own file.
      for (const job of jobs) {
        const own = readFileSync(join(dir, job.file!), 'utf8');
        assert.ok(own.slice(job.offsets[0]).startsWith(`${job.id}:`), `${job.id} in ${job.file}`);
      }
    });
  }
});

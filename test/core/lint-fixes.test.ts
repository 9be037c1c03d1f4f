// Property: applying every fix `--fix` would apply to a generated pipeline leaves a file that
// parses with no new graph problem, introduces no finding that was not there (on the file's own
// lines), and changes none of the file's lines but the dependency lines a fix rewires.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { parsePipelineFully } from '../../src/core/edit/plan';
import type { Dialect } from '../../src/core/model';
import { lintPipeline, type LintFinding } from '../../src/core/rules/engine';
import { applyAllFixes } from '../../src/core/rules/fixes';
import { splitLines } from '../helpers/lineDiff';

interface Job {
  kind: 'build' | 'test' | 'deploy';
  production: boolean;
  environment: boolean;
  timeout: boolean;
  /** Index of the earlier job it waits for, or -1. */
  needs: number;
}

const jobs = fc
  .array(
    fc.record({
      kind: fc.constantFrom('build' as const, 'test' as const, 'deploy' as const),
      production: fc.boolean(),
      environment: fc.boolean(),
      timeout: fc.boolean(),
      needs: fc.nat(),
    }),
    { minLength: 1, maxLength: 6 },
  )
  .map((list) => list.map((j, i) => ({ ...j, needs: i === 0 ? -1 : j.needs % (i + 1) - 1 })));

const COMMAND = { build: 'make build', test: 'make test', deploy: 'kubectl apply -f k8s/' } as const;
const id = (j: Job, i: number) => (j.kind === 'deploy' ? `deploy-${j.production ? 'prod' : 'qa'}-${i}` : `${j.kind}-${i}`);
const env = (j: Job) => (j.production ? 'production' : 'staging');

function github(list: Job[]): string {
  const lines = ['on: push', 'permissions: {contents: read}', 'jobs:'];
  list.forEach((j, i) => {
    lines.push(`  ${id(j, i)}:`, '    runs-on: ubuntu-latest');
    if (j.needs >= 0) lines.push(`    needs: ${id(list[j.needs], j.needs)}`);
    if (j.kind === 'deploy' && j.environment) lines.push(`    environment: ${env(j)}`);
    if (j.timeout) lines.push('    timeout-minutes: 10');
    lines.push('    steps:', `      - run: ${COMMAND[j.kind]}`);
  });
  return `${lines.join('\n')}\n`;
}

function gitlab(list: Job[]): string {
  const lines = ['stages: [build, test, deploy]'];
  list.forEach((j, i) => {
    lines.push('', `${id(j, i)}:`, `  stage: ${j.kind}`);
    if (j.needs >= 0 && ['build', 'test', 'deploy'].indexOf(list[j.needs].kind) <= ['build', 'test', 'deploy'].indexOf(j.kind)) {
      lines.push(`  needs: [${id(list[j.needs], j.needs)}]`);
    }
    if (j.kind === 'deploy' && j.environment) lines.push(`  environment: ${env(j)}`);
    if (j.timeout) lines.push('  timeout: 10 minutes');
    lines.push(`  script: [${COMMAND[j.kind]}]`);
  });
  return `${lines.join('\n')}\n`;
}

function azure(list: Job[]): string {
  const lines = ['stages:'];
  list.forEach((j, i) => {
    const name = `S${i}_${j.kind}${j.kind === 'deploy' && j.production ? '_prod' : ''}`;
    lines.push(`  - stage: ${name}`, '    jobs:', `      - job: ${j.kind === 'deploy' ? 'Deploy' : 'Run'}`);
    if (j.timeout) lines.push('        timeoutInMinutes: 10');
    lines.push('        steps:', `          - script: ${COMMAND[j.kind]}`);
  });
  return `${lines.join('\n')}\n`;
}

const WRITE: Record<Dialect, (list: Job[]) => string> = { github, gitlab, azure };

const key = (f: LintFinding) => `${f.code}@${f.node ?? ''}`;

// Dependency lines are the ones a fix may rewrite (a gate inserted in front of a deploy takes its
// place in the deploy's needs).
const DEPENDENCY_LINE = /^\s*(needs|dependsOn):/;

describe('lint --fix on generated pipelines', () => {
  for (const dialect of ['github', 'gitlab', 'azure'] as const) {
    test(`${dialect}: parses, adds no finding, touches only its own lines`, () => {
      fc.assert(
        fc.property(jobs, (list) => {
          const text = WRITE[dialect](list);
          const before = parsePipelineFully(text, { dialect });
          assert.deepEqual(before.graph.problems, [], `the generated file is clean:\n${text}`);
          const found = new Set(lintPipeline(before).map(key));
          const { text: after } = applyAllFixes(text, { dialect });
          const parsed = parsePipelineFully(after, { dialect });
          assert.deepEqual(parsed.graph.problems, [], `the fixed file parses cleanly:\n${after}`);
          // Every line of the file but a dependency line is still there, in order (fixes only add
          // lines around them). A subsequence, not a diff: a line diff may pair a kept line with a
          // look-alike in an inserted job.
          const fixedLines = splitLines(after);
          let at = 0;
          for (const line of splitLines(text)) {
            if (DEPENDENCY_LINE.test(line)) continue;
            while (at < fixedLines.length && fixedLines[at] !== line) at++;
            assert.ok(at < fixedLines.length, `line ${JSON.stringify(line)} was changed or moved:\n${after}`);
            at++;
          }
          const existed = new Set(before.graph.nodes.map((n) => n.id));
          for (const f of lintPipeline(parsed)) {
            if (found.has(key(f))) continue;
            // A stage a fix added may bring what its template holds: GitHub's rollback template uses
            // an action at its tag (pinning it needs the network).
            const fromTemplate = f.node !== undefined && !existed.has(f.node);
            assert.ok(fromTemplate && f.code === 'unpinned-action', `new finding ${key(f)}: ${f.message}\n${after}`);
          }
        }),
        { numRuns: 40, seed: 1101, includeErrorInReport: true },
      );
    });
  }
});

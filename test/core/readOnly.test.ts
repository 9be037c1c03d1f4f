// Why a node is read-only: one wording per mark (src/core/readOnly.ts), a clause every message
// composes into one sentence. A refusal on a read-only stage must read as one sentence in every
// dialect: no doubled "read-only" or "in the text", no sentence ending inside it, no nested parentheses.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { EditOperation } from '../../src/core/edit/operations';
import { planOperation } from '../../src/core/edit/plan';
import type { Dialect, OpaqueMark } from '../../src/core/model';
import { parsePipeline } from '../../src/core/parse';
import { readOnlyClause, readOnlyReason } from '../../src/core/readOnly';
import { dedent } from '../helpers/text';

const PREFIX = "can't edit this visually: ";

function refusal(text: string, op: EditOperation, dialect: Dialect): string {
  const r = planOperation(text, op, { dialect });
  assert.equal(r.ok, false, `expected ${JSON.stringify(op)} to be refused`);
  return r.ok ? '' : r.reason;
}

function occurrences(text: string, part: string): number {
  return text.split(part).length - 1;
}

/** One sentence: each phrase once, no sentence ending inside, parentheses balanced and flat. */
function assertOneSentence(reason: string): void {
  assert.ok(reason.startsWith(PREFIX), reason);
  assert.equal(occurrences(reason.toLowerCase(), 'read-only'), 1, `"read-only" once: ${reason}`);
  assert.equal(occurrences(reason, 'in the text'), 1, `"in the text" once: ${reason}`);
  assert.doesNotMatch(reason, /\.[;:)]|\.\s+\S|\.$/, `no sentence ends inside: ${reason}`);
  assert.doesNotMatch(reason.slice(PREFIX.length), /[A-Z][a-z]+-only|Edit/, `no capitalised second start: ${reason}`);
  let depth = 0;
  for (const ch of reason) {
    depth += ch === '(' ? 1 : ch === ')' ? -1 : 0;
    assert.ok(depth >= 0 && depth <= 1, `flat, balanced parentheses: ${reason}`);
  }
  assert.equal(depth, 0, `balanced parentheses: ${reason}`);
  const words = reason.split(/\s+/);
  const seen = new Set<string>();
  for (let i = 0; i + 3 <= words.length; i++) {
    const run = words.slice(i, i + 3).join(' ');
    assert.ok(!seen.has(run), `"${run}" twice: ${reason}`);
    seen.add(run);
  }
}

describe('a refusal on a read-only stage reads as one sentence', () => {
  test('GitHub: a job calling a reusable workflow', () => {
    const text = dedent`
      on: push
      jobs:
        build:
          runs-on: ubuntu-latest
          steps: [{run: make}]
        deploy:
          needs: build
          uses: octo/workflows/.github/workflows/deploy.yml@v1
    `;
    const reason = refusal(text, { op: 'setProperty', stage: 'deploy', property: 'runner', value: 'ubuntu-24.04' }, 'github');
    // The platform's own rule comes first (a caller takes no runner), in one sentence too.
    assert.equal(reason, `${PREFIX}"deploy" calls a reusable workflow, and GitHub allows no runner on such a job; set it in the called workflow`);
    assert.doesNotMatch(reason, /\.\s+\S|\.$/, `one sentence: ${reason}`);
    // Issue #10: what is plainly its own text is not in the way: its needs, its condition, the job itself.
    assert.ok(planOperation(text, { op: 'deleteStage', stage: 'build' }, { dialect: 'github' }).ok);
    assert.ok(planOperation(text, { op: 'setProperty', stage: 'deploy', property: 'condition', value: "github.ref == 'refs/heads/main'" }, { dialect: 'github' }).ok);
  });

  test('GitLab: a job that extends a hidden template, directly and through another job\'s reference', () => {
    const text = dedent`
      .base:
        script: echo
      build:
        stage: build
        script: make
      deploy:
        extends: .base
        stage: deploy
        dependencies: [build]
    `;
    const reason = refusal(text, { op: 'moveToStage', stage: 'deploy', to: 'build' }, 'gitlab');
    assert.equal(reason, `${PREFIX}"deploy" is read-only (it inherits from \`.base\` through \`extends\`); change it in the text`);
    assertOneSentence(reason);
    // Its own keys win over what it inherits: its timeout and its dependencies: are its own text (issue #10)…
    assert.ok(planOperation(text, { op: 'setProperty', stage: 'deploy', property: 'timeout', value: 5 }, { dialect: 'gitlab' }).ok);
    assert.ok(planOperation(text, { op: 'deleteStage', stage: 'build' }, { dialect: 'gitlab' }).ok);
    // …also when it inherits one: its own replaces it for this job alone (the parent keeps its own)…
    const withParentTimeout = text.replace('script: echo', 'script: echo\n  timeout: 1h');
    const own = planOperation(withParentTimeout, { op: 'setProperty', stage: 'deploy', property: 'timeout', value: 5 }, { dialect: 'gitlab' });
    assert.ok(own.ok, own.ok ? '' : own.reason);
    assert.equal(own.text, withParentTimeout.replace('dependencies: [build]', 'dependencies: [build]\n  timeout: 5 minutes'));
    // …but an environment it inherits is written in the parent: its own would merge with it (url:, on_stop:).
    const inherited = refusal(text.replace('script: echo', 'script: echo\n  environment: {name: production, url: https://example.com}'), { op: 'setProperty', stage: 'deploy', property: 'environment', value: { name: 'staging' } }, 'gitlab');
    assert.equal(inherited, `${PREFIX}"deploy" inherits its environment: through \`extends\`; change it where it is written, in the text`);
  });

  test('Azure: a stage passed to the `extends` template, and a matrix job inside it', () => {
    const text = dedent`
      extends:
        template: v1/Official.yml@templates
        parameters:
          stages:
          - stage: deploy
            jobs:
            - job: ship
              strategy:
                matrix: {a: {x: 1}}
              steps: [{script: make}]
    `;
    const reason = refusal(text, { op: 'deleteStage', stage: 'deploy' }, 'azure');
    // Passed to the template or not, the only stage cannot go: the platform's rule, in one sentence.
    assert.equal(reason, `${PREFIX}"deploy" is the only stage; a pipeline needs at least one`);
    assert.doesNotMatch(reason, /\.\s+\S|\.$/, `one sentence: ${reason}`);
    // Issue #10: neither the template nor the matrix is in the way of the job's own timeout…
    assert.ok(planOperation(text, { op: 'setProperty', stage: 'deploy/ship', property: 'timeout', value: 5 }, { dialect: 'azure' }).ok);
    // …nor of its runner (its own text); moving it to another stage has both in the way, and says so.
    assert.ok(planOperation(text, { op: 'setProperty', stage: 'deploy/ship', property: 'runner', value: 'ubuntu-latest' }, { dialect: 'azure' }).ok);
    const both = refusal(text, { op: 'moveToStage', stage: 'deploy/ship', to: 'other' }, 'azure');
    assert.equal(
      both,
      `${PREFIX}"deploy/ship" is read-only (it is passed to the template named in \`extends\`, which decides what runs, ` +
        'and expands into several jobs through `strategy: matrix` or `strategy: parallel`); change it in the text',
    );
    assertOneSentence(both);
  });
});

describe('readOnlyReason', () => {
  const MARKS: OpaqueMark[] = ['reusable-workflow', 'extends', 'include', 'reference', 'anchor', 'alias', 'merge', 'template', 'template-expression', 'matrix', 'missing'];

  test('every mark in every dialect is a clause: "it …", no final period, no parentheses, no "read-only"', () => {
    for (const dialect of [undefined, 'github', 'gitlab', 'azure'] as const) {
      for (const mark of MARKS) {
        const clause = readOnlyReason([mark], dialect) ?? '';
        assert.match(clause, /^it [a-z]/, `${dialect}/${mark}: ${clause}`);
        assert.doesNotMatch(clause, /[().]$|[()]|read-only|in the text/i, `${dialect}/${mark}: ${clause}`);
      }
    }
    assert.equal(readOnlyReason([], 'github'), undefined);
  });

  test('one table: the dialects share the wording and differ only where their syntax does', () => {
    assert.equal(readOnlyReason(['anchor'], 'github'), readOnlyReason(['anchor'], 'azure'));
    assert.equal(readOnlyReason(['anchor'], 'gitlab'), readOnlyReason(['anchor'], 'azure'));
    assert.equal(readOnlyReason(['matrix'], 'github'), 'it expands into several jobs through `strategy.matrix`');
    assert.equal(readOnlyReason(['matrix'], 'gitlab'), 'it expands into several jobs through `parallel: matrix`');
    assert.equal(readOnlyReason(['extends'], 'gitlab', { parents: ['.a', '.b'] }), 'it inherits from `.a` and `.b` through `extends`');
    assert.equal(readOnlyReason(['template'], 'azure', { templatePath: 'jobs/build.yml@t' }), 'it is defined in the template file `jobs/build.yml@t`');
  });

  test('several marks make one list', () => {
    assert.equal(
      readOnlyReason(['merge', 'alias', 'reference'], 'gitlab'),
      'it merges in another mapping with `<<:`, reuses another part of the file through a YAML alias, and uses `!reference` tags',
    );
    assert.equal(readOnlyClause({ marks: ['anchor'] }), 'it defines a YAML anchor that other parts of the file may reuse');
  });

  test('what the parsers write is the table\'s clause', () => {
    const github = parsePipeline('on: push\njobs:\n  a:\n    runs-on: x\n    strategy:\n      matrix: {n: [1, 2]}\n', { dialect: 'github' });
    assert.equal(github.nodes[0].readOnlyReason, 'it expands into several jobs through `strategy.matrix`');
    const gitlab = parsePipeline('.t:\n  script: x\nj:\n  extends: .t\n', { dialect: 'gitlab' });
    assert.equal(gitlab.nodes.find((n) => n.id === 'j')?.readOnlyReason, 'it inherits from `.t` through `extends`');
    const azure = parsePipeline('stages:\n- template: stages/a.yml\n', { dialect: 'azure' });
    assert.equal(azure.nodes[0].readOnlyReason, 'it is defined in the template file `stages/a.yml`');
  });
});

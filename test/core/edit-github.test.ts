// GitHub Actions edits, operation by operation and form by form. Each accepted edit is compared
// with the exact text it must produce; a shared check also confirms that every line outside
// the edited ones is byte-identical (same content, same line breaks).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { EditOperation } from '../../src/core/edit/operations';
import { planOperation } from '../../src/core/edit/plan';
import { parsePipeline } from '../../src/core/parse';
import { TEMPLATES } from '../../src/core/templates/catalog';
import { GITHUB_TEMPLATE_NAMES } from '../../src/core/templates/github';
import { parseYamlSource } from '../../src/core/yaml/source';
import { diffLines } from '../helpers/lineDiff';
import { describeOperation } from '../../src/shared/describeOperation';
import { dedent } from '../helpers/text';

function edit(text: string, op: EditOperation): string {
  const r = planOperation(text, op, { dialect: 'github' });
  assert.ok(r.ok, `expected ${JSON.stringify(op)} to succeed, got: ${r.ok ? '' : r.reason}`);
  return r.text;
}

/** The edit's result must be `expected`, and only the old lines `changed` (1-based, inclusive spans) may differ. */
function assertEdit(text: string, op: EditOperation, expected: string, changed: [number, number][]): void {
  const result = edit(text, op);
  assert.equal(result, expected);
  for (const h of diffLines(text, result)) {
    const inside = changed.some(([from, to]) => h.oldStart + 1 >= from && (h.oldEnd === h.oldStart ? h.oldStart : h.oldEnd) <= to);
    assert.ok(inside, `lines ${h.oldStart + 1}-${h.oldEnd} changed, outside ${JSON.stringify(changed)}`);
  }
}

function refused(text: string, op: EditOperation, reason: RegExp): void {
  const r = planOperation(text, op, { dialect: 'github' });
  assert.equal(r.ok, false, `expected ${JSON.stringify(op)} to be refused`);
  if (!r.ok) assert.match(r.reason, reason);
}

function crlf(text: string): string {
  return text.replace(/\n/g, '\r\n');
}

const WORKFLOW = dedent`
  name: CI
  on:
    push:
      branches: [main]

  jobs:
    build:
      runs-on: ubuntu-latest   # the default runner
      steps:
        - uses: actions/checkout@v4
        - run: make

    test:
      needs: build
      runs-on: ubuntu-latest
      steps:
        - run: make test

    lint:
      needs: [build]
      runs-on: ubuntu-latest
      steps:
        - run: make lint

    package:
      name: Package
      needs:
        - test
        - lint
      runs-on: ubuntu-latest
      steps:
        - run: docker build .
`;

describe('renameStage', () => {
  test('renames the key and the scalar and flow needs naming it', () => {
    assertEdit(
      WORKFLOW,
      { op: 'renameStage', stage: 'build', newId: 'compile' },
      WORKFLOW.replace('  build:', '  compile:').replace('needs: build', 'needs: compile').replace('needs: [build]', 'needs: [compile]'),
      [[7, 7], [14, 14], [20, 20]],
    );
  });

  test('renames a block list reference', () => {
    assertEdit(
      WORKFLOW,
      { op: 'renameStage', stage: 'test', newId: 'unit-tests' },
      WORKFLOW.replace('  test:\n', '  unit-tests:\n').replace('      - test\n', '      - unit-tests\n'),
      [[13, 13], [28, 28]],
    );
  });

  test('keeps the quotes of a quoted key and of quoted references', () => {
    const text = dedent`
      on: push
      jobs:
        "build":
          runs-on: ubuntu-latest
          steps: [{run: make}]
        'ship':
          needs: ['build', "build-2"]
          runs-on: ubuntu-latest
          steps: [{run: make ship}]
        "build-2":
          runs-on: ubuntu-latest
          steps: [{run: make}]
    `;
    assertEdit(
      text,
      { op: 'renameStage', stage: 'build', newId: 'compile' },
      text.replace('"build":', '"compile":').replace("['build',", "['compile',"),
      [[3, 3], [7, 7]],
    );
  });

  test('refuses an id GitHub does not accept, naming the rule', () => {
    refused(WORKFLOW, { op: 'renameStage', stage: 'build', newId: '1build' }, /"1build" is not a valid GitHub job id: it must start with a letter or _/);
    refused(WORKFLOW, { op: 'renameStage', stage: 'build', newId: 'build.all' }, /not a valid GitHub job id/);
  });

  test('refuses an id that is taken and a stage that does not exist', () => {
    refused(WORKFLOW, { op: 'renameStage', stage: 'build', newId: 'lint' }, /a stage named "lint" already exists/);
    refused(WORKFLOW, { op: 'renameStage', stage: 'nope', newId: 'x' }, /there is no stage "nope"/);
  });

  test('refuses when an expression reads the job through needs, saying where', () => {
    const text = dedent`
      on: push
      jobs:
        build:
          runs-on: ubuntu-latest
          outputs:
            tag: \${{ steps.tag.outputs.tag }}
          steps:
            - id: tag
              run: echo "tag=v1" >> "$GITHUB_OUTPUT"
        ship:
          needs: build
          runs-on: ubuntu-latest
          steps:
            - run: echo \${{ needs.build.outputs.tag }}
        report:
          needs: [build, ship]
          if: needs.build.result == 'success'
          runs-on: ubuntu-latest
          steps:
            - run: echo done
    `;
    refused(text, { op: 'deleteStage', stage: 'build' }, /an expression reads `needs.build` \(lines 14, 17\).*rewriting expressions is guessing/);
    assert.ok(edit(text, { op: 'renameStage', stage: 'ship', newId: 'deploy' }).includes('needs: [build, deploy]'));
  });

  test('issue #10: a rename is a refactoring: needs and every needs.<id> expression follow, each exactly', () => {
    const text = dedent`
      on: push
      jobs:
        build:
          runs-on: ubuntu-latest
          outputs:
            tag: \${{ steps.tag.outputs.tag }}
          steps:
            - id: tag
              run: echo "tag=v1" >> "$GITHUB_OUTPUT"
        build-docs:
          runs-on: ubuntu-latest
          steps: [{run: make docs}]
        ship:
          needs: build
          runs-on: ubuntu-latest
          steps:
            - run: echo \${{ needs.build.outputs.tag }} \${{ needs.build-docs.result }}
        report:
          needs: [build, ship, build-docs]
          if: needs.Build.result == 'success' && needs['build'].outputs.tag != ''
          runs-on: ubuntu-latest
          steps:
            - run: echo "\${{ needs . build . result }}"
    `;
    const r = planOperation(text, { op: 'renameStage', stage: 'build', newId: 'compile' }, { dialect: 'github' });
    assert.ok(r.ok, r.ok ? '' : r.reason);
    assert.equal(r.text, text
      .replace('  build:\n', '  compile:\n')
      .replace('needs: build\n', 'needs: compile\n')
      .replace('needs.build.outputs.tag }} ', 'needs.compile.outputs.tag }} ')
      .replace('needs: [build, ship', 'needs: [compile, ship')
      .replace("needs.Build.result == 'success' && needs['build']", "needs.compile.result == 'success' && needs['compile']")
      .replace('needs . build . result', 'needs . compile . result'));
    // Besides the key: two needs and four expressions.
    assert.equal(r.references, 6);
    assert.equal(describeOperation({ op: 'renameStage', stage: 'build', newId: 'compile' }, r), 'rename build to compile; renames 6 references');
  });

  test('a rename in a reusable workflow follows into its outputs, which read the job through the jobs context', () => {
    const text = dedent`
      on:
        workflow_call:
          outputs:
            version:
              description: the version built (jobs.build is read here only)
              value: \${{ jobs.build.outputs.version }}
            built:
              value: \${{ jobs['build'].result == 'success' }}
      jobs:
        build:
          runs-on: ubuntu-latest
          outputs:
            version: \${{ steps.v.outputs.version }}
          steps:
            - id: v
              run: echo "version=1.0" >> "$GITHUB_OUTPUT"
        test:
          needs: build
          runs-on: ubuntu-latest
          steps:
            - run: echo \${{ needs.build.outputs.version }} jobs.build
    `;
    const r = planOperation(text, { op: 'renameStage', stage: 'build', newId: 'compile' }, { dialect: 'github' });
    assert.ok(r.ok, r.ok ? '' : r.reason);
    assert.equal(r.text, text
      .replace('value: ${{ jobs.build.', 'value: ${{ jobs.compile.')
      .replace("jobs['build']", "jobs['compile']")
      .replace('  build:\n', '  compile:\n')
      .replace('needs: build\n', 'needs: compile\n')
      .replace('needs.build.outputs', 'needs.compile.outputs'));
    assert.equal(r.references, 4);
    refused(text, { op: 'deleteStage', stage: 'build' }, /an expression reads `jobs.build` and `needs.build` \(lines 6, 8, 21\)/);
  });

  test('issue #10: a matrix job gets needs, an environment and a timeout; its strategy stays out of reach', () => {
    const text = dedent`
      on: push
      jobs:
        lint:
          runs-on: ubuntu-latest
          steps: [{run: make lint}]
        build:
          runs-on: \${{ matrix.os }}
          strategy:
            matrix: {os: [ubuntu-latest, macos-latest]}
          steps: [{run: make}]
    `;
    assert.equal(edit(text, { op: 'addDependency', stage: 'build', dependsOn: 'lint' }), text.replace('os }}\n', 'os }}\n    needs: lint\n'));
    assert.match(edit(text, { op: 'setProperty', stage: 'build', property: 'timeout', value: 30 }), /timeout-minutes: 30/);
    assert.match(edit(text, { op: 'setProperty', stage: 'build', property: 'environment', value: { name: 'staging' } }), /environment: staging/);
    refused(text, { op: 'setProperty', stage: 'build', property: 'strategy', value: { kind: 'runOnce' } }, /"build" is read-only \(it expands into several jobs through `strategy.matrix`\)/);
  });

  test('issue #10: a reusable-workflow job is renamed (its key is its own), and so are its needs', () => {
    const text = dedent`
      on: push
      jobs:
        build:
          runs-on: ubuntu-latest
          steps: [{run: make}]
        release:
          needs: build
          uses: octo/workflows/.github/workflows/release.yml@v1
    `;
    assert.equal(edit(text, { op: 'renameStage', stage: 'release', newId: 'ship' }), text.replace('  release:\n', '  ship:\n'));
    assert.equal(edit(text, { op: 'renameStage', stage: 'build', newId: 'compile' }), text.replace('  build:\n', '  compile:\n').replace('needs: build', 'needs: compile'));
    // What it runs is still out of reach.
    // GitHub itself allows no runs-on or environment on such a job: a platform rule, said as one.
    refused(text, { op: 'setProperty', stage: 'release', property: 'runner', value: 'ubuntu-24.04' }, /"release" calls a reusable workflow, and GitHub allows no runner on such a job; set it in the called workflow$/);
    const env = planOperation(text, { op: 'setProperty', stage: 'release', property: 'environment', value: { name: 'prod' } });
    assert.equal(env.ok, false);
    assert.equal(!env.ok && env.platform, 'reusable-workflow-call');
  });
});

describe('deleteStage', () => {
  test('removes a middle job, keeping one blank line between jobs; the block list item naming it names what it needed', () => {
    assertEdit(
      WORKFLOW,
      { op: 'deleteStage', stage: 'test' },
      WORKFLOW.replace('  test:\n    needs: build\n    runs-on: ubuntu-latest\n    steps:\n      - run: make test\n\n', '').replace('      - test\n', '      - build\n'),
      [[13, 18], [28, 28]],
    );
  });

  test('a need the job already has is not written twice: the item just goes', () => {
    const deleted = edit(WORKFLOW, { op: 'deleteStage', stage: 'test' });
    const result = edit(deleted, { op: 'deleteStage', stage: 'lint' });
    assert.ok(result.includes('    needs:\n      - build\n    runs-on'), result);
    assert.ok(!result.includes('lint'), result);
  });

  test('removes a scalar needs and a one-item flow needs entirely', () => {
    const text = dedent`
      on: push
      jobs:
        build:
          runs-on: ubuntu-latest
          steps: [{run: make}]
        test:
          needs: build # after the build
          runs-on: ubuntu-latest
          steps: [{run: make test}]
        lint:
          runs-on: ubuntu-latest
          needs: [ build ]
          steps: [{run: make lint}]
    `;
    assertEdit(
      text,
      { op: 'deleteStage', stage: 'build' },
      dedent`
        on: push
        jobs:
          test:
            runs-on: ubuntu-latest
            steps: [{run: make test}]
          lint:
            runs-on: ubuntu-latest
            steps: [{run: make lint}]
      `,
      [[3, 7], [12, 12]],
    );
  });

  test('the last job takes the blank line above it along', () => {
    const result = edit(WORKFLOW, { op: 'deleteStage', stage: 'package' });
    assert.equal(result, WORKFLOW.slice(0, WORKFLOW.indexOf('\n  package:')));
    assert.ok(result.endsWith('      - run: make lint\n'));
  });

  test('the first job leaves no blank line under jobs:', () => {
    const text = dedent`
      on: push
      jobs:
        lint:
          runs-on: ubuntu-latest
          steps: [{run: make lint}]

        test:
          runs-on: ubuntu-latest
          steps: [{run: make test}]
    `;
    assert.equal(edit(text, { op: 'deleteStage', stage: 'lint' }), 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps: [{run: make test}]\n');
  });

  test('takes the comments that introduce the job and the comments inside it, not the next job\'s', () => {
    const text = dedent`
      on: push
      jobs:
        build:
          runs-on: ubuntu-latest
          steps:
            - run: make

        # Lint the sources
        # (fast)
        lint:
          runs-on: ubuntu-latest
          steps:
            - run: make lint
            # - run: make lint-docs

        # Tests
        test:
          runs-on: ubuntu-latest
          steps:
            - run: make test
    `;
    assertEdit(
      text,
      { op: 'deleteStage', stage: 'lint' },
      dedent`
        on: push
        jobs:
          build:
            runs-on: ubuntu-latest
            steps:
              - run: make

          # Tests
          test:
            runs-on: ubuntu-latest
            steps:
              - run: make test
      `,
      [[8, 15]],
    );
  });

  test('keeps a commented-out block that is not set apart from the previous job', () => {
    const text = dedent`
      on: push
      jobs:
        build:
          runs-on: ubuntu-latest
          steps: [{run: make}]
        # old:
        #   runs-on: windows-latest
        lint:
          runs-on: ubuntu-latest
          steps: [{run: make lint}]
    `;
    assert.equal(edit(text, { op: 'deleteStage', stage: 'lint' }), text.slice(0, text.indexOf('  lint:')));
  });

  test('refuses a jobs mapping written in flow style', () => {
    const text = 'on: push\njobs: {a: {runs-on: x, steps: [{run: a}]}, b: {runs-on: x, steps: [{run: b}]}}\n';
    refused(text, { op: 'deleteStage', stage: 'b' }, /`jobs:` is written as a flow mapping/);
    refused(text, { op: 'addStage', template: 'notify', id: 'notify' }, /`jobs:` is written as a flow mapping/);
  });

  test('refuses to delete the only job', () => {
    const text = 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps: [{run: make}]\n';
    refused(text, { op: 'deleteStage', stage: 'build' }, /"build" is the only job, and a workflow needs at least one/);
  });

  test('refuses a job holding an anchor that another job aliases', () => {
    const text = dedent`
      on: push
      jobs:
        build:
          runs-on: &runner ubuntu-latest
          steps: [{run: make}]
        test:
          runs-on: *runner
          steps: [{run: make test}]
    `;
    refused(text, { op: 'deleteStage', stage: 'build' }, /"build" cannot be edited here: `\*runner` \(line 7\) reuses text written in it, which deleting it would leave pointing at nothing; change it in the text$/);
    refused(text, { op: 'setProperty', stage: 'test', property: 'runner', value: 'macos-latest' }, /"test" cannot be edited here: its `runs-on:` \(line 7\) uses a YAML alias; change it in the text$/);
    // Issue #10: what is plainly its own text is edited; the anchor and the alias stay as written.
    assert.equal(edit(text, { op: 'setProperty', stage: 'test', property: 'timeout', value: 5 }), text.replace('    runs-on: *runner\n', '    runs-on: *runner\n    timeout-minutes: 5\n'));
    assert.equal(edit(text, { op: 'deleteStage', stage: 'test' }), text.replace('  test:\n    runs-on: *runner\n    steps: [{run: make test}]\n', ''));
  });

  test('issue #10: a job that merges another through <<: is deleted; the merged part is named when in the way', () => {
    const text = dedent`
      on: push
      x-defaults: &defaults
        runs-on: ubuntu-latest
      jobs:
        build:
          <<: *defaults
          steps: [{run: make}]
        test:
          runs-on: ubuntu-latest
          steps: [{run: make test}]
    `;
    assert.equal(edit(text, { op: 'deleteStage', stage: 'build' }), text.replace('  build:\n    <<: *defaults\n    steps: [{run: make}]\n', ''));
    refused(text, { op: 'setProperty', stage: 'build', property: 'runner', value: 'x' }, /"build" cannot be edited here: its `runs-on:` comes from `<<: \*defaults` \(line 6\); change it in the text$/);
    assert.ok(edit(text, { op: 'deleteStage', stage: 'test' }).endsWith('    steps: [{run: make}]\n'));
  });
});

describe('addDependency', () => {
  const independent = dedent`
    on: push
    jobs:
      build:
        runs-on: ubuntu-latest   # the default runner
        steps: [{run: make}]
      lint:
        runs-on: ubuntu-latest
        steps: [{run: make lint}]
      docs:
        name: Docs
        steps: [{run: make docs}]
      bare:
        steps: [{run: make bare}]
  `;

  test('absent: `needs: x` after runs-on, leaving its end-of-line comment alone', () => {
    assertEdit(
      independent,
      { op: 'addDependency', stage: 'build', dependsOn: 'lint' },
      independent.replace('# the default runner\n', '# the default runner\n    needs: lint\n'),
      [[4, 4]],
    );
  });

  test('absent, no runs-on: after name; neither: first in the job', () => {
    assert.ok(edit(independent, { op: 'addDependency', stage: 'docs', dependsOn: 'lint' }).includes('    name: Docs\n    needs: lint\n    steps'));
    assert.ok(edit(independent, { op: 'addDependency', stage: 'bare', dependsOn: 'lint' }).includes('  bare:\n    needs: lint\n    steps'));
  });

  test('scalar becomes a flow list, keeping the first reference as written', () => {
    const text = WORKFLOW.replace('needs: build', 'needs: "build"   # first');
    assertEdit(
      text,
      { op: 'addDependency', stage: 'test', dependsOn: 'lint' },
      text.replace('needs: "build"   # first', 'needs: ["build", lint]   # first'),
      [[14, 14]],
    );
  });

  test('flow list: appended before the bracket', () => {
    assertEdit(WORKFLOW, { op: 'addDependency', stage: 'lint', dependsOn: 'test' }, WORKFLOW.replace('needs: [build]', 'needs: [build, test]'), [[20, 20]]);
    const empty = WORKFLOW.replace('needs: [build]', 'needs: []');
    assertEdit(empty, { op: 'addDependency', stage: 'lint', dependsOn: 'test' }, WORKFLOW.replace('needs: [build]', 'needs: [test]'), [[20, 20]]);
  });

  test('an empty needs gets the reference as a scalar', () => {
    const empty = WORKFLOW.replace('needs: [build]', 'needs:');
    assertEdit(empty, { op: 'addDependency', stage: 'lint', dependsOn: 'test' }, WORKFLOW.replace('needs: [build]', 'needs: test'), [[20, 20]]);
    const tilde = WORKFLOW.replace('needs: [build]', 'needs: ~   # none yet');
    assertEdit(tilde, { op: 'addDependency', stage: 'lint', dependsOn: 'test' }, WORKFLOW.replace('needs: [build]', 'needs: test   # none yet'), [[20, 20]]);
  });

  test('block list: a new item at the same dash column', () => {
    assertEdit(
      WORKFLOW,
      { op: 'addDependency', stage: 'package', dependsOn: 'build' },
      WORKFLOW.replace('      - lint\n', '      - lint\n      - build\n'),
      [[29, 29]],
    );
  });

  test('refuses a cycle, an existing dependency and a job that is not there', () => {
    refused(WORKFLOW, { op: 'addDependency', stage: 'build', dependsOn: 'package' }, /that would make a cycle: build → test → package → build|that would make a cycle: build → lint → package → build/);
    refused(WORKFLOW, { op: 'addDependency', stage: 'test', dependsOn: 'build' }, /"test" already depends on "build"/);
    refused(WORKFLOW, { op: 'addDependency', stage: 'test', dependsOn: 'deploy' }, /there is no stage "deploy"/);
  });
});

describe('removeDependency', () => {
  test('scalar: the needs entry goes, with its end-of-line comment', () => {
    const text = WORKFLOW.replace('needs: build', 'needs: build   # after the build');
    assertEdit(text, { op: 'removeDependency', stage: 'test', dependsOn: 'build' }, text.replace('    needs: build   # after the build\n', ''), [[14, 14]]);
  });

  test('flow list: one item goes; the last one takes the entry along', () => {
    const two = WORKFLOW.replace('needs: [build]', 'needs: [build, test]');
    assertEdit(two, { op: 'removeDependency', stage: 'lint', dependsOn: 'build' }, WORKFLOW.replace('needs: [build]', 'needs: [test]'), [[20, 20]]);
    assertEdit(two, { op: 'removeDependency', stage: 'lint', dependsOn: 'test' }, WORKFLOW, [[20, 20]]);
    assertEdit(WORKFLOW, { op: 'removeDependency', stage: 'lint', dependsOn: 'build' }, WORKFLOW.replace('    needs: [build]\n', ''), [[20, 20]]);
  });

  test('block list: one item goes and the list form stays; the last one takes the entry along', () => {
    const one = WORKFLOW.replace('      - test\n', '');
    assertEdit(WORKFLOW, { op: 'removeDependency', stage: 'package', dependsOn: 'test' }, one, [[28, 28]]);
    assertEdit(one, { op: 'removeDependency', stage: 'package', dependsOn: 'lint' }, one.replace('    needs:\n      - lint\n', ''), [[27, 28]]);
  });

  test('a reference listed twice goes entirely', () => {
    const text = WORKFLOW.replace('needs: [build]', 'needs: [build, test, build]');
    assertEdit(text, { op: 'removeDependency', stage: 'lint', dependsOn: 'build' }, WORKFLOW.replace('needs: [build]', 'needs: [test]'), [[20, 20]]);
  });

  test('comments under the list stay with the list; a comment at the key column stays', () => {
    const text = dedent`
      on: push
      jobs:
        a:
          runs-on: ubuntu-latest
          steps: [{run: a}]
        b:
          runs-on: ubuntu-latest
          needs:
            - a
            # - c (later)
          # the steps
          steps: [{run: b}]
    `;
    assertEdit(
      text,
      { op: 'removeDependency', stage: 'b', dependsOn: 'a' },
      text.replace('    needs:\n      - a\n      # - c (later)\n', ''),
      [[8, 10]],
    );
  });

  test('refuses a dependency that is not there', () => {
    refused(WORKFLOW, { op: 'removeDependency', stage: 'lint', dependsOn: 'test' }, /"lint" does not depend on "test"/);
  });
});

describe('addStage', () => {
  test('at the end, set apart by a blank line like the other jobs', () => {
    const result = edit(WORKFLOW, { op: 'addStage', template: 'notify', id: 'notify' });
    assert.ok(result.startsWith(WORKFLOW));
    assert.equal(
      result.slice(WORKFLOW.length),
      '\n' +
        dedent`
          notify:
            name: Notify
            runs-on: ubuntu-latest
            if: \${{ always() }}
            steps:
              - name: Post the result to the chat webhook
                env:
                  WEBHOOK_URL: \${{ secrets.CHAT_WEBHOOK_URL }}
                  RESULT: \${{ contains(needs.*.result, 'failure') && 'failed' || 'succeeded' }}
                run: |
                  curl -fsS --retry 3 -X POST -H "Content-Type: application/json" \\
                    --data "{\\"text\\": \\"$GITHUB_WORKFLOW #$GITHUB_RUN_NUMBER $RESULT: $GITHUB_SERVER_URL/$GITHUB_REPOSITORY/actions/runs/$GITHUB_RUN_ID\\"}" \\
                    "$WEBHOOK_URL"
        `.replace(/^(?=.)/gm, '  '),
    );
  });

  test('between two connected jobs: placed after the first, the second now needs it', () => {
    const result = edit(WORKFLOW, { op: 'addStage', template: 'approval-delayed', id: 'wait', after: 'build', before: 'test' });
    assert.equal(
      result,
      WORKFLOW.replace(
        '      - run: make\n\n',
        '      - run: make\n\n' +
          dedent`
            wait:
              name: Wait 30 minutes
              runs-on: ubuntu-latest
              needs: build
              timeout-minutes: 45
              steps:
                - name: Wait before continuing
                  run: |
                    echo "Waiting 30 minutes; cancel the run to stop here"
                    sleep 30m
          `.replace(/^(?=.)/gm, '  ') +
          '\n',
      ).replace('  test:\n    needs: build', '  test:\n    needs: wait'),
    );
    const graph = parsePipeline(result, { dialect: 'github' });
    assert.deepEqual(graph.nodes.find((n) => n.id === 'wait')?.gate, { kind: 'delayed', after: '30 minutes' });
  });

  test('after and before not connected: before gains the new job in its needs', () => {
    const result = edit(WORKFLOW, { op: 'addStage', template: 'security-scan', id: 'scan', after: 'lint', before: 'test' });
    assert.ok(result.includes('  test:\n    needs: [build, scan]\n'), result);
    assert.ok(result.includes('      - run: make lint\n\n  scan:\n    name: Security scan\n    runs-on: ubuntu-latest\n    needs: lint\n'), result);
  });

  test('only before: the new job goes at the end and before needs it', () => {
    const result = edit(WORKFLOW, { op: 'addStage', template: 'unit-tests', id: 'unit', before: 'package' });
    assert.ok(result.includes('      - test\n      - lint\n      - unit\n'), result);
    assert.ok(result.includes('      - run: docker build .\n\n  unit:\n    name: Unit tests\n'), result);
  });

  test('jobs not set apart by blank lines get none', () => {
    const text = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps: [{run: a}]\n  b:\n    runs-on: ubuntu-latest\n    steps: [{run: b}]\n';
    const result = edit(text, { op: 'addStage', template: 'verify-health', id: 'verify', after: 'a' });
    assert.equal(
      result,
      text.replace(
        '  b:\n',
        '  verify:\n    name: Verify health\n    runs-on: ubuntu-latest\n    needs: a\n    steps:\n      - name: Poll the health endpoint\n' +
          '        run: curl -fsS --retry 10 --retry-delay 15 --retry-all-errors --max-time 10 "${{ vars.PRODUCTION_URL }}/healthz"\n  b:\n',
      ),
    );
  });

  test('there is a GitHub job for every palette template and no other', () => {
    assert.deepEqual([...GITHUB_TEMPLATE_NAMES].sort(), TEMPLATES.map((t) => t.name).sort());
  });

  test('every template inserts and is read back as its kind, without problems', () => {
    const text = 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps: [{run: make}]\n';
    for (const template of TEMPLATES) {
      const result = edit(text, { op: 'addStage', template: template.name, id: 'stage', after: 'build' });
      const graph = parsePipeline(result, { dialect: 'github' });
      const node = graph.nodes.find((n) => n.id === 'stage');
      assert.equal(node?.kind, template.kind, template.name);
      assert.deepEqual(graph.problems, [], template.name);
      assert.deepEqual(node?.marks, [], template.name);
      // A production template is read back as the strategy it is named for; no other claims one.
      assert.equal(node?.strategy, /^deploy-production-(rolling|blue-green|canary)$/.exec(template.name)?.[1], template.name);
    }
  });

  test('refuses a bad id, a taken id and an unknown template', () => {
    refused(WORKFLOW, { op: 'addStage', template: 'notify', id: 'send notice' }, /"send notice" is not a valid GitHub job id/);
    refused(WORKFLOW, { op: 'addStage', template: 'notify', id: 'lint' }, /a stage named "lint" already exists/);
    refused(WORKFLOW, { op: 'addStage', template: 'teleport', id: 'x' }, /there is no template named "teleport"/);
    refused(WORKFLOW, { op: 'addStage', template: 'notify', id: 'x', after: 'package', before: 'build' }, /"build" comes before "package"; a stage between them would make a cycle/);
  });
});

describe('moveToStage and strategy', () => {
  test('moving is refused: GitHub has no stages', () => {
    refused(WORKFLOW, { op: 'moveToStage', stage: 'test', to: 'deploy' }, /GitHub Actions has no stages to move a job between/);
  });

  test('strategy is refused unless the steps already do it', () => {
    refused(WORKFLOW, { op: 'setProperty', stage: 'test', property: 'strategy', value: { kind: 'canary', steps: [10, 50] } }, /GitHub Actions has no strategy setting.*its steps show no rollout strategy.*"Deploy to production \(canary\)" template/);
    const text = 'on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    environment: production\n    steps:\n      - name: Shift traffic to the canary\n        run: kubectl argo rollouts set image app app=x\n';
    assert.equal(edit(text, { op: 'setProperty', stage: 'deploy', property: 'strategy', value: { kind: 'canary', steps: [10] } }), text);
    refused(text, { op: 'setProperty', stage: 'deploy', property: 'strategy', value: null }, /its steps do a canary rollout/);
  });
});

describe('setProperty', () => {
  const job = dedent`
    on: push
    jobs:
      build:
        runs-on: ubuntu-latest
        steps: [{run: make}]
      deploy:
        name: 'Deploy'
        needs: build
        runs-on: [self-hosted, linux]   # our runners
        environment: staging
        steps:
          # ship it
          - run: make deploy
  `;

  test('name: replaced keeping its quotes, added first, removed', () => {
    assertEdit(job, { op: 'setProperty', stage: 'deploy', property: 'name', value: 'Ship' }, job.replace("name: 'Deploy'", "name: 'Ship'"), [[7, 7]]);
    assertEdit(job, { op: 'setProperty', stage: 'build', property: 'name', value: 'Build it' }, job.replace('  build:\n', '  build:\n    name: Build it\n'), [[4, 4]]);
    assertEdit(job, { op: 'setProperty', stage: 'deploy', property: 'name', value: null }, job.replace("    name: 'Deploy'\n", ''), [[7, 7]]);
  });

  test('runner: a scalar replaced in place; a list becomes the scalar; clearing is refused', () => {
    assertEdit(job, { op: 'setProperty', stage: 'build', property: 'runner', value: 'macos-14' }, job.replace('runs-on: ubuntu-latest', 'runs-on: macos-14'), [[4, 4]]);
    assertEdit(
      job,
      { op: 'setProperty', stage: 'deploy', property: 'runner', value: 'ubuntu-24.04' },
      job.replace('runs-on: [self-hosted, linux]   # our runners', 'runs-on: ubuntu-24.04   # our runners'),
      [[9, 9]],
    );
    refused(job, { op: 'setProperty', stage: 'build', property: 'runner', value: null }, /every GitHub job that runs steps needs `runs-on:`/);
  });

  test('condition: `if:` added after needs, replaced, removed', () => {
    assertEdit(
      job,
      { op: 'setProperty', stage: 'deploy', property: 'condition', value: "github.ref == 'refs/heads/main'" },
      job.replace('    runs-on: [self-hosted, linux]   # our runners\n', "    runs-on: [self-hosted, linux]   # our runners\n    if: github.ref == 'refs/heads/main'\n"),
      [[9, 9]],
    );
    const withIf = job.replace('    environment: staging\n', '    if: success()\n    environment: staging\n');
    assertEdit(withIf, { op: 'setProperty', stage: 'deploy', property: 'condition', value: '!cancelled()' }, withIf.replace('if: success()', "if: '!cancelled()'"), [[10, 10]]);
    assertEdit(withIf, { op: 'setProperty', stage: 'deploy', property: 'condition', value: null }, job, [[10, 10]]);
  });

  test('timeout: minutes, durations converted, expressions kept, nonsense refused, cleared', () => {
    const with30 = job.replace('    environment: staging\n', '    environment: staging\n    timeout-minutes: 30\n');
    assertEdit(job, { op: 'setProperty', stage: 'deploy', property: 'timeout', value: 30 }, with30, [[10, 10]]);
    assertEdit(with30, { op: 'setProperty', stage: 'deploy', property: 'timeout', value: '2h' }, with30.replace('timeout-minutes: 30', 'timeout-minutes: 120'), [[11, 11]]);
    assertEdit(with30, { op: 'setProperty', stage: 'deploy', property: 'timeout', value: '90 minutes' }, with30.replace('timeout-minutes: 30', 'timeout-minutes: 90'), [[11, 11]]);
    assertEdit(
      with30,
      { op: 'setProperty', stage: 'deploy', property: 'timeout', value: '${{ vars.DEPLOY_TIMEOUT }}' },
      with30.replace('timeout-minutes: 30', 'timeout-minutes: ${{ vars.DEPLOY_TIMEOUT }}'),
      [[11, 11]],
    );
    refused(job, { op: 'setProperty', stage: 'deploy', property: 'timeout', value: 'soon' }, /timeout-minutes needs a number of minutes; "soon" is not one/);
    refused(job, { op: 'setProperty', stage: 'deploy', property: 'timeout', value: '90s' }, /whole number of minutes/);
    assertEdit(with30, { op: 'setProperty', stage: 'deploy', property: 'timeout', value: null }, job, [[11, 11]]);
  });

  test('environment: a name stays a name; a url makes a block mapping; a mapping keeps its form', () => {
    assertEdit(job, { op: 'setProperty', stage: 'deploy', property: 'environment', value: { name: 'production' } }, job.replace('environment: staging', 'environment: production'), [[10, 10]]);
    const mapped = job.replace('    environment: staging\n', '    environment:\n      name: production\n      url: https://example.com\n');
    assertEdit(job, { op: 'setProperty', stage: 'deploy', property: 'environment', value: { name: 'production', url: 'https://example.com' } }, mapped, [[10, 10]]);
    assertEdit(mapped, { op: 'setProperty', stage: 'deploy', property: 'environment', value: { name: 'staging' } }, mapped.replace('      name: production\n      url: https://example.com\n', '      name: staging\n'), [[11, 12]]);
    assertEdit(
      mapped,
      { op: 'setProperty', stage: 'deploy', property: 'environment', value: { name: 'production', url: 'https://shop.example.com' } },
      mapped.replace('url: https://example.com', 'url: https://shop.example.com'),
      [[12, 12]],
    );
    const flow = job.replace('environment: staging', "environment: { name: staging, url: 'https://staging.example.com' }");
    assertEdit(
      flow,
      { op: 'setProperty', stage: 'deploy', property: 'environment', value: { name: 'qa', url: 'https://qa.example.com' } },
      flow.replace("{ name: staging, url: 'https://staging.example.com' }", "{ name: qa, url: 'https://qa.example.com' }"),
      [[10, 10]],
    );
    assertEdit(flow, { op: 'setProperty', stage: 'deploy', property: 'environment', value: { name: 'qa' } }, flow.replace("{ name: staging, url: 'https://staging.example.com' }", '{ name: qa }'), [[10, 10]]);
  });

  test('environment: added after runs-on (and if), cleared', () => {
    assertEdit(job, { op: 'setProperty', stage: 'build', property: 'environment', value: { name: 'ci' } }, job.replace('    runs-on: ubuntu-latest\n', '    runs-on: ubuntu-latest\n    environment: ci\n'), [[4, 4]]);
    const cleared = edit(job, { op: 'setProperty', stage: 'deploy', property: 'environment', value: null });
    assert.equal(cleared, job.replace('    environment: staging\n', ''));
    assert.equal(parsePipeline(cleared, { dialect: 'github' }).nodes.find((n) => n.id === 'deploy')?.environment, undefined);
  });
});

describe('gates', () => {
  const text = dedent`
    on: push
    jobs:
      build:
        runs-on: ubuntu-latest
        steps: [{run: make}]
      deploy:
        name: Deploy
        needs: build
        runs-on: ubuntu-latest
        environment: production
        steps:
          # ship it
          - run: make deploy
  `;

  const approvalStep = (withLines: string) =>
    '      - name: Wait for approval\n        uses: trstringer/manual-approval@v1\n        with:\n          secret: ${{ github.TOKEN }}\n' + withLines;

  test('manual: an approval step goes first, above the comment of the first step', () => {
    const manual = text.replace(
      '      # ship it\n',
      approvalStep('          approvers: ${{ vars.APPROVERS }}\n          minimum-approvals: 1\n          issue-title: Approve Deploy\n') + '      # ship it\n',
    );
    assertEdit(text, { op: 'setProperty', stage: 'deploy', property: 'gate', value: { kind: 'manual' } }, manual, [[12, 12]]);
    const graph = parsePipeline(manual, { dialect: 'github' });
    const deploy = graph.nodes.find((n) => n.id === 'deploy');
    assert.equal(deploy?.kind, 'deploy');
    assert.equal(deploy?.gate?.kind, 'manual');
    // Already gated: nothing to write.
    assert.equal(edit(manual, { op: 'setProperty', stage: 'deploy', property: 'gate', value: { kind: 'manual' } }), manual);
    // Cleared: the step goes, the rest stays.
    assertEdit(manual, { op: 'setProperty', stage: 'deploy', property: 'gate', value: null }, text, [[12, 18]]);
  });

  test('an approval step gets the issues: write its action needs, wherever the file sets permissions', () => {
    const manual = { op: 'setProperty', stage: 'deploy', property: 'gate', value: { kind: 'manual' } } as const;
    const permissionsOf = (yaml: string) => parseYamlSource(yaml).doc.toJS().jobs.deploy.permissions;
    // The workflow's permissions would block it: the job gets its own, the workflow's plus issues.
    const workflowLevel = `permissions:\n  contents: read\n  packages: write\n${text}`;
    const gated = edit(workflowLevel, manual);
    assert.deepEqual(permissionsOf(gated), { contents: 'read', issues: 'write', packages: 'write' });
    assert.match(gated, /    environment: production\n    permissions:\n      contents: read\n      issues: write\n      packages: write\n    steps:\n/);
    assert.deepEqual(parseYamlSource(gated).doc.toJS().permissions, { contents: 'read', packages: 'write' }, 'the workflow keeps its own');
    // The job's own permissions: issues is added among them, or raised to write.
    const jobLevel = text.replace('    environment: production\n', '    environment: production\n    permissions:\n      contents: read\n      pull-requests: write\n');
    assert.deepEqual(permissionsOf(edit(jobLevel, manual)), { contents: 'read', issues: 'write', 'pull-requests': 'write' });
    assert.match(edit(jobLevel, manual), /      contents: read\n      issues: write\n      pull-requests: write\n/);
    const readOnly = jobLevel.replace('      pull-requests: write\n', '      issues: read\n');
    assert.deepEqual(permissionsOf(edit(readOnly, manual)), { contents: 'read', issues: 'write' });
    // write-all already has it; read-all cannot be widened for one scope without guessing the rest.
    assert.equal(permissionsOf(edit(`permissions: write-all\n${text}`, manual)), undefined);
    refused(`permissions: read-all\n${text}`, manual, /the workflow gives the token `permissions: read-all`, and the approval step needs `issues: write`/);
    // No permissions anywhere: the repository's default applies, and is left alone.
    assert.equal(permissionsOf(edit(text, manual)), undefined);
  });

  test('approvers: named approvers and instructions, new or on the existing step', () => {
    const gated = edit(text, { op: 'setProperty', stage: 'deploy', property: 'gate', value: { kind: 'approvers', approvers: ['alice', 'bob'], instructions: 'Check the dashboards first.' } });
    assert.equal(
      gated,
      text.replace(
        '      # ship it\n',
        approvalStep('          approvers: alice,bob\n          issue-title: Approve Deploy\n          issue-body: Check the dashboards first.\n') + '      # ship it\n',
      ),
    );
    assert.deepEqual(parsePipeline(gated, { dialect: 'github' }).nodes.find((n) => n.id === 'deploy')?.gate, {
      kind: 'manual',
      approvers: ['alice', 'bob'],
      instructions: 'Check the dashboards first.',
    });
    assertEdit(
      gated,
      { op: 'setProperty', stage: 'deploy', property: 'gate', value: { kind: 'approvers', approvers: ['carol'] } },
      gated.replace('approvers: alice,bob', 'approvers: carol'),
      [[16, 16]],
    );
  });

  test('the manual gate is a job whose environment is the gate, with a comment saying where its reviewers are set', () => {
    const workflow = crlf(`permissions:\n  contents: read\n${text}`);
    const gated = edit(workflow, { op: 'addStage', template: 'approval-manual', id: 'approve', after: 'build', before: 'deploy' });
    assert.ok(
      gated.includes(
        crlf(
          '  approve:\n    name: Approval gate\n    runs-on: ubuntu-latest\n    needs: build\n' +
            '    # Required reviewers of production-approval are set in the repository settings (Settings > Environments).\n' +
            '    environment: production-approval\n    steps:\n      - name: Record the approval\n' +
            '        run: echo "Approved by a required reviewer of the production-approval environment"\n',
        ),
      ),
      gated,
    );
    const approve = parsePipeline(gated, { dialect: 'github' }).nodes.find((n) => n.id === 'approve');
    assert.deepEqual([approve?.kind, approve?.environment, approve?.gate], ['approval-gate', 'production-approval', undefined]);
    // No third-party action, so nothing the workflow's `permissions:` could block.
    assert.doesNotMatch(gated, /manual-approval/);
  });

  test('the issue-based multi-approver gate carries the permission its action needs', () => {
    const gated = edit(text, { op: 'addStage', template: 'approval-approvers', id: 'approve', after: 'build', before: 'deploy' });
    const body = parseYamlSource(gated).doc.toJS().jobs.approve;
    assert.equal(body.steps[0].uses, 'trstringer/manual-approval@v1');
    // Job-level permissions replace the workflow's for the job: it needs issues: write and nothing else.
    assert.deepEqual(body.permissions, { issues: 'write' });
  });

  test('a job that is only the approval cannot lose it; delete the stage instead', () => {
    const gate = edit(text, { op: 'addStage', template: 'approval-approvers', id: 'approve', after: 'build', before: 'deploy' });
    refused(gate, { op: 'setProperty', stage: 'approve', property: 'gate', value: null }, /"approve" does nothing but wait for approval; delete the stage/);
  });

  test('delayed: a wait job is retimed; a job that does work is refused with the reason', () => {
    const waiting = edit(text, { op: 'addStage', template: 'approval-delayed', id: 'wait', after: 'build', before: 'deploy' });
    const retimed = edit(waiting, { op: 'setProperty', stage: 'wait', property: 'gate', value: { kind: 'delayed', after: '40 minutes' } });
    assert.equal(retimed, waiting.replace('sleep 30m', 'sleep 40m'));
    refused(waiting, { op: 'setProperty', stage: 'wait', property: 'gate', value: { kind: 'delayed', after: '1 hour' } }, /"wait" times out after 45 minutes, before a wait of 1 hour would end/);
    refused(text, { op: 'setProperty', stage: 'deploy', property: 'gate', value: { kind: 'delayed', after: '30 minutes' } }, /GitHub has no delayed gate to set on a job: an environment wait timer is configured in the repository settings/);
    refused(waiting, { op: 'setProperty', stage: 'wait', property: 'gate', value: { kind: 'manual' } }, /"wait" is a timed wait/);
    refused(waiting, { op: 'setProperty', stage: 'wait', property: 'gate', value: null }, /"wait" is itself the wait; delete the stage/);
  });

  test('a hand-written wait in a block scalar is retimed in place', () => {
    const wait = dedent`
      on: push
      jobs:
        hold:
          runs-on: ubuntu-latest
          steps:
            - run: >-
                sleep 600
    `;
    assert.equal(edit(wait, { op: 'setProperty', stage: 'hold', property: 'gate', value: { kind: 'delayed', after: '2 hours' } }), wait.replace('sleep 600', 'sleep 2h'));
  });
});

describe('the file keeps its own style', () => {
  test('CRLF: every operation writes CRLF and leaves the other lines as they were', () => {
    const text = crlf(WORKFLOW);
    assert.equal(edit(text, { op: 'renameStage', stage: 'build', newId: 'compile' }), crlf(edit(WORKFLOW, { op: 'renameStage', stage: 'build', newId: 'compile' })));
    assert.equal(edit(text, { op: 'deleteStage', stage: 'test' }), crlf(edit(WORKFLOW, { op: 'deleteStage', stage: 'test' })));
    assert.equal(edit(text, { op: 'deleteStage', stage: 'package' }), crlf(edit(WORKFLOW, { op: 'deleteStage', stage: 'package' })));
    assert.equal(edit(text, { op: 'addDependency', stage: 'package', dependsOn: 'build' }), crlf(edit(WORKFLOW, { op: 'addDependency', stage: 'package', dependsOn: 'build' })));
    assert.equal(edit(text, { op: 'removeDependency', stage: 'package', dependsOn: 'lint' }), crlf(edit(WORKFLOW, { op: 'removeDependency', stage: 'package', dependsOn: 'lint' })));
    const added = { op: 'addStage', template: 'rollback-auto', id: 'rollback', after: 'test', before: 'package' } as const;
    assert.equal(edit(text, added), crlf(edit(WORKFLOW, added)));
    const env = { op: 'setProperty', stage: 'test', property: 'environment', value: { name: 'qa', url: 'https://qa.example.com' } } as const;
    assert.equal(edit(text, env), crlf(edit(WORKFLOW, env)));
    const gate = { op: 'setProperty', stage: 'test', property: 'gate', value: { kind: 'manual' } } as const;
    assert.equal(edit(text, gate), crlf(edit(WORKFLOW, gate)));
  });

  test('4-space indentation', () => {
    const text = [
      'on: push',
      'jobs:',
      '    build:',
      '        runs-on: ubuntu-latest',
      '        steps:',
      '            - run: make',
      '    test:',
      '        needs:',
      '            - build',
      '        runs-on: ubuntu-latest',
      '        steps:',
      '            - run: make test',
      '',
    ].join('\n');
    assert.equal(
      edit(text, { op: 'addStage', template: 'approval-approvers', id: 'approve', after: 'build', before: 'test' }),
      [
        'on: push',
        'jobs:',
        '    build:',
        '        runs-on: ubuntu-latest',
        '        steps:',
        '            - run: make',
        '    approve:',
        '        name: Release approval',
        '        runs-on: ubuntu-latest',
        '        needs: build',
        '        permissions:',
        '            issues: write',
        '        timeout-minutes: 360',
        '        steps:',
        '            - name: Wait for approval',
        '              uses: trstringer/manual-approval@v1',
        '              with:',
        '                  secret: ${{ github.TOKEN }}',
        '                  approvers: ${{ vars.RELEASE_APPROVERS }}',
        '                  issue-title: Release ${{ github.sha }} to production',
        '                  issue-body: Check the staging smoke tests and the release notes, then comment "approve" or "deny".',
        '    test:',
        '        needs:',
        '            - approve',
        '        runs-on: ubuntu-latest',
        '        steps:',
        '            - run: make test',
        '',
      ].join('\n'),
    );
    assertEdit(
      text,
      { op: 'setProperty', stage: 'build', property: 'environment', value: { name: 'ci', url: 'https://ci.example.com' } },
      text.replace('ubuntu-latest\n        steps:\n            - run: make\n', 'ubuntu-latest\n        environment:\n            name: ci\n            url: https://ci.example.com\n        steps:\n            - run: make\n'),
      [[4, 4]],
    );
  });

  test('4-space indentation with sequences flush with their key', () => {
    const text = ['on: push', 'jobs:', '    build:', '        runs-on: ubuntu-latest', '        steps:', '        - run: make', '    test:', '        needs:', '        - build', '        steps:', '        - run: make test', ''].join('\n');
    assert.equal(
      edit(text, { op: 'addStage', template: 'approval-manual', id: 'approve', after: 'build', before: 'test' }),
      [
        'on: push', 'jobs:', '    build:', '        runs-on: ubuntu-latest', '        steps:', '        - run: make',
        '    approve:',
        '        name: Approval gate',
        '        runs-on: ubuntu-latest',
        '        needs: build',
        '        # Required reviewers of production-approval are set in the repository settings (Settings > Environments).',
        '        environment: production-approval',
        '        steps:',
        '        - name: Record the approval',
        '          run: echo "Approved by a required reviewer of the production-approval environment"',
        '    test:', '        needs:', '        - approve', '        steps:', '        - run: make test', '',
      ].join('\n'),
    );
  });

  test('block sequences flush with their key', () => {
    const text = [
      'on: push',
      'jobs:',
      '  build:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '    - run: make',
      '  test:',
      '    needs:',
      '    - build',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '    - run: make test',
      '  docs:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '    - run: make docs',
      '',
    ].join('\n');
    const needsDocs = text.replace('    - build\n', '    - build\n    - docs\n');
    assertEdit(text, { op: 'addDependency', stage: 'test', dependsOn: 'docs' }, needsDocs, [[9, 9]]);
    assertEdit(needsDocs, { op: 'removeDependency', stage: 'test', dependsOn: 'build' }, text.replace('    - build\n', '    - docs\n'), [[9, 9]]);
    assertEdit(text, { op: 'removeDependency', stage: 'test', dependsOn: 'build' }, text.replace('    needs:\n    - build\n', ''), [[8, 9]]);
    assertEdit(
      text,
      { op: 'setProperty', stage: 'docs', property: 'gate', value: { kind: 'manual' } },
      text.replace(
        '    - run: make docs\n',
        '    - name: Wait for approval\n      uses: trstringer/manual-approval@v1\n      with:\n        secret: ${{ github.TOKEN }}\n' +
          '        approvers: ${{ vars.APPROVERS }}\n        minimum-approvals: 1\n        issue-title: Approve docs\n    - run: make docs\n',
      ),
      [[16, 16]],
    );
  });
});

describe('awkward but valid files', () => {
  const text = dedent`
    name: Release   # the release workflow

    on: [push, workflow_dispatch]



    jobs:
      build:                          # compile
        runs-on: ubuntu-latest        # hosted
        steps:
          - run: >-
              make all
              && make package
          - run: ./scripts/a-rather-long-command --with-many-options --and-more-options --that-keep-going --until-the-line-is-far-longer-than-eighty-columns


      test:                           # unit tests
        needs: [ build ]              # after the build
        runs-on: ubuntu-latest        # hosted
        steps:
          - {run: make test, name: "Unit tests"}
  `;

  test('aligned end-of-line comments and runs of blank lines stay where they are', () => {
    assertEdit(
      text,
      { op: 'renameStage', stage: 'build', newId: 'compile' },
      text.replace('  build:', '  compile:').replace('[ build ]', '[ compile ]'),
      [[8, 8], [18, 18]],
    );
    assertEdit(text, { op: 'removeDependency', stage: 'test', dependsOn: 'build' }, text.replace('    needs: [ build ]              # after the build\n', ''), [[18, 18]]);
    assertEdit(
      text,
      { op: 'setProperty', stage: 'build', property: 'runner', value: 'ubuntu-24.04' },
      text.replace('runs-on: ubuntu-latest        # hosted\n    steps:\n      - run: >-', 'runs-on: ubuntu-24.04        # hosted\n    steps:\n      - run: >-'),
      [[9, 9]],
    );
    assertEdit(text, { op: 'setProperty', stage: 'build', property: 'name', value: 'Build' }, text.replace('# compile\n', '# compile\n    name: Build\n'), [[8, 8]]);
  });

  test('a last job takes its blank run along; a new job is set apart like the others', () => {
    assert.equal(edit(text, { op: 'deleteStage', stage: 'test' }), text.slice(0, text.indexOf('\n\n\n  test:') + 1));
    const added = edit(text, { op: 'addStage', template: 'e2e-tests', id: 'e2e', after: 'test' });
    assert.ok(added.startsWith(`${text}\n  e2e:\n    name: E2E smoke tests\n    runs-on: ubuntu-latest\n    needs: test\n`), added);
  });

  test('a flow step map: the approval step goes above it in block form', () => {
    assertEdit(
      text,
      { op: 'setProperty', stage: 'test', property: 'gate', value: { kind: 'approvers', approvers: ['ops-lead'] } },
      text.replace(
        '      - {run: make test',
        '      - name: Wait for approval\n        uses: trstringer/manual-approval@v1\n        with:\n          secret: ${{ github.TOKEN }}\n' +
          '          approvers: ops-lead\n          issue-title: Approve test\n      - {run: make test',
      ),
      [[20, 20]],
    );
  });

  test('no final line break: none is added, none is lost', () => {
    const bare = text.replace(/\n$/, '');
    assert.equal(edit(bare, { op: 'deleteStage', stage: 'test' }), text.slice(0, text.indexOf('\n\n\n  test:')));
    const added = edit(bare, { op: 'addStage', template: 'notify', id: 'notify', after: 'test' });
    assert.ok(added.startsWith(`${bare}\n\n  notify:\n`), added);
    assert.ok(added.endsWith('"$WEBHOOK_URL"'), added.slice(-40));
    const tail = 'on: push\njobs:\n  a:\n    runs-on: x\n    steps: [{run: a}]\n  b:\n    runs-on: x\n    steps: [{run: b}]\n    needs:\n      - a';
    assert.equal(edit(tail, { op: 'removeDependency', stage: 'b', dependsOn: 'a' }), tail.slice(0, tail.indexOf('\n    needs:')));
    assert.equal(edit(tail, { op: 'setProperty', stage: 'a', property: 'timeout', value: 5 }), tail.replace('steps: [{run: a}]', 'timeout-minutes: 5\n    steps: [{run: a}]'));
    assert.equal(edit(tail, { op: 'deleteStage', stage: 'b' }), tail.slice(0, tail.indexOf('\n  b:')));
  });
});

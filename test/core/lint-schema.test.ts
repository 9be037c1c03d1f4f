// The schema rule (src/core/rules/schema.ts) with the vendored schemas compiled as the command
// line compiles them: where it fires, the words and ranges of its findings, what it leaves alone
// (open values, known schema faults), and that it runs only when given a validator.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parsePipelineFully } from '../../src/core/edit/plan';
import type { Dialect } from '../../src/core/model';
import { lintPipeline } from '../../src/core/rules/engine';
import { schemaValidators } from '../../src/schemaCheck/validators';
import { repoRoot } from '../helpers/corpus';
import { dedent } from '../helpers/text';

const schema = schemaValidators(join(repoRoot, 'schemas'));

/** `line:column-endColumn message` of each schema finding. */
function found(dialect: Dialect, text: string): string[] {
  return lintPipeline(parsePipelineFully(text, { dialect }), undefined, { schema })
    .filter((f) => f.code === 'schema')
    .map((f) => `${f.range.startLine}:${f.range.startColumn}-${f.range.endColumn} ${f.message}`);
}

describe('schema: github', () => {
  test('a missing runner: the job form with fewest complaints (not the reusable-workflow call), on the job key', () => {
    assert.deepEqual(found('github', 'on: push\njobs:\n  build:\n    steps:\n      - run: make\n'), ['3:3-8 `runs-on` is missing in job "build"']);
    // Neither form's settings: both forms' requirements, in one message.
    assert.deepEqual(found('github', 'on: push\njobs:\n  build:\n    name: x\n'), ['3:3-8 job "build" needs `runs-on` or `uses`']);
  });
  test('the form the job is meant to have: its wrong type, unknown settings, a step\'s unknown key', () => {
    const text = dedent`
      on: push
      jobs:
        build:
          runs-on: ubuntu-latest
          timeout-minutes: soon
          stepz: []
          steps:
            - run: make
              shel: bash
    `;
    assert.deepEqual(found('github', text), [
      '5:22-26 `timeout-minutes` of job "build" must be a number or an expression `${{ … }}`',
      '6:5-10 `stepz` is not a setting of job "build"',
      '9:9-13 `shel` is not a setting of step 1 of job "build"',
    ]);
  });
  test('an unknown event; a whole-expression value and an empty env value are not judged', () => {
    assert.deepEqual(found('github', 'on: [push, pul_request]\njobs:\n  a:\n    runs-on: x\n    steps: [{run: a}]\n'), ['1:12-23 item 2 of `on` must be one of the 34 values the schema lists']);
    const open = 'on: push\njobs:\n  a:\n    runs-on: x\n    timeout-minutes: ${{ inputs.minutes }}\n    env:\n      EMPTY:\n    steps: [{run: a}]\n';
    assert.deepEqual(found('github', open), []);
  });
  test('a valid workflow has no finding, and without a validator the rule does not run', () => {
    const text = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps: [{uses: actions/checkout@v4}]\n';
    assert.deepEqual(found('github', text), []);
    const bad = 'on: push\njobs:\n  build:\n    steps:\n      - run: make\n';
    assert.equal(lintPipeline(parsePipelineFully(bad, { dialect: 'github' })).filter((f) => f.code === 'schema').length, 0);
  });
});

describe('schema: gitlab', () => {
  test('types and allowed values, worded for a person', () => {
    assert.deepEqual(found('gitlab', 'build:\n  stage: [build]\n  script: make\n  when: sometimes\n'), [
      '2:10-17 `stage` of job "build" must be a string',
      '4:9-18 `when` of job "build" must be `on_success`, `on_failure`, `always`, `manual`, `delayed` or `never`',
    ]);
    assert.deepEqual(found('gitlab', 'build:\n  image: node\n'), ['1:1-6 job "build" needs `script`, `extends` or `trigger`']);
  });
  test('merge keys are followed; `!reference` and settings an included file may give are not judged', () => {
    assert.deepEqual(found('gitlab', '.base: &base\n  script: [make]\nbuild:\n  <<: *base\n  stage: test\n'), []);
    assert.deepEqual(found('gitlab', '.s:\n  script: [make]\nbuild:\n  script: !reference [.s, script]\n'), []);
    assert.deepEqual(found('gitlab', 'include: [{local: ci/jobs.yml}]\nbuild:\n  variables: {A: "1"}\n'), []);
  });
  test('a finding is silenced by a disable comment like any rule\'s', () => {
    assert.deepEqual(found('gitlab', 'build:\n  # pipewright-disable-next-line schema our runner takes a list\n  stage: [build]\n  script: make\n'), []);
  });
});

describe('schema: azure', () => {
  test('an unknown step key and an unknown job setting; numbers where text is meant are fine', () => {
    const text = dedent`
      trigger: [main]
      stages:
        - stage: A
          jobs:
            - job: B
              timeoutInMinutes: 10
              steps:
                - script: make
                - scrip: oops
    `;
    assert.deepEqual(found('azure', text), ['9:13-18 `scrip` is not a setting of step 2 of job "B"']);
    assert.deepEqual(found('azure', 'jobs:\n  - job: A\n    pool: {vmImage: ubuntu-latest}\n    stepz: []\n'), ['4:5-10 `stepz` is not a setting of job "A"']);
  });
  test('template expressions as keys leave their mapping to the run; Marketplace tasks and their inputs are not judged', () => {
    const text = dedent`
      steps:
        - task: SomeVendor.Extension@3
          inputs:
            anything: true
        - script: make
          \${{ if eq(parameters.debug, true) }}:
            env: {DEBUG: '1'}
    `;
    assert.deepEqual(found('azure', text), []);
  });
});

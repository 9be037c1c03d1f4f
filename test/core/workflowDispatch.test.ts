// Reading what a workflow asks for when it is started by hand: `on.workflow_dispatch` and its
// inputs, in every form `on:` is written, with the problems a person should fix named by line.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { checkDispatchValue, dispatchInputValues, readDispatchTrigger, type DispatchInput } from '../../src/core/workflowDispatch';
import { corpusAvailable, corpusEntries, corpusSkipReason, repoRoot } from '../helpers/corpus';
import { dedent } from '../helpers/text';

const JOBS = 'jobs:\n  a:\n    runs-on: ubuntu-latest\n    steps: [{run: echo}]\n';

function present(text: string): { inputs: DispatchInput[]; problems: { message: string; line: number }[] } {
  const r = readDispatchTrigger(text);
  assert.equal(r.kind, 'present', JSON.stringify(r));
  const { inputs, problems } = r as Extract<typeof r, { kind: 'present' }>;
  return { inputs, problems };
}

describe('readDispatchTrigger', () => {
  test('every form of on: that holds workflow_dispatch', () => {
    for (const on of ['on: workflow_dispatch', 'on: [push, workflow_dispatch]', 'on:\n  - push\n  - workflow_dispatch', 'on:\n  workflow_dispatch:', 'on: {push: {branches: [main]}, workflow_dispatch: {}}', '"on":\n  workflow_dispatch: null']) {
      assert.deepEqual(present(`${on}\n${JOBS}`), { inputs: [], problems: [] }, on);
    }
  });

  test('a workflow without it lists the events it has', () => {
    assert.deepEqual(readDispatchTrigger(`on:\n  push:\n    branches: [main]\n  pull_request:\n${JOBS}`), { kind: 'absent', events: ['push', 'pull_request'] });
    assert.deepEqual(readDispatchTrigger(`on: push\n${JOBS}`), { kind: 'absent', events: ['push'] });
  });

  test('the inputs with their types, options, defaults and required, in file order', () => {
    const { inputs, problems } = present(dedent`
      on:
        workflow_dispatch:
          inputs:
            version:
              description: Version to release
              required: true
            channel:
              type: choice
              options: [stable, beta]
              default: stable
            dry_run:
              type: boolean
              default: false
            replicas:
              type: number
              default: 3
            target:
              type: environment
            notes:
    ` + JOBS);
    assert.deepEqual(problems, []);
    assert.deepEqual(inputs, [
      { name: 'version', type: 'string', required: true, description: 'Version to release', line: 4 },
      { name: 'channel', type: 'choice', required: false, options: ['stable', 'beta'], default: 'stable', line: 7 },
      { name: 'dry_run', type: 'boolean', required: false, default: 'false', line: 11 },
      { name: 'replicas', type: 'number', required: false, default: '3', line: 14 },
      { name: 'target', type: 'environment', required: false, line: 17 },
      { name: 'notes', type: 'string', required: false, line: 19 },
    ]);
  });

  test('problems are named by line; a broken input is left out, a bad default dropped', () => {
    const { inputs, problems } = present(dedent`
      on:
        workflow_dispatch:
          inputs:
            level:
              type: severity
            mode:
              type: choice
            size:
              type: choice
              options: [s, m]
              default: xl
            flag:
              required: maybe
    ` + JOBS);
    assert.deepEqual(inputs.map((i) => [i.name, i.default, i.required]), [['size', undefined, false], ['flag', undefined, false]]);
    assert.deepEqual(problems.map((p) => [p.line, p.message]), [
      [5, 'input "level": type "severity" is not one of string, boolean, choice, number, environment'],
      [6, 'input "mode": a choice needs `options:`, a list of values'],
      [11, 'input "size": its default "xl" is not one of "s", "m"'],
      [13, 'input "flag": `required` should be true or false'],
    ]);
  });

  test('on: that cannot be followed says why, with its line', () => {
    assert.deepEqual(readDispatchTrigger(`name: x\n${JOBS}`), { kind: 'unreadable', reason: 'the workflow has no `on:` (what starts it)' });
    const alias = readDispatchTrigger(`x: &t [push]\non: *t\n${JOBS}`);
    assert.deepEqual(alias, { kind: 'unreadable', reason: '`on:` is an alias (line 2); change it in the text' });
    const broken = readDispatchTrigger('on: [push\njobs: {}\n');
    assert.equal(broken.kind, 'unreadable');
    // The bracket that runs on is the cause, not the key the parser tripped on after it.
    const runsOn = readDispatchTrigger(`on:\n  workflow_dispatch:\n    inputs: [oops\n      env: x\n\n${JOBS}`);
    assert.deepEqual(runsOn, { kind: 'unreadable', reason: 'the file does not parse (missing closing ]: the list opened here runs on to line 4, line 3:13)' });
  });

  test('the fixture release workflow of the local API server', () => {
    const text = readFileSync(join(repoRoot, 'test', 'providers', 'github', 'fixtures', '.github', 'workflows', 'release.yml'), 'utf8');
    const { inputs, problems } = present(text);
    assert.deepEqual(problems, []);
    assert.deepEqual(inputs.map((i) => i.name), ['version', 'channel', 'dry_run']);
  });

  test('the corpus: every workflow reads without throwing, and GitHub-valid defaults are accepted', { skip: !corpusAvailable() && corpusSkipReason }, () => {
    let withInputs = 0;
    for (const entry of corpusEntries().filter((e) => e.dialect === 'github')) {
      const r = readDispatchTrigger(readFileSync(entry.absolutePath, 'utf8'));
      if (r.kind === 'present' && r.inputs.length > 0) withInputs++;
      if (r.kind === 'present') assert.deepEqual(r.problems.filter((p) => /default/.test(p.message)), [], entry.file);
    }
    assert.ok(withInputs >= 5, `only ${withInputs} corpus workflows declare dispatch inputs`);
  });
});

describe('checking and sending values', () => {
  const input = (over: Partial<DispatchInput>): DispatchInput => ({ name: 'x', type: 'string', required: false, line: 1, ...over });

  test('each type says what is wrong with a value', () => {
    assert.equal(checkDispatchValue(input({ required: true }), ''), '"x" is required');
    assert.equal(checkDispatchValue(input({}), ''), undefined);
    assert.equal(checkDispatchValue(input({ type: 'boolean' }), 'yes'), '"yes" is not true or false');
    assert.equal(checkDispatchValue(input({ type: 'boolean' }), 'true'), undefined);
    assert.equal(checkDispatchValue(input({ type: 'number' }), '1.5e3'), undefined);
    assert.equal(checkDispatchValue(input({ type: 'number' }), 'three'), '"three" is not a number');
    assert.equal(checkDispatchValue(input({ type: 'choice', options: ['a', 'b'] }), 'c'), '"c" is not one of "a", "b"');
    assert.equal(checkDispatchValue(input({ type: 'environment' }), 'production'), undefined);
  });

  test('answers go as strings; an unanswered boolean goes as its default, other unanswered inputs are left to GitHub', () => {
    const inputs = [input({ name: 'v' }), input({ name: 'b', type: 'boolean', default: 'true' }), input({ name: 'c', type: 'boolean' }), input({ name: 'n', default: 'x' })];
    assert.deepEqual(dispatchInputValues(inputs, { v: '1.5.0', n: '' }), { v: '1.5.0', b: 'true', c: 'false', n: '' });
  });
});

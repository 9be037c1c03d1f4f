// The "only its own lines" check used by the corpus and property tests must catch edits that
// stray, and must not flag edits that stay in place. Hand-made edits, no planner involved.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { EditOperation } from '../../src/core/edit/operations';
import { parsePipeline } from '../../src/core/parse';
import { editScopeProblems } from '../helpers/editScope';
import { dedent } from '../helpers/text';

const WORKFLOW = dedent`
  name: CI
  on: push
  jobs:
    build:
      runs-on: ubuntu-latest
      steps:
        - run: make

    test:
      needs: build
      runs-on: ubuntu-latest
      steps:
        - run: make test  # slow
    deploy:
      needs: [test]
      runs-on: ubuntu-latest
      steps:
        - run: echo \${{ needs.test.outputs.version }}
`;

function problems(oldText: string, newText: string, op: EditOperation): string[] {
  return editScopeProblems(oldText, newText, parsePipeline(oldText, { dialect: oldText.includes('stages:') ? 'gitlab' : 'github' }), op);
}

describe('edit scope', () => {
  const renameTest: EditOperation = { op: 'renameStage', stage: 'test', newId: 'check' };
  const renamed = WORKFLOW.replace('  test:\n', '  check:\n').replace('needs: [test]', 'needs: [check]').replace('needs.test.', 'needs.check.');

  test('a rename may change the key, the dependency entries and the expressions naming it', () => {
    assert.deepEqual(problems(WORKFLOW, renamed, renameTest), []);
  });

  test('a rename that also changes an unrelated line is caught, with the line named', () => {
    const stray = renamed.replace('name: CI', 'name: CI2');
    assert.deepEqual(problems(WORKFLOW, stray, renameTest), ['changed outside the operation\'s lines: line 1 "name: CI"']);
  });

  test('a property edit may not touch another job', () => {
    const op: EditOperation = { op: 'setProperty', stage: 'build', property: 'runner', value: 'ubuntu-24.04' };
    const inPlace = WORKFLOW.replace('runs-on: ubuntu-latest\n    steps:\n      - run: make\n', 'runs-on: ubuntu-24.04\n    steps:\n      - run: make\n');
    assert.deepEqual(problems(WORKFLOW, inPlace, op), []);
    const everywhere = WORKFLOW.replaceAll('ubuntu-latest', 'ubuntu-24.04');
    assert.equal(problems(WORKFLOW, everywhere, op).length, 2);
  });

  test('a comment lost elsewhere is caught', () => {
    const op: EditOperation = { op: 'setProperty', stage: 'build', property: 'name', value: 'Build' };
    const edited = WORKFLOW.replace('  build:\n', '  build:\n    name: Build\n').replace('  # slow', '');
    assert.match(problems(WORKFLOW, edited, op).join('\n'), /line 13 "      - run: make test {2}# slow"/);
  });

  test('a new stage may go between stages or at the end, not inside one', () => {
    const op: EditOperation = { op: 'addStage', template: 'notify', id: 'notify' };
    const job = '  notify:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./notify\n';
    assert.deepEqual(problems(WORKFLOW, WORKFLOW + job, op), []);
    assert.deepEqual(problems(WORKFLOW, WORKFLOW.replace('  deploy:\n', `${job}  deploy:\n`), op), []);
    const inside = WORKFLOW.replace('    steps:\n      - run: make\n', `    steps:\n${job}      - run: make\n`);
    assert.deepEqual(problems(WORKFLOW, inside, op), ['lines inserted before line 7, away from the operation\'s lines and from any stage boundary']);
  });

  test('losing or gaining the final line break is caught; appending after a last line without one is not a change to it', () => {
    const op: EditOperation = { op: 'setProperty', stage: 'deploy', property: 'timeout', value: 10 };
    assert.deepEqual(problems(WORKFLOW, WORKFLOW.replace(/\n$/, ''), op), ['the file lost its final line break']);
    const open = WORKFLOW.replace(/\n$/, '');
    assert.deepEqual(problems(open, `${open}\n    timeout-minutes: 10`, op), []);
    assert.deepEqual(problems(open, `${open}\n    timeout-minutes: 10\n`, op), ['the file gained its final line break']);
  });

  test('deleting one of two equal blocks is judged by the block that went, however the diff lines it up', () => {
    const gitlab = dedent`
      stages: [deploy, cleanup]
      review:
        stage: deploy
        script: deploy
        environment:
          name: review
          on_stop: stop_review
        only:
          - branches
      stop_review:
        stage: cleanup
        script: stop
        only:
          - branches
    `;
    const deleted = gitlab.replace('    on_stop: stop_review\n', '').replace(/stop_review:\n[^]*$/, '');
    assert.deepEqual(problems(gitlab, deleted, { op: 'deleteStage', stage: 'stop_review' }), []);
    // Taking review's `only:` too is caught.
    const tooMuch = deleted.replace('  only:\n    - branches\n', '');
    assert.deepEqual(problems(gitlab, tooMuch, { op: 'deleteStage', stage: 'stop_review' }), [
      'changed outside the operation\'s lines: line 8 "  only:", line 9 "    - branches"',
    ]);
  });
});

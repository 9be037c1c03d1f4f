// pinAction (GitHub): a job's steps using an action at a tag point at the commit's full sha, the
// tag kept in a comment, byte for byte; what cannot be done safely is refused and changes nothing.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyOperations } from '../../src/core/edit/plan';
import { parseOperation } from '../../src/core/edit/operations';
import { dedent } from '../helpers/text';

const SHA = '08c6903cd8c0fde910a37f88322edcfb5dd907a8';

const WORKFLOW = dedent`
  on: push
  jobs:
    build:
      runs-on: ubuntu-latest
      steps:
        - uses: actions/checkout@v4
        - uses: 'docker/setup-buildx-action@v3'
          with: {install: true}
        - run: make
    other:
      runs-on: ubuntu-latest
      steps:
        - uses: docker/setup-buildx-action@v3
`;

const pin = (text: string, stage: string, uses: string) => applyOperations(text, [{ op: 'pinAction', stage, uses, sha: SHA }], { dialect: 'github' });

describe('pinAction', () => {
  test('the step\'s value and only it: quoting kept, the tag in a comment; other jobs untouched', () => {
    const r = pin(WORKFLOW, 'build', 'docker/setup-buildx-action@v3');
    assert.ok(r.ok, r.ok ? '' : r.reason);
    assert.equal(r.text, WORKFLOW.replace(`      - uses: 'docker/setup-buildx-action@v3'\n`, `      - uses: 'docker/setup-buildx-action@${SHA}' # v3\n`));
  });
  test('refused, changing nothing: a comment already there, a flow step, no such step, another dialect', () => {
    const commented = WORKFLOW.replace("'docker/setup-buildx-action@v3'", "'docker/setup-buildx-action@v3' # keep");
    const r1 = pin(commented, 'build', 'docker/setup-buildx-action@v3');
    assert.ok(!r1.ok && /has a comment after it on its line/.test(r1.reason), r1.ok ? '' : r1.reason);
    const flow = 'on: push\njobs:\n  a:\n    runs-on: x\n    steps: [{uses: o/r@v1, with: {a: 1}}]\n';
    const r2 = pin(flow, 'a', 'o/r@v1');
    assert.ok(!r2.ok && /has more after it on its line/.test(r2.reason), r2.ok ? '' : r2.reason);
    const r3 = pin(WORKFLOW, 'build', 'o/r@v1');
    assert.ok(!r3.ok && /no step of job "build" uses o\/r@v1/.test(r3.reason), r3.ok ? '' : r3.reason);
    const r4 = applyOperations('build:\n  script: [make]\n', [{ op: 'pinAction', stage: 'build', uses: 'o/r@v1', sha: SHA }], { dialect: 'gitlab' });
    assert.ok(!r4.ok && /for GitHub Actions workflows/.test(r4.reason));
  });
  test('the operation is validated: a full sha and OWNER/REPO@REF', () => {
    assert.ok(parseOperation({ op: 'pinAction', stage: 'a', uses: 'o/r@v1', sha: SHA }).ok);
    const short = parseOperation({ op: 'pinAction', stage: 'a', uses: 'o/r@v1', sha: SHA.slice(0, 7) });
    assert.ok(!short.ok && /full commit sha/.test(short.error));
    const noRef = parseOperation({ op: 'pinAction', stage: 'a', uses: 'o/r', sha: SHA });
    assert.ok(!noRef.ok && /OWNER\/REPO@REF/.test(noRef.error));
  });
});

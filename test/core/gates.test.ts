// Approval gates before production deploys (src/core/gates.ts), and the warning an edit carries
// when it takes away the last one in front of a production deploy, in every dialect.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { planOperation } from '../../src/core/edit/plan';
import type { EditOperation } from '../../src/core/edit/operations';
import { describeGateLoss, gatesBefore, isProductionLike, lostGates, type GateLoss } from '../../src/core/gates';
import type { Dialect } from '../../src/core/model';
import { parsePipeline } from '../../src/core/parse';
import { repoRoot } from '../helpers/corpus';
import { dedent } from '../helpers/text';

function losses(dialect: Dialect, text: string, op: EditOperation): GateLoss[] {
  const r = planOperation(text, op, { dialect });
  if (!r.ok) assert.fail(`${op.op} was refused: ${r.reason}`);
  return r.lostGates;
}

const GITHUB = dedent`
  on: push
  jobs:
    build:
      runs-on: ubuntu-latest
      steps: [{run: make}]
    staging:
      needs: build
      runs-on: ubuntu-latest
      environment: staging
      steps: [{run: ./deploy.sh staging}]
    approve:
      needs: staging
      runs-on: ubuntu-latest
      steps:
        - uses: trstringer/manual-approval@v1
          with: {approvers: release-managers}
    production:
      needs: [build, approve]
      runs-on: ubuntu-latest
      environment: prod-eu
      steps: [{run: ./deploy.sh prod}]
`;

const GITLAB = dedent`
  stages: [build, staging, approve, production]
  build:
    stage: build
    script: make
  deploy-staging:
    stage: staging
    script: ./deploy.sh staging
    environment: staging
  sign-off:
    stage: approve
    when: manual
    allow_failure: false
    script: echo approved
  deploy-production:
    stage: production
    script: ./deploy.sh production
    environment: {name: Production}
`;

describe('production-like environments', () => {
  test('a word or a -/_/. separated part is prod, production, prd or live, in any case', () => {
    for (const env of ['production', 'Production', 'prod', 'prod-eu', 'eu_prd', 'eu.live', 'LIVE', 'Production EU', 'production-approval']) {
      assert.equal(isProductionLike(env), true, env);
    }
    for (const env of ['staging', 'product', 'products-eu', 'livestream', 'delivery', 'prodigy', 'review/prod', '', undefined]) {
      assert.equal(isProductionLike(env), false, String(env));
    }
  });
});

describe('the gates a node waits for', () => {
  test('GitHub: a gate on any way there holds a deploy back, though another need skips it', () => {
    const gates = gatesBefore(parsePipeline(GITHUB, { dialect: 'github' }));
    assert.deepEqual(gates('production'), ['approve']);
    assert.deepEqual(gates('staging'), []);
  });

  test('GitLab: the stage order and when: manual; a deploy with a gate of its own counts itself', () => {
    const gates = gatesBefore(parsePipeline(GITLAB, { dialect: 'gitlab' }));
    assert.deepEqual(gates('deploy-production'), ['sign-off']);
    const self = gatesBefore(parsePipeline(GITLAB.replace('  environment: {name: Production}\n', '  environment: {name: Production}\n  when: manual\n'), { dialect: 'gitlab' }));
    assert.deepEqual(self('deploy-production').sort(), ['deploy-production', 'sign-off']);
  });

  test('Azure: a gate job in a stage the deploy\'s stage depends on; not a job that comes after it', () => {
    const sample = readFileSync(join(repoRoot, 'samples', 'azure-pipelines.yml'), 'utf8');
    const gates = gatesBefore(parsePipeline(sample, { dialect: 'azure' }));
    assert.deepEqual(gates('Production/DeployProduction'), ['Approval/WaitForValidation']);
    assert.deepEqual(gates('Staging/DeployStaging'), []);
  });
});

describe('an edit that takes away the last gate before a production deploy says so', () => {
  test('GitHub: deleting the manual-approval job', () => {
    const found = losses('github', GITHUB, { op: 'deleteStage', stage: 'approve' });
    assert.deepEqual(found, [{ deploy: 'production', environment: 'prod-eu', gates: ['approve'] }]);
    assert.equal(describeGateLoss(found[0]), '"production" deploys to prod-eu, and no approval gate would hold it back any more ("approve" does now)');
    // Removing the dependency takes it away just as well.
    assert.equal(losses('github', GITHUB, { op: 'removeDependency', stage: 'production', dependsOn: 'approve' }).length, 1);
    // Deleting something else does not.
    assert.deepEqual(losses('github', GITHUB, { op: 'deleteStage', stage: 'staging' }), []);
  });

  test('GitLab: deleting the when: manual job, or clearing its gate', () => {
    assert.deepEqual(losses('gitlab', GITLAB, { op: 'deleteStage', stage: 'sign-off' }), [{ deploy: 'deploy-production', environment: 'Production', gates: ['sign-off'] }]);
    assert.equal(losses('gitlab', GITLAB, { op: 'setProperty', stage: 'sign-off', property: 'gate', value: null }).length, 1);
    // The sample's production deploy is manual itself: deleting the staging deploy before it keeps it gated.
    const sample = readFileSync(join(repoRoot, 'samples', '.gitlab-ci.yml'), 'utf8');
    assert.deepEqual(losses('gitlab', sample, { op: 'deleteStage', stage: 'deploy-staging' }), []);
  });

  test('Azure: deleting the stage holding the ManualValidation@0 job (the sample)', () => {
    const sample = readFileSync(join(repoRoot, 'samples', 'azure-pipelines.yml'), 'utf8');
    assert.deepEqual(losses('azure', sample, { op: 'deleteStage', stage: 'Approval' }), [
      { deploy: 'Production/DeployProduction', environment: 'production', gates: ['Approval/WaitForValidation'] },
    ]);
  });

  test('no warning while another gate still stands in front, or for a deploy that is gone', () => {
    const twoGates = GITHUB.replace('    needs: [build, approve]\n', '    needs: [build, approve, second]\n').replace(
      '  production:\n',
      '  second:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: trstringer/manual-approval@v1\n  production:\n',
    );
    assert.deepEqual(losses('github', twoGates, { op: 'deleteStage', stage: 'approve' }), []);
    assert.deepEqual(losses('github', GITHUB, { op: 'deleteStage', stage: 'production' }), []);
  });

  test('lostGates compares two graphs: a deploy moved off production needs no gate', () => {
    const before = parsePipeline(GITHUB, { dialect: 'github' });
    const after = parsePipeline(GITHUB.replace('environment: prod-eu', 'environment: qa').replace('needs: [build, approve]', 'needs: [build]'), { dialect: 'github' });
    assert.deepEqual(lostGates(before, after), []);
  });

  // Depends on kind inference calling the sample's approve job (environment production-approval,
  // a GitHub environment with required reviewers) an approval gate: until then it reads as a
  // deploy, there is no gate before production, and this test is reported as to do.
  const SAMPLE = readFileSync(join(repoRoot, 'samples', '.github', 'workflows', 'deploy.yml'), 'utf8');
  const approveIsAGate = parsePipeline(SAMPLE, { dialect: 'github' }).nodes.find((n) => n.id === 'approve')?.kind === 'approval-gate';
  test('the GitHub sample: deleting approve leaves production without its gate', { todo: approveIsAGate ? false : 'approve is not inferred as an approval gate yet' }, () => {
    assert.deepEqual(losses('github', SAMPLE, { op: 'deleteStage', stage: 'approve' }), [{ deploy: 'production', environment: 'production', gates: ['approve'] }]);
  });
});

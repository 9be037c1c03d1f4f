// The pipelines in samples/ are the first thing a user sees: what the designer says about each
// stage (kind, environment, gate, strategy) must be what its YAML says, and nothing more.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parsePipeline } from '../../src/core/parse';

const samples = join(import.meta.dirname, '..', '..', 'samples');

function described(file: string): string[] {
  const graph = parsePipeline(readFileSync(join(samples, file), 'utf8'), { fileName: file });
  assert.deepEqual(graph.problems, [], `${file} has problems`);
  return graph.nodes.map((n) =>
    [
      n.id,
      n.kind,
      n.environment !== undefined ? `env ${n.environment}` : '',
      n.gate !== undefined ? `gate ${n.gate.kind}` : '',
      n.strategy !== undefined ? `strategy ${n.strategy}` : '',
      n.marks.length > 0 ? `marks ${n.marks.join(',')}` : '',
    ].filter((part) => part !== '').join(' | '),
  );
}

test('deploy.yml: the approval environment is a gate, the test job a test, and no strategy is claimed', () => {
  assert.deepEqual(described('.github/workflows/deploy.yml'), [
    'build | build',
    // Runs the suite and an image scan: its name says test.
    'test | test',
    // `kubectl set image` rolls out however the Deployment is configured; the file does not say how.
    'staging | deploy | env staging',
    // Deploys nothing; its environment's required reviewers are the gate.
    'approve | approval-gate | env production-approval',
    'production | deploy | env production',
    'verify | verify',
    'rollback | rollback | env production',
  ]);
});

test('ci.yml: a matrix is a mark, not a deployment strategy', () => {
  assert.deepEqual(described('.github/workflows/ci.yml'), [
    'lint | test',
    'typecheck | test',
    'unit | test | marks matrix',
    'package | build',
  ]);
});

test('.gitlab-ci.yml: the delayed performance check is a verify', () => {
  assert.deepEqual(described('.gitlab-ci.yml'), [
    'build | build',
    'unit-tests | test',
    'container-scan | security-scan',
    'deploy-staging | deploy | env staging',
    'deploy-production | deploy | env production | gate manual',
    'performance-check | verify | gate delayed',
    'rollback | rollback | env production',
  ]);
});

test('azure-pipelines.yml: strategies as its deployment jobs write them', () => {
  assert.deepEqual(described('azure-pipelines.yml'), [
    'Build | build',
    'Build/BuildAndTest | test',
    'Staging | deploy | env staging | strategy runOnce',
    'Staging/DeployStaging | deploy | env staging | strategy runOnce',
    'Approval | approval-gate | gate approvers',
    'Approval/WaitForValidation | approval-gate | gate approvers',
    'Production | deploy | env production | strategy canary',
    'Production/DeployProduction | deploy | env production | strategy canary',
  ]);
});

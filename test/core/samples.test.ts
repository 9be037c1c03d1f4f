// The pipelines in samples/ are the first thing a user sees: what the designer says about each
// stage (kind, environment, gate, strategy) must be what its YAML says, and nothing more.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { composeGraph } from '../../src/core/compose/composeGraph';
import type { ProjectFiles } from '../../src/core/compose/projectFiles';
import { pipelineToEdit, planComposedOperation } from '../../src/core/edit/composedPlan';
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

// A pipeline split over files, as most real Azure projects are: the designer draws it whole and
// changes a template's job in every region that uses it.
const azureProject: ProjectFiles = {
  readFile: (path) => (existsSync(join(samples, path)) ? readFileSync(join(samples, path), 'utf8') : undefined),
  listFiles: () => [],
};

test('.azure-pipelines/multi-region.yml: its stage template drawn once per region, each waiting for what it is passed', () => {
  const path = '.azure-pipelines/multi-region.yml';
  const graph = composeGraph('azure', path, azureProject.readFile(path)!, azureProject);
  assert.deepEqual(graph.problems, []);
  assert.deepEqual(graph.nodes.map((n) => `${n.id} | ${n.kind}${n.environment ? ` | env ${n.environment}` : ''}${n.strategy ? ` | strategy ${n.strategy}` : ''} | ${n.file ?? path}`), [
    `Build | build | ${path}`,
    `Build/Package | build | ${path}`,
    'Deploy_eu | deploy | env production-eu | strategy canary | .azure-pipelines/templates/deploy-region.yml',
    'Deploy_eu/Rollout | deploy | env production-eu | strategy canary | .azure-pipelines/templates/deploy-region.yml',
    'Deploy_eu/Smoke | integration-test | .azure-pipelines/templates/deploy-region.yml',
    'Deploy_us | deploy | env production-us | strategy canary | .azure-pipelines/templates/deploy-region.yml',
    'Deploy_us/Rollout | deploy | env production-us | strategy canary | .azure-pipelines/templates/deploy-region.yml',
    'Deploy_us/Smoke | integration-test | .azure-pipelines/templates/deploy-region.yml',
  ]);
  assert.deepEqual(graph.edges.filter((e) => !e.from.includes('/')).map((e) => `${e.from} → ${e.to}`), ['Build → Deploy_eu', 'Deploy_eu → Deploy_us']);
  // Renaming the Build stage changes what the first region is passed, not the template.
  const renamed = planComposedOperation(pipelineToEdit('azure', path, azureProject.readFile(path)!, azureProject), { op: 'renameStage', stage: 'Build', newId: 'Compile' });
  assert.ok(renamed.ok, renamed.ok ? '' : renamed.reason);
  assert.deepEqual(renamed.changes.map((c) => c.path), [path]);
  assert.match(renamed.changes[0].text, /- stage: Compile\n[\s\S]*after: \[Compile\]\n/);
  // Deleting a region deletes its use of the template (samples/README.md, step 5).
  const deleted = planComposedOperation(pipelineToEdit('azure', path, azureProject.readFile(path)!, azureProject), { op: 'deleteStage', stage: 'Deploy_eu' });
  assert.ok(deleted.ok, deleted.ok ? '' : deleted.reason);
  assert.deepEqual(deleted.changes.map((c) => c.path), [path]);
  assert.equal((deleted.changes[0].text.match(/- template: templates\/deploy-region\.yml/g) ?? []).length, 1);
  assert.match(deleted.changes[0].text, /region: us\n    after: \[Build\]/);
});

test('.azure-pipelines/templates/deploy-region.yml: a job renamed in its own designer is renamed in both regions', () => {
  const path = '.azure-pipelines/templates/deploy-region.yml';
  const project: ProjectFiles = { ...azureProject, listFiles: () => ['.azure-pipelines/multi-region.yml', path, '.azure-pipelines/templates/build-steps.yml'] };
  const text = project.readFile(path)!;
  const planned = planComposedOperation(pipelineToEdit('azure', path, text, project), { op: 'renameStage', stage: 'Deploy_${{ parameters.region }}/Rollout', newId: 'Canary' });
  assert.ok(planned.ok, planned.ok ? '' : planned.reason);
  assert.deepEqual(planned.changes.map((c) => [c.path, c.text]), [[path, text.replace('deployment: Rollout', 'deployment: Canary').replace('dependsOn: Rollout', 'dependsOn: Canary')]]);
});

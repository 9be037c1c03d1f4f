// The rules behind the canvas gestures (webview/src/edit/gestures.ts), in plain Node.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { connectOperation, deleteOperations, renameOperation, renameStart } from '../../webview/src/edit/gestures';
import { azurePipeline, githubRelease, gitlabPipeline } from './pipelineYaml';

describe('gesture rules', () => {
  it('a connection makes the target depend on the source, unless it would be pointless or touches a read-only job', () => {
    const graph = githubRelease();
    assert.deepEqual(connectOperation(graph, 'scan', 'rollback'), { ok: true, value: { op: 'addDependency', stage: 'rollback', dependsOn: 'scan' } });
    assert.deepEqual(connectOperation(graph, 'scan', 'scan'), { ok: false, reason: '"Trivy scan" cannot depend on itself.' });
    assert.deepEqual(connectOperation(graph, 'build', 'scan'), { ok: false, reason: '"Trivy scan" already depends on "Build image".' });
    assert.match((connectOperation(graph, 'scan', 'unit') as { reason: string }).reason, /^"Unit tests" is read-only in the designer \(/);
    // A read-only job can still be what another job depends on: only the dependant's YAML changes.
    assert.deepEqual(connectOperation(graph, 'unit', 'rollback'), { ok: true, value: { op: 'addDependency', stage: 'rollback', dependsOn: 'unit' } });
    assert.equal(connectOperation(graph, 'missing', 'rollback').ok, false);
  });

  it('Delete removes selected nodes in graph order, and selected dependencies that do not go with them', () => {
    const graph = githubRelease();
    assert.deepEqual(deleteOperations(graph, [], [{ from: 'scan', to: 'deploy-staging' }]), {
      operations: [{ op: 'removeDependency', stage: 'deploy-staging', dependsOn: 'scan' }],
      refused: [],
    });
    // As a selection box leaves it: nodes plus the edges touching them, and one unrelated edge.
    const boxed = deleteOperations(graph, ['rollback', 'build'], [
      { from: 'build', to: 'scan' },
      { from: 'deploy-prod', to: 'rollback' },
      { from: 'scan', to: 'deploy-staging' },
    ]);
    assert.deepEqual(boxed.operations, [
      { op: 'deleteStage', stage: 'build' },
      { op: 'deleteStage', stage: 'rollback' },
      { op: 'removeDependency', stage: 'deploy-staging', dependsOn: 'scan' },
    ]);
    const nodes = deleteOperations(graph, ['rollback', 'unit', 'build'], []);
    assert.deepEqual(nodes.operations, [{ op: 'deleteStage', stage: 'build' }, { op: 'deleteStage', stage: 'rollback' }]);
    assert.equal(nodes.refused.length, 1);
    assert.match(nodes.refused[0], /"Unit tests" is read-only/);
    const intoReadOnly = deleteOperations(graph, [], [{ from: 'build', to: 'unit' }]);
    assert.deepEqual(intoReadOnly.operations, []);
    assert.match(intoReadOnly.refused[0], /"Unit tests" is read-only/);
  });

  it('Azure: a job inside a selected stage goes with the stage; GitLab: jobs of one lane are deleted one by one', () => {
    assert.deepEqual(deleteOperations(azurePipeline(), ['Build/Docker', 'Build', 'Test/Unit'], []).operations, [
      { op: 'deleteStage', stage: 'Build' },
      { op: 'deleteStage', stage: 'Test/Unit' },
    ]);
    const gitlab = gitlabPipeline();
    const compile = gitlab.nodes.find((n) => n.id === 'compile')!;
    assert.equal(compile.stage, 'build');
    assert.deepEqual(deleteOperations(gitlab, ['compile', 'package'], []).operations, [
      { op: 'deleteStage', stage: 'compile' },
      { op: 'deleteStage', stage: 'package' },
    ]);
  });

  it('rename starts from the id (an Azure job from its own part) and sends only real changes', () => {
    assert.deepEqual(renameStart(githubRelease(), 'deploy-prod'), { ok: true, value: 'deploy-prod' });
    assert.deepEqual(renameStart(azurePipeline(), 'Prod/Deploy'), { ok: true, value: 'Deploy' });
    assert.deepEqual(renameStart(azurePipeline(), 'Prod'), { ok: true, value: 'Prod' });
    assert.equal(renameStart(githubRelease(), 'unit').ok, false);
    assert.deepEqual(renameOperation(azurePipeline(), 'Prod/Deploy', ' Release '), {
      ok: true,
      value: { op: 'renameStage', stage: 'Prod/Deploy', newId: 'Release' },
    });
    assert.deepEqual(renameOperation(azurePipeline(), 'Prod/Deploy', 'Deploy'), { ok: true, value: undefined });
    assert.deepEqual(renameOperation(githubRelease(), 'build', '   '), { ok: false, reason: 'Enter a name, or press Escape to cancel.' });
  });
});

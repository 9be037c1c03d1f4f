// The rules behind the canvas gestures (webview/src/edit/gestures.ts), in plain Node.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { connectOperation, deleteOperations, renameOperation, renameStart } from '../../webview/src/edit/gestures';
import { parsePipeline } from '../../src/core/parse';
import { azurePipeline, githubRelease, gitlabPipeline } from './pipelineYaml';

// A job calling a reusable workflow, and an Azure template item: parts the platform or the
// template file own (issue #10's read-only only where it must be).
const callerAndTemplate = () => ({
  github: parsePipeline('on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps: [{run: make}]\n  release:\n    needs: build\n    uses: ./.github/workflows/release.yml\n', { dialect: 'github' }),
  azure: parsePipeline('stages:\n- template: stages/build.yml\n- stage: Test\n  jobs:\n  - job: Unit\n    steps:\n    - script: make test\n', { dialect: 'azure' }),
});

describe('gesture rules', () => {
  it('a connection makes the target depend on the source, unless it would be pointless or touches a read-only job', () => {
    const graph = githubRelease();
    assert.deepEqual(connectOperation(graph, 'scan', 'rollback'), { ok: true, value: { op: 'addDependency', stage: 'rollback', dependsOn: 'scan' } });
    assert.deepEqual(connectOperation(graph, 'scan', 'scan'), { ok: false, reason: '"Trivy scan" cannot depend on itself.' });
    assert.deepEqual(connectOperation(graph, 'build', 'scan'), { ok: false, reason: '"Trivy scan" already depends on "Build image".' });
    // A matrix job's needs are its own (issue #10): connected like any other.
    assert.deepEqual(connectOperation(graph, 'scan', 'unit'), { ok: true, value: { op: 'addDependency', stage: 'unit', dependsOn: 'scan' } });
    assert.deepEqual(connectOperation(graph, 'unit', 'rollback'), { ok: true, value: { op: 'addDependency', stage: 'rollback', dependsOn: 'unit' } });
    // A template item's dependencies are written in its template file: not offered, saying so.
    const { azure } = callerAndTemplate();
    assert.match((connectOperation(azure, 'Test', 'template:stages/build.yml') as { reason: string }).reason, /is a `- template:` reference, which Azure Pipelines allows only `template:` and `parameters:`; its dependencies are written in the template file\.$/);
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
    assert.deepEqual(nodes.operations, [{ op: 'deleteStage', stage: 'build' }, { op: 'deleteStage', stage: 'unit' }, { op: 'deleteStage', stage: 'rollback' }]);
    assert.deepEqual(nodes.refused, []);
    assert.deepEqual(deleteOperations(graph, [], [{ from: 'build', to: 'unit' }]).operations, [{ op: 'removeDependency', stage: 'unit', dependsOn: 'build' }]);
    // The only job of a workflow: the platform rejects a workflow without one, so Delete is not sent.
    const only = parsePipeline('on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps: [{run: make}]\n', { dialect: 'github' });
    assert.deepEqual(deleteOperations(only, ['build'], []), {
      operations: [],
      refused: ['"build" is the only job, and a workflow needs at least one; add another job before deleting this one.'],
    });
  });

  it('Azure: a job inside a selected stage goes with the stage; GitLab: jobs of one lane are deleted one by one', () => {
    // Test/Unit is its stage's only job: a stage needs one (the platform's rule), so it is not sent.
    assert.deepEqual(deleteOperations(azurePipeline(), ['Build/Docker', 'Build', 'Test/Unit'], []), {
      operations: [{ op: 'deleteStage', stage: 'Build' }],
      refused: ['"Test/Unit" is the only job of stage "Test", and a stage needs at least one; delete the stage instead.'],
    });
    assert.deepEqual(deleteOperations(azurePipeline(), ['Build/Docker'], []).operations, [{ op: 'deleteStage', stage: 'Build/Docker' }]);
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
    // A matrix job's key is its own; a reusable-workflow caller's too; a template item has no name here.
    assert.deepEqual(renameStart(githubRelease(), 'unit'), { ok: true, value: 'unit' });
    const { github, azure } = callerAndTemplate();
    assert.deepEqual(renameStart(github, 'release'), { ok: true, value: 'release' });
    assert.match((renameStart(azure, 'template:stages/build.yml') as { reason: string }).reason, /its name is written in the template file\.$/);
    assert.deepEqual(renameOperation(azurePipeline(), 'Prod/Deploy', ' Release '), {
      ok: true,
      value: { op: 'renameStage', stage: 'Prod/Deploy', newId: 'Release' },
    });
    assert.deepEqual(renameOperation(azurePipeline(), 'Prod/Deploy', 'Deploy'), { ok: true, value: undefined });
    assert.deepEqual(renameOperation(githubRelease(), 'build', '   '), { ok: false, reason: 'Enter a name, or press Escape to cancel.' });
  });
});

// Azure Pipelines edits: every operation at stage and job level, checked against the whole
// expected file (so every byte outside the edited lines is proven unchanged), plus the refusals
// with their messages.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { EditOperation } from '../../src/core/edit/operations';
import { planOperation } from '../../src/core/edit/plan';
import { parsePipeline } from '../../src/core/parse';
import { azureJobTemplate, azureTemplate, AZURE_TEMPLATE_NAMES } from '../../src/core/templates/azure';
import { TEMPLATES } from '../../src/core/templates/catalog';
import { dedent } from '../helpers/text';

function edit(text: string, op: EditOperation): string {
  const r = planOperation(text, op, { dialect: 'azure' });
  if (!r.ok) assert.fail(`refused: ${r.reason}`);
  return r.text;
}

function refusal(text: string, op: EditOperation): string {
  const r = planOperation(text, op, { dialect: 'azure' });
  assert.equal(r.ok, false, `expected a refusal, got:\n${r.ok ? r.text : ''}`);
  return r.ok ? '' : r.reason;
}

function edges(text: string): string[] {
  return parsePipeline(text, { dialect: 'azure' })
    .edges.map((e) => `${e.from}->${e.to}${e.implicit ? ' (default)' : ''}`)
    .sort();
}

const THREE = dedent`
  stages:
  - stage: Build
    jobs:
    - job: Compile
      steps:
      - script: make
  - stage: Test
    displayName: Run the tests
    jobs:
    - job: Unit
      steps:
      - script: make test
  - stage: Deploy
    jobs:
    - job: Ship
      steps:
      - script: make ship
`;

describe('renameStage', () => {
  test('a stage: its name and every stage-level dependsOn naming it, in every form, quotes kept', () => {
    const text = dedent`
      stages:
      - stage: Build
        jobs:
        - job: Compile
          steps:
          - script: make
      - stage: Test
        dependsOn: Build   # scalar
        jobs:
        - job: Unit
          steps:
          - script: make test
      - stage: Lint
        dependsOn: ['Build']
        jobs:
        - job: Lint
          steps:
          - script: make lint
      - stage: Deploy
        dependsOn:
        - Test
        - "Build"
        jobs:
        - job: Build
          steps:
          - script: make ship
    `;
    assert.equal(
      edit(text, { op: 'renameStage', stage: 'Build', newId: 'Compile' }),
      text
        .replace('- stage: Build', '- stage: Compile')
        .replace('dependsOn: Build   # scalar', 'dependsOn: Compile   # scalar')
        .replace("['Build']", "['Compile']")
        .replace('- "Build"', '- "Compile"'),
    );
  });

  test('a job: `Stage/New` and `New` both rename it, with the dependsOn of the jobs beside it', () => {
    const text = dedent`
      stages:
      - stage: Build
        jobs:
        - job: Compile
          steps:
          - script: make
        - job: Package
          dependsOn: [Compile]
          steps:
          - script: make dist
      - stage: Other
        jobs:
        - job: Compile
          steps:
          - script: make other
    `;
    const expected = text.replace('- job: Compile\n    steps:\n    - script: make\n', '- job: Make\n    steps:\n    - script: make\n').replace('[Compile]', '[Make]');
    assert.equal(edit(text, { op: 'renameStage', stage: 'Build/Compile', newId: 'Build/Make' }), expected);
    assert.equal(edit(text, { op: 'renameStage', stage: 'Build/Compile', newId: 'Make' }), expected);
  });

  test('a deployment job and a top-level job', () => {
    const text = dedent`
      jobs:
      - deployment: Web
        environment: staging
        strategy:
          runOnce:
            deploy:
              steps:
              - script: ./deploy.sh
      - job: Check
        dependsOn: Web
        steps:
        - script: ./check.sh
    `;
    assert.equal(
      edit(text, { op: 'renameStage', stage: 'Web', newId: 'Site' }),
      text.replace('deployment: Web', 'deployment: Site').replace('dependsOn: Web', 'dependsOn: Site'),
    );
  });

  test('a job written without a name (Azure calls it Job) gets the name written after its key, with what waits for it', () => {
    const text = dedent`
      stages:
      - stage: Build
        jobs:
        - job:
          steps:
          - script: make
        - job: Check
          dependsOn: Job
          condition: eq(dependencies.Job.result, 'Succeeded')
          steps:
          - script: make check
      - stage: Deploy
        jobs:
        - deployment:   # the site
          environment: prod
          strategy:
            runOnce:
              deploy:
                steps:
                - script: ./deploy.sh
    `;
    assert.equal(
      edit(text, { op: 'renameStage', stage: 'Build/Job', newId: 'Compile' }),
      text.replace('- job:\n', '- job: Compile\n').replace('dependsOn: Job', 'dependsOn: Compile').replace('dependencies.Job.', 'dependencies.Compile.'),
    );
    assert.equal(edit(text, { op: 'renameStage', stage: 'Deploy/Job', newId: 'Site' }), text.replace('- deployment:   #', '- deployment: Site   #'));
    // Two unnamed jobs in one stage are `Job` and `Job#2`: which one a `dependsOn: Job` means is not written.
    const twice = text.replace('- job: Check', '- job:');
    assert.match(refusal(twice, { op: 'renameStage', stage: 'Build/Job#2', newId: 'Check' }), /not written as a plain value/);
  });

  test('refusals: a bad name, another stage', () => {
    assert.match(refusal(THREE, { op: 'renameStage', stage: 'Build', newId: '1st' }), /not a valid Azure stage name: use only letters, digits and _/);
    assert.match(refusal(THREE, { op: 'renameStage', stage: 'Build', newId: 'My-Build' }), /not a valid Azure stage name/);
    assert.match(refusal(THREE, { op: 'renameStage', stage: 'Build/Compile', newId: 'Test/Compile' }), /cannot move job "Build\/Compile" to stage "Test"; use moveToStage/);
  });

  test('issue #10: a rename follows dependencies.X and stageDependencies.X.Y in conditions and variables, each exactly', () => {
    const text = dedent`
      stages:
      - stage: Build
        jobs:
        - job: Compile
          steps:
          - script: echo "##vso[task.setvariable variable=major;isOutput=true]2"
            name: version
        - job: Check
          dependsOn: Compile
          condition: eq(dependencies.Compile.result, 'Succeeded')
          variables:
            major: $[ dependencies.Compile.outputs['version.major'] ]
          steps:
          - script: echo $(major)
      - stage: Test
        condition: eq(dependencies.build.outputs['Compile.version.major'], '2')
        variables:
          major: $[ stageDependencies.Build.Compile.outputs['Compile.version.major'] ]
        jobs:
        - job: Unit
          condition: eq(dependencies.Compile.result, 'Skipped')
          steps:
          - script: make test
    `;
    // The stage: its stage-level dependencies.build (Azure names are case-insensitive) and stageDependencies.Build;
    // the job Unit's dependencies.Compile names a job of Test, not the stage.
    const stage = planOperation(text, { op: 'renameStage', stage: 'Build', newId: 'Make' }, { dialect: 'azure' });
    assert.ok(stage.ok, stage.ok ? '' : stage.reason);
    assert.equal(stage.text, text
      .replace('- stage: Build', '- stage: Make')
      .replace('dependencies.build.outputs', 'dependencies.Make.outputs')
      .replace('stageDependencies.Build.Compile', 'stageDependencies.Make.Compile'));
    assert.equal(stage.references, 2);
    // The job: its sibling's dependsOn, dependencies.Compile and the output keys; not Test's own dependencies.Compile.
    const job = planOperation(text, { op: 'renameStage', stage: 'Build/Compile', newId: 'Make' }, { dialect: 'azure' });
    assert.ok(job.ok, job.ok ? '' : job.reason);
    assert.equal(job.text, text
      .replace('- job: Compile', '- job: Make')
      .replace('dependsOn: Compile', 'dependsOn: Make')
      .replace("eq(dependencies.Compile.result, 'Succeeded')", "eq(dependencies.Make.result, 'Succeeded')")
      .replace("dependencies.Compile.outputs['version.major']", "dependencies.Make.outputs['version.major']")
      .replace("outputs['Compile.version.major'], '2'", "outputs['Make.version.major'], '2'")
      .replace("stageDependencies.Build.Compile.outputs['Compile.version.major']", "stageDependencies.Build.Make.outputs['Make.version.major']"));
    assert.equal(job.references, 6);
  });
});

describe('deleteStage', () => {
  test('a stage relying on the default keeps relying on it: it now follows the stage before the deleted one', () => {
    const after = edit(THREE, { op: 'deleteStage', stage: 'Test' });
    assert.equal(after, THREE.replace('- stage: Test\n  displayName: Run the tests\n  jobs:\n  - job: Unit\n    steps:\n    - script: make test\n', ''));
    assert.deepEqual(edges(after), ['Build->Deploy (default)']);
  });

  test('explicit references go: a scalar becomes [], a list loses the item, a block list its line', () => {
    const text = dedent`
      stages:
      - stage: A
        jobs:
        - job: a
          steps:
          - script: echo a
      - stage: B
        dependsOn: []
        jobs:
        - job: b
          steps:
          - script: echo b
      - stage: C
        dependsOn: A
        jobs:
        - job: c
          steps:
          - script: echo c
      - stage: D
        dependsOn: [A, B]
        jobs:
        - job: d
          steps:
          - script: echo d
      - stage: E
        dependsOn:
        - B
        - A # the first one
        jobs:
        - job: e
          steps:
          - script: echo e
    `;
    const after = edit(text, { op: 'deleteStage', stage: 'A' });
    assert.equal(
      after,
      text
        .replace('- stage: A\n  jobs:\n  - job: a\n    steps:\n    - script: echo a\n', '')
        .replace('dependsOn: A\n', 'dependsOn: []\n')
        .replace('[A, B]', '[B]')
        .replace('  - A # the first one\n', ''),
    );
    assert.deepEqual(edges(after), ['B->D', 'B->E']);
  });

  test('a stage whose only dependency was the deleted one gets `dependsOn: []`, also from a block list', () => {
    const text = 'stages:\n- stage: A\n  jobs:\n  - job: a\n    steps:\n    - script: echo a\n- stage: B\n  jobs:\n  - job: b\n    steps:\n    - script: echo b\n- stage: C\n  dependsOn:\n  - A\n  jobs:\n  - job: c\n    steps:\n    - script: echo c\n';
    const after = edit(text, { op: 'deleteStage', stage: 'A' });
    assert.equal(after, text.replace('- stage: A\n  jobs:\n  - job: a\n    steps:\n    - script: echo a\n', '').replace('  dependsOn:\n  - A\n', '  dependsOn: []\n'));
    assert.deepEqual(edges(after), []);
  });

  test('a job, and the dependsOn naming it (a scalar goes entirely: jobs wait for nothing by default)', () => {
    const text = dedent`
      stages:
      - stage: Build
        jobs:
        - job: Compile
          steps:
          - script: make
        - job: Docs
          steps:
          - script: make docs
        - job: Package
          dependsOn: Compile
          steps:
          - script: make dist
        - job: Publish
          dependsOn: [Compile, Package]
          steps:
          - script: make publish
    `;
    assert.equal(
      edit(text, { op: 'deleteStage', stage: 'Build/Compile' }),
      text
        .replace('  - job: Compile\n    steps:\n    - script: make\n', '')
        .replace('    dependsOn: Compile\n', '')
        .replace('[Compile, Package]', '[Package]'),
    );
  });

  test('the last stage of a file without a final line break; the file still has none', () => {
    const text = 'stages:\n- stage: A\n  jobs:\n  - job: a\n    steps:\n    - script: echo a\n- stage: B\n  jobs:\n  - job: b\n    steps:\n    - script: echo b';
    assert.equal(edit(text, { op: 'deleteStage', stage: 'B' }), 'stages:\n- stage: A\n  jobs:\n  - job: a\n    steps:\n    - script: echo a');
  });

  test('the last stage of a file without a final line break, after blank lines: they go too, and the file still has none', () => {
    const text = 'stages:\n- stage: A\n  jobs:\n  - job: a\n    steps:\n    - script: echo a\n\n\n- stage: B\n  jobs:\n  - job: b\n    steps:\n    - script: echo b';
    assert.equal(edit(text, { op: 'deleteStage', stage: 'B' }), 'stages:\n- stage: A\n  jobs:\n  - job: a\n    steps:\n    - script: echo a');
  });

  test('refusals: the only stage, the only job of a stage, a name used in an expression', () => {
    const one = 'stages:\n- stage: A\n  jobs:\n  - job: a\n    steps:\n    - script: echo a\n';
    assert.match(refusal(one, { op: 'deleteStage', stage: 'A' }), /"A" is the only stage; a pipeline needs at least one/);
    assert.match(refusal(one, { op: 'deleteStage', stage: 'A/a' }), /"A\/a" is the only job of stage "A", and a stage needs at least one; delete the stage instead/);
    const used = THREE.replace('  jobs:\n  - job: Ship', "  variables:\n    v: $[ stageDependencies.Test.Unit.outputs['x.y'] ]\n  jobs:\n  - job: Ship");
    assert.match(refusal(used, { op: 'deleteStage', stage: 'Test' }), /an expression refers to it by name \(line 15: `\$\[ stageDependencies\.Test/);
  });
});

describe('addDependency / removeDependency: stages', () => {
  test('no dependsOn (the previous stage by default): adding writes the default out with the new name', () => {
    const after = edit(THREE, { op: 'addDependency', stage: 'Deploy', dependsOn: 'Build' });
    assert.equal(after, THREE.replace('- stage: Deploy\n', '- stage: Deploy\n  dependsOn: [Test, Build]\n'));
    assert.deepEqual(edges(after), ['Build->Deploy', 'Build->Test (default)', 'Test->Deploy']);
  });

  test('the first stage has no default: adding writes a single name, after the display name', () => {
    const text = THREE.replace('- stage: Build\n', '- stage: Build\n  displayName: Build it\n').replace('- stage: Deploy\n', '- stage: Deploy\n  dependsOn: []\n');
    const after = edit(text, { op: 'addDependency', stage: 'Build', dependsOn: 'Deploy' });
    assert.equal(after, text.replace('  displayName: Build it\n', '  displayName: Build it\n  dependsOn: Deploy\n'));
    assert.deepEqual(edges(after), ['Build->Test (default)', 'Deploy->Build']);
  });

  test('a scalar becomes a flow list; flow and block lists get one more item; [] gets the first', () => {
    const text = dedent`
      stages:
      - stage: A
        jobs:
        - job: a
          steps:
          - script: echo a
      - stage: B
        dependsOn: []
        jobs:
        - job: b
          steps:
          - script: echo b
      - stage: C
        dependsOn: 'A'
        jobs:
        - job: c
          steps:
          - script: echo c
      - stage: D
        dependsOn: [A]
        jobs:
        - job: d
          steps:
          - script: echo d
      - stage: E
        dependsOn:
          - A
        jobs:
        - job: e
          steps:
          - script: echo e
    `;
    assert.equal(edit(text, { op: 'addDependency', stage: 'B', dependsOn: 'A' }), text.replace('dependsOn: []', 'dependsOn: [A]'));
    assert.equal(edit(text, { op: 'addDependency', stage: 'C', dependsOn: 'B' }), text.replace("dependsOn: 'A'", "dependsOn: ['A', B]"));
    assert.equal(edit(text, { op: 'addDependency', stage: 'D', dependsOn: 'B' }), text.replace('dependsOn: [A]', 'dependsOn: [A, B]'));
    assert.equal(edit(text, { op: 'addDependency', stage: 'E', dependsOn: 'B' }), text.replace('    - A\n', '    - A\n    - B\n'));
  });

  test('removing the default edge writes `dependsOn: []`; removing the last written one too', () => {
    const after = edit(THREE, { op: 'removeDependency', stage: 'Test', dependsOn: 'Build' });
    assert.equal(after, THREE.replace('  displayName: Run the tests\n', '  displayName: Run the tests\n  dependsOn: []\n'));
    assert.deepEqual(edges(after), ['Test->Deploy (default)']);
    const scalar = THREE.replace('- stage: Deploy\n', '- stage: Deploy\n  dependsOn: Build\n');
    assert.equal(edit(scalar, { op: 'removeDependency', stage: 'Deploy', dependsOn: 'Build' }), THREE.replace('- stage: Deploy\n', '- stage: Deploy\n  dependsOn: []\n'));
    const block = THREE.replace('- stage: Deploy\n', '- stage: Deploy\n  dependsOn:\n  - Build\n  - Test\n');
    assert.equal(
      edit(block, { op: 'removeDependency', stage: 'Deploy', dependsOn: 'Build' }),
      THREE.replace('- stage: Deploy\n', '- stage: Deploy\n  dependsOn:\n  - Test\n'),
    );
    const flow = THREE.replace('- stage: Deploy\n', '- stage: Deploy\n  dependsOn: [Build, Test]\n');
    assert.equal(edit(flow, { op: 'removeDependency', stage: 'Deploy', dependsOn: 'Test' }), THREE.replace('- stage: Deploy\n', '- stage: Deploy\n  dependsOn: [Build]\n'));
  });
});

describe('addDependency / removeDependency: jobs', () => {
  const JOBS = dedent`
    stages:
    - stage: Build
      jobs:
      - job: Compile
        steps:
        - script: make
      - job: Lint
        displayName: Lint the code
        steps:
        - script: make lint
      - job: Package
        dependsOn:
        - Compile
        steps:
        - script: make dist
    - stage: Test
      jobs:
      - job: Unit
        steps:
        - script: make test
  `;

  test('no dependsOn means none for a job: adding writes one name; a list grows', () => {
    assert.equal(
      edit(JOBS, { op: 'addDependency', stage: 'Build/Lint', dependsOn: 'Build/Compile' }),
      JOBS.replace('    displayName: Lint the code\n', '    displayName: Lint the code\n    dependsOn: Compile\n'),
    );
    assert.equal(edit(JOBS, { op: 'addDependency', stage: 'Build/Package', dependsOn: 'Build/Lint' }), JOBS.replace('    - Compile\n', '    - Compile\n    - Lint\n'));
  });

  test('removing the last one removes the key', () => {
    assert.equal(edit(JOBS, { op: 'removeDependency', stage: 'Build/Package', dependsOn: 'Build/Compile' }), JOBS.replace('    dependsOn:\n    - Compile\n', ''));
  });

  test('refusals: across stages, and between a stage and a job', () => {
    assert.match(
      refusal(JOBS, { op: 'addDependency', stage: 'Test/Unit', dependsOn: 'Build/Compile' }),
      /a job can only depend on jobs of its own stage: "Test\/Unit" is in stage "Test" and "Build\/Compile" in "Build"; make stage "Test" depend on stage "Build" instead/,
    );
    assert.match(refusal(JOBS, { op: 'addDependency', stage: 'Test', dependsOn: 'Build/Compile' }), /stages depend on stages, jobs on jobs of the same stage/);
  });
});

describe('addStage', () => {
  const jobsOf = (text: string, id: string) => parsePipeline(text, { dialect: 'azure' }).nodes.filter((n) => n.stage === id).map((n) => n.id);

  test('between two stages joined by the default: the new stage names `after`; `before` now follows it by default', () => {
    const after = edit(THREE, { op: 'addStage', template: 'verify-health', id: 'Verify', after: 'Test', before: 'Deploy' });
    const inserted = after.slice(after.indexOf('- stage: Verify'), after.indexOf('- stage: Deploy'));
    assert.equal(after, THREE.replace('- stage: Deploy', `${inserted}- stage: Deploy`));
    assert.match(inserted, /^- stage: Verify\n  displayName: Verify health\n  dependsOn: Test\n  jobs:\n  - job: HealthCheck\n/);
    assert.deepEqual(edges(after), ['Build->Test (default)', 'Test->Verify', 'Verify->Deploy (default)']);
    assert.deepEqual(jobsOf(after, 'Verify'), ['Verify/HealthCheck']);
  });

  test('after only: the stage that followed `after` by default gets it written out, so it keeps waiting for it alone', () => {
    const after = edit(THREE, { op: 'addStage', template: 'security-scan', id: 'Scan', after: 'Build' });
    assert.ok(after.includes('  displayName: Run the tests\n  dependsOn: Build\n'), after);
    assert.deepEqual(edges(after), ['Build->Scan', 'Build->Test', 'Test->Deploy (default)']);
  });

  test('before only: inserted before it; it keeps what it waited for and waits for the new stage too', () => {
    const after = edit(THREE, { op: 'addStage', template: 'approval-manual', id: 'Approval', before: 'Deploy' });
    assert.ok(after.indexOf('- stage: Approval') < after.indexOf('- stage: Deploy'));
    assert.ok(after.includes('- stage: Deploy\n  dependsOn: [Test, Approval]\n'), after);
    assert.deepEqual(edges(after), ['Approval->Deploy', 'Build->Test (default)', 'Test->Approval (default)', 'Test->Deploy']);
  });

  test('before the first stage: before its leading comment; the old first stage now waits for it', () => {
    const text = `# the build\n${THREE.replace('stages:\n', 'stages:\n# compile first\n')}`;
    const after = edit(text, { op: 'addStage', template: 'build', id: 'Prepare', before: 'Build' });
    assert.ok(after.startsWith('# the build\nstages:\n- stage: Prepare\n  displayName: Build\n  jobs:\n'), after);
    assert.ok(after.includes('# compile first\n- stage: Build\n  jobs:'), after);
    assert.deepEqual(edges(after), ['Build->Test (default)', 'Prepare->Build (default)', 'Test->Deploy (default)']);
  });

  test('at the end without `after`: Azure default, it follows the last stage', () => {
    const after = edit(THREE, { op: 'addStage', template: 'notify', id: 'Notify' });
    assert.ok(after.startsWith(THREE));
    assert.match(after.slice(THREE.length), /^- stage: Notify\n  displayName: Notify\n  condition: always\(\)\n  jobs:\n  - job: Notify\n/);
    assert.ok(edges(after).includes('Deploy->Notify (default)'));
  });

  test('`before` with an explicit list: `after` is replaced by the new stage in it', () => {
    const text = THREE.replace('- stage: Deploy\n', '- stage: Deploy\n  dependsOn:\n  - Build\n  - Test\n');
    const after = edit(text, { op: 'addStage', template: 'e2e-tests', id: 'Smoke', after: 'Build', before: 'Deploy' });
    assert.ok(after.includes('  dependsOn:\n  - Smoke\n  - Test\n'), after);
    assert.ok(after.includes('  displayName: Run the tests\n  dependsOn: Build\n'), after);
    assert.deepEqual(edges(after), ['Build->Smoke', 'Build->Test', 'Smoke->Deploy', 'Test->Deploy']);
  });

  test('a pipeline of top-level jobs gets the template job, named by the id', () => {
    const text = 'jobs:\n- job: Build\n  steps:\n  - script: make\n- job: Ship\n  dependsOn: Build\n  steps:\n  - script: make ship\n';
    const after = edit(text, { op: 'addStage', template: 'approval-approvers', id: 'Approve', after: 'Build', before: 'Ship' });
    assert.equal(
      after,
      'jobs:\n- job: Build\n  steps:\n  - script: make\n' +
        '- job: Approve\n  displayName: Wait for the release approvers\n  dependsOn: Build\n  pool: server\n  timeoutInMinutes: 4320\n  steps:\n' +
        '  - task: ManualValidation@0\n    timeoutInMinutes: 1440\n    inputs:\n      notifyUsers: release-managers@example.com, qa-lead@example.com\n' +
        '      instructions: Review the staging results and the change log, then approve the release to production.\n      onTimeout: reject\n' +
        '- job: Ship\n  dependsOn: Approve\n  steps:\n  - script: make ship\n',
    );
  });

  test('the stage after the insertion point is read-only and follows by default: refused with the reason', () => {
    const text = dedent`
      stages:
      - stage: A
        jobs:
        - job: a
          steps:
          - script: echo a
      - \${{ if eq(variables.deploy, true) }}:
        - stage: B
          jobs:
          - job: b
            steps:
            - script: echo b
    `;
    assert.match(
      refusal(text, { op: 'addStage', template: 'notify', id: 'N', after: 'A' }),
      /"B" follows the stage before it by default and is read-only \(it uses `\$\{\{ \}\}` template expressions that are only evaluated when the pipeline is compiled\); a stage inserted/,
    );
    // At the end nothing follows, so it can go there; it follows B, the end of the if-branch, by default.
    const atEnd = edit(text, { op: 'addStage', template: 'notify', id: 'Report' });
    assert.ok(atEnd.startsWith(text) && atEnd.slice(text.length).startsWith('- stage: Report\n  displayName: Notify\n'), atEnd);
    assert.ok(edges(atEnd).includes('B->Report (default)'));
  });

  test('refusals: an invalid id, a job as `after`, a template stage as `after`', () => {
    assert.match(refusal(THREE, { op: 'addStage', template: 'build', id: 'my-stage' }), /not a valid Azure stage name/);
    assert.match(refusal(THREE, { op: 'addStage', template: 'build', id: 'X', after: 'Build/Compile' }), /"Build\/Compile" is a job; a new stage goes between stages/);
    const withTemplate = THREE.replace('- stage: Deploy', '- template: stages/extra.yml\n- stage: Deploy');
    assert.match(refusal(withTemplate, { op: 'addStage', template: 'build', id: 'X', after: 'template:stages/extra.yml' }), /cannot be named in `dependsOn`/);
  });
});

describe('moveToStage', () => {
  test('the job moves to the end of the other stage, shifted to its column; its dependsOn and references to it go', () => {
    const text = dedent`
      stages:
      - stage: Build
        jobs:
        - job: Compile
          steps:
          - script: make
        - job: Lint
          dependsOn: Compile
          steps:
          - script: |
              make lint
                --strict
        - job: Package
          dependsOn: [Compile, Lint]
          steps:
          - script: make dist
      - stage: Test
        jobs:
            - job: Unit
              steps:
                  - script: make test
    `;
    const after = edit(text, { op: 'moveToStage', stage: 'Build/Lint', to: 'Test' });
    assert.equal(
      after,
      dedent`
        stages:
        - stage: Build
          jobs:
          - job: Compile
            steps:
            - script: make
          - job: Package
            dependsOn: [Compile]
            steps:
            - script: make dist
        - stage: Test
          jobs:
              - job: Unit
                steps:
                    - script: make test
              - job: Lint
                steps:
                - script: |
                    make lint
                      --strict
      `,
    );
    const lint = parsePipeline(after, { dialect: 'azure' }).nodes.find((n) => n.id === 'Test/Lint');
    assert.equal(lint?.stage, 'Test');
  });

  test('refusals: the only job, a name taken, a stage, results of other jobs read by name', () => {
    assert.match(refusal(THREE, { op: 'moveToStage', stage: 'Build/Compile', to: 'Test' }), /"Build\/Compile" is the only job of stage "Build"; a stage needs at least one job/);
    const two = THREE.replace('  - job: Compile\n    steps:\n    - script: make\n', '  - job: Compile\n    steps:\n    - script: make\n  - job: Unit\n    steps:\n    - script: echo\n');
    assert.match(refusal(two, { op: 'moveToStage', stage: 'Build/Unit', to: 'Test' }), /stage "Test" already has a job named "Unit"/);
    assert.match(refusal(two, { op: 'moveToStage', stage: 'Build', to: 'Test' }), /"Build" is a stage; only jobs move between stages/);
    const reads = two.replace('  - job: Unit\n    steps:\n    - script: echo\n', "  - job: Unit\n    condition: eq(dependencies.Compile.result, 'Succeeded')\n    steps:\n    - script: echo\n");
    assert.match(refusal(reads, { op: 'moveToStage', stage: 'Build/Unit', to: 'Deploy' }), /"Build\/Unit" reads other jobs' results \(line 8: `eq\(dependencies\.Compile\.result/);
  });
});

describe('setProperty', () => {
  const DEPLOY = dedent`
    stages:
    - stage: Build
      jobs:
      - job: Compile
        pool:
          vmImage: ubuntu-22.04
        steps:
        - script: make
    - stage: Production
      jobs:
      - deployment: Web
        displayName: Deploy the site
        environment: production
        strategy:
          runOnce:
            deploy:
              steps:
              - script: ./deploy.sh   # the real work
            on:
              failure:
                steps:
                - script: ./undo.sh
      - job: Smoke
        dependsOn: Web
        steps:
        - script: ./smoke.sh
  `;

  test('name: displayName added after the name, replaced keeping its quotes, removed', () => {
    assert.equal(
      edit(DEPLOY, { op: 'setProperty', stage: 'Build', property: 'name', value: 'Build: all' }),
      DEPLOY.replace('- stage: Build\n', "- stage: Build\n  displayName: 'Build: all'\n"),
    );
    const quoted = DEPLOY.replace('displayName: Deploy the site', 'displayName: "Deploy the site"');
    assert.equal(
      edit(quoted, { op: 'setProperty', stage: 'Production/Web', property: 'name', value: 'Ship it' }),
      DEPLOY.replace('displayName: Deploy the site', 'displayName: "Ship it"'),
    );
    assert.equal(edit(DEPLOY, { op: 'setProperty', stage: 'Production/Web', property: 'name', value: null }), DEPLOY.replace('    displayName: Deploy the site\n', ''));
  });

  test('condition: on a stage and on a job, and cleared', () => {
    const condition = "and(succeeded(), eq(variables['Build.SourceBranch'], 'refs/heads/main'))";
    const after = edit(DEPLOY, { op: 'setProperty', stage: 'Production', property: 'condition', value: condition });
    assert.equal(after, DEPLOY.replace('- stage: Production\n', `- stage: Production\n  condition: ${condition}\n`));
    assert.equal(edit(after, { op: 'setProperty', stage: 'Production', property: 'condition', value: null }), DEPLOY);
    assert.equal(
      edit(DEPLOY, { op: 'setProperty', stage: 'Production/Smoke', property: 'condition', value: 'succeededOrFailed()' }),
      DEPLOY.replace('    dependsOn: Web\n', '    dependsOn: Web\n    condition: succeededOrFailed()\n'),
    );
  });

  test('timeout: timeoutInMinutes on a job; on a stage, on each of its jobs; durations become minutes', () => {
    assert.equal(
      edit(DEPLOY, { op: 'setProperty', stage: 'Build/Compile', property: 'timeout', value: '1h 30m' }),
      DEPLOY.replace('      vmImage: ubuntu-22.04\n', '      vmImage: ubuntu-22.04\n    timeoutInMinutes: 90\n'),
    );
    const after = edit(DEPLOY, { op: 'setProperty', stage: 'Production', property: 'timeout', value: 20 });
    assert.equal(
      after,
      DEPLOY.replace('    environment: production\n', '    environment: production\n    timeoutInMinutes: 20\n').replace('    dependsOn: Web\n', '    dependsOn: Web\n    timeoutInMinutes: 20\n'),
    );
    assert.equal(edit(after, { op: 'setProperty', stage: 'Production/Web', property: 'timeout', value: 45 }), after.replace('    timeoutInMinutes: 20\n    strategy', '    timeoutInMinutes: 45\n    strategy'));
    assert.equal(edit(after, { op: 'setProperty', stage: 'Production', property: 'timeout', value: null }), DEPLOY);
  });

  test('runner: vmImage inside a pool mapping, a pool name as a string, a new pool', () => {
    assert.equal(
      edit(DEPLOY, { op: 'setProperty', stage: 'Build/Compile', property: 'runner', value: 'windows-2022' }),
      DEPLOY.replace('vmImage: ubuntu-22.04', 'vmImage: windows-2022'),
    );
    assert.equal(
      edit(DEPLOY, { op: 'setProperty', stage: 'Build/Compile', property: 'runner', value: 'SelfHosted' }),
      DEPLOY.replace('    pool:\n      vmImage: ubuntu-22.04\n', '    pool: SelfHosted\n'),
    );
    assert.equal(
      edit(DEPLOY, { op: 'setProperty', stage: 'Production/Smoke', property: 'runner', value: 'macOS-14' }),
      DEPLOY.replace('    dependsOn: Web\n', '    dependsOn: Web\n    pool:\n      vmImage: macOS-14\n'),
    );
    const named = DEPLOY.replace('    pool:\n      vmImage: ubuntu-22.04\n', '    pool: Linux\n');
    assert.equal(edit(named, { op: 'setProperty', stage: 'Build/Compile', property: 'runner', value: 'Linux-Large' }), named.replace('pool: Linux', 'pool: Linux-Large'));
    assert.equal(edit(DEPLOY, { op: 'setProperty', stage: 'Build/Compile', property: 'runner', value: null }), DEPLOY.replace('    pool:\n      vmImage: ubuntu-22.04\n', ''));
  });

  test('environment: the deployment job (or a stage\'s only one); urls and none are refused', () => {
    const expected = DEPLOY.replace('environment: production', 'environment: prod_eu');
    assert.equal(edit(DEPLOY, { op: 'setProperty', stage: 'Production', property: 'environment', value: { name: 'prod_eu' } }), expected);
    assert.equal(edit(DEPLOY, { op: 'setProperty', stage: 'Production/Web', property: 'environment', value: { name: 'prod_eu' } }), expected);
    assert.match(
      refusal(DEPLOY, { op: 'setProperty', stage: 'Production', property: 'environment', value: { name: 'x', url: 'https://x.example.com' } }),
      /Azure Pipelines environments have no URL in YAML/,
    );
    assert.match(refusal(DEPLOY, { op: 'setProperty', stage: 'Production', property: 'environment', value: null }), /must name an environment/);
    const resource = DEPLOY.replace('environment: production', 'environment: production.web');
    assert.match(refusal(resource, { op: 'setProperty', stage: 'Production', property: 'environment', value: { name: 'x' } }), /deploys to one resource of its environment/);
    const mapping = DEPLOY.replace('environment: production', 'environment:\n      name: production\n      resourceType: Kubernetes');
    assert.equal(edit(mapping, { op: 'setProperty', stage: 'Production', property: 'environment', value: { name: 'qa' } }), mapping.replace('name: production', 'name: qa'));
  });

  test('issue #10: an environment makes a plain job (or a stage\'s only job) a runOnce deployment job, its steps moved whole', () => {
    const smoke = edit(DEPLOY, { op: 'setProperty', stage: 'Production/Smoke', property: 'environment', value: { name: 'qa' } });
    assert.equal(
      smoke,
      DEPLOY.replace(
        '  - job: Smoke\n    dependsOn: Web\n    steps:\n    - script: ./smoke.sh\n',
        '  - deployment: Smoke\n    environment: qa\n    dependsOn: Web\n    strategy:\n      runOnce:\n        deploy:\n          steps:\n          - checkout: self\n          - script: ./smoke.sh\n',
      ),
    );
    const graph = parsePipeline(smoke, { dialect: 'azure' });
    assert.equal(graph.nodes.find((n) => n.id === 'Production/Smoke')?.environment, 'qa');
    // A stage's only job; a block scalar keeps its text; a checkout it has is not added again; 4-space files stay 4-space.
    const build = DEPLOY.replace('    - script: make\n', '    - checkout: self\n      fetchDepth: 1\n    - script: |\n        make\n          indented\n');
    assert.equal(
      edit(build, { op: 'setProperty', stage: 'Build', property: 'environment', value: { name: 'dev' } }),
      build.replace('  - job: Compile\n', '  - deployment: Compile\n    environment: dev\n').replace(
        '    steps:\n    - checkout: self\n      fetchDepth: 1\n    - script: |\n        make\n          indented\n',
        '    strategy:\n      runOnce:\n        deploy:\n          steps:\n          - checkout: self\n            fetchDepth: 1\n          - script: |\n              make\n                indented\n',
      ),
    );
    // A line of spaces in a block scalar is shifted too: the spaces beyond its indentation are
    // text of the script (azure-dev-extends' "Create release artifacts"); an empty line stays empty.
    const spaced = DEPLOY.replace('    - script: make\n', '    - pwsh: |\n        zip a\n          \n        zip b\n\n    - script: make\n');
    assert.equal(
      edit(spaced, { op: 'setProperty', stage: 'Build', property: 'environment', value: { name: 'dev' } }),
      spaced.replace('  - job: Compile\n', '  - deployment: Compile\n    environment: dev\n').replace(
        '    steps:\n    - pwsh: |\n        zip a\n          \n        zip b\n\n    - script: make\n',
        '    strategy:\n      runOnce:\n        deploy:\n          steps:\n          - checkout: self\n          - pwsh: |\n              zip a\n                \n              zip b\n\n          - script: make\n',
      ),
    );
    const wide = 'jobs:\n    -   job: A\n        steps:\n            -   script: a\n    -   job: B\n        steps:\n            -   script: b\n';
    assert.equal(
      edit(wide, { op: 'setProperty', stage: 'B', property: 'environment', value: { name: 'prod' } }),
      wide.replace('    -   job: B\n        steps:\n            -   script: b\n', '    -   deployment: B\n        environment: prod\n        strategy:\n            runOnce:\n                deploy:\n                    steps:\n                        -   checkout: self\n                        -   script: b\n'),
    );
    // What would not carry over plainly is refused, saying why.
    const matrix = DEPLOY.replace('    dependsOn: Web\n', '    dependsOn: Web\n    strategy:\n      matrix: {a: {x: 1}}\n');
    assert.match(refusal(matrix, { op: 'setProperty', stage: 'Production/Smoke', property: 'environment', value: { name: 'x' } }), /"Production\/Smoke" is read-only \(it expands into several jobs through `strategy: matrix`/);
    const outputs = DEPLOY.replace('  - job: Smoke\n', "  - job: Report\n    dependsOn: Smoke\n    variables:\n      v: $[ dependencies.Smoke.outputs['s.v'] ]\n    steps:\n    - script: echo\n  - job: Smoke\n");
    assert.match(refusal(outputs, { op: 'setProperty', stage: 'Production/Smoke', property: 'environment', value: { name: 'x' } }), /changes how its output variables are named: an expression refers to it by name/);
    const two = DEPLOY.replace('- stage: Build\n  jobs:\n', '- stage: Build\n  jobs:\n  - job: Lint\n    steps:\n    - script: lint\n');
    assert.match(refusal(two, { op: 'setProperty', stage: 'Build', property: 'environment', value: { name: 'x' } }), /stage "Build" has no deployment job and 2 jobs; set the environment on the job that deploys/);
  });

  test('strategy: the key is renamed and its parameters set; hooks stay byte for byte', () => {
    const canary = edit(DEPLOY, { op: 'setProperty', stage: 'Production', property: 'strategy', value: { kind: 'canary', steps: [10, 50] } });
    assert.equal(canary, DEPLOY.replace('      runOnce:\n', '      canary:\n        increments: [10, 50]\n'));
    const rolling = edit(canary, { op: 'setProperty', stage: 'Production/Web', property: 'strategy', value: { kind: 'rolling', maxParallel: 2 } });
    assert.equal(rolling, DEPLOY.replace('      runOnce:\n', '      rolling:\n        maxParallel: 2\n'));
    assert.equal(edit(rolling, { op: 'setProperty', stage: 'Production', property: 'strategy', value: { kind: 'runOnce' } }), DEPLOY);
    assert.equal(
      edit(canary, { op: 'setProperty', stage: 'Production', property: 'strategy', value: { kind: 'canary', steps: [25] } }),
      canary.replace('[10, 50]', '[25]'),
    );
    assert.match(refusal(DEPLOY, { op: 'setProperty', stage: 'Production', property: 'strategy', value: { kind: 'blue-green' } }), /runOnce, rolling and canary/);
    assert.match(refusal(DEPLOY, { op: 'setProperty', stage: 'Production', property: 'strategy', value: null }), /choose runOnce/);
    assert.match(refusal(DEPLOY, { op: 'setProperty', stage: 'Production', property: 'strategy', value: { kind: 'rolling', maxSurge: '25%' } }), /maxSurge and maxUnavailable are Kubernetes settings/);
    assert.match(refusal(DEPLOY, { op: 'setProperty', stage: 'Production/Smoke', property: 'strategy', value: { kind: 'runOnce' } }), /only deployment jobs/);
  });

  test('gate on a stage: a new agentless job first, the jobs that waited for nothing now wait for it', () => {
    const gated = edit(DEPLOY, { op: 'setProperty', stage: 'Production', property: 'gate', value: { kind: 'approvers', approvers: ['ops@example.com', 'lead@example.com'], instructions: 'Check the dashboards' } });
    assert.equal(
      gated,
      DEPLOY.replace(
        '  jobs:\n  - deployment: Web\n    displayName: Deploy the site\n',
        '  jobs:\n  - job: Approve\n    displayName: Wait for the approvers\n    pool: server\n    timeoutInMinutes: 4320\n    steps:\n' +
          '    - task: ManualValidation@0\n      timeoutInMinutes: 1440\n      inputs:\n        notifyUsers: ops@example.com, lead@example.com\n' +
          '        instructions: Check the dashboards\n        onTimeout: reject\n  - deployment: Web\n    displayName: Deploy the site\n    dependsOn: Approve\n',
      ),
    );
    const graph = parsePipeline(gated, { dialect: 'azure' });
    assert.deepEqual(graph.nodes.find((n) => n.id === 'Production')?.gate, { kind: 'approvers', approvers: ['ops@example.com', 'lead@example.com'], instructions: 'Check the dashboards' });

    // Changed in place: the task is replaced and the job's timeout raised only when too short.
    const delayed = edit(gated, { op: 'setProperty', stage: 'Production', property: 'gate', value: { kind: 'delayed', after: '2 hours' } });
    assert.equal(
      delayed,
      gated.replace(/    - task: ManualValidation@0\n(.*\n){4}        onTimeout: reject\n/, "    - task: Delay@1\n      inputs:\n        delayForMinutes: '120'\n"),
    );
    const manual = edit(delayed, { op: 'setProperty', stage: 'Production', property: 'gate', value: { kind: 'manual' } });
    assert.ok(manual.includes("    - task: ManualValidation@0\n      timeoutInMinutes: 1440\n      inputs:\n        notifyUsers: ''\n        onTimeout: reject\n"), manual);
    assert.deepEqual(parsePipeline(manual, { dialect: 'azure' }).nodes.find((n) => n.id === 'Production/Approve')?.gate, { kind: 'manual' });

    // Removed: the job and the dependsOn naming it.
    assert.equal(edit(gated, { op: 'setProperty', stage: 'Production', property: 'gate', value: null }), DEPLOY);
  });

  test('a delayed gate on a stage is a Wait job; a long delay gets a job timeout that outlives it', () => {
    const after = edit(DEPLOY, { op: 'setProperty', stage: 'Build', property: 'gate', value: { kind: 'delayed', after: '90 minutes' } });
    assert.ok(after.includes("  - job: Wait\n    displayName: Wait 90 minutes\n    pool: server\n    timeoutInMinutes: 105\n    steps:\n    - task: Delay@1\n      inputs:\n        delayForMinutes: '90'\n  - job: Compile\n    dependsOn: Wait\n"), after);
  });

  test('gate refusals: a plain job, nothing to remove', () => {
    assert.match(
      refusal(DEPLOY, { op: 'setProperty', stage: 'Production/Smoke', property: 'gate', value: { kind: 'manual' } }),
      /a gate in Azure Pipelines is an agentless job of its own, and "Production\/Smoke" is not one; set the gate on stage "Production"/,
    );
    assert.match(refusal(DEPLOY, { op: 'setProperty', stage: 'Build', property: 'gate', value: null }), /stage "Build" has no gate job \(ManualValidation or Delay\) to remove/);
  });
});

describe('the file\'s own formatting', () => {
  test('CRLF line endings: every new line ends with CRLF, the rest is untouched', () => {
    const crlf = THREE.replace(/\n/g, '\r\n');
    const added = edit(crlf, { op: 'addStage', template: 'approval-delayed', id: 'Soak', after: 'Test', before: 'Deploy' });
    assert.equal(added.replace(/\r\n/g, '').includes('\n'), false, 'a bare LF was written');
    assert.equal(added.replace(/\r\n/g, '\n'), edit(THREE, { op: 'addStage', template: 'approval-delayed', id: 'Soak', after: 'Test', before: 'Deploy' }));
    const dep = edit(crlf, { op: 'removeDependency', stage: 'Test', dependsOn: 'Build' });
    assert.equal(dep, crlf.replace('  displayName: Run the tests\r\n', '  displayName: Run the tests\r\n  dependsOn: []\r\n'));
    assert.equal(edit(crlf, { op: 'deleteStage', stage: 'Test' }), edit(THREE, { op: 'deleteStage', stage: 'Test' }).replace(/\n/g, '\r\n'));
  });

  test('4-space indentation with indented sequences', () => {
    const text = dedent`
      stages:
          - stage: Build
            jobs:
                - job: Compile
                  steps:
                      - script: make
          - stage: Test
            jobs:
                - job: Unit
                  steps:
                      - script: make test
    `;
    const after = edit(text, { op: 'addStage', template: 'verify-health', id: 'Verify', after: 'Build', before: 'Test' });
    assert.ok(after.startsWith(text.slice(0, text.indexOf('    - stage: Test'))));
    const inserted = after.slice(text.indexOf('    - stage: Test'), after.indexOf('    - stage: Test'));
    assert.ok(inserted.startsWith('    - stage: Verify\n      displayName: Verify health\n      dependsOn: Build\n      jobs:\n'), inserted);
    assert.ok(after.endsWith(text.slice(text.indexOf('    - stage: Test'))));
    assert.equal(
      edit(text, { op: 'setProperty', stage: 'Test/Unit', property: 'runner', value: 'ubuntu-latest' }),
      text.replace('          - job: Unit\n', '          - job: Unit\n            pool:\n                vmImage: ubuntu-latest\n'),
    );
  });

  test('sequences flush with their key (`stages:\\n- stage: A`)', () => {
    const after = edit(THREE, { op: 'addStage', template: 'unit-tests', id: 'Unit', after: 'Build', before: 'Test' });
    assert.match(after, /\n- stage: Unit\n  displayName: Unit tests\n  dependsOn: Build\n  jobs:\n  - job: UnitTests\n    displayName: Run the unit tests\n    pool:\n      vmImage: ubuntu-latest\n    steps:\n    - task: NodeTool@0\n/);
  });

  test('aligned end-of-line comments on other lines stay where they are', () => {
    const text = dedent`
      stages:
      - stage: Build        # compile
        jobs:
        - job: Compile      # the only job
          steps:
          - script: make    # build it
      - stage: Test         # run tests
        dependsOn: Build    # explicit
        jobs:
        - job: Unit         # unit tests
          steps:
          - script: make test
    `;
    assert.equal(
      edit(text, { op: 'renameStage', stage: 'Build', newId: 'Make' }),
      text.replace('- stage: Build        # compile', '- stage: Make        # compile').replace('dependsOn: Build    # explicit', 'dependsOn: Make    # explicit'),
    );
    assert.equal(
      edit(text, { op: 'setProperty', stage: 'Test', property: 'name', value: 'Tests' }),
      text.replace('  dependsOn: Build    # explicit\n', '  displayName: Tests\n  dependsOn: Build    # explicit\n'),
    );
  });

  test('runs of blank lines between stages: a new stage keeps the rhythm; a deleted one takes one run along, as a deleted GitHub or GitLab job does', () => {
    const text = 'stages:\n- stage: A\n  jobs:\n  - job: a\n    steps:\n    - script: echo a\n\n\n- stage: B\n  jobs:\n  - job: b\n    steps:\n    - script: echo b\n\n- stage: C\n  jobs:\n  - job: c\n    steps:\n    - script: echo c\n';
    // Between two stages the run above the deleted one stays; the first takes the run below it, the last the run above it.
    assert.equal(
      edit(text, { op: 'deleteStage', stage: 'B' }),
      'stages:\n- stage: A\n  jobs:\n  - job: a\n    steps:\n    - script: echo a\n\n\n- stage: C\n  jobs:\n  - job: c\n    steps:\n    - script: echo c\n',
    );
    assert.equal(edit(text, { op: 'deleteStage', stage: 'A' }), `stages:\n${text.slice(text.indexOf('- stage: B'))}`);
    assert.equal(edit(text, { op: 'deleteStage', stage: 'C' }), text.slice(0, text.indexOf('\n\n- stage: C') + 1));
    // Jobs of a stage, set apart by blank lines, and the stage after them: one blank line between each stays.
    const jobs = 'stages:\n- stage: A\n  jobs:\n  - job: a1\n    steps: [{script: x}]\n\n  - job: a2\n    steps: [{script: y}]\n\n  - job: a3\n    steps: [{script: z}]\n\n- stage: B\n  jobs: [{job: b, steps: [{script: w}]}]\n';
    assert.equal(edit(jobs, { op: 'deleteStage', stage: 'A/a2' }), jobs.replace('  - job: a2\n    steps: [{script: y}]\n\n', ''));
    assert.equal(edit(jobs, { op: 'deleteStage', stage: 'A/a3' }), jobs.replace('\n  - job: a3\n    steps: [{script: z}]\n', ''));
    const added = edit(text, { op: 'addStage', template: 'notify', id: 'Report', after: 'C' });
    assert.ok(added.startsWith(`${text}\n- stage: Report\n`), added);
  });

  test('a deleted stage takes the comment lines that introduce it along; a comment ending the stage above stays', () => {
    const text = 'stages:\n- stage: A\n  jobs: [{job: a, steps: [{script: x}]}]\n  # end of A\n\n# B waits for a person\n# (see the runbook)\n- stage: B\n  jobs: [{job: b, steps: [{script: y}]}]\n\n- stage: C\n  jobs: [{job: c, steps: [{script: z}]}]\n';
    assert.equal(edit(text, { op: 'deleteStage', stage: 'B' }), 'stages:\n- stage: A\n  jobs: [{job: a, steps: [{script: x}]}]\n  # end of A\n\n- stage: C\n  jobs: [{job: c, steps: [{script: z}]}]\n');
    // A comment right under the previous item, with no blank line between, may be its tail: it stays.
    const tail = text.replace('  # end of A\n\n# B waits for a person\n# (see the runbook)\n', '# a note on A\n');
    assert.equal(edit(tail, { op: 'deleteStage', stage: 'B' }), 'stages:\n- stage: A\n  jobs: [{job: a, steps: [{script: x}]}]\n# a note on A\n\n- stage: C\n  jobs: [{job: c, steps: [{script: z}]}]\n');
  });

  test('no final line break: kept absent when adding at the end, and after edits on the last line', () => {
    const text = THREE.slice(0, -1);
    const added = edit(text, { op: 'addStage', template: 'notify', id: 'Report' });
    assert.ok(added.startsWith(`${text}\n- stage: Report\n`));
    assert.ok(!added.endsWith('\n'));
    assert.equal(edit(text, { op: 'renameStage', stage: 'Deploy/Ship', newId: 'Release' }), text.replace('job: Ship', 'job: Release'));
    const last = edit(text, { op: 'setProperty', stage: 'Deploy/Ship', property: 'timeout', value: 5 });
    assert.equal(last, text.replace('  - job: Ship\n', '  - job: Ship\n    timeoutInMinutes: 5\n'));
  });

  test('issue #10: stages passed to an extends template are the pipeline\'s own: deleted, given an environment; conditional jobs leave their block', () => {
    const text = dedent`
      extends:
        template: pipelines/1es.yml@templates
        parameters:
          stages:
          - stage: Package
            dependsOn: []
            jobs:
            - job: Bundle
              steps:
              - script: ./bundle.sh
          - stage: Release
            jobs:
            - job: Publish
              steps:
              - \${{ if eq(parameters.sign, true) }}:
                - script: sign
              - script: publish
            - \${{ if eq(parameters.docs, true) }}:
              - job: Docs
                steps:
                - script: docs
              - job: Site
                steps:
                - script: site
            - \${{ each target in parameters.targets }}:
              - job: Push_\${{ target }}
                steps:
                - script: push
    `;
    assert.equal(edit(text, { op: 'deleteStage', stage: 'Package' }), text.replace(/    - stage: Package\n[\s\S]*?- script: \.\/bundle\.sh\n/, ''));
    // One of two jobs under an `${{ if }}` leaves that block's list; the block stays for the other.
    assert.equal(edit(text, { op: 'deleteStage', stage: 'Release/Docs' }), text.replace('        - job: Docs\n          steps:\n          - script: docs\n', ''));
    // The job's steps hold an `${{ if }}`: they move whole under the deployment strategy.
    assert.equal(
      edit(text, { op: 'setProperty', stage: 'Release/Publish', property: 'environment', value: { name: 'prod' } }),
      text.replace(
        '      - job: Publish\n        steps:\n        - \${{ if eq(parameters.sign, true) }}:\n          - script: sign\n        - script: publish\n',
        '      - deployment: Publish\n        environment: prod\n        strategy:\n          runOnce:\n            deploy:\n              steps:\n              - checkout: self\n              - \${{ if eq(parameters.sign, true) }}:\n                - script: sign\n              - script: publish\n',
      ),
    );
    // A job an `${{ each }}` writes once per item stands for all of them: not deleted as one.
    assert.match(refusal(text, { op: 'deleteStage', stage: 'Release/Push_\${{ target }}' }), /is written once for every item of `\$\{\{ each target in parameters\.targets \}\}`; change it in the text$/);
  });

  test('issue #10: a conditional stage is deleted with the block it alone fills; a `${{ }}` key is in the way only of what it may set', () => {
    const text = dedent`
      stages:
      - stage: Build
        jobs:
        - job: Compile
          steps:
          - script: make
      - \${{ if eq(parameters.deploy, true) }}:
        - stage: Deploy
          jobs:
          - job: Ship
            steps:
            - script: make ship
      - stage: Test
        \${{ if eq(variables.fast, true) }}:
          timeoutInMinutes: 5
        jobs:
        - job: Unit
          steps:
          - script: make test
    `;
    // Test followed Deploy by default, and Deploy followed Build: Test now follows Build, the same.
    assert.equal(edit(text, { op: 'deleteStage', stage: 'Deploy' }), text.replace(/- \$\{\{ if eq\(parameters\.deploy, true\) \}\}:\n[\s\S]*?make ship\n/, ''));
    // Its name is plainly its own text: a rename is not in the way of the condition (issue #10).
    assert.equal(edit(text, { op: 'renameStage', stage: 'Deploy', newId: 'Release' }), text.replace('stage: Deploy', 'stage: Release'));
    assert.equal(edit(text, { op: 'setProperty', stage: 'Test', property: 'name', value: 'x' }), text.replace('- stage: Test\n', '- stage: Test\n  displayName: x\n'));
    assert.match(
      refusal(text, { op: 'setProperty', stage: 'Test', property: 'timeout', value: 7 }),
      /"Test" cannot be edited here: its `\$\{\{ if eq\(variables\.fast, true\) \}\}` \(line 14\) may set `timeoutInMinutes:` when the pipeline is compiled; change it in the text$/,
    );
    // A plain stage after them writes its default out like any other.
    const withPlainLast = `${text}- stage: Last\n  jobs:\n  - job: l\n    steps:\n    - script: echo\n`;
    assert.equal(
      edit(withPlainLast, { op: 'addDependency', stage: 'Last', dependsOn: 'Build' }),
      withPlainLast.replace('- stage: Last\n', '- stage: Last\n  dependsOn: [Test, Build]\n'),
    );
    // Job edits inside an editable stage of the same file are fine.
    assert.equal(edit(text, { op: 'renameStage', stage: 'Build/Compile', newId: 'Make' }), text.replace('job: Compile', 'job: Make'));
  });

  test('issue #10: anchors: a stage whose anchor another aliases is not deleted; an aliased part is named; the rest is edited', () => {
    const text = dedent`
      stages:
      - stage: Build
        variables: &shared
          CONFIG: release
        jobs:
        - job: Compile
          steps:
          - script: make
      - stage: Test
        variables: *shared
        jobs:
        - job: Unit
          steps:
          - script: make test
      - stage: Docs
        dependsOn: []
        jobs:
        - job: Site
          steps:
          - script: make docs
    `;
    assert.match(refusal(text, { op: 'deleteStage', stage: 'Build' }), /"Build" cannot be edited here: `\*shared` \(line 10\) reuses text written in it, which deleting it would leave pointing at nothing; change it in the text$/);
    // The alias is in its variables, not its name: both stages take a display name.
    assert.equal(edit(text, { op: 'setProperty', stage: 'Test', property: 'name', value: 'Check' }), text.replace('- stage: Test\n', '- stage: Test\n  displayName: Check\n'));
    assert.equal(edit(text, { op: 'setProperty', stage: 'Build', property: 'name', value: 'Make' }), text.replace('- stage: Build\n', '- stage: Build\n  displayName: Make\n'));
    // Deleting the stage that uses the alias deletes only the alias.
    assert.equal(edit(text, { op: 'deleteStage', stage: 'Test' }), text.replace(/- stage: Test\n[\s\S]*?make test\n/, ''));
    assert.equal(edit(text, { op: 'renameStage', stage: 'Test', newId: 'Check' }), text.replace('stage: Test', 'stage: Check'));
    assert.equal(edit(text, { op: 'setProperty', stage: 'Docs', property: 'name', value: 'Docs' }), text.replace('  dependsOn: []\n', '  displayName: Docs\n  dependsOn: []\n'));
  });

  test('issue #10: a template item is deleted as one line item; its name and dependencies are the template file\'s (a platform rule)', () => {
    const text = dedent`
      stages:
      - template: stages/build.yml
      - stage: Test
        jobs:
        - job: Unit
          steps:
          - script: make test
    `;
    assert.match(refusal(text, { op: 'renameStage', stage: 'template:stages/build.yml', newId: 'X' }), /"template:stages\/build\.yml" is a `- template:` reference, which Azure Pipelines allows only `template:` and `parameters:`; its name is written in the template file$/);
    const environment = planOperation(text, { op: 'setProperty', stage: 'template:stages/build.yml', property: 'environment', value: { name: 'prod' } });
    assert.equal(!environment.ok && environment.platform, 'template-reference');
    // Deleting it removes its line; Test followed it by default and now starts the pipeline, as the item did.
    assert.equal(edit(text, { op: 'deleteStage', stage: 'template:stages/build.yml' }), text.replace('- template: stages/build.yml\n', ''));
    const two = text.replace('- template: stages/build.yml\n', '- template: stages/build.yml\n- template: stages/build.yml\n  parameters: {fast: true}\n');
    // Two items of one template are told apart by order (`#2`): deleting the first renumbers the second.
    assert.equal(edit(two, { op: 'deleteStage', stage: 'template:stages/build.yml' }), two.replace('- template: stages/build.yml\n- template', '- template'));
    assert.match(refusal(text, { op: 'addDependency', stage: 'Test', dependsOn: 'Test/Unit' }), /different levels/);
    assert.match(
      refusal(text, { op: 'removeDependency', stage: 'Test', dependsOn: 'template:stages/build.yml' }),
      /waits for the stage before it, "template:stages\/build\.yml", which cannot be named in `dependsOn`/,
    );
  });
});

describe('Azure templates', () => {
  const STAGES = THREE;
  const JOBS = 'jobs:\n- job: Build\n  steps:\n  - script: make\n- job: Ship\n  dependsOn: Build\n  steps:\n  - script: make ship\n';

  test('every catalog template has an Azure form', () => {
    assert.deepEqual([...AZURE_TEMPLATE_NAMES].sort(), TEMPLATES.map((t) => t.name).sort());
  });

  for (const template of TEMPLATES) {
    test(`${template.name}: one stage with a display name and one job, inferred as ${template.kind}, in a stages file and a jobs file`, () => {
      const rendered = azureTemplate(template.name, { id: 'NewStage' })!;
      assert.equal(Object.keys(rendered.body)[0], 'stage');
      assert.equal(typeof rendered.body.displayName, 'string');
      assert.equal((rendered.body.jobs as unknown[]).length, 1);
      // The engine checks the kind of what it inserted; a wrong kind would be a refusal.
      const staged = edit(STAGES, { op: 'addStage', template: template.name, id: 'NewStage', after: 'Test', before: 'Deploy' });
      const graph = parsePipeline(staged, { dialect: 'azure' });
      assert.equal(graph.nodes.find((n) => n.id === 'NewStage')?.kind, template.kind);
      assert.deepEqual(graph.problems.filter((p) => p.severity === 'error'), []);
      const jobbed = edit(JOBS, { op: 'addStage', template: template.name, id: 'NewJob', after: 'Build', before: 'Ship' });
      assert.equal(parsePipeline(jobbed, { dialect: 'azure' }).nodes.find((n) => n.id === 'NewJob')?.kind, template.kind);
    });
  }

  test('what the deployment templates say: environments, strategies, gates, failure and manual triggers', () => {
    const graphOf = (name: string) => parsePipeline(edit(STAGES, { op: 'addStage', template: name, id: 'NewStage' }), { dialect: 'azure' });
    const nodeOf = (name: string) => graphOf(name).nodes.find((n) => n.id === 'NewStage')!;
    assert.deepEqual([nodeOf('deploy-staging').environment, nodeOf('deploy-staging').strategy], ['staging', 'runOnce']);
    assert.deepEqual([nodeOf('deploy-production-rolling').environment, nodeOf('deploy-production-rolling').strategy], ['production', 'rolling']);
    assert.equal(nodeOf('deploy-production-canary').strategy, 'canary');
    assert.deepEqual(nodeOf('approval-manual').gate?.kind, 'manual');
    assert.deepEqual(nodeOf('approval-delayed').gate, { kind: 'delayed', after: '30 minutes' });
    assert.deepEqual(nodeOf('approval-approvers').gate?.approvers, ['release-managers@example.com', 'qa-lead@example.com']);
    assert.equal(azureTemplate('rollback-auto', { id: 'R' })!.body.condition, 'failed()');
    assert.equal(azureTemplate('rollback-manual', { id: 'R' })!.body.trigger, 'manual');
    assert.equal(azureJobTemplate('rollback-manual', { id: 'R' })!.body.condition, "eq(variables['Build.Reason'], 'Manual')");
    const canary = JSON.stringify(azureTemplate('deploy-production-canary', { id: 'C' })!.body);
    assert.match(canary, /"increments":\[10,50\]/);
    assert.match(canary, /"action":"reject"/);
    assert.match(JSON.stringify(azureTemplate('rollback-auto', { id: 'R' })!.body), /rollout undo/);
    assert.match(JSON.stringify(azureTemplate('build', { id: 'B' })!.body), /Cache@2.*PublishPipelineArtifact@1/);
    assert.match(JSON.stringify(azureTemplate('security-scan', { id: 'S' })!.body), /aquasec\/trivy.*--exit-code 1 --severity HIGH,CRITICAL/);
  });
});

describe('reading ManualValidation without named users', () => {
  test("`notifyUsers: ''` is a manual gate (anyone allowed may resume), not approvers with nobody in it", () => {
    const graph = parsePipeline(
      "jobs:\n- job: Hold\n  pool: server\n  steps:\n  - task: ManualValidation@0\n    inputs:\n      notifyUsers: ''\n      instructions: Resume when ready\n",
      { dialect: 'azure' },
    );
    assert.deepEqual(graph.nodes[0].gate, { kind: 'manual', instructions: 'Resume when ready' });
  });
});

describe('pipelines without stages', () => {
  const STEPS = 'pool:\n  vmImage: ubuntu-latest\nsteps:\n- script: make\n';
  const JOBS = 'jobs:\n- job: Build\n  steps:\n  - script: make\n- job: Ship\n  dependsOn: Build\n  steps:\n  - script: make ship\n';

  test('top-level jobs: no stages to move between; jobs delete, rename and depend like stage jobs', () => {
    assert.match(refusal(JOBS, { op: 'moveToStage', stage: 'Ship', to: 'Build' }), /this pipeline has no stages to move a job between/);
    assert.equal(edit(JOBS, { op: 'deleteStage', stage: 'Build' }), 'jobs:\n- job: Ship\n  steps:\n  - script: make ship\n');
    assert.equal(edit(JOBS, { op: 'removeDependency', stage: 'Ship', dependsOn: 'Build' }), JOBS.replace('  dependsOn: Build\n', ''));
    assert.equal(edit(JOBS, { op: 'setProperty', stage: 'Build', property: 'name', value: 'Compile' }), JOBS.replace('- job: Build\n', '- job: Build\n  displayName: Compile\n'));
  });

  test('a single implicit job (top-level steps) is refused with a way out', () => {
    assert.match(refusal(STEPS, { op: 'setProperty', stage: 'Job', property: 'name', value: 'x' }), /single implicit job \(top-level `steps:`\); add `jobs:` or `stages:`/);
    assert.match(refusal(STEPS, { op: 'addStage', template: 'build', id: 'Build' }), /no `stages:` or `jobs:` list to add to/);
  });
});

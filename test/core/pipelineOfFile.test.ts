// A file of a pipeline split over files, checked as part of it (compose/pipelineOfFile.ts): the
// pipeline it belongs to, the graph problems that lie in it, and the rules' findings the whole
// pipeline confirms (rules/pipelineLint.ts).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { namesOtherFiles } from '../../src/core/compose/namesOtherFiles';
import { definedInPipeline, drawnInPipeline, ownGraphInPipeline, pipelineOfFile, pipelinesUsing, pipelineStages, problemsOfFile, templateGraphInPipeline } from '../../src/core/compose/pipelineOfFile';
import type { EditOperation } from '../../src/core/edit/operations';
import type { ProjectFiles } from '../../src/core/compose/projectFiles';
import { globMatcher } from '../../src/core/dialects/gitlab/compose/glob';
import type { Dialect } from '../../src/core/model';
import { parsePipeline } from '../../src/core/parse';
import { lintText } from '../../src/core/rules/lintText';
import { lintInPipeline } from '../../src/core/rules/pipelineLint';
import type { LintConfig } from '../../src/core/rules/config';
import { parsePipelineFully, planOperation } from '../../src/core/edit/plan';
import { applyComposedOperations, composedPipelineToEdit, pipelineToEdit, planComposedOperation } from '../../src/core/edit/composedPlan';
import { applyFix } from '../../src/core/rules/fixes';

function project(files: Record<string, string>): ProjectFiles {
  return { readFile: (path) => files[path], listFiles: (glob) => Object.keys(files).filter(globMatcher(glob)) };
}

/** The problems of `path` as its editor shows them: `line message`. */
function problems(files: Record<string, string>, path: string, dialect: Dialect = 'gitlab', text = files[path]): string[] {
  const own = parsePipeline(text, { dialect, fileName: path });
  const pipeline = pipelineOfFile(dialect, path, text, project({ ...files, [path]: text }), own);
  return problemsOfFile(own, pipeline, path).map((p) => `${p.line} ${p.severity} ${p.message}${p.file !== undefined ? ` (file ${p.file})` : ''}`);
}

const GITLAB = {
  '.gitlab-ci.yml': 'stages: [build, qa, deploy]\ninclude:\n  - local: ci/build.yml\n  - local: ci/qa.yml\ndeploy:\n  stage: deploy\n  needs: [lint, ghost]\n  script: ./deploy.sh\n',
  'ci/build.yml': 'include: ci/shared.yml\ncompile:\n  stage: build\n  extends: .base\n  script: make\n',
  'ci/shared.yml': '.base:\n  image: golang\n',
  'ci/qa.yml': 'lint:\n  stage: qa\n  needs: [compile, nothing]\n  script: make lint\n',
};

describe('a file checked as part of its pipeline', () => {
  test('a GitLab file the root includes: the stages, jobs and templates of the other files are no problem; a need none defines is', () => {
    // Alone, ci/qa.yml knows neither the stage `qa` nor the job `compile`.
    const alone = parsePipeline(GITLAB['ci/qa.yml'], { dialect: 'gitlab', fileName: 'ci/qa.yml' }).problems.map((p) => p.message);
    assert.equal(alone.length, 3, alone.join('\n'));
    assert.deepEqual(problems(GITLAB, 'ci/qa.yml'), ['3 error "lint" depends on "nothing", which is not defined in any of the 4 files read']);
    // Included through another include: read as part of the root's pipeline, its template found.
    assert.deepEqual(problems(GITLAB, 'ci/build.yml'), []);
    assert.deepEqual(problems(GITLAB, '.gitlab-ci.yml'), ['7 error "deploy" depends on "ghost", which is not defined in any of the 4 files read']);
    const pipeline = pipelineOfFile('gitlab', 'ci/shared.yml', GITLAB['ci/shared.yml'], project(GITLAB));
    assert.deepEqual([pipeline?.rootPath, [...(pipeline?.read ?? [])].sort()], ['.gitlab-ci.yml', ['.gitlab-ci.yml', 'ci/build.yml', 'ci/qa.yml', 'ci/shared.yml']]);
  });

  test('the graph a designer of an included file draws: its own jobs, a need of another file\'s job marked with that file', () => {
    const own = parsePipeline(GITLAB['ci/qa.yml'], { dialect: 'gitlab', fileName: 'ci/qa.yml' });
    const pipeline = pipelineOfFile('gitlab', 'ci/qa.yml', GITLAB['ci/qa.yml'], project(GITLAB))!;
    const drawn = ownGraphInPipeline(own, pipeline, 'ci/qa.yml');
    assert.deepEqual(drawn.nodes.map((n) => n.id), ['lint'], 'only the nodes the file can edit');
    assert.deepEqual(drawn.edges.map((e) => `${e.from}->${e.to} ${e.unresolved === true} ${e.definedIn ?? '-'}`), [
      'compile->lint true ci/build.yml',
      'nothing->lint true -',
    ]);
    assert.deepEqual(drawn.problems, problemsOfFile(own, pipeline, 'ci/qa.yml'));
    // A job of the root is marked with the root's path.
    const shared = { ...GITLAB, 'ci/qa.yml': 'lint:\n  stage: qa\n  needs: [deploy]\n  script: make lint\n' };
    const ownShared = parsePipeline(shared['ci/qa.yml'], { dialect: 'gitlab', fileName: 'ci/qa.yml' });
    const inRoot = ownGraphInPipeline(ownShared, pipelineOfFile('gitlab', 'ci/qa.yml', shared['ci/qa.yml'], project(shared))!, 'ci/qa.yml');
    assert.deepEqual(inRoot.edges.map((e) => e.definedIn), ['.gitlab-ci.yml']);
    // A stage a job inherits from another file's template: the file alone draws it in GitLab's
    // default, and says where the pipeline has it.
    const inherits = { ...GITLAB, 'ci/qa.yml': 'lint:\n  extends: .qa\n  script: make lint\n', 'ci/build.yml': `${GITLAB['ci/build.yml']}.qa:\n  stage: qa\n` };
    const ownInherits = parsePipeline(inherits['ci/qa.yml'], { dialect: 'gitlab', fileName: 'ci/qa.yml' });
    const drawnInherits = ownGraphInPipeline(ownInherits, pipelineOfFile('gitlab', 'ci/qa.yml', inherits['ci/qa.yml'], project(inherits))!, 'ci/qa.yml');
    assert.deepEqual(drawnInherits.problems.map((p) => `${p.line} ${p.severity} ${p.message}`), [
      '1 warning job "lint" is in stage "qa" in the pipeline (from what it extends, in another file); this file read alone places it in "test"',
    ]);
    // A file that does not parse is drawn as it is.
    const broken = parsePipeline('lint:\n  needs: [compile\n', { dialect: 'gitlab', fileName: 'ci/qa.yml' });
    assert.equal(ownGraphInPipeline(broken, pipeline, 'ci/qa.yml'), broken);
  });

  test('the text given is the file\'s, whatever the project holds (an editor\'s unsaved change)', () => {
    const edited = 'lint:\n  stage: qa\n  needs: [compile, nothing, deploy2]\n  script: make lint\n';
    assert.deepEqual(problems(GITLAB, 'ci/qa.yml', 'gitlab', edited), [
      '3 error "lint" depends on "nothing", which is not defined in any of the 4 files read',
      '3 error "lint" depends on "deploy2", which is not defined in any of the 4 files read',
    ]);
  });

  test('a file that does not parse keeps its own problems; so does a GitLab file the root does not include', () => {
    const broken = 'lint:\n  stage: qa\n  needs: [compile\n';
    assert.match(problems(GITLAB, 'ci/qa.yml', 'gitlab', broken).join('\n'), /missing closing \]/);
    const other = { ...GITLAB, 'release.yml': 'publish:\n  stage: release\n  script: x\n' };
    assert.equal(pipelineOfFile('gitlab', 'release.yml', other['release.yml'], project(other)), undefined);
    assert.match(problems(other, 'release.yml').join('\n'), /uses stage "release"/);
    // The root alone, without includes: no pipeline of files to read it with.
    const single = { '.gitlab-ci.yml': 'build:\n  script: make\n  needs: [x]\n' };
    assert.equal(pipelineOfFile('gitlab', '.gitlab-ci.yml', single['.gitlab-ci.yml'], project(single)), undefined);
  });

  test('a root of another dialect is checked with the files it names: an Azure stage a template defines', () => {
    const azure = {
      'azure-pipelines.yml': 'stages:\n- template: stages/build.yml\n- stage: Deploy\n  dependsOn: Build\n  jobs:\n  - job: d\n    steps: [{script: x}]\n',
      'stages/build.yml': 'stages:\n- stage: Build\n  jobs:\n  - job: b\n    steps: [{script: x}]\n',
    };
    const alone = parsePipeline(azure['azure-pipelines.yml'], { dialect: 'azure', fileName: 'azure-pipelines.yml' }).problems.map((p) => p.message);
    assert.deepEqual(alone, ['"Deploy" depends on "Build", which is not defined in this file (it may come from a template)']);
    assert.deepEqual(problems(azure, 'azure-pipelines.yml', 'azure'), []);
  });

  test('an Azure template whose names point at nothing in it is judged in the one pipeline that uses it', () => {
    const azure = {
      'azure-pipelines.yml': 'trigger: none\njobs:\n- job: Build\n  steps:\n  - bash: make\n- template: jobs/deploy.yml\n- template: jobs/check.yml\n',
      'jobs/deploy.yml': 'jobs:\n- job: Deploy\n  dependsOn: Build\n  steps:\n  - bash: ./deploy.sh\n',
      'jobs/check.yml': 'jobs:\n- job: Check\n  dependsOn: Missing\n  steps:\n  - bash: ./check.sh\n',
    };
    const alone = parsePipeline(azure['jobs/deploy.yml'], { dialect: 'azure', fileName: 'jobs/deploy.yml' }).problems.map((p) => p.message);
    assert.deepEqual(alone, ['"Deploy" depends on "Build", which is not defined in this file']);
    assert.deepEqual(problems(azure, 'jobs/deploy.yml', 'azure'), []);
    assert.deepEqual(problems(azure, 'jobs/check.yml', 'azure'), ['3 error "Check" depends on "Missing", which is not defined in any of the 3 files read']);
    // A template without such names is not looked for in the project.
    assert.equal(pipelineOfFile('azure', 'jobs/deploy.yml', 'jobs:\n- job: Deploy\n  steps:\n  - bash: x\n', { readFile: (p) => azure[p as keyof typeof azure], listFiles: () => assert.fail('listed the project') }), undefined);
  });

  test('an Azure template several pipelines use is judged in each: a name is a problem only in those that do not define it', () => {
    const azure = {
      'ci.yml': 'trigger: none\njobs:\n- job: Build\n  steps:\n  - bash: make\n- template: jobs/deploy.yml\n',
      'pr.yml': 'trigger: none\njobs:\n- job: Build\n  steps:\n  - bash: make pr\n- template: jobs/deploy.yml\n',
      'jobs/deploy.yml': 'jobs:\n- job: Deploy\n  dependsOn: Build\n  steps:\n  - bash: ./deploy.sh\n- job: Check\n  dependsOn: Ghost\n  steps:\n  - bash: ./check.sh\n',
    };
    // Before, the template was judged alone when two pipelines used it: `Build` was an error.
    assert.deepEqual(problems(azure, 'jobs/deploy.yml', 'azure'), ['7 error "Check" depends on "Ghost", which is not defined in any of the 2 files read']);
    // One of them lacks `Build`: said there, naming it; `Ghost`, missing in both, names none.
    const three = { ...azure, 'nightly.yml': 'trigger: none\njobs:\n- job: Compile\n  steps:\n  - bash: make\n- template: jobs/deploy.yml\n' };
    assert.deepEqual(problems(three, 'jobs/deploy.yml', 'azure'), [
      '7 error "Check" depends on "Ghost", which is not defined in any of the 2 files read',
      '3 error "Deploy" depends on "Build", which is not defined in any of the 2 files read — in `nightly.yml`, 1 of the 3 pipelines using this template',
    ]);
    // Drawn as the first pipeline draws it; what every pipeline read is read.
    const own = parsePipeline(three['jobs/deploy.yml'], { dialect: 'azure', fileName: 'jobs/deploy.yml' });
    const pipeline = pipelineOfFile('azure', 'jobs/deploy.yml', three['jobs/deploy.yml'], project(three), own)!;
    assert.equal(pipeline.rootPath, 'ci.yml');
    assert.deepEqual([...pipeline.read].sort(), ['ci.yml', 'jobs/deploy.yml', 'nightly.yml', 'pr.yml']);
    assert.deepEqual(templateGraphInPipeline(own, pipeline, 'jobs/deploy.yml').edges.map((e) => `${e.from}->${e.to} ${e.definedIn ?? '-'}`), ['Build->Deploy ci.yml', 'Ghost->Check -']);
    // A name only a later pipeline defines is drawn as that one's, and said missing in the others.
    const later = { ...three, 'jobs/deploy.yml': three['jobs/deploy.yml'].replace('dependsOn: Ghost', 'dependsOn: Compile') };
    const laterOwn = parsePipeline(later['jobs/deploy.yml'], { dialect: 'azure', fileName: 'jobs/deploy.yml' });
    const laterPipeline = pipelineOfFile('azure', 'jobs/deploy.yml', later['jobs/deploy.yml'], project(later), laterOwn)!;
    assert.deepEqual(templateGraphInPipeline(laterOwn, laterPipeline, 'jobs/deploy.yml').edges.map((e) => `${e.from}->${e.to} ${e.definedIn ?? '-'}`), ['Build->Deploy ci.yml', 'Compile->Check nightly.yml']);
    assert.deepEqual(definedInPipeline(laterOwn, laterPipeline, 'jobs/deploy.yml').get('Compile')?.file, 'nightly.yml');
    assert.match(problems(later, 'jobs/deploy.yml', 'azure').join('\n'), /"Check" depends on "Compile", .* — in `ci\.yml` and `pr\.yml`, 2 of the 3 pipelines using this template/);
  });

  test('a job template\'s graph in its pipeline: a job it waits for is that of the stage the pipeline puts it in, drawn as the pipeline file\'s', () => {
    const azure = {
      'azure-pipelines.yml': 'trigger: none\nstages:\n- stage: S\n  jobs:\n  - job: Build\n    steps:\n    - bash: make\n  - template: jobs/deploy.yml\n- stage: T\n  jobs:\n  - job: Build\n    steps:\n    - bash: make t\n  - job: Other\n    steps:\n    - bash: x\n',
      'jobs/deploy.yml': 'jobs:\n- job: Deploy\n  dependsOn: [Build, Other]\n  steps:\n  - bash: ./deploy.sh\n',
    };
    const path = 'jobs/deploy.yml';
    const own = parsePipeline(azure[path], { dialect: 'azure', fileName: path });
    const pipeline = pipelineOfFile('azure', path, azure[path], project(azure), own)!;
    assert.equal(pipeline.rootPath, 'azure-pipelines.yml');
    const defined = definedInPipeline(own, pipeline, path);
    assert.deepEqual([...defined].map(([name, n]) => [name, n.id, n.file, n.range.startLine]), [['Build', 'S/Build', 'azure-pipelines.yml', 5]]);
    const drawn = templateGraphInPipeline(own, pipeline, path);
    assert.deepEqual(drawn.edges.map((e) => `${e.from}->${e.to} ${e.definedIn ?? '-'}`), ['Build->Deploy azure-pipelines.yml', 'Other->Deploy -']);
    // Other is T's: in S it is missing, as the pipeline says.
    assert.deepEqual(drawn.problems.map((p) => p.message), ['"S/Deploy" depends on "S/Other", which is not defined in any of the 2 files read']);
  });
});

// The root declares the stages; the included file lists its production job before its staging one.
const ORDERED = {
  '.gitlab-ci.yml': 'stages: [build, test, staging, production]\ninclude:\n  - local: ci/deploy.yml\nbuild:\n  stage: build\n  script: make\n',
  'ci/deploy.yml': 'prod:\n  stage: production\n  script: ./deploy prod\nstaging:\n  stage: staging\n  script: ./deploy staging\nverify:\n  stage: production\n  script: ./check\n',
};

describe('an included GitLab file read in its pipeline\'s stages', () => {
  const path = 'ci/deploy.yml';
  const text = ORDERED[path];
  const pipeline = pipelineOfFile('gitlab', path, text, project(ORDERED))!;
  const stages = pipelineStages(pipeline, path)!;
  const options = { dialect: 'gitlab' as const, fileName: path, stages };
  const edgesOf = (graph: { edges: { from: string; to: string; implicit: boolean }[] }) => graph.edges.map((e) => `${e.from}->${e.to}${e.implicit ? ' (stage order)' : ''}`);

  test('its lanes and the order of its jobs without needs are the pipeline\'s, not the order the file lists them in', () => {
    assert.deepEqual(stages, { names: ['build', 'test', 'staging', 'production'], declaredIn: '.gitlab-ci.yml' });
    // Alone, the file knows no order of its two stages but the order it uses them in.
    assert.deepEqual(edgesOf(parsePipeline(text, { dialect: 'gitlab', fileName: path })), ['prod->staging (stage order)', 'verify->staging (stage order)']);
    const own = parsePipeline(text, options);
    assert.deepEqual(own.lanes.map((l) => `${l.id}${l.declaredIn ? ` in ${l.declaredIn}` : ''}`), ['.pre', 'build in .gitlab-ci.yml', 'test in .gitlab-ci.yml', 'staging in .gitlab-ci.yml', 'production in .gitlab-ci.yml', '.post']);
    assert.ok(own.lanes.every((l) => l.implicit), 'none is written in this file');
    assert.deepEqual(edgesOf(own), ['staging->prod (stage order)', 'staging->verify (stage order)']);
    // Drawn so, judged in the pipeline (which has no problem here).
    const drawn = drawnInPipeline(pipeline, path, text, own, project(ORDERED));
    // The root's build is the stage before staging's in the pipeline: drawn as the root's.
    assert.deepEqual([edgesOf(drawn), drawn.problems], [['staging->prod (stage order)', 'build->staging (stage order)', 'staging->verify (stage order)'], []]);
    assert.deepEqual(drawn.edges.map((e) => e.definedIn), [undefined, '.gitlab-ci.yml', undefined]);
    // A stage the pipeline does not list is what GitLab rejects, said as such.
    const wrong = parsePipeline(`${text}smoke:\n  stage: canary\n  script: ./smoke\n`, options);
    assert.deepEqual(wrong.problems.map((p) => `${p.line} ${p.severity} ${p.message}`), ['11 error job "smoke" uses stage "canary", which the pipeline\'s stages: (in .gitlab-ci.yml) does not list']);
  });

  test('the root itself, a pipeline with GitLab\'s default stages, and a file whose own stages: wins give none', () => {
    assert.equal(pipelineStages(pipelineOfFile('gitlab', '.gitlab-ci.yml', ORDERED['.gitlab-ci.yml'], project(ORDERED))!, '.gitlab-ci.yml'), undefined);
    const defaults = { ...ORDERED, '.gitlab-ci.yml': ORDERED['.gitlab-ci.yml'].replace('stages: [build, test, staging, production]\n', '') };
    assert.equal(pipelineStages(pipelineOfFile('gitlab', path, text, project(defaults))!, path), undefined);
    // Declared by another included file: that file is named.
    const elsewhere = {
      '.gitlab-ci.yml': 'include:\n  - local: ci/stages.yml\n  - local: ci/deploy.yml\n',
      'ci/stages.yml': 'stages: [staging, production]\n',
      [path]: text,
    };
    assert.deepEqual(pipelineStages(pipelineOfFile('gitlab', path, text, project(elsewhere))!, path), { names: ['staging', 'production'], declaredIn: 'ci/stages.yml' });
    // Declared by this file too, included after ci/stages.yml: its own are the pipeline's (GitLab keeps the last).
    const last = { ...elsewhere, [path]: `stages: [production, staging]\n${text}` };
    const pipeline = pipelineOfFile('gitlab', path, last[path], project(last))!;
    assert.equal(pipelineStages(pipeline, path), undefined);
    assert.deepEqual(problems(last, path), []);
    assert.deepEqual(problems(last, 'ci/stages.yml'), ['1 warning this stages: is not the pipeline\'s: GitLab keeps the one in ci/deploy.yml (production, staging) and runs this file\'s jobs in those stages']);
  });

  test('a stages: of its own that the root\'s overrides: drawn and edited in the pipeline\'s, and said where it differs', () => {
    // The file's own list orders production before staging, and lacks test: GitLab ignores it.
    const files = { ...ORDERED, [path]: `stages: [build, production, staging]\n${text}` };
    const own = files[path];
    const pipeline = pipelineOfFile('gitlab', path, own, project(files))!;
    assert.deepEqual(pipelineStages(pipeline, path), stages);
    const graph = parsePipeline(own, options);
    assert.deepEqual(graph.lanes.map((l) => `${l.id}${l.declaredIn ? ` in ${l.declaredIn}` : ''}`), ['.pre', 'build in .gitlab-ci.yml', 'test in .gitlab-ci.yml', 'staging in .gitlab-ci.yml', 'production in .gitlab-ci.yml', '.post']);
    assert.deepEqual(edgesOf(graph), ['staging->prod (stage order)', 'staging->verify (stage order)']);
    assert.deepEqual(problems(files, path), ['1 warning this stages: is not the pipeline\'s: GitLab keeps the one in .gitlab-ci.yml (build, test, staging, production) and runs this file\'s jobs in those stages']);
    // The same stages in another form (nested lists, as GitLab flattens them) say nothing.
    const copy = { ...ORDERED, [path]: `stages: [build, [test, staging], production]\n${text}` };
    assert.deepEqual(problems(copy, path), []);
    // Edits: in the pipeline's order, to its stages; the file's own list is not where stages change.
    const added = planOperation(own, { op: 'addDependency', stage: 'verify', dependsOn: 'prod' }, options);
    assert.ok(added.ok && added.text.includes('verify:\n  stage: production\n  needs: [staging, prod]\n'), added.ok ? added.text : added.reason);
    const moved = planOperation(own, { op: 'moveToStage', stage: 'verify', to: 'test' }, options);
    assert.ok(moved.ok && moved.text.includes('verify:\n  stage: test\n') && moved.text.startsWith('stages: [build, production, staging]\n'), moved.ok ? moved.text : moved.reason);
    const unknown = planOperation(own, { op: 'moveToStage', stage: 'verify', to: 'canary' }, options);
    assert.ok(!unknown.ok && /this file's stages: is not the pipeline's: GitLab keeps the one in \.gitlab-ci\.yml: add "canary" there/.test(unknown.reason), unknown.ok ? '' : unknown.reason);
    for (const op of [{ op: 'addLane', lane: 'canary' }, { op: 'renameLane', lane: 'staging', newName: 'stage' }, { op: 'moveLane', lane: 'staging', after: 'production' }] as const) {
      const r = planOperation(own, op, options);
      assert.ok(!r.ok && /this file's stages: is not the pipeline's: GitLab keeps the one in \.gitlab-ci\.yml: change them there/.test(r.reason), `${op.op}: ${r.ok ? 'applied' : r.reason}`);
    }
  });

  test('edits are planned in the pipeline\'s order: a job without needs keeps the stage before it; the stages are changed where they are declared', () => {
    // verify runs after staging by the stage order; given a need of prod, it must keep needing staging.
    const added = planOperation(text, { op: 'addDependency', stage: 'verify', dependsOn: 'prod' }, options);
    assert.ok(added.ok, added.ok ? '' : added.reason);
    assert.deepEqual(edgesOf(added.graph).filter((e) => e.endsWith('verify')), ['staging->verify', 'prod->verify']);
    // Moving a job to a stage of the pipeline writes its stage; to one the pipeline lacks is refused, naming where to add it.
    const moved = planOperation(text, { op: 'moveToStage', stage: 'verify', to: 'test' }, options);
    assert.ok(moved.ok && moved.text.includes('verify:\n  stage: test\n'), moved.ok ? moved.text : moved.reason);
    const unknown = planOperation(text, { op: 'moveToStage', stage: 'verify', to: 'canary' }, options);
    assert.ok(!unknown.ok && /its pipeline's are declared in \.gitlab-ci\.yml: add "canary" there/.test(unknown.reason), unknown.ok ? '' : unknown.reason);
    for (const op of [{ op: 'addLane', lane: 'canary' }, { op: 'renameLane', lane: 'staging', newName: 'stage' }, { op: 'moveLane', lane: 'staging', after: 'production' }] as const) {
      const r = planOperation(text, op, options);
      assert.ok(!r.ok && /this file has no stages: of its own; its pipeline's are declared in \.gitlab-ci\.yml: change them there/.test(r.reason), `${op.op}: ${r.ok ? 'applied' : r.reason}`);
    }
  });
});

describe('an included GitLab file among the jobs of its pipeline\'s other files', () => {
  // The root has jobs in the stages around the file's: migrate beside the file's smoke, check in
  // qa, between smoke and the file's production jobs, and report, which needs smoke.
  const files = {
    '.gitlab-ci.yml': 'stages: [build, staging, qa, production]\ninclude:\n  - local: ci/deploy.yml\nbuild:\n  stage: build\n  script: make\n  artifacts: {paths: [dist/]}\nmigrate:\n  stage: staging\n  script: ./migrate\ncheck:\n  stage: qa\n  script: ./check\nreport:\n  stage: production\n  needs: [smoke]\n  script: ./report\n',
    'ci/deploy.yml': 'smoke:\n  stage: staging\n  script: ./smoke\nprod:\n  stage: production\n  script: ./deploy prod dist/\nverify:\n  stage: production\n  script: ./verify\n',
  };
  const path = 'ci/deploy.yml';
  const edges = (graph: { edges: { from: string; to: string; implicit: boolean; definedIn?: string }[] }) => graph.edges.map((e) => `${e.from}->${e.to}${e.implicit ? '' : ' (needs)'}${e.definedIn ? ` in ${e.definedIn}` : ''}`);

  test('a job without needs is drawn waiting for the pipeline\'s previous stage, wherever its jobs are written', () => {
    const pipeline = pipelineOfFile('gitlab', path, files[path], project(files))!;
    const stages = pipelineStages(pipeline, path)!;
    const own = parsePipeline(files[path], { dialect: 'gitlab', fileName: path, stages });
    // Alone (in the pipeline's stages), the file's production jobs wait for its staging job: qa has none of its jobs.
    assert.deepEqual(edges(own), ['smoke->prod', 'smoke->verify']);
    const drawn = drawnInPipeline(pipeline, path, files[path], own, project(files));
    // In the pipeline they wait for the root's check alone, and smoke for the root's build.
    assert.deepEqual(edges(drawn), ['build->smoke in .gitlab-ci.yml', 'check->prod in .gitlab-ci.yml', 'check->verify in .gitlab-ci.yml']);
  });

  test('an edit of one of its jobs is planned in the pipeline: a rename reaches the root, a new need keeps the waits and artifacts of other files\' jobs', () => {
    const noQa = { ...files, '.gitlab-ci.yml': files['.gitlab-ci.yml'].replace(', qa', '').replace('check:\n  stage: qa\n  script: ./check\n', '') };
    const editing = pipelineToEdit('gitlab', path, noQa[path], project(noQa));
    assert.deepEqual([editing.rootPath, editing.editing], ['.gitlab-ci.yml', { path, stages: { names: ['build', 'staging', 'production'], declaredIn: '.gitlab-ci.yml' } }]);
    const renamed = planComposedOperation(editing, { op: 'renameStage', stage: 'smoke', newId: 'smoke-test' });
    assert.ok(renamed.ok, renamed.ok ? '' : renamed.reason);
    assert.deepEqual(renamed.changes.map((c) => [c.path, c.text]), [
      ['.gitlab-ci.yml', noQa['.gitlab-ci.yml'].replace('needs: [smoke]', 'needs: [smoke-test]')],
      [path, noQa[path].replace('smoke:\n', 'smoke-test:\n')],
    ]);
    // verify waited for smoke and the root's migrate, and took the artifacts of every earlier job (build's dist/).
    const needed = planComposedOperation(editing, { op: 'addDependency', stage: 'verify', dependsOn: 'prod' });
    assert.ok(needed.ok, needed.ok ? '' : needed.reason);
    assert.deepEqual(needed.changes.map((c) => [c.path, c.text]), [[path, noQa[path].replace('verify:\n  stage: production\n', 'verify:\n  stage: production\n  needs: [smoke, migrate, prod, build]\n')]]);
    // A new job is the file's: written at its end, in the pipeline's stages; put before verify,
    // it is one more need of verify's, which keeps the others.
    const added = planComposedOperation(editing, { op: 'addStage', template: 'verify-health', id: 'canary', lane: 'production' });
    assert.ok(added.ok && added.changes.length === 1 && added.changes[0].path === path && added.changes[0].text.startsWith(`${noQa[path]}canary:\n  stage: production\n`), added.ok ? JSON.stringify(added.changes) : added.reason);
    const before = planComposedOperation(editing, { op: 'addStage', template: 'verify-health', id: 'canary', before: 'verify' });
    assert.ok(before.ok && before.changes.length === 1, before.ok ? JSON.stringify(before.changes) : before.reason);
    assert.ok(before.changes[0].text.startsWith(noQa[path].replace('verify:\n  stage: production\n', 'verify:\n  stage: production\n  needs: [smoke, migrate, canary, build]\n')), before.changes[0].text);
    // A job the root also defines is merged by GitLab: not changed in one file as if it were the whole job.
    const both = { ...noQa, '.gitlab-ci.yml': `${noQa['.gitlab-ci.yml']}prod:\n  variables: {TARGET: prod}\n` };
    const merged = planComposedOperation(pipelineToEdit('gitlab', path, both[path], project(both)), { op: 'renameStage', stage: 'prod', newId: 'production' });
    assert.ok(!merged.ok && /defined in .*ci\/deploy\.yml.*GitLab merges/.test(merged.reason), merged.ok ? 'applied' : merged.reason);
    // A file the root does not include is its own pipeline, as before.
    assert.deepEqual(pipelineToEdit('gitlab', 'ci/other.yml', 'x:\n  script: y\n', project(noQa)).editing, undefined);
    assert.equal(composedPipelineToEdit('gitlab', 'ci/other.yml', 'x:\n  script: y\n', project(noQa)), undefined);
    // A quick fix is planned the same way: the file's new text, and the other files it changed.
    const pipeline = composedPipelineToEdit('gitlab', path, noQa[path], project(noQa))!;
    const fixed = applyFix(noQa[path], { title: 'rename', operations: [{ op: 'renameStage', stage: 'smoke', newId: 'smoke-test' }] }, { pipeline });
    assert.ok(fixed.ok, fixed.ok ? '' : fixed.reason);
    assert.deepEqual([fixed.text, fixed.others.map((c) => [c.path, c.text])], [noQa[path].replace('smoke:\n', 'smoke-test:\n'), [['.gitlab-ci.yml', noQa['.gitlab-ci.yml'].replace('needs: [smoke]', 'needs: [smoke-test]')]]]);
  });

  test('a refusal for a job of another file than the one edited names that file', () => {
    const split = {
      '.gitlab-ci.yml': 'stages: [build, package]\ninclude:\n  - local: ci/a.yml\n  - local: ci/b.yml\n',
      'ci/a.yml': 'binaries:\n  stage: build\n  script: make\nother:\n  stage: build\n  script: make other\n',
      'ci/b.yml': '.pkg:\n  needs: [binaries]\npackage-deb:\n  extends: .pkg\n  stage: package\n  script: ./deb\n',
    };
    const fromA = planComposedOperation(pipelineToEdit('gitlab', 'ci/a.yml', split['ci/a.yml'], project(split)), { op: 'deleteStage', stage: 'binaries' });
    assert.ok(!fromA.ok && fromA.reason.includes('"package-deb" (in `ci/b.yml`) refers to "binaries" but is read-only (it inherits from `.pkg` through `extends`)'), fromA.ok ? 'applied' : fromA.reason);
    // Edited where the job in the way is written, the refusal needs no file.
    const inB = { ...split, 'ci/b.yml': `${split['ci/b.yml']}binaries:\n  stage: build\n  script: make\n`, 'ci/a.yml': 'other:\n  stage: build\n  script: make other\n' };
    const fromB = planComposedOperation(pipelineToEdit('gitlab', 'ci/b.yml', inB['ci/b.yml'], project(inB)), { op: 'deleteStage', stage: 'binaries' });
    assert.ok(!fromB.ok && fromB.reason.includes('"package-deb" refers to "binaries" but is read-only'), fromB.ok ? 'applied' : fromB.reason);
  });

  test('operations in a row on an included file: each is planned on what the ones before left, not on the composition made to find the pipeline', () => {
    const editing = pipelineToEdit('gitlab', path, files[path], project(files));
    assert.ok(editing.composed, 'pipelineToEdit keeps the composition it made');
    const r = applyComposedOperations(editing, [
      { op: 'renameStage', stage: 'smoke', newId: 'smoke-test' },
      { op: 'setProperty', stage: 'smoke-test', property: 'timeout', value: '10m' },
      { op: 'renameStage', stage: 'smoke-test', newId: 'smoke-check' },
    ]);
    assert.ok(r.ok, r.ok ? '' : r.reason);
    assert.deepEqual(r.changes.map((c) => [c.path, c.text]), [
      ['.gitlab-ci.yml', files['.gitlab-ci.yml'].replace('needs: [smoke]', 'needs: [smoke-check]')],
      [path, files[path].replace('smoke:\n  stage: staging\n  script: ./smoke\n', 'smoke-check:\n  stage: staging\n  script: ./smoke\n  timeout: 10m\n')],
    ]);
  });
});

describe('an included GitLab file that includes files itself, read in its pipeline\'s stages', () => {
  const files = {
    '.gitlab-ci.yml': 'stages: [build, staging, production]\ninclude:\n  - local: ci/deploy.yml\n',
    'ci/deploy.yml': 'include:\n  - local: ci/parts/verify.yml\nprod:\n  stage: production\n  script: ./deploy prod\nstaging:\n  stage: staging\n  script: ./deploy staging\n',
    'ci/parts/verify.yml': 'verify:\n  stage: production\n  script: ./check\n',
  };
  const path = 'ci/deploy.yml';

  test('drawn composed with what it includes, in the pipeline\'s stages; an edit in the file it includes keeps that order', () => {
    const pipeline = pipelineOfFile('gitlab', path, files[path], project(files))!;
    const stages = pipelineStages(pipeline, path)!;
    const drawn = drawnInPipeline(pipeline, path, files[path], parsePipeline(files[path], { dialect: 'gitlab', fileName: path, stages }), project(files));
    assert.deepEqual(drawn.nodes.map((n) => `${n.id} ${n.file ?? '-'}`), ['verify ci/parts/verify.yml', 'prod -', 'staging -']);
    assert.deepEqual(drawn.edges.map((e) => `${e.from}->${e.to}`), ['staging->verify', 'staging->prod']);
    assert.ok(drawn.lanes.filter((l) => l.id === 'staging' || l.id === 'production').every((l) => l.declaredIn === '.gitlab-ci.yml'));
    const added = planComposedOperation({ dialect: 'gitlab', rootPath: path, rootText: files[path], project: project(files), stages }, { op: 'addDependency', stage: 'verify', dependsOn: 'prod' });
    assert.ok(added.ok, added.ok ? '' : added.reason);
    assert.deepEqual(added.changes.map((c) => [c.path, c.text]), [['ci/parts/verify.yml', 'verify:\n  stage: production\n  needs: [staging, prod]\n  script: ./check\n']]);
  });
});

describe('namesOtherFiles', () => {
  test('include, spec, template, a top-level extends and a local uses name files; a GitLab job\'s extends names a job', () => {
    for (const text of ['include: ci/a.yml\n', 'spec:\n  inputs: {}\n---\n', 'steps:\n- template: s.yml\n', 'extends:\n  template: t.yml\n', 'extends: {template: t.yml}\n', 'jobs:\n  a:\n    uses: ./.github/workflows/x.yml\n', 'deploy:\n  trigger:\n    include: child.yml\n']) {
      assert.equal(namesOtherFiles(text), true, text);
    }
    for (const text of ['build:\n  extends: .base\n  script: make\n', 'job: {extends: [.a, .b]}\n', 'jobs:\n  a:\n    uses: actions/checkout@v4\n']) {
      assert.equal(namesOtherFiles(text), false, text);
    }
  });
});

describe('the rules on a file of a pipeline', () => {
  const files: Record<string, string> = {
    '.gitlab-ci.yml': 'stages: [test, release, verify]\ninclude:\n  - local: ci/release.yml\n  - local: ci/verify.yml\n',
    'ci/release.yml': 'unit:\n  stage: test\n  script: make test\nrelease:\n  stage: release\n  environment: production\n  script: ./release.sh\n',
    'ci/verify.yml': 'smoke:\n  stage: verify\n  needs: [release]\n  script: ./smoke-test.sh https://example.com/health\n',
  };
  const lint = (path: string, inPipeline: boolean) =>
    lintText(files[path], { fileName: path }, undefined, undefined, inPipeline ? (own) => ({ pipeline: pipelineOfFile(own.dialect, path, files[path], project(files)), path }) : undefined);

  test('a finding the whole pipeline contradicts goes (the check after the deploy is in another file); the others stay, with their ranges and fixes', () => {
    const alone = lint('ci/release.yml', false);
    const whole = lint('ci/release.yml', true);
    assert.ok(alone.some((f) => f.code === 'no-verify' && f.node === 'release'), alone.map((f) => f.code).join(' '));
    assert.ok(!whole.some((f) => f.code === 'no-verify'), whole.map((f) => f.code).join(' '));
    // The stage the root declares is no problem either.
    assert.ok(!whole.some((f) => f.code === 'pipeline-structure'));
    const kept = (fs: typeof alone) => fs.filter((f) => !['no-verify', 'pipeline-structure'].includes(f.code));
    assert.deepEqual(kept(whole), kept(alone));
    assert.ok(whole.some((f) => f.code === 'deploy-without-timeout' && f.fix !== undefined));
  });

  test('the whole pipeline read once for its files, again under another configuration', () => {
    const path = 'ci/release.yml';
    const own = parsePipelineFully(files[path], { dialect: 'gitlab', fileName: path });
    const pipeline = pipelineOfFile('gitlab', path, files[path], project(files))!;
    const timeoutOff = { rules: new Map([['deploy-without-timeout', 'off' as const]]) };
    const codes = (config?: LintConfig) => lintInPipeline(own, pipeline, config).map((f) => f.code);
    assert.ok(!codes(timeoutOff).includes('deploy-without-timeout'));
    // Read whole under the configuration that turned the rule off, the finding would not be confirmed.
    assert.ok(codes().includes('deploy-without-timeout'));
    assert.deepEqual(codes(), codes(), 'the same again');
    assert.ok(!codes().includes('no-verify'));
  });

  test('a pipeline the rules cannot read whole leaves the file\'s own findings standing', () => {
    const path = 'ci/release.yml';
    const own = parsePipelineFully(files[path], { dialect: 'gitlab', fileName: path });
    const pipeline = pipelineOfFile('gitlab', path, files[path], project(files))!;
    const unreadable = new Proxy({}, { get: () => { throw new Error('no such composite'); } }) as never;
    const alone = lintInPipeline(own, undefined).map((f) => f.code);
    assert.ok(alone.includes('no-verify'));
    assert.deepEqual(lintInPipeline(own, { ...pipeline, composite: { src: unreadable, files: pipeline.composite!.files } }).map((f) => f.code), alone);
  });
});

describe('the rules on an Azure template, in the pipelines that use it', () => {
  const template = 'jobs:\n- deployment: Deploy\n  dependsOn: Build\n  environment: production\n  strategy:\n    runOnce:\n      deploy:\n        steps:\n        - script: ./deploy.sh\n';
  const pipeline = (smoke: boolean, stage = 'S') =>
    `trigger: none\nstages:\n- stage: ${stage}\n  jobs:\n  - job: Build\n    steps:\n    - script: make\n  - template: jobs/deploy.yml\n${smoke ? '  - job: Smoke\n    dependsOn: Deploy\n    steps:\n    - script: curl -f https://example.com/health\n' : ''}`;
  const codes = (files: Record<string, string>) =>
    lintText(files['jobs/deploy.yml'], { fileName: 'jobs/deploy.yml' }, undefined, undefined, (own) => ({ pipeline: pipelineOfFile(own.dialect, 'jobs/deploy.yml', files['jobs/deploy.yml'], project(files), own), path: 'jobs/deploy.yml' }))
      .map((f) => `${f.code} ${f.node ?? ''}`);

  test('a finding the pipeline contradicts goes, matched by where the job is written (its id there is "S/Deploy")', () => {
    const alone = lintText(template, { fileName: 'jobs/deploy.yml' }).map((f) => `${f.code} ${f.node ?? ''}`);
    assert.ok(alone.includes('no-verify Deploy'), alone.join('\n'));
    const checked = codes({ 'azure-pipelines.yml': pipeline(true), 'jobs/deploy.yml': template });
    assert.ok(!checked.includes('no-verify Deploy'), checked.join('\n'));
    // The others stay; `Build`, which the template alone cannot find, is the pipeline's.
    assert.deepEqual(checked, alone.filter((c) => c !== 'no-verify Deploy' && !c.startsWith('unknown-dependency')));
    // A pipeline without the smoke test confirms it.
    assert.ok(codes({ 'azure-pipelines.yml': pipeline(false), 'jobs/deploy.yml': template }).includes('no-verify Deploy'));
  });

  test('used by several pipelines, a finding stands when any of them confirms it', () => {
    const both = { 'ci.yml': pipeline(true), 'release.yml': pipeline(true, 'R'), 'jobs/deploy.yml': template };
    assert.ok(!codes(both).includes('no-verify Deploy'));
    assert.ok(codes({ ...both, 'release.yml': pipeline(false, 'R') }).includes('no-verify Deploy'));
  });
});

describe('an Azure template edited on its own, checked against the pipelines that use it', () => {
  const files = {
    'azure-pipelines.yml': 'trigger: none\njobs:\n- template: jobs/build.yml\n- job: Deploy\n  dependsOn: Build\n  steps:\n  - bash: ./deploy.sh\n',
    'jobs/build.yml': 'jobs:\n- job: Build\n  steps:\n  - bash: make\n- job: Lint\n  steps:\n  - bash: make lint\n',
    'release.yml': "trigger: none\nstages:\n- template: stages/build.yml\n- stage: Release\n  dependsOn: Build\n  condition: succeeded('Build')\n  jobs:\n  - job: Ship\n    steps:\n    - bash: ./ship\n",
    // A stage template that uses the job template: its pipeline is release-all.yml, which uses both.
    'stages/build.yml': 'stages:\n- stage: Build\n  jobs:\n  - job: Make\n    steps:\n    - bash: make\n',
    'stages/all.yml': 'stages:\n- stage: Everything\n  jobs:\n  - template: ../jobs/build.yml\n',
    'release-all.yml': 'trigger: none\nstages:\n- template: stages/all.yml\n',
  };
  const plan = (path: keyof typeof files, op: EditOperation, given: Record<string, string> = files) => planComposedOperation(pipelineToEdit('azure', path, given[path], project(given)), op);
  const texts = (r: ReturnType<typeof plan>) => (r.ok ? r.changes.map((c) => [c.path, c.text]) : r.reason);

  test('the pipelines using a file: those that read it, not a template between them', () => {
    assert.deepEqual(pipelinesUsing('azure', 'jobs/build.yml', files['jobs/build.yml'], project(files)).map((p) => p.rootPath).sort(), ['azure-pipelines.yml', 'release-all.yml']);
    assert.deepEqual(pipelinesUsing('azure', 'stages/build.yml', files['stages/build.yml'], project(files)).map((p) => p.rootPath), ['release.yml']);
    assert.deepEqual(pipelinesUsing('azure', 'release.yml', files['release.yml'], project(files)), []);
  });

  test('a rename the pipeline that uses the template names is planned in that pipeline: its dependsOn and conditions follow', () => {
    assert.deepEqual(texts(plan('jobs/build.yml', { op: 'renameStage', stage: 'Build', newId: 'Compile' })), [
      ['jobs/build.yml', files['jobs/build.yml'].replace('job: Build', 'job: Compile')],
      ['azure-pipelines.yml', files['azure-pipelines.yml'].replace('dependsOn: Build', 'dependsOn: Compile')],
    ]);
    const stage = plan('stages/build.yml', { op: 'renameStage', stage: 'Build', newId: 'Compile' });
    assert.deepEqual(texts(stage), [
      ['stages/build.yml', files['stages/build.yml'].replace('stage: Build', 'stage: Compile')],
      ['release.yml', files['release.yml'].replace('dependsOn: Build', 'dependsOn: Compile').replace("succeeded('Build')", "succeeded('Compile')")],
    ]);
    assert.equal(stage.ok && stage.references, 2);
  });

  test('a rename no pipeline names elsewhere changes the template alone; a deletion keeps the order of what waited for it', () => {
    assert.deepEqual(texts(plan('jobs/build.yml', { op: 'renameStage', stage: 'Lint', newId: 'Check' })), [['jobs/build.yml', files['jobs/build.yml'].replace('job: Lint', 'job: Check')]]);
    assert.deepEqual(texts(plan('jobs/build.yml', { op: 'deleteStage', stage: 'Build' })), [
      ['jobs/build.yml', files['jobs/build.yml'].replace('- job: Build\n  steps:\n  - bash: make\n', '')],
      ['azure-pipelines.yml', files['azure-pipelines.yml'].replace('  dependsOn: Build\n', '')],
    ]);
  });

  test('a name left pointing at nothing where the pipeline also reads a template from elsewhere (a warning there, not an error) is a break too', () => {
    const remote = {
      'stages/build.yml': files['stages/build.yml'],
      'release.yml': "trigger: none\nresources:\n  repositories:\n  - repository: tools\n    type: git\n    name: org/tools\nstages:\n- template: stages/build.yml\n- template: stages/more.yml@tools\n- stage: Release\n  dependsOn: Build\n  jobs:\n  - job: Ship\n    steps:\n    - bash: ./ship\n",
    };
    assert.deepEqual(texts(plan('stages/build.yml', { op: 'renameStage', stage: 'Build', newId: 'Compile' }, remote)), [
      ['stages/build.yml', remote['stages/build.yml'].replace('stage: Build', 'stage: Compile')],
      ['release.yml', remote['release.yml'].replace('dependsOn: Build', 'dependsOn: Compile')],
    ]);
  });

  test('a rename two pipelines name is planned in both, one edit of the three files; a deletion too', () => {
    const two = { ...files, 'release-2.yml': files['release.yml'].replace('./ship', './ship 2') };
    const r = plan('stages/build.yml', { op: 'renameStage', stage: 'Build', newId: 'Compile' }, two);
    const renamed = (text: string) => text.replace('dependsOn: Build', 'dependsOn: Compile').replace("succeeded('Build')", "succeeded('Compile')");
    assert.deepEqual(texts(r), [
      ['stages/build.yml', files['stages/build.yml'].replace('stage: Build', 'stage: Compile')],
      ['release-2.yml', renamed(two['release-2.yml'])],
      ['release.yml', renamed(files['release.yml'])],
    ]);
    // The name and two references in each pipeline ("Renames 4 references in 3 files").
    assert.equal(r.ok && r.references, 4);
    // A deletion: each pipeline's dependsOn goes with it.
    const plain = { ...files, 'release.yml': files['release.yml'].replace("  condition: succeeded('Build')\n", '') };
    const both = { ...plain, 'release-2.yml': plain['release.yml'].replace('./ship', './ship 2') };
    const d = plan('stages/build.yml', { op: 'deleteStage', stage: 'Build' }, { ...both, 'stages/build.yml': `${files['stages/build.yml']}- stage: Test\n  jobs:\n  - job: T\n    steps:\n    - bash: make test\n` });
    assert.deepEqual(d.ok && d.changes.map((c) => [c.path, c.text.includes('dependsOn: Build')]), [['stages/build.yml', false], ['release-2.yml', false], ['release.yml', false]]);
  });

  test('its only job is said to be the template\'s, naming the pipelines it would leave with nothing (a pipeline\'s rule before)', () => {
    const only = { ...files, 'jobs/build.yml': 'jobs:\n- job: Build\n  steps:\n  - bash: make\n' };
    const r = plan('jobs/build.yml', { op: 'deleteStage', stage: 'Build' }, only);
    assert.equal(r.ok ? '' : r.reason, "can't edit this visually: \"Build\" is the only job of this template: deleting it would leave nothing where `azure-pipelines.yml` and `release-all.yml` use it; remove the `- template:` item that uses it there instead");
    assert.equal(!r.ok && r.platform, 'pipeline-needs-a-job');
    // A file no pipeline uses is a pipeline: its rule as before.
    const alone = plan('jobs/build.yml', { op: 'deleteStage', stage: 'Build' }, { 'jobs/build.yml': only['jobs/build.yml'] });
    assert.match(alone.ok ? '' : alone.reason, /"Build" is the only job; a pipeline needs at least one/);
  });

  test('refused when a pipeline using the template cannot follow, with that pipeline\'s reason', () => {
    // release.yml's condition names the stage: a deletion cannot take it out of the expression.
    const two = { ...files, 'release-2.yml': files['release.yml'].replace("  condition: succeeded('Build')\n", ''), 'stages/build.yml': `${files['stages/build.yml']}- stage: Test\n  jobs:\n  - job: T\n    steps:\n    - bash: make test\n` };
    const r = plan('stages/build.yml', { op: 'deleteStage', stage: 'Build' }, two);
    assert.match(r.ok ? '' : r.reason, /an expression refers to it by name \(line 6 of `release\.yml`: `succeeded\('Build'\)`\)/);
    // The line is the file's own, in a file the composition reads after others (it was the
    // composite's: line 20 here).
    const nested = {
      'stages/build.yml': two['stages/build.yml'],
      'release.yml': 'trigger: none\nstages:\n- template: stages/build.yml\n- template: stages/ship.yml\n',
      'stages/ship.yml': "stages:\n- stage: Release\n  condition: succeeded('Build')\n  jobs:\n  - job: Ship\n    steps:\n    - bash: ./ship\n",
    };
    const n = plan('stages/build.yml', { op: 'deleteStage', stage: 'Build' }, nested);
    assert.match(n.ok ? '' : n.reason, /\(line 3 of `stages\/ship\.yml`: `succeeded\('Build'\)`\)/);
    // The same in the pipeline's own designer.
    const inRoot = plan('release.yml', { op: 'deleteStage', stage: 'Build' }, nested);
    assert.match(inRoot.ok ? '' : inRoot.reason, /\(line 3 of `stages\/ship\.yml`: `succeeded\('Build'\)`\)/);
    // A rename rewrites it there: a condition is no graph problem the plan alone would have seen
    // (before, the template alone was renamed, the condition left testing a stage not there).
    assert.deepEqual(texts(plan('stages/build.yml', { op: 'renameStage', stage: 'Build', newId: 'Compile' }, nested)), [
      ['stages/build.yml', nested['stages/build.yml'].replace('stage: Build', 'stage: Compile')],
      ['stages/ship.yml', nested['stages/ship.yml'].replace("succeeded('Build')", "succeeded('Compile')")],
    ]);
  });
});

describe('an Azure job template used in several stages of one pipeline, edited in its own designer', () => {
  // A deploy template per environment: each stage's smoke test waits for its own "Deploy".
  const files = {
    'azure-pipelines.yml': "trigger: none\nstages:\n- stage: Dev\n  jobs:\n  - template: jobs/deploy.yml\n    parameters: {env: dev}\n  - job: Smoke\n    dependsOn: Deploy\n    steps:\n    - bash: ./smoke dev\n- stage: Prod\n  jobs:\n  - template: jobs/deploy.yml\n    parameters: {env: prod}\n  - job: Smoke\n    dependsOn: Deploy\n    condition: succeeded('Deploy')\n    steps:\n    - bash: ./smoke prod\n",
    'jobs/deploy.yml': "parameters:\n- name: env\n  type: string\njobs:\n- deployment: Deploy\n  environment: ${{ parameters.env }}\n  strategy:\n    runOnce:\n      deploy:\n        steps:\n        - bash: ./deploy.sh ${{ parameters.env }}\n- job: Notify\n  dependsOn: Deploy\n  steps:\n  - bash: ./notify\n",
  };
  const plan = (path: string, op: EditOperation, given: Record<string, string> = files) => planComposedOperation(pipelineToEdit('azure', path, given[path], project(given)), op);
  const texts = (r: ReturnType<typeof plan>) => (r.ok ? r.changes.map((c) => [c.path, c.text]) : r.reason);

  test('a rename renames every use: the name once in the template, each stage\'s references in its own place', () => {
    const r = plan('jobs/deploy.yml', { op: 'renameStage', stage: 'Deploy', newId: 'Release' });
    assert.deepEqual(texts(r), [
      ['jobs/deploy.yml', files['jobs/deploy.yml'].replace('deployment: Deploy', 'deployment: Release').replace('dependsOn: Deploy', 'dependsOn: Release')],
      ['azure-pipelines.yml', files['azure-pipelines.yml'].replaceAll('dependsOn: Deploy', 'dependsOn: Release').replace("succeeded('Deploy')", "succeeded('Release')")],
    ]);
    // Notify's need in the template, the two dependsOn and the condition in the pipeline.
    assert.equal(r.ok && r.references, 4);
    // A name one stage already has is refused, saying where (it was "Dev/Deploy is written once
    // … for Prod/Deploy too", ids the template's designer does not show, for any rename).
    const clash = { ...files, 'azure-pipelines.yml': files['azure-pipelines.yml'].replace('  - job: Smoke\n    dependsOn: Deploy\n    condition', '  - job: Release\n    dependsOn: Deploy\n    condition') };
    assert.match(texts(plan('jobs/deploy.yml', { op: 'renameStage', stage: 'Deploy', newId: 'Release' }, clash)) as string, /in `azure-pipelines\.yml`, which uses this file as a template: a stage named "Release" already exists \("Prod\/Release"\)/);
    // From the pipeline's own designer, one use is chosen: renaming it there would rename both.
    assert.match(texts(plan('azure-pipelines.yml', { op: 'renameStage', stage: 'Dev/Deploy', newId: 'Release' })) as string, /"Dev\/Deploy" is written once in `jobs\/deploy\.yml` for "Prod\/Deploy" too .*: a change there changes every use — open `jobs\/deploy\.yml` in the designer to rename it in every use; change it in the text$/);
  });

  test('a job of a stage template used twice (its stage named by a parameter) is renamed in both uses, and in what names one', () => {
    const staged = {
      'azure-pipelines.yml': "trigger: none\nstages:\n- template: stages/deploy.yml\n  parameters: {env: dev}\n- template: stages/deploy.yml\n  parameters: {env: prod}\n- stage: Report\n  dependsOn: [Deploy_dev, Deploy_prod]\n  condition: eq(stageDependencies.Deploy_prod.Deploy.result, 'Succeeded')\n  jobs:\n  - job: R\n    steps:\n    - bash: ./report\n",
      'stages/deploy.yml': 'parameters:\n- name: env\n  type: string\nstages:\n- stage: Deploy_${{ parameters.env }}\n  jobs:\n  - deployment: Deploy\n    environment: ${{ parameters.env }}\n    strategy:\n      runOnce:\n        deploy:\n          steps:\n          - bash: ./deploy.sh\n  - job: Smoke\n    dependsOn: Deploy\n    steps:\n    - bash: ./smoke\n',
    };
    // The two stages are drawn from one text: each use's entry is found as the use it is (it was
    // the last use's for both, and the first use's job "not a job written in this file's list").
    assert.deepEqual(texts(plan('stages/deploy.yml', { op: 'renameStage', stage: 'Deploy_${{ parameters.env }}/Deploy', newId: 'Ship' }, staged)), [
      ['stages/deploy.yml', staged['stages/deploy.yml'].replace('deployment: Deploy', 'deployment: Ship').replace('dependsOn: Deploy', 'dependsOn: Ship')],
      ['azure-pipelines.yml', staged['azure-pipelines.yml'].replace('Deploy_prod.Deploy.result', 'Deploy_prod.Ship.result')],
    ]);
  });

  test('a deletion deletes every use, each stage\'s jobs after it inheriting what it waited for', () => {
    const withBuild = {
      ...files,
      'azure-pipelines.yml': files['azure-pipelines.yml'].replace("    condition: succeeded('Deploy')\n", '').replace("  - template: jobs/deploy.yml\n    parameters: {env: dev}\n", "  - job: Build\n    steps:\n    - bash: make\n  - template: jobs/deploy.yml\n    parameters: {env: dev}\n"),
    };
    assert.deepEqual(texts(plan('jobs/deploy.yml', { op: 'deleteStage', stage: 'Deploy' }, withBuild)), [
      ['jobs/deploy.yml', 'parameters:\n- name: env\n  type: string\njobs:\n- job: Notify\n  steps:\n  - bash: ./notify\n'],
      ['azure-pipelines.yml', withBuild['azure-pipelines.yml'].replaceAll('    dependsOn: Deploy\n', '')],
    ]);
  });

  test('a deletion passes on a `dependsOn` the uses give (`${{ parameters.after }}`) as written, in every use and pipeline', () => {
    // Deploy waits for what each use passes: Notify, after it, inherits the expression, which
    // waits for Build in one stage and Approve in the other — the template stays a template.
    const passed = {
      'azure-pipelines.yml': 'trigger: none\nstages:\n- stage: Dev\n  jobs:\n  - job: Build\n    steps:\n    - bash: make\n  - template: jobs/deploy.yml\n    parameters: {after: Build}\n- stage: Prod\n  jobs:\n  - job: Approve\n    steps:\n    - bash: ./approve\n  - template: jobs/deploy.yml\n    parameters: {after: Approve}\n',
      'jobs/deploy.yml': 'parameters:\n- name: after\n  type: string\njobs:\n- deployment: Deploy\n  dependsOn: ${{ parameters.after }}\n  environment: prod\n  strategy:\n    runOnce:\n      deploy:\n        steps:\n        - bash: ./deploy.sh\n- job: Notify\n  dependsOn: Deploy\n  steps:\n  - bash: ./notify\n',
    };
    const inherited = [['jobs/deploy.yml', 'parameters:\n- name: after\n  type: string\njobs:\n- job: Notify\n  dependsOn: ${{ parameters.after }}\n  steps:\n  - bash: ./notify\n']];
    assert.deepEqual(texts(plan('jobs/deploy.yml', { op: 'deleteStage', stage: 'Deploy' }, passed)), inherited);
    // With one use: the template alone once took Notify's dependsOn away (in the pipeline it no
    // longer waited for Build), then wrote the name that one use passes (`dependsOn: Build`).
    const one = { ...passed, 'azure-pipelines.yml': passed['azure-pipelines.yml'].slice(0, passed['azure-pipelines.yml'].indexOf('- stage: Prod')) };
    assert.deepEqual(texts(plan('jobs/deploy.yml', { op: 'deleteStage', stage: 'Deploy' }, one)), inherited);
    // Two pipelines passing different jobs.
    const two = { ...one, 'release.yml': `trigger: none\nstages:\n${passed['azure-pipelines.yml'].slice(passed['azure-pipelines.yml'].indexOf('- stage: Prod'))}` };
    assert.deepEqual(texts(plan('jobs/deploy.yml', { op: 'deleteStage', stage: 'Deploy' }, two)), inherited);
    // Notify waiting for another job too: the names each use gives would differ in one list of
    // the template (the expression is not written into a list): refused, saying so.
    const also = { ...passed, 'jobs/deploy.yml': passed['jobs/deploy.yml'].replace('- job: Notify\n  dependsOn: Deploy\n', '- job: Lint\n  steps:\n  - bash: ./lint\n- job: Notify\n  dependsOn: [Deploy, Lint]\n') };
    assert.match(texts(plan('jobs/deploy.yml', { op: 'deleteStage', stage: 'Deploy' }, also)) as string, /the uses of the template \(2\) would need its text changed in different ways/);
    // From the pipeline's own designer: Dev's Notify is in the template too, and gets the same.
    assert.deepEqual(texts(plan('azure-pipelines.yml', { op: 'deleteStage', stage: 'Dev/Deploy' }, one)), inherited);
    // A stage template: the stage after the deleted one, which followed it by default, waits for
    // what each pipeline passes, and not for the stage written before the template's use.
    const staged = {
      'azure-pipelines.yml': 'trigger: none\nstages:\n- stage: Build\n  jobs:\n  - job: Make\n    steps:\n    - bash: make\n- stage: Lint\n  dependsOn: []\n  jobs:\n  - job: Lint\n    steps:\n    - bash: make lint\n- template: stages/deploy.yml\n  parameters:\n    after: [Build]\n',
      'release.yml': 'trigger: none\nstages:\n- stage: Package\n  jobs:\n  - job: Pack\n    steps:\n    - bash: make pack\n- template: stages/deploy.yml\n  parameters:\n    after: [Package]\n',
      'stages/deploy.yml': 'parameters:\n- name: after\n  type: object\n  default: []\nstages:\n- stage: Deploy\n  dependsOn: ${{ parameters.after }}\n  jobs:\n  - job: Ship\n    steps:\n    - bash: ./ship\n- stage: Verify\n  jobs:\n  - job: Check\n    steps:\n    - bash: ./check\n',
    };
    assert.deepEqual(texts(plan('stages/deploy.yml', { op: 'deleteStage', stage: 'Deploy' }, staged)), [
      ['stages/deploy.yml', 'parameters:\n- name: after\n  type: object\n  default: []\nstages:\n- stage: Verify\n  dependsOn: ${{ parameters.after }}\n  jobs:\n  - job: Check\n    steps:\n    - bash: ./check\n'],
    ]);
  });
});

describe('an Azure template edited from the designer of one of the pipelines using it', () => {
  const files = {
    'jobs/deploy.yml': 'jobs:\n- job: Deploy\n  steps:\n  - bash: ./deploy\n- job: Notify\n  dependsOn: Deploy\n  steps:\n  - bash: ./notify\n',
    'azure-pipelines.yml': 'stages:\n- stage: Dev\n  jobs:\n  - job: Build\n    steps:\n    - bash: make\n  - template: jobs/deploy.yml\n  - job: Smoke\n    dependsOn: Deploy\n    steps:\n    - bash: ./smoke\n',
    // Used in two stages here: both uses follow.
    'release.yml': 'stages:\n- stage: Prod\n  jobs:\n  - template: jobs/deploy.yml\n  - job: Verify\n    dependsOn: Deploy\n    steps:\n    - bash: ./verify\n- stage: Prod2\n  jobs:\n  - template: jobs/deploy.yml\n  - job: Verify2\n    dependsOn: [Deploy, Notify]\n    steps:\n    - bash: ./verify\n',
  };
  const plan = (op: EditOperation, given: Record<string, string> = files) => planComposedOperation(pipelineToEdit('azure', 'azure-pipelines.yml', given['azure-pipelines.yml'], project(given)), op);
  const texts = (r: ReturnType<typeof plan>) => (r.ok ? r.changes.map((c) => [c.path, c.text]) : r.reason);

  test('a rename of the template\'s job is a rename in every pipeline using it: their references follow', () => {
    const r = plan({ op: 'renameStage', stage: 'Dev/Deploy', newId: 'Ship' });
    const renamed = (text: string) => text.replaceAll('Deploy', 'Ship');
    assert.deepEqual(texts(r), [
      ['azure-pipelines.yml', files['azure-pipelines.yml'].replace('dependsOn: Deploy', 'dependsOn: Ship')],
      ['jobs/deploy.yml', renamed(files['jobs/deploy.yml'])],
      ['release.yml', renamed(files['release.yml'])],
    ]);
    // The name once, Notify's dependsOn, Smoke's, and Verify's and Verify2's in release.yml.
    assert.equal(r.ok && r.references, 4);
  });

  test('a deletion too, each pipeline\'s jobs that waited for it inheriting what it waited for', () => {
    const r = plan({ op: 'deleteStage', stage: 'Dev/Deploy' });
    assert.deepEqual(texts(r), [
      ['azure-pipelines.yml', files['azure-pipelines.yml'].replace('    dependsOn: Deploy\n', '')],
      ['jobs/deploy.yml', files['jobs/deploy.yml'].replace('- job: Deploy\n  steps:\n  - bash: ./deploy\n', '').replace('  dependsOn: Deploy\n', '')],
      ['release.yml', files['release.yml'].replace('    dependsOn: Deploy\n', '').replace('[Deploy, Notify]', '[Notify]')],
    ]);
  });

  test('refused, with the other pipeline\'s reason, when it cannot follow or the change would break it', () => {
    const named = { ...files, 'release.yml': files['release.yml'].replace('    steps:\n    - bash: ./verify\n- stage', "    condition: succeeded('Deploy')\n    steps:\n    - bash: ./verify\n- stage") };
    assert.match(String(texts(plan({ op: 'deleteStage', stage: 'Dev/Deploy' }, named))), /^can't edit this visually: in `release\.yml`, which also uses `jobs\/deploy\.yml`: "Prod\/Deploy" can't be deleted visually: an expression refers to it by name \(line 7/);
    // The template's job made to wait for a job only this pipeline has.
    assert.match(String(texts(plan({ op: 'addDependency', stage: 'Dev/Deploy', dependsOn: 'Dev/Build' }))), /^can't edit this visually: the change to `jobs\/deploy\.yml` would break `release\.yml`, which also uses it: "Prod\/Deploy" depends on "Prod\/Build", which is not defined .* \(line 3 of `jobs\/deploy\.yml`\)/);
    // What every pipeline takes alike is written in the template alone.
    assert.deepEqual(texts(plan({ op: 'setProperty', stage: 'Dev/Deploy', property: 'timeout', value: 30 })), [
      ['jobs/deploy.yml', files['jobs/deploy.yml'].replace('- job: Deploy\n', '- job: Deploy\n  timeoutInMinutes: 30\n')],
    ]);
  });
});

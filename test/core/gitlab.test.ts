// Hand-checked GitLab CI graphs. Line numbers in expectations count from the first line of each
// dedented YAML block.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { toPublicJson, type GraphNode, type PipelineGraph } from '../../src/core/model';
import { parsePipeline } from '../../src/core/parse';
import { nodeOf } from '../helpers/graphs';
import { dedent } from '../helpers/text';

function gitlab(text: string): PipelineGraph {
  return parsePipeline(text, { dialect: 'gitlab' });
}

/** Edges as "from -> to" with a marker for implicit ones, for compact comparisons. */
function edgeList(graph: PipelineGraph): string[] {
  return graph.edges.map((e) => `${e.from} -> ${e.to}${e.implicit ? ' (stage order)' : ''}`);
}

function laneList(graph: PipelineGraph): string[] {
  return graph.lanes.map((l) => (l.implicit ? `(${l.id})` : l.id));
}

describe('stages and lanes', () => {
  test('without stages: GitLab defaults, jobs default to test, each waits for the previous stage', () => {
    const graph = gitlab(dedent`
      compile:
        stage: build
        script: make
      unit:
        script: make test
      deploy_app:
        stage: deploy
        script: kubectl apply -f k8s/
    `);
    assert.deepEqual(laneList(graph), ['(.pre)', '(build)', '(test)', '(deploy)', '(.post)']);
    assert.deepEqual(toPublicJson(graph), {
      dialect: 'gitlab',
      nodes: [
        { id: 'compile', name: 'compile', kind: 'build', stage: 'build', range: { startLine: 1, endLine: 3 } },
        { id: 'unit', name: 'unit', kind: 'test', stage: 'test', range: { startLine: 4, endLine: 5 } },
        { id: 'deploy_app', name: 'deploy_app', kind: 'deploy', stage: 'deploy', range: { startLine: 6, endLine: 8 } },
      ],
      edges: [
        { from: 'compile', to: 'unit', implicit: true },
        { from: 'unit', to: 'deploy_app', implicit: true },
      ],
      errors: [],
      // The stages in their order, those GitLab adds marked: a reader of the JSON lays them out.
      lanes: ['.pre', 'build', 'test', 'deploy', '.post'].map((id) => ({ id, name: id, implicit: true })),
    });
    assert.equal(graph.title, undefined);
    assert.deepEqual(graph.fileMarks, []);
  });

  test('declared stages sit between .pre and .post; stage order skips stages without jobs', () => {
    const graph = gitlab(dedent`
      stages:
        - build
        - test
        - review
        - deploy
      setup:
        stage: .pre
        script: ./prepare.sh
      compile:
        stage: build
        script: make
      deploy_app:
        stage: deploy
        script: kubectl apply -f k8s/
      cleanup:
        stage: .post
        script: ./clean.sh
    `);
    assert.deepEqual(laneList(graph), ['(.pre)', 'build', 'test', 'review', 'deploy', '(.post)']);
    assert.deepEqual(graph.nodes.map((n) => `${n.id}@${n.stage}`), [
      'setup@.pre', 'compile@build', 'deploy_app@deploy', 'cleanup@.post',
    ]);
    assert.deepEqual(edgeList(graph), [
      'setup -> compile (stage order)',
      'compile -> deploy_app (stage order)',
      'deploy_app -> cleanup (stage order)',
    ]);
    assert.ok(graph.edges.every((e) => e.line === undefined && e.column === undefined));
    assert.deepEqual(graph.problems, []);
  });

  test('.pre and .post written in stages: keep their places and count as written', () => {
    const graph = gitlab(dedent`
      stages: [.post, build, .pre]
      compile:
        stage: build
        script: make
    `);
    assert.deepEqual(laneList(graph), ['.pre', 'build', '.post']);
  });

  test('nested stage lists are flattened and repeated stages count once', () => {
    const graph = gitlab(dedent`
      stages:
        - [build, test]
        - test
        - - deploy
      ship:
        stage: deploy
        script: ./ship.sh
    `);
    assert.deepEqual(laneList(graph), ['(.pre)', 'build', 'test', 'deploy', '(.post)']);
    assert.deepEqual(graph.problems, []);
  });

  test('the old types: keyword declares stages too', () => {
    const graph = gitlab(dedent`
      types: [compile, ship]
      make:
        stage: compile
        script: make
    `);
    assert.deepEqual(laneList(graph), ['(.pre)', 'compile', 'ship', '(.post)']);
    assert.deepEqual(graph.problems, []);
  });

  test('a stage missing from the declared stages is an error at the stage value, and still gets a lane', () => {
    const graph = gitlab(dedent`
      stages: [build, deploy]
      compile:
        stage: build
        script: make
      smoke:
        stage: smoke-test
        script: ./smoke.sh
      ship:
        stage: deploy
        script: ./ship.sh
    `);
    assert.deepEqual(laneList(graph), ['(.pre)', 'build', 'deploy', '(smoke-test)', '(.post)']);
    assert.equal(nodeOf(graph, 'smoke').stage, 'smoke-test');
    const problem = graph.problems.find((p) => p.source === 'structure');
    assert.deepEqual(problem, {
      message: 'job "smoke" uses stage "smoke-test", which is not listed in stages:',
      line: 6,
      column: 10,
      severity: 'error',
      source: 'structure',
    });
    assert.deepEqual(toPublicJson(graph).errors.map((e) => `${e.line}:${e.column}`), ['6:10']);
  });

  test('a stage set by a CI/CD input ($[[ inputs.stage ]]) is up to the file that includes this one: no problem here', () => {
    const graph = gitlab('spec:\n  inputs:\n    stage:\n---\nstages: [build, deploy]\npublish:\n  stage: $[[ inputs.stage ]]\n  script: ./publish.sh\n');
    assert.equal(nodeOf(graph, 'publish').stage, '$[[ inputs.stage ]]');
    assert.deepEqual(graph.problems, []);
  });

  test('issue #10: a job without stage: that extends a template from an include has an unknown stage, not a wrong one', () => {
    const graph = gitlab(dedent`
      include: [{project: gnome/citemplates, file: flatpak/flatpak_ci_initiative.yml}]
      stages: [build, deploy]
      build: {stage: build, script: make}
      nightly: {extends: .publish_nightly, needs: [build]}
    `);
    assert.deepEqual(toPublicJson(graph).errors, []);
    const stageProblems = graph.problems.filter((p) => p.source === 'structure');
    assert.deepEqual(stageProblems, [{
      message: 'job "nightly" sets no stage: here and inherits from a definition outside this file, which may set it; its stage is unknown (drawn in "test", GitLab\'s default)',
      line: 4,
      column: 1,
      severity: 'warning',
      source: 'structure',
    }]);
    // Through a parent in this file that extends the unknown one, too; a parent here that sets the stage settles it.
    const twoLevels = gitlab(dedent`
      include: templates.yml
      stages: [build]
      .base: {extends: .remote}
      nightly: {extends: .base, script: x}
      .staged: {extends: .remote, stage: build}
      lint: {extends: .staged, script: y}
    `);
    assert.deepEqual(toPublicJson(twoLevels).errors, []);
    assert.deepEqual(twoLevels.problems.filter((p) => p.source === 'structure').map((p) => p.message.slice(0, 40)), ['job "nightly" sets no stage: here and in']);
    assert.equal(nodeOf(twoLevels, 'lint').stage, 'build');
  });

  test('without stages: an unknown stage may be declared by the including file, so it is a warning', () => {
    const graph = gitlab(dedent`
      e2e:create:
        stage: e2e:init
        script: ./grit up
    `);
    assert.deepEqual(laneList(graph), ['(.pre)', '(build)', '(test)', '(deploy)', '(e2e:init)', '(.post)']);
    assert.deepEqual(graph.problems.map((p) => [p.severity, p.line, p.column]), [['warning', 2, 10]]);
    assert.deepEqual(toPublicJson(graph).errors, []);
  });
});

describe('needs', () => {
  const needsFile = dedent`
    stages: [build, test, deploy]
    compile:
      stage: build
      script: make
    docs:
      stage: build
      script: make docs
    unit:
      stage: test
      needs: [compile]
      script: make test
    lint:
      stage: test
      needs:
        - job: compile
          artifacts: false
        - job: docs
          optional: true
      script: make lint
    standalone:
      stage: deploy
      needs: []
      script: echo hi
    notify:
      stage: deploy
      script: curl -X POST https://hooks.slack.com/x
  `;

  test('names and {job:} items become explicit edges at the reference; needs: [] means none', () => {
    const graph = gitlab(needsFile);
    assert.deepEqual(
      graph.edges.map((e) => [e.from, e.to, e.implicit, e.line, e.column]),
      [
        ['compile', 'unit', false, 10, 11],
        ['compile', 'lint', false, 15, 12],
        ['docs', 'lint', false, 17, 12],
        ['unit', 'notify', true, undefined, undefined],
        ['lint', 'notify', true, undefined, undefined],
      ],
    );
    assert.equal(graph.edges.filter((e) => e.to === 'standalone').length, 0);
    assert.deepEqual(graph.problems, []);
  });

  test('a need that names no job is an unresolved edge and an error where it is written', () => {
    const graph = gitlab(dedent`
      unit:
        script: make test
        needs:
          - compile
    `);
    assert.deepEqual(graph.edges, [
      { from: 'compile', to: 'unit', implicit: false, line: 4, column: 7, unresolved: true },
    ]);
    assert.deepEqual(toPublicJson(graph).errors, [
      { message: '"unit" depends on "compile", which is not defined in this file', line: 4, column: 7 },
    ]);
  });

  test('a need of a job that is not in a file with includes is a warning that says where it may be', () => {
    const graph = gitlab(dedent`
      include: ci/setup.yml
      unit:
        script: make test
        needs: [install]
    `);
    assert.deepEqual(graph.problems.map((p) => [p.severity, p.line, p.column, p.message]), [
      ['warning', 4, 11, '"unit" depends on "install", which is not defined in this file (it may come from an included file)'],
    ]);
    assert.equal(graph.edges[0].unresolved, true, 'still drawn as a reference to nothing here');
  });

  test('in a file another includes (not .gitlab-ci.yml, no stages:), a need of a job it does not define is a warning', () => {
    const text = 'lint:\n  stage: test\n  needs: [install]\n  script: npm run lint\n';
    const severity = (fileName: string) => parsePipeline(text, { dialect: 'gitlab', fileName }).problems.map((p) => `${p.severity} ${p.message}`);
    assert.deepEqual(severity('/repo/.gitlab/ci/test.gitlab-ci.yml'), ['warning "lint" depends on "install", which is not defined in this file (it may come from another file of the pipeline)']);
    assert.deepEqual(severity('C:\\repo\\.gitlab-ci\\test.yml'), severity('/repo/.gitlab/ci/test.gitlab-ci.yml'));
    // The file GitLab starts from, or one with stages of its own: its needs are its own.
    assert.deepEqual(severity('/repo/.gitlab-ci.yml'), ['error "lint" depends on "install", which is not defined in this file']);
    assert.deepEqual(parsePipeline(`stages: [test]\n${text}`, { dialect: 'gitlab', fileName: '/repo/ci/pipeline.yml' }).problems.map((p) => p.severity), ['error']);
  });

  test('in a file another includes, a parent it does not define is a warning; in .gitlab-ci.yml, an error', () => {
    const text = 'lint:\n  stage: test\n  extends: .node\n  script: npm run lint\n';
    const severity = (fileName: string) => parsePipeline(text, { dialect: 'gitlab', fileName }).problems.map((p) => `${p.severity} ${p.message}`);
    assert.deepEqual(severity('/repo/.gitlab/ci/test.gitlab-ci.yml'), ['warning "lint" extends ".node", which is not defined in this file (it may come from another file of the pipeline)']);
    assert.deepEqual(severity('/repo/.gitlab-ci.yml'), ['error "lint" extends ".node", which is not defined in this file']);
  });

  test('an optional need of a job that does not exist is ignored, as GitLab does', () => {
    const graph = gitlab(dedent`
      unit:
        script: make test
        needs:
          - job: compile
            optional: true
    `);
    assert.deepEqual(graph.edges, []);
    assert.deepEqual(graph.problems, []);
  });

  test('needs on other pipelines draw no edge and still replace stage order', () => {
    const graph = gitlab(dedent`
      compile:
        stage: build
        script: make
      unit:
        needs:
          - pipeline: $PARENT_PIPELINE_ID
            job: generate
          - project: group/other
            job: build
            ref: main
            artifacts: true
        script: make test
    `);
    assert.deepEqual(graph.edges, []);
    assert.deepEqual(graph.problems, []);
  });

  test('a dependency cycle is reported and its edges marked', () => {
    const graph = gitlab(dedent`
      a:
        needs: [b]
        script: x
      b:
        needs: [a]
        script: y
    `);
    assert.ok(graph.edges.every((e) => e.cyclic === true));
    assert.deepEqual(toPublicJson(graph).errors, [{ message: 'dependency cycle: a → b → a', line: 2, column: 11 }]);
  });

  test('a cycle closed only by stage order into a job whose parent is not in the file is a warning: that parent may set needs', () => {
    const text = dedent`
      stages: [build, test]
      test:
        stage: test
        extends: .base-test
      build:
        stage: build
        needs: [test]
        script: make
    `;
    const graph = gitlab(text);
    const cycle = graph.problems.find((p) => p.source === 'cycle')!;
    assert.deepEqual([cycle.severity, cycle.message], ['warning', 'dependency cycle: build → test → build (if "test" takes no `needs:` from what it extends)']);
    assert.ok(graph.edges.every((e) => e.cyclic !== true), 'a possible cycle is not drawn as one');
    assert.deepEqual(graph.edges.filter((e) => e.guessed).map((e) => `${e.from}->${e.to}`), ['build->test']);
    // With the parent in the file (and no needs in it) the cycle is certain.
    const certain = gitlab(`.base-test:\n  script: t\n${text}`).problems.find((p) => p.source === 'cycle')!;
    assert.deepEqual([certain.severity, certain.message], ['error', 'dependency cycle: build → test → build']);
    // A certain cycle beside a guessed edge stays an error.
    const both = gitlab(text.replace('  extends: .base-test\n', '  extends: .base-test\n  needs: [build]\n'));
    assert.equal(both.problems.find((p) => p.source === 'cycle')!.severity, 'error');
  });

  test('needs inherited through extends are explicit edges positioned at the inherited item', () => {
    const graph = gitlab(dedent`
      .needs-build:
        needs: [compile]
      compile:
        stage: build
        script: make
      unit:
        extends: .needs-build
        script: make test
    `);
    assert.deepEqual(
      graph.edges.map((e) => [e.from, e.to, e.implicit, e.line, e.column]),
      [['compile', 'unit', false, 2, 11]],
    );
  });

  test('dependencies: does not make edges', () => {
    const graph = gitlab(dedent`
      compile:
        stage: build
        script: make
      unit:
        stage: build
        dependencies: [compile]
        script: make test
    `);
    assert.deepEqual(graph.edges, []);
  });
});

describe('extends, !reference, anchors', () => {
  test('a multi-level, list-form extends chain resolves stage, environment and when, deep-merging maps', () => {
    const graph = gitlab(dedent`
      stages: [build, deploy, verify]
      .base:
        stage: deploy
        script:
          - helm upgrade --install app ./chart --set strategy.type=RollingUpdate
      .production:
        extends: .base
        environment:
          name: production
          url: https://example.com
        when: manual
      .verify-template:
        stage: verify
        script: curl -f https://example.com/health
      ship:
        extends: [.production]
        environment:
          url: https://prod.example.com
      check:
        extends:
          - .base
          - .verify-template
    `);
    const ship = nodeOf(graph, 'ship');
    assert.equal(ship.stage, 'deploy');
    assert.equal(ship.environment, 'production');
    assert.equal(ship.environmentUrl, 'https://prod.example.com');
    assert.deepEqual(ship.gate, { kind: 'manual' });
    assert.equal(ship.kind, 'deploy');
    assert.equal(ship.strategy, 'rolling');
    assert.deepEqual(ship.marks, ['extends']);
    assert.match(ship.readOnlyReason ?? '', /\.production/);
    const check = nodeOf(graph, 'check');
    assert.equal(check.stage, 'verify', 'the later parent wins');
    assert.equal(check.kind, 'verify');
    assert.deepEqual(graph.nodes.map((n) => n.id), ['ship', 'check'], 'templates are not nodes');
    assert.deepEqual(edgeList(graph), ['ship -> check (stage order)']);
    assert.deepEqual(graph.problems, []);
  });

  test('an extends cycle is an error, not a hang', () => {
    const graph = gitlab(dedent`
      .a:
        extends: .b
        stage: build
      .b:
        extends: .a
      job:
        extends: .a
        script: make
    `);
    assert.equal(nodeOf(graph, 'job').stage, 'build');
    const cycles = graph.problems.filter((p) => p.message.startsWith('extends cycle'));
    assert.equal(cycles.length, 1);
    assert.equal(cycles[0].severity, 'error');
  });

  test('a parent that is not in the file is an error, and a warning that mentions includes when there are some', () => {
    // GitLab rejects it: "unknown keys in `extends`".
    const withoutInclude = gitlab(dedent`
      job:
        extends: .remote-template
        script: make
    `);
    assert.deepEqual(withoutInclude.problems.map((p) => [p.severity, p.line, p.column, p.message]), [
      ['error', 2, 12, '"job" extends ".remote-template", which is not defined in this file'],
    ]);
    const withInclude = gitlab(dedent`
      include: templates.yml
      job:
        extends: .remote-template
        script: make
    `);
    assert.match(withInclude.problems[0].message, /may come from an included file/);
    assert.deepEqual(nodeOf(withInclude, 'job').marks, ['extends']);
  });

  test('!reference marks the job and its lines count as the job\'s commands', () => {
    const graph = gitlab(dedent`
      .argo:
        script:
          - kubectl argo rollouts set image app app=registry/app:2
          - kubectl patch rollout app --type merge -p '{"spec":{"strategy":{"canary":{"steps":[{"setWeight":20}]}}}}'
      .protected:
        rules:
          - if: $CI_COMMIT_BRANCH == "main"
            when: manual
      roll_out:
        environment: production
        script:
          - !reference [.argo, script]
          - kubectl argo rollouts status app
        rules: !reference [.protected, rules]
    `);
    const node = nodeOf(graph, 'roll_out');
    assert.deepEqual(node.marks, ['reference']);
    assert.equal(node.kind, 'deploy');
    assert.equal(node.strategy, 'canary');
    assert.deepEqual(node.gate, { kind: 'manual' });
  });

  test('a !reference that refers to itself terminates', () => {
    const graph = gitlab(dedent`
      .loop:
        script:
          - !reference [.loop, script]
          - !reference [.loop, script]
      job:
        script: !reference [.loop, script]
    `);
    assert.deepEqual(nodeOf(graph, 'job').marks, ['reference']);
  });

  test('<<: merges of anchors resolve values; the merging jobs are read-only, the template is not a node', () => {
    const graph = gitlab(dedent`
      .deploy_template: &deploy
        stage: deploy
        script:
          - kubectl patch deployment app -p '{"spec":{"strategy":{"type":"RollingUpdate"}}}'
          - kubectl rollout restart deployment/app
        environment: staging
      deploy_staging:
        <<: *deploy
      deploy_production:
        <<: *deploy
        environment: production
        when: manual
      build: &build_job
        stage: build
        script: make
      build_again: *build_job
    `);
    assert.deepEqual(graph.nodes.map((n) => n.id), ['deploy_staging', 'deploy_production', 'build', 'build_again']);
    const staging = nodeOf(graph, 'deploy_staging');
    assert.deepEqual([staging.stage, staging.environment, staging.kind, staging.strategy], ['deploy', 'staging', 'deploy', 'rolling']);
    assert.deepEqual(staging.marks, ['merge', 'alias']);
    const production = nodeOf(graph, 'deploy_production');
    assert.equal(production.environment, 'production', 'keys written in the job beat merged ones');
    assert.deepEqual(production.gate, { kind: 'manual' });
    assert.deepEqual(nodeOf(graph, 'build').marks, ['anchor']);
    const again = nodeOf(graph, 'build_again');
    assert.deepEqual([again.stage, again.kind, again.marks], ['build', 'build', ['alias']]);
    assert.equal(toPublicJson(graph).nodes.find((n) => n.id === 'deploy_staging')?.readOnly, true);
  });

  test('a merge of several anchors: the first one wins for keys both define', () => {
    const graph = gitlab(dedent`
      .a: &a
        stage: build
      .b: &b
        stage: deploy
        environment: staging
      job:
        <<: [*a, *b]
        script: make
    `);
    const job = nodeOf(graph, 'job');
    assert.deepEqual([job.stage, job.environment], ['build', 'staging']);
  });

  test('parallel: matrix marks the job; a plain parallel count does not', () => {
    const graph = gitlab(dedent`
      test-matrix:
        parallel:
          matrix:
            - NODE: ['18', '20']
        script: npm test
      test-split:
        parallel: 4
        script: npm test
    `);
    assert.deepEqual(nodeOf(graph, 'test-matrix').marks, ['matrix']);
    assert.deepEqual(nodeOf(graph, 'test-split').marks, []);
  });

  test('one job of a matrix named as GitLab names it ("build: [linux, amd64]") is a need and an artifact source of the matrix job', () => {
    // gitlab-runner's own pipeline: "prebuilt helper images" needs "helper images: [alpine …]".
    const graph = gitlab(dedent`
      stages: [build, test]
      build:
        stage: build
        script: make
        parallel:
          matrix:
            - OS: [linux, windows]
              ARCH: amd64
      test-linux:
        stage: test
        needs: ["build: [linux, amd64]"]
        script: make test
      test-all:
        stage: test
        needs: ["build: [linux, amd64]", "build: [windows, amd64]"]
        dependencies: ["build: [windows, amd64]"]
        script: make test
      test-typo:
        stage: test
        needs: ["lint: [linux]", "test-linux: [x]"]
        script: make test
    `);
    assert.deepEqual(edgeList(graph), ['build -> test-linux', 'build -> test-all', 'lint: [linux] -> test-typo', 'test-linux: [x] -> test-typo']);
    assert.deepEqual(nodeOf(graph, 'test-all').artifactsFrom, ['build']);
    // A name with brackets that is no matrix job's is what it was: a job the file does not define.
    assert.deepEqual(graph.problems.map((p) => p.message), [
      '"test-typo" depends on "lint: [linux]", which is not defined in this file',
      '"test-typo" depends on "test-linux: [x]", which is not defined in this file',
    ]);
  });

  test('a need of one job of a matrix the matrix does not make is an error naming the jobs it makes', () => {
    const graph = gitlab(dedent`
      stages: [build, test]
      build:
        stage: build
        script: make
        parallel:
          matrix:
            - OS: [linux, windows]
              ARCH: amd64
            - OS: mac
              ARCH: [arm64]
      test:
        stage: test
        needs: ["build: [linux, amd64]", "build: [mac, arm64]", "build: [linux, arm64]", "build: [linux,amd64]"]
        script: make test
      maybe:
        stage: test
        needs: [{job: "build: [bsd, amd64]", optional: true}]
        script: make test
    `);
    assert.deepEqual(edgeList(graph), ['build -> test']);
    const made = '"build: [linux, amd64]", "build: [windows, amd64]", "build: [mac, arm64]"';
    assert.deepEqual(graph.problems.map((p) => `${p.line}:${p.column} ${p.severity} ${p.message}`), [
      `13:59 error "test" needs "build: [linux, arm64]", which is not one of the jobs the \`parallel: matrix:\` of "build" makes: ${made}`,
      `13:84 error "test" needs "build: [linux,amd64]", which is not one of the jobs the \`parallel: matrix:\` of "build" makes: ${made}`,
    ]);
  });

  test('a matrix whose values are not plain, or over GitLab\'s 200 jobs, is not checked', () => {
    const graph = gitlab(dedent`
      build:
        script: make
        parallel:
          matrix:
            - OS: [{a: 1}]
      big:
        script: make
        parallel:
          matrix:
            - A: [${Array.from({ length: 15 }, (_, i) => i).join(', ')}]
              B: [${Array.from({ length: 15 }, (_, i) => i).join(', ')}]
      test:
        needs: ["build: [x]", "big: [99, 99]"]
        script: make test
    `);
    assert.deepEqual(graph.problems, []);
  });
});

describe('top level', () => {
  test('settings, hidden jobs and the workflow are not nodes; pages is a job; workflow.name is the title', () => {
    const graph = gitlab(dedent`
      workflow:
        name: 'Pipeline for $CI_COMMIT_REF_NAME'
        rules:
          - when: always
      default:
        image: node:20
      image: node:20
      services: [docker:dind]
      cache:
        paths: [node_modules]
      variables:
        A: b
      before_script: [npm ci]
      after_script: [echo done]
      .hidden:
        script: echo hidden
      pages:
        stage: deploy
        script: npm run docs
    `);
    assert.deepEqual(graph.nodes.map((n) => n.id), ['pages']);
    assert.equal(nodeOf(graph, 'pages').kind, 'deploy', 'GitLab publishes what the pages job builds');
    assert.equal(graph.title, 'Pipeline for $CI_COMMIT_REF_NAME');
    assert.deepEqual(graph.problems, []);
  });

  test('include: one file mark per included item, saying what and where', () => {
    const graph = gitlab(dedent`
      include:
        - local: /ci/build.yml
        - project: group/shared-ci
          ref: v1.2
          file:
            - /deploy.yml
            - /verify.yml
        - template: Security/SAST.gitlab-ci.yml
        - remote: https://example.com/ci.yml
        - component: $CI_SERVER_FQDN/group/comp/lint@1.0
        - /ci/plain.yml
      job:
        script: make
    `);
    assert.deepEqual(graph.fileMarks, [
      { mark: 'include', detail: 'local: /ci/build.yml', line: 2 },
      { mark: 'include', detail: 'project: group/shared-ci → /deploy.yml, /verify.yml @ v1.2', line: 3 },
      { mark: 'include', detail: 'template: Security/SAST.gitlab-ci.yml', line: 8 },
      { mark: 'include', detail: 'remote: https://example.com/ci.yml', line: 9 },
      { mark: 'include', detail: 'component: $CI_SERVER_FQDN/group/comp/lint@1.0', line: 10 },
      { mark: 'include', detail: '/ci/plain.yml', line: 11 },
    ]);
    assert.deepEqual(nodeOf(graph, 'job').marks, [], 'an include does not make the jobs read-only');
  });

  test('a single include string is one mark on its line', () => {
    const graph = gitlab('stages: [build]\ninclude: ci/common.yml\n');
    assert.deepEqual(graph.fileMarks, [{ mark: 'include', detail: 'ci/common.yml', line: 2 }]);
  });

  test('trigger jobs are nodes and stay editable', () => {
    const graph = gitlab(dedent`
      deploy-child:
        stage: deploy
        trigger:
          include: child.yml
          strategy: depend
    `);
    const node = nodeOf(graph, 'deploy-child');
    assert.equal(node.kind, 'deploy');
    assert.deepEqual(node.marks, []);
  });

  test('the node span covers the job from its key to its last line', () => {
    const text = dedent`
      compile:
        script: make

      deploy_staging:
        stage: deploy
        environment: staging
        script:
          - kubectl apply -f k8s/
      # trailing comment
    `;
    const node = nodeOf(gitlab(text), 'deploy_staging');
    assert.deepEqual(node.range, { startLine: 4, endLine: 8 });
    const slice = text.slice(node.offsets[0], node.offsets[1]);
    assert.ok(slice.startsWith('deploy_staging:'), slice);
    assert.ok(slice.endsWith('kubectl apply -f k8s/'), slice);
  });
});

describe('gates, failure handling and kinds', () => {
  test('when: manual and when: delayed are gates; a gated job that does nothing else is the approval step', () => {
    const graph = gitlab(dedent`
      approve:
        stage: deploy
        when: manual
        script: echo approved
      wait:
        stage: deploy
        when: delayed
        start_in: 30 minutes
        script: echo go
      hold:
        stage: deploy
        rules:
          - if: $CI_COMMIT_TAG
            when: manual
          - when: never
        script: echo waiting
      compile:
        stage: build
        rules:
          - if: $CI_PROJECT_PATH != "group/project"
            when: manual
          - when: on_success
        script: make
    `);
    assert.deepEqual(nodeOf(graph, 'approve').gate, { kind: 'manual' });
    assert.equal(nodeOf(graph, 'approve').kind, 'approval-gate');
    assert.deepEqual(nodeOf(graph, 'wait').gate, { kind: 'delayed', after: '30 minutes' });
    assert.equal(nodeOf(graph, 'wait').kind, 'approval-gate');
    assert.deepEqual(nodeOf(graph, 'hold').gate, { kind: 'manual' }, 'a rule with when: manual gates the job');
    assert.equal(nodeOf(graph, 'hold').kind, 'approval-gate');
    const compile = nodeOf(graph, 'compile');
    assert.deepEqual(compile.gate, { kind: 'manual' });
    assert.equal(compile.kind, 'build', 'a build started by hand is still a build');
  });

  test('a delayed rule takes its start_in from the rule', () => {
    const graph = gitlab(dedent`
      promote:
        stage: deploy
        rules:
          - if: $CI_COMMIT_BRANCH == "main"
            when: delayed
            start_in: 2 hours
        script: ./promote.sh
    `);
    assert.deepEqual(nodeOf(graph, 'promote').gate, { kind: 'delayed', after: '2 hours' });
  });

  test('when: on_failure makes a rollback job, with or without an environment', () => {
    const graph = gitlab(dedent`
      undo:
        stage: deploy
        when: on_failure
        script: kubectl rollout undo deployment/app
      restore_production:
        stage: deploy
        when: on_failure
        environment: production
        script: ./restore.sh
    `);
    assert.equal(nodeOf(graph, 'undo').kind, 'rollback');
    assert.equal(nodeOf(graph, 'restore_production').kind, 'rollback');
    assert.equal(nodeOf(graph, 'restore_production').strategy, undefined);
  });

  test('environment names with CI variables are kept as written; a stop job is not a deploy', () => {
    const graph = gitlab(dedent`
      review:
        stage: deploy
        environment:
          name: review/$CI_COMMIT_REF_SLUG
          url: https://$CI_ENVIRONMENT_SLUG.example.com
          on_stop: stop_review
        script: ./deploy-review.sh
      stop_review:
        stage: deploy
        when: manual
        environment:
          name: review/$CI_COMMIT_REF_SLUG
          action: stop
        script: ./teardown.sh
    `);
    const review = nodeOf(graph, 'review');
    assert.deepEqual([review.environment, review.environmentUrl, review.kind], [
      'review/$CI_COMMIT_REF_SLUG', 'https://$CI_ENVIRONMENT_SLUG.example.com', 'deploy',
    ]);
    const stop = nodeOf(graph, 'stop_review');
    assert.equal(stop.environment, 'review/$CI_COMMIT_REF_SLUG');
    assert.notEqual(stop.kind, 'deploy');
    assert.notEqual(stop.kind, 'approval-gate');
  });

  test('a deployment strategy is shown only where the script states it', () => {
    const graph = gitlab(dedent`
      weights:
        environment: production
        script: ./rollout.sh --setWeight 20
      switch:
        environment: production
        script: ./switch-blue-green.sh
      selector:
        environment: production
        script: kubectl patch svc app -p '{"spec":{"selector":{"slot":"green"}}}'
      surge:
        environment: production
        script: kubectl patch deployment app -p '{"spec":{"strategy":{"rollingUpdate":{"maxSurge":"25%"}}}}'
      argo:
        environment: production
        script: kubectl argo rollouts set image app app=img:2
      status:
        environment: production
        script: kubectl rollout status deployment/app
      charts:
        environment: production
        script: helm upgrade --install app ./chart
      auto-devops:
        environment: production
        script:
          - deploy
          - delete canary
      plain:
        environment: production
        script: ./deploy.sh
    `);
    assert.deepEqual(graph.nodes.map((n) => [n.id, n.strategy]), [
      ['weights', 'canary'],
      ['switch', 'blue-green'],
      ['selector', 'blue-green'],
      ['surge', 'rolling'],
      // These roll out however the Deployment or Rollout is configured, which the file does not say.
      ['argo', undefined],
      ['status', undefined],
      ['charts', undefined],
      ['auto-devops', undefined],
      ['plain', undefined],
    ]);
  });

  test('a realistic Build → Test → Staging → Approve → Production → Verify → Rollback pipeline', () => {
    const graph = gitlab(dedent`
      stages:
        - build
        - test
        - staging
        - approve
        - production
        - verify
        - rollback

      variables:
        IMAGE: registry.example.com/shop:$CI_COMMIT_SHA

      build_image:
        stage: build
        script:
          - docker build -t $IMAGE .
          - docker push $IMAGE

      unit_tests:
        stage: test
        script:
          - npm ci
          - npm test

      container_scan:
        stage: test
        script:
          - trivy image --exit-code 1 $IMAGE

      deploy_staging:
        stage: staging
        environment:
          name: staging
          url: https://staging.example.com
        script:
          - kubectl set image deployment/shop shop=$IMAGE
          - kubectl rollout status deployment/shop

      approve_production:
        stage: approve
        when: manual
        allow_failure: false
        script:
          - echo "Approved by $GITLAB_USER_LOGIN"

      deploy_production:
        stage: production
        environment:
          name: production
          url: https://shop.example.com
        script:
          - kubectl argo rollouts set image shop shop=$IMAGE
          - kubectl argo rollouts promote shop

      verify_production:
        stage: verify
        script:
          - curl -fsS https://shop.example.com/healthz

      rollback_production:
        stage: rollback
        when: on_failure
        environment:
          name: production
        script:
          - kubectl argo rollouts undo shop
    `);
    assert.deepEqual(toPublicJson(graph), {
      dialect: 'gitlab',
      nodes: [
        { id: 'build_image', name: 'build_image', kind: 'build', stage: 'build', range: { startLine: 13, endLine: 17 } },
        { id: 'unit_tests', name: 'unit_tests', kind: 'test', stage: 'test', range: { startLine: 19, endLine: 23 } },
        { id: 'container_scan', name: 'container_scan', kind: 'security-scan', stage: 'test', range: { startLine: 25, endLine: 28 } },
        {
          id: 'deploy_staging', name: 'deploy_staging', kind: 'deploy', stage: 'staging', environment: 'staging',
          range: { startLine: 30, endLine: 37 },
        },
        {
          id: 'approve_production', name: 'approve_production', kind: 'approval-gate', stage: 'approve', gate: 'manual',
          range: { startLine: 39, endLine: 44 },
        },
        {
          id: 'deploy_production', name: 'deploy_production', kind: 'deploy', stage: 'production', environment: 'production',
          range: { startLine: 46, endLine: 53 },
        },
        { id: 'verify_production', name: 'verify_production', kind: 'verify', stage: 'verify', range: { startLine: 55, endLine: 58 } },
        {
          id: 'rollback_production', name: 'rollback_production', kind: 'rollback', stage: 'rollback', environment: 'production',
          range: { startLine: 60, endLine: 66 },
        },
      ],
      edges: [
        { from: 'build_image', to: 'unit_tests', implicit: true },
        { from: 'build_image', to: 'container_scan', implicit: true },
        { from: 'unit_tests', to: 'deploy_staging', implicit: true },
        { from: 'container_scan', to: 'deploy_staging', implicit: true },
        { from: 'deploy_staging', to: 'approve_production', implicit: true },
        { from: 'approve_production', to: 'deploy_production', implicit: true },
        { from: 'deploy_production', to: 'verify_production', implicit: true },
        { from: 'verify_production', to: 'rollback_production', implicit: true },
      ],
      errors: [],
      lanes: [
        { id: '.pre', name: '.pre', implicit: true },
        ...['build', 'test', 'staging', 'approve', 'production', 'verify', 'rollback'].map((id) => ({ id, name: id, implicit: false })),
        { id: '.post', name: '.post', implicit: true },
      ],
    });
    assert.deepEqual(laneList(graph), [
      '(.pre)', 'build', 'test', 'staging', 'approve', 'production', 'verify', 'rollback', '(.post)',
    ]);
    assert.equal(nodeOf(graph, 'deploy_production').environmentUrl, 'https://shop.example.com');
  });
});

describe('malformed input never throws', () => {
  const inputs: [string, string][] = [
    ['empty', ''],
    ['blank', '   \n\n'],
    ['comment only', '# nothing here\n'],
    ['scalar root', 'just a string'],
    ['list root', '- a\n- b\n'],
    ['unclosed flow', 'job: {script: [make\n'],
    ['bad indentation', 'job:\n  script: make\n stage: build\n'],
    ['tab indentation', 'job:\n\tscript: make\n'],
    ['undefined alias', 'job: *nowhere\n'],
    ['merge of undefined alias', 'job:\n  <<: *nowhere\n  script: make\n'],
    ['self-referencing anchor', 'job: &a\n  script: make\n  child: *a\n'],
    ['collection key', '? [a, b]\n: c\njob:\n  script: make\n'],
    ['odd value types', 'stages: {a: 1}\njob:\n  stage: [x]\n  needs: 5\n  extends: {a: 1}\n  environment: [1, 2]\n  when: [manual]\n  rules: manual\n  script: {a: b}\n'],
    ['odd needs items', 'job:\n  needs: [{job: [x]}, null, [a], {}]\n  script: make\n'],
    ['odd include', 'include: 5\njob:\n  script: make\n'],
    ['include item with no known key', 'include:\n  - foo: bar\njob:\n  script: make\n'],
    ['empty needs and extends', 'job:\n  needs:\n  extends:\n  script: make\n'],
    ['reference to nothing', 'job:\n  script: !reference [.none, script]\n  rules: !reference []\n'],
    ['duplicate job keys', 'job:\n  script: a\njob:\n  script: b\n'],
    ['binary noise', '\u0000\u0001\u0002: \u0003\n'],
  ];
  for (const [name, text] of inputs) {
    test(name, () => {
      const graph = gitlab(text);
      assert.equal(graph.lanes[0]?.id, '.pre');
      assert.equal(graph.lanes[graph.lanes.length - 1]?.id, '.post');
      for (const p of graph.problems) assert.ok(p.line >= 1 && p.column >= 1, JSON.stringify(p));
    });
  }

  test('a job whose value is a scalar, empty, or an alias to a scalar is a structure error at its key', () => {
    const graph = gitlab(dedent`
      stages: [build]
      .name: &name compile
      compile: make all
      empty:
      aliased: *name
      real:
        stage: build
        script: make
    `);
    assert.deepEqual(graph.nodes.map((n) => n.id), ['real']);
    assert.deepEqual(
      graph.problems.filter((p) => p.source === 'structure').map((p) => [p.line, p.column, p.severity]),
      [[3, 1, 'error'], [4, 1, 'error'], [5, 1, 'error']],
    );
    assert.match(graph.problems[0].message, /job "compile" must be a mapping/);
  });

  test('a scalar root is a structure error; an empty file is just empty', () => {
    assert.deepEqual(gitlab('hello').problems.map((p) => [p.source, p.line, p.column]), [['structure', 1, 1]]);
    assert.deepEqual(gitlab('').problems, []);
    assert.deepEqual(gitlab('').nodes, []);
  });

  test('nested lists of aliases that fan out exponentially are read only so far', () => {
    // 50 aliases per level, 11 levels: fully expanded this would be 50^11 script lines.
    let text = '.l0: &l0 [echo]\n';
    for (let level = 1; level < 12; level++) {
      text += `.l${level}: &l${level} [${Array.from({ length: 50 }, () => `*l${level - 1}`).join(', ')}]\n`;
    }
    text += 'stages: *l11\njob:\n  stage: echo\n  script: *l11\n';
    const graph = gitlab(text);
    assert.deepEqual(graph.nodes.map((n) => [n.id, n.stage, n.marks]), [['job', 'echo', ['alias']]]);
  });

  test('every prefix of a real pipeline parses without throwing', () => {
    const text = dedent`
      stages: [build, deploy]
      include:
        - local: /ci/x.yml
      .base: &base
        stage: deploy
        environment: {name: production, url: https://x.example.com}
      build:
        stage: build
        script: [make]
      ship:
        <<: *base
        extends: .base
        needs: [build, {job: build, artifacts: true}]
        rules:
          - if: $CI_COMMIT_TAG
            when: delayed
            start_in: 5 minutes
        script:
          - !reference [build, script]
          - kubectl rollout status deploy/app
    `;
    for (let end = 0; end <= text.length; end++) {
      assert.doesNotThrow(() => gitlab(text.slice(0, end)), `prefix of ${end} characters`);
    }
  });
});

describe('repeated keys', () => {
  test('a repeated job is a warning and the later definition is the one shown, as GitLab does', () => {
    const graph = gitlab(dedent`
      stages: [build, deploy]
      build:
        stage: build
        script: [make]
      build:
        stage: deploy
        script: [make dist]
    `);
    assert.deepEqual(graph.nodes.map((n) => [n.id, n.stage, n.range.startLine]), [['build', 'deploy', 5]]);
    const dup = graph.problems.filter((p) => p.code === 'duplicate-key');
    assert.deepEqual(dup.map((p) => [p.severity, p.source, p.line]), [['warning', 'structure', 5]]);
    assert.match(dup[0].message, /duplicate key "build".*GitLab uses the later one/);
  });
});

describe('inspector settings: image, a single rules if, timeout', () => {
  const file = dedent`
    deploy:
      image: alpine:3.20
      rules:
        - if: $CI_COMMIT_BRANCH == "main"
      timeout: 90 minutes
      script: deploy
    named-image:
      image:
        name: node:22
        entrypoint: [""]
      script: test
    many-rules:
      rules:
        - if: $A
        - when: manual
      script: x
    rule-with-when:
      rules:
        - if: $A
          when: manual
      script: x
  `;

  test('plain values are read as written; an image mapping gives its name', () => {
    const graph = gitlab(file);
    const deploy = nodeOf(graph, 'deploy');
    assert.deepEqual([deploy.runner, deploy.condition, deploy.timeout], ['alpine:3.20', '$CI_COMMIT_BRANCH == "main"', '90 minutes']);
    assert.equal(nodeOf(graph, 'named-image').runner, 'node:22');
  });

  test('rules that say more than one if are not a condition', () => {
    const graph = gitlab(file);
    assert.equal(nodeOf(graph, 'many-rules').condition, undefined);
    assert.equal(nodeOf(graph, 'rule-with-when').condition, undefined);
  });

  test('the public JSON does not carry them', () => {
    for (const n of toPublicJson(gitlab(file)).nodes) assert.equal('runner' in n || 'condition' in n || 'timeout' in n, false);
  });
});

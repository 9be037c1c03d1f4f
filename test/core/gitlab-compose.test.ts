// A GitLab pipeline split over files, composed from in-memory files.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { composeGitlabGraph, type ProjectFiles } from '../../src/core/dialects/gitlab/compose/compose';
import { globMatcher } from '../../src/core/dialects/gitlab/compose/glob';
import { MAX_INCLUDES } from '../../src/core/dialects/gitlab/compose/collect';
import type { PipelineGraph } from '../../src/core/model';
import { dedent } from '../helpers/text';

function project(files: Record<string, string>): ProjectFiles {
  return {
    readFile: (path) => files[path],
    listFiles: (glob) => Object.keys(files).filter(globMatcher(glob)),
  };
}

function compose(files: Record<string, string>, root = '.gitlab-ci.yml'): PipelineGraph {
  return composeGitlabGraph(root, files[root], project(files));
}

const nodeFiles = (g: PipelineGraph) => g.nodes.map((n) => `${n.id}${n.file ? ` @${n.file}` : ''}`);
const edges = (g: PipelineGraph) => g.edges.map((e) => `${e.from}->${e.to}`);
const messages = (g: PipelineGraph) => g.problems.map((p) => `${p.file ?? ''}:${p.line}: ${p.message}`);

describe('GitLab local includes', () => {
  // YAML anchors are per document: two included files may use the same anchor name, each for its
  // own template (GitLab merges the files' content, not their text).
  test('an anchor name used in two included files: each job merges its own file\'s anchor', () => {
    const g = compose({
      '.gitlab-ci.yml': 'stages: [build, test]\ninclude: [{local: a.yml}, {local: b.yml}]\n',
      'a.yml': '.defaults: &defaults {stage: build}\ncompile:\n  <<: *defaults\n  script: make\n',
      'b.yml': '.defaults: &defaults {stage: test}\nunit:\n  <<: *defaults\n  script: make test\n',
    });
    assert.deepEqual(g.nodes.map((n) => `${n.id} ${n.stage}`).sort(), ['compile build', 'unit test']);
  });

  test('a root of stages and includes draws the included jobs, each with its file and position there', () => {
    const g = compose({
      '.gitlab-ci.yml': dedent`
        stages: [build, test]
        include:
          - local: ci/build.yml
          - /ci/test.yml
      `,
      'ci/build.yml': dedent`
        # build jobs
        compile:
          stage: build
          script: make
      `,
      'ci/test.yml': 'unit:\n  stage: test\n  script: make test\n',
    });
    assert.deepEqual(nodeFiles(g), ['compile @ci/build.yml', 'unit @ci/test.yml']);
    assert.deepEqual(g.nodes[0].range, { startLine: 2, endLine: 4 });
    assert.equal(g.nodes[0].offsets[0], '# build jobs\n'.length);
    assert.deepEqual(g.edges.map((e) => `${e.from}->${e.to}`), ['compile->unit']);
    assert.deepEqual(messages(g), []);
  });

  test('order: included files first, depth first; a later definition wins and mappings deep-merge', () => {
    const g = compose({
      '.gitlab-ci.yml': dedent`
        include: [a.yml, b.yml]
        deploy:
          variables: {TARGET: prod}
      `,
      'a.yml': 'include: c.yml\ndeploy:\n  stage: deploy\n  script: ./deploy.sh\n',
      'b.yml': 'deploy:\n  stage: build\n',
      'c.yml': 'stages: [build, test, deploy]\n',
    });
    const deploy = g.nodes.find((n) => n.id === 'deploy')!;
    assert.equal(deploy.stage, 'build', 'b.yml is merged after a.yml');
    assert.equal(deploy.file, undefined, 'the root holds the last definition');
    assert.match(deploy.readOnlyReason ?? '', /defined in a\.yml, b\.yml, \.gitlab-ci\.yml/);
    assert.deepEqual(g.lanes.map((l) => l.id), ['.pre', 'build', 'test', 'deploy', '.post'], 'stages from c.yml');
    assert.deepEqual(messages(g), []);
  });

  test('extends a hidden job from another file; the stage comes from it', () => {
    const g = compose({
      '.gitlab-ci.yml': 'include: templates.yml\nstages: [lint, test]\nrubocop:\n  extends: .lint\n',
      'templates.yml': '.lint:\n  stage: lint\n  script: rubocop\n',
    });
    assert.deepEqual(nodeFiles(g), ['rubocop']);
    assert.equal(g.nodes[0].stage, 'lint');
    assert.deepEqual(messages(g), []);
  });

  test('a missing file is a problem where it is included and a node marked missing', () => {
    const g = compose({ '.gitlab-ci.yml': 'include:\n  - local: ci/gone.yml\nbuild:\n  script: make\n' });
    assert.deepEqual(messages(g), [':2: included file ci/gone.yml not found in the project']);
    const missing = g.nodes.find((n) => n.id === 'local: ci/gone.yml')!;
    assert.deepEqual(missing.marks, ['include', 'missing']);
    assert.deepEqual(missing.range, { startLine: 2, endLine: 2 });
  });

  test('an include cycle is a problem, and each file is still read once', () => {
    const g = compose({
      '.gitlab-ci.yml': 'include: a.yml\nroot:\n  script: x\n',
      'a.yml': 'include: b.yml\na:\n  script: x\n',
      'b.yml': 'include: a.yml\nb:\n  script: x\n',
    });
    assert.deepEqual(nodeFiles(g).sort(), ['a @a.yml', 'b @b.yml', 'root']);
    assert.deepEqual(messages(g), ['b.yml:1: include cycle: .gitlab-ci.yml → a.yml → b.yml → a.yml']);
  });

  test("GitLab's include limit stops reading, with a problem", () => {
    const files: Record<string, string> = { '.gitlab-ci.yml': 'include: ci/*.yml\n' };
    for (let i = 0; i < MAX_INCLUDES + 5; i++) files[`ci/j${String(i).padStart(3, '0')}.yml`] = `j${i}:\n  script: x\n`;
    const g = compose(files);
    assert.equal(g.nodes.length, MAX_INCLUDES);
    assert.deepEqual(messages(g), [`:1: more than ${MAX_INCLUDES} includes (GitLab's limit, counting nested and repeated ones); the rest is not read`]);
  });

  test('wildcards: * within a folder, ** across folders, in path order', () => {
    const files = {
      '.gitlab-ci.yml': 'include:\n  - local: ci/*.yml\n',
      'ci/b.yml': 'b:\n  script: x\n',
      'ci/a.yml': 'a:\n  script: x\n',
      'ci/deep/c.yml': 'c:\n  script: x\n',
      'other/d.yml': 'd:\n  script: x\n',
    };
    assert.deepEqual(nodeFiles(compose(files)), ['a @ci/a.yml', 'b @ci/b.yml']);
    files['.gitlab-ci.yml'] = 'include: ci/**.yml\n';
    assert.deepEqual(nodeFiles(compose(files)), ['a @ci/a.yml', 'b @ci/b.yml', 'c @ci/deep/c.yml']);
    files['.gitlab-ci.yml'] = 'include: nothing/*.yml\n';
    assert.deepEqual(messages(compose(files)), [':1: include "nothing/*.yml" matches no file in the project']);
  });

  test('rules: exists decides, when: never excludes, if: is drawn as included with a warning', () => {
    const g = compose({
      '.gitlab-ci.yml': dedent`
        include:
          - local: docker.yml
            rules: [{exists: [Dockerfile]}]
          - local: never.yml
            rules: [{when: never}]
          - local: maybe.yml
            rules: [{if: '$CI_COMMIT_BRANCH == "main"'}]
          - local: node.yml
            rules: [{exists: package.json}]
      `,
      Dockerfile: 'FROM scratch\n',
      'docker.yml': 'docker:\n  script: x\n',
      'never.yml': 'never:\n  script: x\n',
      'maybe.yml': 'maybe:\n  script: x\n',
      'node.yml': 'node:\n  script: x\n',
    });
    assert.deepEqual(nodeFiles(g), ['docker @docker.yml', 'maybe @maybe.yml']);
    assert.deepEqual(messages(g), [':6: include "maybe.yml" has rules that depend on the pipeline (if:, changes:); drawn as included']);
  });

  test('project, remote, template and component includes are read-only nodes named by their target', () => {
    const g = compose({
      '.gitlab-ci.yml': dedent`
        include:
          - project: group/ci
            file: [a.yml, b.yml]
            ref: v1
          - remote: https://example.com/ci.yml
          - template: Security/SAST.gitlab-ci.yml
          - component: gitlab.com/org/comp/build@1.0
        build:
          extends: .from-elsewhere
          script: make
      `,
    });
    assert.deepEqual(g.nodes.map((n) => `${n.id} [${n.marks.join(',')}]`), [
      'build [extends]',
      'project: group/ci → a.yml, b.yml @ v1 [include]',
      'remote: https://example.com/ci.yml [include]',
      'template: Security/SAST.gitlab-ci.yml [include]',
      'component: gitlab.com/org/comp/build@1.0 [include]',
    ]);
    assert.ok(messages(g).some((m) => m.includes('which is not defined in this file (it may come from an include that is not read)')), messages(g).join('\n'));
  });

  test('inputs: an included file with a spec header is read with the values its include passes, else its defaults', () => {
    const deploy = dedent`
      spec:
        inputs:
          stage:
            default: test
          environment:
          job-prefix:
            default: app
          needs:
            type: array
            default: [build]
          region:
            default: europe-west1
      ---
      $[[ inputs.job-prefix ]]-deploy-$[[ inputs.environment ]]:
        stage: $[[ inputs.stage ]]
        environment: $[[ inputs.environment | expand_vars ]]
        needs: $[[ inputs.needs ]]
        script: ./deploy.sh --region $[[ inputs.region | truncate(0,6) ]]
    `;
    const g = compose({
      '.gitlab-ci.yml': dedent`
        stages: [build, test, deploy]
        include:
          - local: ci/deploy.yml
            inputs: {environment: staging}
          - local: ci/deploy.yml
            inputs:
              stage: deploy
              environment: production
              needs: [build, lint]
        build: {stage: build, script: make}
        lint: {stage: build, script: make lint}
      `,
      'ci/deploy.yml': deploy,
    });
    // One file included twice with different inputs is two jobs, as GitLab runs them.
    assert.deepEqual(g.nodes.map((n) => `${n.id} ${n.stage} ${n.environment ?? ''}${n.file ? ` @${n.file}` : ''}`), [
      'app-deploy-staging test staging @ci/deploy.yml',
      'app-deploy-production deploy production @ci/deploy.yml',
      'build build ',
      'lint build ',
    ]);
    assert.deepEqual(edges(g), ['build->app-deploy-staging', 'build->app-deploy-production', 'lint->app-deploy-production']);
    assert.deepEqual(messages(g), []);
    // Positions are where the interpolations are written, in the included file.
    assert.equal(g.nodes[1].range.startLine, 14);
  });

  test('inputs with rules: the first rule whose condition holds over the inputs before it gives the default', () => {
    const deploy = dedent`
      spec:
        inputs:
          target:
            options: [development, staging, production]
            default: development
          strategy:
            default: rolling
          size:
            rules:
              - if: $[[ inputs.target ]] == "development"
                default: small
              - if: $[[ inputs.target ]] == 'production' && ($[[ inputs.strategy ]] == "canary" || $[[ inputs.strategy ]] == "blue-green")
                options: [xlarge, large]
              - if: '"$[[ inputs.target ]]" != "development"'
                default: large
          region:
            rules:
              - if: $[[ inputs.unknown ]] == "x"
                default: eu
          zone:
            default: a
            rules:
              - if: $[[ inputs.target ]] == "mars"
                default: z
      ---
      deploy-$[[ inputs.target ]]-$[[ inputs.size ]]-$[[ inputs.zone ]]:
        script: ./deploy --region $[[ inputs.region ]]
    `;
    const ids = (inputs: string) => compose({
      '.gitlab-ci.yml': `include:\n  - local: deploy.yml\n${inputs ? `    inputs: ${inputs}\n` : ''}`,
      'deploy.yml': deploy,
    }).nodes.map((n) => n.id);
    // zone: no rule holds, so its own default.
    assert.deepEqual(ids(''), ['deploy-development-small-a']);
    assert.deepEqual(ids('{target: production, strategy: canary}'), ['deploy-production-xlarge-a']);
    assert.deepEqual(ids('{target: production}'), ['deploy-production-large-a']);
    assert.deepEqual(ids('{target: staging, size: medium}'), ['deploy-staging-medium-a']);
    assert.deepEqual(ids('{target: mars}'), ['deploy-mars-large-z']);
    // A value passed is one of the options of the rule that holds (which the other inputs decide).
    const problems = (inputs: string) => messages(compose({ '.gitlab-ci.yml': `include:\n  - local: deploy.yml\n    inputs: ${inputs}\n`, 'deploy.yml': deploy }));
    assert.deepEqual(problems('{size: large, target: production, strategy: canary}'), []);
    assert.deepEqual(problems('{size: small, target: production, strategy: canary}'), [
      ':2: include of deploy.yml passes the input "size" as small, which is not one of the `options:` of its rule `if: $[[ inputs.target ]] == \'production\' && ($[[ inputs.strategy ]] == "canary" || $[[ inputs.strategy ]] == "blue-green")` (xlarge, large)',
    ]);
    // The rule that holds gives only a default: any value.
    assert.deepEqual(problems('{size: tiny}'), []);
    assert.deepEqual(problems('{size: tiny, target: staging}'), []);
  });

  test('inputs GitLab would reject are errors where the file is included; a nested include passes its own inputs on', () => {
    const g = compose({
      '.gitlab-ci.yml': dedent`
        include:
          - local: a.yml
            inputs: {target: prod, colour: blue}
          - local: b.yml
            inputs: {x: 1}
          - local: c.yml
      `,
      'a.yml': 'spec:\n  inputs:\n    target:\n---\ninclude:\n  - local: c.yml\n    inputs: {name: "$[[ inputs.target ]]-job"}\n',
      'b.yml': 'b-job: {script: make}\n',
      'c.yml': 'spec:\n  inputs:\n    name:\n---\n$[[ inputs.name ]]:\n  script: make\n',
    });
    assert.deepEqual(messages(g), [
      ':2: include of a.yml passes the input "colour", which the file does not declare in `spec: inputs:`',
      ':4: include of b.yml passes inputs, but the file declares none (it has no `spec: inputs:` header)',
      ':6: include of c.yml does not pass the input "name", which has no default',
    ]);
    assert.deepEqual(nodeFiles(g).sort(), ['$[[ inputs.name ]] @c.yml', 'b-job @b.yml', 'prod-job @c.yml']);
    // A value of another type than declared (GitLab's default is string), or outside `options:`.
    const typed = compose({
      '.gitlab-ci.yml': 'include:\n  - local: t.yml\n    inputs: {name: 7, count: "3", env: qa, flags: [a], dry: true}\n',
      't.yml': 'spec:\n  inputs:\n    name:\n    count: {type: number}\n    env: {options: [staging, production]}\n    flags: {type: array}\n    dry: {type: boolean}\n---\njob-$[[ inputs.name ]]:\n  script: make\n',
    });
    assert.deepEqual(messages(typed), [
      ':2: include of t.yml passes the input "name" as a number (7), but the file declares it `type: string`',
      ':2: include of t.yml passes the input "count" as a string (3), but the file declares it `type: number`',
      ':2: include of t.yml passes the input "env" as qa, which is not one of its `options:` (staging, production)',
    ]);
    // An interpolation of an input the header does not declare (a typo), where it is written, once
    // however often the file is included; a file without a header is not interpolated at all.
    const typo = compose({
      '.gitlab-ci.yml': 'include:\n  - local: u.yml\n    inputs: {name: a}\n  - local: u.yml\n    inputs: {name: b}\n  - local: plain.yml\n',
      'u.yml': 'spec:\n  inputs:\n    name:\n---\njob-$[[ inputs.name ]]:\n  script: echo $[[ inputs.nmae | expand_vars ]] $[[ inputs.name ]]\n',
      'plain.yml': 'plain:\n  script: echo "$[[ inputs.anything ]]"\n',
    });
    assert.deepEqual(messages(typo), ['u.yml:6: `$[[ inputs.nmae ]]` names an input u.yml does not declare in `spec: inputs:` (GitLab rejects the file: unknown interpolation key)']);
    // `regex:` (unanchored, written without slashes), checked on a default too; on a string only.
    const matched = (inputs: string) => messages(compose({
      '.gitlab-ci.yml': `include:\n  - local: r.yml\n    inputs: ${inputs}\n`,
      'r.yml': 'spec:\n  inputs:\n    version: {regex: ^v\\d+\\.\\d+}\n    tag: {default: latest_1, regex: "[a-z]+$"}\n    slashed: {default: v1, regex: /^v1/}\n    count: {type: number, default: 1, regex: ^1$}\n    re2: {default: x, regex: "(?P<n>y)"}\n---\njob-$[[ inputs.version ]]:\n  script: make\n',
    }));
    assert.deepEqual(matched('{version: v1.2-rc, tag: stable, slashed: "/^v1/", count: 2, re2: z}'), [
      // As on GitLab: slashes are part of the pattern, which nothing matches.
      ':2: include of r.yml passes the input "slashed" as /^v1/, which does not match its `regex:` (/^v1/)',
      ':2: include of r.yml passes the input "count" as 2, but the file gives it a `regex:`, which GitLab allows on string inputs only (it is `type: number`)',
    ]);
    assert.deepEqual(matched('{version: 1.2}'), [
      ':2: include of r.yml passes the input "version" as a number (1.2), but the file declares it `type: string`',
      ':2: include of r.yml does not pass the input "tag", and its default (latest_1), which does not match its `regex:` ([a-z]+$)',
      ':2: include of r.yml does not pass the input "slashed", and its default (v1), which does not match its `regex:` (/^v1/)',
      ':2: include of r.yml does not pass the input "count", and its default (1), but the file gives it a `regex:`, which GitLab allows on string inputs only (it is `type: number`)',
    ]);
    assert.deepEqual(matched('{version: "1.2"}')[0], ':2: include of r.yml passes the input "version" as 1.2, which does not match its `regex:` (^v\\d+\\.\\d+)');
  });

  test('an include given `inputs: stage:` is drawn in that stage when the pipeline has it; any other include first', () => {
    const g = compose({
      '.gitlab-ci.yml': dedent`
        stages: [build, test, deploy]
        include:
          - component: $CI_SERVER_FQDN/components/sast/sast@2.0
            inputs:
              stage: test
          - component: gitlab.com/org/release/release@1.0
            inputs: {stage: publish}
          - component: gitlab.com/org/lint/lint@1.0
          - project: group/ci
            file: deploy.yml
            inputs: {stage: deploy}
        build:
          stage: build
          script: make
      `,
    });
    assert.deepEqual(g.nodes.map((n) => `${n.id}: ${n.stage}`), [
      'build: build',
      'component: $CI_SERVER_FQDN/components/sast/sast@2.0: test',
      // `publish` is not a stage of this pipeline: GitLab would reject the job; drawn first.
      'component: gitlab.com/org/release/release@1.0: .pre',
      'component: gitlab.com/org/lint/lint@1.0: .pre',
      'project: group/ci → deploy.yml: deploy',
    ]);
  });

  test('a parent no file read defines: said of every file read, an error when every include was read', () => {
    const g = compose({
      '.gitlab-ci.yml': 'include: ci/jobs.yml\nunit:\n  extends: .base\n  script: x\n',
      'ci/jobs.yml': 'lint:\n  extends: .bse\n  script: x\n',
    });
    assert.deepEqual(g.problems.map((p) => `${p.file ?? ''}:${p.line} ${p.severity} ${p.message}`), [
      'ci/jobs.yml:2 error "lint" extends ".bse", which is not defined in any of the 2 files read',
      ':3 error "unit" extends ".base", which is not defined in any of the 2 files read',
    ]);
    const unread = compose({
      '.gitlab-ci.yml': 'include: [ci/jobs.yml, {project: group/ci, file: base.yml}]\nunit:\n  extends: .base\n  script: x\n',
      'ci/jobs.yml': 'lint:\n  script: x\n',
    });
    assert.deepEqual(unread.problems.filter((p) => p.message.includes('extends')).map((p) => `${p.severity} ${p.message}`), [
      'warning "unit" extends ".base", which is not defined in any of the 2 files read (it may come from an include that is not read)',
    ]);
  });

  test('a need of a job defined nowhere: an error when every include was read, a warning when one was not', () => {
    const read = compose({
      '.gitlab-ci.yml': 'include: ci/jobs.yml\nunit:\n  script: x\n  needs: [install]\n',
      'ci/jobs.yml': 'lint:\n  script: x\n',
    });
    assert.deepEqual(read.problems.map((p) => `${p.severity} ${p.message}`), ['error "unit" depends on "install", which is not defined in any of the 2 files read']);
    const unread = compose({
      '.gitlab-ci.yml': 'include: [ci/jobs.yml, ci/setup.yml]\nunit:\n  script: x\n  needs: [install]\n',
      'ci/jobs.yml': 'lint:\n  script: x\n',
    });
    assert.deepEqual(unread.problems.map((p) => `${p.severity} ${p.message}`), [
      'error included file ci/setup.yml not found in the project',
      'warning "unit" depends on "install", which is not defined in any of the 2 files read (it may come from an include that is not read)',
    ]);
  });

  test('problems inside an included file carry its path and its own line', () => {
    const g = compose({
      '.gitlab-ci.yml': 'include: ci/jobs.yml\n',
      'ci/jobs.yml': '# jobs\ntest:\n  script: x\n  needs: [nowhere]\n',
    });
    const problem = g.problems.find((p) => p.message.includes('nowhere'))!;
    assert.equal(problem.file, 'ci/jobs.yml');
    assert.equal(problem.line, 4);
  });
});

describe('GitLab includes: YAML problems', () => {
  test("each file's own YAML warnings are kept once, with the file; a broken included file is a problem, not a crash", () => {
    const g = compose({
      '.gitlab-ci.yml': 'include: [a.yml, broken.yml]\nbuild:\n  script: x\nbuild:\n  script: y\n',
      'a.yml': 'a:\n  script: x\na:\n  script: y\n',
      'broken.yml': 'b:\n  script: [x\n',
    });
    assert.deepEqual(nodeFiles(g), ['a @a.yml', 'build']);
    const repeated = g.problems.filter((p) => p.code === 'duplicate-key').map((p) => `${p.file ?? ''}:${p.line} ${p.severity}`);
    assert.deepEqual(repeated.sort(), [':4 warning', 'a.yml:3 warning']);
    const broken = g.problems.find((p) => p.file === 'broken.yml')!;
    assert.match(broken.message, /^included file broken\.yml is not valid YAML/);
    assert.equal(broken.source, 'structure');
    // Included again (with inputs, which a file that takes them would be read again for): said once.
    const twice = compose({
      '.gitlab-ci.yml': 'include:\n  - broken.yml\n  - local: broken.yml\n    inputs: {x: 1}\nbuild:\n  script: x\n',
      'broken.yml': 'b:\n  script: [x\n',
    });
    assert.equal(twice.problems.filter((p) => p.file === 'broken.yml').length, 1, messages(twice).join('\n'));
  });

  test('an included file whose bracket runs on is told by the bracket, not by the line the parser tripped on after it', () => {
    const g = compose({
      '.gitlab-ci.yml': 'include: broken.yml\nbuild:\n  script: x\n',
      'broken.yml': 'b:\n  image: [oops\n    name: x\n\n  script: y\n',
    });
    const broken = g.problems.find((p) => p.file === 'broken.yml')!;
    assert.equal(`${broken.line}:${broken.column} ${broken.message}`, '2:10 included file broken.yml is not valid YAML: missing closing ]: the list opened here runs on to line 3');
  });

  test('an empty included file and one that is not a mapping are errors where they are included', () => {
    const g = compose({
      '.gitlab-ci.yml': 'include:\n  - empty.yml\n  - list.yml\nbuild:\n  script: x\n',
      'empty.yml': '# nothing yet\n',
      'list.yml': '- a\n- b\n',
    });
    assert.deepEqual(messages(g), [
      ':2: included file empty.yml is empty',
      ':3: included file list.yml is not a mapping of jobs and settings',
    ]);
    assert.deepEqual(nodeFiles(g), ['build']);
  });

  test('a root that does not parse is its own graph, with its syntax errors', () => {
    const g = compose({ '.gitlab-ci.yml': 'include: a.yml\nbuild:\n  script: [x\n', 'a.yml': 'a:\n  script: x\n' });
    assert.ok(g.problems.some((p) => p.source === 'syntax' && p.severity === 'error'));
    assert.ok(g.nodes.every((n) => n.file === undefined));
  });

  test('!reference reaches a hidden job in another file', () => {
    const g = compose({
      '.gitlab-ci.yml': 'include: setup.yml\ncompile:\n  stage: !reference [.setup, stage]\n  script:\n    - !reference [.setup, script]\n    - make\n',
      'setup.yml': '.setup:\n  stage: build\n  script: [./configure]\n',
    });
    assert.deepEqual(nodeFiles(g), ['compile']);
    assert.equal(g.nodes[0].stage, 'build');
    assert.deepEqual(messages(g), []);
  });
});

// `pipewright lint` run as a child process in a scratch repository: files found under a
// directory, exit codes, the JSON contract, SARIF 2.1.0 checked against its published schema,
// .pipewright.yml, --config and --fix.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import Ajv from 'ajv';
import { repoRoot } from '../helpers/corpus';
import { dedent } from '../helpers/text';

const TSX = pathToFileURL(join(repoRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

function pipewright(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', TSX, join(repoRoot, 'src', 'cli', 'main.ts'), 'lint', ...args], { cwd, encoding: 'utf8' });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const UNGATED = dedent`
  on: push
  permissions: {contents: read}
  jobs:
    test:
      runs-on: ubuntu-latest
      steps: [{run: make test}]
    deploy-prod:
      runs-on: ubuntu-latest
      needs: test
      steps: [{run: kubectl apply -f k8s}]
`;

const CLEAN_GITLAB = 'build:\n  script: [make]\n';

/**
 * The published schema is draft-04 (`id`, `$schema` draft-04); its keywords mean the same in the
 * draft Ajv checks by default once those two are renamed or dropped.
 */
function sarifValidator() {
  const schema = JSON.parse(readFileSync(join(repoRoot, 'test', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json'), 'utf8'));
  delete schema.$schema;
  schema.$id = schema.id;
  delete schema.id;
  return new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(schema);
}

let dir = '';
const at = (...parts: string[]) => join(dir, ...parts);

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'pipewright-lint-'));
  mkdirSync(at('repo', '.github', 'workflows'), { recursive: true });
  // A repository root: its .pipewright.yml applies to the files below it.
  mkdirSync(at('repo', '.git'));
  mkdirSync(at('repo', 'node_modules', 'x', '.github', 'workflows'), { recursive: true });
  writeFileSync(at('repo', '.github', 'workflows', 'release.yml'), UNGATED);
  writeFileSync(at('repo', 'node_modules', 'x', '.github', 'workflows', 'skip.yml'), UNGATED);
  writeFileSync(at('repo', '.gitlab-ci.yml'), CLEAN_GITLAB);
  writeFileSync(at('repo', 'notes.yml'), 'a: 1\n');
  mkdirSync(at('clean'));
  writeFileSync(at('clean', '.gitlab-ci.yml'), CLEAN_GITLAB);
});

after(() => rmSync(dir, { recursive: true, force: true }));

describe('pipewright lint', () => {
  test('finds pipeline files under a directory (not node_modules, not other YAML); exit 1 on an error', () => {
    const r = pipewright(at('repo'));
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /^\.github\/workflows\/release\.yml:7:3: error production-deploy-ungated: "deploy-prod" deploys to production/m);
    assert.ok(!r.stdout.includes('node_modules') && !r.stdout.includes('notes.yml'));
    assert.match(r.stdout, /2 files checked: 1 error, 2 warnings, 0 notes\n$/);
  });
  test('exit 0 without error findings, 2 on bad usage or input', () => {
    assert.equal(pipewright(at('clean')).status, 0);
    assert.equal(pipewright(at('repo'), '--format', 'xml').status, 2);
    const missing = pipewright(at('repo'), 'nothing.yml');
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read nothing\.yml: no such file/);
    const unknown = pipewright(at('repo'), 'notes.yml');
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /not recognised as a GitHub Actions, GitLab CI or Azure Pipelines file/);
  });
  test('--format json: the documented fields, 1-based, fixable only for fixes without network', () => {
    const r = pipewright(at('repo'), '--format', 'json', '.github/workflows/release.yml');
    const findings = JSON.parse(r.stdout) as Record<string, unknown>[];
    assert.deepEqual(findings.find((f) => f.rule === 'production-deploy-ungated'), {
      file: '.github/workflows/release.yml',
      rule: 'production-deploy-ungated',
      severity: 'error',
      message: findings.find((f) => f.rule === 'production-deploy-ungated')!.message,
      line: 7,
      column: 3,
      endLine: 7,
      endColumn: 14,
      fixable: true,
    });
    assert.ok(findings.every((f) => Object.keys(f).join() === 'file,rule,severity,message,line,column,endLine,endColumn,fixable'));
  });
  test('--format sarif validates against the SARIF 2.1.0 schema, with rules, help URIs and relative URIs', () => {
    const r = pipewright(at('repo'), '--format', 'sarif');
    assert.equal(r.status, 1);
    const validate = sarifValidator();
    assert.ok(validate(JSON.parse(r.stdout)), JSON.stringify(validate.errors, null, 2));
    const sarif = JSON.parse(r.stdout);
    const run = sarif.runs[0];
    const result = run.results.find((x: { ruleId: string }) => x.ruleId === 'production-deploy-ungated');
    assert.deepEqual(result.locations[0].physicalLocation, {
      artifactLocation: { uri: '.github/workflows/release.yml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 7, startColumn: 3, endLine: 7, endColumn: 14 },
    });
    assert.equal(run.originalUriBaseIds['%SRCROOT%'].uri, `${pathToFileURL(at('repo')).href}/`);
    const rule = run.tool.driver.rules[result.ruleIndex];
    assert.equal(rule.id, 'production-deploy-ungated');
    assert.equal(rule.helpUri, 'https://github.com/pipewright/pipewright/blob/main/docs/rules/production-deploy-ungated.md');
    assert.equal(result.level, 'error');
  });
  test('the schema check can fail: a result without a message is rejected', () => {
    const validate = sarifValidator();
    assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ ruleId: 'a' }] }] }), false);
  });
  test('.pipewright.yml turns a rule off; --config names another file; a bad one is exit 2', () => {
    writeFileSync(at('repo', '.pipewright.yml'), 'lint:\n  rules:\n    production-deploy-ungated: warning\n');
    try {
      assert.equal(pipewright(at('repo')).status, 0);
      writeFileSync(at('strict.yml'), 'lint:\n  rules:\n    deploy-without-timeout: error\n');
      assert.equal(pipewright(at('repo'), '--config', at('strict.yml')).status, 1);
      writeFileSync(at('bad.yml'), 'lint:\n  rules:\n    nope: off\n');
      const bad = pipewright(at('repo'), '--config', at('bad.yml'));
      assert.equal(bad.status, 2);
      assert.match(bad.stderr, /bad\.yml:3: rules\.nope: there is no rule "nope"/);
    } finally {
      rmSync(at('repo', '.pipewright.yml'));
    }
  });
  test(".pipewright.yml is read at each file's repository root, not in the current directory", () => {
    writeFileSync(at('repo', '.pipewright.yml'), 'lint:\n  rules:\n    production-deploy-ungated: warning\n');
    // A config in the current directory is not the repository's.
    writeFileSync(at('.pipewright.yml'), 'lint:\n  rules:\n    missing-permissions: error\n');
    mkdirSync(at('other', '.github', 'workflows'), { recursive: true });
    writeFileSync(at('other', '.github', 'workflows', 'release.yml'), UNGATED);
    try {
      const repoOnly = pipewright(dir, '--format', 'json', join('repo', '.github', 'workflows', 'release.yml'));
      assert.equal(repoOnly.status, 0, repoOnly.stderr);
      const fromInside = pipewright(at('repo', '.github'), '--format', 'json', join('workflows', 'release.yml'));
      assert.equal(fromInside.status, 0, fromInside.stderr);
      // Without a .git the file's folder is its root: other/.github/workflows has no config, so the
      // ungated deploy stays an error there while repo's file, checked in the same run, is a warning.
      const both = pipewright(dir, '--format', 'json', 'repo', 'other');
      assert.equal(both.status, 1);
      const ungated = (JSON.parse(both.stdout) as { file: string; rule: string; severity: string }[]).filter((f) => f.rule === 'production-deploy-ungated');
      assert.deepEqual(ungated.map((f) => [f.file, f.severity]), [
        [join('repo', '.github', 'workflows', 'release.yml'), 'warning'],
        [join('other', '.github', 'workflows', 'release.yml'), 'error'],
      ]);
      writeFileSync(at('repo', '.pipewright.yml'), 'lint:\n  rules:\n    nope: off\n');
      const bad = pipewright(dir, join('repo', '.github', 'workflows', 'release.yml'));
      assert.equal(bad.status, 2);
      assert.match(bad.stderr, /: repo\/\.pipewright\.yml:3: rules\.nope: there is no rule "nope"/m);
    } finally {
      rmSync(at('repo', '.pipewright.yml'));
      rmSync(at('.pipewright.yml'));
      rmSync(at('other'), { recursive: true });
    }
  });
  test('a GitLab pipeline split over files is checked as one under its git root or --root, its included files with it; without either, each file alone', () => {
    const split = (name: string, git: boolean) => {
      mkdirSync(at(name, 'ci'), { recursive: true });
      if (git) mkdirSync(at(name, '.git'));
      writeFileSync(at(name, '.gitlab-ci.yml'), 'stages: [build, test, deploy]\ninclude:\n  - local: ci/*.yml\ndeploy:\n  stage: deploy\n  environment: production\n  timeout: 10m\n  needs: [unit, ghost]\n  script: ./deploy.sh\n');
      writeFileSync(at(name, 'ci', 'build.yml'), 'compile:\n  stage: build\n  script: make\n');
      writeFileSync(at(name, 'ci', 'test.yml'), 'unit:\n  stage: test\n  needs: [compile]\n  script: make test\n');
    };
    split('split', true);
    split('split-copy', false);
    const references = (cwd: string, ...args: string[]) => {
      const r = pipewright(cwd, '--format', 'json', ...args);
      return (JSON.parse(r.stdout) as { file: string; line: number; rule: string; severity: string; message: string }[])
        .filter((f) => f.rule === 'unknown-dependency' || f.rule === 'pipeline-structure')
        .map((f) => `${f.file}:${f.line} ${f.severity} ${f.message}`);
    };
    try {
      // Only the need no file defines: the others are jobs and stages of the files it includes.
      const asOne = ['.gitlab-ci.yml:8 error "deploy" depends on "ghost", which is not defined in any of the 3 files read'];
      const files = ['.gitlab-ci.yml', join('ci', 'build.yml'), join('ci', 'test.yml')];
      assert.deepEqual(references(at('split'), ...files), asOne);
      assert.deepEqual(references(dir, '--root', 'split-copy', ...files.map((f) => join('split-copy', f))), asOne.map((f) => join('split-copy', f)));
      // Under a directory, the files the pipeline includes are checked too (their names do not say
      // they are pipeline files), in the pipeline; without a git root, the root alone.
      assert.match(pipewright(at('split'), '.').stdout, /^3 files checked: 1 error, /m);
      assert.match(pipewright(dir, 'split').stdout, /^3 files checked: 1 error, /m);
      assert.match(pipewright(at('split-copy'), '.').stdout, /^1 file checked: 0 errors, /m);
      const noRoot = pipewright(dir, '--root', 'nowhere', 'split');
      assert.equal(noRoot.status, 2);
      assert.match(noRoot.stderr, /--root nowhere is not a directory/);
      // No git root: the files are checked alone, as before (a root guessed wrong would call every include missing).
      assert.deepEqual(references(at('split-copy'), ...files), [
        '.gitlab-ci.yml:8 warning "deploy" depends on "unit", which is not defined in this file (it may come from an included file)',
        '.gitlab-ci.yml:8 warning "deploy" depends on "ghost", which is not defined in this file (it may come from an included file)',
        `${join('ci', 'test.yml')}:3 warning "unit" depends on "compile", which is not defined in this file (it may come from another file of the pipeline)`,
      ]);
    } finally {
      rmSync(at('split'), { recursive: true });
      rmSync(at('split-copy'), { recursive: true });
    }
  });

  test('the schema rule runs on every file: its dialect\'s vendored schema, errors in words on their line', () => {
    mkdirSync(at('schema'));
    writeFileSync(at('schema', '.gitlab-ci.yml'), 'build:\n  stage: [build]\n  script: [make]\n');
    const r = pipewright(at('schema'), '--format', 'json');
    const findings = JSON.parse(r.stdout) as { rule: string; line: number; column: number; message: string; severity: string }[];
    assert.deepEqual(findings.filter((f) => f.rule === 'schema').map((f) => [f.line, f.column, f.severity, f.message]), [[2, 10, 'warning', '`stage` of job "build" must be a string']]);
  });
  test('a file that does not parse is an error finding of its own, and --fix leaves it alone', () => {
    mkdirSync(at('broken'));
    writeFileSync(at('broken', '.gitlab-ci.yml'), 'deploy_prod:\n  script: [kubectl apply\n');
    const r = pipewright(at('broken'), '--fix', '--format', 'json');
    assert.equal(r.status, 1);
    const findings = JSON.parse(r.stdout) as { rule: string; line: number }[];
    assert.deepEqual(findings.map((f) => f.rule), ['yaml-unclosed']);
    assert.equal(readFileSync(at('broken', '.gitlab-ci.yml'), 'utf8'), 'deploy_prod:\n  script: [kubectl apply\n');
  });
  test('pinning an action needs GitHub: json says not fixable and --fix leaves the step as it is', () => {
    mkdirSync(at('pin', '.github', 'workflows'), { recursive: true });
    const path = at('pin', '.github', 'workflows', 'build.yml');
    const text = 'on: push\npermissions: {contents: read}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: some-org/tool@v2\n';
    writeFileSync(path, text);
    const r = pipewright(at('pin'), '--format', 'json');
    const unpinned = (JSON.parse(r.stdout) as { rule: string; fixable: boolean }[]).filter((f) => f.rule === 'unpinned-action');
    assert.deepEqual(unpinned.map((f) => f.fixable), [false]);
    // The text format says the same: no [fixable] on what --fix leaves to the editor.
    const unpinnedLine = pipewright(at('pin')).stdout.split('\n').find((l) => l.includes(' unpinned-action: '));
    assert.ok(unpinnedLine && !unpinnedLine.endsWith('[fixable]'), unpinnedLine);
    pipewright(at('pin'), '--fix');
    assert.equal(readFileSync(path, 'utf8'), text);
  });
  test('--fix applies the fixes in place through the edit engine and prints what changed', () => {
    mkdirSync(at('fix', '.github', 'workflows'), { recursive: true });
    const path = at('fix', '.github', 'workflows', 'release.yml');
    writeFileSync(path, UNGATED);
    const r = pipewright(at('fix'), '--fix');
    assert.match(r.stdout, /^\.github\/workflows\/release\.yml:7: production-deploy-ungated: Insert an approval gate before "deploy-prod"$/m);
    assert.match(r.stdout, /: deploy-without-timeout: Set a 30-minute timeout on "deploy-prod"$/m);
    const after = readFileSync(path, 'utf8');
    assert.match(after, /\n  approve-production:\n/);
    assert.match(after, /\n    timeout-minutes: 30\n/);
    assert.ok(after.startsWith(UNGATED.slice(0, UNGATED.indexOf('  deploy-prod:'))), 'the lines before the fixes are kept');
    assert.ok(!/error production-deploy-ungated/.test(r.stdout));
  });

  test('--fix on a GitLab file the root includes plans in the pipeline: a deploy given needs keeps the root\'s jobs it waited for and their artifacts', () => {
    mkdirSync(at('fix-included', '.git'), { recursive: true });
    mkdirSync(at('fix-included', 'ci'));
    writeFileSync(at('fix-included', '.gitlab-ci.yml'), 'stages: [build, test, deploy]\ninclude:\n  - local: ci/deploy.yml\nbuild:\n  stage: build\n  script: make\n  artifacts: {paths: [dist/]}\nunit:\n  stage: test\n  script: make test\n');
    writeFileSync(at('fix-included', 'ci', 'deploy.yml'), 'deploy-production:\n  stage: deploy\n  script: ./deploy.sh dist/\n');
    const r = pipewright(at('fix-included'), '--fix', 'ci/deploy.yml');
    assert.match(r.stdout, /^ci\/deploy\.yml:1: production-deploy-ungated: Insert an approval gate before "deploy-production"$/m);
    // Planned on the file alone, it needed the gate only: no wait for unit, and build's dist/ lost.
    assert.match(readFileSync(at('fix-included', 'ci', 'deploy.yml'), 'utf8'), /^deploy-production:\n  stage: deploy\n  needs: \[unit, approve-production, build\]\n/);
  });

  test('an Azure job template is judged in the pipeline that uses it: a job it depends on there is no error', () => {
    mkdirSync(at('azure-template', '.git'), { recursive: true });
    mkdirSync(at('azure-template', 'jobs'));
    writeFileSync(at('azure-template', 'azure-pipelines.yml'), 'trigger: none\njobs:\n- job: Build\n  steps:\n  - bash: make\n- template: jobs/deploy.yml\n');
    writeFileSync(at('azure-template', 'jobs', 'deploy.yml'), 'jobs:\n- job: Deploy\n  dependsOn: [Build, Ghost]\n  steps:\n  - bash: ./deploy.sh\n');
    const findings = JSON.parse(pipewright(at('azure-template'), '--format', 'json', 'jobs/deploy.yml').stdout) as { rule: string; message: string }[];
    // Alone, both names are unknown; in the pipeline only Ghost is.
    assert.deepEqual(findings.filter((f) => f.rule === 'unknown-dependency').map((f) => f.message), ['"Deploy" depends on "Ghost", which is not defined in any of the 2 files read']);
  });

  test('--fix on a GitLab file the root includes fixes what lint reports there: no verify job after a deploy the root already verifies', () => {
    mkdirSync(at('fix-confirmed', '.git'), { recursive: true });
    mkdirSync(at('fix-confirmed', 'ci'));
    writeFileSync(at('fix-confirmed', '.gitlab-ci.yml'), 'stages: [build, approve, deploy, verify]\ninclude:\n  - local: ci/deploy.yml\nbuild:\n  stage: build\n  script: make\nunit:\n  stage: build\n  script: make test\napprove-production:\n  stage: approve\n  when: manual\n  allow_failure: false\n  script: echo ok\nsmoke:\n  stage: verify\n  script: curl -f https://example.com/health\n');
    const deploy = 'deploy-production:\n  stage: deploy\n  environment: production\n  script: ./deploy.sh\n';
    writeFileSync(at('fix-confirmed', 'ci', 'deploy.yml'), deploy);
    const reported = (JSON.parse(pipewright(at('fix-confirmed'), '--format', 'json', 'ci/deploy.yml').stdout) as { rule: string }[]).map((f) => f.rule).sort();
    assert.deepEqual(reported, ['concurrent-deploys', 'deploy-without-timeout', 'no-rollback']);
    const r = pipewright(at('fix-confirmed'), '--fix', 'ci/deploy.yml');
    // The file alone has no verify after its deploy (and --fix added one); the root's smoke is it.
    assert.deepEqual([...r.stdout.matchAll(/^ci\/deploy\.yml:\d+: ([\w-]+): /gm)].map((m) => m[1]).sort(), reported);
    const after = readFileSync(at('fix-confirmed', 'ci', 'deploy.yml'), 'utf8');
    assert.ok(!after.includes('verify-deploy-production'), after);
    assert.ok(after.startsWith(deploy), after);
  });
});

// `pipewright apply` and `pipewright templates` run as child processes from the sources.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { operationJson } from '../../src/cli/operationsHelp';
import { OPERATION_SHAPES, parseOperation, PROPERTY_VALUE_SHAPES, STAGE_PROPERTIES, type OperationName } from '../../src/core/edit/operations';
import { TEMPLATES } from '../../src/core/templates/catalog';
import { repoRoot } from '../helpers/corpus';
import { dedent } from '../helpers/text';

interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

function pipewright(args: string[], stdin?: string): CliRun {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'src', 'cli', 'main.ts'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    input: stdin,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const WORKFLOW = dedent`
  name: CI   # the comment stays
  on: push
  jobs:
    build:
      runs-on: ubuntu-latest
      steps: [{ run: make }]
    deploy:
      needs: [build]
      environment: production
      runs-on: ubuntu-latest
      steps:
        - run: ./deploy.sh
`;
const RENAMED = WORKFLOW.replace('  build:\n', '  compile:\n').replace('needs: [build]', 'needs: [compile]');
const RENAME_BUILD = JSON.stringify([{ op: 'renameStage', stage: 'build', newId: 'compile' }]);

const GITLAB = 'stages: [build, test]\ncompile:\n  stage: build\n  script: make\nunit:\n  stage: test\n  script: make test\n';
const AZURE = 'trigger:\r\n  - main\r\nstages:\r\n  - stage: Build\r\n    jobs:\r\n      - job: Compile\r\n        steps:\r\n          - script: make';

let dir = '';
const file = (name: string) => join(dir, name);
/** A fresh file per test, so tests that write do not affect each other. */
let counter = 0;
function fixture(name: string, text: string): string {
  const folder = file(String(counter++));
  mkdirSync(folder);
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'pipewright-apply-'));
});

after(() => rmSync(dir, { recursive: true, force: true }));

describe('pipewright apply', () => {
  test('prints the new text exactly, with nothing else on stdout or stderr', () => {
    const wf = fixture('ci.yml', WORKFLOW);
    const r = pipewright(['apply', wf, fixture('ops.json', RENAME_BUILD)]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, RENAMED);
    assert.equal(r.stderr, '');
    assert.equal(readFileSync(wf, 'utf8'), WORKFLOW, 'without --write the file is not touched');
  });

  test('operations apply in order, each to the result of the one before', () => {
    const ops = JSON.stringify([
      { op: 'renameStage', stage: 'build', newId: 'compile' },
      { op: 'renameStage', stage: 'compile', newId: 'make' },
    ]);
    const r = pipewright(['apply', fixture('ci.yml', WORKFLOW), fixture('ops.json', ops)]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, WORKFLOW.replace('  build:\n', '  make:\n').replace('needs: [build]', 'needs: [make]'));
  });

  test('--write replaces the file with the result, keeps its mode, leaves no temporary file, prints a summary', () => {
    const wf = fixture('ci.yml', WORKFLOW);
    chmodSync(wf, 0o640);
    const ops = fixture('ops.json', RENAME_BUILD);
    const folder = join(wf, '..');
    const filesBefore = readdirSync(folder).sort();
    const r = pipewright(['apply', wf, ops, '--write']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, `pipewright apply: wrote ${wf} (1 operation applied)\n`);
    assert.equal(readFileSync(wf, 'utf8'), RENAMED);
    assert.equal(statSync(wf).mode & 0o777, 0o640);
    assert.deepEqual(readdirSync(folder).sort(), filesBefore);
    assert.equal(readFileSync(ops, 'utf8'), RENAME_BUILD);
  });

  test('a refused operation: exit 3, the operation and reason on stderr, nothing printed, the file byte-identical', () => {
    const wf = fixture('ci.yml', WORKFLOW);
    const ops = fixture(
      'ops.json',
      JSON.stringify([
        { op: 'renameStage', stage: 'build', newId: 'compile' }, // fine on its own
        { op: 'renameStage', stage: 'compile', newId: 'deploy' }, // clashes
      ]),
    );
    for (const extra of [[], ['--write']]) {
      const r = pipewright(['apply', wf, ops, ...extra]);
      assert.equal(r.status, 3, r.stderr);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr, `pipewright apply: operation 2 (renameStage): refused: a stage named "deploy" already exists\n`);
      assert.equal(readFileSync(wf, 'utf8'), WORKFLOW);
    }
  });

  test('a stage, lane or template that is not there is bad input: exit 2, naming it and the nearest there are', () => {
    const wf = fixture('ci.yml', WORKFLOW);
    const r = pipewright(['apply', wf, '-', '--write'], JSON.stringify([{ op: 'deleteStage', stage: 'biuld' }]));
    assert.equal(r.status, 2);
    assert.equal(r.stderr, `pipewright apply: operation 1 (deleteStage): there is no stage "biuld" in ${wf} (nearest: build, deploy)\n`);
    assert.equal(readFileSync(wf, 'utf8'), WORKFLOW);
    const template = pipewright(['apply', wf, '-'], JSON.stringify([{ op: 'addStage', template: 'notfy', id: 'tell' }]));
    assert.equal(template.status, 2);
    assert.match(template.stderr, /: operation 1 \(addStage\): there is no template "notfy" \(nearest: notify, /);
    const lanes = fixture('.gitlab-ci.yml', GITLAB);
    const lane = pipewright(['apply', lanes, '-'], JSON.stringify([{ op: 'renameLane', lane: 'tests', newName: 'check' }]));
    assert.equal(lane.status, 2);
    assert.equal(lane.stderr, `pipewright apply: operation 1 (renameLane): there is no lane "tests" in ${lanes} (nearest: test, build)\n`);
  });

  test('a refusal reads as a terminal message: "refused:", and a hand edit of the YAML where one is needed', () => {
    const wf = fixture('ci.yml', WORKFLOW.replace('    steps: [{ run: make }]\n', '    strategy:\n      matrix: { os: [linux, mac] }\n    steps: [{ run: make }]\n'));
    const r = pipewright(['apply', wf, '-'], JSON.stringify([{ op: 'setProperty', stage: 'build', property: 'strategy', value: { kind: 'runOnce' } }]));
    assert.equal(r.status, 3);
    assert.equal(
      r.stderr,
      'pipewright apply: operation 1 (setProperty): refused: "build" is read-only (it expands into several jobs through `strategy.matrix`); edit the YAML by hand\n',
    );
    assert.doesNotMatch(r.stderr, /visually/);
  });

  test('deleteStage on the sample: production waits for staging instead of approve, and stderr says so', () => {
    const sample = readFileSync(join(repoRoot, 'samples', '.github', 'workflows', 'deploy.yml'), 'utf8');
    const wf = fixture('deploy.yml', sample);
    const r = pipewright(['apply', wf, '-', '--write'], JSON.stringify([{ op: 'deleteStage', stage: 'approve' }]));
    assert.equal(r.status, 0, r.stderr);
    const written = readFileSync(wf, 'utf8');
    assert.ok(written.includes('  production:\n    needs: [build, staging]\n'), written);
    assert.ok(!written.includes('approve'), written);
    // A warning about production's approval gate comes between these once approve reads as a gate.
    assert.match(r.stderr, /^pipewright apply: operation 1 \(deleteStage\): delete approve; production now waits for staging\n/);
    assert.match(r.stderr, new RegExp(`\\npipewright apply: wrote ${wf.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(1 operation applied\\)\\n$`));
  });

  test('an operation that leaves a production deploy without an approval gate is applied, with a warning on stderr', () => {
    const sample = readFileSync(join(repoRoot, 'samples', 'azure-pipelines.yml'), 'utf8');
    const r = pipewright(['apply', fixture('azure-pipelines.yml', sample), '-'], JSON.stringify([{ op: 'deleteStage', stage: 'Approval' }]));
    assert.equal(r.status, 0, r.stderr);
    assert.ok(r.stdout.includes('  - stage: Production\n    dependsOn: Staging\n'), r.stdout);
    assert.equal(
      r.stderr,
      'pipewright apply: operation 1 (deleteStage): delete Approval; Production now waits for Staging\n' +
        'pipewright apply: warning: operation 1 (deleteStage): "Production/DeployProduction" deploys to production, ' +
        'and no approval gate would hold it back any more ("Approval/WaitForValidation" does now)\n',
    );
  });

  test('[] prints every file byte-identical: LF, CRLF, no final line break, all three dialects', () => {
    const cases: [string, string][] = [
      ['ci.yml', WORKFLOW],
      ['crlf.yml', WORKFLOW.replace(/\n/g, '\r\n')],
      ['no-final-newline.yml', WORKFLOW.replace(/\n$/, '')],
      ['.gitlab-ci.yml', GITLAB],
      ['azure-pipelines.yml', AZURE],
      ['unicode.yml', WORKFLOW.replace('CI', 'CI — “déploiement” 🚀')],
    ];
    const empty = fixture('empty.json', '[]');
    for (const [name, text] of cases) {
      const r = pipewright(['apply', fixture(name, text), empty]);
      assert.equal(r.status, 0, `${name}: ${r.stderr}`);
      assert.equal(r.stdout, text, name);
    }
  });

  test('[] with --write does not rewrite the file', () => {
    const wf = fixture('crlf.yml', WORKFLOW.replace(/\n/g, '\r\n'));
    const inode = statSync(wf).ino;
    const r = pipewright(['apply', wf, '-', '--write'], '[]');
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, `pipewright apply: ${wf} unchanged (0 operations), not rewritten\n`);
    assert.equal(statSync(wf).ino, inode, 'the file was replaced');
    assert.equal(readFileSync(wf, 'utf8'), WORKFLOW.replace(/\n/g, '\r\n'));
  });

  test('an edit keeps CRLF line endings and a missing final line break', () => {
    const crlf = WORKFLOW.replace(/\n$/, '').replace(/\n/g, '\r\n');
    const r = pipewright(['apply', fixture('crlf.yml', crlf), '-'], RENAME_BUILD);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, RENAMED.replace(/\n$/, '').replace(/\n/g, '\r\n'));
  });

  test('OPS.json from standard input with -', () => {
    const r = pipewright(['apply', fixture('ci.yml', WORKFLOW), '-'], RENAME_BUILD);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, RENAMED);
  });

  test('malformed YAML: exit 2 with file:line:column, never rewritten, even by []', () => {
    const broken = 'jobs:\n  build:\n    runs-on: [ubuntu\n';
    const path = fixture('broken.yml', broken);
    for (const ops of ['[]', RENAME_BUILD]) {
      const r = pipewright(['apply', path, '-', '--write', '--dialect', 'github'], ops);
      assert.equal(r.status, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /broken\.yml is not valid YAML:\n {2}.*broken\.yml:\d+:\d+: /);
      assert.equal(readFileSync(path, 'utf8'), broken);
    }
  });

  test('invalid OPS.json: exit 2, the message names the operation and the field, the file untouched', () => {
    const wf = fixture('ci.yml', WORKFLOW);
    const cases: [string, RegExp][] = [
      ['{ "op": ', /^pipewright apply: standard input is not valid JSON: /],
      ['{"op":"deleteStage","stage":"build"}', /^pipewright apply: standard input: the operations must be a JSON array\n$/],
      [
        JSON.stringify([{ op: 'deleteStage', stage: 'build' }, { op: 'renameStage', stage: 'deploy' }]),
        /^pipewright apply: standard input: operation 2: "newId" must be a non-empty string\n$/,
      ],
      [JSON.stringify([{ op: 'explode', stage: 'build' }]), /^pipewright apply: standard input: operation 1: unknown "op" "explode"; expected one of /],
      [
        JSON.stringify([{ op: 'setProperty', stage: 'deploy', property: 'colour', value: 'red' }]),
        /^pipewright apply: standard input: operation 1: unknown property "colour"; expected one of name, runner, /,
      ],
      [
        JSON.stringify([{ op: 'setProperty', stage: 'deploy', property: 'environment', value: { name: 'prod', url: 'ftp://x' } }]),
        /operation 1: environment url must be an http\(s\) URL/,
      ],
      [JSON.stringify([null]), /operation 1 must be an object/],
    ];
    for (const [ops, message] of cases) {
      const r = pipewright(['apply', wf, '-', '--write'], ops);
      assert.equal(r.status, 2, ops);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, message);
      assert.equal(readFileSync(wf, 'utf8'), WORKFLOW);
    }
  });

  test('an OPS.json file that cannot be read or parsed is named in the message', () => {
    const wf = fixture('ci.yml', WORKFLOW);
    const missing = file('no-such-ops.json');
    const r = pipewright(['apply', wf, missing]);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, `pipewright apply: cannot read ${missing}: no such file\n`);
    const bad = fixture('bad.json', '[{"op": "deleteStage", "stage": }]');
    const r2 = pipewright(['apply', wf, bad]);
    assert.equal(r2.status, 2);
    assert.ok(r2.stderr.startsWith(`pipewright apply: ${bad} is not valid JSON: `), r2.stderr);
  });

  test('a missing FILE, an undetectable dialect and usage errors exit 2', () => {
    const ops = fixture('ops.json', '[]');
    const missing = pipewright(['apply', file('nope.yml'), ops]);
    assert.equal(missing.status, 2);
    assert.equal(missing.stderr, `pipewright apply: cannot read ${file('nope.yml')}: no such file\n`);
    const settings = pipewright(['apply', fixture('settings.yml', 'name: not a pipeline\nversion: 3\n'), ops]);
    assert.equal(settings.status, 2);
    assert.match(settings.stderr, /not recognised as a GitHub Actions, GitLab CI or Azure Pipelines file .*--dialect github\|gitlab\|azure/);
    for (const [args, message] of [
      [['apply'], /missing FILE and OPS\.json/],
      [['apply', 'a.yml'], /missing OPS\.json/],
      [['apply', 'a.yml', 'b.json', 'c.json'], /expected FILE and OPS\.json, got 3 arguments/],
      [['apply', '-', 'b.json'], /FILE must be a path/],
      [['apply', 'a.yml', 'b.json', '--write=yes'], /--write takes no value/],
      [['apply', 'a.yml', 'b.json', '--dialect', 'jenkins'], /unknown dialect "jenkins"/],
    ] as const) {
      const r = pipewright([...args]);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, message);
      assert.match(r.stderr, /usage: pipewright apply FILE OPS\.json/);
    }
  });

  test('--dialect reads the file as that dialect', () => {
    // Named like a GitLab file, but a GitHub workflow: with --dialect github the rename works.
    const path = fixture('.gitlab-ci.yml', WORKFLOW);
    const r = pipewright(['apply', path, '-', '--dialect', 'github'], RENAME_BUILD);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, RENAMED);
  });

  test('apply --help documents every operation with its fields, the shapes of every property value, and the exit codes', () => {
    const r = pipewright(['apply', '--help']);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^usage: pipewright apply FILE OPS\.json \[--write\] \[--diff\] \[--dialect github\|gitlab\|azure\] \[--root DIR\]/);
    for (const op of Object.keys(OPERATION_SHAPES) as OperationName[]) {
      assert.ok(r.stdout.includes(`  ${operationJson(op)}\n      ${OPERATION_SHAPES[op].does}\n`), `${op} is not listed`);
    }
    assert.match(r.stdout, /\{"op":"addLane","lane":NAME,"after"\?:LANE\}/);
    for (const property of STAGE_PROPERTIES) {
      for (const shape of PROPERTY_VALUE_SHAPES[property]) assert.ok(r.stdout.includes(shape), `${property}: ${shape}`);
    }
    assert.match(r.stdout, /\n  gate +\{"kind":"manual"\}\n +\{"kind":"delayed","after":DURATION\}/);
    assert.match(r.stdout, /\n  strategy +\{"kind":"rolling",/);
    assert.match(r.stdout, /2 bad usage.*\n.*naming a stage, lane or template that is not there/);
    assert.match(r.stdout, /3 an operation was refused/);
  });

  test('the operations the help shows are the ones the validator takes, with the fields it requires', () => {
    const sample: Record<string, unknown> = { PROPERTY: 'name', VALUE: 'x', MANAGER: 'npm', 'OWNER/REPO@REF': 'o/r@v1', SHA: '0'.repeat(40) };
    for (const [op, shape] of Object.entries(OPERATION_SHAPES)) {
      const fields = Object.entries(shape.fields);
      const full = Object.fromEntries([['op', op], ...fields.map(([key, placeholder]) => [key.replace(/\?$/, ''), sample[placeholder] ?? 'a'])]);
      assert.ok(parseOperation(full).ok, `${op}: ${JSON.stringify(full)} ${JSON.stringify(parseOperation(full))}`);
      for (const [key] of fields) {
        const without = { ...full };
        delete without[key.replace(/\?$/, '')];
        assert.equal(parseOperation(without).ok, key.endsWith('?'), `${op} without ${key}`);
      }
    }
  });
});

describe('pipewright templates', () => {
  test('lists every template: name, title and description on one line each', () => {
    const r = pipewright(['templates']);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, TEMPLATES.length);
    for (const [i, t] of TEMPLATES.entries()) {
      assert.match(lines[i], new RegExp(`^${t.name} +${escape(t.title)} +${escape(t.description)}$`));
    }
  });

  test('--json prints the catalog', () => {
    const r = pipewright(['templates', '--json']);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), TEMPLATES);
    assert.ok(TEMPLATES.some((t) => t.name === 'deploy-production-canary'));
  });

  test('unexpected arguments are a usage error', () => {
    const r = pipewright(['templates', 'build']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /unexpected argument "build"/);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Golden tests per lint rule and dialect (src/core/rules): where each rule fires (rule, line,
// column), where it must stay quiet, and what its fix writes, byte for byte.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parsePipelineFully } from '../../src/core/edit/plan';
import type { Dialect } from '../../src/core/model';
import { lintPipeline, type LintFinding } from '../../src/core/rules/engine';
import { parseActionReference } from '../../src/core/actionReference';
import { applyAllFixes, applyFix, fixWithSha } from '../../src/core/rules/fixes';
import type { LintOptions } from '../../src/core/rules/rule';
import { dedent } from '../helpers/text';

function lint(dialect: Dialect, text: string, options: LintOptions = {}): LintFinding[] {
  return lintPipeline(parsePipelineFully(text, { dialect }), undefined, options);
}

/** `rule@line:column` of every finding of `rule`. */
function where(dialect: Dialect, text: string, rule: string, options?: LintOptions): string[] {
  return lint(dialect, text, options).filter((f) => f.code === rule).map((f) => `${f.range.startLine}:${f.range.startColumn}`);
}

function fixed(dialect: Dialect, text: string, rule: string): string {
  const finding = lint(dialect, text).find((f) => f.code === rule);
  assert.ok(finding?.fix, `${rule} offers a fix`);
  const r = applyFix(text, finding.fix, { dialect });
  if (!r.ok) assert.fail(r.reason);
  assert.equal(lint(dialect, r.text).filter((f) => f.code === rule && f.node === finding.node).length, 0, 'the fix removes its finding');
  return r.text;
}

const GH_DEPLOY = dedent`
  on: push
  permissions: {contents: read}
  jobs:
    test:
      runs-on: ubuntu-latest
      steps:
        - run: make test
    deploy-prod:
      runs-on: ubuntu-latest
      needs: test
      steps:
        - run: kubectl apply -f k8s/
`;

const GL_DEPLOY = dedent`
  stages: [test, deploy]
  test:
    stage: test
    script: [make test]
  deploy_prod:
    stage: deploy
    script:
      - helm upgrade --install app ./chart
`;

const AZ_DEPLOY = dedent`
  stages:
    - stage: Test
      jobs:
        - job: Test
          steps:
            - script: make test
    - stage: Prod
      jobs:
        - job: Deploy
          steps:
            - script: kubectl apply -f k8s/
`;

describe('credentials-in-file', () => {
  test('github: a known token format, shown only by its prefix', () => {
    const text = dedent`
      on: push
      jobs:
        a:
          runs-on: ubuntu-latest
          env:
            TOKEN: ghp_0123456789abcdefghijABCDEFGHIJ012345
          steps: [{run: make}]
    `;
    const found = lint('github', text).filter((f) => f.code === 'credentials-in-file');
    assert.deepEqual(found.map((f) => [f.range.startLine, f.range.startColumn, f.range.endColumn, f.severity]), [[6, 14, 54, 'error']]);
    assert.match(found[0].message, /GitHub token \("ghp_…"\)/);
    assert.ok(!found[0].message.includes('0123456789'), 'the value is never echoed in full');
  });
  test('gitlab: a password-like key with a literal value; references and throwaway values are quiet', () => {
    const text = dedent`
      variables:
        DB_PASSWORD: "s3cr3t-Pa55word"
        API_TOKEN: $API_TOKEN
        POSTGRES_PASSWORD: postgres
      job:
        script: [make]
    `;
    assert.deepEqual(where('gitlab', text, 'credentials-in-file'), ['2:16']);
    assert.match(lint('gitlab', text)[0].message, /"DB_PASSWORD" holds a literal value \("s3…", 15 characters\)/);
  });
  test('azure: a literal secret in variables; $(var) and secrets are quiet', () => {
    const text = dedent`
      variables:
        clientSecret: 'Xy7#kP2!qL9@zR4'
        apiKey: $(ApiKey)
      steps:
        - script: make
    `;
    assert.deepEqual(where('azure', text, 'credentials-in-file'), ['2:17']);
    assert.deepEqual(where('azure', 'steps:\n  - script: make\n', 'credentials-in-file'), []);
  });
});

describe('pull-request-target-checkout', () => {
  const text = (trigger: string) => dedent`
    on: ${trigger}
    jobs:
      build:
        runs-on: ubuntu-latest
        steps:
          - uses: actions/checkout@v4
            with:
              ref: \${{ github.event.pull_request.head.sha }}
          - run: make
  `;
  test('fires on the ref in a pull_request_target workflow', () => {
    assert.deepEqual(where('github', text('pull_request_target'), 'pull-request-target-checkout'), ['8:16']);
    assert.deepEqual(where('github', text('[push, pull_request_target]'), 'pull-request-target-checkout'), ['8:16']);
    assert.equal(lint('github', text('pull_request_target')).find((f) => f.code === 'pull-request-target-checkout')?.severity, 'error');
  });
  test('quiet for pull_request, and for a checkout of the base', () => {
    assert.deepEqual(where('github', text('pull_request'), 'pull-request-target-checkout'), []);
    assert.deepEqual(where('github', text('pull_request_target').replace(/ref: .*\n/, 'fetch-depth: 1\n'), 'pull-request-target-checkout'), []);
  });
  test('fires on a script that checks out the head', () => {
    const script = dedent`
      on: pull_request_target
      jobs:
        a:
          runs-on: ubuntu-latest
          steps:
            - run: gh pr checkout \${{ github.event.pull_request.number }}
    `;
    assert.deepEqual(where('github', script, 'pull-request-target-checkout'), ['6:14']);
  });
});

describe('production-deploy-ungated and production-approval-unverified', () => {
  test('an error without environment or gate, in every dialect, at the job', () => {
    assert.deepEqual(where('github', GH_DEPLOY, 'production-deploy-ungated'), ['8:3']);
    assert.deepEqual(where('gitlab', GL_DEPLOY, 'production-deploy-ungated'), ['5:1']);
    assert.deepEqual(where('azure', AZ_DEPLOY, 'production-deploy-ungated'), ['9:9']);
    assert.equal(lint('github', GH_DEPLOY).find((f) => f.code === 'production-deploy-ungated')?.severity, 'error');
  });
  test('a warning with a production environment and nothing known; nothing when the platform confirms a rule, an error when it confirms none', () => {
    const withEnv = GH_DEPLOY.replace('    needs: test\n', '    needs: test\n    environment: production\n');
    assert.deepEqual(where('github', withEnv, 'production-deploy-ungated'), []);
    assert.deepEqual(where('github', withEnv, 'production-approval-unverified'), ['8:3']);
    assert.match(lint('github', withEnv).find((f) => f.code === 'production-approval-unverified')!.message, /the environment may require one on the server — sign in to check/);
    const approval = { environmentProtection: new Map([['Production', 'approval' as const]]) };
    assert.deepEqual(where('github', withEnv, 'production-approval-unverified', approval), []);
    assert.deepEqual(where('github', withEnv, 'production-deploy-ungated', approval), []);
    const none = { environmentProtection: new Map([['production', 'none' as const]]) };
    assert.deepEqual(where('github', withEnv, 'production-deploy-ungated', none), ['8:3']);
  });
  test('quiet with a gate before the deploy (GitHub manual approval, GitLab blocking manual job, Azure ManualValidation)', () => {
    const gh = GH_DEPLOY.replace('    needs: test\n', '    needs: approve\n').replace('  deploy-prod:', dedent`
        approve:
          runs-on: ubuntu-latest
          steps:
            - uses: trstringer/manual-approval@v1
      deploy-prod:`.split('\n').map((l) => `  ${l}`).join('\n').trimStart().replace(/^/, '  '));
    assert.deepEqual(where('github', gh, 'production-deploy-ungated'), []);
    const gl = GL_DEPLOY.replace('  stage: deploy\n', '  stage: deploy\n  when: manual\n');
    assert.deepEqual(where('gitlab', gl, 'production-deploy-ungated'), [], 'the deploy itself is manual');
    const az = AZ_DEPLOY.replace('  - stage: Prod\n', [
      '  - stage: Approve',
      '    jobs:',
      '      - job: Wait',
      '        pool: server',
      '        steps:',
      '          - task: ManualValidation@0',
      '  - stage: Prod',
      '',
    ].join('\n'));
    assert.deepEqual(where('azure', az, 'production-deploy-ungated'), []);
  });
  test('gitlab: a manual job before the deploy that may fail does not hold it back; allow_failure: false does', () => {
    const gate = (extra: string) => GL_DEPLOY.replace('deploy_prod:', `approve:\n  stage: test\n  when: manual\n${extra}  script: [echo ok]\ndeploy_prod:`);
    assert.deepEqual(where('gitlab', gate(''), 'production-deploy-ungated'), ['9:1']);
    assert.deepEqual(where('gitlab', gate('  allow_failure: false\n'), 'production-deploy-ungated'), []);
  });
  test('the production words are a setting', () => {
    const text = GH_DEPLOY.replace('deploy-prod', 'deploy-main-site');
    assert.deepEqual(where('github', text, 'production-deploy-ungated'), []);
    assert.deepEqual(where('github', text, 'production-deploy-ungated', { productionWords: ['main'] }), ['8:3']);
  });
  test('fix: an approval gate between the deploy and what it waited for (github, byte-exact)', () => {
    assert.equal(fixed('github', GH_DEPLOY, 'production-deploy-ungated'), dedent`
      on: push
      permissions: {contents: read}
      jobs:
        test:
          runs-on: ubuntu-latest
          steps:
            - run: make test
        approve-production:
          name: Approval gate
          runs-on: ubuntu-latest
          needs: test
          # Required reviewers of production-approval are set in the repository settings (Settings > Environments).
          environment: production-approval
          steps:
            - name: Record the approval
              run: echo "Approved by a required reviewer of the production-approval environment"
        deploy-prod:
          runs-on: ubuntu-latest
          needs: approve-production
          steps:
            - run: kubectl apply -f k8s/
    `);
  });
  test('fix: gitlab and azure get a blocking gate', () => {
    assert.match(fixed('gitlab', GL_DEPLOY, 'production-deploy-ungated'), /approve-production:\n  stage: deploy\n  needs: \[test\]\n[\s\S]*when: manual\n  allow_failure: false\n/);
    assert.match(fixed('azure', AZ_DEPLOY, 'production-deploy-ungated'), /- stage: Approve_production\n[\s\S]*task: ManualValidation@0[\s\S]*- stage: Prod\n/);
  });
});

describe('deploy-without-environment', () => {
  test('fires in every dialect; the fix names the environment after the deploy', () => {
    assert.deepEqual(where('github', GH_DEPLOY, 'deploy-without-environment'), ['8:3']);
    assert.deepEqual(where('gitlab', GL_DEPLOY, 'deploy-without-environment'), ['5:1']);
    assert.deepEqual(where('azure', AZ_DEPLOY, 'deploy-without-environment'), ['9:9']);
    assert.equal(fixed('gitlab', GL_DEPLOY, 'deploy-without-environment'), `${GL_DEPLOY}  environment: production\n`);
    assert.equal(lint('azure', AZ_DEPLOY).find((f) => f.code === 'deploy-without-environment')?.fix, undefined, 'an Azure plain job cannot take one');
  });
  test('quiet with an environment', () => {
    assert.deepEqual(where('gitlab', `${GL_DEPLOY}  environment: production\n`, 'deploy-without-environment'), []);
  });
});

describe('no-rollback and no-verify', () => {
  const gh = GH_DEPLOY.replace('    needs: test\n', '    needs: test\n    environment: production\n');
  test('fire on a production deploy with nothing after it', () => {
    assert.deepEqual(where('github', gh, 'no-rollback'), ['8:3']);
    assert.deepEqual(where('github', gh, 'no-verify'), ['8:3']);
    const gl = `${GL_DEPLOY}  environment: production\n`;
    assert.deepEqual(where('gitlab', gl, 'no-rollback'), ['5:1']);
    assert.deepEqual(where('gitlab', gl, 'no-verify'), ['5:1']);
  });
  test('quiet with an on-failure job and a health check after it, or a staging deploy', () => {
    const after = `${gh}  smoke:\n    runs-on: ubuntu-latest\n    needs: deploy-prod\n    steps: [{run: 'curl -f https://x/healthz'}]\n  undo:\n    runs-on: ubuntu-latest\n    needs: deploy-prod\n    if: failure()\n    steps: [{run: 'echo back'}]\n`;
    assert.deepEqual(where('github', after, 'no-rollback'), []);
    assert.deepEqual(where('github', after, 'no-verify'), []);
    assert.deepEqual(where('github', gh.replace('production', 'staging'), 'no-rollback'), []);
  });
  test('azure: an on: failure: hook of a deployment strategy is a rollback', () => {
    const az = dedent`
      stages:
        - stage: Prod
          jobs:
            - deployment: Deploy
              environment: production
              strategy:
                runOnce:
                  deploy:
                    steps:
                      - script: kubectl apply -f k8s/
                  on:
                    failure:
                      steps:
                        - script: kubectl rollout undo deployment/app
    `;
    assert.deepEqual(where('azure', az, 'no-rollback'), []);
    assert.deepEqual(where('azure', az, 'no-verify'), ['4:9']);
  });
  test('fix: a rollback stage and a verify stage after the deploy', () => {
    assert.match(fixed('github', gh, 'no-rollback'), /\n  rollback-deploy-prod:\n[\s\S]*needs: deploy-prod\n[\s\S]*if: \$\{\{ failure\(\) \}\}/);
    assert.match(fixed('github', gh, 'no-verify'), /\n  verify-deploy-prod:\n[\s\S]*needs: deploy-prod\n/);
  });
});

describe('deploy-without-tests', () => {
  const gh = dedent`
    on: push
    permissions: {}
    jobs:
      test:
        runs-on: ubuntu-latest
        steps: [{run: make test}]
      deploy-staging:
        runs-on: ubuntu-latest
        environment: staging
        steps: [{run: kubectl apply -f k8s/}]
  `;
  test('fires when the deploy does not wait for the tests; the fix makes it wait', () => {
    assert.deepEqual(where('github', gh, 'deploy-without-tests'), ['7:3']);
    assert.equal(fixed('github', gh, 'deploy-without-tests'), gh.replace('    environment: staging\n', '    needs: test\n    environment: staging\n'));
  });
  test('quiet when it does, or when the file has no tests', () => {
    assert.deepEqual(where('github', gh.replace('    environment: staging\n', '    needs: test\n    environment: staging\n'), 'deploy-without-tests'), []);
    assert.deepEqual(where('github', gh.replace('make test', 'make').replace(/\n  test:/, '\n  compile:'), 'deploy-without-tests'), []);
  });
  test('gitlab stage order and azure previous-stage order count as waiting', () => {
    assert.deepEqual(where('gitlab', GL_DEPLOY, 'deploy-without-tests'), []);
    assert.deepEqual(where('azure', AZ_DEPLOY, 'deploy-without-tests'), []);
  });
});

describe('deploy-without-timeout', () => {
  test('fires in every dialect; the fix writes the dialect\'s key', () => {
    assert.deepEqual(where('github', GH_DEPLOY, 'deploy-without-timeout'), ['8:3']);
    assert.equal(fixed('github', GH_DEPLOY, 'deploy-without-timeout'), GH_DEPLOY.replace('    needs: test\n', '    needs: test\n    timeout-minutes: 30\n'));
    assert.equal(fixed('gitlab', GL_DEPLOY, 'deploy-without-timeout'), `${GL_DEPLOY}  timeout: 30 minutes\n`);
    assert.equal(fixed('azure', AZ_DEPLOY, 'deploy-without-timeout'), AZ_DEPLOY.replace('      - job: Deploy\n', '      - job: Deploy\n        timeoutInMinutes: 30\n'));
  });
  test('quiet with a timeout, or a GitLab default one', () => {
    assert.deepEqual(where('gitlab', `${GL_DEPLOY}  timeout: 1h\n`, 'deploy-without-timeout'), []);
    assert.deepEqual(where('gitlab', `default:\n  timeout: 20m\n${GL_DEPLOY}`, 'deploy-without-timeout'), []);
  });
});

describe('concurrent-deploys', () => {
  test('github: a deploy with an environment and no concurrency; quiet with one', () => {
    const gh = GH_DEPLOY.replace('    needs: test\n', '    needs: test\n    environment: staging\n');
    assert.deepEqual(where('github', gh, 'concurrent-deploys'), ['8:3']);
    assert.deepEqual(where('github', gh.replace('    environment: staging\n', '    environment: staging\n    concurrency: staging\n'), 'concurrent-deploys'), []);
    assert.deepEqual(where('github', `concurrency: deploy\n${gh}`, 'concurrent-deploys'), []);
  });
  test('gitlab: resource_group', () => {
    const gl = `${GL_DEPLOY}  environment: staging\n`;
    assert.deepEqual(where('gitlab', gl, 'concurrent-deploys'), ['5:1']);
    assert.deepEqual(where('gitlab', `${gl}  resource_group: staging\n`, 'concurrent-deploys'), []);
  });
  test('fix: a group named after the environment (github concurrency, gitlab resource_group), byte-exact', () => {
    const gh = GH_DEPLOY.replace('    needs: test\n', '    needs: test\n    environment: staging\n');
    assert.equal(fixed('github', gh, 'concurrent-deploys'), gh.replace('    environment: staging\n', '    environment: staging\n    concurrency: staging\n'));
    const gl = `${GL_DEPLOY}  environment: staging\n`;
    assert.equal(fixed('gitlab', gl, 'concurrent-deploys'), `${gl}  resource_group: staging\n`);
  });
  test('the concurrency property: azure refuses it with the reason, null clears it', async () => {
    const { planOperation } = await import('../../src/core/edit/plan');
    const az = planOperation(AZ_DEPLOY, { op: 'setProperty', stage: 'Prod/Deploy', property: 'concurrency', value: 'production' }, { dialect: 'azure' });
    assert.ok(!az.ok && /exclusive lock check on the environment/.test(az.reason));
    const gh = GH_DEPLOY.replace('    needs: test\n', '    needs: test\n    concurrency: prod\n');
    const cleared = planOperation(gh, { op: 'setProperty', stage: 'deploy-prod', property: 'concurrency', value: null }, { dialect: 'github' });
    assert.ok(cleared.ok);
    assert.equal(cleared.text, GH_DEPLOY);
  });
  test('publishing to a package registry is left alone', () => {
    const gh = GH_DEPLOY.replace('    needs: test\n', '    needs: test\n    environment: pypi\n');
    assert.deepEqual(where('github', gh, 'concurrent-deploys'), []);
    const twine = GH_DEPLOY.replace('    needs: test\n', '    needs: test\n    environment: deploy\n').replace('kubectl apply -f k8s/', 'twine upload dist/*');
    assert.deepEqual(where('github', twine, 'concurrent-deploys'), []);
  });
});

describe('unpinned-action, missing-permissions, curl-pipe-shell', () => {
  const gh = dedent`
    on: push
    jobs:
      a:
        runs-on: ubuntu-latest
        steps:
          - uses: actions/checkout@v4
          - uses: some-org/tool@v2
          - uses: other/tool@0123456789abcdef0123456789abcdef01234567
          - uses: ./local-action
          - run: curl -fsSL https://example.com/install.sh | sudo bash
  `;
  test('github: a third-party tag, no permissions, a download piped into a shell', () => {
    assert.deepEqual(where('github', gh, 'unpinned-action'), ['7:15']);
    assert.deepEqual(where('github', gh, 'missing-permissions'), ['1:1']);
    assert.deepEqual(where('github', gh, 'curl-pipe-shell'), ['10:14']);
    assert.deepEqual(where('github', `permissions: {contents: read}\n${gh}`, 'missing-permissions'), []);
  });
  test('unpinned-action: "Pin to commit sha" waits for GitHub\'s sha, then pins every step of the job using it; never automatic', () => {
    const finding = lint('github', gh).find((f) => f.code === 'unpinned-action')!;
    assert.deepEqual(finding.fix, {
      title: 'Pin `some-org/tool@v2` to its commit sha',
      operations: [],
      automatic: false,
      needs: { kind: 'action-sha', stage: 'a', uses: 'some-org/tool@v2' },
    });
    // Until the sha is known the fix is refused, changing nothing; `--fix` leaves it to the editor.
    const unresolved = applyFix(gh, finding.fix!, { dialect: 'github' });
    assert.ok(!unresolved.ok && /needs the commit sha of some-org\/tool@v2 from GitHub first/.test(unresolved.reason));
    assert.deepEqual(applyAllFixes(gh, { dialect: 'github' }).reports.filter((r) => r.rule === 'unpinned-action'), []);
    const sha = 'a'.repeat(40);
    const r = applyFix(gh, fixWithSha(finding.fix!, sha), { dialect: 'github' });
    assert.ok(r.ok, r.ok ? '' : r.reason);
    assert.equal(r.text, gh.replace('- uses: some-org/tool@v2\n', `- uses: some-org/tool@${sha} # v2\n`));
    assert.deepEqual(where('github', r.text, 'unpinned-action'), []);
  });
  test('unpinned-action: an action in a subfolder is offered the pin; a reusable workflow\'s job-level uses is not', () => {
    const text = dedent`
      on: push
      jobs:
        scan:
          runs-on: ubuntu-latest
          steps:
            - uses: some-org/scanners/init@v3
        shared:
          uses: some-org/workflows/.github/workflows/deploy.yml@main
    `;
    const found = lint('github', text).filter((f) => f.code === 'unpinned-action');
    assert.deepEqual(found.map((f) => [f.node, f.fix?.needs?.uses]), [['scan', 'some-org/scanners/init@v3'], ['shared', undefined]]);
  });
  test('action references: the repository is the first two segments; local, docker and expression uses are not references', () => {
    assert.deepEqual(parseActionReference('github/codeql-action/init@v3'), { owner: 'github', repo: 'codeql-action', path: 'init', ref: 'v3' });
    assert.deepEqual(parseActionReference(' docker/build-push-action@release/v6 '), { owner: 'docker', repo: 'build-push-action', ref: 'release/v6' });
    for (const uses of ['./local', 'docker://alpine:3', 'o/r@${{ inputs.ref }}', 'o/r', 'o@v1', 'o/r@', 'o//x@v1', 'o r/x@v1']) {
      assert.equal(parseActionReference(uses), undefined, uses);
    }
  });
  test('gitlab and azure: curl | sh in a script, a block scalar pointed at exactly', () => {
    const gl = 'job:\n  script:\n    - |\n      set -e\n      wget -qO- https://x.io/i | sh\n';
    assert.deepEqual(where('gitlab', gl, 'curl-pipe-shell'), ['5:7']);
    assert.deepEqual(where('azure', 'steps:\n  - bash: curl https://x.io/i | bash -s\n', 'curl-pipe-shell'), ['2:11']);
    assert.deepEqual(where('azure', 'steps:\n  - bash: curl -o i.sh https://x.io/i && sha256sum -c i.sum\n', 'curl-pipe-shell'), []);
  });
});

/** A GitHub workflow with one job, `build`, whose steps are a checkout and then `steps`. */
const ghBuild = (steps: string) => `on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n${steps}`;

describe('no-dependency-cache and rebuilt-in-deploy', () => {
  test('github: npm ci without a cache; setup-node with cache: is one', () => {
    const gh = 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/setup-node@v4\n      - run: npm ci\n';
    assert.deepEqual(where('github', gh, 'no-dependency-cache'), ['7:14']);
    assert.deepEqual(where('github', gh.replace('setup-node@v4\n', 'setup-node@v4\n        with: {cache: npm}\n'), 'no-dependency-cache'), []);
  });
  test('gitlab: cache: on the job or the defaults; azure: Cache@2', () => {
    const gl = 'build:\n  script: [npm ci, npm run build]\n';
    assert.deepEqual(where('gitlab', gl, 'no-dependency-cache'), ['2:12']);
    assert.deepEqual(where('gitlab', `default:\n  cache: {paths: [node_modules]}\n${gl}`, 'no-dependency-cache'), []);
    const az = 'jobs:\n  - job: Build\n    steps:\n      - script: npm ci\n';
    assert.deepEqual(where('azure', az, 'no-dependency-cache'), ['4:17']);
    assert.deepEqual(where('azure', az.replace('    steps:\n', '    steps:\n      - task: Cache@2\n'), 'no-dependency-cache'), []);
  });
  test('github fix: the setup action before the install gets `cache:`, byte for byte', () => {
    const gh = ghBuild('      - uses: actions/setup-node@v4\n        with:\n          node-version: 20\n      - run: npm ci\n');
    assert.equal(fixed('github', gh, 'no-dependency-cache'), gh.replace('          node-version: 20\n', '          node-version: 20\n          cache: npm\n'));
    const bare = gh.replace('        with:\n          node-version: 20\n', '');
    assert.equal(fixed('github', bare, 'no-dependency-cache'), bare.replace('setup-node@v4\n', 'setup-node@v4\n        with:\n          cache: npm\n'));
  });
  test('github fix: an actions/cache step before the installing step, above the comments that introduce it', () => {
    const gh = ghBuild('\n      # dependencies\n      - name: Install\n        run: pip install -r requirements.txt\n      - run: pytest\n');
    assert.equal(fixed('github', gh, 'no-dependency-cache'), gh.replace('      # dependencies\n', [
      '      - name: Cache pip downloads',
      '        uses: actions/cache@v4',
      '        with:',
      '          path: |-',
      '            ~/.cache/pip',
      '            ~/Library/Caches/pip',
      '            ~/AppData/Local/pip/Cache',
      "          key: ${{ runner.os }}-pip-${{ hashFiles('**/requirements*.txt') }}",
      '          restore-keys: ${{ runner.os }}-pip-',
      '      # dependencies',
      '',
    ].join('\n')));
  });
  test('github fix: refused with the reason on a flow list of steps', () => {
    const gh = 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps: [{run: npm ci}]\n';
    const finding = lint('github', gh).find((f) => f.code === 'no-dependency-cache')!;
    const r = applyFix(gh, finding.fix!, { dialect: 'github' });
    assert.deepEqual(r, { ok: false, reason: 'can\'t apply this fix: the steps of "build" are a flow list ([ … ]); add the cache in the text' });
  });
  test('gitlab fix: the cache variable into the project and `cache:` keyed on the lock file', () => {
    const gl = 'build:\n  image: node:20\n  script:\n    - npm ci\n    - npm run build\n';
    assert.equal(fixed('gitlab', gl, 'no-dependency-cache'), `${gl}  variables:\n    npm_config_cache: $CI_PROJECT_DIR/.npm\n  cache:\n    key:\n      files:\n        - package-lock.json\n    paths:\n      - .npm/\n`);
    const vars = 'build:\n  variables:\n    NODE_ENV: test\n  script: [pip install -r requirements.txt, make]\n';
    assert.equal(
      fixed('gitlab', vars, 'no-dependency-cache'),
      'build:\n  variables:\n    NODE_ENV: test\n    PIP_CACHE_DIR: $CI_PROJECT_DIR/.pip-cache\n  script: [pip install -r requirements.txt, make]\n  cache:\n    key:\n      files:\n        - requirements.txt\n    paths:\n      - .pip-cache/\n',
    );
    // Cargo's downloads live in CARGO_HOME with its tools: no fix outside GitHub.
    assert.equal(lint('gitlab', 'build:\n  script: [cargo build]\n').find((f) => f.code === 'no-dependency-cache')?.fix, undefined);
  });
  test('azure fix: a Cache@2 step before the install, which gets the variable in env:', () => {
    const az = dedent`
      stages:
        - stage: Build
          jobs:
            - job: Build
              steps:
                - checkout: self
                - script: npm ci
                  displayName: Install
                - script: npm run build
    `;
    assert.equal(fixed('azure', az, 'no-dependency-cache'), az.replace('          - script: npm ci\n            displayName: Install\n', [
      '          - task: Cache@2',
      '            displayName: Cache npm downloads',
      '            inputs:',
      '              key: npm | "$(Agent.OS)" | package-lock.json',
      '              restoreKeys: npm | "$(Agent.OS)"',
      '              path: $(Pipeline.Workspace)/.npm',
      '          - script: npm ci',
      '            displayName: Install',
      '            env:',
      '              npm_config_cache: $(Pipeline.Workspace)/.npm',
      '',
    ].join('\n')));
    const implicit = 'steps:\n  - script: npm ci\n    env:\n      FOO: bar\n  - script: npm run build\n';
    assert.match(fixed('azure', implicit, 'no-dependency-cache'), /^steps:\n  - task: Cache@2\n[^]*  - script: npm ci\n    env:\n      FOO: bar\n      npm_config_cache: \$\(Pipeline\.Workspace\)\/\.npm\n  - script: npm run build\n$/);
  });
  test('a deploy that builds again after a build job', () => {
    const gl = 'stages: [build, deploy]\nbuild:\n  stage: build\n  script: [npm run build]\ndeploy:\n  stage: deploy\n  environment: staging\n  script: [npm run build, kubectl apply -f k8s]\n';
    assert.deepEqual(where('gitlab', gl, 'rebuilt-in-deploy'), ['8:12']);
    assert.deepEqual(where('gitlab', gl.replace('[npm run build, kubectl', '[kubectl'), 'rebuilt-in-deploy'), []);
  });
});

describe('unused-needs', () => {
  const GH = dedent`
    on: push
    permissions: {contents: read}
    jobs:
      build:
        runs-on: ubuntu-latest
        steps:
          - uses: actions/checkout@v4
          - run: cargo build --release
      bench:
        runs-on: ubuntu-latest
        needs: [build]
        steps:
          - uses: actions/checkout@v4
          - run: cargo bench
  `;
  test('github: a need whose outputs, result and artifacts the job does not use', () => {
    assert.deepEqual(where('github', GH, 'unused-needs'), ['11:13']);
    const finding = lint('github', GH).find((f) => f.code === 'unused-needs')!;
    assert.equal(finding.severity, 'information');
    assert.equal(finding.fix?.automatic, false, 'dropping a need changes what runs when the build fails: a person decides');
  });
  test('github: quiet when the job reads needs.X, asks how it ended, takes an artifact or a cache', () => {
    const uses = (step: string) => GH.replace('      - run: cargo bench', `      - run: cargo bench\n      ${step}`);
    assert.deepEqual(where('github', uses('- run: echo ${{ needs.build.outputs.version }}'), 'unused-needs'), []);
    assert.deepEqual(where('github', uses("- run: echo ${{ needs['build'].result }}"), 'unused-needs'), []);
    assert.deepEqual(where('github', uses('- run: echo \'${{ toJSON(needs) }}\''), 'unused-needs'), []);
    assert.deepEqual(where('github', uses('- uses: actions/download-artifact@v4'), 'unused-needs'), []);
    assert.deepEqual(where('github', GH.replace('    needs: [build]\n', '    needs: [build]\n    if: always()\n'), 'unused-needs'), []);
    const cached = GH.replaceAll('      - uses: actions/checkout@v4\n', '      - uses: actions/checkout@v4\n      - uses: Swatinem/rust-cache@v2\n');
    assert.deepEqual(where('github', cached, 'unused-needs'), []);
    // Reading another job's outputs is not using this one.
    assert.deepEqual(where('github', uses('- run: echo ${{ needs.other.outputs.x }}'), 'unused-needs'), ['11:13']);
  });
  test('github: never on an ordering on purpose or a need that may leave something unseen', () => {
    // Tests, checks that fail fast, a deploy: waiting for them is the point.
    assert.deepEqual(where('github', GH.replaceAll('build', 'unit').replace('cargo unit --release', 'cargo test'), 'unused-needs'), []);
    assert.deepEqual(where('github', GH.replaceAll('build', 'lint').replace('cargo lint --release', 'cargo clippy'), 'unused-needs'), []);
    // A push, or an action whose inside the file does not show.
    assert.deepEqual(where('github', GH.replace('cargo build --release', 'docker build -t x . && docker push x'), 'unused-needs'), []);
    assert.deepEqual(where('github', GH.replace('      - run: cargo build --release', '      - uses: ./.github/actions/build'), 'unused-needs'), []);
    // A job that only joins others into one required check.
    assert.deepEqual(where('github', GH.replace('      - run: cargo bench', '      - run: exit 0').replace('      - uses: actions/checkout@v4\n      - run: exit 0', '      - run: exit 0'), 'unused-needs'), []);
    // A deploy waiting for its build; the job waits for build through another need anyway.
    assert.deepEqual(where('github', GH.replace('  bench:\n', '  bench:\n    environment: staging\n'), 'unused-needs'), []);
    const through = GH.replace('    needs: [build]', '    needs: [build, docs]').concat('  docs:\n    runs-on: ubuntu-latest\n    needs: build\n    steps: [{run: cargo doc}]\n');
    // bench → build is not reported (docs waits for build anyway); bench → docs and docs → build are.
    assert.deepEqual(where('github', through, 'unused-needs'), ['11:20', '17:12']);
  });
  test('github: the editor fix drops the need, byte for byte', () => {
    assert.equal(fixed('github', GH, 'unused-needs'), GH.replace('    needs: [build]\n', ''));
  });
  const GL = dedent`
    stages: [build, test]
    build:
      stage: build
      script: [make]
    bench:
      stage: test
      needs:
        - job: build
          artifacts: false
      script: [make bench]
  `;
  test('gitlab: needs with artifacts: false, or on a job that leaves none', () => {
    assert.deepEqual(where('gitlab', GL, 'unused-needs'), ['8:12']);
    assert.deepEqual(where('gitlab', GL.replace('      artifacts: false\n', ''), 'unused-needs'), ['8:12']);
    const leaves = GL.replace('  script: [make]\n', '  script: [make]\n  artifacts: {paths: [bin/]}\n');
    assert.deepEqual(where('gitlab', leaves.replace('      artifacts: false\n', ''), 'unused-needs'), []);
    assert.deepEqual(where('gitlab', leaves, 'unused-needs'), ['9:12']);
  });
  test('gitlab: the fix leaves `needs: []`, so the job still starts at once', () => {
    assert.equal(fixed('gitlab', GL.replace('  needs:\n    - job: build\n      artifacts: false\n', '  needs: [build]\n'), 'unused-needs'), GL.replace('  needs:\n    - job: build\n      artifacts: false\n', '  needs: []\n'));
  });
  test('azure: not checked (stages wait by default, deployment jobs download every artifact)', () => {
    const az = 'jobs:\n  - job: A\n    steps: [{script: make}]\n  - job: B\n    dependsOn: A\n    steps: [{script: make bench}]\n';
    assert.deepEqual(where('azure', az, 'unused-needs'), []);
  });
});

describe('read-only nodes', () => {
  test('a finding on a node that inherits through extends says so and offers no fix', () => {
    const gl = dedent`
      stages: [test, deploy]
      .base:
        image: alpine
      unit:
        stage: test
        script: [make test]
      deploy_prod:
        extends: .base
        stage: deploy
        needs: []
        script: [kubectl apply -f k8s]
    `;
    const f = lint('gitlab', gl).find((x) => x.code === 'deploy-without-tests');
    assert.ok(f);
    assert.match(f.message, /not fixable here: it inherits from `\.base` through `extends`/);
    assert.equal(f.fix, undefined);
    assert.ok(lint('gitlab', gl.replace('  extends: .base\n', '')).find((x) => x.code === 'deploy-without-tests')?.fix, 'offered when the node is editable');
  });
  test('rules about a missing setting stay quiet where settings may come from elsewhere', () => {
    const gl = 'stages: [deploy]\n.base:\n  environment: production\ndeploy_prod:\n  extends: .base\n  stage: deploy\n  script: [kubectl apply -f k8s]\n';
    assert.deepEqual(where('gitlab', gl, 'deploy-without-timeout'), []);
    assert.deepEqual(where('gitlab', gl.replace('  extends: .base\n', ''), 'deploy-without-timeout'), ['4:1']);
  });
});

describe('environment protection read from the platform', () => {
  test('reviewers or a wait timer are an approval; neither is none; only custom checks stay unknown', async () => {
    const { protectionOfEnvironments } = await import('../../src/core/rules/protection');
    const rules = (over: object) => ({ reviewers: [], requiredApprovals: 0, preventSelfReview: false, waitTimerMinutes: 0, branchPolicy: 'all' as const, otherChecks: [], ...over });
    const map = protectionOfEnvironments([
      { name: 'production', protection: rules({ reviewers: [{ kind: 'user', id: '1', name: 'octocat' }], requiredApprovals: 1 }) },
      { name: 'canary', protection: rules({ waitTimerMinutes: 30 }) },
      { name: 'staging', protection: rules({}) },
      { name: 'custom', protection: rules({ otherChecks: ['datadog'] }) },
    ]);
    assert.deepEqual([...map], [['production', 'approval'], ['canary', 'approval'], ['staging', 'none']]);
    const withEnv = GH_DEPLOY.replace('    needs: test\n', '    needs: test\n    environment: production\n');
    assert.deepEqual(where('github', withEnv, 'production-approval-unverified', { environmentProtection: map }), []);
  });
});

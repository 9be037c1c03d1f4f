// The lint engine (src/core/rules/engine.ts, config.ts, suppress.ts): rules turned off or re-ranked
// by settings and .pipewright.yml, disable comments honoured and the unused ones reported.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parsePipelineFully } from '../../src/core/edit/plan';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_RULE_INFOS, RULE_IDS, RULES, ruleDocUrl } from '../../src/core/rules/catalog';
import { configFromData, configFromFile, mergeConfigs, type LintConfig } from '../../src/core/rules/config';
import { lintPipeline } from '../../src/core/rules/engine';
import { repoRoot } from '../helpers/corpus';
import { dedent } from '../helpers/text';

const TEXT = dedent`
  on: push
  permissions: {}
  jobs:
    deploy-prod:
      runs-on: ubuntu-latest
      steps:
        - uses: some-org/tool@v1
        - run: kubectl apply -f k8s
`;

function codes(text: string, config?: LintConfig): string[] {
  return lintPipeline(parsePipelineFully(text, { dialect: 'github' }), config).map((f) => `${f.code}@${f.range.startLine}:${f.severity}`);
}

function config(data: unknown): LintConfig {
  const r = configFromData(data, 'settings', RULE_IDS);
  if (!r.ok) assert.fail(r.errors.join('\n'));
  return r.config;
}

describe('rules catalog', () => {
  test('ids are unique and each has a page in docs/rules', () => {
    assert.equal(new Set(RULE_IDS).size, RULE_IDS.length);
    for (const id of RULE_IDS) assert.equal(ruleDocUrl(id), `https://github.com/pipewright/pipewright/blob/main/docs/rules/${id}.md`);
    assert.ok(RULES.every((r) => r.summary.length > 0 && r.dialects.length > 0));
    for (const r of ALL_RULE_INFOS) {
      const page = join(repoRoot, 'docs', 'rules', `${r.id}.md`);
      assert.ok(existsSync(page), `docs/rules/${r.id}.md exists`);
      assert.ok(readFileSync(page, 'utf8').startsWith(`# \`${r.id}\``));
    }
  });
  test('the settings schema offers exactly the rule ids', () => {
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
    assert.deepEqual(manifest.contributes.configuration.properties['pipewright.lint.rules'].propertyNames.enum, RULE_IDS);
  });
  test('the README rules table lists every rule', () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    for (const id of RULE_IDS) assert.match(readme, new RegExp(`^\\| \`${id}\``, 'm'), id);
  });
});

describe('configuration', () => {
  test('a rule turned off is not run; a severity given replaces the default', () => {
    assert.ok(codes(TEXT).includes('unpinned-action@7:warning'));
    assert.ok(!codes(TEXT, config({ rules: { 'unpinned-action': 'off' } })).some((c) => c.startsWith('unpinned-action')));
    assert.ok(codes(TEXT, config({ rules: { 'unpinned-action': 'error' } })).includes('unpinned-action@7:error'));
  });
  test('.pipewright.yml: its lint: key, errors naming the file and line', () => {
    const ok = configFromFile('lint:\n  rules:\n    no-verify: information\n  productionEnvironments: [main]\n', '.pipewright.yml', RULE_IDS);
    assert.ok(ok.ok);
    assert.equal(ok.config.rules.get('no-verify'), 'information');
    assert.deepEqual(ok.config.productionWords, ['main']);
    const bad = configFromFile('lint:\n  rules:\n    no-such-rule: off\n    no-verify: loud\n', '.pipewright.yml', RULE_IDS);
    assert.deepEqual(bad.ok ? [] : bad.errors, [
      '.pipewright.yml:3: rules.no-such-rule: there is no rule "no-such-rule" (see `pipewright lint --rules`)',
      '.pipewright.yml:3: rules.no-verify: expected one of error, warning, information, off, got "loud"',
    ]);
    const broken = configFromFile('lint: [\n', '.pipewright.yml', RULE_IDS);
    assert.ok(!broken.ok && /^\.pipewright\.yml:\d+: /.test(broken.errors[0]));
  });
  test('the file wins over settings, rule by rule', () => {
    const merged = mergeConfigs(config({ rules: { 'no-verify': 'off', 'no-rollback': 'error' } }), config({ rules: { 'no-verify': 'warning' } }));
    assert.equal(merged.rules.get('no-verify'), 'warning');
    assert.equal(merged.rules.get('no-rollback'), 'error');
  });
});

describe('disable comments', () => {
  test('silence the named rule on the next line with YAML, and only that', () => {
    const text = TEXT.replace('      - uses: some-org/tool@v1\n', '      # pipewright-disable-next-line unpinned-action vendored, reviewed\n\n      - uses: some-org/tool@v1\n');
    const found = codes(text);
    assert.ok(!found.some((c) => c.startsWith('unpinned-action')), found.join(' '));
    assert.ok(!found.some((c) => c.startsWith('unused-disable')));
    assert.ok(found.some((c) => c.startsWith('production-deploy-ungated')));
  });
  test('an unused one is reported, as is one naming no rule', () => {
    const text = TEXT.replace('      - run: kubectl', '      # pipewright-disable-next-line unpinned-action\n      - run: kubectl')
      .replace('  deploy-prod:\n', '  # pipewright-disable-next-line no-such-rule\n  deploy-prod:\n');
    const unused = lintPipeline(parsePipelineFully(text, { dialect: 'github' })).filter((f) => f.code === 'unused-disable');
    assert.deepEqual(unused.map((f) => [f.range.startLine, f.range.startColumn]), [[4, 5], [9, 9]]);
    assert.match(unused[0].message, /"no-such-rule", which is not a rule/);
    assert.match(unused[1].message, /nothing on line 10 is reported by "unpinned-action"/);
  });
  test('one naming only rules that do not run here (off, or another dialect\'s) is not reported', () => {
    const text = TEXT.replace('      - run: kubectl', '      # pipewright-disable-next-line unpinned-action\n      - run: kubectl');
    assert.ok(codes(text).some((c) => c.startsWith('unused-disable')));
    assert.ok(!codes(text, config({ rules: { 'unpinned-action': 'off' } })).some((c) => c.startsWith('unused-disable')));
    const gitlab = 'job:\n  # pipewright-disable-next-line missing-permissions\n  script: [make]\n';
    assert.deepEqual(lintPipeline(parsePipelineFully(gitlab, { dialect: 'gitlab' })).filter((f) => f.code === 'unused-disable'), []);
  });
});

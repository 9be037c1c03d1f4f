// Dialect detection: by path first, then by what the top level of the file holds.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dialectFromContent, dialectFromPath } from '../../src/core/detect';
import type { Dialect } from '../../src/core/model';
import { detectDialect } from '../../src/core/parse';
import { parseYamlSource } from '../../src/core/yaml/source';

describe('dialectFromPath', () => {
  const cases: [string, Dialect | undefined][] = [
    ['.github/workflows/ci.yml', 'github'],
    ['.github/workflows/release.yaml', 'github'],
    ['/home/me/repo/.github/workflows/deploy.yml', 'github'],
    ['C:\\repo\\.github\\workflows\\ci.yml', 'github'],
    ['.github/workflows/nested/ci.yml', undefined],
    ['.github/dependabot.yml', undefined],
    ['.github/workflows/README.md', undefined],
    ['.gitlab-ci.yml', 'gitlab'],
    ['.gitlab-ci.yaml', 'gitlab'],
    ['ci/templates/deploy.gitlab-ci.yml', 'gitlab'],
    ['repo/.gitlab-ci.yml', 'gitlab'],
    ['azure-pipelines.yml', 'azure'],
    ['azure-pipelines-release.yaml', 'azure'],
    ['build/Azure-Pipelines.yml', 'azure'],
    ['.azure-pipelines/build.yml', 'azure'],
    ['.azure-pipelines/templates/jobs/test.yaml', 'azure'],
    ['.azuredevops/pipelines/ci.yml', 'azure'],
    ['azure-pipelines.json', undefined],
    ['ci.yml', undefined],
    ['docker-compose.yml', undefined],
  ];
  for (const [path, expected] of cases) {
    test(`${path} → ${expected ?? 'unknown'}`, () => assert.equal(dialectFromPath(path), expected));
  }
});

describe('dialectFromContent', () => {
  const cases: [string, string, Dialect | undefined][] = [
    ['GitHub: on + jobs', 'on: push\njobs:\n  a:\n    runs-on: x\n', 'github'],
    ['GitHub: jobs with runs-on, no on', 'jobs:\n  a:\n    runs-on: x\n', 'github'],
    ['GitHub: only a reusable workflow call', 'jobs:\n  a:\n    uses: o/r/.github/workflows/w.yml@v1\n', 'github'],
    ['Azure: stages list', 'stages:\n  - stage: Build\n    jobs: []\n', 'azure'],
    ['Azure: jobs list', 'jobs:\n  - job: A\n', 'azure'],
    ['Azure: steps only', 'steps:\n  - script: make\n', 'azure'],
    ['Azure: trigger + pool', 'trigger: [main]\npool: { vmImage: ubuntu-latest }\n', 'azure'],
    ['Azure: extends a template', 'extends:\n  template: base.yml\n', 'azure'],
    // azure-dev's 1es-redirect.yml: the template chosen by a condition (it was not recognised).
    ['Azure: extends a template chosen by ${{ if }}', "extends:\n  ${{ if eq(variables['x'], 'y') }}:\n    template: a.yml@r\n  ${{ else }}:\n    template: b.yml@r\n  parameters: {}\n", 'azure'],
    ['unknown: extends of another kind', 'extends:\n  base: x\n', undefined],
    ['Azure: legacy phases', 'phases:\n  - phase: Build\n    steps: []\n', 'azure'],
    ['GitLab: stages names', 'stages: [build, test]\n', 'gitlab'],
    ['GitLab: a job with script', 'build:\n  script: make\n', 'gitlab'],
    ['GitLab: include only', 'include:\n  - local: ci/base.yml\n', 'gitlab'],
    ['unknown: plain config', 'name: x\nversion: 2\n', undefined],
    ['unknown: only variables', 'variables:\n  A: 1\n', undefined],
    ['unknown: a list', '- a\n- b\n', undefined],
    ['unknown: empty', '', undefined],
  ];
  for (const [label, text, expected] of cases) {
    test(label, () => assert.equal(dialectFromContent(parseYamlSource(text).doc.contents), expected));
  }
});

test('detectDialect: the path wins over the content', () => {
  const src = parseYamlSource('stages: [build]\nbuild:\n  script: make\n');
  assert.equal(detectDialect(src), 'gitlab');
  assert.equal(detectDialect(src, 'azure-pipelines.yml'), 'azure');
  assert.equal(detectDialect(src, 'config/unrelated.yml'), 'gitlab');
});

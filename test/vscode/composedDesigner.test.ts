// A GitLab pipeline split over files, in a real VS Code: the designer draws the jobs of the files
// the root includes, each with its file, follows a change to an included file that is not open
// and a new file its wildcard include matches, and a click on such a job opens its definition.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Frame } from 'playwright-core';
import {
  activeTab,
  designerFrame,
  fixture,
  graphEdgeIds,
  graphJobIds,
  graphNode,
  launchWorkbench,
  openFile,
  runCommand,
  screenshotOnFailure,
  UI_TIMEOUT_MS,
  type Workbench,
} from '../helpers/vscodeHarness';

describe('a GitLab pipeline composed from its includes in the designer (code-server)', { timeout: 600_000 }, () => {
  let workbench: Workbench;
  let designer: Frame;

  before(async () => {
    workbench = await launchWorkbench({ workspaceFrom: fixture('gitlab-include'), name: 'composed' });
  });

  after(async () => {
    await workbench?.close();
  });

  const check = (name: string, body: () => Promise<void>) => test(name, () => screenshotOnFailure(workbench.page, `composed-${name}`, body));

  check('the included job is drawn, marked with its file, and its edge to the root job', async () => {
    const { page } = workbench;
    await openFile(page, '.gitlab-ci.yml');
    await runCommand(page, 'Pipewright: Open in Designer');
    designer = await designerFrame(page, 'deploy');
    await graphNode(designer, 'compile').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    assert.deepEqual(await graphJobIds(designer), ['compile', 'deploy']);
    assert.deepEqual(await graphEdgeIds(designer), ['compile->deploy']);
    const fileRow = graphNode(designer, 'compile').locator('.pw-row-file');
    assert.equal((await fileRow.textContent())?.trim(), 'build.yml');
    assert.match((await fileRow.getAttribute('title')) ?? '', /^\.gitlab\/ci\/build\.yml\n/);
    assert.equal(await graphNode(designer, 'deploy').locator('.pw-row-file').count(), 0, 'the root file’s own job has no file row');
  });

  check('a job added to the included file on disk appears without opening it', async () => {
    writeFileSync(join(workbench.workspace, '.gitlab', 'ci', 'build.yml'), 'compile:\n  stage: build\n  script: make\n\nlint:\n  stage: build\n  script: make lint\n');
    await graphNode(designer, 'lint').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    assert.deepEqual(await graphJobIds(designer), ['compile', 'deploy', 'lint']);
  });

  check('a new file the wildcard include matches is read: its job appears', async () => {
    // `include: local: .gitlab/ci/*.yml`: the composition never read this file, it did not exist.
    writeFileSync(join(workbench.workspace, '.gitlab', 'ci', 'test.yml'), 'unit:\n  stage: build\n  script: make test\n');
    await graphNode(designer, 'unit').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    assert.deepEqual(await graphJobIds(designer), ['compile', 'deploy', 'lint', 'unit']);
    assert.equal((await graphNode(designer, 'unit').locator('.pw-row-file').textContent())?.trim(), 'test.yml');
  });

  check('clicking a job of the included file opens its definition', async () => {
    const { page } = workbench;
    await graphNode(designer, 'lint').locator('.pw-name').click();
    await activeTab(page, 'build.yml').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  });
});

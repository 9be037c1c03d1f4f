// "Reopen Editor With…" offers the designer for a pipeline file, and the designer then draws a
// GitLab file whose edges come from the stage order alone.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  activeTab,
  designerFrame,
  fixture,
  graphEdge,
  graphEdgeIds,
  graphJobIds,
  graphNode,
  launchWorkbench,
  openFile,
  runCommand,
  screenshotOnFailure,
  selectQuickPickItem,
  UI_TIMEOUT_MS,
  type Workbench,
} from '../helpers/vscodeHarness';

describe('designer through "Reopen Editor With…" (code-server)', { timeout: 300_000 }, () => {
  let workbench: Workbench;

  before(async () => {
    workbench = await launchWorkbench({ workspaceFrom: fixture('gitlab-basic'), name: 'reopen-with' });
  });

  after(async () => {
    await workbench?.close();
  });

  test('a GitLab file reopened in the designer shows its stage-order edges', async () => {
    await screenshotOnFailure(workbench.page, 'reopen-with-gitlab', async () => {
      const { page } = workbench;
      await openFile(page, '.gitlab-ci.yml');
      await runCommand(page, 'View: Reopen Editor With...');
      await selectQuickPickItem(page, 'Pipewright Stage Designer');
      const designer = await designerFrame(page);
      for (const id of ['compile', 'unit', 'lint', 'release']) {
        await graphNode(designer, id).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
      }
      await graphEdge(designer, 'lint', 'release').waitFor({ state: 'attached', timeout: UI_TIMEOUT_MS });
      assert.deepEqual(await graphJobIds(designer), ['compile', 'lint', 'release', 'unit']);
      assert.deepEqual(await graphEdgeIds(designer), ['compile->lint', 'compile->unit', 'lint->release', 'unit->release']);
      // Reopened in place: one tab for the file, and it is the designer's.
      assert.equal(await page.locator('.tabs-container .tab[aria-label^=".gitlab-ci.yml"]').count(), 1);
      await activeTab(page, '.gitlab-ci.yml').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    });
  });
});

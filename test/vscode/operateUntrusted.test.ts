// Restricted Mode: a workspace nobody has trusted yet gets the sidebar's explanation instead of
// data, no operating command in the palette, and not one request to the API its settings name.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { SimulatedClock } from '../../src/providers/scheduler/clock';
import { LocalGitHubApi } from '../providers/github/server';
import { cloneOfAcmeShop, showSidebar, viewPane } from '../helpers/operateWorkbench';
import { designerFrame, launchWorkbench, openFile, outputDir, paletteCommands, runCommand, screenshotOnFailure, UI_TIMEOUT_MS, type Workbench } from '../helpers/vscodeHarness';

describe('operating in Restricted Mode', { timeout: 300_000 }, () => {
  let api: LocalGitHubApi;
  let workbench: Workbench;

  before(async () => {
    api = await LocalGitHubApi.start({ scenario: 'waiting-production', clock: new SimulatedClock(), flavor: 'ghes-3.19' });
    const workspace = cloneOfAcmeShop(api.url);
    // The workspace itself names the API: it must not count until the workspace is trusted.
    mkdirSync(join(workspace, '.vscode'));
    writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'pipewright.github.apiUrl': api.url, 'pipewright.github.repository': 'acme/shop' }));
    workbench = await launchWorkbench({
      workspaceFrom: workspace,
      name: 'operate-untrusted',
      trust: false,
      settings: { 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.banner': 'never' },
    });
  });

  after(async () => {
    await workbench?.close();
    await api?.close();
  });

  test('each view says why nothing is shown and how to trust the workspace', async () => {
    const { page } = workbench;
    await screenshotOnFailure(page, 'operate-untrusted-views', async () => {
      await showSidebar(page);
      for (const view of ['Environments', 'Runs', 'Approvals']) {
        const pane = viewPane(page, view);
        await pane.getByText(/does not run, approve or roll back anything in Restricted Mode/).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
        await pane.getByText('Manage Workspace Trust').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
      }
      mkdirSync(outputDir, { recursive: true });
      await page.locator('.part.sidebar').screenshot({ path: join(outputDir, 'operate-untrusted-sidebar.png') });
    });
  });

  test('no operating command is offered, and nothing reached the API', async () => {
    const { page } = workbench;
    await screenshotOnFailure(page, 'operate-untrusted-palette', async () => {
      for (const title of ['Pipewright: Run Workflow…', 'Pipewright: Approve Deployment…', 'Pipewright: Roll Back Environment…', 'Pipewright: Sign in with a Token…']) {
        const labels = await paletteCommands(page, title);
        assert.ok(!labels.some((l) => l.includes(title)), `${title} is offered in Restricted Mode: ${JSON.stringify(labels)}`);
      }
      // The designer's own command stays available: only operating is restricted.
      const designer = await paletteCommands(page, 'Pipewright: Open in Designer');
      assert.ok(designer.some((l) => l.includes('Pipewright: Open in Designer')), JSON.stringify(designer));
      assert.deepEqual(api.requests, [], 'no request reached the API');
    });
  });

  test('the designer of a workflow shows no run, and says why in one line', async () => {
    const { page } = workbench;
    await screenshotOnFailure(page, 'operate-untrusted-designer', async () => {
      await openFile(page, 'release.yml');
      await runCommand(page, 'Pipewright: Open in Designer');
      const designer = await designerFrame(page, 'build');
      const line = designer.locator('.pw-run-picker-absent');
      await line.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
      assert.equal((await line.textContent())?.trim(), 'Runs are not shown in Restricted Mode.');
      assert.equal(await designer.locator('.pw-run-badge, .pw-run-select, .pw-run-workflow').count(), 0);
      assert.deepEqual(api.requests, [], 'no request reached the API');
    });
  });
});

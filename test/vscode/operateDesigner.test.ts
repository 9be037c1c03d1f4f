// The designer shows the live run in a real VS Code (code-server): the extension pointed at the
// local GitHub API server through its settings (a GHES API URL and the workspace's git remote on
// that host) and signed in with the token command. deploy.yml's latest run on main is in progress;
// its nodes are coloured and follow a job from in progress to success as the server's simulated
// clock moves. Setting a wait timer from the inspector reaches the server, with the right body,
// only after the confirmation.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Frame } from 'playwright-core';
import { root } from '../../scripts/lib/codeServer.mjs';
import { SimulatedClock } from '../../src/providers/scheduler/clock';
import { SANDBOX_TOKEN } from '../providers/github/scenarios';
import { LocalGitHubApi } from '../providers/github/server';
import { answerQuickInput, clickDialogButton, cloneOfAcmeShop, modalDialog, notification, showSidebar, viewPane, waitUntil } from '../helpers/operateWorkbench';
import { designerFrame, graphNode, launchWorkbench, openFile, outputDir, runCommand, screenshotOnFailure, UI_TIMEOUT_MS, type Workbench } from '../helpers/vscodeHarness';

const PUT_ENVIRONMENT = 'PUT /repos/{owner}/{repo}/environments/{environment_name}';

/** Waits until a node's status badge shows `light`. */
async function waitForLight(designer: Frame, nodeId: string, light: string): Promise<void> {
  await graphNode(designer, nodeId).locator(`.pw-run-badge[data-light="${light}"]`).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
}

describe('the designer shows the live run (code-server)', { timeout: 600_000 }, () => {
  let api: LocalGitHubApi;
  let clock: SimulatedClock;
  let workbench: Workbench;
  let designer: Frame;

  before(async () => {
    clock = new SimulatedClock(Date.now());
    // A deploy two minutes in on main: build done, test running.
    api = await LocalGitHubApi.start({ scenario: 'in-progress', clock, flavor: 'ghes-3.19' });
    workbench = await launchWorkbench({
      workspaceFrom: cloneOfAcmeShop(api.url),
      name: 'operate-designer',
      settings: { 'pipewright.github.apiUrl': api.url },
    });
  });

  after(async () => {
    await workbench?.close();
    await api?.close();
  });

  test('the nodes of the running workflow are coloured by their jobs, and follow a job from in progress to success', async () => {
    const { page } = workbench;
    await screenshotOnFailure(page, 'operate-designer-run', async () => {
      // The sidebar's first showing activates the extension and says what to do.
      await showSidebar(page);
      await viewPane(page, 'Environments').getByText('Sign in with a Token…').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
      await runCommand(page, 'Pipewright: Sign in with a Token…');
      await answerQuickInput(page, SANDBOX_TOKEN, /Sign in to acme\/shop with a token/);
      await notification(page, 'Signed in to acme/shop as mona.').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
      await openFile(page, 'deploy.yml');
      await runCommand(page, 'Pipewright: Open in Designer');
      designer = await designerFrame(page, 'build');
      await waitForLight(designer, 'build', 'success');
      await waitForLight(designer, 'test', 'in_progress');
      await waitForLight(designer, 'production', 'queued');
      assert.match((await designer.locator('.pw-run-shown').textContent()) ?? '', /Deploy #\d+ in progress/);
      assert.equal(await designer.locator('.pw-run-select').inputValue(), 'latest');
      // The designer alone, the whole graph in view, for the picture.
      await runCommand(page, 'View: Toggle Maximize Editor Group');
      await designer.locator('.pw-fit-button').click();
      await page.mouse.move(5, 300);
      mkdirSync(outputDir, { recursive: true });
      const shot = join(outputDir, 'operate-designer.png');
      await page.locator('.part.editor').screenshot({ path: shot });
      if (process.env.PIPEWRIGHT_UPDATE_SCREENSHOTS === '1') copyFileSync(shot, join(root, 'media', 'designer-run.png'));

      // A minute later on the server, test has finished and staging has started.
      await clock.advance(60_000);
      await waitForLight(designer, 'test', 'success');
      await waitForLight(designer, 'staging', 'in_progress');
      assert.deepEqual(api.violations, [], 'every request matched GitHub\'s description');
    });
  });

  test('a wait timer set from the inspector reaches the server with the right body, after the confirmation', async () => {
    const { page } = workbench;
    await screenshotOnFailure(page, 'operate-designer-protection', async () => {
      // From the keyboard, as the node may lie outside the view: focus it, Enter opens the inspector.
      await graphNode(designer, 'production').focus();
      await graphNode(designer, 'production').press('Enter');
      const section = designer.locator('.pw-protection');
      await section.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
      assert.match((await section.locator('.pw-protection-rules').textContent()) ?? '', /^Protected branches only\.$/);
      await designer.locator('#pw-protection-wait-timer input').fill('15');
      const before = api.apiRequests(PUT_ENVIRONMENT).length;
      await section.locator('.pw-protection-set').click();
      const dialog = await modalDialog(page, 'Set the protection rules of environment production in acme/shop to no required reviewers, a 15-minute wait timer?');
      assert.equal(api.apiRequests(PUT_ENVIRONMENT).length, before, 'nothing is sent before the confirmation');
      await clickDialogButton(dialog, 'Set Protection Rules');
      await waitUntil(page, () => api.apiRequests(PUT_ENVIRONMENT).length > before, 'the PUT reached the server');
      const sent = api.apiRequests(PUT_ENVIRONMENT).at(-1)!;
      assert.match(sent.path, /\/repos\/acme\/shop\/environments\/production$/);
      assert.deepEqual(sent.body, { wait_timer: 15, prevent_self_review: false, reviewers: [], deployment_branch_policy: { protected_branches: true, custom_branch_policies: false } });
      // The environments are read again: the inspector shows the rule GitHub now has.
      await section.locator('.pw-protection-rules', { hasText: 'Wait timer 15 min' }).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
      assert.deepEqual(api.violations, [], 'every request matched GitHub\'s description');
    });
  });
});

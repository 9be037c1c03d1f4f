// Operating GitHub from a real VS Code (code-server): the extension pointed at the local GitHub API
// server through its real settings (a GitHub Enterprise Server API URL, and the workspace's git
// remote on that host), signed in through "Sign in with a Token…". The server runs the "sandbox"
// scenario on a simulated clock the test moves; the extension polls it on the real clock.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { root } from '../../scripts/lib/codeServer.mjs';
import { SimulatedClock } from '../../src/providers/scheduler/clock';
import { serverError } from '../providers/github/faults';
import { SANDBOX_TOKEN } from '../providers/github/scenarios';
import { LocalGitHubApi } from '../providers/github/server';
import {
  answerQuickInput,
  clickDialogButton,
  clickInlineAction,
  cloneOfAcmeShop,
  modalDialog,
  notification,
  pickQuickItem,
  showSidebar,
  viewPane,
  viewRow,
  waitForRow,
  waitUntil,
  widenSidebar,
} from '../helpers/operateWorkbench';
import { launchWorkbench, openFile, outputDir, runCommand, screenshotOnFailure, UI_TIMEOUT_MS, type Workbench } from '../helpers/vscodeHarness';

const REVIEW = 'POST /repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments';
const DISPATCH = 'POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches';
const RERUN_JOB = 'POST /repos/{owner}/{repo}/actions/jobs/{job_id}/rerun';
const CANCEL = 'POST /repos/{owner}/{repo}/actions/runs/{run_id}/cancel';
const RERUN_FAILED = 'POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun-failed-jobs';

describe('operating GitHub from VS Code', { timeout: 600_000 }, () => {
  let api: LocalGitHubApi;
  let clock: SimulatedClock;
  let workbench: Workbench;

  before(async () => {
    // The scenario's history is placed relative to now, so the views' "2 min ago" read true.
    clock = new SimulatedClock(Date.now());
    api = await LocalGitHubApi.start({ scenario: 'sandbox', clock, flavor: 'ghes-3.19' });
    workbench = await launchWorkbench({
      workspaceFrom: cloneOfAcmeShop(api.url),
      name: 'operate',
      settings: { 'pipewright.github.apiUrl': api.url },
    });
  });

  after(async () => {
    await workbench?.close();
    await api?.close();
  });

  test('the sidebar asks to sign in; the token command signs in after checking the token once', async () => {
    const { page } = workbench;
    await screenshotOnFailure(page, 'operate-sign-in', async () => {
      await showSidebar(page);
      await viewPane(page, 'Environments').getByText('Sign in with a Token…').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
      assert.equal(api.apiRequests().length, 0, 'nothing is asked of the API before signing in');
      await runCommand(page, 'Pipewright: Sign in with a Token…');
      await answerQuickInput(page, SANDBOX_TOKEN, /Sign in to acme\/shop with a token/);
      await notification(page, 'Signed in to acme/shop as mona.').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
      assert.ok(api.apiRequests('GET /user').length >= 1, 'the token was checked against GET /user');
    });
  });

  test('the sidebar shows the scenario: environments with their deployments, waiting ones marked and counted; the approvals', async () => {
    const { page } = workbench;
    await screenshotOnFailure(page, 'operate-sidebar', async () => {
      await waitForRow(page, 'Environments', 'production-eu', /waiting for approval/);
      await waitForRow(page, 'Environments', 'production', /^production, main 3c4d5e6 · succeeded/);
      await waitForRow(page, 'Environments', 'staging', /succeeded/);
      await waitForRow(page, 'Approvals', 'production-us', /Release 1\.5\.0/);
      const badge = page.locator('.part.activitybar .action-item:has(a[aria-label^="Pipewright"]) .badge-content');
      await badge.filter({ hasText: '2' }).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
      await viewPane(page, 'Runs').locator('.monaco-list-row[aria-label^="Release #"]').first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
      mkdirSync(outputDir, { recursive: true });
      await widenSidebar(page, 260);
      const shot = join(outputDir, 'operate-sidebar.png');
      await page.locator('.part.sidebar').screenshot({ path: shot });
      if (process.env.PIPEWRIGHT_UPDATE_SCREENSHOTS === '1') copyFileSync(shot, join(root, 'media', 'sidebar.png'));
      assert.deepEqual(api.violations, [], 'every request matched GitHub\'s description');
    });
  });

  test('Approve from the Approvals view, after the confirmation, reaches the server with the right body and the view updates', async () => {
    const { page } = workbench;
    await screenshotOnFailure(page, 'operate-approve', async () => {
      const reviewsBefore = api.apiRequests(REVIEW).length;
      await clickInlineAction(viewRow(page, 'Approvals', 'production-eu'), 'Approve Deployment');
      // The run waits for two environments: only the one clicked is ticked; accept that.
      await page.locator('.quick-input-widget .quick-input-title', { hasText: /waits for 2 environments: approve which/ }).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
      await page.keyboard.press('Enter');
      await answerQuickInput(page, 'Staging looks good', /Approve production-eu: comment/);
      const dialog = await modalDialog(page, /Approve the deployment to production-eu of run #\d+ "Release 1\.5\.0" \(4d5e6f7 on main\) in acme\/shop\?/);
      assert.equal(api.apiRequests(REVIEW).length, reviewsBefore, 'nothing is sent before the confirmation');
      await clickDialogButton(dialog, 'Approve deployment');
      await waitUntil(page, () => api.apiRequests(REVIEW).length > reviewsBefore, 'the review reached the server');
      const sent = api.apiRequests(REVIEW).at(-1)!;
      assert.deepEqual(sent.body, { environment_ids: [4004], state: 'approved', comment: 'Staging looks good' });
      await viewRow(page, 'Approvals', 'production-eu').waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
      await waitForRow(page, 'Approvals', 'production-us');
    });
  });

  test('Run Workflow with the inputs release.yml declares: branch first, then each input by its type', async () => {
    const { page } = workbench;
    await screenshotOnFailure(page, 'operate-run-workflow', async () => {
      await openFile(page, 'release.yml');
      const before = api.apiRequests(DISPATCH).length;
      await runCommand(page, 'Pipewright: Run Workflow…');
      await pickQuickItem(page, 'main', /on which branch or tag/);
      await answerQuickInput(page, '1.6.0', /input 1 of 3 — version \(required\)/);
      await pickQuickItem(page, 'beta', /input 2 of 3 — channel/);
      await pickQuickItem(page, 'true', /input 3 of 3 — dry_run/);
      const dialog = await modalDialog(page, 'Run .github/workflows/release.yml on main in acme/shop with version=1.6.0, channel=beta, dry_run=true?');
      await clickDialogButton(dialog, 'Run workflow');
      await waitUntil(page, () => api.apiRequests(DISPATCH).length > before, 'the dispatch reached the server');
      const sent = api.apiRequests(DISPATCH).at(-1)!;
      assert.equal(sent.path.endsWith('/workflows/release.yml/dispatches'), true, sent.path);
      assert.deepEqual(sent.body, { ref: 'main', inputs: { version: '1.6.0', channel: 'beta', dry_run: 'true' } });
      // The new run appears in the Runs view, which follows release.yml now.
      await viewPane(page, 'Runs').locator('.monaco-list-row.selected[aria-label^="Release #"]').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    });
  });

  test('Roll Back production to the deployment before the current one: it re-runs the deploy job that made it', async () => {
    const { page } = workbench;
    await screenshotOnFailure(page, 'operate-roll-back', async () => {
      const before = api.apiRequests(RERUN_JOB).length;
      await clickInlineAction(viewRow(page, 'Environments', 'production'), 'Roll Back Environment');
      await pickQuickItem(page, '2a3b4c5', /Roll production back to which deployment/);
      const dialog = await modalDialog(page, /Roll back production in acme\/shop to 2a3b4c5 \(main, [^)]*\), replacing 3c4d5e6/);
      await clickDialogButton(dialog, 'Roll Back');
      await waitUntil(page, () => api.apiRequests(RERUN_JOB).length > before, 'the job re-run reached the server');
      await notification(page, /production/).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    });
  });

  test('a deployment that starts waiting for the user\'s review brings a notification with Approve, Reject and Open', async () => {
    const { page } = workbench;
    await screenshotOnFailure(page, 'operate-notification', async () => {
      // deploy.yml in the editor: its running deploy is in focus in the status bar, read every few seconds.
      await openFile(page, 'deploy.yml');
      await page.locator('.part.statusbar', { hasText: /Deploy #\d+/ }).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
      // Two minutes later on the server, that deploy has passed staging and waits at production-approval.
      await clock.advance(2 * 60_000);
      const toast = notification(page, /waits for your approval to deploy to production-approval/);
      await toast.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
      for (const button of ['Approve…', 'Reject…', 'Open']) {
        assert.equal(await toast.locator('.monaco-button', { hasText: button }).count(), 1, `the notification offers ${button}`);
      }
      await waitForRow(page, 'Approvals', 'production-approval');
      assert.deepEqual(api.violations, [], 'every request matched GitHub\'s description');
    });
  });

  test('Show Job Logs on a finished job of the Runs view opens its log in an editor tab, without colour codes', async () => {
    const { page } = workbench;
    await screenshotOnFailure(page, 'operate-job-log', async () => {
      // The Runs view follows deploy.yml, the active editor since the last test.
      const run = await waitForRow(page, 'Runs', 'Deploy #6', /succeeded/);
      await run.click(); // expands it: its jobs are read now
      await clickInlineAction(await waitForRow(page, 'Runs', 'build', /succeeded/), 'Show Job Logs');
      await page.locator('.tabs-container .tab.active[aria-label^="build.log"]').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
      const text = page.locator('.part.editor .editor-instance .view-lines').first();
      await text.getByText('Deploy / build').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
      assert.doesNotMatch((await text.textContent()) ?? '', /\[36;1m|\u001b/, 'no escape codes in the editor');
    });
  });

  test('Cancel Run and Re-run Failed Jobs from the palette pick among the fitting runs and confirm first', async () => {
    const { page } = workbench;
    await screenshotOnFailure(page, 'operate-cancel-rerun', async () => {
      // The job log is the active editor: the palette offers runs of every workflow.
      const cancels = api.apiRequests(CANCEL).length;
      await runCommand(page, 'Pipewright: Cancel Run');
      await pickQuickItem(page, 'Deploy #7', /Cancel which run/);
      await clickDialogButton(await modalDialog(page, /Cancel run #7 "Gift cards" \(4d5e6f7 on main\) in acme\/shop\?/), 'Cancel Run');
      await waitUntil(page, () => api.apiRequests(CANCEL).length > cancels, 'the cancel reached the server');
      assert.match(api.apiRequests(CANCEL).at(-1)!.path, /\/runs\/\d+\/cancel$/);
      const reruns = api.apiRequests(RERUN_FAILED).length;
      await runCommand(page, 'Pipewright: Re-run Failed Jobs');
      await pickQuickItem(page, 'Deploy #3', /Re-run the failed jobs of which run/);
      await clickDialogButton(await modalDialog(page, /Re-run the failed jobs of run #3/), 'Re-run Failed Jobs');
      await waitUntil(page, () => api.apiRequests(RERUN_FAILED).length > reruns, 'the re-run reached the server');
    });
  });

  test('a read that fails keeps what was shown, marked as such; Refresh brings it up to date', async () => {
    const { page } = workbench;
    await screenshotOnFailure(page, 'operate-stale', async () => {
      api.inject({ route: 'GET /repos/{owner}/{repo}/environments', times: 1000, fault: serverError(503) });
      await runCommand(page, 'Pipewright: Refresh');
      const message = viewPane(page, 'Environments').locator('.message', { hasText: /Showing what was read/ });
      await message.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
      await waitForRow(page, 'Environments', 'production');
      api.clearFaults();
      await runCommand(page, 'Pipewright: Refresh');
      await message.waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
    });
  });

  test('Sign Out forgets the token: the views ask to sign in again; a failed first read offers Retry', async () => {
    const { page } = workbench;
    await screenshotOnFailure(page, 'operate-sign-out', async () => {
      await runCommand(page, 'Pipewright: Sign Out');
      await notification(page, /Pipewright signed out of 127\.0\.0\.1/).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
      await viewPane(page, 'Environments').getByText('Sign in with a Token…').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
      // Signed in again while GitHub fails: nothing to show, so the view offers Retry.
      api.inject({ route: 'GET /repos/{owner}/{repo}/environments', times: 1000, fault: serverError(502) });
      await runCommand(page, 'Pipewright: Sign in with a Token…');
      await answerQuickInput(page, SANDBOX_TOKEN, /Sign in to acme\/shop with a token/);
      const retry = viewPane(page, 'Environments').getByText('Retry');
      await retry.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
      api.clearFaults();
      await retry.click();
      await waitForRow(page, 'Environments', 'production');
    });
  });
});

// Deleting a stage in the designer keeps the pipeline's order (issue #8), in a real VS Code
// (code-server) on the sample workspace: what waited for the deleted stage waits for what it
// waited for, the designer says so, and a delete that would leave a production deploy without
// an approval gate asks first in a modal dialog (Cancel changes nothing).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Frame, Locator, Page } from 'playwright-core';
import { root } from '../../scripts/lib/codeServer.mjs';
import { zoomOutToShowAll } from '../helpers/zoomOutToShowAll';
import {
  designerFrame,
  focusDesignerCanvas,
  graphEdge,
  graphNode,
  launchWorkbench,
  openFile,
  runCommand,
  saveFileAndExpect,
  screenshotOnFailure,
  UI_TIMEOUT_MS,
  type Workbench,
} from '../helpers/vscodeHarness';

const WORKFLOW = join('.github', 'workflows', 'deploy.yml');
const PIPELINE = 'azure-pipelines.yml';
const samples = join(root, 'samples');

/** Replaces one exact passage, failing loudly when the sample no longer holds it. */
function replaced(text: string, passage: string, replacement: string): string {
  assert.ok(text.includes(passage), `the sample no longer contains ${JSON.stringify(passage)}`);
  return text.replace(passage, replacement);
}

/** VS Code's modal dialog (showWarningMessage with modal: true). */
function modalDialog(page: Page): Locator {
  return page.locator('.monaco-dialog-box');
}

/** Waits for the modal dialog, returns its text, and presses one of its buttons. */
async function answerDialog(page: Page, button: 'Delete' | 'Cancel'): Promise<string> {
  const dialog = modalDialog(page);
  await dialog.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  const text = ((await dialog.textContent()) ?? '').replace(/\s+/g, ' ');
  await dialog.locator('.dialog-buttons .monaco-button', { hasText: new RegExp(`^${button}$`) }).click();
  await dialog.waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
  return text;
}

describe('deleting a stage keeps the order (code-server)', { timeout: 600_000 }, () => {
  let workbench: Workbench;
  const onDisk = (path: string) => () => readFileSync(join(workbench.workspace, path), 'utf8');

  before(async () => {
    workbench = await launchWorkbench({ workspaceFrom: samples, name: 'delete-keeps-order' });
  });

  after(async () => {
    await workbench?.close();
  });

  const check = (name: string, body: () => Promise<void>) =>
    test(name, () => screenshotOnFailure(workbench.page, `delete-keeps-order-${name}`, body));

  async function openDesigner(page: Page, file: string, showing: string): Promise<Frame> {
    await openFile(page, file);
    await runCommand(page, 'Pipewright: Open in Designer');
    const designer = await designerFrame(page, showing);
    // Every stage on screen, to click the one a test is about (the first view stops at a readable zoom).
    await zoomOutToShowAll(designer);
    return designer;
  }

  check('GitHub sample: Delete on approve leaves production waiting for staging, and the designer says so', async () => {
    const { page } = workbench;
    const original = readFileSync(join(samples, WORKFLOW), 'utf8');
    const designer = await openDesigner(page, 'deploy.yml', 'approve');
    // Once kind inference reads approve (an environment with required reviewers) as an approval
    // gate, deleting it takes production's gate away, and the designer asks first.
    const approveIsAGate = (await graphNode(designer, 'approve').locator('.pw-kind-approval-gate').count()) > 0;
    await graphNode(designer, 'approve').click();
    await page.keyboard.press('Delete');
    if (approveIsAGate) {
      assert.match(await answerDialog(page, 'Cancel'), /Delete approve\?.*"production" deploys to production/);
      await graphEdge(designer, 'approve', 'production').waitFor({ state: 'attached', timeout: UI_TIMEOUT_MS });
      await focusDesignerCanvas(designer);
      await saveFileAndExpect(page, onDisk(WORKFLOW), original);
      await graphNode(designer, 'approve').click();
      await page.keyboard.press('Delete');
      await answerDialog(page, 'Delete');
    }
    await graphNode(designer, 'approve').waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
    await graphEdge(designer, 'staging', 'production').waitFor({ state: 'attached', timeout: UI_TIMEOUT_MS });
    const notice = designer.locator('.pw-edit-notice-info');
    await notice.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    assert.equal(((await notice.textContent()) ?? '').replace(/\s+/g, ' ').trim(), 'Delete approve; production now waits for staging.');
    const approveJob = original.slice(original.indexOf('  approve:\n'), original.indexOf('  production:\n'));
    await focusDesignerCanvas(designer);
    await saveFileAndExpect(page, onDisk(WORKFLOW), replaced(replaced(original, approveJob, ''), '    needs: [build, approve]\n', '    needs: [build, staging]\n'));
  });

  check('Azure sample: deleting the stage with the approval gate asks first; Cancel changes nothing, Delete reconnects Production to Staging', async () => {
    const { page } = workbench;
    const original = readFileSync(join(samples, PIPELINE), 'utf8');
    const designer = await openDesigner(page, PIPELINE, 'Approval');
    const selectApproval = () => graphNode(designer, 'Approval').locator('.pw-stage-header').click();

    await selectApproval();
    await page.keyboard.press('Delete');
    const question = await answerDialog(page, 'Cancel');
    assert.match(question, /Delete Approval\? This leaves a production deploy without an approval gate\./);
    assert.match(question, /"Production\/DeployProduction" deploys to production, and no approval gate would hold it back any more \("Approval\/WaitForValidation" does now\)/);
    await graphEdge(designer, 'Approval', 'Production').waitFor({ state: 'attached', timeout: UI_TIMEOUT_MS });
    assert.equal(await designer.locator('.pw-edit-notice').count(), 0, 'a cancelled delete leaves no notice');
    await focusDesignerCanvas(designer);
    await saveFileAndExpect(page, onDisk(PIPELINE), original);

    await selectApproval();
    await page.keyboard.press('Delete');
    await answerDialog(page, 'Delete');
    await graphNode(designer, 'Approval').waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
    await graphEdge(designer, 'Staging', 'Production').waitFor({ state: 'attached', timeout: UI_TIMEOUT_MS });
    // The stage's own lines and the blank line below them: one blank line stays between its neighbours.
    const approvalStage = original.slice(original.indexOf('  - stage: Approval\n'), original.indexOf('  - stage: Production\n'));
    await focusDesignerCanvas(designer);
    await saveFileAndExpect(page, onDisk(PIPELINE), replaced(replaced(original, approvalStage, ''), '    dependsOn: Approval\n', '    dependsOn: Staging\n'));
  });
});

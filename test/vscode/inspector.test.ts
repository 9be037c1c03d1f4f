// The inspector in a real VS Code (code-server): a gate set from the side panel reaches the file
// as the dialect writes it, and nothing else in the file changes. GitLab: `when: manual` (with
// `allow_failure: false`, so later jobs wait). Azure: a ManualValidation@0 task in an agentless
// (`pool: server`) job that the stage's deployment then waits for. Committing a field keeps the
// job selected.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Frame, Page } from 'playwright-core';
import {
  designerFrame,
  fixture,
  graphNode,
  launchWorkbench,
  openFile,
  runCommand,
  screenshotOnFailure,
  UI_TIMEOUT_MS,
  type Workbench,
} from '../helpers/vscodeHarness';

const GITLAB_FILE = '.gitlab-ci.yml';
const AZURE_FILE = 'azure-pipelines.yml';
const GITHUB_FILE = 'main.yml';
const GITLAB_ORIGINAL = readFileSync(join(fixture('inspector'), GITLAB_FILE), 'utf8');
const AZURE_ORIGINAL = readFileSync(join(fixture('inspector'), AZURE_FILE), 'utf8');

/** Replaces one exact passage, failing loudly when the fixture no longer holds it. */
function replaced(text: string, passage: string, replacement: string): string {
  assert.ok(text.includes(passage), `the fixture no longer contains ${JSON.stringify(passage)}`);
  return text.replace(passage, replacement);
}

const field = (name: string) => `#pw-inspector-${name}`;

describe('the inspector (code-server)', { timeout: 600_000 }, () => {
  let workbench: Workbench;
  const onDisk = (file: string) => readFileSync(join(workbench.workspace, file), 'utf8');

  before(async () => {
    workbench = await launchWorkbench({ workspaceFrom: fixture('inspector'), name: 'inspector' });
  });

  after(async () => {
    await workbench?.close();
  });

  const check = (name: string, body: () => Promise<void>) =>
    test(name, () => screenshotOnFailure(workbench.page, `inspector-${name}`, body));

  /** Opens `file` in the designer and the inspector on `nodeId`, from the keyboard (focus, Enter). */
  async function inspect(page: Page, file: string, nodeId: string): Promise<Frame> {
    await openFile(page, file);
    await runCommand(page, 'Pipewright: Open in Designer');
    const designer = await designerFrame(page, nodeId);
    // The designer shares the window with the text: the node may be off-screen, which the
    // keyboard does not mind.
    await graphNode(designer, nodeId).focus();
    await graphNode(designer, nodeId).press('Enter');
    await designer.waitForFunction(
      (id) => (document.querySelector('#pw-inspector-id') as unknown as { value: string } | null)?.value === id,
      nodeId.split('/').pop(),
      { timeout: UI_TIMEOUT_MS },
    );
    return designer;
  }

  async function choose(designer: Frame, name: string, option: string): Promise<void> {
    await designer.click(field(name));
    await designer.locator(field(name)).locator('li[role="option"]', { hasText: option }).click();
  }

  /** Waits until the inspector's select shows `value`: the host's new document has arrived. */
  async function showsValue(designer: Frame, name: string, value: string): Promise<void> {
    await designer.waitForFunction(
      ([selector, want]) => (document.querySelector(selector) as unknown as { value: string } | null)?.value === want,
      [field(name), value] as const,
      { timeout: UI_TIMEOUT_MS },
    );
  }

  /** Saves with Ctrl+S in the designer (focus on `nodeId`, which needs no room on screen). */
  async function saveAndExpect(page: Page, designer: Frame, nodeId: string, file: string, expected: string): Promise<void> {
    await graphNode(designer, nodeId).focus();
    await page.keyboard.press('Control+S');
    const deadline = Date.now() + UI_TIMEOUT_MS;
    while (onDisk(file) !== expected && Date.now() < deadline) await page.waitForTimeout(100);
    assert.equal(onDisk(file), expected);
  }

  check('GitLab: a manual gate set in the inspector writes when: manual and nothing else', async () => {
    const { page } = workbench;
    const designer = await inspect(page, GITLAB_FILE, 'deploy-production');
    await choose(designer, 'gate', 'Manual approval');
    await showsValue(designer, 'gate', 'manual');
    const expected = replaced(
      GITLAB_ORIGINAL,
      '  script:\n    - ./deploy.sh production\n',
      '  script:\n    - ./deploy.sh production\n  when: manual\n  allow_failure: false\n',
    );
    await saveAndExpect(page, designer, 'deploy-production', GITLAB_FILE, expected);
  });

  check('Azure: named approvers on a stage become a ManualValidation@0 job in pool: server', async () => {
    const { page } = workbench;
    const designer = await inspect(page, AZURE_FILE, 'Production');
    await choose(designer, 'gate', 'Named approvers');
    // Instructions first: without approvers nothing is sent; Enter on the approvers sends both.
    await designer.locator(`${field('gate-instructions')} textarea`).fill('Check the staging dashboard first');
    await designer.locator(`${field('gate-instructions')} textarea`).press('Tab');
    await designer.locator(`${field('gate-approvers')} input`).fill('ops@example.com, lead@example.com');
    await designer.locator(`${field('gate-approvers')} input`).press('Enter');
    await showsValue(designer, 'gate', 'approvers');
    await graphNode(designer, 'Production/Approve').waitFor({ timeout: UI_TIMEOUT_MS });
    const expected = replaced(
      AZURE_ORIGINAL,
      '  jobs:\n  - deployment: Deploy\n    environment: production\n',
      [
        '  jobs:',
        '  - job: Approve',
        '    displayName: Wait for the approvers',
        '    pool: server',
        '    timeoutInMinutes: 4320',
        '    steps:',
        '    - task: ManualValidation@0',
        '      timeoutInMinutes: 1440',
        '      inputs:',
        '        notifyUsers: ops@example.com, lead@example.com',
        '        instructions: Check the staging dashboard first',
        '        onTimeout: reject',
        '  - deployment: Deploy',
        '    dependsOn: Approve',
        '    environment: production',
        '',
      ].join('\n'),
    );
    await saveAndExpect(page, designer, 'Production', AZURE_FILE, expected);
  });

  check('committing a field with Enter or Tab keeps the job selected and the inspector on it', async () => {
    const { page } = workbench;
    const designer = await inspect(page, GITHUB_FILE, 'test');
    const selected = () => designer.$$eval('.react-flow__node.selected', (els) => els.map((el) => el.getAttribute('data-id')));
    const inspected = () => designer.$eval(field('id'), (el) => (el as unknown as { value: string }).value);
    // The host writes each commit into the text beside the designer, inside the job's selected
    // lines, so the text's selection moves with the edit: that is not the user choosing another
    // job. The card shows the new value once the changed document has been drawn.
    await designer.locator(`${field('environment')} input`).fill('qa');
    await designer.locator(`${field('environment')} input`).press('Enter');
    await graphNode(designer, 'test').locator('.pw-row-environment .pw-row-text', { hasText: /^qa$/ }).waitFor({ timeout: UI_TIMEOUT_MS });
    assert.deepEqual(await selected(), ['test']);
    assert.equal(await inspected(), 'test');
    await designer.locator(`${field('environment-url')} input`).fill('https://qa.example.com');
    await designer.locator(`${field('environment-url')} input`).press('Tab');
    await designer.waitForFunction(
      () => document.querySelector('.react-flow__node[data-id="test"] .pw-row-environment')?.getAttribute('title') === 'https://qa.example.com',
      undefined,
      { timeout: UI_TIMEOUT_MS },
    );
    assert.deepEqual(await selected(), ['test']);
    assert.equal(await inspected(), 'test');
  });
});

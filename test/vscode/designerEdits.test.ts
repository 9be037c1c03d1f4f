// Editing from the designer in a real VS Code (code-server): gestures change exactly the bytes
// they should, each as one undo step that Ctrl+Z in the designer takes back, and typing in the
// YAML while designer edits are in flight loses nothing.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Frame, Page } from 'playwright-core';
import {
  designerFrame,
  focusDesignerCanvas,
  saveFileAndExpect,
  fixture,
  focusEditorGroup,
  graphEdge,
  graphNode,
  launchWorkbench,
  openFile,
  runCommand,
  screenshotOnFailure,
  textEditor,
  UI_TIMEOUT_MS,
  zoomOutToShowAll,
  type Workbench,
} from '../helpers/vscodeHarness';

const workflowPath = join('.github', 'workflows', 'release.yml');
const ORIGINAL = readFileSync(join(fixture('github-edits'), workflowPath), 'utf8');

const DEPLOY_JOB = '\n  deploy:\n    needs: package\n    runs-on: ubuntu-latest\n    environment: production\n    steps:\n      - run: ./deploy.sh\n';
const TEST_JOB = '\n  test:\n    needs: build\n    runs-on: ubuntu-latest\n    steps:\n      - run: make test\n';
const PACKAGE_JOB = '\n  package:\n    needs: [build, test]\n    runs-on: ubuntu-latest\n    steps:\n      - run: make package\n';
/** The jobs the burst deletes, in graph order. */
const BURST = ['test', 'package', 'deploy'];

/** Replaces one exact passage, failing loudly when the fixture no longer holds it. */
function without(text: string, passage: string, replacement = ''): string {
  assert.ok(text.includes(passage), `the fixture no longer contains ${JSON.stringify(passage)}`);
  return text.replace(passage, replacement);
}

describe('editing from the designer (code-server)', { timeout: 600_000 }, () => {
  let workbench: Workbench;
  let designer: Frame;
  const onDisk = () => readFileSync(join(workbench.workspace, workflowPath), 'utf8');

  before(async () => {
    workbench = await launchWorkbench({ workspaceFrom: fixture('github-edits'), name: 'designer-edits' });
  });

  after(async () => {
    await workbench?.close();
  });

  const check = (name: string, body: () => Promise<void>) =>
    test(name, () => screenshotOnFailure(workbench.page, `designer-edits-${name}`, body));

  const saveAndExpect = (page: Page, expected: string) => saveFileAndExpect(page, onDisk, expected);
  const focusDesigner = () => focusDesignerCanvas(designer);

  async function connect(page: Page, source: string, target: string): Promise<void> {
    const centre = async (selector: string) => {
      const b = await designer.locator(selector).boundingBox();
      assert.ok(b, `${selector} has no box`);
      return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
    };
    const from = await centre(`.react-flow__node[data-id="${source}"] .react-flow__handle.source`);
    const to = await centre(`.react-flow__node[data-id="${target}"] .react-flow__handle.target`);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 5 });
    await page.mouse.move(to.x, to.y, { steps: 5 });
    await page.mouse.up();
  }

  check('opens the designer beside the workflow', async () => {
    const { page } = workbench;
    await openFile(page, 'release.yml');
    await runCommand(page, 'Pipewright: Open in Designer');
    designer = await designerFrame(page, 'deploy');
    await graphEdge(designer, 'test', 'package').waitFor({ state: 'attached', timeout: UI_TIMEOUT_MS });
    // The first view keeps job titles readable, so a wide graph may run past a narrow pane.
    await zoomOutToShowAll(designer);
  });

  check('connecting two nodes adds exactly one needs entry; Ctrl+Z and Ctrl+Shift+Z / Ctrl+Y in the designer undo and redo it', async () => {
    const { page } = workbench;
    await connect(page, 'lint', 'package');
    await graphEdge(designer, 'lint', 'package').waitFor({ state: 'attached', timeout: UI_TIMEOUT_MS });
    const connected = without(ORIGINAL, '    needs: [build, test]\n', '    needs: [build, test, lint]\n');
    await focusDesigner();
    await saveAndExpect(page, connected);

    await page.keyboard.press('Control+Z');
    await graphEdge(designer, 'lint', 'package').waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
    await page.keyboard.press('Control+Shift+Z');
    await graphEdge(designer, 'lint', 'package').waitFor({ state: 'attached', timeout: UI_TIMEOUT_MS });
    await page.keyboard.press('Control+Z');
    await graphEdge(designer, 'lint', 'package').waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
    await page.keyboard.press('Control+Y');
    await graphEdge(designer, 'lint', 'package').waitFor({ state: 'attached', timeout: UI_TIMEOUT_MS });
    await page.keyboard.press('Control+Z');
    await graphEdge(designer, 'lint', 'package').waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
    await saveAndExpect(page, ORIGINAL);
  });

  check('Delete on a selected node removes its job and nothing else; Ctrl+Z restores the original bytes', async () => {
    const { page } = workbench;
    await graphNode(designer, 'deploy').click();
    await page.keyboard.press('Delete');
    await graphNode(designer, 'deploy').waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
    await saveAndExpect(page, without(ORIGINAL, DEPLOY_JOB));
    await page.keyboard.press('Control+Z');
    await graphNode(designer, 'deploy').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await saveAndExpect(page, ORIGINAL);
  });

  check('a refused edit is shown in the designer and changes nothing', async () => {
    const { page } = workbench;
    // build → … → package already: "build needs package" would close a cycle, which the host's
    // planner refuses (the canvas checks only what it can see at a glance).
    await connect(page, 'package', 'build');
    const notice = designer.locator('.pw-edit-notice');
    await notice.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    assert.match((await notice.textContent()) ?? '', /cycle/);
    await notice.locator('.pw-edit-notice-dismiss').click();
    await notice.waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
    await saveAndExpect(page, ORIGINAL);
  });

  check('typing in the YAML while several designer edits are in flight loses neither', async () => {
    const { page } = workbench;
    // The text cursor at the top, on no job (the designer's selection follows it, to none).
    await textEditor(page).locator('.view-lines').click();
    await page.keyboard.press('Control+Home');
    // Select test, package and deploy with a selection box: unlike clicks, a box does not move
    // the text selection, so the cursor stays at the top.
    await focusDesigner();
    const boxes = await Promise.all(['test', 'deploy'].map((id) => graphNode(designer, id).boundingBox()));
    const [first, last] = boxes;
    assert.ok(first && last);
    await page.keyboard.down('Shift');
    await page.mouse.move(first.x - 6, Math.min(first.y, last.y) - 20);
    await page.mouse.down();
    await page.mouse.move(last.x + last.width + 6, Math.max(first.y + first.height, last.y + last.height) + 20, { steps: 5 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    for (const id of BURST) await designer.locator(`.react-flow__node.selected[data-id="${id}"]`).waitFor({ timeout: UI_TIMEOUT_MS });
    assert.equal(await designer.locator('.react-flow__node.selected').count(), BURST.length);

    // Type a comment into the text key by key while the designer, without taking the focus,
    // gets Delete for its selection: three edits, planned and applied among the keystrokes.
    await focusEditorGroup(page, 0);
    const typed = '# typed while the designer edits\n';
    const typing = page.keyboard.type(typed, { delay: 20 });
    await designer.locator('.react-flow__node[data-id="test"]').dispatchEvent('keydown', { key: 'Delete', bubbles: true });
    await typing;
    // Each deletion either shows in the graph or is reported in the designer.
    const noticeAbout = async (id: string) => (await designer.locator('.pw-edit-notice').allTextContents()).find((t) => t.includes(`Delete ${id}:`));
    const settled = async (id: string) => (await graphNode(designer, id).count()) === 0 || (await noticeAbout(id)) !== undefined;
    const deadline = Date.now() + UI_TIMEOUT_MS;
    for (const id of BURST) while (!(await settled(id)) && Date.now() < deadline) await page.waitForTimeout(100);
    const refused = (await Promise.all(BURST.map(async (id) => ((await noticeAbout(id)) ? id : undefined)))).filter(Boolean);
    if (refused.length === 0) {
      await saveAndExpect(page, typed + without(without(without(ORIGINAL, TEST_JOB), PACKAGE_JOB), DEPLOY_JOB));
    } else {
      // A refusal is allowed (the file kept changing), but it must be reported and change nothing.
      const holds = (text: string) => text.startsWith(typed) && BURST.every((id) => text.includes(`\n  ${id}:\n`) === refused.includes(id));
      await page.keyboard.press('Control+S');
      const saveDeadline = Date.now() + UI_TIMEOUT_MS;
      while (!holds(onDisk()) && Date.now() < saveDeadline) await page.waitForTimeout(100);
      assert.ok(holds(onDisk()), `refused: ${refused.join(', ')}; the file:\n${onDisk()}`);
    }
  });
});

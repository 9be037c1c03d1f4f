// The designer in a real VS Code: opened from the command palette beside a GitHub workflow, it
// draws the jobs, follows typing, selects a job's YAML on click and survives broken YAML.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Frame } from 'playwright-core';
import {
  designerFrame,
  fixture,
  focusEditorGroup,
  graphEdge,
  graphEdgeIds,
  graphJobIds,
  graphNode,
  jobLines,
  openFile,
  runCommand,
  screenshotOnFailure,
  textEditor,
  typeAtEndOfDocument,
  UI_TIMEOUT_MS,
  waitForActiveEditorGroup,
  waitForCursorStatus,
  firstViewOf,
  zoomOutToShowAll,
  type Workbench,
  launchWorkbench,
} from '../helpers/vscodeHarness';

const workflowPath = join('.github', 'workflows', 'pipeline.yml');

describe('designer beside a GitHub workflow (code-server)', { timeout: 600_000 }, () => {
  let workbench: Workbench;
  let designer: Frame;

  before(async () => {
    workbench = await launchWorkbench({ workspaceFrom: fixture('github-basic'), name: 'designer' });
  });

  after(async () => {
    await workbench?.close();
  });

  const check = (name: string, body: () => Promise<void>) =>
    test(name, () => screenshotOnFailure(workbench.page, `designer-${name}`, body));

  check('"Pipewright: Open in Designer" draws every job and needs-edge', async () => {
    const { page } = workbench;
    await openFile(page, 'pipeline.yml');
    await runCommand(page, 'Pipewright: Open in Designer');
    designer = await designerFrame(page);
    for (const id of ['build', 'test', 'deploy']) {
      await graphNode(designer, id).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    }
    await graphEdge(designer, 'test', 'deploy').waitFor({ state: 'attached', timeout: UI_TIMEOUT_MS });
    assert.deepEqual(await graphJobIds(designer), ['build', 'deploy', 'test']);
    assert.deepEqual(await graphEdgeIds(designer), ['build->test', 'test->deploy']);
    // Beside the text, not instead of it: the YAML is still on screen.
    await textEditor(page).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    // Opened readable, at the start of the flow.
    const first = await firstViewOf(designer, 'build');
    assert.ok(first.inView, 'the first job is in view');
    assert.ok(first.smallestTextPx >= 11 - 0.01, `node text is ${first.smallestTextPx.toFixed(2)} px on screen`);
  });

  check('a job typed into the YAML appears with its edge', async () => {
    const { page } = workbench;
    await typeAtEndOfDocument(
      page,
      '\n  smoke:\n    needs: [deploy]\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./smoke.sh\n',
    );
    await graphNode(designer, 'smoke').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await graphEdge(designer, 'deploy', 'smoke').waitFor({ state: 'attached', timeout: UI_TIMEOUT_MS });
    assert.deepEqual(await graphJobIds(designer), ['build', 'deploy', 'smoke', 'test']);
    assert.deepEqual(await graphEdgeIds(designer), ['build->test', 'deploy->smoke', 'test->deploy']);
  });

  check('clicking a node selects that job in the text', async () => {
    const { page } = workbench;
    const yaml = readFileSync(join(workbench.workspace, workflowPath), 'utf8');
    const testJob = jobLines(yaml, 'test');
    // The job typed in the previous test may have panned the view to itself, leaving `test` past
    // the pane's left edge (then the click lands on the text editor): show the whole graph first.
    await zoomOutToShowAll(designer);
    await graphNode(designer, 'test').click();
    // The click activates the designer's group (the webview reports its focus asynchronously);
    // only then move focus back to the text, which leaves its selection alone, so the status
    // bar shows the text cursor.
    await waitForActiveEditorGroup(page, 1);
    await focusEditorGroup(page, 0);
    const status = await waitForCursorStatus(
      page,
      (s) => s.selected > 0 && s.line >= testJob.first && s.line <= testJob.last + 1,
    );
    assert.ok(
      status && status.selected > 0 && status.line >= testJob.first && status.line <= testJob.last + 1,
      `expected a selection ending in lines ${testJob.first}–${testJob.last + 1} (job test), status bar shows ${JSON.stringify(status)}`,
    );
  });

  check('broken YAML keeps the last graph and shows the error; fixing it clears both', async () => {
    const { page } = workbench;
    // Broken from its first bracket on: typed key by key on a busy machine, a line like
    // `broken: [x` parses as a job at `broken:` before it breaks, and that graph would be kept.
    await typeAtEndOfDocument(page, '  [unclosed');
    const notice = designer.locator('.pw-stale-notice');
    await notice.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await designer.locator('.pw-problem-error').first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    assert.deepEqual(await graphJobIds(designer), ['build', 'deploy', 'smoke', 'test']);

    // Delete the broken line: the notice and the error go away.
    await page.keyboard.press('Control+Shift+K');
    await notice.waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
    await designer.locator('.pw-problem-error').first().waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
    assert.deepEqual(await graphJobIds(designer), ['build', 'deploy', 'smoke', 'test']);
  });
});

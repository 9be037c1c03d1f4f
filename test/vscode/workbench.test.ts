// The packaged extension loads in a real VS Code (code-server) and offers its command.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fixture, launchWorkbench, openFile, paletteCommands, screenshotOnFailure, type Workbench } from '../helpers/vscodeHarness';

describe('Pipewright in code-server', { timeout: 300_000 }, () => {
  let workbench: Workbench;

  before(async () => {
    workbench = await launchWorkbench({ workspaceFrom: fixture('github-basic'), name: 'workbench' });
  });

  after(async () => {
    await workbench?.close();
  });

  test('the workbench opens the fixture workspace', async () => {
    await screenshotOnFailure(workbench.page, 'workbench-opens', async () => {
      await openFile(workbench.page, 'pipeline.yml');
      const title = await workbench.page.title();
      assert.match(title, /pipeline\.yml/);
    });
  });

  test('the command palette offers "Pipewright: Open in Designer"', async () => {
    await screenshotOnFailure(workbench.page, 'workbench-palette', async () => {
      const labels = await paletteCommands(workbench.page, 'Pipewright: Open in Designer');
      assert.ok(
        labels.some((l) => l.includes('Pipewright: Open in Designer')),
        `palette rows for "Pipewright: Open in Designer": ${JSON.stringify(labels)}`,
      );
    });
  });
});

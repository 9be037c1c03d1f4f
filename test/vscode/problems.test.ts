// A pipeline's problems where VS Code shows problems: the Problems panel and the status bar's
// counts, with or without the designer open; a typo counts once, an unclosed quote is reported
// where it opens, and fixing or closing the file clears them. The session edits a temporary copy
// of samples/: the repository's own samples/ stay as they are.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { RULE_IDS } from '../../src/core/rules/catalog';
import { shippedSamples as samples, treeDigest } from '../../scripts/lib/startWorkspace.mjs';
import {
  designerFrame,
  goToLine,
  graphNode,
  launchWorkbench,
  openFile,
  runCommand,
  screenshotOnFailure,
  textEditor,
  UI_TIMEOUT_MS,
  type Workbench,
} from '../helpers/vscodeHarness';

const deployPath = join('.github', 'workflows', 'deploy.yml');
const LINT_OFF = Object.fromEntries(RULE_IDS.map((id) => [id, 'off']));

/** The status bar's problem counts as it reads them out ("No Problems", "Errors: 1", …). */
async function waitForStatusProblems(page: Page, expected: string): Promise<void> {
  const item = page.locator('#status\\.problems');
  await page.waitForFunction(
    (want) => document.querySelector('#status\\.problems')?.getAttribute('aria-label') === want,
    expected,
    { timeout: UI_TIMEOUT_MS },
  ).catch(async () => {
    assert.fail(`status bar problems: expected "${expected}", shows "${await item.getAttribute('aria-label')}"`);
  });
}

/** The Problems panel's top-level error rows (their related places are rows of their own, without "Error:"). */
async function errorRows(page: Page): Promise<string[]> {
  return page
    .locator('.markers-panel .monaco-list-row[aria-label^="Error:"]')
    .evaluateAll((els) => els.map((el) => el.textContent ?? ''));
}

async function waitForErrorRow(page: Page, text: string): Promise<void> {
  await page.locator('.markers-panel .monaco-list-row[aria-label^="Error:"]', { hasText: text }).first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
}

/** Replaces the character at a 1-based line and column: one edit, so one Ctrl+Z undoes it. */
async function replaceCharacterAt(page: Page, line: number, column: number, text: string): Promise<void> {
  await goToLine(page, line, column);
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.type(text);
}

describe('problems in the Problems panel and status bar (code-server)', { timeout: 600_000 }, () => {
  let workbench: Workbench;
  const samplesBefore = treeDigest(samples);

  before(async () => {
    // This file is about the graph's own problems; the lint rules' findings (warnings on the
    // samples) have test/vscode/lint.test.ts. Turned off here through the setting a user has.
    workbench = await launchWorkbench({ workspaceFrom: samples, name: 'problems', settings: { 'pipewright.lint.rules': LINT_OFF } });
    await workbench.page.keyboard.press('Control+Shift+M');
    await workbench.page.locator('.markers-panel').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  });

  after(async () => {
    await workbench?.close();
    assert.equal(treeDigest(samples), samplesBefore, 'the repository\'s samples/ changed during a session that edited its copy');
  });

  const check = (name: string, body: () => Promise<void>) => test(name, () => screenshotOnFailure(workbench.page, `problems-${name}`, body));

  check('a clean pipeline open in a text editor has no problems', async () => {
    await openFile(workbench.page, 'deploy.yml');
    await waitForStatusProblems(workbench.page, 'No Problems');
  });

  check('a typo without the designer: one error, at its line, with what follows from it folded in', async () => {
    const { page } = workbench;
    // `  test:` → `  test;` makes the parser report seven problems; the user has one thing to fix.
    await replaceCharacterAt(page, 37, 7, ';');
    await waitForStatusProblems(page, 'Errors: 1');
    await waitForErrorRow(page, '[Ln 37, Col 3]');
    const rows = await errorRows(page);
    assert.equal(rows.length, 1, rows.join('\n'));
    assert.match(rows[0], /Implicit keys need to be on a single line.*Pipewright.*yaml-syntax.*\[Ln 37, Col 3\]/);
    assert.ok(
      (await page.locator('.markers-panel .monaco-list-row', { hasText: 'follows from it:' }).count()) > 0,
      'the problems that follow from it are listed under it',
    );
  });

  check('undoing the typo clears the problem', async () => {
    const { page } = workbench;
    await page.keyboard.press('Control+Z');
    await waitForStatusProblems(page, 'No Problems');
  });

  check('an unclosed quote is reported where it opens, not at the end of the file', async () => {
    const { page } = workbench;
    // `node-version: 20` → `node-version: '20`: the string swallows the rest of the file.
    await goToLine(page, 26, 25);
    await page.keyboard.type("'");
    await waitForStatusProblems(page, 'Errors: 1');
    await waitForErrorRow(page, '[Ln 26, Col 25]');
    assert.match((await errorRows(page))[0], /missing closing ': the string opened here runs on to line \d+.*yaml-unclosed/);
    await page.keyboard.press('Control+Z');
    await waitForStatusProblems(page, 'No Problems');
  });

  check('with the designer open, the problems follow the text just the same', async () => {
    const { page } = workbench;
    await runCommand(page, 'Pipewright: Open in Designer');
    const designer = await designerFrame(page, 'production');
    await graphNode(designer, 'verify').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await page.keyboard.press('Control+1');
    await replaceCharacterAt(page, 37, 7, ';');
    await waitForStatusProblems(page, 'Errors: 1');
    await waitForErrorRow(page, '[Ln 37, Col 3]');
    // The designer shows the same single cause.
    await designer.locator('.pw-problem-error', { hasText: 'Implicit keys need to be on a single line' }).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    assert.equal(await designer.locator('.pw-problem').count(), 1);
  });

  check('saving the broken file and closing it clears its problems', async () => {
    const { page } = workbench;
    await page.keyboard.press('Control+1');
    await page.keyboard.press('Control+S');
    await page.waitForFunction(() => !document.querySelector('.tabs-container .tab.dirty'), undefined, { timeout: UI_TIMEOUT_MS });
    assert.match(readFileSync(join(workbench.workspace, deployPath), 'utf8'), /^ {2}test;$/m);
    await runCommand(page, 'View: Close All Editors');
    await waitForStatusProblems(page, 'No Problems');
  });
});

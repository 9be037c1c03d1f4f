// "Pin to commit sha" in a real VS Code (code-server), against the local GitHub API server (a
// GitHub Enterprise Server by the settings): not signed in, the fix asks for a sign-in VS Code
// cannot give for this server and changes nothing; signed in with a token, the light bulb's quick
// fix asks the action's repository for the commit its tag names and writes it with the tag in a
// comment; an unknown tag is said in words with the file untouched; the inspector's button pins
// another job's step the same way.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { SimulatedClock } from '../../src/providers/scheduler/clock';
import { ACTION_SHAS, SANDBOX_TOKEN } from '../providers/github/scenarios';
import { LocalGitHubApi } from '../providers/github/server';
import { answerQuickInput, cloneOfAcmeShop, notification } from '../helpers/operateWorkbench';
import { chooseQuickFix, designerFrame, graphNode, textEditor, launchWorkbench, openFile, runCommand, screenshotOnFailure, UI_TIMEOUT_MS, type Workbench } from '../helpers/vscodeHarness';

const COMMIT = 'GET /repos/{owner}/{repo}/commits/{ref}';
const FILE = 'images.yml';
const WORKFLOW = [
  'on: push',
  'permissions: {contents: read}',
  'jobs:',
  '  image:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - uses: actions/checkout@v4',
  '      - uses: docker/build-push-action@v6',
  '        with:',
  '          push: false',
  '  legacy:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - uses: docker/build-push-action@v9',
  '  nightly:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - uses: docker/build-push-action@master',
  '',
].join('\n');

const V6 = 'Pin `docker/build-push-action@v6` to its commit sha';
const V9 = 'Pin `docker/build-push-action@v9` to its commit sha';

describe('pinning an action to its commit sha (code-server)', { timeout: 600_000 }, () => {
  let api: LocalGitHubApi;
  let workbench: Workbench;
  let path = '';

  before(async () => {
    api = await LocalGitHubApi.start({ scenario: 'quiet', clock: new SimulatedClock(Date.now()), flavor: 'ghes-3.19' });
    const clone = cloneOfAcmeShop(api.url);
    writeFileSync(join(clone, '.github', 'workflows', FILE), WORKFLOW);
    workbench = await launchWorkbench({ workspaceFrom: clone, name: 'pin-action', settings: { 'pipewright.github.apiUrl': api.url } });
    path = join(workbench.workspace, '.github', 'workflows', FILE);
  });

  after(async () => {
    await workbench?.close();
    await api?.close();
  });

  const check = (name: string, body: () => Promise<void>) => test(name, () => screenshotOnFailure(workbench.page, `pin-action-${name}`, body));

  check('not signed in: the fix says VS Code cannot sign in to this server, asks nothing of the API and changes nothing', async () => {
    const { page } = workbench;
    await openFile(page, FILE);
    // The three unpinned steps are checked (the light bulb offers only what has been found).
    await textEditor(page).locator('.squiggly-warning').nth(2).waitFor({ state: 'attached', timeout: UI_TIMEOUT_MS });
    await chooseQuickFix(page, 8, 15, V6);
    await notification(page, /pinning an action asks GitHub, which needs a sign-in: VS Code's GitHub Enterprise sign-in serves no server yet/).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    assert.equal(api.apiRequests().length, 0);
    assert.equal(readFileSync(path, 'utf8'), WORKFLOW);
  });

  check('signed in: the quick fix writes the sha its tag names with the tag in a comment, asking the action\'s repository', async () => {
    const { page } = workbench;
    await runCommand(page, 'Pipewright: Sign in with a Token…');
    await answerQuickInput(page, SANDBOX_TOKEN, /Sign in to acme\/shop with a token/);
    await notification(page, 'Signed in to acme/shop as mona.').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await openFile(page, FILE);
    await chooseQuickFix(page, 8, 15, V6);
    const pinned = `docker/build-push-action@${ACTION_SHAS.buildPushV6} # v6`;
    await textEditor(page).locator('.view-lines', { hasText: pinned }).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    assert.deepEqual(api.apiRequests(COMMIT).map((r) => [r.path, r.login, r.status]), [['/api/v3/repos/docker/build-push-action/commits/v6', 'mona', 200]]);
    assert.deepEqual(api.violations, [], 'the request and its answer match GitHub\'s description');
    // Only that line changed (the editor holds the change; the file is saved by the person).
    await page.keyboard.press('Control+S');
    await waitForFile(page, path, WORKFLOW.replace('      - uses: docker/build-push-action@v6\n', `      - uses: ${pinned}\n`));
  });

  check('a tag the repository lacks: said in words, the file untouched', async () => {
    const { page } = workbench;
    const before = readFileSync(path, 'utf8');
    await chooseQuickFix(page, 14, 15, V9);
    await notification(page, 'Could not pin docker/build-push-action@v9: no tag or branch `v9` in `docker/build-push-action`').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    assert.equal(api.apiRequests(COMMIT).at(-1)?.status, 422);
    assert.ok(!(await page.locator('.part.editor .tab.active.dirty').count()), 'the document is not changed');
    assert.equal(readFileSync(path, 'utf8'), before);
  });

  check('the inspector\'s fix button pins a step of the node it shows', async () => {
    const { page } = workbench;
    await runCommand(page, 'Pipewright: Open in Designer');
    const designer = await designerFrame(page, 'nightly');
    await graphNode(designer, 'nightly').focus();
    await graphNode(designer, 'nightly').press('Enter');
    const button = designer.locator('.pw-finding-fix', { hasText: 'Pin `docker/build-push-action@master` to its commit sha' });
    await button.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await button.click();
    await waitUntilRequested(page, api, '/api/v3/repos/docker/build-push-action/commits/master');
    await textEditor(page).locator('.view-lines', { hasText: `docker/build-push-action@${ACTION_SHAS.buildPushMaster} # master` }).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    assert.deepEqual(api.violations, []);
  });
});

/** Waits until the file on disk is `expected`. */
async function waitForFile(page: Page, path: string, expected: string): Promise<void> {
  const deadline = Date.now() + UI_TIMEOUT_MS;
  let text = readFileSync(path, 'utf8');
  while (text !== expected) {
    if (Date.now() > deadline) assert.equal(text, expected);
    await page.waitForTimeout(100);
    text = readFileSync(path, 'utf8');
  }
}

async function waitUntilRequested(page: Page, api: LocalGitHubApi, requestPath: string): Promise<void> {
  const deadline = Date.now() + UI_TIMEOUT_MS;
  while (!api.apiRequests(COMMIT).some((r) => r.path === requestPath && r.status === 200)) {
    if (Date.now() > deadline) assert.fail(`${requestPath} was not asked`);
    await page.waitForTimeout(100);
  }
}

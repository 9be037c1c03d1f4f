// Finding a stage by name or id (Ctrl+F or the toolbar) in headless Chromium: typing selects
// and centres the first match, Enter / Shift+Enter step through the matches with a count,
// Escape closes, and Ctrl+F typed in another panel's text field is left alone.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { hasSyntaxErrors } from '../../src/core/model';
import { generatePipeline } from '../../bench/generatePipelines';
import { parsePipeline } from '../../src/core/parse';
import { matchCountText, matchStages, stepMatch } from '../../webview/src/find/matchStages';
import { readPersistedState } from '../../webview/src/persistedState';
import { READABLE_ZOOM } from '../../webview/src/viewport/firstViewport';
import { startWebviewHarness, type DesignerPage, type WebviewHarness } from '../helpers/webviewHarness';

const WORKFLOW = `name: Release
on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: make
  deploy-staging:
    name: Deploy to staging
    needs: build
    runs-on: ubuntu-latest
    environment: staging
    steps:
      - run: ./deploy.sh staging
  smoke:
    name: Smoke tests
    needs: deploy-staging
    runs-on: ubuntu-latest
    steps:
      - run: ./smoke.sh
  prod:
    name: Deploy to production
    needs: smoke
    runs-on: ubuntu-latest
    environment: production
    steps:
      - run: ./deploy.sh production
  verify:
    name: Health check
    needs: prod
    runs-on: ubuntu-latest
    steps:
      - run: curl -f https://example.com/health
`;
const graph = () => parsePipeline(WORKFLOW, { fileName: '.github/workflows/release.yml' });

async function countText(page: Page): Promise<string> {
  return (await page.locator('.pw-find-count').textContent()) ?? '';
}

async function selectedIds(page: Page): Promise<string[]> {
  return page.$$eval('.react-flow__node.selected', (els) => els.map((el) => el.getAttribute('data-id') ?? ''));
}

/** The viewport's zoom, from React Flow's transform. */
async function zoom(page: Page): Promise<number> {
  const transform = await page.$eval('.react-flow__viewport', (el) => (el as HTMLElement).style.transform);
  return Number(/scale\(([\d.]+)\)/.exec(transform)![1]);
}

/** How far a node's centre is from the pane's centre, in screen pixels. */
async function offCentre(page: Page, id: string): Promise<number> {
  const node = await page.locator(`.react-flow__node[data-id="${id}"]`).boundingBox();
  const pane = await page.locator('.react-flow__pane').boundingBox();
  assert.ok(node && pane);
  return Math.hypot(node.x + node.width / 2 - (pane.x + pane.width / 2), node.y + node.height / 2 - (pane.y + pane.height / 2));
}

async function assertNoErrors(p: DesignerPage): Promise<void> {
  assert.deepEqual(await p.cspViolations(), []);
  assert.deepEqual(p.errors, []);
}

/** Waits until the count reads `text` and the one selected node is `id`. */
async function expectMatch(page: Page, text: string, id: string): Promise<void> {
  await page.waitForFunction(
    ([t, i]) =>
      document.querySelector('.pw-find-count')?.textContent === t &&
      [...document.querySelectorAll('.react-flow__node.selected')].map((el) => el.getAttribute('data-id')).join() === i,
    [text, id] as const,
  );
  assert.deepEqual(await selectedIds(page), [id]);
  assert.ok((await offCentre(page, id)) < 2, `${id} is centred`);
}

describe('finding a stage', () => {
  it('matches names and ids in any case, steps with wrap-around, and counts', () => {
    const g = graph();
    assert.deepEqual(matchStages(g, 'DEPLOY'), ['deploy-staging', 'prod']);
    assert.deepEqual(matchStages(g, 'verify'), ['verify'], 'by id');
    assert.deepEqual(matchStages(g, 'health'), ['verify'], 'by name');
    assert.deepEqual(matchStages(g, '  '), []);
    assert.equal(stepMatch(2, -1, 1), 0);
    assert.equal(stepMatch(2, -1, -1), 1);
    assert.equal(stepMatch(2, 1, 1), 0);
    assert.equal(stepMatch(2, 0, -1), 1);
    assert.equal(stepMatch(0, 0, 1), -1);
    assert.equal(matchCountText(2, 0, 'x'), '1 of 2');
    assert.equal(matchCountText(0, -1, 'x'), 'No results');
    assert.equal(matchCountText(0, -1, ''), '');
  });

  it('its saved state is read back only when well formed', () => {
    const base = { schema: 1, view: { fileName: 'ci.yml', stale: false, problems: [] }, selection: [] };
    const find = { open: true, query: 'deploy', current: 1 };
    assert.deepEqual(readPersistedState({ ...base, find })?.find, find);
    for (const bad of [{ open: 'yes', query: '', current: 0 }, { open: true, query: 3, current: 0 }, { open: true, query: '', current: 0.5 }, { open: true, query: '', current: -2 }]) {
      assert.equal(readPersistedState({ ...base, find: bad })?.find, undefined, JSON.stringify(bad));
    }
  });
});

describe('the find box (headless Chromium)', () => {
  let harness: WebviewHarness;
  before(async () => {
    harness = await startWebviewHarness();
  });
  after(async () => {
    await harness?.close();
  });

  async function openDesigner(): Promise<DesignerPage> {
    const p = await harness.openPage();
    const g = graph();
    await p.send({ type: 'document', version: 1, fileName: '.github/workflows/release.yml', graph: g, syntaxError: hasSyntaxErrors(g) });
    await p.rendered(1);
    return p;
  }

  it('Ctrl+F opens it; typing selects and centres the first match; Enter and Shift+Enter cycle; Escape closes', async () => {
    const p = await openDesigner();
    const { page } = p;
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    const zoomBefore = await zoom(page);
    await page.keyboard.press('Control+F');
    await page.waitForSelector('.pw-find');
    await page.waitForFunction(() => document.activeElement?.classList.contains('pw-find-field'));
    await page.keyboard.type('DEPLOY');
    await expectMatch(page, '1 of 2', 'deploy-staging');
    assert.equal(await zoom(page), zoomBefore, 'the zoom stays when the stage fits');
    await page.keyboard.press('Enter');
    await expectMatch(page, '2 of 2', 'prod');
    await page.keyboard.press('Enter');
    await expectMatch(page, '1 of 2', 'deploy-staging');
    await page.keyboard.press('Shift+Enter');
    await expectMatch(page, '2 of 2', 'prod');
    // By id, where the name says something else.
    await page.locator('.pw-find-field input').fill('verify');
    await expectMatch(page, '1 of 1', 'verify');
    await page.keyboard.type('x');
    await page.waitForFunction(() => document.querySelector('.pw-find-count')?.textContent === 'No results');
    await page.keyboard.press('Enter');
    assert.equal(await countText(page), 'No results');
    assert.deepEqual(await selectedIds(page), ['verify'], 'no match keeps the selection');
    await page.keyboard.press('Escape');
    await page.waitForSelector('.pw-find', { state: 'detached' });
    // Ctrl+F again: the box opens with the last search selected, ready to retype.
    await page.keyboard.press('Control+F');
    await page.waitForFunction(() => document.activeElement?.classList.contains('pw-find-field'));
    await page.keyboard.type('smoke');
    await expectMatch(page, '1 of 1', 'smoke');
    assert.deepEqual((await p.posted()).filter((m) => m.type === 'edit'), [], 'finding never edits');
    assert.deepEqual(p.errors, []);
    await page.close();
  });

  it('in a big graph zoomed far out, brings each match into view at a readable size', async () => {
    const p = await harness.openPage();
    // Big enough that the whole graph in view makes every job a few pixels wide.
    const big = parsePipeline(generatePipeline('github', 140), { dialect: 'github' });
    await p.send({ type: 'document', version: 1, fileName: 'ci.yml', graph: big, syntaxError: false });
    await p.rendered(1);
    const { page } = p;
    // Zoomed out until every job is a few pixels wide (Fit stops at a readable zoom; the user
    // can still zoom out past it).
    while ((await zoom(page)) >= 0.2) {
      const before = await zoom(page);
      await page.locator('.react-flow__controls-zoomout').click();
      await page.waitForFunction((z) => Number(/scale\(([\d.]+)\)/.exec((document.querySelector('.react-flow__viewport') as HTMLElement).style.transform)![1]) !== z, before);
    }
    await page.keyboard.press('Control+F');
    await page.waitForFunction(() => document.activeElement?.classList.contains('pw-find-field'));
    await page.keyboard.type('Job 127');
    await expectMatch(page, '1 of 1', 'job-127');
    assert.ok((await zoom(page)) >= READABLE_ZOOM, `readable: zoom ${await zoom(page)}`);
    await page.locator('.pw-find-field input').fill('Job 13');
    await expectMatch(page, '1 of 11', 'job-13');
    await page.keyboard.press('Enter');
    await expectMatch(page, '2 of 11', 'job-130');
    assert.ok((await zoom(page)) >= READABLE_ZOOM);
    await assertNoErrors(p);
    await page.close();
  });

  it('comes back after a reload as it was: open, its search text and the match shown; closed stays closed', async () => {
    const first = await openDesigner();
    await first.page.keyboard.press('Control+F');
    await first.page.waitForFunction(() => document.activeElement?.classList.contains('pw-find-field'));
    await first.page.keyboard.type('DEPLOY');
    await expectMatch(first.page, '1 of 2', 'deploy-staging');
    await first.page.keyboard.press('Enter');
    await expectMatch(first.page, '2 of 2', 'prod');
    const saved = await first.savedState();
    assert.deepEqual((saved as { find: unknown }).find, { open: true, query: 'DEPLOY', current: 1 });
    await first.page.close();

    const reloaded = await harness.openPage({ savedState: saved });
    await reloaded.rendered(1);
    const { page } = reloaded;
    await page.waitForSelector('.pw-find');
    assert.equal(await page.locator('.pw-find-field input').inputValue(), 'DEPLOY');
    assert.equal(await countText(page), '2 of 2');
    assert.deepEqual(await selectedIds(page), ['prod']);
    // It goes on from the match it showed.
    await page.locator('.pw-find-field input').press('Enter');
    await expectMatch(page, '1 of 2', 'deploy-staging');
    await page.keyboard.press('Escape');
    await page.waitForSelector('.pw-find', { state: 'detached' });
    const closed = await reloaded.savedState();
    assert.deepEqual((closed as { find: unknown }).find, { open: false, query: 'DEPLOY', current: 0 });
    await assertNoErrors(reloaded);
    await page.close();

    const again = await harness.openPage({ savedState: closed });
    await again.rendered(1);
    assert.equal(await again.page.locator('.pw-find').count(), 0);
    // Ctrl+F opens it with the search it had.
    await again.page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await again.page.keyboard.press('Control+F');
    await again.page.waitForFunction(() => document.activeElement?.classList.contains('pw-find-field'));
    assert.equal(await again.page.locator('.pw-find-field input').inputValue(), 'DEPLOY');
    await assertNoErrors(again);
    await again.page.close();
  });

  it('the toolbar button opens it; Ctrl+F typed in another panel\'s text field does not', async () => {
    const p = await openDesigner();
    const { page } = p;
    await page.locator('.pw-palette-search input').click();
    await page.keyboard.press('Control+F');
    // The palette's field keeps the focus and the find box stays closed.
    await page.keyboard.type('gate');
    assert.equal(await page.locator('.pw-palette-search input').inputValue(), 'gate');
    assert.equal(await page.locator('.pw-find').count(), 0);
    await page.locator('vscode-button.pw-find-open').click();
    await page.waitForSelector('.pw-find');
    await page.waitForFunction(() => document.activeElement?.classList.contains('pw-find-field'));
    await page.keyboard.type('build');
    await expectMatch(page, '1 of 1', 'build');
    await page.locator('.pw-find button[aria-label="Close (Escape)"]').click();
    await page.waitForSelector('.pw-find', { state: 'detached' });
    assert.deepEqual(p.errors, []);
    await page.close();
  });
});

// The template palette in headless Chromium: searching, dragging a template onto the canvas or
// onto a dependency, the keyboard, ids that do not collide, and that nothing is drawn until the
// host sends the changed document. Also the pure id and search rules.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { hasSyntaxErrors, type PipelineGraph } from '../../src/core/model';
import { parsePipeline } from '../../src/core/parse';
import { TEMPLATES } from '../../src/core/templates/catalog';
import type { HostToWebview, WebviewToHost } from '../../src/shared/protocol';
import { newStageId } from '../../webview/src/palette/stageIds';
import { searchTemplates } from '../../webview/src/palette/templateSearch';
import { startWebviewHarness, type DesignerPage, type WebviewHarness } from '../helpers/webviewHarness';
import { AZURE_PIPELINE, azurePipeline, gitlabPipeline } from './pipelineYaml';

type EditMessage = Extract<WebviewToHost, { type: 'edit' }>;

/** The catalog as the palette lists it: by group, groups in the order they first appear. */
const LISTED = [
  'build', 'unit-tests', 'security-scan', 'e2e-tests',
  'deploy-staging', 'deploy-production-rolling', 'deploy-production-blue-green', 'deploy-production-canary', 'deploy-production-feature-flag',
  'approval-manual', 'approval-delayed', 'approval-approvers',
  'verify-health', 'verify-error-rate', 'rollback-auto', 'rollback-manual', 'notify',
];

/** The standard flow, with a matrix job beside it (its needs are its own: issue #10) and a job already named notify. */
const STANDARD_FLOW = `name: Release
on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: make build
  test:
    needs: build
    runs-on: ubuntu-latest
    steps:
      - run: make test
  matrix-tests:
    needs: build
    strategy:
      matrix:
        node: [20, 22]
    runs-on: ubuntu-latest
    steps:
      - run: npm test
  staging:
    needs: [test, matrix-tests]
    runs-on: ubuntu-latest
    environment: staging
    steps:
      - run: ./deploy.sh staging
  verify:
    needs: staging
    runs-on: ubuntu-latest
    steps:
      - run: curl -f https://staging.example.com/health
  notify:
    needs: verify
    runs-on: ubuntu-latest
    steps:
      - run: ./notify.sh
`;

const standardFlow = (text = STANDARD_FLOW): PipelineGraph => parsePipeline(text, { fileName: '.github/workflows/release.yml' });

function documentMessage(version: number, graph: PipelineGraph, fileName = '.github/workflows/release.yml'): HostToWebview {
  return { type: 'document', version, fileName, graph, syntaxError: hasSyntaxErrors(graph) };
}

const item = (name: string) => `.pw-palette-item[data-template="${name}"]`;
const nodeSelector = (id: string) => `.react-flow__node[data-id="${id}"]`;

async function edits(p: DesignerPage): Promise<EditMessage[]> {
  return (await p.posted()).filter((m): m is EditMessage => m.type === 'edit');
}

async function waitForEdits(p: DesignerPage, count: number): Promise<EditMessage[]> {
  await p.page.waitForFunction(
    (n) => (window as unknown as { __posted: { type: string }[] }).__posted.filter((m) => m.type === 'edit').length >= n,
    count,
  );
  return edits(p);
}

async function shownTemplates(page: Page): Promise<string[]> {
  return page.$$eval('.pw-palette-item', (els) => els.map((el) => el.getAttribute('data-template') ?? ''));
}

async function screenIds(page: Page): Promise<{ nodes: string[]; edges: string[] }> {
  return {
    nodes: (await page.$$eval('.react-flow__node.pw-graph-node', (els) => els.map((el) => el.getAttribute('data-id') ?? ''))).sort(),
    edges: (await page.$$eval('.react-flow__edge', (els) => els.map((el) => el.getAttribute('data-id') ?? ''))).sort(),
  };
}

async function box(page: Page, selector: string): Promise<{ x: number; y: number; width: number; height: number }> {
  const b = await page.locator(selector).boundingBox();
  assert.ok(b, `${selector} has no box`);
  return b;
}

/** The screen point halfway along an edge's drawn line. */
async function edgeMiddle(page: Page, from: string, to: string): Promise<{ x: number; y: number }> {
  return page.$eval(`.react-flow__edge[data-id="${from}->${to}"] .react-flow__edge-path`, (el) => {
    const path = el as SVGPathElement;
    const p = path.getPointAtLength(path.getTotalLength() / 2);
    const m = path.getScreenCTM()!;
    return { x: m.a * p.x + m.c * p.y + m.e, y: m.b * p.x + m.d * p.y + m.f };
  });
}

/**
 * Drags a palette template with the mouse (Chromium runs real HTML5 drag and drop for it) to
 * `to`; `whileOver` runs with the template held there, before the drop.
 */
async function dragTemplate(page: Page, template: string, to: { x: number; y: number }, whileOver?: () => Promise<void>): Promise<void> {
  // The list scrolls: bring the template into view before pressing on it.
  await page.locator(item(template)).scrollIntoViewIfNeeded();
  const from = await box(page, item(template));
  await page.mouse.move(from.x + 20, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + 60, from.y + from.height / 2, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 10 });
  // Chromium may skip a dragover sent while the page is still busy with the previous one; a
  // second event at the same point makes the last position the one the page saw.
  await page.mouse.move(to.x, to.y);
  await whileOver?.();
  await page.mouse.up();
}

/** Zooms out with the canvas controls until the graph takes at most half the pane's width. */
async function zoomOut(page: Page): Promise<void> {
  const pane = await box(page, '.react-flow__pane');
  for (let i = 0; i < 8; i++) {
    const nodes = await page.$$eval('.react-flow__node.pw-graph-node', (els) => els.map((el) => el.getBoundingClientRect()).map((r) => [r.left, r.right]));
    const width = Math.max(...nodes.map((n) => n[1])) - Math.min(...nodes.map((n) => n[0]));
    if (width <= pane.width / 2) return;
    await page.locator('.react-flow__controls-zoomout').click();
  }
  throw new Error('could not zoom out far enough');
}

async function noticeTexts(page: Page): Promise<string[]> {
  return page.$$eval('.pw-edit-notice .pw-edit-notice-text', (els) => els.map((el) => el.textContent?.replace(/\s+/g, ' ').trim() ?? ''));
}

async function assertClean(p: DesignerPage): Promise<void> {
  assert.deepEqual(await p.cspViolations(), []);
  assert.deepEqual(p.errors, []);
}

describe('stage ids for new stages', () => {
  it('use the template name, spelled for the dialect, with a suffix when taken (any case)', () => {
    const github = standardFlow();
    assert.equal(newStageId(github, 'deploy-production-canary'), 'deploy-production-canary');
    assert.equal(newStageId(github, 'notify'), 'notify-2');
    const twice = standardFlow(STANDARD_FLOW.replace('  notify:\n', '  Notify-2:\n    name: x\n  notify:\n'));
    assert.equal(newStageId(twice, 'notify'), 'notify-3');
    const azure = azurePipeline();
    assert.equal(newStageId(azure, 'deploy-production-canary'), 'deploy_production_canary');
    // Azure job ids are Stage/Job: a job's own name is taken too.
    const withUnitStage = parsePipeline(AZURE_PIPELINE.replace('- stage: Test', '- stage: unit_tests'), { fileName: 'azure-pipelines.yml' });
    assert.equal(newStageId(withUnitStage, 'unit-tests'), 'unit_tests_2');
    assert.equal(newStageId(azure, 'unit-tests'), 'unit_tests');
    const withJob = parsePipeline(AZURE_PIPELINE.replace('- job: Unit', '- job: Notify'), { fileName: 'azure-pipelines.yml' });
    assert.equal(newStageId(withJob, 'notify'), 'notify_2');
  });

  it('search matches title, description and name, every word, any case, grouped in catalog order', () => {
    assert.deepEqual(searchTemplates('').flatMap((g) => g.templates.map((t) => t.name)), LISTED);
    assert.deepEqual([...LISTED].sort(), TEMPLATES.map((t) => t.name).sort());
    assert.deepEqual(searchTemplates('CANARY').flatMap((g) => g.templates.map((t) => t.name)), ['deploy-production-canary']);
    assert.deepEqual(searchTemplates('prometheus').flatMap((g) => g.templates.map((t) => t.name)), ['verify-error-rate']);
    assert.deepEqual(searchTemplates('e2e-tests').flatMap((g) => g.templates.map((t) => t.name)), ['e2e-tests']);
    assert.deepEqual(searchTemplates('production flag').map((g) => g.group), ['Deploy']);
    assert.deepEqual(searchTemplates('approval').map((g) => [g.group, g.templates.length]), [['Gate', 3]]);
    assert.deepEqual(searchTemplates('no such thing'), []);
  });
});

describe('the template palette (headless Chromium)', () => {
  let harness: WebviewHarness;
  before(async () => {
    harness = await startWebviewHarness();
  });
  after(async () => {
    await harness?.close();
  });

  async function flowPage(version = 7, savedState?: unknown): Promise<DesignerPage> {
    const p = await harness.openPage(savedState === undefined ? {} : { savedState });
    await p.send(documentMessage(version, standardFlow()));
    await p.rendered(version);
    return p;
  }

  it('lists every template with its icon and description, grouped; typing filters; Escape clears', async () => {
    const p = await flowPage();
    const { page } = p;
    assert.deepEqual(await shownTemplates(page), LISTED);
    assert.deepEqual(await page.$$eval('.pw-palette-group-title', (els) => els.map((el) => el.textContent)), ['Build', 'Test', 'Deploy', 'Gate', 'Verify', 'Recover', 'Notify']);
    const canary = page.locator(item('deploy-production-canary'));
    assert.equal(await canary.locator('.pw-palette-item-title').textContent(), 'Deploy to production (canary)');
    assert.equal(await canary.locator('.pw-palette-item-description').textContent(), 'Shift traffic in steps (Argo Rollouts setWeight and pause)');
    assert.ok(await canary.locator('.codicon.codicon-rocket').count(), 'a deploy template shows the deploy icon');

    const search = page.locator('.pw-palette-search input');
    await search.click();
    await page.keyboard.type('rollback');
    await page.waitForFunction(() => document.querySelectorAll('.pw-palette-item').length === 2);
    assert.deepEqual(await shownTemplates(page), ['rollback-auto', 'rollback-manual']);
    await page.keyboard.type(' revision');
    await page.waitForFunction(() => document.querySelectorAll('.pw-palette-item').length === 1);
    assert.deepEqual(await shownTemplates(page), ['rollback-manual']);
    await search.fill('kubernetes nowhere');
    await page.waitForSelector('.pw-palette-none');
    assert.deepEqual(await shownTemplates(page), []);
    await page.keyboard.press('Escape');
    await page.waitForFunction((n) => document.querySelectorAll('.pw-palette-item').length === n, TEMPLATES.length);
    assert.equal(await search.inputValue(), '');
    assert.deepEqual(await edits(p), []);
    await assertClean(p);
    await page.close();
  });

  it('dropping a template on empty canvas posts addStage after the stage to its left, or at the start left of everything; the graph waits for the host', async () => {
    const p = await flowPage(7);
    const { page } = p;
    const before = await screenIds(page);
    // Room right of the last stage: zoom out (the fit fills the width).
    await zoomOut(page);
    const verify = await box(page, nodeSelector('verify'));
    const notify = await box(page, nodeSelector('notify'));
    // Right of "notify", in its row: the new stage goes after it.
    const beyond = { x: notify.x + notify.width + 60, y: notify.y + notify.height / 2 };
    await dragTemplate(page, 'rollback-auto', beyond, async () => {
      await page.waitForSelector('.pw-drop-overlay[data-drop-kind="canvas"]', { state: 'attached' });
      assert.equal(await page.locator('.pw-drop-caption').textContent(), 'Add “Rollback (automatic)” after “notify”');
    });
    const [first] = await waitForEdits(p, 1);
    assert.deepEqual({ ...first, requestId: '' }, {
      type: 'edit',
      requestId: '',
      baseVersion: 7,
      operation: { op: 'addStage', template: 'rollback-auto', id: 'rollback-auto', after: 'notify' },
    });
    await page.waitForSelector('.pw-drop-overlay', { state: 'detached' });

    // Below every row, in verify's column: after the nearest stage in the column to the left.
    const lowest = Math.max(verify.y + verify.height, notify.y + notify.height);
    const pane = await box(page, '.react-flow__pane');
    const below = { x: verify.x + verify.width / 2, y: Math.min(lowest + 150, pane.y + pane.height - 20) };
    await dragTemplate(page, 'notify', below, async () => {
      await page.waitForFunction(() => document.querySelector('.pw-drop-caption')?.textContent === 'Add “Notify” after “staging”');
    });
    const [, second] = await waitForEdits(p, 2);
    assert.deepEqual(second.operation, { op: 'addStage', template: 'notify', id: 'notify-2', after: 'staging' });
    // Left of everything: at the start, waiting for nothing.
    const build = await box(page, nodeSelector('build'));
    await dragTemplate(page, 'notify', { x: build.x - 60, y: build.y + build.height / 2 }, async () => {
      await page.waitForFunction(() => document.querySelector('.pw-drop-caption')?.textContent === 'Add “Notify” at the start (it waits for nothing)');
    });
    const [, , leftmost] = await waitForEdits(p, 3);
    assert.deepEqual(leftmost.operation, { op: 'addStage', template: 'notify', id: 'notify-2' });

    // Controlled: the drop drew nothing; the host's document does.
    assert.deepEqual(await screenIds(page), before);
    const added = STANDARD_FLOW + '  rollback-auto:\n    needs: notify\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./rollback.sh\n';
    await p.send(documentMessage(8, standardFlow(added)));
    await p.rendered(8);
    assert.ok((await screenIds(page)).nodes.includes('rollback-auto'));
    assert.ok((await screenIds(page)).edges.includes('notify->rollback-auto'));
    // The next drop of the same template gets a new id.
    const added2 = await box(page, nodeSelector('rollback-auto'));
    await dragTemplate(page, 'rollback-auto', { x: added2.x + added2.width + 60, y: added2.y + added2.height / 2 });
    const [, , , fourth] = await waitForEdits(p, 4);
    assert.deepEqual(fourth.operation, { op: 'addStage', template: 'rollback-auto', id: 'rollback-auto-2', after: 'rollback-auto' });
    assert.equal(fourth.baseVersion, 8);
    await assertClean(p);
    await page.close();
  });

  it('dropping a template on an edge highlights it and posts addStage between its two ends', async () => {
    const p = await flowPage(9);
    const { page } = p;
    const before = await screenIds(page);
    const middle = await edgeMiddle(page, 'staging', 'verify');
    // A little off the line still counts.
    await dragTemplate(page, 'deploy-production-canary', { x: middle.x, y: middle.y + 4 }, async () => {
      await page.waitForSelector('.pw-drop-overlay[data-drop-kind="edge"] .pw-drop-edge', { state: 'attached' });
      assert.equal(await page.locator('.pw-drop-caption').textContent(), 'Add “Deploy to production (canary)” between “staging” and “verify”');
      const highlighted = await page.getAttribute('.pw-drop-edge', 'd');
      assert.equal(highlighted, await page.getAttribute('.react-flow__edge[data-id="staging->verify"] .react-flow__edge-path', 'd'));
    });
    const [edit] = await waitForEdits(p, 1);
    assert.deepEqual(edit.operation, { op: 'addStage', template: 'deploy-production-canary', id: 'deploy-production-canary', after: 'staging', before: 'verify' });
    assert.equal(edit.baseVersion, 9);
    assert.deepEqual(await screenIds(page), before);

    // An edge into a matrix job: its needs are its own text (issue #10), so the stage goes between too.
    const intoMatrix = await edgeMiddle(page, 'build', 'matrix-tests');
    await dragTemplate(page, 'security-scan', intoMatrix);
    const [, second] = await waitForEdits(p, 2);
    assert.deepEqual(second.operation, { op: 'addStage', template: 'security-scan', id: 'security-scan', after: 'build', before: 'matrix-tests' });
    await assertClean(p);
    await page.close();
  });

  it('Enter on a focused template adds it at the end; Shift+Enter adds it after the selected stage', async () => {
    const p = await flowPage(4);
    const { page } = p;
    await page.locator('.pw-palette-search input').click();
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-template')), 'build');
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-template')), 'unit-tests');
    await page.keyboard.press('Enter');
    const [first] = await waitForEdits(p, 1);
    assert.deepEqual(first.operation, { op: 'addStage', template: 'unit-tests', id: 'unit-tests' });

    // Without a selection Shift+Enter says what to do.
    await page.keyboard.press('Shift+Enter');
    await page.waitForSelector('.pw-edit-notice');
    assert.deepEqual(await noticeTexts(page), ['Select one job to insert after (Shift+Enter), or press Enter to add at the end.']);

    await page.locator(nodeSelector('staging')).click();
    await page.locator(item('e2e-tests')).focus();
    await page.keyboard.press('Shift+Enter');
    const [, second] = await waitForEdits(p, 2);
    assert.deepEqual(second.operation, { op: 'addStage', template: 'e2e-tests', id: 'e2e-tests', after: 'staging' });
    await assertClean(p);
    await page.close();
  });

  it('in an Azure pipeline a template becomes a stage with an Azure name, placed among stages', async () => {
    const p = await harness.openPage();
    await p.send(documentMessage(2, azurePipeline(), 'azure-pipelines.yml'));
    await p.rendered(2);
    const { page } = p;
    const middle = await edgeMiddle(p.page, 'Test', 'Prod');
    await dragTemplate(page, 'deploy-staging', middle);
    const [edit] = await waitForEdits(p, 1);
    assert.deepEqual(edit.operation, { op: 'addStage', template: 'deploy-staging', id: 'deploy_staging', after: 'Test', before: 'Prod' });
    // A drop on a stage's box (here on its job) goes after the stage.
    const unit = await box(page, nodeSelector('Test/Unit'));
    await dragTemplate(page, 'notify', { x: unit.x + unit.width / 2, y: unit.y + unit.height / 2 });
    const [, second] = await waitForEdits(p, 2);
    assert.deepEqual(second.operation, { op: 'addStage', template: 'notify', id: 'notify', after: 'Test' });
    // Left of every stage: written first, before the first stage (which then waits for it).
    await zoomOut(page);
    const build = await box(page, nodeSelector('Build'));
    await dragTemplate(page, 'notify', { x: build.x - 60, y: build.y + 20 }, async () => {
      await page.waitForFunction(() => document.querySelector('.pw-drop-caption')?.textContent === 'Add “Notify” at the start, before “Build”');
    });
    const [, , third] = await waitForEdits(p, 3);
    assert.deepEqual(third.operation, { op: 'addStage', template: 'notify', id: 'notify', before: 'Build' });
    await assertClean(p);
    await page.close();
  });

  it('in a GitLab pipeline the lane a template is dropped in is its stage; beside a job of that lane it needs the job', async () => {
    const p = await harness.openPage();
    await p.send(documentMessage(3, gitlabPipeline(), '.gitlab-ci.yml'));
    await p.rendered(3);
    const { page } = p;
    await zoomOut(page);
    const unit = await box(page, nodeSelector('unit'));
    const sast = await box(page, nodeSelector('sast'));
    // Below the jobs of "test": no needs; GitLab's stage order makes it wait for all of "build".
    await dragTemplate(page, 'notify', { x: unit.x + unit.width / 2, y: Math.max(unit.y, sast.y) + 150 }, async () => {
      await page.waitForFunction(() => document.querySelector('.pw-drop-caption')?.textContent === 'Add “Notify” in stage “test” after every job of stage “build”');
    });
    const [first] = await waitForEdits(p, 1);
    assert.deepEqual(first.operation, { op: 'addStage', template: 'notify', id: 'notify', lane: 'test' });
    // On a job: after it, in its lane.
    await dragTemplate(page, 'notify', { x: unit.x + unit.width / 2, y: unit.y + unit.height / 2 }, async () => {
      await page.waitForFunction(() => document.querySelector('.pw-drop-caption')?.textContent === 'Add “Notify” in stage “test” after “unit”');
    });
    const [, second] = await waitForEdits(p, 2);
    assert.deepEqual(second.operation, { op: 'addStage', template: 'notify', id: 'notify', after: 'unit', lane: 'test' });
    await assertClean(p);
    await page.close();
  });

  it('the palette stays collapsed or open, with its search text, across a reload', async () => {
    const p = await flowPage(3);
    await p.page.locator('.pw-palette-search input').fill('approval');
    await p.page.waitForFunction(() => document.querySelectorAll('.pw-palette-item').length === 3);
    await p.page.locator('.pw-palette-toggle[aria-expanded="true"]').click();
    await p.page.waitForSelector('.pw-palette-closed');
    const saved = await p.savedState();
    assert.deepEqual((saved as { palette: unknown }).palette, { open: false, query: 'approval' });
    await p.page.close();

    const again = await flowPage(3, saved);
    await again.page.waitForSelector('.pw-palette-closed');
    assert.equal(await again.page.locator('.pw-palette-item').count(), 0);
    await again.page.locator('.pw-palette-toggle[aria-expanded="false"]').click();
    await again.page.waitForSelector('.pw-palette-search');
    assert.equal(await again.page.locator('.pw-palette-search input').inputValue(), 'approval');
    assert.deepEqual(await shownTemplates(again.page), ['approval-manual', 'approval-delayed', 'approval-approvers']);
    // Opening puts the focus in the search box.
    await again.page.waitForFunction(() => document.activeElement?.classList.contains('pw-palette-search'));
    await assertClean(again);
    await again.page.close();
  });
});

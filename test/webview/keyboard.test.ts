// The designer from the keyboard alone, in headless Chromium: arrows move the selection between
// nodes, Enter opens the inspector, C connects two nodes, and Delete / F2 act on a node selected
// with the arrows. Accessible names and the live region are checked along the way.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { hasSyntaxErrors, type PipelineGraph } from '../../src/core/model';
import { parsePipeline } from '../../src/core/parse';
import type { EditOperation } from '../../src/core/edit/operations';
import type { HostToWebview, WebviewToHost } from '../../src/shared/protocol';
import { zoomOutToShowAll } from '../helpers/zoomOutToShowAll';
import { startWebviewHarness, type DesignerPage, type WebviewHarness } from '../helpers/webviewHarness';
import { azurePipeline, githubRelease } from './pipelineYaml';

function documentMessage(version: number, graph: PipelineGraph): HostToWebview {
  return { type: 'document', version, fileName: 'pipeline.yml', graph, syntaxError: hasSyntaxErrors(graph) };
}

const nodeSelector = (id: string) => `.react-flow__node[data-id="${id}"]`;

async function editOperations(p: DesignerPage): Promise<EditOperation[]> {
  return (await p.posted()).filter((m): m is Extract<WebviewToHost, { type: 'edit' }> => m.type === 'edit').map((m) => m.operation);
}

async function waitForEditCount(p: DesignerPage, count: number): Promise<EditOperation[]> {
  await p.page.waitForFunction(
    (n) => (window as unknown as { __posted: { type: string }[] }).__posted.filter((m) => m.type === 'edit').length >= n,
    count,
  );
  return editOperations(p);
}

async function selectedIds(page: Page): Promise<string[]> {
  return page.$$eval('.react-flow__node.pw-graph-node.selected', (els) => els.map((el) => el.getAttribute('data-id') ?? ''));
}

async function focusedId(page: Page): Promise<string | null> {
  return page.evaluate(() => document.activeElement?.closest('.react-flow__node')?.getAttribute('data-id') ?? null);
}

/** Presses a key and waits until exactly `id` is selected and focused. */
async function pressTo(page: Page, key: string, id: string): Promise<void> {
  await page.keyboard.press(key);
  await page.waitForSelector(`${nodeSelector(id)}.selected`);
  assert.deepEqual(await selectedIds(page), [id], `${key} selects ${id}`);
  assert.equal(await focusedId(page), id, `${key} focuses ${id}`);
}

async function assertClean(p: DesignerPage): Promise<void> {
  assert.deepEqual(await p.cspViolations(), []);
  assert.deepEqual(p.errors, []);
}

describe('keyboard', () => {
  let harness: WebviewHarness;
  before(async () => {
    harness = await startWebviewHarness();
  });
  after(async () => {
    await harness?.close();
  });

  async function page(graph: PipelineGraph = githubRelease()): Promise<DesignerPage> {
    const p = await harness.openPage({ height: 900 });
    await p.send(documentMessage(1, graph));
    await p.rendered(1);
    // The whole graph on screen, so moving the selection never needs to pan the view.
    await zoomOutToShowAll(p.page);
    return p;
  }

  it('arrows move the selection along dependencies and within columns, and never move the node', async () => {
    const p = await page();
    const { page: pg } = p;
    // Focus, as Tab gives it: nothing is selected yet.
    await pg.focus(nodeSelector('build'));
    assert.deepEqual(await selectedIds(pg), []);
    const before = await pg.locator(nodeSelector('build')).boundingBox();
    await pg.keyboard.press('ArrowRight');
    await pg.waitForFunction(() => document.querySelectorAll('.react-flow__node.selected').length === 1);
    const first = (await selectedIds(pg))[0];
    assert.ok(first === 'unit' || first === 'scan', `right from build goes to a dependant, got ${first}`);
    const other = first === 'unit' ? 'scan' : 'unit';
    // unit and scan share a column: up or down reaches the other one.
    const unitBox = (await pg.locator(nodeSelector('unit')).boundingBox())!;
    const scanBox = (await pg.locator(nodeSelector('scan')).boundingBox())!;
    const towardOther = (first === 'unit') === (scanBox.y > unitBox.y) ? 'ArrowDown' : 'ArrowUp';
    await pressTo(pg, towardOther, other);
    await pressTo(pg, 'ArrowRight', 'deploy-staging');
    await pressTo(pg, 'ArrowRight', 'deploy-prod');
    await pressTo(pg, 'ArrowRight', 'rollback');
    await pressTo(pg, 'ArrowLeft', 'deploy-prod');
    await pressTo(pg, 'ArrowLeft', 'deploy-staging');
    // React Flow moves a selected node with the arrows when dragging is on; here they only select.
    assert.deepEqual(await pg.locator(nodeSelector('build')).boundingBox(), before);
    assert.deepEqual(await editOperations(p), []);
    await assertClean(p);
    await pg.close();
  });

  it('Azure: down from a stage header enters its jobs, up leaves them', async () => {
    const p = await page(azurePipeline());
    await p.page.focus(nodeSelector('Prod'));
    await pressTo(p.page, 'ArrowDown', 'Prod/Approve');
    await pressTo(p.page, 'ArrowUp', 'Prod');
    await assertClean(p);
    await p.page.close();
  });

  it('Enter opens the inspector on the node and moves focus into it; Escape goes back', async () => {
    const p = await page();
    const { page: pg } = p;
    await pg.focus(nodeSelector('deploy-staging'));
    await pressTo(pg, 'ArrowRight', 'deploy-prod');
    const selected = 'deploy-prod';
    await pg.keyboard.press('Enter');
    await pg.waitForFunction(() => document.activeElement?.id === 'pw-inspector-id');
    assert.equal(await pg.$eval('#pw-inspector-id', (el) => (el as unknown as { value: string }).value), selected);
    // The same Enter reveals the node's YAML, as a click does.
    assert.deepEqual((await p.posted()).filter((m) => m.type === 'selectNode').at(-1), { type: 'selectNode', nodeId: selected });
    await pg.keyboard.press('Escape');
    await pg.waitForFunction((id) => document.activeElement?.getAttribute('data-id') === id, selected);
    // A matrix job's own fields are edited (issue #10): focus lands on its id, as on any job.
    await pg.focus(nodeSelector('unit'));
    await pg.keyboard.press('Enter');
    await pg.waitForFunction(() => document.activeElement?.id === 'pw-inspector-id');
    await assertClean(p);
    await pg.close();

    // A read-only node has no field to type in: focus lands on Show in text.
    const template = parsePipeline(
      'stages:\n- stage: Test\n  jobs:\n  - job: Unit\n    steps:\n    - script: make test\n  - template: jobs/lint.yml\n',
      { fileName: 'azure-pipelines.yml' },
    );
    const q = await page(template);
    await q.page.focus(nodeSelector('Test/template:jobs/lint.yml'));
    await q.page.keyboard.press('Enter');
    await q.page.waitForFunction(() => document.activeElement?.classList.contains('pw-inspector-show-text'));
    await assertClean(q);
    await q.page.close();
  });

  it('C then arrows and Enter posts addDependency with the selected node as the dependency; Escape cancels', async () => {
    const p = await page();
    const { page: pg } = p;
    await pg.focus(nodeSelector('deploy-staging'));
    await pressTo(pg, 'ArrowLeft', await leftOfDeployStaging(pg));
    const source = (await selectedIds(pg))[0];

    await pg.keyboard.press('c');
    await pg.waitForSelector('.pw-connect-banner');
    assert.equal(await pg.locator(`${nodeSelector(source)}.pw-connect-source`).count(), 1);
    await pg.keyboard.press('ArrowRight'); // deploy-staging: already depends on it
    await pg.keyboard.press('ArrowRight'); // deploy-prod
    await pg.waitForSelector(`${nodeSelector('deploy-prod')}.pw-connect-target`);
    // The pending connection is drawn, and read out.
    await pg.waitForSelector('.react-flow__edge.pw-edge-pending', { state: 'attached' });
    assert.match((await pg.textContent('.pw-connect-banner')) ?? '', /Deploy to production will depend on/);
    assert.match((await pg.textContent('.pw-live-region')) ?? '', /Connect to Deploy to production\?/);
    assert.deepEqual(await editOperations(p), [], 'nothing is sent before Enter');
    await pg.keyboard.press('Enter');
    assert.deepEqual(await waitForEditCount(p, 1), [{ op: 'addDependency', stage: 'deploy-prod', dependsOn: source }]);
    await pg.waitForSelector('.pw-connect-banner', { state: 'detached' });
    assert.equal(await pg.locator('.react-flow__edge.pw-edge-pending').count(), 0);

    // Escape: no edit, the marks go, focus returns to the source.
    await pg.focus(nodeSelector('build'));
    await pg.keyboard.press('c');
    await pg.keyboard.press('ArrowRight');
    await pg.keyboard.press('Escape');
    await pg.waitForSelector('.pw-connect-banner', { state: 'detached' });
    assert.equal(await pg.locator('.pw-connect-source, .pw-connect-target').count(), 0);
    assert.equal(await focusedId(pg), 'build');
    assert.match((await pg.textContent('.pw-live-region')) ?? '', /Connection cancelled/);

    // Onto a node that already depends on the source: refused with the reason, nothing sent.
    await pg.focus(nodeSelector('deploy-staging'));
    await pg.keyboard.press('c');
    await pg.keyboard.press('ArrowRight');
    await pg.keyboard.press('Enter');
    await pg.waitForSelector('.pw-edit-notice');
    assert.match((await pg.textContent('.pw-edit-notice')) ?? '', /already depends on "Deploy to staging"/);
    assert.equal((await editOperations(p)).length, 1);
    await assertClean(p);
    await pg.close();
  });

  it('Delete and F2 act on a node selected with the arrows', async () => {
    const p = await page();
    const { page: pg } = p;
    await pg.focus(nodeSelector('deploy-staging'));
    await pressTo(pg, 'ArrowRight', 'deploy-prod');
    await pg.keyboard.press('Delete');
    assert.deepEqual(await waitForEditCount(p, 1), [{ op: 'deleteStage', stage: 'deploy-prod' }]);
    await pressTo(pg, 'ArrowRight', 'rollback');
    await pg.keyboard.press('F2');
    const box = pg.locator(`${nodeSelector('rollback')} input.pw-rename-input`);
    await box.waitFor();
    await box.fill('undo-release');
    await box.press('Enter');
    assert.deepEqual((await waitForEditCount(p, 2))[1], { op: 'renameStage', stage: 'rollback', newId: 'undo-release' });
    // An applied edit is read out once the host says so.
    const [request] = (await p.posted()).filter((m): m is Extract<WebviewToHost, { type: 'edit' }> => m.type === 'edit');
    await p.send({ type: 'editResult', requestId: request.requestId, ok: true });
    await pg.waitForFunction(() => /Done: delete deploy-prod/.test(document.querySelector('.pw-live-region')?.textContent ?? ''));
    await assertClean(p);
    await pg.close();
  });

  it('nodes and edges have accessible names; the panels are labelled landmarks', async () => {
    const p = await page();
    const label = (await p.page.getAttribute(nodeSelector('deploy-staging'), 'aria-label')) ?? '';
    assert.match(label, /^Job Deploy to staging, id deploy-staging, deploy, environment staging, depends on (Unit tests, Trivy scan|Trivy scan, Unit tests)$/);
    assert.equal(await p.page.getAttribute('.react-flow__edge[data-from="build"][data-to="scan"]', 'aria-label'), 'Trivy scan depends on Build image');
    await p.page.click('.pw-inspector-toggle');
    assert.equal(await p.page.getAttribute('.pw-inspector', 'role'), 'complementary');
    assert.equal(await p.page.getAttribute('.pw-inspector', 'aria-label'), 'Inspector');
    assert.equal(await p.page.getAttribute('.pw-toolbar', 'role'), 'toolbar');
    assert.equal(await p.page.getAttribute('.pw-live-region', 'aria-live'), 'polite');
    await assertClean(p);
    await p.page.close();
  });
});

async function leftOfDeployStaging(page: Page): Promise<string> {
  return closerInHeight(page, 'deploy-staging', ['unit', 'scan']);
}

async function closerInHeight(page: Page, from: string, candidates: string[]): Promise<string> {
  const centre = async (id: string) => {
    const b = (await page.locator(nodeSelector(id)).boundingBox())!;
    return b.y + b.height / 2;
  };
  const y = await centre(from);
  const distances = await Promise.all(candidates.map(async (id) => Math.abs((await centre(id)) - y)));
  return candidates[distances.indexOf(Math.min(...distances))];
}

// Canvas gestures that ask for edits, in headless Chromium: what the webview posts (intents that
// carry the version of the graph they were made on), what it refuses and says (for as long as it
// is about the document on screen), and that the graph on screen changes only when the host
// sends a new document.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { hasSyntaxErrors, type PipelineGraph } from '../../src/core/model';
import { parsePipeline } from '../../src/core/parse';
import type { HostToWebview, WebviewToHost } from '../../src/shared/protocol';
import { zoomOutToShowAll } from '../helpers/zoomOutToShowAll';
import { startWebviewHarness, type DesignerPage, type WebviewHarness } from '../helpers/webviewHarness';
import { applyingHost } from './applyingHost';
import { AZURE_PIPELINE, GITHUB_RELEASE, azurePipeline, githubRelease } from './pipelineYaml';

/** The Azure pipeline with a job template item beside Test's job, and a stage of one job. */
const AZURE_WITH_TEMPLATE = AZURE_PIPELINE.replace(
  '    - script: make test\n',
  '    - script: make test\n  - template: jobs/lint.yml\n- stage: Docs\n  dependsOn: []\n  jobs:\n  - job: Site\n    steps:\n    - script: make docs\n',
);

type EditMessage = Extract<WebviewToHost, { type: 'edit' }>;

function documentMessage(version: number, graph: PipelineGraph): HostToWebview {
  return { type: 'document', version, fileName: '.github/workflows/release.yml', graph, syntaxError: hasSyntaxErrors(graph) };
}

const nodeSelector = (id: string) => `.react-flow__node[data-id="${id}"]`;

async function edits(p: DesignerPage): Promise<EditMessage[]> {
  return (await p.posted()).filter((m): m is EditMessage => m.type === 'edit');
}

/** Waits until `count` edits were posted and returns them. */
async function waitForEdits(p: DesignerPage, count: number): Promise<EditMessage[]> {
  await p.page.waitForFunction(
    (n) => (window as unknown as { __posted: { type: string }[] }).__posted.filter((m) => m.type === 'edit').length >= n,
    count,
  );
  return edits(p);
}

async function screenIds(page: Page): Promise<{ nodes: string[]; edges: string[] }> {
  return {
    nodes: (await page.$$eval('.react-flow__node.pw-graph-node', (els) => els.map((el) => el.getAttribute('data-id') ?? ''))).sort(),
    edges: (await page.$$eval('.react-flow__edge', (els) => els.map((el) => el.getAttribute('data-id') ?? ''))).sort(),
  };
}

async function centre(page: Page, selector: string): Promise<{ x: number; y: number }> {
  const b = await page.locator(selector).boundingBox();
  assert.ok(b, `${selector} has no box`);
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

/** Drags with the mouse from `source`'s right-hand handle to `target`'s left-hand handle. */
async function connect(page: Page, source: string, target: string): Promise<void> {
  const from = await centre(page, `${nodeSelector(source)} .react-flow__handle.source`);
  const to = await centre(page, `${nodeSelector(target)} .react-flow__handle.target`);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 5 });
  await page.mouse.move(to.x, to.y, { steps: 5 });
  await page.mouse.up();
}

/** Clicks the middle of an edge's drawn path (its bounding box centre may be off the curve). */
async function clickEdge(page: Page, from: string, to: string): Promise<void> {
  const point = await page.$eval(`.react-flow__edge[data-id="${from}->${to}"] .react-flow__edge-path`, (el) => {
    const path = el as SVGPathElement;
    const p = path.getPointAtLength(path.getTotalLength() / 2);
    const m = path.getScreenCTM()!;
    return { x: m.a * p.x + m.c * p.y + m.e, y: m.b * p.x + m.d * p.y + m.f };
  });
  await page.mouse.click(point.x, point.y);
  // Attached, not visible: a straight edge's group has no height, which Playwright calls hidden.
  await page.waitForSelector(`.react-flow__edge[data-id="${from}->${to}"].selected`, { state: 'attached' });
}

async function noticeTexts(page: Page): Promise<string[]> {
  return page.$$eval('.pw-edit-notice .pw-edit-notice-text', (els) => els.map((el) => el.textContent?.replace(/\s+/g, ' ').trim() ?? ''));
}

async function assertClean(p: DesignerPage): Promise<void> {
  assert.deepEqual(await p.cspViolations(), []);
  assert.deepEqual(p.errors, []);
}

describe('designer gestures that edit', () => {
  let harness: WebviewHarness;
  before(async () => {
    harness = await startWebviewHarness();
  });
  after(async () => {
    await harness?.close();
  });

  /** A page showing the GitHub release workflow as document version `version`. */
  async function githubPage(version = 3): Promise<DesignerPage> {
    const p = await harness.openPage();
    await p.send(documentMessage(version, githubRelease()));
    await p.rendered(version);
    // Every edge and node is clicked somewhere: have them all on screen.
    await zoomOutToShowAll(p.page);
    return p;
  }

  it('dragging from one node to another posts addDependency (dependant needs source) with the graph version', async () => {
    const p = await githubPage(3);
    const before = await screenIds(p.page);
    await connect(p.page, 'scan', 'deploy-prod');
    const [edit] = await waitForEdits(p, 1);
    assert.equal(typeof edit.requestId, 'string');
    assert.deepEqual({ ...edit, requestId: '' }, {
      type: 'edit',
      requestId: '',
      baseVersion: 3,
      operation: { op: 'addDependency', stage: 'deploy-prod', dependsOn: 'scan' },
    });
    // Controlled: no edge appears until the host sends the changed document.
    assert.deepEqual(await screenIds(p.page), before);
    const after = parsePipeline(GITHUB_RELEASE.replace('    needs: deploy-staging\n', '    needs: [deploy-staging, scan]\n'), { fileName: 'release.yml' });
    await p.send(documentMessage(4, after));
    await p.rendered(4);
    assert.ok((await screenIds(p.page)).edges.includes('scan->deploy-prod'));
    await assertClean(p);
    await p.page.close();
  });

  it('a drop on a matrix job connects it (its needs are its own); one on an existing dependency posts nothing and says why', async () => {
    const p = await githubPage();
    await connect(p.page, 'scan', 'unit');
    const [edit] = await waitForEdits(p, 1);
    assert.deepEqual(edit.operation, { op: 'addDependency', stage: 'unit', dependsOn: 'scan' });
    await connect(p.page, 'build', 'scan');
    await p.page.waitForSelector('.pw-edit-notice');
    assert.deepEqual(await noticeTexts(p.page), ['"Trivy scan" already depends on "Build image".']);
    assert.equal((await edits(p)).length, 1);
    await assertClean(p);
    await p.page.close();
  });

  it('selecting an edge and pressing Delete posts removeDependency; Backspace too', async () => {
    const p = await githubPage(5);
    const before = await screenIds(p.page);
    await clickEdge(p.page, 'scan', 'deploy-staging');
    await p.page.keyboard.press('Delete');
    const [edit] = await waitForEdits(p, 1);
    assert.equal(edit.baseVersion, 5);
    assert.deepEqual(edit.operation, { op: 'removeDependency', stage: 'deploy-staging', dependsOn: 'scan' });
    await clickEdge(p.page, 'deploy-prod', 'rollback');
    await p.page.keyboard.press('Backspace');
    const [, second] = await waitForEdits(p, 2);
    assert.deepEqual(second.operation, { op: 'removeDependency', stage: 'rollback', dependsOn: 'deploy-prod' });
    assert.notEqual(second.requestId, edit.requestId);
    assert.deepEqual(await screenIds(p.page), before, 'the edges stay until the host says otherwise');
    // An edge into a matrix job is removed like any other: its needs are its own (issue #10).
    await clickEdge(p.page, 'build', 'unit');
    await p.page.keyboard.press('Delete');
    const [, , third] = await waitForEdits(p, 3);
    assert.deepEqual(third.operation, { op: 'removeDependency', stage: 'unit', dependsOn: 'build' });
    await assertClean(p);
    await p.page.close();
  });

  it('a node and Delete posts deleteStage; several selected nodes post one each, in graph order', async () => {
    const p = await githubPage(2);
    const before = await screenIds(p.page);
    await p.page.click(nodeSelector('rollback'));
    await p.page.keyboard.press('Delete');
    const [first] = await waitForEdits(p, 1);
    assert.deepEqual(first.operation, { op: 'deleteStage', stage: 'rollback' });
    assert.equal(first.baseVersion, 2);

    await p.page.click(nodeSelector('rollback'));
    await p.page.click(nodeSelector('scan'), { modifiers: ['Control'] });
    await p.page.waitForSelector(`${nodeSelector('scan')}.selected`);
    assert.equal(await p.page.locator(`${nodeSelector('rollback')}.selected`).count(), 1);
    await p.page.keyboard.press('Delete');
    const all = await waitForEdits(p, 3);
    assert.deepEqual(all.slice(1).map((e) => e.operation), [
      { op: 'deleteStage', stage: 'scan' },
      { op: 'deleteStage', stage: 'rollback' },
    ]);
    assert.deepEqual(await screenIds(p.page), before, 'nothing disappears until the host sends a document');
    await assertClean(p);
    await p.page.close();
  });

  it('what the platform rejects is not offered: no rename of a template item, no delete of a stage\'s only job; each says why', async () => {
    const p = await harness.openPage();
    await p.send({ type: 'document', version: 1, fileName: 'azure-pipelines.yml', graph: parsePipeline(AZURE_WITH_TEMPLATE, { fileName: 'azure-pipelines.yml' }), syntaxError: false });
    await p.rendered(1);
    await zoomOutToShowAll(p.page);
    const template = 'Test/template:jobs/lint.yml';
    const renameReason = `"${template}" is a \`- template:\` reference, which Azure Pipelines allows only \`template:\` and \`parameters:\`; its name is written in the template file.`;
    await p.page.click(nodeSelector(template));
    await p.page.keyboard.press('F2');
    await p.page.waitForSelector('.pw-edit-notice');
    await p.page.dblclick(`${nodeSelector(template)} .pw-name`);
    await p.page.waitForFunction(() => document.querySelectorAll('.pw-edit-notice').length === 2);
    assert.deepEqual(await noticeTexts(p.page), [renameReason, renameReason]);
    assert.equal(await p.page.locator('.pw-rename-input').count(), 0);
    await p.page.click(nodeSelector('Docs/Site'));
    await p.page.keyboard.press('Delete');
    await p.page.waitForFunction(() => document.querySelectorAll('.pw-edit-notice').length === 3);
    assert.equal((await noticeTexts(p.page))[2], '"Docs/Site" is the only job of stage "Docs", and a stage needs at least one; delete the stage instead.');
    assert.deepEqual(await edits(p), []);
    await assertClean(p);
    await p.page.close();
  });

  it('F2 opens a rename box: Enter posts renameStage, Escape posts nothing, an empty name is refused', async () => {
    const p = await githubPage(7);
    await p.page.click(nodeSelector('build'));
    await p.page.keyboard.press('F2');
    const input = p.page.locator(`${nodeSelector('build')} .pw-rename-input`);
    await input.waitFor();
    assert.equal(await input.inputValue(), 'build');
    assert.equal(await input.evaluate((el) => el === document.activeElement), true);
    await p.page.keyboard.type('compile');
    await p.page.keyboard.press('Enter');
    const [rename] = await waitForEdits(p, 1);
    assert.deepEqual(rename.operation, { op: 'renameStage', stage: 'build', newId: 'compile' });
    assert.equal(rename.baseVersion, 7);
    await input.waitFor({ state: 'detached' });
    assert.equal(await p.page.textContent(`${nodeSelector('build')} .pw-name`), 'Build image', 'the name is unchanged until the host says');
    // Focus goes back to the node, so the keyboard can carry on.
    await p.page.waitForFunction(() => document.activeElement?.getAttribute('data-id') === 'build');

    await p.page.keyboard.press('F2');
    await input.waitFor();
    await p.page.keyboard.type('other');
    await p.page.keyboard.press('Escape');
    await input.waitFor({ state: 'detached' });

    // Double-click opens it too; an empty name keeps the box open with the problem.
    await p.page.dblclick(`${nodeSelector('scan')} .pw-name`);
    const scanInput = p.page.locator(`${nodeSelector('scan')} .pw-rename-input`);
    await scanInput.waitFor();
    await p.page.keyboard.press('Backspace');
    await p.page.keyboard.press('Enter');
    await p.page.waitForSelector(`${nodeSelector('scan')} .pw-rename-problem`);
    assert.equal(await scanInput.getAttribute('aria-invalid'), 'true');
    assert.match((await p.page.textContent(`${nodeSelector('scan')} .pw-rename-problem`)) ?? '', /Enter a name/);
    // Keeping the same name is not an edit.
    await p.page.keyboard.type('scan');
    await p.page.keyboard.press('Enter');
    await scanInput.waitFor({ state: 'detached' });
    assert.equal((await edits(p)).length, 1);
    await assertClean(p);
    await p.page.close();
  });

  it('Ctrl+Z inside the rename box stays in the box; on the canvas it reaches VS Code', async () => {
    const p = await githubPage();
    // VS Code's webview host listens for keydown on the page's window and turns Ctrl+Z into the
    // workbench's undo: record what reaches the window.
    await p.page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { __windowKeys: string[] }).__windowKeys = seen;
      window.addEventListener('keydown', (e) => seen.push(`${e.ctrlKey ? 'Ctrl+' : ''}${e.key}`));
    });
    const windowKeys = () => p.page.evaluate(() => (window as unknown as { __windowKeys: string[] }).__windowKeys);
    await p.page.click(nodeSelector('deploy-prod'));
    await p.page.keyboard.press('F2');
    const input = p.page.locator(`${nodeSelector('deploy-prod')} .pw-rename-input`);
    await input.waitFor();
    await p.page.keyboard.press('End');
    await p.page.keyboard.type('-eu');
    assert.equal(await input.inputValue(), 'deploy-prod-eu');
    await p.page.keyboard.press('Control+z');
    assert.notEqual(await input.inputValue(), 'deploy-prod-eu', "the box's own undo ran");
    assert.ok(!(await windowKeys()).includes('Ctrl+z'), 'Ctrl+Z in the box did not reach VS Code');
    await p.page.keyboard.press('Escape');
    await input.waitFor({ state: 'detached' });
    await p.page.keyboard.press('Control+z');
    assert.ok((await windowKeys()).includes('Ctrl+z'), 'Ctrl+Z on the canvas reaches VS Code');
    assert.deepEqual(await edits(p), []);
    await assertClean(p);
    await p.page.close();
  });

  it('shows a refusal from the host with what was asked, until dismissed; success shows nothing', async () => {
    const p = await githubPage();
    await p.page.click(nodeSelector('rollback'));
    await p.page.keyboard.press('Delete');
    await p.page.click(nodeSelector('scan'));
    await p.page.keyboard.press('Delete');
    const [refused, accepted] = await waitForEdits(p, 2);
    await p.send({ type: 'editResult', requestId: accepted.requestId, ok: true });
    await p.send({ type: 'editResult', requestId: refused.requestId, ok: false, reason: `can't edit this visually: "rollback" holds an anchor` });
    await p.page.waitForSelector('.pw-edit-notice');
    assert.deepEqual(await noticeTexts(p.page), [`Delete rollback: can't edit this visually: "rollback" holds an anchor`]);
    assert.equal(await p.page.getAttribute('.pw-edit-notices', 'role'), 'alert');
    await p.page.click('.pw-edit-notice-dismiss');
    await p.page.waitForSelector('.pw-edit-notice', { state: 'detached' });
    await assertClean(p);
    await p.page.close();
  });

  it('a delete that reconnected stages says which, as a notice; a cancelled one shows nothing', async () => {
    const p = await githubPage();
    await p.page.click(nodeSelector('scan'));
    await p.page.keyboard.press('Delete');
    const [deleted] = await waitForEdits(p, 1);
    assert.deepEqual(deleted.operation, { op: 'deleteStage', stage: 'scan' });
    await p.send({ type: 'editResult', requestId: deleted.requestId, ok: false, reason: 'delete scan was cancelled; nothing was changed', cancelled: true });
    await p.page.click(nodeSelector('scan'));
    await p.page.keyboard.press('Delete');
    const again = (await waitForEdits(p, 2))[1];
    await p.send({ type: 'editResult', requestId: again.requestId, ok: true, reconnected: [{ stage: 'deploy-staging', waitsFor: ['build'] }] });
    await p.page.waitForSelector('.pw-edit-notice-info');
    // Only the applied one is on screen: the cancellation left no notice behind.
    assert.deepEqual(await noticeTexts(p.page), ['Delete scan; deploy-staging now waits for build.']);
    await assertClean(p);
    await p.page.close();
  });

  it('a refusal banner goes once the document moves on, but stays through its own gesture\'s document', async () => {
    const p = await harness.openPage();
    const { page } = p;
    await p.send({ type: 'document', version: 3, fileName: 'azure-pipelines.yml', graph: parsePipeline(AZURE_WITH_TEMPLATE, { fileName: 'azure-pipelines.yml' }), syntaxError: false });
    await p.rendered(3);
    await zoomOutToShowAll(page);
    const host = applyingHost(p, AZURE_WITH_TEMPLATE, 3, 'azure-pipelines.yml');

    // Refused by the host; then another edit applies: the refusal was about a document no longer on screen.
    await page.click(nodeSelector('Build/Docker'));
    await page.keyboard.press('Delete');
    const [refused] = await waitForEdits(p, 1);
    await p.send({ type: 'editResult', requestId: refused.requestId, ok: false, reason: 'the file changed under the edit' });
    await page.waitForSelector('.pw-edit-notice');
    await page.click(nodeSelector('Prod/Approve'));
    await page.keyboard.press('Delete');
    const [, accepted] = await waitForEdits(p, 2);
    await host.apply(accepted);
    await page.waitForSelector('.pw-edit-notice', { state: 'detached' });

    // One Delete: the only job of a stage is refused at once (the platform's rule), the other
    // job's edit applies. The notice is about that gesture, so its own document does not take it
    // away; the next one does.
    await page.click(nodeSelector('Docs/Site'));
    await page.click(nodeSelector('Build/Docker'), { modifiers: ['Control'] });
    await page.waitForSelector(`${nodeSelector('Build/Docker')}.selected`);
    await page.keyboard.press('Delete');
    const [, , deleteDocker] = await waitForEdits(p, 3);
    assert.deepEqual(deleteDocker.operation, { op: 'deleteStage', stage: 'Build/Docker' });
    await page.waitForSelector('.pw-edit-notice');
    assert.match((await noticeTexts(page))[0], /^"Docs\/Site" is the only job of stage "Docs"/);
    await host.apply(deleteDocker);
    assert.match((await noticeTexts(page))[0], /^"Docs\/Site" is the only job of stage "Docs"/);
    await p.send({ type: 'document', version: 6, fileName: 'azure-pipelines.yml', graph: parsePipeline(`# typed in the text\n${host.text}`, { fileName: 'azure-pipelines.yml' }), syntaxError: false });
    await p.rendered(6);
    await page.waitForSelector('.pw-edit-notice', { state: 'detached' });
    await assertClean(p);
    await page.close();
  });

  it('does not send edits while the YAML does not parse', async () => {
    const p = await githubPage(1);
    const broken = parsePipeline(GITHUB_RELEASE.replace('    steps:\n      - run: trivy', '  steps: [\n      - run: trivy'), { fileName: 'release.yml' });
    await p.send(documentMessage(2, broken));
    await p.rendered(2);
    // The dimmed canvas is aria-disabled, which Playwright's click refuses; a user can click it.
    await p.page.click(nodeSelector('rollback'), { force: true });
    await p.page.keyboard.press('Delete');
    await p.page.waitForSelector('.pw-edit-notice');
    assert.deepEqual(await noticeTexts(p.page), ['The YAML does not parse. Fix it in the text editor, then edit here again.']);
    assert.deepEqual(await edits(p), []);
    // Fixed in the text: the notice no longer describes the file, and goes.
    await p.send(documentMessage(3, githubRelease()));
    await p.rendered(3);
    await p.page.waitForSelector('.pw-edit-notice', { state: 'detached' });
    await assertClean(p);
    await p.page.close();
  });

  it('Azure: renaming a job edits its own name; deleting a stage with its jobs selected deletes the stage once', async () => {
    const p = await harness.openPage();
    await p.send({ type: 'document', version: 1, fileName: 'azure-pipelines.yml', graph: azurePipeline(), syntaxError: false });
    await p.rendered(1);
    await p.page.click(nodeSelector('Prod/Deploy'));
    await p.page.keyboard.press('F2');
    const input = p.page.locator(`${nodeSelector('Prod/Deploy')} .pw-rename-input`);
    await input.waitFor();
    assert.equal(await input.inputValue(), 'Deploy');
    await p.page.keyboard.type('Release');
    await p.page.keyboard.press('Enter');
    const [rename] = await waitForEdits(p, 1);
    assert.deepEqual(rename.operation, { op: 'renameStage', stage: 'Prod/Deploy', newId: 'Release' });

    await p.page.click(`${nodeSelector('Test')} .pw-stage-header`);
    await p.page.click(nodeSelector('Test/Unit'), { modifiers: ['Control'] });
    await p.page.waitForSelector(`${nodeSelector('Test/Unit')}.selected`);
    await p.page.keyboard.press('Delete');
    const all = await waitForEdits(p, 2);
    assert.deepEqual(all.slice(1).map((e) => e.operation), [{ op: 'deleteStage', stage: 'Test' }]);
    await assertClean(p);
    await p.page.close();
  });
});

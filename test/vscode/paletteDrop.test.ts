// Dropping a palette template in a real VS Code (code-server). Onto a dependency: the workflow
// gains exactly the template's job between the edge's two ends, every other byte stays, and
// Ctrl+Z in the designer takes it all back as one undo step. Onto empty canvas right of the
// sample's last stage: the caption and the saved YAML agree on what the new job needs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Frame, Page } from 'playwright-core';
import { root } from '../../scripts/lib/codeServer.mjs';
import {
  designerFrame,
  focusDesignerCanvas,
  saveFileAndExpect,
  fixture,
  graphEdge,
  graphNode,
  launchWorkbench,
  openFile,
  runCommand,
  screenshotOnFailure,
  UI_TIMEOUT_MS,
  zoomOutToShowAll,
  type Workbench,
} from '../helpers/vscodeHarness';

const workflowPath = join('.github', 'workflows', 'release.yml');
const samplePath = join('.github', 'workflows', 'deploy.yml');
const ORIGINAL = readFileSync(join(fixture('github-palette'), workflowPath), 'utf8');

/** What "Deploy to production (canary)" writes for GitHub, in this file's style. */
const CANARY_JOB = `
  deploy-production-canary:
    name: Deploy to production (canary)
    runs-on: ubuntu-latest
    needs: staging
    environment:
      name: production
      url: \${{ vars.PRODUCTION_URL }}
    concurrency: production
    timeout-minutes: 60
    steps:
      - uses: actions/checkout@v4
      - name: Use the cluster credentials
        uses: azure/k8s-set-context@v4
        with:
          method: kubeconfig
          kubeconfig: \${{ secrets.KUBE_CONFIG }}
      - name: Install the Argo Rollouts plugin
        run: |
          curl -fsSL -o kubectl-argo-rollouts https://github.com/argoproj/argo-rollouts/releases/latest/download/kubectl-argo-rollouts-linux-amd64
          sudo install -m 0755 kubectl-argo-rollouts /usr/local/bin/kubectl-argo-rollouts
      - name: Shift traffic in steps (10%, 50%, then all)
        run: |
          kubectl patch rollout app --type merge -p '{"spec":{"strategy":{"canary":{"steps":[{"setWeight":10},{"pause":{"duration":"5m"}},{"setWeight":50},{"pause":{"duration":"10m"}}]}}}}'
          kubectl argo rollouts set image app app=ghcr.io/\${{ github.repository }}:\${{ github.sha }}
          kubectl argo rollouts status app --timeout 45m
`;

/** Replaces one exact passage, failing loudly when the fixture no longer holds it. */
function replaceOnce(text: string, passage: string, replacement: string): string {
  assert.equal(text.split(passage).length, 2, `the fixture should hold ${JSON.stringify(passage)} exactly once`);
  return text.replace(passage, replacement);
}

/** The job inserted after staging's block, and verify needing it instead of staging. */
const EXPECTED = replaceOnce(
  replaceOnce(ORIGINAL, '      - run: ./deploy.sh staging\n', `      - run: ./deploy.sh staging\n${CANARY_JOB}`),
  '  verify:\n    needs: staging\n',
  '  verify:\n    needs: deploy-production-canary\n',
);

/**
 * Presses on a palette template (its box `from`) and drags it to `to`, holding it there: the
 * caller checks the drop indicator, then lets go.
 */
async function holdTemplateOver(page: Page, from: { x: number; y: number; height: number }, to: { x: number; y: number }): Promise<void> {
  await page.mouse.move(from.x + 20, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + 60, from.y + from.height / 2, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 10 });
  // A second move to the same point: Chromium may skip a dragover sent while the page was busy.
  await page.mouse.move(to.x, to.y);
}

describe('dropping a palette template onto an edge (code-server)', { timeout: 600_000 }, () => {
  let workbench: Workbench;
  let designer: Frame;
  const onDisk = () => readFileSync(join(workbench.workspace, workflowPath), 'utf8');

  before(async () => {
    workbench = await launchWorkbench({ workspaceFrom: fixture('github-palette'), name: 'palette-drop' });
  });

  after(async () => {
    await workbench?.close();
  });

  const check = (name: string, body: () => Promise<void>) =>
    test(name, () => screenshotOnFailure(workbench.page, `palette-drop-${name}`, body));

  const saveAndExpect = (page: Page, expected: string) => saveFileAndExpect(page, onDisk, expected);
  const focusDesigner = () => focusDesignerCanvas(designer);

  /** The page point halfway along an edge's drawn line (the webview is an iframe in an iframe). */
  async function edgeMiddle(from: string, to: string): Promise<{ x: number; y: number }> {
    const line = graphEdge(designer, from, to).locator('.react-flow__edge-path');
    const inFrame = await line.evaluate((el) => {
      const path = el as SVGPathElement;
      const p = path.getPointAtLength(path.getTotalLength() / 2);
      const m = path.getScreenCTM()!;
      const box = path.getBoundingClientRect();
      return { x: m.a * p.x + m.c * p.y + m.e, y: m.b * p.x + m.d * p.y + m.f, left: box.left, top: box.top };
    });
    const onPage = await line.boundingBox();
    assert.ok(onPage, `the edge ${from} → ${to} has no box`);
    return { x: onPage.x + (inFrame.x - inFrame.left), y: onPage.y + (inFrame.y - inFrame.top) };
  }

  check('opens the designer beside the workflow', async () => {
    const { page } = workbench;
    await openFile(page, 'release.yml');
    await runCommand(page, 'Pipewright: Open in Designer');
    designer = await designerFrame(page, 'verify');
    await graphEdge(designer, 'staging', 'verify').waitFor({ state: 'attached', timeout: UI_TIMEOUT_MS });
  });

  check('dragging "Deploy to production (canary)" onto staging → verify inserts the job between them, byte for byte; Ctrl+Z restores the file', async () => {
    const { page } = workbench;
    // Room for the whole graph beside the palette: hide the side bar, then fit the graph.
    await page.keyboard.press('Control+B');
    await page.locator('.part.sidebar').waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
    // A designer beside the text is narrow, so the palette starts collapsed: open it.
    const toggle = designer.locator('.pw-palette-closed .pw-palette-toggle');
    if (await toggle.count()) await toggle.click();
    await zoomOutToShowAll(designer);
    const template = designer.locator('.pw-palette-item[data-template="deploy-production-canary"]');
    await template.scrollIntoViewIfNeeded();
    const from = await template.boundingBox();
    assert.ok(from, 'the template is on screen');
    const to = await edgeMiddle('staging', 'verify');
    await holdTemplateOver(page, from, to);
    await designer.locator('.pw-drop-overlay[data-drop-kind="edge"]').waitFor({ state: 'attached', timeout: UI_TIMEOUT_MS });
    assert.equal(await designer.locator('.pw-drop-caption').textContent(), 'Add “Deploy to production (canary)” between “staging” and “verify”');
    await page.mouse.up();

    // The host applies the edit and the new document draws the job and its two edges.
    await graphEdge(designer, 'deploy-production-canary', 'verify').waitFor({ state: 'attached', timeout: UI_TIMEOUT_MS });
    await graphEdge(designer, 'staging', 'deploy-production-canary').waitFor({ state: 'attached', timeout: UI_TIMEOUT_MS });
    assert.equal(await graphEdge(designer, 'staging', 'verify').count(), 0);
    await focusDesigner();
    await saveAndExpect(page, EXPECTED);

    await page.keyboard.press('Control+Z');
    await graphNode(designer, 'deploy-production-canary').waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
    await graphEdge(designer, 'staging', 'verify').waitFor({ state: 'attached', timeout: UI_TIMEOUT_MS });
    await saveAndExpect(page, ORIGINAL);
  });
});

describe('dropping a palette template on empty canvas (code-server, the sample workspace)', { timeout: 600_000 }, () => {
  let workbench: Workbench;
  const sample = () => readFileSync(join(root, 'samples', samplePath), 'utf8');
  const onDisk = () => readFileSync(join(workbench.workspace, samplePath), 'utf8');

  before(async () => {
    workbench = await launchWorkbench({ workspaceFrom: join(root, 'samples'), name: 'palette-drop-sample' });
  });

  after(async () => {
    await workbench?.close();
  });

  test('"Notify" dropped right of the last stage, below its row, is added after it: caption, graph and saved YAML agree', () =>
    screenshotOnFailure(workbench.page, 'palette-drop-sample', async () => {
      const { page } = workbench;
      await openFile(page, 'deploy.yml');
      await runCommand(page, 'Pipewright: Open in Designer');
      const designer = await designerFrame(page, 'rollback');
      await page.keyboard.press('Control+B');
      await page.locator('.part.sidebar').waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
      const toggle = designer.locator('.pw-palette-closed .pw-palette-toggle');
      if (await toggle.count()) await toggle.click();
      // Every stage in view (Fit stops at a readable zoom), then out until there is empty canvas
      // right of the last stage.
      await zoomOutToShowAll(designer);
      const room = () =>
        designer.evaluate(() => {
          const pane = document.querySelector('.react-flow__pane')!.getBoundingClientRect();
          const last = document.querySelector('.react-flow__node[data-id="rollback"]')!.getBoundingClientRect();
          return pane.right - last.right > 120 && last.bottom + 60 < pane.bottom;
        });
      for (let i = 0; i < 6 && !(await room()); i++) await designer.locator('.react-flow__controls-zoomout').click();
      assert.ok(await room(), 'room right of the last stage');

      const template = designer.locator('.pw-palette-item[data-template="notify"]');
      await template.scrollIntoViewIfNeeded();
      const from = await template.boundingBox();
      const last = await graphNode(designer, 'rollback').boundingBox();
      assert.ok(from && last, 'the template and the last stage are on screen');
      // Right of the last stage and below its row: no stage is in the drop's row.
      const to = { x: last.x + last.width + 60, y: last.y + last.height + 40 };
      await holdTemplateOver(page, from, to);
      await designer.locator('.pw-drop-overlay[data-drop-kind="canvas"]').waitFor({ state: 'attached', timeout: UI_TIMEOUT_MS });
      assert.equal(await designer.locator('.pw-drop-caption').textContent(), 'Add “Notify” after “rollback”');
      await page.mouse.up();

      await graphEdge(designer, 'rollback', 'notify').waitFor({ state: 'attached', timeout: UI_TIMEOUT_MS });
      await focusDesignerCanvas(designer);
      await page.keyboard.press('Control+S');
      const original = sample();
      // Read until the save is whole: a read while VS Code writes the file can find it empty.
      const deadline = Date.now() + UI_TIMEOUT_MS;
      while (!(onDisk().startsWith(original) && onDisk().length > original.length) && Date.now() < deadline) await page.waitForTimeout(100);
      const saved = onDisk();
      assert.ok(saved.startsWith(original), 'every byte of the sample stays; the job is added after rollback, at the end');
      const added = saved.slice(original.length);
      assert.match(added, /^\n  notify:\n/);
      assert.match(added, /\n    needs: rollback\n/);
    }));
});

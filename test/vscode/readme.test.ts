// The README as users meet it: its screenshot (taken here, from the designer beside the sample
// deploy workflow in the dark theme) and the same README in the Extensions view's details page of
// the packaged extension, where its image must show without a network.
//
// The screenshot is written to test-output/vscode/readme-screenshot.png; to refresh the one the
// README shows, run this file with PIPEWRIGHT_UPDATE_README_SCREENSHOT=1 (copies it to media/).
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Frame, Page } from 'playwright-core';
import { installVsix, root } from '../../scripts/lib/codeServer.mjs';
import { shippedSamples } from '../../scripts/lib/startWorkspace.mjs';
import { zoomOutToShowAll } from '../helpers/zoomOutToShowAll';
import {
  designerFrame,
  graphNode,
  launchWorkbench,
  openFile,
  outputDir,
  runCommand,
  screenshotOnFailure,
  UI_TIMEOUT_MS,
  vsixPath,
  type Workbench,
} from '../helpers/vscodeHarness';

const screenshotFile = join(outputDir, 'readme-screenshot.png');
const mediaScreenshot = join(root, 'media', 'screenshot.png');
const IMAGE_LINK = /!\[([^\]]*)\]\(([^)\s]+)\)/g;

/** The images a README links, as [alt, target]. */
function imageLinks(markdown: string): [string, string][] {
  return [...markdown.matchAll(IMAGE_LINK)].map((m) => [m[1], m[2]]);
}

/** Width and height from a PNG's header. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG', 'a PNG file');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Looks through every frame for an image with this alt text that has loaded. */
async function loadedImage(page: Page, alt: string): Promise<{ frame: Frame; naturalWidth: number }> {
  const deadline = Date.now() + UI_TIMEOUT_MS;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      const widths = await frame
        .locator('img')
        .evaluateAll((imgs, want) => imgs.filter((i) => (i as HTMLImageElement).alt === want && (i as HTMLImageElement).complete).map((i) => (i as HTMLImageElement).naturalWidth), alt)
        .catch(() => [] as number[]); // The frame may detach while we look.
      if (widths.some((w) => w > 0)) return { frame, naturalWidth: widths.find((w) => w > 0)! };
    }
    await page.waitForTimeout(200);
  }
  throw new Error(`no loaded image "${alt}" in any frame within ${UI_TIMEOUT_MS / 1000} s`);
}

/** Drags the sash between the two editor groups to `fraction` of the window's width. */
async function dragEditorSash(page: Page, fraction: number): Promise<void> {
  const sash = page.locator('.part.editor .monaco-sash.vertical').first();
  const box = await sash.boundingBox();
  assert.ok(box, 'the sash between the editor groups');
  const width = page.viewportSize()!.width;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width / 2, y);
  await page.mouse.down();
  await page.mouse.move(width * fraction, y, { steps: 10 });
  await page.mouse.up();
  await page.waitForFunction(
    (x) => {
      const groups = document.querySelectorAll('.part.editor .editor-group-container');
      return groups.length === 2 && Math.abs(groups[1].getBoundingClientRect().left - x) < 20;
    },
    width * fraction,
    { timeout: UI_TIMEOUT_MS },
  );
}

/** Waits until the graph's view transform reads the same twice in a row, 200 ms apart. */
async function waitForStillViewport(designer: Frame): Promise<void> {
  const transform = () => designer.locator('.react-flow__viewport').evaluate((el) => getComputedStyle(el).transform);
  let last = await transform();
  const deadline = Date.now() + UI_TIMEOUT_MS;
  for (;;) {
    await designer.page().waitForTimeout(200);
    const now = await transform();
    if (now === last) return;
    assert.ok(Date.now() < deadline, `the graph view kept moving for ${UI_TIMEOUT_MS / 1000} s`);
    last = now;
  }
}

describe('the README: its screenshot and the Extensions view (code-server)', { timeout: 600_000 }, () => {
  let workbench: Workbench;
  const readme = readFileSync(join(root, 'README.md'), 'utf8');

  before(async () => {
    workbench = await launchWorkbench({
      workspaceFrom: shippedSamples,
      name: 'readme',
      settings: { 'workbench.colorTheme': 'Default Dark Modern' },
    });
  });

  after(async () => {
    await workbench?.close();
  });

  const check = (name: string, body: () => Promise<void>) => test(name, () => screenshotOnFailure(workbench.page, `readme-${name}`, body));

  check('screenshot: the designer beside deploy.yml, production selected, in the dark theme', async () => {
    const { page } = workbench;
    // The README's picture size, set before the designer opens so that it lays out for it.
    await page.setViewportSize({ width: 1920, height: 960 });
    await page.locator('.monaco-workbench.vs-dark').waitFor({ state: 'attached', timeout: UI_TIMEOUT_MS });
    await page.keyboard.press('Control+B'); // the sidebar away: room for text and graph
    await page.locator('.part.sidebar').waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
    await openFile(page, 'deploy.yml');
    await runCommand(page, 'Pipewright: Open in Designer');
    const designer = await designerFrame(page, 'production');
    // The graph is the subject: give the designer's group three fifths of the width, and show
    // every stage (the first view stops at a readable zoom, which leaves the last ones outside).
    await dragEditorSash(page, 0.4);
    await zoomOutToShowAll(designer);
    await graphNode(designer, 'production').click();
    await designer.locator('.react-flow__node.selected[data-id="production"]').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    // The click selects the job's YAML in the text: wait until the editor shows that selection.
    await page.locator('.part.editor .monaco-editor .selected-text').first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await waitForStillViewport(designer);
    await page.screenshot({ path: screenshotFile });
    assert.deepEqual(pngSize(readFileSync(screenshotFile)), { width: 1920, height: 960 });
    if (process.env.PIPEWRIGHT_UPDATE_README_SCREENSHOT === '1') copyFileSync(screenshotFile, mediaScreenshot);
  });

  check('the packaged README embeds each of its images: the bytes of the file in the repository', async () => {
    const links = imageLinks(readme);
    assert.ok(links.length > 0, 'the README shows an image');
    const scratch = mkdtempSync(join(tmpdir(), 'pipewright-readme-vsix-'));
    try {
      const extensionsDir = join(scratch, 'extensions');
      installVsix(vsixPath, { extensionsDir, userDataDir: join(scratch, 'user-data') });
      const installed = readdirSync(extensionsDir).find((d) => d.startsWith('pipewright.pipewright-'));
      assert.ok(installed, `the extension was installed into ${extensionsDir}`);
      const readmeFile = readdirSync(join(extensionsDir, installed)).find((f) => f.toLowerCase() === 'readme.md');
      assert.ok(readmeFile, 'the installed extension has its README');
      const packaged = imageLinks(readFileSync(join(extensionsDir, installed, readmeFile), 'utf8'));
      assert.deepEqual(packaged.map(([alt]) => alt), links.map(([alt]) => alt));
      for (const [i, [alt, target]] of packaged.entries()) {
        const m = /^data:image\/png;base64,([A-Za-z0-9+/=]+)$/.exec(target);
        assert.ok(m, `image "${alt}" is a data: URL, not ${target.slice(0, 60)}`);
        assert.ok(Buffer.from(m[1], 'base64').equals(readFileSync(join(root, links[i][1]))), `image "${alt}" holds the bytes of ${links[i][1]}`);
      }
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  check('the Extensions view shows the README with its image, offline', async () => {
    const { page } = workbench;
    await runCommand(page, 'View: Show Extensions');
    await page.locator('.extensions-viewlet').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await page.locator('.extensions-viewlet .suggest-input-container').click();
    await page.keyboard.type('@installed pipewright');
    const row = page.locator('.extensions-viewlet .monaco-list-row', { hasText: 'Pipewright' }).first();
    await row.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await row.click();
    const [[alt, target]] = imageLinks(readme);
    const { naturalWidth } = await loadedImage(page, alt);
    assert.equal(naturalWidth, pngSize(readFileSync(join(root, target))).width);
  });
});

// Drives a real VS Code (code-server, with the packaged .vsix installed) from headless Chromium.
// One workbench per test file: a temp copy of a fixture workspace, a fresh profile, a server on a
// free port. Everything waits on what is on screen; nothing sleeps for a fixed time.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type ElementHandle, type Frame, type Locator, type Page } from 'playwright-core';
import {
  chromiumPath,
  installVsix,
  root,
  startCodeServer,
  type RunningCodeServer,
} from '../../scripts/lib/codeServer.mjs';

export { zoomOutToShowAll } from './zoomOutToShowAll';

export const vsixPath = process.env.PIPEWRIGHT_VSIX ?? join(root, 'dist', 'pipewright.vsix');
export const outputDir = join(root, 'test-output', 'vscode');

/** Generous, because two cores may be busy with a second server or a build. */
export const UI_TIMEOUT_MS = 30_000;

/**
 * Typing YAML key by key must produce exactly the typed text: no auto-indent, no closing
 * brackets, no suggestions that Enter would accept. VS Code's YAML support sets its own
 * `[yaml]` defaults (autoIndent: advanced), so the language section repeats the editor keys.
 */
const editorTypingSettings = {
  'editor.autoIndent': 'none',
  'editor.autoClosingBrackets': 'never',
  'editor.autoClosingQuotes': 'never',
  'editor.autoSurround': 'never',
  'editor.formatOnType': false,
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
  'editor.suggestOnTriggerCharacters': false,
  'editor.acceptSuggestionOnEnter': 'off',
  'editor.wordBasedSuggestions': 'off',
  'editor.parameterHints.enabled': false,
  'editor.minimap.enabled': false,
};
const typingSettings = { ...editorTypingSettings, '[yaml]': editorTypingSettings, 'files.autoSave': 'off' };

/** A folder under test/vscode/fixtures. */
export function fixture(name: string): string {
  return join(root, 'test', 'vscode', 'fixtures', name);
}

export interface WorkbenchOptions {
  /** Folder copied to a temp dir and opened as the workspace (see fixture()). */
  workspaceFrom: string;
  /** Names the log, console and screenshot files under test-output/vscode/. */
  name: string;
  trust?: boolean;
  settings?: Record<string, unknown>;
}

export interface Workbench {
  page: Page;
  workspace: string;
  server: RunningCodeServer;
  close(): Promise<void>;
}

export async function launchWorkbench(options: WorkbenchOptions): Promise<Workbench> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('Chromium not found (Debian package chromium); run npm test to install it');
  if (!existsSync(vsixPath)) throw new Error(`${vsixPath} is missing; run npm run package first`);
  mkdirSync(outputDir, { recursive: true });

  const scratch = mkdtempSync(join(tmpdir(), `pipewright-${options.name}-`));
  const workspace = join(scratch, 'workspace');
  cpSync(options.workspaceFrom, workspace, { recursive: true });
  const profile = { extensionsDir: join(scratch, 'extensions'), userDataDir: join(scratch, 'user-data') };
  let server: RunningCodeServer;
  try {
    installVsix(vsixPath, profile);
    const logFile = join(outputDir, `${options.name}-code-server.log`);
    rmSync(logFile, { force: true });
    // VS Code's sockets go in the scratch folder, removed with it (in the system's, a run of the
    // suite left about 60 behind).
    const tmpDir = join(scratch, 'tmp');
    mkdirSync(tmpDir);
    server = await startCodeServer({
      ...profile,
      tmpDir,
      workspace,
      trust: options.trust ?? true,
      settings: { ...typingSettings, ...options.settings },
      logFile,
    });
  } catch (e) {
    rmSync(scratch, { recursive: true, force: true });
    throw e;
  }
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    const page = await context.newPage();
    const consoleLines: string[] = [];
    page.on('console', (m) => consoleLines.push(`[${m.type()}] ${m.text()}`));
    page.on('pageerror', (e) => consoleLines.push(`[pageerror] ${e.message}`));
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    // Tests read the text cursor from the status bar.
    await page.locator('.part.statusbar').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });

    const openBrowser = browser;
    return {
      page,
      workspace,
      server,
      async close() {
        writeFileSync(join(outputDir, `${options.name}-console.log`), consoleLines.join('\n'));
        await openBrowser.close().catch(() => undefined);
        await server.stop();
        // The extension host's logs (the Pipewright output channel among them) outlive the run.
        const logs = join(profile.userDataDir, 'logs');
        const keptLogs = join(outputDir, `${options.name}-logs`);
        rmSync(keptLogs, { recursive: true, force: true });
        if (existsSync(logs)) cpSync(logs, keptLogs, { recursive: true });
        rmSync(scratch, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await browser?.close().catch(() => undefined);
    await server.stop();
    rmSync(scratch, { recursive: true, force: true });
    throw e;
  }
}

/** Runs a check; when it throws, saves a screenshot named after it before passing the error on. */
export async function screenshotOnFailure(page: Page, name: string, check: () => Promise<void>): Promise<void> {
  try {
    await check();
  } catch (e) {
    mkdirSync(outputDir, { recursive: true });
    const file = join(outputDir, `${name.replace(/[^\w.-]+/g, '_')}.png`);
    await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
    if (e instanceof Error) e.message += `\n(screenshot: ${file})`;
    throw e;
  }
}

/**
 * The row of the open quick input (palette or quick open) that Enter accepts — the focused one —
 * once its label contains `text`. The list filters as the keys arrive: a row for the whole text
 * can show while the focus is still on the first match of the text typed so far (on a busy
 * machine, Quick Open of build.yml opened .gitlab-ci.yml, which matched "b").
 */
function quickInputRow(page: Page, text: string): Locator {
  return page.locator('.quick-input-widget .quick-input-list .monaco-list-row.focused', { hasText: text }).first();
}

async function typeIntoQuickInput(page: Page, text: string): Promise<void> {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await page.keyboard.type(text);
}

/** The labels the command palette offers for a query (the palette is closed again afterwards). */
export async function paletteCommands(page: Page, query: string): Promise<string[]> {
  await page.keyboard.press('Control+Shift+P');
  await typeIntoQuickInput(page, query);
  const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
  // The list filters asynchronously: wait for a matching row, or for what the palette shows
  // without one ("No matching commands", or rows marked "similar commands").
  const settled = new RegExp(`${query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}|No matching commands|similar commands`);
  await rows.filter({ hasText: settled }).first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  const labels = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? el.textContent ?? ''));
  await page.keyboard.press('Escape');
  // Closing, the palette gives the focus back to what had it before: a click made before it has
  // closed (workbench.test.ts clicks the text editor next) is undone by that, and the designer's
  // group was the active one again, once in a full run.
  await page.waitForFunction(
    () => {
      const widget = document.querySelector<HTMLElement>('.quick-input-widget');
      return !widget || getComputedStyle(widget).display === 'none';
    },
    undefined,
    { timeout: UI_TIMEOUT_MS },
  );
  return labels;
}

/** Runs a command from the palette by its title as shown there ("Category: Title"). */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('Control+Shift+P');
  await typeIntoQuickInput(page, title);
  await quickInputRow(page, title).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await page.keyboard.press('Enter');
  // Done when the palette closed, or when the command opened a quick pick of its own in it.
  await page.waitForFunction(
    (typed) => {
      const widget = document.querySelector<HTMLElement>('.quick-input-widget');
      const input = widget?.querySelector<HTMLInputElement>('.quick-input-box input');
      return !widget || getComputedStyle(widget).display === 'none' || !input || input.value !== typed;
    },
    `>${title}`,
    { timeout: UI_TIMEOUT_MS },
  );
}

/** In a quick pick a command opened, filters by `label` and accepts the matching item. */
export async function selectQuickPickItem(page: Page, label: string): Promise<void> {
  await typeIntoQuickInput(page, label);
  await quickInputRow(page, label).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
}

/** Puts the cursor at a 1-based line and column of the active text editor with Go to Line. */
export async function goToLine(page: Page, line: number, column: number): Promise<void> {
  await textEditor(page).locator('.view-lines').click();
  await page.keyboard.press('Control+G');
  await page.locator('.quick-input-widget .quick-input-box input').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
}

/**
 * Puts the cursor at `line:column`, waits for the light bulb by the cursor, opens its menu with a
 * click, and chooses the quick fix `title` from the keyboard (arrows, Enter), as a person does.
 *
 * The light bulb moves to the new position once VS Code has asked the extensions what they offer
 * there (a quarter of a second after the cursor stops); any light bulb would not do: the one of
 * the line the cursor left stays up until that answer (seen at line 8's height with the cursor
 * on line 14). The menu is opened from the light bulb, not with Ctrl+.: Ctrl+. leaves VS Code's
 * code-action state "invoked", and while it is, each automatic request (the cursor moved, the
 * problems changed) takes effect only half a second after it was made, cancelling whatever was
 * asked in between (codeActionModel.ts, "manual to auto transition"; so in code-server 4.100.3).
 * After a quick fix chosen with Ctrl+., the next test's light bulb was asked for and then
 * cancelled by such a late request for the line the fix was on, and never shown (once in 65 runs
 * of pinAction.test.ts here). A light bulb's click shows its menu without that state.
 */
export async function chooseQuickFix(page: Page, line: number, column: number, title: string): Promise<void> {
  await goToLine(page, line, column);
  const bulb = await lightBulbByCursor(page, line, column);
  await bulb.click();
  await page.locator('.action-widget .monaco-list-row', { hasText: title }).first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  for (let i = 0; i < 8; i++) {
    if ((await page.locator('.action-widget .monaco-list-row.focused').getAttribute('aria-label')) === title) break;
    await page.keyboard.press('ArrowDown');
  }
  assert.equal(await page.locator('.action-widget .monaco-list-row.focused').getAttribute('aria-label'), title);
  await page.keyboard.press('Enter');
}

/**
 * The light bulb by the cursor of the active editor, once it shows: on the cursor's line, or on
 * the line above or below, or in the gutter (`codicon-gutter-lightbulb…`), where VS Code puts it
 * when the line has no room for it. When none comes, the error says what the editor showed.
 */
async function lightBulbByCursor(page: Page, line: number, column: number): Promise<ElementHandle<Element>> {
  try {
    const handle = await page.waitForFunction(
      () => {
        const editor = document.querySelector('.part.editor .editor-instance .monaco-editor');
        const cursor = editor?.querySelector('.cursors-layer .cursor')?.getBoundingClientRect();
        if (!editor || !cursor || cursor.height === 0) return false;
        return [...editor.querySelectorAll<HTMLElement>('.lightBulbWidget, .codicon-light-bulb, [class*="codicon-gutter-lightbulb"]')].find((bulb) => {
          const box = bulb.getBoundingClientRect();
          const middle = box.top + box.height / 2;
          return box.height > 0 && getComputedStyle(bulb).display !== 'none' && middle >= cursor.top - cursor.height && middle <= cursor.bottom + cursor.height;
        }) ?? false;
      },
      undefined,
      { timeout: UI_TIMEOUT_MS },
    );
    return handle.asElement() as ElementHandle<Element>;
  } catch (e) {
    // No named inner functions: tsx would wrap them in a helper the page does not have.
    const seen = await page.evaluate(() => {
      const editor = document.querySelector('.part.editor .editor-instance .monaco-editor');
      const cursor = editor?.querySelector('.cursors-layer .cursor');
      const bulbs = [...(editor?.querySelectorAll('.lightBulbWidget, [class*="lightbulb"], .codicon-light-bulb') ?? [])]
        .map((b) => `${b.className.trim()} at y ${Math.round(b.getBoundingClientRect().top)}`);
      return `cursor at y ${cursor ? Math.round(cursor.getBoundingClientRect().top) : 'none'}, editor ${editor?.classList.contains('focused') ? 'focused' : 'not focused'}, light bulbs: ${bulbs.join('; ') || 'none'}`;
    }).catch((error: unknown) => `nothing (the page did not answer: ${error instanceof Error ? error.message : String(error)})`);
    const status = await page.locator('.statusbar-item[id="status.editor.selection"]').innerText({ timeout: 1000 }).catch(() => '?');
    // Asked for, the actions at the cursor say whether the provider had none (its findings of
    // another version, or none) or VS Code had them and showed no light bulb: a light bulb that
    // did not come twice in some 40 full runs, with the finding in the Problems panel.
    const asked = await quickFixMenuText(page);
    if (e instanceof Error) e.message += `\n(no light bulb by the cursor, asked at ${line}:${column}; the status bar says "${status}"; ${seen}; Ctrl+. then showed: ${asked})`;
    throw e;
  }
}

/** What the quick fix menu (Ctrl+.) lists at the cursor, or says instead; closed again. Diagnosis only. */
async function quickFixMenuText(page: Page): Promise<string> {
  try {
    await page.keyboard.press('Control+.');
    const shown = page.locator('.action-widget .monaco-list-row, .monaco-editor-overlaymessage');
    await shown.first().waitFor({ state: 'visible', timeout: 5000 });
    const text = (await shown.allInnerTexts()).map((t) => t.trim()).filter((t) => t !== '').join(' | ');
    await page.keyboard.press('Escape');
    return `"${text}"`;
  } catch (error) {
    return `nothing (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
  }
}

/** Opens a workspace file through Quick Open (Ctrl+P) and waits for its tab to be active. */
export async function openFile(page: Page, fileName: string): Promise<void> {
  await page.keyboard.press('Control+P');
  await typeIntoQuickInput(page, fileName);
  await quickInputRow(page, fileName).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await page.keyboard.press('Enter');
  // The file in a text editor of the active group, not merely its tab somewhere: when the file's
  // designer is the tab of the active group, Quick Open brings that up instead, and keys pressed
  // while its webview loads are lost.
  const group = activeGroup(page);
  try {
    await group.locator(`.tab.active[aria-label^="${fileName}"]`).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await group.locator('.editor-instance .monaco-editor').first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  } catch (e) {
    const shown = await group.locator('.tab.active').first().getAttribute('aria-label', { timeout: 1000 }).catch(() => null);
    throw new Error(`Quick Open of ${fileName} did not show it in a text editor of the active group (its active tab: ${shown ?? 'none'}): ${(e as Error).message}`);
  }
}

/** The editor group that has the focus (VS Code marks its container `active`). */
export function activeGroup(page: Page): Locator {
  return page.locator('.part.editor .editor-group-container.active');
}

/**
 * The README preview a workspace opens on when the user settings say `workbench.startupEditor:
 * readme` (as npm start's do). VS Code opens it only once the workbench has restored and the
 * markdown extension has started, which on a busy machine takes longer than most UI steps.
 */
export function readmePreviewTab(page: Page): Locator {
  return page.locator('.tabs-container .tab[aria-label="[Preview] README.md"]');
}

export async function waitForReadmePreview(page: Page, timeoutMs = 6 * UI_TIMEOUT_MS): Promise<void> {
  await readmePreviewTab(page).waitFor({ state: 'visible', timeout: timeoutMs });
}

/**
 * Waits for the startup README preview and closes it with its tab's close button. A test that
 * types must do this first: the preview arrives late, takes the focus, and keys pressed while
 * its webview loads are lost.
 */
export async function closeStartupReadme(page: Page): Promise<void> {
  await waitForReadmePreview(page);
  await readmePreviewTab(page).locator('.tab-actions .action-label').first().click();
  await readmePreviewTab(page).waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
}

export function activeTab(page: Page, label: string): Locator {
  return page.locator(`.tabs-container .tab.active[aria-label^="${label}"]`).first();
}

/** The (first) Monaco text editor in the editor area. */
export function textEditor(page: Page): Locator {
  return page.locator('.part.editor .editor-instance .monaco-editor').first();
}

/** Waits until the editor group at `index` (0 = leftmost) is the workbench's active group. */
export async function waitForActiveEditorGroup(page: Page, index: number): Promise<void> {
  await page.waitForFunction(
    (i) => document.querySelectorAll('.part.editor .editor-group-container')[i]?.classList.contains('active') === true,
    index,
    { timeout: UI_TIMEOUT_MS },
  );
}

/** Moves focus to an editor group with its key binding (Ctrl+1…), leaving selections alone. */
export async function focusEditorGroup(page: Page, index: number): Promise<void> {
  await page.keyboard.press(`Control+${index + 1}`);
  await waitForActiveEditorGroup(page, index);
  // The group turns active before the keyboard focus lands in it (a webview gives it up
  // asynchronously); keys typed in between would go to the old owner. A text editor in the
  // group shows it has the focus with the `focused` class on its editor.
  await page.waitForFunction(
    (i) => {
      const group = document.querySelectorAll('.part.editor .editor-group-container')[i];
      const editor = group?.querySelector('.monaco-editor');
      return !editor || (editor.classList.contains('focused') && document.activeElement?.tagName === 'TEXTAREA');
    },
    index,
    { timeout: UI_TIMEOUT_MS },
  );
}

/** Puts the text cursor at the end of the document and types, key by key. */
export async function typeAtEndOfDocument(page: Page, text: string): Promise<void> {
  await textEditor(page).locator('.view-lines').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text);
}

/**
 * The frame holding the designer: webviews are an iframe inside an iframe, so look through every
 * frame of the page for the React Flow root until one appears. With `showingNode`, only a
 * designer that draws that node counts (when designers of several files were opened).
 */
export async function designerFrame(page: Page, showingNode?: string, timeoutMs = UI_TIMEOUT_MS): Promise<Frame> {
  const selector = showingNode ? `.react-flow__node[data-id="${showingNode}"]` : '.react-flow';
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      const found = await frame
        .locator(selector)
        .count()
        .catch(() => 0); // The frame may detach while we look.
      if (found > 0) return frame;
    }
    await page.waitForTimeout(200);
  }
  throw new Error(`no designer webview (${selector} in any frame) within ${timeoutMs / 1000} s`);
}

export function graphNode(frame: Frame, jobId: string): Locator {
  return frame.locator(`.react-flow__node[data-id="${jobId}"]`);
}

/**
 * Renames a job from the designer's inspector as a person does: the node focused and opened with
 * Enter, the new id typed, the inspector's note on what the rename changes (`note`: "Renames 2
 * references in 2 files.") awaited, Enter; done once the node shows under its new id.
 */
export async function renameInInspector(frame: Frame, from: string, to: string, note: string): Promise<void> {
  await graphNode(frame, from).focus();
  await graphNode(frame, from).press('Enter');
  await frame.waitForFunction((shown) => (document.querySelector('#pw-inspector-id') as unknown as { value: string } | null)?.value === shown, from, { timeout: UI_TIMEOUT_MS });
  const id = frame.locator('#pw-inspector-id input');
  await id.fill(to);
  await frame.locator('#pw-inspector-id-note', { hasText: note }).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await id.press('Enter');
  await graphNode(frame, to).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
}

export function graphEdge(frame: Frame, from: string, to: string): Locator {
  return frame.locator(`.react-flow__edge[data-id="${from}->${to}"]`);
}

/** The ids of the job nodes the designer shows now (stage lanes, `lane:…`, are left out). */
export async function graphJobIds(frame: Frame): Promise<string[]> {
  const ids = await frame.locator('.react-flow__node').evaluateAll((els) => els.map((el) => el.getAttribute('data-id') ?? ''));
  return ids.filter((id) => !id.startsWith('lane:')).sort();
}

export async function graphEdgeIds(frame: Frame): Promise<string[]> {
  const ids = await frame.locator('.react-flow__edge').evaluateAll((els) => els.map((el) => el.getAttribute('data-id') ?? ''));
  return ids.sort();
}

export interface CursorStatus {
  line: number;
  column: number;
  /** Characters selected, when the status bar says "(N selected)". */
  selected: number;
}

/** The text cursor as the status bar shows it: "Ln 12, Col 3 (40 selected)". */
export async function cursorStatus(page: Page): Promise<CursorStatus | undefined> {
  const item = page.locator('#status\\.editor\\.selection');
  if ((await item.count()) === 0) return undefined;
  const text = (await item.first().textContent()) ?? '';
  return parseCursorStatus(text);
}

export function parseCursorStatus(text: string): CursorStatus | undefined {
  const m = /Ln (\d+), Col (\d+)(?: \((\d+) selected\))?/.exec(text);
  if (!m) return undefined;
  return { line: Number(m[1]), column: Number(m[2]), selected: m[3] ? Number(m[3]) : 0 };
}

/** Polls the status bar until `accept` holds; returns the last status seen either way. */
export async function waitForCursorStatus(
  page: Page,
  accept: (status: CursorStatus) => boolean,
  timeoutMs = UI_TIMEOUT_MS,
): Promise<CursorStatus | undefined> {
  const deadline = Date.now() + timeoutMs;
  let last: CursorStatus | undefined;
  while (Date.now() < deadline) {
    last = await cursorStatus(page);
    if (last && accept(last)) return last;
    await page.waitForTimeout(200);
  }
  return last;
}

/** 1-based line numbers of a job's block in YAML text: from its key to its last non-blank line. */
export function jobLines(yamlText: string, jobId: string): { first: number; last: number } {
  const lines = yamlText.split(/\r?\n/);
  const keyIndex = lines.findIndex((l) => new RegExp(`^(\\s+)${jobId}:\\s*$`).test(l));
  if (keyIndex < 0) throw new Error(`job ${jobId} not found in the YAML`);
  const indent = /^(\s+)/.exec(lines[keyIndex])![1].length;
  let last = keyIndex;
  for (let i = keyIndex + 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') continue;
    const lineIndent = /^(\s*)/.exec(line)![1].length;
    if (lineIndent <= indent) break;
    last = i;
  }
  return { first: keyIndex + 1, last: last + 1 };
}

/** Saves with Ctrl+S where the focus is and waits until the file (read by `read`) holds `expected`. */
export async function saveFileAndExpect(page: Page, read: () => string, expected: string): Promise<void> {
  await page.keyboard.press('Control+S');
  const deadline = Date.now() + UI_TIMEOUT_MS;
  while (read() !== expected && Date.now() < deadline) await page.waitForTimeout(100);
  assert.equal(read(), expected);
}

/** Focuses the designer on an empty spot of its canvas (no node or edge). */
export async function focusDesignerCanvas(designer: Frame): Promise<void> {
  await designer.locator('.react-flow__pane').click({ position: { x: 8, y: 8 } });
}

/**
 * What the designer's first view shows of a node: whether it is inside the canvas, and the node
 * text's size on screen. Waits for the first view to be set (the canvas starts untransformed).
 */
export async function firstViewOf(designer: Frame, nodeId: string): Promise<{ inView: boolean; smallestTextPx: number }> {
  await designer.waitForFunction(
    () => {
      const transform = (document.querySelector('.react-flow__viewport') as HTMLElement | null)?.style.transform;
      return transform !== undefined && transform !== '' && transform !== 'translate(0px, 0px) scale(1)';
    },
    undefined,
    { timeout: UI_TIMEOUT_MS },
  );
  return designer.evaluate((id) => {
    const pane = document.querySelector('.react-flow__pane')!.getBoundingClientRect();
    const node = document.querySelector(`.react-flow__node[data-id="${CSS.escape(id)}"]`)!.getBoundingClientRect();
    const transform = (document.querySelector('.react-flow__viewport') as HTMLElement).style.transform;
    const zoom = Number(/scale\(([\d.e+-]+)\)/.exec(transform)?.[1] ?? Number.NaN);
    const sizes = [...document.querySelectorAll('.react-flow__node.pw-graph-node :is(.pw-name, .pw-row, .pw-stage-facts)')].map((el) =>
      parseFloat(getComputedStyle(el).fontSize),
    );
    return {
      inView: node.left >= pane.left && node.right <= pane.right && node.top >= pane.top && node.bottom <= pane.bottom,
      smallestTextPx: Math.min(...sizes) * zoom,
    };
  }, nodeId);
}

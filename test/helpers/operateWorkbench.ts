// What the operating tests share: a workspace that is a clone of acme/shop on a GitHub Enterprise
// Server (the local API server), and ways to reach the sidebar's views, their rows and inline
// actions, modal dialogs, notifications and the quick input.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { root } from '../../scripts/lib/codeServer.mjs';
import { UI_TIMEOUT_MS } from './vscodeHarness';

/**
 * A folder with the workflows the server knows (deploy.yml from samples/, release.yml from the
 * server's fixtures) and a `.git` whose origin is `http://HOST/acme/shop.git` on the server's
 * host, checked out on `branch`.
 */
export function cloneOfAcmeShop(apiUrl: string, branch = 'main'): string {
  const parent = mkdtempSync(join(tmpdir(), 'pipewright-acme-shop-'));
  removeWhenDone(parent);
  const dir = join(parent, 'shop');
  const workflows = join(dir, '.github', 'workflows');
  mkdirSync(workflows, { recursive: true });
  cpSync(join(root, 'samples', '.github', 'workflows', 'deploy.yml'), join(workflows, 'deploy.yml'));
  cpSync(join(root, 'test', 'providers', 'github', 'fixtures', '.github', 'workflows', 'release.yml'), join(workflows, 'release.yml'));
  const host = new URL(apiUrl).host;
  mkdirSync(join(dir, '.git'));
  writeFileSync(join(dir, '.git', 'HEAD'), `ref: refs/heads/${branch}\n`);
  writeFileSync(join(dir, '.git', 'config'), `[core]\n\trepositoryformatversion = 0\n[remote "origin"]\n\turl = http://${host}/acme/shop.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n`);
  return dir;
}

// The clones are copied into each workbench's own folder; they go when the test process ends
// (a run of the suite left four in the system's temporary folder, every time).
const clones: string[] = [];
function removeWhenDone(dir: string): void {
  if (clones.length === 0) process.once('exit', () => clones.forEach((d) => rmSync(d, { recursive: true, force: true })));
  clones.push(dir);
}

export function workflowText(name: string): string {
  const from = name === 'release.yml' ? join(root, 'test', 'providers', 'github', 'fixtures', '.github', 'workflows', name) : join(root, 'samples', '.github', 'workflows', name);
  return readFileSync(from, 'utf8');
}

/** Shows the Pipewright container in the side bar (its activity bar entry). */
export async function showSidebar(page: Page): Promise<void> {
  const entry = page.locator('.part.activitybar .action-item a[aria-label^="Pipewright"]').first();
  await entry.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  const checked = await entry.getAttribute('aria-expanded').catch(() => null);
  if (checked !== 'true') await entry.click();
  await viewPane(page, 'Environments').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
}

/** Makes the side bar `extra` pixels wider by dragging its edge, as a person would. */
export async function widenSidebar(page: Page, extra: number): Promise<void> {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box) throw new Error('the side bar is not showing');
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width + extra, y, { steps: 5 });
  await page.mouse.up();
  // Away from every item, so that no hover or tooltip shows in a screenshot.
  await page.mouse.move(box.x + box.width + extra + 400, y);
}

/** One view of the sidebar, by its title. */
export function viewPane(page: Page, title: string): Locator {
  return page.locator('.part.sidebar .pane', { has: page.locator('.pane-header .title', { hasText: new RegExp(`^${title}$`, 'i') }) }).first();
}

/**
 * The row of a view for the item labelled `label`: Pipewright's items say "label, description"
 * to screen readers, which is the row's aria-label.
 */
export function viewRow(page: Page, view: string, label: string): Locator {
  return viewPane(page, view).locator(`.monaco-list-row[aria-label^="${label},"]`).first();
}

/** Waits until the row of `label` exists and what it says (its aria-label) matches `says`. */
export async function waitForRow(page: Page, view: string, label: string, says: RegExp = /./): Promise<Locator> {
  const row = viewRow(page, view, label);
  const deadline = Date.now() + UI_TIMEOUT_MS;
  let last = '';
  for (;;) {
    last = (await row.getAttribute('aria-label', { timeout: 1000 }).catch(() => null)) ?? '';
    if (says.test(last)) return row;
    if (Date.now() > deadline) throw new Error(`the ${view} view's row "${label}" says ${JSON.stringify(last)}, not ${says}`);
    await page.waitForTimeout(200);
  }
}

/**
 * Clicks an inline action (by its title) on a row. A row shows its actions while selected or
 * under the mouse; a view that updates meanwhile may re-render the row, so hover it until the
 * action shows.
 */
export async function clickInlineAction(row: Locator, title: string): Promise<void> {
  await row.click();
  const action = row.locator(`.actions .action-label[aria-label^="${title}"]`).first();
  const deadline = Date.now() + UI_TIMEOUT_MS;
  for (;;) {
    await row.hover();
    // A short try: a row redrawn under the pointer is tried again, hovered anew.
    const clicked = await action.click({ timeout: 2000 }).then(() => true, () => false);
    if (clicked) return;
    if (Date.now() > deadline) throw new Error(`the inline action "${title}" could not be clicked on ${await row.getAttribute('aria-label')}`);
  }
}

/** The modal dialog on screen, once it shows `text`. */
export async function modalDialog(page: Page, text: string | RegExp): Promise<Locator> {
  const dialog = page.locator('.monaco-dialog-box', { hasText: text }).first();
  await dialog.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  return dialog;
}

export async function clickDialogButton(dialog: Locator, label: string): Promise<void> {
  await dialog.locator('.dialog-buttons .monaco-button', { hasText: label }).first().click();
  await dialog.waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
}

/** A notification toast showing `text`. */
export function notification(page: Page, text: string | RegExp): Locator {
  return page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
}

/** Types into the open input box (or quick pick filter) and presses Enter. */
export async function answerQuickInput(page: Page, text: string, expectTitle?: string | RegExp): Promise<void> {
  const widget = page.locator('.quick-input-widget');
  await widget.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  if (expectTitle !== undefined) await widget.locator('.quick-input-title', { hasText: expectTitle }).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  const input = widget.locator('.quick-input-box input');
  await input.fill(text);
  await page.keyboard.press('Enter');
}

/** In the open quick pick, waits for a row with `label` to be the only or first match and accepts it. */
export async function pickQuickItem(page: Page, label: string, expectTitle?: string | RegExp): Promise<void> {
  const widget = page.locator('.quick-input-widget');
  await widget.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  if (expectTitle !== undefined) await widget.locator('.quick-input-title', { hasText: expectTitle }).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await widget.locator('.quick-input-box input').fill(label);
  const row = widget.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
  await row.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await row.click();
}

/** Waits for a condition of the outside world (the API server's log) with the page's clock. */
export async function waitUntil(page: Page, condition: () => boolean, what: string, timeoutMs = UI_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting until ${what}`);
    await page.waitForTimeout(100);
  }
}

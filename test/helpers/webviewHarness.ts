// Serves the built designer webview to headless Chromium the way VS Code does: the page from
// designerHtml() under its CSP, the bundle as local resources, and a recording stand-in for
// acquireVsCodeApi injected (with the page's nonce) before main.js.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { HostToWebview, WebviewToHost } from '../../src/shared/protocol';
import { designerHtml, makeNonce } from '../../src/shared/designerHtml';
import { BODY_CLASS, THEME_VARIABLES, type ThemeKind } from './vscodeThemes';

const root = fileURLToPath(new URL('../..', import.meta.url));
const webviewDist = join(root, 'dist', 'webview');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Newest modification time of the files the webview bundle is built from. */
function newestSourceTime(): number {
  const walk = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
      const path = join(dir, entry.name);
      return Math.max(newest, entry.isDirectory() ? walk(path) : statSync(path).mtimeMs);
    }, 0);
  return Math.max(walk(join(root, 'webview', 'src')), walk(join(root, 'src', 'shared')), walk(join(root, 'src', 'core')));
}

/**
 * Builds dist/webview when it is missing or older than its sources. Same esbuild options as the
 * webview entry of scripts/build.mjs; built here so the tests do not depend on the extension
 * host and CLI entries compiling.
 */
export async function ensureWebviewBundle(): Promise<void> {
  const bundle = join(webviewDist, 'main.js');
  const worker = join(webviewDist, 'layoutWorker.js');
  const codicons = join(webviewDist, 'codicons');
  const newest = newestSourceTime();
  const fresh = (file: string) => existsSync(file) && statSync(file).mtimeMs >= newest;
  if (fresh(bundle) && fresh(worker) && existsSync(join(codicons, 'codicon.ttf'))) return;
  await build({
    entryPoints: ['webview/src/main.tsx'],
    outdir: webviewDist,
    entryNames: 'main',
    absWorkingDir: root,
    bundle: true,
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    jsx: 'automatic',
    loader: { '.ttf': 'file', '.woff2': 'file' },
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  // The layout worker, as scripts/build.mjs builds it.
  await build({
    entryPoints: ['webview/src/layout/layoutWorker.ts'],
    outfile: worker,
    absWorkingDir: root,
    bundle: true,
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
  });
  mkdirSync(codicons, { recursive: true });
  for (const f of ['codicon.css', 'codicon.ttf']) {
    copyFileSync(join(root, 'node_modules', '@vscode', 'codicons', 'dist', f), join(codicons, f));
  }
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

export interface OpenPageOptions {
  theme?: ThemeKind;
  /** What getState() returns at start: the state a previous page saved. */
  savedState?: unknown;
  width?: number;
  height?: number;
}

export interface DesignerPage {
  page: Page;
  /** Uncaught page errors and console errors, for asserting there were none. */
  errors: string[];
  /** Sends a host → webview message the way VS Code delivers it (a window message event). */
  send(message: HostToWebview): Promise<void>;
  posted(): Promise<WebviewToHost[]>;
  /** Waits for the `nth` (1-based) `rendered` message of a version and returns it. */
  rendered(version: number, nth?: number): Promise<Extract<WebviewToHost, { type: 'rendered' }>>;
  savedState(): Promise<unknown>;
  cspViolations(): Promise<string[]>;
}

export interface WebviewHarness {
  origin: string;
  openPage(options?: OpenPageOptions): Promise<DesignerPage>;
  close(): Promise<void>;
}

export async function startWebviewHarness(): Promise<WebviewHarness> {
  await ensureWebviewBundle();
  const pages = new Map<string, string>();
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    const html = pages.get(path);
    if (html !== undefined) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(html);
      return;
    }
    if (path.startsWith('/webview/')) {
      const file = normalize(join(webviewDist, path.slice('/webview/'.length)));
      if (file.startsWith(webviewDist + sep) && existsSync(file) && statSync(file).isFile()) {
        res.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' });
        res.end(readFileSync(file));
        return;
      }
    }
    // Chromium asks for a favicon; VS Code webviews never do, so answer "nothing" quietly.
    res.writeHead(path === '/favicon.ico' ? 204 : 404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  let pageCount = 0;

  async function openPage(options: OpenPageOptions = {}): Promise<DesignerPage> {
    const theme = options.theme ?? 'dark';
    const nonce = makeNonce((n) => new Uint8Array(randomBytes(n)));
    const html = designerHtml({
      cspSource: origin,
      nonce,
      scriptUri: `${origin}/webview/main.js`,
      styleUri: `${origin}/webview/main.css`,
      codiconsUri: `${origin}/webview/codicons/codicon.css`,
      title: 'Pipewright designer',
    });
    const stand_in = `<script nonce="${nonce}">${vscodeStandInScript(theme, options.savedState)}</script>\n`;
    const mainScript = html.search(/<script nonce="[^"]*" src=/);
    if (mainScript < 0) throw new Error('designerHtml() has no main script tag to inject before');
    const path = `/page/${++pageCount}.html`;
    pages.set(path, html.slice(0, mainScript) + stand_in + html.slice(mainScript));

    const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: options.height ?? 800 } });
    const page = await context.newPage();
    // PIPEWRIGHT_CPU_THROTTLE=N runs the page N times slower (Chromium's own CPU throttling), to
    // find what a busy machine breaks: tests must wait for conditions, not for time.
    const throttle = Number(process.env.PIPEWRIGHT_CPU_THROTTLE ?? 1);
    if (throttle > 1) await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: throttle });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    });
    // The browser may be closing already (the last test's page closes as the harness stops).
    page.on('close', () => void context.close().catch(() => undefined));
    await page.goto(origin + path);
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'));
    return {
      page,
      errors,
      send: (message) => page.evaluate((m) => window.postMessage(m, '*'), message),
      posted: () => page.evaluate(() => (window as unknown as { __posted: WebviewToHost[] }).__posted),
      rendered: async (version, nth = 1) => {
        const handle = await page.waitForFunction(
          ([v, n]) =>
            (window as unknown as { __posted: WebviewToHost[] }).__posted.filter((m) => m.type === 'rendered' && m.version === v)[n - 1],
          [version, nth] as const,
        );
        return (await handle.jsonValue()) as Extract<WebviewToHost, { type: 'rendered' }>;
      },
      savedState: () => page.evaluate(() => (window as unknown as { __state: unknown }).__state),
      cspViolations: () => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations),
    };
  }

  return {
    origin,
    openPage,
    close: async () => {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * What VS Code provides before our script runs: acquireVsCodeApi (here recording every message
 * into window.__posted and keeping state in window.__state), the theme's body class and
 * variables. Also records CSP violations.
 */
function vscodeStandInScript(theme: ThemeKind, savedState: unknown): string {
  const json = (v: unknown) => JSON.stringify(v ?? null).replace(/</g, '\\u003c');
  return `
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber);
});
window.__posted = [];
window.__state = ${json(savedState)} ?? undefined;
let acquired = false;
window.acquireVsCodeApi = () => {
  if (acquired) throw new Error('An instance of the VS Code API has already been acquired');
  acquired = true;
  return Object.freeze({
    postMessage: (message) => { window.__posted.push(JSON.parse(JSON.stringify(message))); },
    getState: () => window.__state,
    setState: (state) => { window.__state = JSON.parse(JSON.stringify(state)); return state; },
  });
};
document.body.classList.add('vscode-body', ${json(BODY_CLASS[theme])});
for (const [name, value] of Object.entries(${json(THEME_VARIABLES[theme])})) {
  document.documentElement.style.setProperty(name, value);
}
`;
}

// The live run over a GitHub workflow in headless Chromium: each node paints its job status (icon,
// theme colour, words for screen readers, duration), a matrix node its instances' worst state and
// their count, without moving anything; the toolbar's picker chooses the run (kept in the saved
// state) or says in one line why there is none; the inspector shows an environment's protection
// rules and, for an admin, sends them only on "Set Rules…". Status messages never post an edit.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { hasSyntaxErrors, type PipelineGraph } from '../../src/core/model';
import type { Job, ProtectionRules, Run } from '../../src/core/operate/model';
import { overlayEnvironments, overlayNodes } from '../../src/core/operate/overlay';
import type { HostToWebview, RunOverlay, WebviewToHost } from '../../src/shared/protocol';
import { startWebviewHarness, type DesignerPage, type WebviewHarness } from '../helpers/webviewHarness';
import { githubRelease } from './pipelineYaml';

const NOW = Date.parse('2026-12-01T09:10:00Z');
const nodeSelector = (id: string) => `.react-flow__node[data-id="${id}"]`;

const RUN: Run = {
  id: '9012',
  number: 7,
  title: 'Gift cards',
  pipeline: { name: 'Release', path: '.github/workflows/release.yml' },
  status: 'in_progress',
  conclusion: null,
  event: 'push',
  headSha: '4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f70',
  headBranch: 'main',
  createdAt: '2026-12-01T09:00:00Z',
};

function job(id: string, name: string, status: Job['status'], conclusion: Job['conclusion'], startedAt?: string, completedAt?: string): Job {
  return { id, runId: RUN.id, name, status, conclusion, ...(startedAt ? { startedAt } : {}), ...(completedAt ? { completedAt } : {}) };
}

const JOBS: Job[] = [
  job('1', 'Build image', 'completed', 'success', '2026-12-01T09:00:05Z', '2026-12-01T09:01:05Z'),
  job('2', 'Unit tests (20)', 'completed', 'success', '2026-12-01T09:01:10Z', '2026-12-01T09:02:00Z'),
  job('3', 'Unit tests (22)', 'completed', 'failure', '2026-12-01T09:01:10Z', '2026-12-01T09:03:10Z'),
  job('4', 'Trivy scan', 'in_progress', null, '2026-12-01T09:01:10Z'),
  job('5', 'Deploy to staging', 'waiting', null),
];

const OPEN: ProtectionRules = { reviewers: [], requiredApprovals: 0, preventSelfReview: false, waitTimerMinutes: 0, branchPolicy: 'all', otherChecks: [] };
const GATED: ProtectionRules = { ...OPEN, reviewers: [{ kind: 'team', id: '301', name: 'release-managers' }, { kind: 'user', id: '101', name: 'mona' }], requiredApprovals: 1, waitTimerMinutes: 5, branchPolicy: 'protected' };

function overlayFor(graph: PipelineGraph, options: { canAdminister?: boolean; jobs?: Job[] } = {}): HostToWebview {
  const environments = overlayEnvironments(graph, [
    { environment: { id: '4001', name: 'staging', protection: OPEN }, latest: null },
    { environment: { id: '4003', name: 'production', protection: GATED }, latest: null },
  ]);
  const option = { id: RUN.id, label: 'Release #7', detail: 'Gift cards · in progress · main 4d5e6f7', light: 'in_progress' as const };
  const state: RunOverlay = {
    state: 'shown',
    where: 'acme/shop',
    owner: 'acme',
    branch: 'main',
    runs: [option, { id: '9001', label: 'Release #6', detail: 'Faster search · succeeded · main 2a3b4c5', light: 'success' }],
    choice: { kind: 'latest' },
    run: { ...option, finished: false },
    nodes: overlayNodes(graph, { run: RUN, jobs: options.jobs ?? JOBS, pending: [], reviews: [] }, NOW),
    environments,
    canAdminister: options.canAdminister ?? true,
  };
  return { type: 'overlay', ...state };
}

function documentMessage(graph: PipelineGraph): HostToWebview {
  return { type: 'document', version: 1, fileName: '.github/workflows/release.yml', graph, syntaxError: hasSyntaxErrors(graph) };
}

async function posted<T extends WebviewToHost['type']>(p: DesignerPage, type: T): Promise<Extract<WebviewToHost, { type: T }>[]> {
  return (await p.posted()).filter((m): m is Extract<WebviewToHost, { type: T }> => m.type === type);
}

async function boxes(page: Page, ids: string[]): Promise<Record<string, { x: number; y: number; width: number; height: number } | null>> {
  const out: Record<string, { x: number; y: number; width: number; height: number } | null> = {};
  for (const id of ids) out[id] = await page.locator(nodeSelector(id)).boundingBox();
  return out;
}

/** The text a screen reader reads as a node's description (its aria-describedby elements). */
async function description(page: Page, id: string): Promise<string> {
  return page.$eval(nodeSelector(id), (el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((ref) => document.getElementById(ref)?.textContent ?? '')
      .filter(Boolean)
      .join(' | '),
  );
}

describe('the live run over the designer', () => {
  let harness: WebviewHarness;
  before(async () => {
    harness = await startWebviewHarness();
  });
  after(async () => {
    await harness?.close();
  });

  async function opened(graph = githubRelease()): Promise<DesignerPage> {
    const p = await harness.openPage({ width: 1400, height: 900 });
    await p.send(documentMessage(graph));
    await p.rendered(1);
    return p;
  }

  it('paints each node\'s status with icon, colour, words and duration; a matrix node its worst and count; nothing moves, nothing is edited', async () => {
    const graph = githubRelease();
    const p = await opened(graph);
    const { page } = p;
    const ids = graph.nodes.map((n) => n.id);
    const before = await boxes(page, ids);
    await p.send(overlayFor(graph));
    await page.waitForSelector(`${nodeSelector('unit')} .pw-run-badge`);

    const badge = (id: string) => page.locator(`${nodeSelector(id)} .pw-run-badge`);
    assert.equal(await badge('build').getAttribute('data-light'), 'success');
    assert.equal(await badge('unit').getAttribute('data-light'), 'failure', 'the worst of its two instances');
    assert.equal(await badge('scan').getAttribute('data-light'), 'in_progress');
    assert.equal(await badge('deploy-staging').getAttribute('data-light'), 'waiting');
    assert.equal(await badge('deploy-prod').count(), 0, 'a job the run has not reached shows nothing');
    assert.match((await badge('unit').locator('.pw-run-badge-text').textContent()) ?? '', /^×2 · 2 min 00 s$/);
    assert.match((await badge('build').locator('.pw-run-badge-text').textContent()) ?? '', /^1 min 00 s$/);
    assert.equal(await badge('scan').locator('.codicon-modifier-spin').count(), 1, 'running: the icon turns');
    assert.match(await description(page, 'unit'), /^Run status: failed, worst of 2 jobs, 2 min 00 s\.$/);
    assert.match(await description(page, 'deploy-staging'), /^Run status: waiting for approval\. \| Environment staging: No protection rules/);

    // The status colour is the theme's: the card's outline takes the failed-test colour.
    const colours = await page.$eval(`${nodeSelector('unit')} .pw-job`, (el) => {
      const probe = document.createElement('span');
      probe.style.color = 'var(--vscode-testing-iconFailed)';
      document.body.append(probe);
      const expected = getComputedStyle(probe).color;
      probe.remove();
      return { outline: getComputedStyle(el).outlineColor, expected };
    });
    assert.equal(colours.outline, colours.expected);

    // The context menu of a node knows its jobs in the shown run (package.json's webview/context).
    const context = JSON.parse((await page.getAttribute(`${nodeSelector('unit')} .pw-job`, 'data-vscode-context')) ?? '{}');
    assert.deepEqual(context, { webviewSection: 'runJob', pipewrightRunId: '9012', pipewrightJobIds: '2,3', pipewrightJobFinished: true, pipewrightRunFinished: false, preventDefaultContextMenuItems: true });
    assert.equal(await page.getAttribute(`${nodeSelector('deploy-prod')} .pw-job`, 'data-vscode-context'), null);

    // A job moves on: the overlay follows; the nodes stay where they were.
    await p.send(overlayFor(graph, { jobs: JOBS.map((j) => (j.id === '4' ? { ...j, status: 'completed', conclusion: 'success', completedAt: '2026-12-01T09:02:10Z' } : j)) }));
    await page.waitForSelector(`${nodeSelector('scan')} .pw-run-badge[data-light="success"]`);
    assert.deepEqual(await boxes(page, ids), before, 'the overlay never changes the layout');
    assert.deepEqual(await posted(p, 'edit'), [], 'status messages never post an edit');
    assert.deepEqual(await posted(p, 'savePositions'), []);
    assert.deepEqual(await p.cspViolations(), []);
    assert.deepEqual(p.errors, []);
    await page.close();
  });

  it('a gated environment reads as gated on its node; a malformed overlay is reported, not shown', async () => {
    const graph = githubRelease();
    const p = await opened(graph);
    await p.send(overlayFor(graph));
    const row = p.page.locator(`${nodeSelector('deploy-prod')} .pw-row-environment`);
    await row.locator('.pw-env-gate-text').waitFor();
    assert.equal(await row.locator('.codicon-shield').count(), 1);
    assert.match(await description(p.page, 'deploy-prod'), /Environment production: Required reviewers: acme\/release-managers, mona; wait timer 5 min; protected branches only\./);
    await p.send({ type: 'overlay', state: 'shown' } as unknown as HostToWebview);
    await p.page.waitForFunction(() => (window as unknown as { __posted: { type: string; message?: string }[] }).__posted.some((m) => m.type === 'log' && /overlay\.where/.test(m.message ?? '')));
    assert.equal(await row.locator('.pw-env-gate-text').count(), 1, 'the last good overlay stays');
    await p.page.close();
  });

  it('the picker: latest on the branch by default, any recent run, or none; the choice is saved and sent again after a reload', async () => {
    const graph = githubRelease();
    const p = await opened(graph);
    const { page } = p;
    await p.send(overlayFor(graph));
    const select = page.locator('.pw-run-select');
    await select.waitFor();
    assert.equal(await select.inputValue(), 'latest');
    assert.deepEqual(await select.locator('option').allTextContents(), [
      'Latest on main',
      'No run',
      'Release #7 — Gift cards · in progress · main 4d5e6f7',
      'Release #6 — Faster search · succeeded · main 2a3b4c5',
    ]);
    assert.match((await page.locator('.pw-run-shown').textContent()) ?? '', /Release #7 in progress/);
    await select.selectOption('run:9001');
    assert.deepEqual((await posted(p, 'chooseRun')).map((m) => m.choice), [{ kind: 'run', runId: '9001' }]);
    await select.selectOption('none');
    assert.deepEqual((await posted(p, 'chooseRun')).map((m) => m.choice).at(-1), { kind: 'none' });
    await page.locator('.pw-run-workflow').click();
    assert.equal((await posted(p, 'runWorkflow')).length, 1);
    const saved = await p.savedState();
    assert.deepEqual((saved as { runChoice?: unknown }).runChoice, { kind: 'none' });
    assert.deepEqual(await posted(p, 'edit'), []);
    await page.close();

    // Reopened (VS Code restored the state): the saved choice goes to the host before `ready`.
    const again = await harness.openPage({ savedState: saved });
    const first = (await again.posted()).map((m) => m.type);
    assert.deepEqual(first.slice(0, 2), ['chooseRun', 'ready']);
    assert.deepEqual((await posted(again, 'chooseRun'))[0].choice, { kind: 'none' });
    await again.page.close();
  });

  it('without an overlay the picker is one short line saying why; no run, no badges', async () => {
    const graph = githubRelease();
    const p = await opened(graph);
    await p.send({ type: 'overlay', state: 'absent', reason: 'Sign in to GitHub to see runs.' });
    const line = p.page.locator('.pw-run-picker-absent');
    await line.waitFor();
    assert.equal((await line.textContent())?.trim(), 'Sign in to GitHub to see runs.');
    assert.equal(await p.page.locator('.pw-run-select').count(), 0);
    assert.equal(await p.page.locator('.pw-run-badge').count(), 0);
    assert.equal(await p.page.locator('.pw-run-workflow').count(), 0);
    await p.page.close();
  });

  it('the inspector shows an environment\'s protection rules; an admin sets them with "Set Rules…", never on typing', async () => {
    const graph = githubRelease();
    const p = await opened(graph);
    const { page } = p;
    await p.send(overlayFor(graph));
    await page.click(nodeSelector('deploy-prod'));
    await page.click('.pw-inspector-toggle');
    const section = page.locator('.pw-protection');
    await section.waitFor();
    assert.match((await section.locator('.pw-protection-rules').textContent()) ?? '', /Required reviewers: acme\/release-managers, mona; wait timer 5 min; protected branches only\./);
    assert.equal(await page.$eval('#pw-protection-reviewers', (el) => (el as unknown as { value: string }).value), 'acme/release-managers, mona');
    const setButton = section.locator('.pw-protection-set');
    assert.equal(await setButton.getAttribute('disabled'), '', 'nothing changed: nothing to set');

    await page.locator('#pw-protection-wait-timer input').fill('x');
    await page.locator('#pw-protection-wait-timer input').press('Enter');
    assert.match((await page.locator('#pw-protection-wait-timer-message').textContent()) ?? '', /whole number of minutes/);
    await page.locator('#pw-protection-wait-timer input').fill('15');
    await page.locator('#pw-protection-reviewers input').fill('mona, @acme/release-managers');
    await page.locator('#pw-protection-self-review').check();
    await page.locator('#pw-protection-reviewers input').press('Tab');
    assert.deepEqual(await posted(p, 'setProtection'), [], 'typing and leaving fields send nothing');
    await setButton.click();
    assert.deepEqual(await posted(p, 'setProtection'), [
      { type: 'setProtection', environment: 'production', reviewers: 'mona, @acme/release-managers', preventSelfReview: true, waitTimerMinutes: 15 },
    ]);
    assert.deepEqual(await posted(p, 'edit'), [], 'GitHub settings are not YAML edits');
    await page.close();

    const reader = await opened(graph);
    await reader.send(overlayFor(graph, { canAdminister: false }));
    await reader.page.click(nodeSelector('deploy-prod'));
    await reader.page.click('.pw-inspector-toggle');
    await reader.page.locator('.pw-protection').waitFor();
    assert.equal(await reader.page.locator('.pw-protection-set').count(), 0);
    assert.match((await reader.page.locator('.pw-protection').textContent()) ?? '', /Changing them needs admin permission on acme\/shop\./);
    await reader.page.close();
  });
});

// The designer webview in real headless Chromium: the production bundle under the production
// CSP, driven by the same messages VS Code delivers.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { hasSyntaxErrors, type PipelineGraph } from '../../src/core/model';
import { parsePipeline } from '../../src/core/parse';
import type { HostToWebview } from '../../src/shared/protocol';
import { startWebviewHarness, type DesignerPage, type WebviewHarness } from '../helpers/webviewHarness';
import { zoomOutToShowAll } from '../helpers/zoomOutToShowAll';
import type { ThemeKind } from '../helpers/vscodeThemes';
import { brokenReferencesGraph, githubGraph, gitlabGraph, syntaxErrorGraph } from './graphFixtures';
import { GITHUB_RELEASE, azurePipeline, githubRelease, gitlabPipeline } from './pipelineYaml';

const screenshotDir = fileURLToPath(new URL('../../test-output/webview/', import.meta.url));

function documentMessage(version: number, graph: PipelineGraph, fileName = '/work/.github/workflows/release.yml'): HostToWebview {
  return { type: 'document', version, fileName, graph, syntaxError: hasSyntaxErrors(graph) };
}

const nodeSelector = (id: string) => `.react-flow__node[data-id="${id}"]`;

/** The colour a theme variable resolves to in the page, as computed styles report colours. */
function themeColour(page: Page, variable: string): Promise<string> {
  return page.evaluate((name) => {
    const probe = document.createElement('span');
    probe.style.color = `var(${name})`;
    document.body.append(probe);
    const colour = getComputedStyle(probe).color;
    probe.remove();
    return colour;
  }, variable);
}
const edgeSelector = (from: string, to: string) => `.react-flow__edge[data-id="${from}->${to}"]`;

async function nodeIdsOnScreen(page: Page): Promise<string[]> {
  return page.$$eval('.react-flow__node.pw-graph-node', (els) => els.map((el) => el.getAttribute('data-id') ?? ''));
}

async function edgeIdsOnScreen(page: Page): Promise<string[]> {
  return page.$$eval('.react-flow__edge', (els) => els.map((el) => el.getAttribute('data-id') ?? '').sort());
}

/** The pan and zoom React Flow applies to the drawing, read from the DOM. */
async function viewport(page: Page): Promise<{ x: number; y: number; zoom: number }> {
  const transform = await page.$eval('.react-flow__viewport', (el) => (el as HTMLElement).style.transform);
  const match = /translate\((-?[\d.e+-]+)px, (-?[\d.e+-]+)px\) scale\(([\d.e+-]+)\)/.exec(transform);
  assert.ok(match, `unexpected viewport transform ${transform}`);
  return { x: Number(match[1]), y: Number(match[2]), zoom: Number(match[3]) };
}

async function box(page: Page, selector: string) {
  const b = await page.locator(selector).boundingBox();
  assert.ok(b, `${selector} has no box`);
  return b;
}

function inside(inner: { x: number; y: number; width: number; height: number }, outer: typeof inner): boolean {
  const slack = 0.5;
  return (
    inner.x >= outer.x - slack &&
    inner.y >= outer.y - slack &&
    inner.x + inner.width <= outer.x + outer.width + slack &&
    inner.y + inner.height <= outer.y + outer.height + slack
  );
}

/** No uncaught errors, no console errors, no CSP violations on this page. */
async function assertClean(p: DesignerPage): Promise<void> {
  assert.deepEqual(await p.cspViolations(), []);
  assert.deepEqual(p.errors, []);
}

async function zoomIn(page: Page, times: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    const before = (await viewport(page)).zoom;
    await page.click('.react-flow__controls-zoomin');
    await page.waitForFunction(
      (z) => !(document.querySelector('.react-flow__viewport') as HTMLElement).style.transform.endsWith(`scale(${z})`),
      before,
    );
  }
}

describe('designer webview', () => {
  let harness: WebviewHarness;
  before(async () => {
    harness = await startWebviewHarness();
  });
  after(async () => {
    await harness?.close();
  });

  it('posts ready on start, then draws a GitHub workflow: one node per job, edges from needs', async () => {
    const p = await harness.openPage();
    assert.deepEqual(await p.posted(), [{ type: 'ready' }]);
    const graph = githubRelease();
    await p.send(documentMessage(1, graph));
    const rendered = await p.rendered(1);
    const ids = graph.nodes.map((n) => n.id);
    assert.deepEqual(rendered, { type: 'rendered', version: 1, nodeIds: ids, edgeCount: graph.edges.length });
    assert.deepEqual((await nodeIdsOnScreen(p.page)).sort(), [...ids].sort());
    assert.deepEqual(await edgeIdsOnScreen(p.page), graph.edges.map((e) => `${e.from}->${e.to}`).sort());
    // Edges are findable by their two ends too.
    assert.equal(await p.page.locator('.react-flow__edge[data-from="unit"][data-to="deploy-staging"]').count(), 1);
    // Accessible names.
    assert.match((await p.page.getAttribute(nodeSelector('deploy-staging'), 'aria-label')) ?? '', /Job Deploy to staging.*environment staging/);
    assert.equal(await p.page.getAttribute(edgeSelector('build', 'scan'), 'aria-label'), 'Trivy scan depends on Build image');
    // Left to right, and the environment url is the tooltip.
    assert.ok((await box(p.page, nodeSelector('build'))).x < (await box(p.page, nodeSelector('unit'))).x);
    assert.equal(
      await p.page.getAttribute(`${nodeSelector('deploy-staging')} .pw-row-environment`, 'title'),
      'https://staging.example.com',
    );
    await assertClean(p);
    await p.page.close();
  });

  it('draws GitLab stages as lanes in stage order, jobs inside them, implicit edges dashed', async () => {
    const p = await harness.openPage();
    const graph = gitlabPipeline();
    await p.send(documentMessage(1, graph, '/work/.gitlab-ci.yml'));
    const rendered = await p.rendered(1);
    assert.equal(rendered.edgeCount, graph.edges.length);
    const lanes = await p.page.$$eval('.react-flow__node-lane .pw-lane-header .pw-name', (els) => els.map((el) => el.textContent));
    assert.deepEqual(lanes, ['build', 'test', 'deploy']);
    const laneBoxes = await p.page.locator('.react-flow__node-lane').evaluateAll((els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height };
      }),
    );
    for (const node of graph.nodes) {
      const lane = laneBoxes[['build', 'test', 'deploy'].indexOf(node.stage!)];
      assert.ok(inside(await box(p.page, nodeSelector(node.id)), lane), `${node.id} inside lane ${node.stage}`);
    }
    for (const e of graph.edges) {
      const className = (await p.page.getAttribute(edgeSelector(e.from, e.to), 'class')) ?? '';
      assert.equal(className.includes('pw-edge-implicit'), e.implicit, `${e.from}->${e.to}: ${className}`);
    }
    const implicitPath = await p.page.$eval(`${edgeSelector('compile', 'unit')} .react-flow__edge-path`, (el) => getComputedStyle(el).strokeDasharray);
    const explicitPath = await p.page.$eval(`${edgeSelector('compile', 'package')} .react-flow__edge-path`, (el) => getComputedStyle(el).strokeDasharray);
    assert.notEqual(implicitPath, 'none');
    assert.equal(explicitPath, 'none');
    assert.match((await p.page.textContent(`${nodeSelector('deploy-prod')} .pw-row-gate`)) ?? '', /Delayed 30 minutes/);
    await assertClean(p);
    await p.page.close();
  });

  it('draws Azure stages as groups holding their jobs, laid out left to right', async () => {
    const p = await harness.openPage();
    const graph = azurePipeline();
    await p.send(documentMessage(1, graph, '/work/azure-pipelines.yml'));
    const rendered = await p.rendered(1);
    assert.deepEqual([...rendered.nodeIds].sort(), graph.nodes.map((n) => n.id).sort());
    assert.equal(rendered.edgeCount, graph.edges.length);
    for (const stage of ['Build', 'Test', 'Prod']) {
      assert.equal(await p.page.locator(`${nodeSelector(stage)}.react-flow__node-stage`).count(), 1, `${stage} is a group`);
    }
    for (const job of graph.nodes.filter((n) => n.role === 'job')) {
      assert.ok(inside(await box(p.page, nodeSelector(job.id)), await box(p.page, nodeSelector(job.stage!))), `${job.id} inside ${job.stage}`);
    }
    const [build, test, prod] = await Promise.all(['Build', 'Test', 'Prod'].map((id) => box(p.page, nodeSelector(id))));
    assert.ok(build.x + build.width <= test.x && test.x + test.width <= prod.x, 'stages run left to right');
    assert.ok((await box(p.page, nodeSelector('Prod/Approve'))).x < (await box(p.page, nodeSelector('Prod/Deploy'))).x);
    assert.match((await p.page.textContent(`${nodeSelector('Prod/Approve')} .pw-row-gate`)) ?? '', /Approvers: ops@example.com/);
    await assertClean(p);
    await p.page.close();
  });

  it('updates a newer version in place, keeping viewport and selection; ignores older versions', async () => {
    const p = await harness.openPage();
    await p.send(documentMessage(1, githubRelease()));
    await p.rendered(1);
    await p.page.click(nodeSelector('scan'));
    await zoomIn(p.page, 2);
    const before = await viewport(p.page);
    const buildElement = await p.page.$(nodeSelector('build'));

    const v2Text = GITHUB_RELEASE.replace('name: Build image', 'name: Build and push image') +
      '  verify:\n    needs: deploy-prod\n    runs-on: ubuntu-latest\n    steps:\n      - run: curl -f https://example.com/health\n';
    await p.send(documentMessage(2, parsePipeline(v2Text, { fileName: 'release.yml' })));
    const rendered = await p.rendered(2);
    assert.ok(rendered.nodeIds.includes('verify'));
    assert.deepEqual(await viewport(p.page), before);
    assert.equal(await buildElement!.evaluate((el) => el.isConnected), true, 'the build node element was reused');
    assert.match((await p.page.textContent(`${nodeSelector('build')} .pw-name`)) ?? '', /Build and push image/);
    assert.equal(await p.page.locator(`${nodeSelector('scan')}.selected`).count(), 1);
    assert.equal(await p.page.locator(edgeSelector('deploy-prod', 'verify')).count(), 1);

    // An older version arriving late is ignored. A select message sent after it is handled after
    // it, so once the selection shows, the old version would have been applied too.
    await p.send(documentMessage(1, githubGraph()));
    await p.send({ type: 'select', nodeIds: ['build'] });
    await p.page.waitForSelector(`${nodeSelector('build')}.selected`);
    assert.equal(await p.page.locator(nodeSelector('e2e')).count(), 0, 'the old graph was not drawn');
    assert.equal(await p.page.locator(nodeSelector('verify')).count(), 1);
    await assertClean(p);
    await p.page.close();
  });

  it('keeps the last good graph dimmed on a syntax error and lists the error with a link to it', async () => {
    const p = await harness.openPage();
    await p.send(documentMessage(1, githubRelease()));
    await p.rendered(1);
    assert.equal(await p.page.locator('.pw-stale').count(), 0);

    const brokenText = GITHUB_RELEASE.replace('    steps:\n      - run: trivy', '  steps: [\n      - run: trivy');
    const broken = parsePipeline(brokenText, { fileName: 'release.yml' });
    assert.ok(hasSyntaxErrors(broken), 'the fixture really does not parse');
    await p.send(documentMessage(2, broken));
    await p.rendered(2);
    assert.equal(await p.page.locator('.pw-canvas-frame.pw-stale').count(), 1);
    assert.deepEqual((await nodeIdsOnScreen(p.page)).sort(), githubRelease().nodes.map((n) => n.id).sort());
    const items = await p.page.$$eval('.pw-problem', (els) => els.map((el) => el.textContent?.replace(/\s+/g, ' ').trim()));
    // One entry: the first cause, with what follows from it counted rather than listed.
    assert.equal(broken.problems.length, 1);
    const syntax = broken.problems[0];
    assert.equal(syntax.consequences?.length, 2);
    assert.deepEqual(items, [`${syntax.message} (${syntax.line}:${syntax.column}) (and 2 problems that follow from it)`]);
    assert.equal(await p.page.locator('.pw-stale-notice').count(), 1);
    mkdirSync(screenshotDir, { recursive: true });
    await p.page.screenshot({ path: join(screenshotDir, 'stale-dark.png') });

    await p.page.locator('.pw-problem', { hasText: syntax.message }).locator('.pw-position-link').click();
    assert.deepEqual((await p.posted()).at(-1), { type: 'revealPosition', line: syntax.line, column: syntax.column });

    // Fixed again: no longer dimmed, no problems.
    await p.send(documentMessage(3, githubRelease()));
    await p.rendered(3);
    assert.equal(await p.page.locator('.pw-stale').count(), 0);
    assert.equal(await p.page.locator('.pw-problem').count(), 0);
    await assertClean(p);
    await p.page.close();
  });

  it('shows only the errors when the first document does not parse', async () => {
    const p = await harness.openPage();
    await p.send(documentMessage(1, syntaxErrorGraph(3, 7)));
    assert.deepEqual(await p.rendered(1), { type: 'rendered', version: 1, nodeIds: [], edgeCount: 0 });
    assert.equal(await p.page.locator('.react-flow').count(), 0);
    assert.deepEqual(
      await p.page.$$eval('.pw-problem', (els) => els.map((el) => el.textContent?.replace(/\s+/g, ' ').trim())),
      ['Nested mappings are not allowed in compact mappings (3:7)'],
    );
    // A good version afterwards gets the canvas, fitted.
    await p.send(documentMessage(2, githubRelease()));
    assert.equal((await p.rendered(2)).nodeIds.length, githubRelease().nodes.length);
    assert.equal(await p.page.locator('.pw-stale').count(), 0);
    await assertClean(p);
    await p.page.close();
  });

  it('clicking a node selects it and posts selectNode; Enter on a focused node does too', async () => {
    const p = await harness.openPage();
    await p.send(documentMessage(1, azurePipeline(), '/work/azure-pipelines.yml'));
    await p.rendered(1);
    // Every node inside the pane: a click on one past its edge would need the canvas element
    // scrolled, which React Flow scrolls back, sometimes between the press and the release.
    await zoomOutToShowAll(p.page);
    // The selection reaches the host after React has rendered it: wait for the message.
    const lastSelected = () =>
      p.page.waitForFunction(() => {
        const posted = (window as unknown as { __posted: { type: string; nodeId?: string }[] }).__posted;
        return posted.filter((m) => m.type === 'selectNode').at(-1)?.nodeId;
      }).then((h) => h.jsonValue());
    const selected = async (id: string) => {
      await p.page.waitForFunction(
        (want) => (window as unknown as { __posted: { type: string; nodeId?: string }[] }).__posted.filter((m) => m.type === 'selectNode').at(-1)?.nodeId === want,
        id,
      ).catch(() => undefined);
      assert.equal(await lastSelected(), id);
    };
    await p.page.click(nodeSelector('Prod/Deploy'));
    await selected('Prod/Deploy');
    assert.deepEqual((await p.posted()).at(-1), { type: 'selectNode', nodeId: 'Prod/Deploy' });
    assert.equal(await p.page.locator(`${nodeSelector('Prod/Deploy')}.selected`).count(), 1);
    await p.page.click(`${nodeSelector('Test')} .pw-stage-header`);
    await selected('Test');

    await p.page.focus(nodeSelector('Build/Docker'));
    await p.page.keyboard.press('Enter');
    await selected('Build/Docker');
    // Enter also opens the inspector, which takes the focus; Escape brings it back to the node.
    await p.page.waitForFunction(() => document.activeElement?.id === 'pw-inspector-id');
    await p.page.keyboard.press('Escape');
    await p.page.waitForFunction(() => document.activeElement?.getAttribute('data-id') === 'Build/Docker');
    const outline = await p.page.$eval(`${nodeSelector('Build/Docker')} .pw-job`, (el) => getComputedStyle(el).outlineStyle);
    assert.notEqual(outline, 'none', 'keyboard focus is visible');
    await assertClean(p);
    await p.page.close();
  });

  it('a select message selects nodes and pans an off-screen one into view without zooming', async () => {
    const p = await harness.openPage({ width: 900, height: 600 });
    await p.send(documentMessage(1, githubRelease()));
    await p.rendered(1);
    await zoomIn(p.page, 3);
    const pane = await box(p.page, '.react-flow');
    const ids = githubRelease().nodes.map((n) => n.id);
    const visibility = await Promise.all(ids.map(async (id) => inside(await box(p.page, nodeSelector(id)), pane)));
    const visibleId = ids[visibility.indexOf(true)];
    const hiddenId = ids[visibility.indexOf(false)];
    assert.ok(visibleId && hiddenId, 'zoomed in far enough to hide some nodes');

    const start = await viewport(p.page);
    await p.send({ type: 'select', nodeIds: [visibleId] });
    await p.page.waitForSelector(`${nodeSelector(visibleId)}.selected`);
    assert.deepEqual(await viewport(p.page), start, 'a visible node does not move the view');

    await p.send({ type: 'select', nodeIds: [hiddenId] });
    await p.page.waitForSelector(`${nodeSelector(hiddenId)}.selected`);
    await p.page.waitForFunction(
      ({ id, x, y }) => {
        const t = (document.querySelector('.react-flow__viewport') as HTMLElement).style.transform;
        return t !== `translate(${x}px, ${y}px) scale(${id})`;
      },
      { id: start.zoom, x: start.x, y: start.y },
    );
    assert.ok(inside(await box(p.page, nodeSelector(hiddenId)), pane), `${hiddenId} brought into view`);
    assert.equal((await viewport(p.page)).zoom, start.zoom);
    assert.equal(await p.page.locator(`${nodeSelector(visibleId)}.selected`).count(), 0, 'selection replaced');
    // The host's selection is not echoed back as a user selection.
    assert.equal((await p.posted()).filter((m) => m.type === 'selectNode').length, 0);
    await assertClean(p);
    await p.page.close();
  });

  it('draws a ghost for a missing dependency and flags cycles and broken references', async () => {
    const p = await harness.openPage();
    await p.send(documentMessage(1, brokenReferencesGraph()));
    const rendered = await p.rendered(1);
    assert.equal(rendered.edgeCount, 4);
    assert.ok(!rendered.nodeIds.includes('compile'), 'the ghost is not a graph node');
    const ghost = p.page.locator(`${nodeSelector('compile')}.pw-ghost-node`);
    assert.equal(await ghost.count(), 1);
    assert.match((await ghost.getAttribute('aria-label')) ?? '', /Missing job compile/);
    assert.match((await p.page.getAttribute(edgeSelector('compile', 'deploy'), 'class')) ?? '', /pw-edge-unresolved/);
    assert.match((await p.page.getAttribute(edgeSelector('c', 'a'), 'class')) ?? '', /pw-edge-cyclic/);
    assert.doesNotMatch((await p.page.getAttribute(edgeSelector('a', 'b'), 'class')) ?? '', /pw-edge-cyclic/);
    assert.match((await p.page.getAttribute(edgeSelector('c', 'a'), 'aria-label')) ?? '', /cycle/);
    const flagged = await p.page.$$eval('.react-flow__node.pw-graph-node.pw-flagged', (els) => els.map((el) => el.getAttribute('data-id')).sort());
    assert.deepEqual(flagged, ['a', 'c', 'deploy']);
    // Error colour from the theme on the cycle edge and the flagged card.
    const errorColour = await themeColour(p.page, '--vscode-errorForeground');
    assert.equal(await p.page.$eval(`${edgeSelector('c', 'a')} .react-flow__edge-path`, (el) => getComputedStyle(el).stroke), errorColour);
    assert.equal(await p.page.$eval(`${nodeSelector('deploy')} .pw-job`, (el) => getComputedStyle(el).borderTopColor), errorColour);
    assert.match((await p.page.getAttribute(nodeSelector('deploy'), 'aria-label')) ?? '', /error: .*compile/);
    await assertClean(p);
    await p.page.close();
  });

  it('a reference that may be to another file is drawn in the warning colour: card, icon, edge and ghost', async () => {
    const p = await harness.openPage();
    const graph = brokenReferencesGraph();
    graph.problems[0] = { ...graph.problems[0], severity: 'warning', message: `${graph.problems[0].message} (it may come from an included file)` };
    await p.send(documentMessage(1, graph));
    await p.rendered(1);
    const warningColour = await themeColour(p.page, '--vscode-editorWarning-foreground');
    assert.match((await p.page.getAttribute(nodeSelector('deploy'), 'class')) ?? '', /pw-flagged-warning/);
    assert.doesNotMatch((await p.page.getAttribute(nodeSelector('deploy'), 'class')) ?? '', /pw-flagged(\s|$)/);
    assert.equal(await p.page.$eval(`${nodeSelector('deploy')} .pw-job`, (el) => getComputedStyle(el).borderTopColor), warningColour);
    assert.equal(await p.page.locator(`${nodeSelector('deploy')} .codicon-warning`).count(), 1);
    assert.equal(await p.page.$eval(`${edgeSelector('compile', 'deploy')} .react-flow__edge-path`, (el) => getComputedStyle(el).stroke), warningColour);
    assert.match((await p.page.getAttribute(edgeSelector('compile', 'deploy'), 'aria-label')) ?? '', /\(warning: compile is not defined here\)/);
    assert.match((await p.page.getAttribute(nodeSelector('deploy'), 'aria-label')) ?? '', /warning: .*may come from an included file/);
    const ghost = p.page.locator(`${nodeSelector('compile')}.pw-ghost-node`);
    assert.match((await ghost.getAttribute('class')) ?? '', /pw-flagged-warning/);
    assert.equal(await ghost.locator('.pw-ghost').evaluate((el) => getComputedStyle(el).color), warningColour);
    // The cycle stays an error.
    assert.match((await p.page.getAttribute(nodeSelector('a'), 'class')) ?? '', /pw-flagged(\s|$)/);
    await assertClean(p);
    await p.page.close();
  });

  it('a need of a job another file of the pipeline defines is drawn as that file\'s job: not flagged, named with its file', async () => {
    const p = await harness.openPage();
    const graph = brokenReferencesGraph();
    // As ownGraphInPipeline gives it: the reference problem is the pipeline's (none), the edge says where.
    graph.problems = graph.problems.filter((q) => !q.message.includes('"compile"'));
    graph.edges = graph.edges.map((e) => (e.from === 'compile' ? { ...e, definedIn: 'ci/build.yml' } : e));
    await p.send(documentMessage(1, graph));
    await p.rendered(1);
    const ghost = p.page.locator(`${nodeSelector('compile')}.pw-ghost-node`);
    assert.doesNotMatch((await ghost.getAttribute('class')) ?? '', /pw-flagged/);
    assert.equal(await ghost.getAttribute('aria-label'), 'Job compile, defined in ci/build.yml');
    assert.equal((await ghost.locator('.pw-row').textContent())?.trim(), 'in ci/build.yml');
    assert.equal(await ghost.locator('.codicon-file').count(), 1);
    assert.doesNotMatch((await p.page.getAttribute(nodeSelector('deploy'), 'class')) ?? '', /pw-flagged/);
    assert.match((await p.page.getAttribute(edgeSelector('compile', 'deploy'), 'aria-label')) ?? '', /\(defined in ci\/build\.yml\)$/);
    const errorColour = await themeColour(p.page, '--vscode-errorForeground');
    assert.notEqual(await p.page.$eval(`${edgeSelector('compile', 'deploy')} .react-flow__edge-path`, (el) => getComputedStyle(el).stroke), errorColour);
    assert.match((await p.page.getAttribute(edgeSelector('compile', 'deploy'), 'class')) ?? '', /pw-edge-elsewhere/);
    // A click, or Enter on it focused, asks the host to open its definition (in its file).
    const asked = () => p.page.waitForFunction(() => (window as unknown as { __posted: { type: string; nodeId?: string }[] }).__posted.some((m) => m.type === 'selectNode' && m.nodeId === 'compile'));
    await zoomOutToShowAll(p.page);
    await ghost.click();
    await asked();
    await p.page.evaluate(() => ((window as unknown as { __posted: unknown[] }).__posted.length = 0));
    await ghost.focus();
    await p.page.keyboard.press('Enter');
    await asked();
    await assertClean(p);
    await p.page.close();
  });

  it('marks read-only nodes with a lock and the reason, and shows file marks as a banner', async () => {
    const p = await harness.openPage();
    const graph = githubRelease();
    const unit = graph.nodes.find((n) => n.id === 'unit')!;
    assert.deepEqual(unit.marks, ['matrix']);
    await p.send(documentMessage(1, graph));
    await p.rendered(1);
    assert.equal(await p.page.getAttribute(`${nodeSelector('unit')} .pw-lock`, 'title'), 'This job is read-only: it expands into several jobs through `strategy.matrix`.');
    assert.match((await p.page.textContent(`${nodeSelector('unit')} .pw-row-marks`)) ?? '', /Read-only: matrix/);
    assert.equal(await p.page.locator(`${nodeSelector('build')} .pw-lock`).count(), 0);
    assert.equal(await p.page.locator('.pw-file-marks').count(), 0);

    await p.send(documentMessage(2, gitlabGraph(), '/work/.gitlab-ci.yml'));
    await p.rendered(2);
    assert.match((await p.page.textContent('.pw-file-marks')) ?? '', /include: templates\/security.yml/);
    assert.equal(await p.page.getAttribute(`${nodeSelector('sast')} .pw-lock`, 'title'), 'This job is read-only: it inherits from `.sast-template` through `extends`.');
    await p.page.click('.pw-file-marks .pw-position-link');
    assert.deepEqual((await p.posted()).at(-1), { type: 'revealPosition', line: 1, column: 1 });
    await assertClean(p);
    await p.page.close();
  });

  it('restores viewport, selection and graph after a reload, before the host resends', async () => {
    const first = await harness.openPage();
    await first.send(documentMessage(4, githubRelease()));
    await first.rendered(4);
    await first.page.click(nodeSelector('deploy-staging'));
    await zoomIn(first.page, 1);
    const seen = await viewport(first.page);
    // The style string is rounded; the saved viewport is not.
    await first.page.waitForFunction(
      (zoom) => Math.abs(((window as unknown as { __state?: { viewport?: { zoom: number } } }).__state?.viewport?.zoom ?? 0) - zoom) < 1e-4,
      seen.zoom,
    );
    const saved = await first.savedState();
    await first.page.close();

    const second = await harness.openPage({ savedState: saved });
    const restored = await second.rendered(4);
    assert.deepEqual([...restored.nodeIds].sort(), githubRelease().nodes.map((n) => n.id).sort());
    assert.deepEqual((await second.posted()).map((m) => m.type), ['ready', 'rendered']);
    const back = await viewport(second.page);
    const close = (a: number, b: number, within: number) => Math.abs(a - b) < within;
    assert.ok(close(back.x, seen.x, 0.01) && close(back.y, seen.y, 0.01) && close(back.zoom, seen.zoom, 1e-5), JSON.stringify({ back, seen }));
    assert.equal(await second.page.locator(`${nodeSelector('deploy-staging')}.selected`).count(), 1);

    // The host resends the same version after the reload: nothing moves.
    await second.send(documentMessage(4, githubRelease()));
    await second.rendered(4, 2);
    assert.deepEqual(await viewport(second.page), back);
    assert.equal(await second.page.locator(`${nodeSelector('deploy-staging')}.selected`).count(), 1);
    await assertClean(second);
    await second.page.close();
  });

  it('ignores malformed host messages and reports them and uncaught errors to the log', async () => {
    const p = await harness.openPage();
    await p.page.evaluate(() => window.postMessage({ type: 'document', version: 'one', graph: {} }, '*'));
    await p.page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'log'));
    const log = (await p.posted()).find((m) => m.type === 'log');
    assert.deepEqual(log, { type: 'log', level: 'warn', message: 'ignored a message from the host: document.version must be an integer' });
    // Uncaught errors go to the host's log too.
    await p.page.evaluate(() => window.dispatchEvent(new ErrorEvent('error', { message: 'boom', filename: 'main.js', lineno: 7 })));
    assert.deepEqual((await p.posted()).at(-1), { type: 'log', level: 'error', message: 'webview error: boom (main.js:7)' });
    await assertClean(p);
    await p.page.close();
  });

  it('renders in light, dark and high-contrast themes without CSP violations (screenshots)', async () => {
    mkdirSync(screenshotDir, { recursive: true });
    const backgrounds = new Set<string>();
    for (const theme of ['light', 'dark', 'high-contrast'] as ThemeKind[]) {
      const p = await harness.openPage({ theme });
      await p.send(documentMessage(1, githubGraph()));
      await p.rendered(1);
      await p.send({ type: 'select', nodeIds: ['deploy-prod'] });
      await p.page.waitForSelector(`${nodeSelector('deploy-prod')}.selected`);
      const colours = await p.page.$eval(`${nodeSelector('build')} .pw-job`, (el) => ({
        text: getComputedStyle(el.querySelector('.pw-name')!).color,
        card: getComputedStyle(el).backgroundColor,
        page: getComputedStyle(document.body).backgroundColor,
      }));
      assert.notEqual(colours.text, colours.card, `${theme}: node text is visible on its card`);
      backgrounds.add(colours.page);
      await p.page.screenshot({ path: join(screenshotDir, `github-${theme}.png`) });
      if (theme === 'dark') {
        const samples = [
          ['gitlab', gitlabPipeline(), '/work/.gitlab-ci.yml'],
          ['azure', azurePipeline(), '/work/azure-pipelines.yml'],
          ['problems', brokenReferencesGraph(), '/work/.github/workflows/broken.yml'],
        ] as const;
        for (const [name, graph, fileName] of samples) {
          const q = await harness.openPage({ theme });
          await q.send(documentMessage(1, graph, fileName));
          await q.rendered(1);
          await q.page.screenshot({ path: join(screenshotDir, `${name}-${theme}.png`) });
          await assertClean(q);
          await q.page.close();
        }
      }
      await assertClean(p);
      await p.page.close();
    }
    assert.equal(backgrounds.size, 3, 'each theme paints its own background');
  });
});

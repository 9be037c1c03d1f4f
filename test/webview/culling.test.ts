// Large graphs draw only the nodes in view (webview/src/viewport/culling.ts). What must still
// hold: arrows reach nodes out of view from the handles nodes declare (which must sit where the
// browser draws them), every node the user pans to is drawn, the `rendered` report lists every
// placed node, and the keyboard reaches nodes out of view — bringing them into view, focusing them
// (so a screen reader reads their name) — even after panning took the focused node away.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { generatePipeline } from '../../bench/generatePipelines';
import type { PipelineGraph } from '../../src/core/model';
import { parsePipeline } from '../../src/core/parse';
import type { HostToWebview } from '../../src/shared/protocol';
import { declaredHandles } from '../../webview/src/flow/handleGeometry';
import { uniqueEdges } from '../../webview/src/graph/edges';
import { CULL_ABOVE } from '../../webview/src/viewport/culling';
import { emptyPanePoint, pressAndMove } from '../helpers/pane';
import { startWebviewHarness, type DesignerPage, type WebviewHarness } from '../helpers/webviewHarness';
import { azureGraph, brokenReferencesGraph, githubGraph } from './graphFixtures';

function documentMessage(version: number, graph: PipelineGraph): HostToWebview {
  return { type: 'document', version, fileName: 'ci.yml', graph, syntaxError: false };
}

interface DrawnNode {
  id: string;
  /** Whether its box overlaps the canvas pane. */
  inView: boolean;
}

/** The graph nodes in the page, and whether each is inside the pane. */
async function drawnNodes(page: Page): Promise<DrawnNode[]> {
  return page.evaluate(`(() => {
    const pane = document.querySelector('.react-flow').getBoundingClientRect();
    return [...document.querySelectorAll('.react-flow__node.pw-graph-node')].map((n) => {
      const r = n.getBoundingClientRect();
      return { id: n.getAttribute('data-id'), inView: r.right > pane.left && r.left < pane.right && r.bottom > pane.top && r.top < pane.bottom };
    });
  })()`) as Promise<DrawnNode[]>;
}

/** The focused node: its id, whether it is fully inside the pane, and its accessible name. */
async function focused(page: Page): Promise<{ id: string | null; inView: boolean; label: string | null }> {
  return page.evaluate(`(() => {
    const el = document.activeElement;
    const node = el && el.closest('.react-flow__node');
    if (!node || node !== el) return { id: null, inView: false, label: null };
    const pane = document.querySelector('.react-flow').getBoundingClientRect();
    const r = node.getBoundingClientRect();
    return {
      id: node.getAttribute('data-id'),
      inView: r.left >= pane.left && r.right <= pane.right && r.top >= pane.top && r.bottom <= pane.bottom,
      label: node.getAttribute('aria-label'),
    };
  })()`) as Promise<{ id: string | null; inView: boolean; label: string | null }>;
}

/** Drags the empty pane by (dx, dy) and waits until `id` has left the page. */
async function panAwayFrom(page: Page, id: string, dx: number, dy: number): Promise<void> {
  const start = await emptyPanePoint(page);
  await pressAndMove(page, start.x, start.y, dx, dy, 20);
  await page.waitForFunction((nodeId) => !document.querySelector(`.react-flow__node[data-id="${nodeId}"]`), id);
}

/**
 * Zooms in with the wheel about the pane's corner farthest from `id` until the node has left the
 * page; the pointer never presses, so the focus stays where it was.
 */
async function zoomAwayFrom(page: Page, id: string): Promise<void> {
  const pane = (await page.locator('.react-flow').boundingBox())!;
  const node = (await page.locator(`.react-flow__node[data-id="${id}"]`).boundingBox())!;
  const nodeX = node.x + node.width / 2;
  const nodeY = node.y + node.height / 2;
  const x = nodeX < pane.x + pane.width / 2 ? pane.x + pane.width - 10 : pane.x + 10;
  const y = nodeY < pane.y + pane.height / 2 ? pane.y + pane.height - 10 : pane.y + 10;
  await page.mouse.move(x, y);
  for (let i = 0; i < 20 && (await page.locator(`.react-flow__node[data-id="${id}"]`).count()) > 0; i++) {
    await page.mouse.wheel(0, -300);
    await page.waitForFunction(() => new Promise((resolve) => requestAnimationFrame(() => resolve(true))));
  }
  assert.equal(await page.locator(`.react-flow__node[data-id="${id}"]`).count(), 0, `${id} left the page`);
}

describe('large graphs draw what is in view', () => {
  let harness: WebviewHarness;
  before(async () => {
    harness = await startWebviewHarness();
  });
  after(async () => {
    await harness?.close();
  });

  it('declares each handle where the browser draws it (job cards, Azure stage groups, missing-job ghosts)', async () => {
    for (const graph of [githubGraph(), azureGraph(), brokenReferencesGraph()]) {
      const p = await harness.openPage();
      await p.send(documentMessage(1, graph));
      await p.rendered(1);
      const drawn = (await p.page.evaluate(`(() => {
        const zoom = Number(document.querySelector('.react-flow__viewport').style.transform.match(/scale\\(([^)]+)\\)/)[1]);
        return [...document.querySelectorAll('.react-flow__node')].filter((n) => !n.classList.contains('react-flow__node-lane')).map((n) => {
          const r = n.getBoundingClientRect();
          return {
            id: n.getAttribute('data-id'),
            type: [...n.classList].find((c) => c.startsWith('react-flow__node-')).slice('react-flow__node-'.length),
            width: r.width / zoom,
            height: r.height / zoom,
            handles: [...n.querySelectorAll('.react-flow__handle')].map((h) => {
              const b = h.getBoundingClientRect();
              return { position: h.getAttribute('data-handlepos'), x: (b.left - r.left) / zoom, y: (b.top - r.top) / zoom, width: b.width / zoom, height: b.height / zoom };
            }),
          };
        });
      })()`)) as Array<{ id: string; type: 'job' | 'stage' | 'ghost'; width: number; height: number; handles: Array<{ position: string; x: number; y: number; width: number; height: number }> }>;
      assert.ok(drawn.length > 0);
      for (const node of drawn) {
        const declared = declaredHandles(node.type, Math.round(node.width), Math.round(node.height));
        assert.equal(node.handles.length, declared.length, `${node.id}: handles drawn`);
        for (const measured of node.handles) {
          const expected = declared.find((d) => d.position === measured.position);
          assert.ok(expected, `${node.id}: a ${measured.position} handle is declared`);
          for (const key of ['x', 'y', 'width', 'height'] as const) {
            assert.ok(Math.abs(measured[key] - expected[key]!) < 0.5, `${node.id} (${node.type}) ${measured.position} handle ${key}: drawn ${measured[key]}, declared ${expected[key]}`);
          }
        }
      }
      await p.page.close();
    }
  });

  it('reports every placed node, draws the nodes in view, and draws what the user pans to with its arrows', async () => {
    const p = await harness.openPage();
    const graph = parsePipeline(generatePipeline('github', 1000), { dialect: 'github' });
    assert.ok(graph.nodes.length > CULL_ABOVE);
    // The most nodes ever in the page at once: React Flow draws every node once to measure it
    // unless the node declares its handles (flow/handleGeometry.ts).
    await p.page.evaluate(`(() => {
      window.__mostNodes = 0;
      new MutationObserver(() => {
        window.__mostNodes = Math.max(window.__mostNodes, document.querySelectorAll('.react-flow__node').length);
      }).observe(document.body, { childList: true, subtree: true });
    })()`);
    await p.send(documentMessage(1, graph));
    const rendered = await p.rendered(1);
    const most = (await p.page.evaluate('window.__mostNodes')) as number;
    assert.ok(most < graph.nodes.length / 10, `at most ${most} nodes were in the page at once while drawing`);
    assert.deepEqual([...rendered.nodeIds].sort(), graph.nodes.map((n) => n.id).sort(), 'every node is placed and reported');
    assert.equal(rendered.edgeCount, uniqueEdges(graph).length);
    assert.equal(await p.page.getAttribute('.pw-canvas', 'data-only-visible'), 'true');

    const first = await drawnNodes(p.page);
    assert.ok(first.length > 0 && first.length < graph.nodes.length, `${first.length} of ${graph.nodes.length} nodes in the page`);
    assert.deepEqual(first.filter((n) => !n.inView), [], 'only nodes in view are in the page');
    // Pan towards the end of the flow: the nodes now in view are drawn, the ones left behind go.
    const start = await emptyPanePoint(p.page);
    await pressAndMove(p.page, start.x, start.y, -500, -300, 20);
    await p.page.waitForFunction(
      (before) => [...document.querySelectorAll('.react-flow__node.pw-graph-node')].some((n) => !before.includes(n.getAttribute('data-id') ?? '')),
      first.map((n) => n.id),
    );
    const panned = await drawnNodes(p.page);
    assert.ok(panned.length > 0);
    assert.deepEqual(panned.filter((n) => !n.inView), [], 'after panning, only nodes in view are in the page');
    // The host selecting the last job brings it into view, drawn.
    await p.send({ type: 'select', nodeIds: ['job-999'] });
    await p.page.waitForSelector('.react-flow__node[data-id="job-999"].selected');
    const last = await drawnNodes(p.page);
    assert.ok(last.find((n) => n.id === 'job-999')?.inView);
    // Arrows to nodes that were never in the page are drawn too, from the handles nodes declare.
    const everDrawn = new Set([...first, ...panned].map((n) => n.id));
    const ids = new Set(last.map((n) => n.id));
    const arrows = (await p.page.$$eval('.react-flow__edge', (els) =>
      els.map((el) => ({ from: el.getAttribute('data-from'), to: el.getAttribute('data-to'), d: el.querySelector('.react-flow__edge-path')?.getAttribute('d') ?? '' })),
    )) as Array<{ from: string; to: string; d: string }>;
    const toUndrawn = arrows.filter((a) => (ids.has(a.from) && !ids.has(a.to) && !everDrawn.has(a.to)) || (ids.has(a.to) && !ids.has(a.from) && !everDrawn.has(a.from)));
    assert.ok(toUndrawn.length > 0, 'some arrow runs from a node in view to one never drawn');
    for (const a of toUndrawn) assert.match(a.d, /^M\s*-?\d/, `the arrow ${a.from} → ${a.to} has a path`);
    assert.deepEqual(p.errors, []);
    assert.deepEqual(await p.cspViolations(), []);
    await p.page.close();
  });

  it('moves the focus to nodes out of view with the arrow keys, bringing each into view with its name, and keeps the focus on the graph when panning takes the node away', async () => {
    const p: DesignerPage = await harness.openPage();
    const graph = parsePipeline(generatePipeline('github', 1000), { dialect: 'github' });
    const names = new Map(graph.nodes.map((n) => [n.id, n.name]));
    await p.send(documentMessage(1, graph));
    await p.rendered(1);
    const { page } = p;
    await page.locator('.react-flow__node[data-id="job-0"]').click();

    // Step right along the flow until a step has landed on a node that was not in the page.
    let reachedUndrawn: string | undefined;
    let at = 'job-0';
    for (let step = 0; step < 12 && !reachedUndrawn; step++) {
      const before = new Set((await drawnNodes(page)).map((n) => n.id));
      await page.keyboard.press(step % 3 === 2 ? 'ArrowDown' : 'ArrowRight');
      await page.waitForFunction((from) => {
        const el = document.activeElement;
        return el?.classList.contains('react-flow__node') === true && el.getAttribute('data-id') !== from;
      }, at);
      const now = await focused(page);
      assert.ok(now.id);
      assert.ok(now.inView, `${now.id} is focused and in view`);
      assert.ok(now.label?.startsWith(`Job ${names.get(now.id)}`), `the focused node is read by its name: ${now.label}`);
      assert.ok(await page.locator(`.react-flow__node[data-id="${now.id}"].selected`).count() === 1, `${now.id} is selected`);
      if (!before.has(now.id)) reachedUndrawn = now.id;
      at = now.id;
    }
    assert.ok(reachedUndrawn, 'an arrow key reached a node that was out of view');

    // Zooming in with the wheel about a far corner takes the focused node out of the page (the
    // pointer never presses, so nothing else takes the focus): it stays on the graph.
    await zoomAwayFrom(page, at);
    await page.waitForFunction(() => document.activeElement?.classList.contains('react-flow') === true);
    // F2 renames the selected node: it comes back into view with the rename box.
    await page.keyboard.press('F2');
    const input = page.locator(`.react-flow__node[data-id="${at}"] .pw-rename-input`);
    await input.waitFor();
    await page.waitForFunction(() => document.activeElement?.classList.contains('pw-rename-input') === true);
    await page.keyboard.press('Escape');
    await page.waitForFunction((id) => document.activeElement?.getAttribute('data-id') === id, at);

    // Again away, then an arrow: it goes on from the selected node, to a node brought into view.
    await panAwayFrom(page, at, -700, -500);
    await page.waitForFunction(() => document.activeElement?.classList.contains('react-flow') === true);
    await page.keyboard.press('ArrowLeft');
    await page.waitForFunction((from) => {
      const el = document.activeElement;
      return el?.classList.contains('react-flow__node') === true && el.getAttribute('data-id') !== from;
    }, at);
    const back = await focused(page);
    assert.ok(back.inView, `${back.id} is in view`);
    const needs = graph.edges.filter((e) => e.to === at).map((e) => e.from);
    assert.ok(back.id !== null && needs.includes(back.id), `left from ${at} goes to what it needs (${needs.join(', ')}), went to ${back.id}`);
    assert.deepEqual(p.errors, []);
    await page.close();
  });

  it('Escape in the inspector goes back to its node even when the view moved it out of the page', async () => {
    const p = await harness.openPage();
    const graph = parsePipeline(generatePipeline('github', 1000), { dialect: 'github' });
    await p.send(documentMessage(1, graph));
    await p.rendered(1);
    const { page } = p;
    await page.focus('.react-flow__node[data-id="job-0"]');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'pw-inspector-id');
    await zoomAwayFrom(page, 'job-0');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'pw-inspector-id', 'the wheel left the focus in the inspector');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-id') === 'job-0');
    const back = await focused(page);
    assert.ok(back.inView, 'job-0 is back in view');
    assert.deepEqual(p.errors, []);
    await page.close();
  });
});

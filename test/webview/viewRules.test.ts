// The rules behind the designer's use of space, in Node: the readable zoom and the view a file
// opens with (viewport/firstViewport.ts), when the minimap shows (viewport/minimap.ts), and how
// the two side panels share the width (panels/sidePanels.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { layoutGraph } from '../../webview/src/layout/layoutGraph';
import { panelRoom, panelToClose } from '../../webview/src/panels/sidePanels';
import { firstViewport, layoutBounds, NODE_TEXT_PX, READABLE_TEXT_PX, readableZoom } from '../../webview/src/viewport/firstViewport';
import { MINIMAP_AUTO_MIN, minimapShown } from '../../webview/src/viewport/minimap';
import { edge, githubGraph, gitlabGraph, job } from './graphFixtures';

describe('readable zoom', () => {
  it('draws the smallest node text at the readable size, whatever VS Code’s font size', () => {
    for (const px of [10, 12, 13, 16, 20]) assert.equal(readableZoom(px) * px, READABLE_TEXT_PX);
    // Unknown (nothing drawn yet): the card styles' own smallest text.
    assert.equal(readableZoom(Number.NaN), READABLE_TEXT_PX / NODE_TEXT_PX);
    // Never beyond the canvas's own zoom limit.
    assert.equal(readableZoom(2), 2);
  });
});

describe('firstViewport', () => {
  it('a tall graph opens at the top of its first column, at the readable zoom', () => {
    // Two columns of 20 jobs each: wider and taller than the pane.
    const graph = githubGraph();
    const left = Array.from({ length: 20 }, (_, i) => `a${i}`);
    const right = Array.from({ length: 20 }, (_, i) => `b${i}`);
    graph.nodes = [...left, ...right].map((id) => job(id));
    graph.edges = left.map((id, i) => edge(id, right[i]));
    const extent = layoutBounds(layoutGraph(graph))!;
    const pane = { width: 400, height: 500 };
    const minZoom = readableZoom(12);
    const view = firstViewport(extent.bounds, pane, extent.start, { minZoom });
    assert.equal(view.zoom, minZoom);
    assert.equal(view.x + extent.start.x * view.zoom, 24, 'first column at the left, after the padding');
    assert.equal(view.y + extent.start.y * view.zoom, 24, 'its top at the top, after the padding');
  });

  it('never scrolls past the end of a graph shorter than the pane', () => {
    const bounds = { x: 0, y: 0, width: 3000, height: 200 };
    const view = firstViewport(bounds, { width: 600, height: 400 }, { x: 0, y: 0, width: 240, height: 200 }, { minZoom: 1 });
    assert.equal(view.zoom, 1);
    assert.equal(view.y, 100, 'centred vertically: it fits that way');
    assert.equal(view.x, 24);
  });

  it('GitLab: the first column is the first lane with its header', () => {
    const layout = layoutGraph(gitlabGraph());
    const extent = layoutBounds(layout)!;
    const lane = layout.lanes[0];
    assert.deepEqual({ x: extent.start.x, y: extent.start.y }, { x: lane.x, y: lane.y });
  });
});

describe('minimap', () => {
  it('shows by itself only in a roomy pane; the user’s choice wins either way', () => {
    assert.equal(minimapShown({ width: 600, height: 700 }, undefined), false, 'beside the text');
    assert.equal(minimapShown({ width: 1200, height: 300 }, undefined), false, 'a low pane');
    assert.equal(minimapShown(MINIMAP_AUTO_MIN, undefined), true);
    assert.equal(minimapShown({ width: 340, height: 600 }, true), true);
    assert.equal(minimapShown({ width: 1600, height: 900 }, false), false);
  });
});

describe('side panels', () => {
  it('both beside the canvas when wide; one at a time when not; floating when even one would squeeze it', () => {
    assert.deepEqual(panelRoom(1200), { both: true, overlay: false });
    assert.deepEqual(panelRoom(600), { both: false, overlay: false });
    assert.deepEqual(panelRoom(340), { both: false, overlay: true });
    // Not measured yet: decide nothing.
    assert.deepEqual(panelRoom(0), { both: true, overlay: false });
  });

  it('closes the panel opened earlier when both are open without room for both', () => {
    const both = { palette: true, inspector: true };
    assert.equal(panelToClose(600, both, 'inspector'), 'palette');
    assert.equal(panelToClose(600, both, 'palette'), 'inspector');
    assert.equal(panelToClose(1200, both, 'palette'), undefined);
    assert.equal(panelToClose(600, { palette: true, inspector: false }, 'palette'), undefined);
  });
});

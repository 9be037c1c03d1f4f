// Arrows routed around the boxes between their ends (flow/edgeRoutes.ts), in Node: on the
// samples, on hand-made layouts, and on every layout of the shared corpus.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { PipelineGraph } from '../../src/core/model';
import { parsePipeline } from '../../src/core/parse';
import { uniqueEdges } from '../../webview/src/graph/edges';
import { layoutGraph } from '../../webview/src/layout/layoutGraph';
import type { LayoutBox } from '../../webview/src/layout/types';
import { plainCurve, routeEdge, routeObstacles, type RouteBox, type RouteObstacles } from '../../webview/src/flow/edgeRoutes';
import { corpusAvailable, corpusEntries, corpusSkipReason, repoRoot } from '../helpers/corpus';

interface Point {
  x: number;
  y: number;
}

/** Points along a path of the shapes routeEdge writes (M, C and L with absolute x,y pairs). */
function pathPoints(path: string, perSegment = 40): Point[] {
  const tokens = path.trim().split(/\s+/);
  const read = (token: string): Point => {
    const [x, y] = token.split(',').map(Number);
    assert.ok(Number.isFinite(x) && Number.isFinite(y), `bad point ${token} in ${path}`);
    return { x, y };
  };
  const points: Point[] = [];
  let at: Point | undefined;
  for (let i = 0; i < tokens.length; ) {
    const command = tokens[i++];
    if (command === 'M') {
      at = read(tokens[i++]);
      points.push(at);
    } else if (command === 'L') {
      const to = read(tokens[i++]);
      for (let k = 1; k <= perSegment; k++) points.push({ x: at!.x + ((to.x - at!.x) * k) / perSegment, y: at!.y + ((to.y - at!.y) * k) / perSegment });
      at = to;
    } else if (command === 'C') {
      const [c1, c2, to] = [read(tokens[i++]), read(tokens[i++]), read(tokens[i++])];
      for (let k = 1; k <= perSegment; k++) {
        const t = k / perSegment;
        const u = 1 - t;
        const mix = (a: number, b: number, c: number, d: number) => u * u * u * a + 3 * u * u * t * b + 3 * u * t * t * c + t * t * t * d;
        points.push({ x: mix(at!.x, c1.x, c2.x, to.x), y: mix(at!.y, c1.y, c2.y, to.y) });
      }
      at = to;
    } else {
      assert.fail(`unexpected path command ${command} in ${path}`);
    }
  }
  return points;
}

function inside(p: Point, box: LayoutBox): boolean {
  return p.x > box.x && p.x < box.x + box.width && p.y > box.y && p.y < box.y + box.height;
}

/** Forward edges of a laid-out graph, routed from right-hand to left-hand handle. */
function routedEdges(graph: PipelineGraph): Array<{ from: LayoutBox; to: LayoutBox; path: string; boxes: LayoutBox[] }> {
  const layout = layoutGraph(graph);
  const boxes = [...layout.nodes, ...layout.ghosts];
  const byId = new Map(boxes.map((b) => [b.id, b]));
  const obstacles = routeObstacles(boxes);
  return uniqueEdges(graph)
    .map((e) => ({ from: byId.get(e.from)!, to: byId.get(e.to)! }))
    .filter(({ from, to }) => from && to && to.x >= from.x + from.width)
    .map(({ from, to }) => ({ from, to, boxes, path: route(obstacles, from, to) }));
}

function route(obstacles: RouteObstacles, from: LayoutBox, to: LayoutBox): string {
  return routeEdge(
    obstacles,
    { id: from.id, x: from.x + from.width, y: from.y + from.height / 2 },
    { id: to.id, x: to.x, y: to.y + to.height / 2 },
  );
}

/** The boxes a path runs through, other than its ends and the groups holding them. */
function crossed(edge: { from: LayoutBox; to: LayoutBox; path: string; boxes: LayoutBox[] }): string[] {
  const own = new Set([edge.from.id, edge.to.id, edge.from.parentId, edge.to.parentId]);
  const points = pathPoints(edge.path);
  return edge.boxes.filter((b) => !own.has(b.id) && points.some((p) => inside(p, b))).map((b) => b.id);
}

const sample = (path: string) => parsePipeline(readFileSync(join(repoRoot, 'samples', path), 'utf8'), { fileName: path });

describe('edge routes', () => {
  it('deploy sample: build → production runs around test, staging and approve, not through or along them', () => {
    const edges = routedEdges(sample('.github/workflows/deploy.yml'));
    const long = edges.find((e) => e.from.id === 'build' && e.to.id === 'production')!;
    assert.notEqual(long.path, plainCurve({ x: long.from.x + long.from.width, y: 0 }, { x: long.to.x, y: 0 }));
    assert.deepEqual(crossed(long), []);
    // Not along their tops either: everywhere over a box's width it keeps a gap from the box.
    const points = pathPoints(long.path);
    for (const id of ['staging', 'approve']) {
      const box = long.boxes.find((b) => b.id === id)!;
      const over = points.filter((p) => p.x > box.x && p.x < box.x + box.width);
      assert.ok(over.length > 0);
      const closest = Math.min(...over.map((p) => Math.max(box.y - p.y, p.y - (box.y + box.height))));
      assert.ok(closest >= 10, `${id}: the arrow passes ${closest.toFixed(1)} px from it`);
    }
    for (const edge of edges) assert.deepEqual(crossed(edge), [], `${edge.from.id} → ${edge.to.id}`);
  });

  it('the samples of every dialect: no arrow crosses a box', () => {
    for (const file of ['.github/workflows/ci.yml', '.gitlab-ci.yml', 'azure-pipelines.yml']) {
      for (const edge of routedEdges(sample(file))) assert.deepEqual(crossed(edge), [], `${file}: ${edge.from.id} → ${edge.to.id}`);
    }
  });

  it('keeps the plain curve between neighbouring columns', () => {
    const boxes: RouteBox[] = [
      { id: 'a', x: 0, y: 0, width: 100, height: 40 },
      { id: 'b', x: 180, y: 60, width: 100, height: 40 },
      { id: 'far', x: 180, y: 400, width: 100, height: 40 },
    ];
    const obstacles = routeObstacles(boxes);
    const from = { id: 'a', x: 100, y: 20 };
    const to = { id: 'b', x: 180, y: 80 };
    assert.equal(routeEdge(obstacles, from, to), plainCurve(from, to));
  });

  it('passes between two boxes of a column when they leave room, around them when they do not', () => {
    const column = (gap: number): RouteBox[] => [
      { id: 'a', x: 0, y: 100, width: 100, height: 40 },
      { id: 'upper', x: 200, y: 60, width: 100, height: 40 },
      { id: 'lower', x: 200, y: 100 + gap, width: 100, height: 40 },
      { id: 'b', x: 400, y: 100, width: 100, height: 40 },
    ];
    const crossingY = (boxes: RouteBox[]) => {
      const path = routeEdge(routeObstacles(boxes), { id: 'a', x: 100, y: 120 }, { id: 'b', x: 400, y: 120 });
      return pathPoints(path).find((p) => p.x === 250)?.y ?? pathPoints(path).reduce((a, p) => (Math.abs(p.x - 250) < Math.abs(a.x - 250) ? p : a)).y;
    };
    // A 60 px gap from 100 to 160: the arrow crosses in it, clear of both boxes.
    const between = crossingY(column(60));
    assert.ok(between > 100 + 10 && between < 160 - 10, `crosses at ${between}`);
    // A 4 px gap: no passage; the arrow goes above or below the pair.
    const around = crossingY(column(4));
    assert.ok(around < 60 || around > 144, `crosses at ${around}`);
  });

  it('Azure: a job-to-job arrow may run inside the stage groups of its ends, not through another stage', () => {
    const boxes: RouteBox[] = [
      { id: 'S1', x: 0, y: 0, width: 300, height: 200 },
      { id: 'S1/a', x: 20, y: 60, width: 240, height: 60, parentId: 'S1' },
      { id: 'S2', x: 400, y: 40, width: 300, height: 120 },
      { id: 'S2/x', x: 420, y: 80, width: 240, height: 60, parentId: 'S2' },
      { id: 'S3', x: 800, y: 0, width: 300, height: 200 },
      { id: 'S3/b', x: 820, y: 60, width: 240, height: 60, parentId: 'S3' },
    ];
    const path = routeEdge(routeObstacles(boxes), { id: 'S1/a', x: 260, y: 90 }, { id: 'S3/b', x: 820, y: 90 });
    const points = pathPoints(path);
    const s2 = boxes.find((b) => b.id === 'S2')! as LayoutBox;
    assert.ok(!points.some((p) => inside(p, s2)), `runs through S2: ${path}`);
    // Leaving S1 and entering S3 is expected: they hold the ends.
    assert.ok(points.some((p) => inside(p, boxes[0] as LayoutBox)));
  });

  it('the shared corpus: no forward arrow crosses a box in any layout', { skip: !corpusAvailable() && corpusSkipReason }, () => {
    let routedCount = 0;
    for (const entry of corpusEntries()) {
      const graph = parsePipeline(readFileSync(entry.absolutePath, 'utf8'), { fileName: entry.path, dialect: entry.dialect });
      for (const edge of routedEdges(graph)) {
        assert.deepEqual(crossed(edge), [], `${entry.file}: ${edge.from.id} → ${edge.to.id}`);
        if (edge.path.includes(' L ')) routedCount++;
      }
    }
    assert.ok(routedCount > 0, 'some corpus arrows needed routing');
  });
});

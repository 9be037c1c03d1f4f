// Shows the graph the way a file opens (firstViewport): the whole graph when it is readable so,
// otherwise its start at the smallest readable zoom. The first view, the toolbar's Fit and the
// Fit button of the zoom controls all use this, so none of them shrinks text out of reading.
import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useCallback } from 'react';
import { firstViewport, readableZoom, viewExtent, type ViewBox } from './firstViewport';

/** Node text worth keeping readable: titles, detail rows, stage subtitles. */
const NODE_TEXT_SELECTOR = '.pw-name, .pw-row, .pw-stage-facts';

/** Returns a function that moves the view; it resolves false when there is nothing to show. */
export function useReadableFit(): () => Promise<boolean> {
  const store = useStoreApi();
  const flow = useReactFlow();
  return useCallback(async () => {
    const { nodeLookup, width, height, domNode } = store.getState();
    const boxes: ViewBox[] = [];
    for (const node of nodeLookup.values()) {
      if (node.hidden) continue;
      const { x, y } = node.internals.positionAbsolute;
      boxes.push({
        x,
        y,
        width: node.measured.width ?? node.width ?? 0,
        height: node.measured.height ?? node.height ?? 0,
        graphNode: node.type !== 'lane',
        ...(node.parentId !== undefined ? { parentId: node.parentId } : {}),
      });
    }
    const extent = viewExtent(boxes);
    if (!extent || width === 0 || height === 0) return false;
    const minZoom = readableZoom(smallestNodeTextPx(domNode) ?? NaN);
    await flow.setViewport(firstViewport(extent.bounds, { width, height }, extent.start, { minZoom }));
    return true;
  }, [store, flow]);
}

/**
 * The smallest font size a drawn node card uses, in CSS pixels at zoom 1 (it follows VS Code's
 * font size setting); undefined before any node is drawn.
 */
export function smallestNodeTextPx(root: ParentNode | null | undefined): number | undefined {
  const node = root?.querySelector('.react-flow__node.pw-graph-node');
  if (!node) return undefined;
  const sizes = [...node.querySelectorAll(NODE_TEXT_SELECTOR)]
    .map((el) => parseFloat(getComputedStyle(el).fontSize))
    .filter((size) => size > 0);
  return sizes.length > 0 ? Math.min(...sizes) : undefined;
}

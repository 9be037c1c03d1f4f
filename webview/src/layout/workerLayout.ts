// The page's side of the layout worker. A worker script from a webview resource URI is
// cross-origin in VS Code, so the bundle's text is fetched and started from a Blob URL (the CSP
// allows `worker-src blob:` and `connect-src` to our own resources). One worker, kept for the
// page's lifetime and reused for every large layout.
import type { PipelineGraph } from '../../../src/core/model';
import type { ColumnRule, GraphLayout } from './types';
import type { LayoutReply, LayoutRequest } from './workerMessages';

export const WORKER_FILE = 'layoutWorker.js';

/** Where main.js was loaded from: the worker bundle sits next to it. Read while main.js runs. */
const bundleUrl =
  typeof document !== 'undefined' && document.currentScript instanceof HTMLScriptElement ? document.currentScript.src : undefined;

interface Pending {
  resolve(layout: GraphLayout): void;
  reject(error: Error): void;
}

let started: Promise<Worker> | undefined;
const pending = new Map<number, Pending>();
let nextId = 1;

async function startWorker(): Promise<Worker> {
  if (!bundleUrl) throw new Error('cannot tell where the webview bundle was loaded from');
  const response = await fetch(new URL(WORKER_FILE, bundleUrl));
  if (!response.ok) throw new Error(`loading ${WORKER_FILE} failed: HTTP ${response.status}`);
  const source = URL.createObjectURL(new Blob([await response.text()], { type: 'text/javascript' }));
  const worker = new Worker(source);
  worker.onmessage = (event: MessageEvent<LayoutReply>) => {
    const reply = event.data;
    const waiting = pending.get(reply.id);
    pending.delete(reply.id);
    if (!waiting) return;
    if ('layout' in reply) waiting.resolve(reply.layout);
    else waiting.reject(new Error(`layout worker: ${reply.error}`));
  };
  worker.onerror = (event) => {
    // A worker that failed to start or crashed: fail what it holds; the next layout starts afresh.
    event.preventDefault();
    const error = new Error(`layout worker: ${event.message || 'failed'}`);
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
    started = undefined;
    worker.terminate();
    URL.revokeObjectURL(source);
  };
  return worker;
}

/** Lays the graph out in the worker. Rejects when the worker cannot be started or fails. */
export async function layoutInWorker(graph: PipelineGraph, columns: ColumnRule): Promise<GraphLayout> {
  started ??= startWorker().catch((error: unknown) => {
    started = undefined;
    throw error;
  });
  const worker = await started;
  const id = nextId++;
  return new Promise<GraphLayout>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    const request: LayoutRequest = { id, graph, columns };
    worker.postMessage(request);
  });
}

// The one handle on VS Code: typed messages out, saved state in and out.
import type { WebviewToHost } from '../../src/shared/protocol';

interface VsCodeWebviewApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

export interface HostConnection {
  post(message: WebviewToHost): void;
  loadState(): unknown;
  saveState(state: unknown): void;
}

/** acquireVsCodeApi may be called once per page; VS Code injects it before our script runs. */
export function connectToHost(): HostConnection {
  const acquire = (globalThis as { acquireVsCodeApi?: () => VsCodeWebviewApi }).acquireVsCodeApi;
  if (typeof acquire !== 'function') {
    throw new Error('acquireVsCodeApi is not available: this page must run inside a VS Code webview');
  }
  const api = acquire();
  return {
    post: (message) => api.postMessage(message),
    loadState: () => api.getState(),
    saveState: (state) => api.setState(state),
  };
}

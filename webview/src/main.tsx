// Entry point of the designer webview: connect to VS Code, restore saved state, render, and
// report anything that goes wrong to the host's log.
import '@xyflow/react/dist/style.css';
import './styles.css';
import './elements';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { readPersistedState } from './persistedState';
import { connectToHost, type HostConnection } from './vscodeApi';

function reportErrors(host: HostConnection): void {
  window.addEventListener('error', (event) => {
    host.post({ type: 'log', level: 'error', message: `webview error: ${event.message} (${event.filename}:${event.lineno})` });
  });
  window.addEventListener('unhandledrejection', (event) => {
    const reason = event.reason instanceof Error ? (event.reason.stack ?? event.reason.message) : String(event.reason);
    host.post({ type: 'log', level: 'error', message: `webview unhandled rejection: ${reason}` });
  });
}

function start(): void {
  const root = document.getElementById('root');
  if (!root) throw new Error('the designer page has no #root element');
  let host: HostConnection;
  try {
    host = connectToHost();
  } catch (error) {
    root.textContent = error instanceof Error ? error.message : String(error);
    return;
  }
  reportErrors(host);
  createRoot(root, {
    onUncaughtError: (error) => host.post({ type: 'log', level: 'error', message: `render error: ${describe(error)}` }),
    onCaughtError: (error) => host.post({ type: 'log', level: 'error', message: `render error: ${describe(error)}` }),
  }).render(<App host={host} restored={readPersistedState(host.loadState())} />);
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

start();

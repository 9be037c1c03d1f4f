// Shown over the canvas while a large graph is laid out in the worker.
import './layoutProgress.css';

export function LayoutProgress({ nodeCount }: { nodeCount: number }) {
  return (
    <div className="pw-layout-progress" role="status" aria-live="polite">
      <div className="pw-layout-progress-bar" role="progressbar" aria-label="Laying out the graph" aria-busy="true" />
      <span>Laying out {nodeCount} nodes…</span>
    </div>
  );
}

// What VS Code's webview context menu knows of a node with jobs in the shown run
// (`data-vscode-context`): package.json's `webview/context` menus offer Show Job Logs for a
// finished job and Re-run Job once the run has finished; the commands get these values and the
// host accepts only jobs of the run it shows (operate/designerOverlay.ts).
import type { OverlayNodeStatus } from '../../../src/core/operate/overlay';
import type { OverlayRunOption } from '../../../src/shared/protocol';

const UNFINISHED = new Set(['queued', 'in_progress', 'waiting']);

export function jobContextMenu(run: OverlayRunOption & { finished: boolean }, status: OverlayNodeStatus): string {
  return JSON.stringify({
    webviewSection: 'runJob',
    pipewrightRunId: run.id,
    pipewrightJobIds: status.jobs.map((j) => j.id).join(','),
    pipewrightJobFinished: status.jobs.some((j) => !UNFINISHED.has(j.light)),
    pipewrightRunFinished: run.finished,
    // Cut, Copy and Paste mean nothing on a node.
    preventDefaultContextMenuItems: true,
  });
}

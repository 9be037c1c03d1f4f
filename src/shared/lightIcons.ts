// One codicon and one theme colour per status light, so the sidebar, the status bar and the
// designer's nodes look alike: the testing and chart colours every theme defines. Running ones spin.
import type { StatusLight } from '../core/operate/status';

export interface LightIcon {
  /** Codicon id; `~spin` animates it. */
  icon: string;
  /** VS Code theme colour id (`charts.blue`); the webview's CSS uses the same as `--vscode-charts-blue`. */
  colour?: string;
}

export const LIGHT_ICONS: Record<StatusLight, LightIcon> = {
  queued: { icon: 'clock', colour: 'descriptionForeground' },
  in_progress: { icon: 'sync~spin', colour: 'charts.blue' },
  waiting: { icon: 'watch', colour: 'charts.yellow' },
  success: { icon: 'pass', colour: 'testing.iconPassed' },
  failure: { icon: 'error', colour: 'testing.iconFailed' },
  cancelled: { icon: 'circle-slash', colour: 'descriptionForeground' },
  skipped: { icon: 'debug-step-over', colour: 'descriptionForeground' },
  neutral: { icon: 'circle-outline' },
};

/** The codicon classes of a light in a webview: `codicon codicon-sync codicon-modifier-spin`. */
export function lightCodiconClass(light: StatusLight): string {
  const [id, modifier] = LIGHT_ICONS[light].icon.split('~');
  return `codicon codicon-${id}${modifier ? ` codicon-modifier-${modifier}` : ''}`;
}

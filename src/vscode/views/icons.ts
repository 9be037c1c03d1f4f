// One icon per status light, in the theme's colours (the testing and chart colours every theme
// defines), so runs, jobs and deployments look alike in every view. Running ones spin.
import * as vscode from 'vscode';
import type { StatusLight } from '../../core/operate/status';

const ICONS: Record<StatusLight, [string, string | undefined]> = {
  queued: ['clock', 'descriptionForeground'],
  in_progress: ['sync~spin', 'charts.blue'],
  waiting: ['watch', 'charts.yellow'],
  success: ['pass', 'testing.iconPassed'],
  failure: ['error', 'testing.iconFailed'],
  cancelled: ['circle-slash', 'descriptionForeground'],
  skipped: ['debug-step-over', 'descriptionForeground'],
  neutral: ['circle-outline', undefined],
};

export function lightIcon(light: StatusLight): vscode.ThemeIcon {
  const [id, color] = ICONS[light];
  return new vscode.ThemeIcon(id, color ? new vscode.ThemeColor(color) : undefined);
}

/** The status bar's text icon for a light: `$(sync~spin)` while it runs. */
export function lightCodicon(light: StatusLight): string {
  return `$(${ICONS[light][0]})`;
}

export const PENDING_ICON = new vscode.ThemeIcon('bell-dot', new vscode.ThemeColor('charts.yellow'));

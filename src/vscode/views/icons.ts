// The views' icons: one per status light (src/shared/lightIcons.ts, shared with the designer).
import * as vscode from 'vscode';
import type { StatusLight } from '../../core/operate/status';
import { LIGHT_ICONS } from '../../shared/lightIcons';

export function lightIcon(light: StatusLight): vscode.ThemeIcon {
  const { icon, colour } = LIGHT_ICONS[light];
  return new vscode.ThemeIcon(icon, colour ? new vscode.ThemeColor(colour) : undefined);
}

/** The status bar's text icon for a light: `$(sync~spin)` while it runs. */
export function lightCodicon(light: StatusLight): string {
  return `$(${LIGHT_ICONS[light].icon})`;
}

export const PENDING_ICON = new vscode.ThemeIcon('bell-dot', new vscode.ThemeColor('charts.yellow'));

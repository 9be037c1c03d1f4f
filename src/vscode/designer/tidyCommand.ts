// "Pipewright: Tidy Layout": forget where nodes were dragged in the active designer's file and
// lay it out afresh (every designer tab on that file follows).
import * as vscode from 'vscode';
import { DESIGNER_VIEW_TYPE, type DesignerProvider } from './provider';

export const TIDY_LAYOUT_COMMAND = 'pipewright.tidyLayout';

export function registerTidyLayoutCommand(designer: DesignerProvider): vscode.Disposable {
  return vscode.commands.registerCommand(TIDY_LAYOUT_COMMAND, async (arg: unknown) => {
    const uri = arg instanceof vscode.Uri ? arg : activeDesignerUri();
    if (!uri) {
      void vscode.window.showInformationMessage('Pipewright: open a pipeline in the designer to tidy its layout.');
      return;
    }
    await designer.tidyLayout(uri);
  });
}

function activeDesignerUri(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputCustom && input.viewType === DESIGNER_VIEW_TYPE ? input.uri : undefined;
}

// One log for the whole extension, shown in the Output panel as "Pipewright".
import * as vscode from 'vscode';

let channel: vscode.LogOutputChannel | undefined;

export function createLog(): vscode.LogOutputChannel {
  channel = vscode.window.createOutputChannel('Pipewright', { log: true });
  return channel;
}

export function log(): vscode.LogOutputChannel {
  if (!channel) throw new Error('Pipewright log used before activation');
  return channel;
}

// Activation time of the bundled extension: require dist/extension.js and call activate() in a
// fresh Node process against a stand-in `vscode` module that answers every call with a
// disposable. It measures Pipewright's own start-up work, not VS Code's. Plain JavaScript run by
// plain Node, as the extension host runs the bundle: no TypeScript loader in the process.
'use strict';
const Module = require('node:module');
const { join } = require('node:path');

function standIn() {
  const target = function () {};
  const proxy = new Proxy(target, {
    get: (_t, prop) => {
      // No editor open yet, no view of the extension's showing: activation starts nothing else.
      if (prop === 'then' || prop === 'activeTextEditor' || prop === 'activeTab' || prop === 'visible') return undefined;
      if (prop === 'dispose') return () => undefined;
      if (prop === Symbol.hasInstance) return () => false; // `x instanceof vscode.TabInputText`
      return proxy;
    },
    set: () => true, // item.name = …, view.badge = …
    apply: () => proxy,
    construct: () => proxy,
  });
  return proxy;
}

// The bundle's ESM interop copies the module's own properties, so the namespaces must be real keys.
const NAMESPACES = [
  'window', 'workspace', 'commands', 'languages', 'extensions', 'env', 'authentication', 'Uri',
  'ViewColumn', 'TabInputText', 'TabInputCustom', 'Range', 'Position', 'Selection',
  'TextEditorRevealType', 'TextEditorSelectionChangeKind', 'EventEmitter', 'Disposable',
  'ThemeIcon', 'ThemeColor', 'TreeItem', 'TreeItemCollapsibleState', 'ProgressLocation',
  'StatusBarAlignment', 'FileType', 'QuickPickItemKind', 'MarkdownString', 'TextEdit', 'WorkspaceEdit',
  'Diagnostic', 'DiagnosticSeverity', 'DiagnosticRelatedInformation', 'Location', 'CodeAction', 'CodeActionKind',
];
const root = process.argv[2];
const anything = standIn();
const vscode = Object.fromEntries(NAMESPACES.map((n) => [n, anything]));
const originalLoad = Module._load;
Module._load = function (request, ...rest) {
  if (request === 'vscode') return vscode;
  return originalLoad.call(this, request, ...rest);
};

const started = performance.now();
const extension = require(join(root, 'dist', 'extension.js'));
extension.activate({
  subscriptions: { push: () => 0 },
  extensionUri: anything,
  extension: { packageJSON: { version: 'bench' } },
  secrets: anything,
  globalState: anything,
  workspaceState: anything,
});
const elapsed = performance.now() - started;
// What the first pipeline file then costs once: the engine bundle's compile (src/vscode/engine/load.ts).
const engineStarted = performance.now();
require(join(root, 'dist', 'engine.js'));
const engineMs = performance.now() - engineStarted;
process.stdout.write(JSON.stringify({ activationMs: elapsed, engineFirstUseMs: engineMs }));

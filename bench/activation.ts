// Activation time of the bundled extension: require dist/extension.js and call activate() in a
// fresh Node process against a stand-in `vscode` module that answers every call with a
// disposable. It measures Pipewright's own start-up work, not VS Code's.
import Module from 'node:module';
import { join } from 'node:path';

type AnyFn = (...args: unknown[]) => unknown;

function standIn(): unknown {
  const target = function () {} as unknown as AnyFn;
  const proxy: unknown = new Proxy(target, {
    get: (_t, prop) => {
      // No editor open yet, no view of the extension's showing: activation starts nothing else.
      if (prop === 'then' || prop === 'activeTextEditor' || prop === 'activeTab' || prop === 'visible') return undefined;
      if (prop === 'dispose') return () => undefined;
      if (prop === Symbol.hasInstance) return () => false; // `x instanceof vscode.TabInputText`
      return proxy;
    },
    set: () => true, // item.name = …, view.badge = …
    apply: () => proxy,
    construct: () => proxy as object,
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
];
const root = process.argv[2];
const anything = standIn();
const vscode = Object.fromEntries(NAMESPACES.map((n) => [n, anything]));
const originalLoad = (Module as unknown as { _load: AnyFn })._load;
(Module as unknown as { _load: AnyFn })._load = function (request: unknown, ...rest: unknown[]) {
  if (request === 'vscode') return vscode;
  return originalLoad.call(this, request, ...rest);
};

const started = performance.now();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const extension = require(join(root, 'dist', 'extension.js')) as { activate: (ctx: unknown) => unknown };
extension.activate({
  subscriptions: { push: () => 0 },
  extensionUri: anything,
  extension: { packageJSON: { version: 'bench' } },
  secrets: anything,
  globalState: anything,
  workspaceState: anything,
});
const elapsed = performance.now() - started;
process.stdout.write(JSON.stringify({ activationMs: elapsed }));

// Activation time of the bundled extension: require dist/extension.js and call activate() in a
// fresh Node process against a stand-in `vscode` module that answers every call with a
// disposable. It measures Pipewright's own start-up work, not VS Code's.
import Module from 'node:module';
import { join } from 'node:path';

type AnyFn = (...args: unknown[]) => unknown;

function standIn(): unknown {
  const target = function () {} as unknown as AnyFn;
  const proxy: unknown = new Proxy(target, {
    get: (_t, prop) => (prop === 'then' ? undefined : prop === 'dispose' ? () => undefined : proxy),
    apply: () => proxy,
    construct: () => proxy as object,
  });
  return proxy;
}

const root = process.argv[2];
const vscode = standIn();
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
  extensionUri: vscode,
  extension: { packageJSON: { version: 'bench' } },
});
const elapsed = performance.now() - started;
process.stdout.write(JSON.stringify({ activationMs: elapsed }));

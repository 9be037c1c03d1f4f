// Loads the pipeline engine (exports.ts, bundled as dist/engine.js beside extension.js) on first
// use. Synchronous on purpose: callers are already doing engine work (a parse, an edit, a lint)
// and a `require` of a bundle is a one-off compile of some tens of milliseconds, after which every
// call is a property read. Activation never calls it (bench/activation.cjs measures that).
import type * as EngineModule from './exports';

export type Engine = typeof EngineModule;

let loaded: Engine | undefined;

export function engine(): Engine {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('./engine.js') as Engine;
  return loaded;
}

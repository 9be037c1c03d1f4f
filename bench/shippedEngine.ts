// What the compose bench measures as it ships: this module bundled the way scripts/build.mjs
// bundles dist/engine.js (esbuild, `yaml`'s ES module build), so that composition runs as it does
// in VS Code and in the CLI — not through tsx, whose per-module interop adds a getter call to
// every `isScalar`, `isMap`… our code makes and a naming call to every closure it creates, and
// whose `yaml` (the CommonJS build) reads `process.env` once per token it parses. The baseline
// is the same bundle's `parseDocument`.
export { composeGraph } from '../src/core/compose/composeGraph';
export { parseDocument } from 'yaml';

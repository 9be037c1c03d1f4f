// Bundles the extension host, the command line and the webview with esbuild.
//   node scripts/build.mjs [--production]
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureNodeModules, log, root } from './lib/ensure.mjs';
import { YAML_ALIAS } from './lib/yamlBuild.mjs';

/** Bundles extension.js loads with `require('./FILE')` when first needed, not at activation. */
export const LAZY_CHUNKS = [
  // The pipeline engine (yaml, dialects, edit engine, rules): the first time a pipeline file is looked at.
  { entry: 'src/vscode/engine/exports.ts', file: 'engine.js' },
  // The GitHub provider with Octokit: the first time something needs the API.
  { entry: 'src/providers/github/provider.ts', file: 'github-provider.js' },
  // Ajv and the schema check, loaded after a pause in typing (src/vscode/lint/schemaLoader.ts).
  { entry: 'src/schemaCheck/validators.ts', file: 'schema-check.js' },
];

/** Leaves `require('./FILE')` of a lazy chunk as it is: the file sits beside extension.js. */
function loadedAtRunTime(chunks) {
  const names = new Set(chunks.map((c) => `./${c.file}`));
  return {
    name: 'loaded-at-run-time',
    setup(b) {
      b.onResolve({ filter: /^\.\/[\w-]+\.js$/ }, (args) => (names.has(args.path) ? { path: args.path, external: true } : undefined));
    },
  };
}

export async function build({ production = true } = {}) {
  ensureNodeModules();
  const esbuild = await import('esbuild');
  const dist = join(root, 'dist');
  const common = {
    bundle: true,
    minify: production,
    sourcemap: production ? false : 'inline',
    legalComments: 'none',
    logLevel: 'warning',
    absWorkingDir: root,
    metafile: true,
    // `yaml`'s ES module build (see lib/yamlBuild.mjs for why).
    alias: YAML_ALIAS,
  };
  const results = await Promise.all([
    esbuild.build({
      ...common,
      entryPoints: ['src/vscode/extension.ts'],
      outfile: join(dist, 'extension.js'),
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode'],
      plugins: [loadedAtRunTime(LAZY_CHUNKS)],
    }),
    // Bundles of their own that extension.js requires on first use (src/vscode/engine/load.ts,
    // src/vscode/operate/providerLoader.ts), so activation does not compile them.
    ...LAZY_CHUNKS.map((chunk) =>
      esbuild.build({
        ...common,
        entryPoints: [chunk.entry],
        outfile: join(dist, chunk.file),
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        external: ['vscode'],
      }),
    ),
    esbuild.build({
      ...common,
      entryPoints: ['src/cli/main.ts'],
      outfile: join(dist, 'cli.js'),
      platform: 'node',
      format: 'cjs',
      target: 'node20',
    }),
    esbuild.build({
      ...common,
      entryPoints: ['webview/src/main.tsx'],
      outdir: join(dist, 'webview'),
      entryNames: 'main',
      platform: 'browser',
      format: 'iife',
      target: 'chrome120',
      jsx: 'automatic',
      loader: { '.ttf': 'file', '.woff2': 'file' },
      define: { 'process.env.NODE_ENV': production ? '"production"' : '"development"' },
    }),
    // The layout worker: its own file, fetched by the page and started from a Blob URL.
    esbuild.build({
      ...common,
      entryPoints: ['webview/src/layout/layoutWorker.ts'],
      outfile: join(dist, 'webview', 'layoutWorker.js'),
      platform: 'browser',
      format: 'iife',
      target: 'chrome120',
    }),
  ]);
  // Codicons are a font plus a stylesheet; the webview loads them as local resources.
  const codicons = join(dist, 'webview', 'codicons');
  mkdirSync(codicons, { recursive: true });
  for (const f of ['codicon.css', 'codicon.ttf']) {
    copyFileSync(join(root, 'node_modules', '@vscode', 'codicons', 'dist', f), join(codicons, f));
  }
  // The vendored pipeline schemas (and their sources and licences), read by the schema check
  // beside its bundle: dist/schemas/.
  const schemas = join(dist, 'schemas');
  mkdirSync(schemas, { recursive: true });
  for (const f of readdirSync(join(root, 'schemas'))) {
    if (/\.(json|md)$/.test(f)) copyFileSync(join(root, 'schemas', f), join(schemas, f));
  }
  writeFileSync(join(dist, 'meta.json'), JSON.stringify(results.map((r) => r.metafile)));
  log(`built dist/extension.js, ${LAZY_CHUNKS.map((c) => `dist/${c.file}`).join(', ')}, dist/cli.js, dist/webview/, dist/schemas/`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  build({ production: !process.argv.includes('--dev') }).catch((e) => {
    console.error(e.message ?? e);
    process.exit(1);
  });
}

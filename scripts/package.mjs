// Builds the bundles and packs them into dist/pipewright.vsix with @vscode/vsce.
//   node scripts/package.mjs
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from './build.mjs';
import { log, root, run } from './lib/ensure.mjs';

export const vsixPath = join(root, 'dist', 'pipewright.vsix');
const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');

/** Files the .vsix may hold; anything else means .vscodeignore let a source or test file slip in. */
const allowedInVsix = [/^package\.json$/, /^README\.md$/, /^LICENSE$/, /^CHANGELOG\.md$/, /^media\//, /^dist\/extension\.js$/, /^dist\/github-provider\.js$/, /^dist\/webview\//];

/** `rebuild: false` packs the bundles already in dist/ (when the caller has just built them). */
export async function packageExtension({ rebuild = true } = {}) {
  if (rebuild) await build({ production: true });
  // The bundles are minified and self-contained; dependencies are bundled by esbuild.
  const listed = spawnSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' });
  if (listed.status !== 0) throw new Error(`vsce ls failed:\n${listed.stdout}${listed.stderr}`);
  const files = listed.stdout.split('\n').map((l) => l.trim()).filter(Boolean);
  const unexpected = files.filter((f) => !allowedInVsix.some((re) => re.test(f)) || f === 'dist/meta.json');
  if (unexpected.length > 0) {
    throw new Error(`.vscodeignore lets these into the .vsix: ${unexpected.join(', ')}`);
  }
  rmSync(vsixPath, { force: true });
  run(process.execPath, [vsce, 'package', '--no-dependencies', '--out', vsixPath], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (!existsSync(vsixPath)) throw new Error(`vsce finished but ${vsixPath} does not exist`);
  log(`packaged ${vsixPath} (${files.length} files)`);
  return vsixPath;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  packageExtension()
    .then((path) => console.log(path))
    .catch((e) => {
      console.error(e.message ?? e);
      process.exit(1);
    });
}

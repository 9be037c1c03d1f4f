// Builds the bundles and packs them into dist/pipewright.vsix with @vscode/vsce.
//   node scripts/package.mjs
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from './build.mjs';
import { log, logsDir, root } from './lib/ensure.mjs';
import { runLogged, shown } from './lib/logged.mjs';
import { packagedReadme, repositoryWebUrl } from './lib/packagedReadme.mjs';

export const vsixPath = join(root, 'dist', 'pipewright.vsix');
const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
/** The README the .vsix carries: README.md with its images embedded (see packagedReadme.mjs). */
const packagedReadmePath = join('dist', 'README.md');

/** Files the .vsix may hold; anything else means .vscodeignore let a source or test file slip in. */
const allowedInVsix = [/^package\.json$/, /^dist\/README\.md$/, /^LICENSE$/, /^CHANGELOG\.md$/, /^media\/icon\.png$/, /^media\/activitybar\.svg$/, /^dist\/extension\.js$/, /^dist\/github-provider\.js$/, /^dist\/engine\.js$/, /^dist\/schema-check\.js$/, /^dist\/schemas\/[\w.-]+\.(?:json|md)$/, /^dist\/webview\//];

/** `rebuild: false` packs the bundles already in dist/ (when the caller has just built them). */
export async function packageExtension({ rebuild = true, print = log } = {}) {
  if (rebuild) await build({ production: true });
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  writeFileSync(
    join(root, packagedReadmePath),
    packagedReadme(readFileSync(join(root, 'README.md'), 'utf8'), { dir: root, repositoryUrl: repositoryWebUrl(pkg) }),
  );
  const readmeArgs = ['--readme-path', packagedReadmePath];
  // The bundles are minified and self-contained; dependencies are bundled by esbuild.
  const listed = spawnSync(process.execPath, [vsce, 'ls', '--no-dependencies', ...readmeArgs], { cwd: root, encoding: 'utf8' });
  if (listed.status !== 0) throw new Error(`vsce ls failed:\n${listed.stdout}${listed.stderr}`);
  const files = listed.stdout.split('\n').map((l) => l.trim()).filter(Boolean);
  const unexpected = files.filter((f) => !allowedInVsix.some((re) => re.test(f)) || f === 'dist/meta.json');
  if (unexpected.length > 0) {
    throw new Error(`.vscodeignore lets these into the .vsix: ${unexpected.join(', ')}`);
  }
  rmSync(vsixPath, { force: true });
  await runLogged({
    title: 'packaging the extension with vsce',
    cmd: process.execPath,
    // The README's images are embedded already; vsce's rewriting would refuse data: images.
    args: [vsce, 'package', '--no-dependencies', '--no-rewrite-relative-links', ...readmeArgs, '--out', vsixPath],
    logFile: join(logsDir, 'vsce.log'),
    print,
    summarize: vsceSummary,
  });
  if (!existsSync(vsixPath)) throw new Error(`vsce finished but ${vsixPath} does not exist`);
  return vsixPath;
}

/** "dist/pipewright.vsix (14 files, 558 KB)", then vsce's warnings, from its output. */
export function vsceSummary(text) {
  const done = /DONE\s+Packaged: (.+?) \(([^)]*)\)/.exec(text);
  const warnings = text
    .split('\n')
    .filter((l) => /^\s*WARNING\b/.test(l))
    .map((l) => l.trim());
  return [done ? `${shown(done[1])} (${done[2]})` : 'packaged', ...warnings];
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  packageExtension()
    .then((path) => console.log(path))
    .catch((e) => {
      console.error(e.message ?? e);
      process.exit(1);
    });
}

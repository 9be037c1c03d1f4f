// `npm run bench`: installs what is missing, builds, then runs bench/main.ts.
//   npm run bench [-- corpus generated compose edit activation bundles designer operate]
import { spawnSync } from 'node:child_process';
import { build } from './build.mjs';
import { root } from './lib/ensure.mjs';

await build();
const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/main.ts', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(r.status ?? 1);

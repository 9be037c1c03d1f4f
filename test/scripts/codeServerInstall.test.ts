// code-server's install scripts are allowed the way npm asks (package.json `allowScripts`), from
// what code-server's own lockfiles mark, so npm neither warns about them nor, later, refuses them.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { allowLockedInstallScripts } from '../../scripts/lib/codeServer.mjs';
import { root } from '../../scripts/lib/ensure.mjs';

test('a folder\'s lockfile entries with install scripts are named in its allowScripts; entries already there stay', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pipewright-allow-'));
  try {
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'vscode', allowScripts: { 'node-pty': false } }));
    writeFileSync(
      join(dir, 'npm-shrinkwrap.json'),
      JSON.stringify({
        lockfileVersion: 3,
        packages: {
          '': { name: 'vscode', hasInstallScript: true },
          'node_modules/@vscode/spdlog': { version: '0.15.1', hasInstallScript: true },
          'node_modules/kerberos': { version: '2.1.1', hasInstallScript: true },
          'node_modules/node-pty': { version: '1.1.0', hasInstallScript: true },
          'node_modules/a/node_modules/@parcel/watcher': { version: '2.5.1', hasInstallScript: true },
          'node_modules/yaml': { version: '2.9.1' },
        },
      }),
    );
    assert.deepEqual(allowLockedInstallScripts(dir), ['@parcel/watcher', '@vscode/spdlog', 'kerberos', 'node-pty']);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    assert.deepEqual(manifest.allowScripts, { '@vscode/spdlog': true, kerberos: true, 'node-pty': false, '@parcel/watcher': true });
    assert.equal(manifest.name, 'vscode');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a folder without a lockfile is left alone', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pipewright-allow-'));
  try {
    assert.deepEqual(allowLockedInstallScripts(dir), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('every install script among the repository\'s own dependencies is reviewed in package.json allowScripts', (t) => {
  const r = spawnSync('npm', ['install-scripts', 'ls'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0 && /Unknown command|unknown command/i.test(`${r.stdout}${r.stderr}`)) {
    t.skip(`npm ${spawnSync('npm', ['--version'], { encoding: 'utf8' }).stdout.trim()} has no install-scripts command`);
    return;
  }
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /No packages with unreviewed install scripts/);
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  // Both are needed: esbuild's checks its platform binary, vsce-sign's puts its binary in place.
  assert.deepEqual(pkg.allowScripts, { esbuild: true, '@vscode/vsce-sign': true });
});

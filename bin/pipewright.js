#!/usr/bin/env node
// Launcher for the `pipewright` command. Runs the bundled dist/cli.js; on a fresh checkout,
// where nothing is built yet, builds it first so the command works straight from a clone.
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const cli = join(root, 'dist', 'cli.js');

if (!existsSync(cli)) {
  // Build output goes to stderr so that `pipewright graph --json` keeps a clean stdout.
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], {
    cwd: root,
    stdio: ['ignore', process.stderr, process.stderr],
  });
  if (build.status !== 0 || !existsSync(cli)) {
    process.stderr.write(
      `pipewright: could not build ${cli} (node scripts/build.mjs exited with ${build.status ?? build.signal}${build.error ? `: ${build.error.message}` : ''})\n`,
    );
    process.exit(1);
  }
}

require(cli);

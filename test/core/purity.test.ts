// The core runs in plain Node (CLI, tests, webview logic): nothing under src/core may import the
// VS Code API, directly or through a dynamic import or require.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../helpers/corpus';

const coreDir = join(repoRoot, 'src', 'core');
const VSCODE_IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]vscode['"]/m;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|js|mjs|cjs)$/.test(entry.name) ? [path] : [];
  });
}

test('the scanner recognises every form of importing vscode', () => {
  for (const line of [`import * as vscode from 'vscode';`, `import { window } from "vscode";`, `import 'vscode';`, `const v = require('vscode');`, `await import('vscode')`, `export { Uri } from 'vscode';`]) {
    assert.ok(VSCODE_IMPORT.test(line), line);
  }
  assert.ok(!VSCODE_IMPORT.test(`import { x } from './vscode-like';`));
});

test('no file under src/core imports vscode', () => {
  const files = sourceFiles(coreDir);
  assert.ok(files.length > 0, `no sources found under ${coreDir}`);
  const offenders = files.filter((f) => VSCODE_IMPORT.test(readFileSync(f, 'utf8'))).map((f) => relative(repoRoot, f));
  assert.deepEqual(offenders, []);
});

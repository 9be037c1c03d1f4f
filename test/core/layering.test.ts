// What each floor of the operating layer may import (ARCHITECTURE.md's code map): providers never
// import `vscode` nor each other; the core knows no provider and no HTTP client; the editor loads a
// provider (and Octokit) only on first use, through import(), so activation stays fast.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../helpers/corpus';

interface ImportSite {
  file: string;
  specifier: string;
  dynamic: boolean;
}

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|js|mjs|cjs)$/.test(entry.name) ? [path] : [];
  });
}

const STATIC = /(?:^|\n)\s*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s*)?['"]([^'"]+)['"]/g;
const DYNAMIC = /\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

export function importsOf(file: string): ImportSite[] {
  const text = readFileSync(file, 'utf8');
  const sites: ImportSite[] = [];
  for (const m of text.matchAll(STATIC)) {
    // Type-only imports vanish at build time; they load nothing.
    if (/^\s*(?:import|export)\s+type\s/.test(m[0].trimStart())) continue;
    sites.push({ file, specifier: m[1], dynamic: false });
  }
  for (const m of text.matchAll(DYNAMIC)) sites.push({ file, specifier: m[1], dynamic: true });
  return sites;
}

/** The repository path a relative import points at (without extension), or the package name. */
function resolved(site: ImportSite): string {
  if (!site.specifier.startsWith('.')) return site.specifier;
  return relative(repoRoot, resolve(dirname(site.file), site.specifier)).split('\\').join('/');
}

function offenders(dir: string, bad: (target: string, site: ImportSite) => boolean): string[] {
  return sourceFiles(join(repoRoot, dir))
    .flatMap(importsOf)
    .filter((site) => bad(resolved(site), site))
    .map((site) => `${relative(repoRoot, site.file)} → ${site.specifier}${site.dynamic ? ' (dynamic)' : ''}`);
}

test('the import scanner sees static, re-exported, type-only and dynamic imports', () => {
  const sample = join(repoRoot, 'test', 'core', 'layering.test.ts');
  const found = importsOf(sample).map((s) => s.specifier);
  assert.ok(found.includes('node:assert/strict'));
  assert.ok(found.includes('../helpers/corpus'));
});

test('src/providers imports no vscode, and no provider imports another', () => {
  assert.deepEqual(offenders('src/providers', (t) => t === 'vscode'), []);
  const providers = readdirSync(join(repoRoot, 'src', 'providers')).filter((d) => !['shared', 'scheduler'].includes(d));
  for (const p of providers) {
    assert.deepEqual(
      offenders(`src/providers/${p}`, (t) => t.startsWith('src/providers/') && !t.startsWith(`src/providers/${p}/`) && !/^src\/providers\/(shared|scheduler)\//.test(t)),
      [],
      `src/providers/${p} reaches into another provider`,
    );
  }
});

test('src/core knows no provider, no HTTP client, no scheduler', () => {
  assert.deepEqual(offenders('src/core', (t) => t.startsWith('src/providers/') || t.startsWith('@octokit/') || t === 'vscode'), []);
});

test('the editor loads providers and Octokit only on first use (import(), never at activation)', () => {
  assert.deepEqual(
    offenders('src/vscode', (t, site) => !site.dynamic && (t.startsWith('@octokit/') || /^src\/providers\/(?!scheduler\/clock$|scheduler\/scheduler$)/.test(t))),
    [],
  );
});

test('the command line loads the GitHub provider only when an operate command runs', () => {
  assert.deepEqual(offenders('src/cli', (t, site) => !site.dynamic && (t.startsWith('@octokit/') || t.startsWith('src/providers/github/'))), []);
});

test('the editor reaches the pipeline engine (yaml, parse, edit, rules) only through engine/load.ts', () => {
  // Which core modules load `yaml` or the engine: everything but these light ones, which the
  // host may import at activation (types, words, the operating model, path-only detection).
  const heavy = (t: string) =>
    t === 'yaml' ||
    /^src\/core\/(edit|rules|dialects|templates|yaml)\//.test(t) ||
    /^src\/core\/(detect|parse|findings|workflowDispatch|kinds)$/.test(t) ||
    t === 'src/shared/previewEdit';
  // The engine bundle's own modules (src/vscode/engine/, but not the loader) are the way in.
  const inEngineBundle = (file: string) => file.includes(join('src', 'vscode', 'engine', '')) && !file.endsWith('load.ts');
  assert.deepEqual(
    offenders('src/vscode', (t, site) => heavy(t) && !inEngineBundle(site.file) && !(t === 'src/core/edit/operations')),
    [],
  );
  // The shared modules the host imports directly stay light too.
  assert.deepEqual(offenders('src/shared', (t) => heavy(t) && t !== 'src/core/edit/plan' && t !== 'src/core/edit/operations').filter((s) => !s.startsWith('src/shared/previewEdit')), []);
});

test('the editor loads the schema check and Ajv only on first use, and the core neither', () => {
  assert.deepEqual(offenders('src/vscode', (t, site) => !site.dynamic && (t === 'ajv' || t.startsWith('src/schemaCheck/'))), []);
  assert.deepEqual(offenders('src/core', (t) => t === 'ajv' || t.startsWith('src/schemaCheck/') || t.startsWith('node:')), []);
  assert.deepEqual(offenders('src/schemaCheck', (t) => t === 'vscode' || t.startsWith('src/vscode/') || t.startsWith('src/providers/')), []);
});

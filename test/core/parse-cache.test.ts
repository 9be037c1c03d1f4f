// Parses kept between compositions (the designer's recomposition after a typing pause): a
// composition that borrows them draws exactly the graph a fresh one draws, through edits that
// move every file's place in the composite text, and parses again only the files that changed.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { composeGraph } from '../../src/core/compose/composeGraph';
import { ParseCache } from '../../src/core/compose/parseCache';
import type { ProjectFiles } from '../../src/core/compose/projectFiles';
import { globMatcher } from '../../src/core/dialects/gitlab/compose/glob';
import type { Dialect } from '../../src/core/model';
import { parseYamlSource, rootMap } from '../../src/core/yaml/source';
import { repoRoot } from '../helpers/corpus';

const REPOS = join(repoRoot, 'test', 'fixtures', 'repos');

/** Every YAML file of a fixture repository, by path relative to it. */
function repoFiles(name: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string, prefix: string): void => {
    for (const entry of readdirSync(join(REPOS, name, dir), { withFileTypes: true })) {
      const path = prefix + entry.name;
      if (entry.isDirectory()) walk(join(dir, entry.name), `${path}/`);
      else if (/\.ya?ml$/.test(entry.name)) files.set(path, readFileSync(join(REPOS, name, dir, entry.name), 'utf8'));
    }
  };
  walk('', '');
  return files;
}

/** The project as the composers read it; `parsed` counts the texts handed out (each is parsed at most once). */
function project(files: Map<string, string>, parses?: ParseCache): ProjectFiles {
  const paths = [...files.keys()];
  return { readFile: (path) => files.get(path), listFiles: (glob) => paths.filter(globMatcher(glob)), parses };
}

const fixtures = readdirSync(REPOS).flatMap((name) => {
  try {
    const expected = JSON.parse(readFileSync(join(REPOS, name, 'expected.json'), 'utf8')) as { root: string; dialect?: Dialect };
    return [{ name, root: expected.root, dialect: expected.dialect ?? ('gitlab' as Dialect) }];
  } catch {
    return [];
  }
});

describe('kept parses', () => {
  test('every dialect has a fixture to recompose', () => {
    for (const dialect of ['gitlab', 'azure', 'github']) assert.ok(fixtures.some((f) => f.dialect === dialect), dialect);
  });

  for (const { name, root, dialect } of fixtures) {
    test(`${name}: recomposing with kept parses draws what composing afresh draws`, () => {
      const files = repoFiles(name);
      const parses = new ParseCache();
      const compose = (cache?: ParseCache) => {
        const text = files.get(root)!;
        if (cache) cache.keep(root, text, parseYamlSource(text));
        const graph = composeGraph(dialect, root, text, project(files, cache));
        cache?.sweep();
        return JSON.parse(JSON.stringify(graph)) as unknown;
      };
      assert.deepEqual(compose(parses), compose(), 'first composition');
      // Lines added at the top of the root move every other file's place in the composite text.
      files.set(root, `# edited\n# again\n${files.get(root)!}`);
      assert.deepEqual(compose(parses), compose(), 'after an edit that lengthens the root');
      files.set(root, files.get(root)!.slice('# edited\n'.length));
      assert.deepEqual(compose(parses), compose(), 'after an edit that shortens it');
      const included = [...files.keys()].find((p) => p !== root)!;
      files.set(included, `# edited\n${files.get(included)!}`);
      assert.deepEqual(compose(parses), compose(), `after an edit in ${included}`);
    });
  }

  test('an unchanged file is lent its earlier parse, moved to its new place; a changed one is parsed again', () => {
    const parses = new ParseCache();
    const first = parses.lend('ci/a.yml', 'a:\n  script: make\n', 10);
    assert.equal((rootMap(first)!.items[0].key as { range: number[] }).range[0], 10);
    const again = parses.lend('ci/a.yml', 'a:\n  script: make\n', 4);
    assert.equal(again, first, 'the same parse');
    assert.equal((rootMap(again)!.items[0].key as { range: number[] }).range[0], 4, 'moved by the difference');
    assert.notEqual(parses.lend('ci/a.yml', 'b:\n  script: make\n', 4), first, 'new text, new parse');
  });

  test("the caller's own parse is lent where it is and never moved; a sweep forgets what was not lent", () => {
    const parses = new ParseCache();
    const text = 'include: [{local: ci/a.yml}]\n';
    const own = parseYamlSource(text);
    parses.keep('.gitlab-ci.yml', text, own);
    assert.equal(parses.lend('.gitlab-ci.yml', text, 0), own);
    const elsewhere = parses.lend('.gitlab-ci.yml', text, 30);
    assert.notEqual(elsewhere, own, 'lent at another place: a parse of its own');
    assert.equal((rootMap(own)!.items[0].key as { range: number[] }).range[0], 0, "the caller's parse did not move");
    const a = parses.lend('ci/a.yml', 'a: {script: make}\n', 40);
    parses.sweep();
    parses.sweep();
    assert.notEqual(parses.lend('ci/a.yml', 'a: {script: make}\n', 40), a, 'forgotten after a composition that did not read it');
  });
});

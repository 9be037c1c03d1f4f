// The YAML layer's shortcuts must answer exactly as the slow paths they replace: opaque marks
// with the text prefilter, and alias targets from the one-walk index.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isAlias, isMap, parseAllDocuments, visit, type Alias, type Node, type Scalar, type YAMLMap } from 'yaml';
import { corpusAvailable, corpusEntries, repoRoot } from '../helpers/corpus';
import { aliasTarget, opaqueMarksIn, parseYamlSource, valueOf } from '../../src/core/yaml/source';

test('opaque marks: an anchor on the first key of a block mapping is found (it sits before the range)', () => {
  const src = parseYamlSource('job:\n  &k key: v\n  other: 1\n');
  const job = valueOf(src.doc.contents, 'job');
  assert.deepEqual(opaqueMarksIn(job, src), ['anchor']);
  assert.deepEqual(opaqueMarksIn(job, src), opaqueMarksIn(job));
});

test('opaque marks: the prefilter gives the same marks, in the same order, as the full walk', () => {
  const text = [
    '.base: &base',
    '  image: alpine',
    'plain:',
    '  script: [echo hi]',
    'merged:',
    '  <<: *base',
    '  script: !reference [.base, image]',
    '  "${{ x }}": 1',
    'escaped:',
    '  "\\x3c<": *base',
  ].join('\n');
  const src = parseYamlSource(text);
  for (const name of ['.base', 'plain', 'merged', 'escaped']) {
    const node = valueOf(src.doc.contents, name);
    assert.deepEqual(opaqueMarksIn(node, src), opaqueMarksIn(node), name);
  }
  assert.deepEqual(opaqueMarksIn(valueOf(src.doc.contents, 'plain'), src), []);
  assert.deepEqual(opaqueMarksIn(valueOf(src.doc.contents, 'merged'), src), ['merge', 'alias', 'reference', 'template-expression']);
});

test('alias index: each alias finds the last anchor of its name written before it, like Alias.resolve', () => {
  const src = parseYamlSource('a: &x 1\nb: *x\nc: &x [*x]\nd: *x\ne: *missing\n');
  const aliases: Alias[] = [];
  visit(src.doc, { Alias: (_, node) => void aliases.push(node) });
  assert.equal(aliases.length, 4);
  for (const alias of aliases) {
    assert.ok(isAlias(alias));
    assert.equal(aliasTarget(src, alias), alias.resolve(src.doc) ?? undefined);
  }
  const [b, inner, d] = aliases;
  assert.equal(String((aliasTarget(src, b) as { value: unknown }).value), '1');
  assert.equal(aliasTarget(src, inner), aliasTarget(src, d));
  assert.ok(!isMap(aliasTarget(src, d)));
  // The index is made once and kept with the parse.
  const kept = src.aliases;
  assert.ok(kept !== undefined && kept.size === 4);
  aliasTarget(src, b);
  assert.equal(src.aliases, kept);
});

// -- the plain-string shortcut (parseYamlSource's first tag) ----------------------------------

/** Every scalar of every document, in order: what it resolved to, of which type, with which tag. */
function scalarsOf(docs: { contents: unknown }[]): string[] {
  const out: string[] = [];
  for (const doc of docs) {
    visit(doc.contents as Node, {
      Scalar(_key, node: Scalar) {
        const value = node.value;
        out.push(`${typeof value}:${value instanceof Uint8Array ? 'bytes' : String(value)}:${node.tag ?? ''}:${node.range?.join(',')}`);
      },
      Alias(_key, node) {
        out.push(`alias:${node.source}`);
      },
    });
  }
  return out;
}

/** The same parse without the shortcut: the core schema's own tags tried in turn. */
function slowParse(text: string) {
  return parseAllDocuments(text, {
    prettyErrors: false,
    uniqueKeys: true,
    customTags: [{ tag: '!reference', collection: 'seq', resolve: (v: unknown) => v } as never],
  });
}

function assertSameScalars(text: string, where: string): void {
  const fast = parseYamlSource(text).docs;
  const slow = slowParse(text);
  const slowDocs = Array.isArray(slow) ? slow : [];
  assert.deepEqual(scalarsOf(fast), scalarsOf(slowDocs), where);
}

test('plain-string shortcut: every scalar resolves as the core schema resolves it (each form, both cases)', () => {
  const values = [
    '~', 'null', 'Null', 'NULL', 'nULL', 'true', 'True', 'TRUE', 'tRUE', 'false', 'False', 'FALSE', 'fALSE',
    '0', '-0', '+1', '12', '0o17', '0O17', '0x1F', '0X1f', '1.5', '.5', '-.5', '+.5', '1.', '1e3', '-1E-3', '.inf', '-.Inf', '+.INF', '.nan', '.NaN', '.NAN',
    'yes', 'no', 'on', 'off', 'y', 'n', 'Y', 'N', '<<', '2001-12-14', '190:20:30', '1_000', 'nope', 'tomorrow', 'falsy', '-', '--x', '.hidden', '+x',
    'ubuntu-latest', 'script', '$CI', '"quoted"', "'single'", '!!str 12', '!!int "3"', '!!float 1', '!!bool true', '!!null ""', '!reference [.a, b]', '@at', '`tick`',
  ];
  const text = [
    ...values.map((v, i) => `k${i}: ${v}`),
    'empty:',
    'list: [~, null, 1, x, true, .5]',
    ...values.filter((v) => !/^[!"'@`]/.test(v)).map((v, i) => `${v}: key${i}`),
  ].join('\n');
  assertSameScalars(text, 'the forms above');
});

test('plain-string shortcut: a `%YAML 1.1` document keeps its own schema (yes, on, <<, timestamps)', () => {
  const text = '%YAML 1.1\n---\nbase: &b {x: 1}\nuse:\n  <<: *b\n  flag: yes\n  other: on\n  when: 2001-12-14\n  y: Y\n---\nnext: yes\n';
  assertSameScalars(text, 'YAML 1.1');
  const src = parseYamlSource(text);
  const use = (src.docs[0].contents as YAMLMap).get('use') as YAMLMap;
  assert.equal(use.get('flag'), true);
});

test('one schema serves every parse, except for a document with a %YAML directive', () => {
  const a = parseYamlSource('build:\n  script: make\n');
  const b = parseYamlSource('on: push\njobs: {}\n');
  assert.equal(a.doc.schema, b.doc.schema);
  // It is what yaml builds on its own for a 1.2 document with the same options (a `%YAML 1.2`
  // document gets its schema from yaml, per document): the same tags in the same order.
  const own = parseYamlSource('%YAML 1.2\n---\nx: 1\n').doc.schema;
  assert.notEqual(own, a.doc.schema);
  assert.equal(a.doc.schema.name, own.name);
  assert.deepEqual(a.doc.schema.tags, own.tags);
  assert.deepEqual(a.doc.schema.knownTags, own.knownTags);
  const old = parseYamlSource('%YAML 1.1\n---\nflag: yes\n');
  assert.equal(old.doc.schema.name, 'yaml-1.1');
  // A document still writes itself out through the shared schema.
  assert.equal(String(a.doc), 'build:\n  script: make\n');
});

test('plain-string shortcut: every scalar of the corpus and of the fixture repositories resolves as before', { skip: !corpusAvailable() && 'corpus absent' }, () => {
  const files = [...corpusEntries().map((e) => e.absolutePath), ...yamlFilesUnder(join(repoRoot, 'test', 'fixtures', 'repos'))];
  assert.ok(files.length > 200, `${files.length} files`);
  for (const file of files) assertSameScalars(readFileSync(file, 'utf8'), file);
});

function yamlFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? yamlFilesUnder(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

// The YAML layer's shortcuts must answer exactly as the slow paths they replace: opaque marks
// with the text prefilter, and alias targets from the one-walk index.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAlias, isMap, visit, type Alias } from 'yaml';
import { aliasIndex, opaqueMarksIn, parseYamlSource, resolveAlias, valueOf } from '../../src/core/yaml/source';

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
  const index = aliasIndex(src.doc);
  const aliases: Alias[] = [];
  visit(src.doc, { Alias: (_, node) => void aliases.push(node) });
  assert.equal(aliases.length, 4);
  for (const alias of aliases) {
    assert.ok(isAlias(alias));
    assert.equal(resolveAlias(src.doc, alias, index), alias.resolve(src.doc) ?? undefined);
  }
  const [b, inner, d] = aliases;
  assert.equal(String((resolveAlias(src.doc, b, index) as { value: unknown }).value), '1');
  assert.equal(resolveAlias(src.doc, inner, index), resolveAlias(src.doc, d, index));
  assert.ok(!isMap(resolveAlias(src.doc, d, index)));
});

// Several parsed files read as one source: offsets, lines and places back in each file.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { YAMLMap, type ParsedNode } from 'yaml';
import { CompositeFiles } from '../../src/core/compose/compositeSource';
import { positionAt, rootMap } from '../../src/core/yaml/source';

describe('CompositeFiles', () => {
  test('each file has its own place, even after an empty one; positions map back to it', () => {
    const files = new CompositeFiles();
    const empty = files.add('empty.yml', '');
    const a = files.add('a.yml', 'x: 1\ny: 2\n');
    const b = files.add('b.yml', '# b\nz: 3\n');
    assert.deepEqual([empty.base, a.base, b.base], [0, 1, 12]);
    const z = rootMap(b.src)!.items[0];
    const at = files.place((z.key as ParsedNode).range![0]);
    assert.equal(at.file, b);
    assert.deepEqual(positionAt(b.src, at.offset), { line: 2, column: 1 });

    const contents = new YAMLMap();
    contents.items.push(rootMap(a.src)!.items[1], z);
    const composite = files.source(contents as unknown as ParsedNode);
    assert.equal(composite.text.slice((z.key as ParsedNode).range![0]).startsWith('z: 3'), true);
    assert.deepEqual(positionAt(composite, (z.key as ParsedNode).range![0]), { line: 6, column: 1 });
    assert.equal(files.add('a.yml', 'other'), a, 'a file is added once');
  });
});

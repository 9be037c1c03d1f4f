// Several parsed files read as one source: offsets, lines and places back in each file.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { YAMLMap, visit, type Alias, type Node, type ParsedNode } from 'yaml';
import { CompositeFiles } from '../../src/core/compose/compositeSource';
import { aliasTarget, aliasesOfFile, mayHoldOpaqueSyntax, nodeSpan, parseYamlSource, positionAt, rootMap, textLength, type YamlSource } from '../../src/core/yaml/source';

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

  // The builders read a composite through its files (spans, its length, the opaque-syntax
  // prefilter) and build its text only when asked: both readings must agree everywhere.
  test('read through its files, a composite reads as its text: its length, spans, the opaque-syntax prefilter', () => {
    const files = new CompositeFiles();
    const texts = [
      ['empty.yml', ''],
      ['a.yml', 'a: &x 1\nb: *x\n'],
      ['b.yml', 'c: "naïve — ☃"\nd:\n  - ${{ parameters.x }}\n\n'],
      ['c.yml', 'e: <<not a merge\nf: [1, 2]   \n  '],
      ['d.yml', 'g: !reference [a, b]'],
    ];
    const added = texts.map(([path, text]) => files.add(path, text));
    const contents = new YAMLMap();
    for (const f of added) contents.items.push(...(rootMap(f.src)?.items ?? []));
    const composite = files.source(contents as unknown as ParsedNode);
    // A copy without parts: the same text, read directly.
    const plain: YamlSource = { ...composite, text: composite.text, parts: undefined, opaqueSyntaxOffsets: undefined };
    // One line break between files, after the one c.yml lacks (held for it: see add).
    assert.equal(composite.text, texts.map(([path, t]) => (path === 'c.yml' ? `${t}\n` : t)).join('\n'));
    assert.equal(textLength({ ...composite, text: '' }), composite.text.length);
    let nodes = 0;
    for (const f of added) {
      visit(f.src.doc, {
        Node(_key, node) {
          nodes++;
          assert.equal(mayHoldOpaqueSyntax(composite, node as Node), mayHoldOpaqueSyntax(plain, node as Node), `${f.path} ${(node as Node).range}`);
          assert.deepEqual(nodeSpan(composite, node as Node), nodeSpan(plain, node as Node));
        },
      });
    }
    assert.ok(nodes > 20, `${nodes} nodes`);
    // Every range, not only the parsed nodes': the prefilter's offsets are the text's own.
    for (let start = 0; start < composite.text.length; start++) {
      for (let end = start + 1; end <= composite.text.length; end++) {
        const node = { range: [start, end, end] } as unknown as Node;
        assert.equal(mayHoldOpaqueSyntax(composite, node), mayHoldOpaqueSyntax(plain, node), `range ${start}-${end}`);
      }
    }
  });

  // Ranges are moved by walking each tree by duck type (a range, items, or a pair): every kind of
  // node a parse makes must be moved, once, in every document of a file.
  test('every node of every document of an added file is moved by its base, once', () => {
    const texts = [
      'a: 1\n',
      [
        'job: &base {stage: build, script: [make, "make test"]}',
        'other:',
        '  <<: *base',
        '  needs:',
        '    - job',
        '    - !reference [job, script]',
        '  empty:',
        '  text: |',
        '    line',
        '  ? [complex, key]',
        '  : value',
        '---',
        'second: [x, {y: z}]',
        '',
      ].join('\n'),
    ];
    const ownRanges = (text: string) => {
      const ranges: number[][] = [];
      for (const doc of parseYamlSource(text).docs) {
        visit(doc, { Node: (_k, node) => void ranges.push([...(node as Node).range!]), Pair: (_k, pair) => void assert.equal((pair as { range?: unknown }).range, undefined) });
      }
      return ranges;
    };
    const files = new CompositeFiles();
    const added = texts.map((text, i) => files.add(`f${i}.yml`, text));
    const second = added[1];
    assert.equal(second.src.docs.length, 2);
    const moved: number[][] = [];
    for (const doc of second.src.docs) visit(doc, { Node: (_k, node) => void moved.push([...(node as Node).range!]) });
    const expected = ownRanges(texts[1]).map((r) => r.map((o) => o + second.base));
    assert.ok(moved.length > 25, `${moved.length} nodes`);
    assert.deepEqual(moved, expected);
  });

  // An alias names an anchor of its own document: in a composite, never one another file defines
  // under the same name, whichever comes first in the composite.
  test('an alias in a composite finds its own file\'s anchor, as Alias.resolve on that file does', () => {
    const files = new CompositeFiles();
    const a = files.add('a.yml', '.x: &x {stage: build}\nuse-a: *x\n');
    const b = files.add('b.yml', 'use-early: &y 1\n.x: &x {stage: test}\nuse-b: *x\nagain: *y\n');
    const contents = new YAMLMap();
    // Interleaved, as GitLab's merge order can place them: a walk of the composite in its order
    // meets a's `&x` between b's `&x` and b's `*x`.
    const [early, bx, ...bRest] = rootMap(b.src)!.items;
    contents.items.push(early, bx, ...rootMap(a.src)!.items, ...bRest);
    const composite = files.source(contents as unknown as ParsedNode);
    let seen = 0;
    for (const f of [a, b]) {
      visit(f.src.doc, {
        Alias(_key, alias) {
          seen++;
          const target = aliasTarget(composite, alias as Alias);
          assert.ok(target !== undefined, `${f.path} *${alias.source}`);
          assert.equal(target, (alias as Alias).resolve(f.src.doc), `${f.path} *${alias.source}`);
        },
      });
    }
    assert.equal(seen, 3);
    const useB = rootMap(b.src)!.items.find((p) => (p.key as { value: unknown }).value === 'use-b')!;
    assert.equal(String((aliasTarget(composite, useB.value as Alias) as YAMLMap).get('stage')), 'test');
    // What the edit engine asks (which aliases reuse a node's text): the node's own file's only.
    assert.deepEqual([...aliasesOfFile(composite, bx.value as Node).keys()].map((x) => x.source), ['x', 'y']);
    assert.deepEqual([...aliasesOfFile(composite, rootMap(a.src)!.items[0].value as Node).keys()].map((x) => x.source), ['x']);
    // Each file's index is its own, kept with its parse; the composite keeps none.
    assert.ok(a.src.aliases !== undefined && b.src.aliases !== undefined);
    assert.equal(composite.aliases, undefined);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { YAMLMap, YAMLSeq } from 'yaml';
import { lineStart } from '../../src/core/edit/lines';
import { Refusal, Splices } from '../../src/core/edit/splices';
import { detectStyle } from '../../src/core/edit/style';
import { applyTextEdits } from '../../src/core/edit/textEdit';
import { pairOf, parseYamlSource, valueOf } from '../../src/core/yaml/source';

/** Runs `edit` on the parsed text and returns the edited text. */
function edited(text: string, edit: (s: Splices, root: unknown) => void): string {
  const src = parseYamlSource(text);
  const s = new Splices(text, detectStyle(src));
  edit(s, src.doc.contents);
  return applyTextEdits(text, s.edits);
}

const at = (root: unknown, ...path: string[]) => path.reduce<unknown>((n, k) => valueOf(n, k), root);

describe('Splices on block lists', () => {
  const text = 'needs:\n  - build   # first\n  - lint\n\nafter: 1\n';
  it('removes an item with its end-of-line comment and nothing else', () => {
    assert.equal(edited(text, (s, r) => s.removeSeqItem(at(r, 'needs') as YAMLSeq, 0)), 'needs:\n  - lint\n\nafter: 1\n');
  });
  it('appends an item at the dash column of the list', () => {
    assert.equal(edited(text, (s, r) => s.appendSeqItem(at(r, 'needs') as YAMLSeq, 'test')), 'needs:\n  - build   # first\n  - lint\n  - test\n\nafter: 1\n');
  });
  it('appends to a flush (non-indented) list', () => {
    assert.equal(edited('needs:\n- a\n- b\n', (s, r) => s.appendSeqItem(at(r, 'needs') as YAMLSeq, 'c')), 'needs:\n- a\n- b\n- c\n');
  });
  it('refuses to remove the only item of a block list (the caller decides what the key becomes)', () => {
    assert.throws(() => edited('needs:\n  - a\n', (s, r) => s.removeSeqItem(at(r, 'needs') as YAMLSeq, 0)));
  });
});

describe('Splices on flow lists', () => {
  it('removes the first, a middle and the last item with one separator', () => {
    const text = 'needs: [a, b, c]  # deps\n';
    assert.equal(edited(text, (s, r) => s.removeSeqItem(at(r, 'needs') as YAMLSeq, 0)), 'needs: [b, c]  # deps\n');
    assert.equal(edited(text, (s, r) => s.removeSeqItem(at(r, 'needs') as YAMLSeq, 1)), 'needs: [a, c]  # deps\n');
    assert.equal(edited(text, (s, r) => s.removeSeqItem(at(r, 'needs') as YAMLSeq, 2)), 'needs: [a, b]  # deps\n');
  });
  it('appends to empty and non-empty flow lists', () => {
    assert.equal(edited('needs: []\n', (s, r) => s.appendSeqItem(at(r, 'needs') as YAMLSeq, 'a')), 'needs: [a]\n');
    assert.equal(edited('needs: [a]\n', (s, r) => s.appendSeqItem(at(r, 'needs') as YAMLSeq, 'b')), 'needs: [a, b]\n');
  });
  it('removes items of a multi-line flow list', () => {
    assert.equal(edited('needs: [\n  a,\n  b\n]\n', (s, r) => s.removeSeqItem(at(r, 'needs') as YAMLSeq, 1)), 'needs: [\n  a\n]\n');
  });
});

describe('Splices.replaceSeqItem', () => {
  const needs = (r: unknown) => at(r, 'needs') as YAMLSeq;
  it('a flow list: the values in the item\'s place, with the list\'s separator and the item\'s quoting', () => {
    assert.equal(edited('needs: [a, b, c]\n', (s, r) => s.replaceSeqItem(needs(r), 1, ['p', 'q'])), 'needs: [a, p, q, c]\n');
    assert.equal(edited('needs: ["a","b"]\n', (s, r) => s.replaceSeqItem(needs(r), 1, ['p', 'q'])), 'needs: ["a","p","q"]\n');
    assert.equal(edited("needs: ['a']\n", (s, r) => s.replaceSeqItem(needs(r), 0, ['x, y'])), "needs: ['x, y']\n");
  });
  it('a block list: a plain item keeps its line and comment, the rest follow at its dash column', () => {
    const text = 'needs:\n  - build   # first\n  - lint\n\nafter: 1\n';
    assert.equal(edited(text, (s, r) => s.replaceSeqItem(needs(r), 0, ['p', 'q'])), 'needs:\n  - p   # first\n  - q\n  - lint\n\nafter: 1\n');
    assert.equal(edited(text, (s, r) => s.replaceSeqItem(needs(r), 1, ['x'])), 'needs:\n  - build   # first\n  - x\n\nafter: 1\n');
  });
  it('a block list: a mapping item is rewritten; `- {…}` items stay on one line when `inline` writes them', () => {
    const text = 'needs:\n  - job: a\n    artifacts: false\n  - {job: b}\n';
    assert.equal(edited(text, (s, r) => s.replaceSeqItem(needs(r), 0, ['p', 'q'])), 'needs:\n  - p\n  - q\n  - {job: b}\n');
    const inline = (v: unknown) => `{job: ${(v as { job: string }).job}}`;
    assert.equal(edited(text, (s, r) => s.replaceSeqItem(needs(r), 1, [{ job: 'p' }, { job: 'q' }], inline)), 'needs:\n  - job: a\n    artifacts: false\n  - {job: p}\n  - {job: q}\n');
  });
});

describe('Splices on mappings', () => {
  const jobs = 'jobs:\n  a:\n    x: 1\n    y:\n      - q\n  # about b\n\n  b:\n    z: 2\n';
  it('removes an entry without the comment lines that introduce the next one', () => {
    assert.equal(
      edited(jobs, (s, r) => s.removePair(at(r, 'jobs') as YAMLMap, pairOf(at(r, 'jobs'), 'a')!)),
      'jobs:\n  # about b\n\n  b:\n    z: 2\n',
    );
  });
  it('keeps a missing final line break missing when the last entry goes', () => {
    const text = 'jobs:\r\n  a:\r\n    x: 1\r\n\r\n  b:\r\n    z: 2';
    assert.equal(edited(text, (s, r) => s.removePair(at(r, 'jobs') as YAMLMap, pairOf(at(r, 'jobs'), 'b')!)), 'jobs:\r\n  a:\r\n    x: 1');
  });
  it('inserts after a given entry at the key column, with CRLF in a CRLF file', () => {
    const text = 'job:\r\n    runs-on: x   # runner\r\n    steps: []\r\n';
    assert.equal(
      edited(text, (s, r) => s.insertPair(at(r, 'job') as YAMLMap, 'needs', 'build', pairOf(at(r, 'job'), 'runs-on'))),
      'job:\r\n    runs-on: x   # runner\r\n    needs: build\r\n    steps: []\r\n',
    );
  });
  it('adds a line break before an entry appended to a file without a final one', () => {
    assert.equal(edited('a:\n  x: 1', (s, r) => s.insertPair(at(r, 'a') as YAMLMap, 'w', 2)), 'a:\n  x: 1\n  w: 2');
  });
  it('sets a scalar in place, keeping its quotes, and quotes YAML 1.1 booleans', () => {
    assert.equal(edited("a: 'x'  # c\n", (s, r) => s.setPair(r as YAMLMap, 'a', 'y')), "a: 'y'  # c\n");
    assert.equal(edited('a: x\n', (s, r) => s.setPair(r as YAMLMap, 'a', 'on')), "a: 'on'\n");
  });
  it('replaces a scalar by a block mapping on the entry lines only', () => {
    assert.equal(
      edited('job:\n  environment: prod\n  steps: []\n', (s, r) => s.setPair(at(r, 'job') as YAMLMap, 'environment', { name: 'prod', url: 'https://x.example' })),
      'job:\n  environment:\n    name: prod\n    url: https://x.example\n  steps: []\n',
    );
  });
  it('adds to and removes from flow mappings', () => {
    assert.equal(edited('e: {name: a}\n', (s, r) => s.insertPair(at(r, 'e') as YAMLMap, 'url', 'u')), 'e: {name: a, url: u}\n');
    assert.equal(edited('e: {name: a, url: u}\n', (s, r) => s.removePair(at(r, 'e') as YAMLMap, pairOf(at(r, 'e'), 'url')!)), 'e: {name: a}\n');
  });
  it('refuses to remove a key that shares its line with a list dash', () => {
    assert.throws(
      () => edited('- job: a\n  pool: x\n', (s, r) => s.removePair((r as YAMLSeq).items[0] as YAMLMap, pairOf((r as YAMLSeq).items[0], 'job')!)),
      Refusal,
    );
  });
  it('refuses to replace a block scalar as if it were one line', () => {
    assert.throws(() => edited('run: |\n  make\n', (s, r) => s.replaceScalar(at(r, 'run'), 'x')), /multi-line block scalar/);
  });
});

describe('detectStyle', () => {
  it('reads indent width, dash style, quotes and line endings from the file', () => {
    const style = detectStyle(parseYamlSource("a:\r\n    b:\r\n    - 'x'\r\n    c:\r\n        d: 'y'\r\n"));
    assert.deepEqual(style, { eol: '\r\n', indent: 4, indentedSequences: false, quote: 'single', finalNewline: true });
  });
});

describe('line arithmetic', () => {
  it('the line of offset 0 starts at 0, even when the text starts with a line break', () => {
    assert.equal(lineStart('\nabc', 0), 0);
    assert.equal(lineStart('\nabc', 1), 1);
    assert.equal(lineStart('ab\ncd', 4), 3);
  });
});

describe('a file without a final line break', () => {
  it('keeps it missing when the last entry becomes a collection', () => {
    assert.equal(
      edited('job:\n  needs: a', (s, r) => s.setPair(at(r, 'job') as YAMLMap, 'needs', ['a', 'b'])),
      'job:\n  needs:\n    - a\n    - b',
    );
  });

  // The last lines take the break above them, which may belong to lines other splices remove,
  // rewrite or insert before them (issue #10: "internal error: overlapping edits").
  const text = 'a:\n  x: 1\n  y: 2\nb:\n  z: 3';
  const lastLines = (s: Splices) => s.removeLines(lineStart(text, text.indexOf('b:')), text.length);
  const yLine = (s: Splices) => [lineStart(text, text.indexOf('  y')), lineStart(text, text.indexOf('b:'))] as const;
  it('the last lines together with whole lines right above them that go too', () => {
    assert.equal(edited(text, (s) => { lastLines(s); s.removeLines(...yLine(s)); }), 'a:\n  x: 1');
    assert.equal(edited(text.replace(/\n/g, '\r\n'), (s) => {
      const t = s.text;
      s.removeLines(lineStart(t, t.indexOf('b:')), t.length);
      s.removeLines(lineStart(t, t.indexOf('  y')), lineStart(t, t.indexOf('b:')));
    }), 'a:\r\n  x: 1');
  });
  it('the last lines after whole lines right above them that are rewritten, or lines inserted where they start', () => {
    assert.equal(edited(text, (s) => { lastLines(s); s.replaceLines(...yLine(s), '  y: 4\n'); }), 'a:\n  x: 1\n  y: 4');
    assert.equal(edited(text, (s) => { lastLines(s); s.insertLines(yLine(s)[1], '  w: 5\n'); }), 'a:\n  x: 1\n  y: 2\n  w: 5');
  });
});

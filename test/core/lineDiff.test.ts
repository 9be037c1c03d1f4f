// The line diff the edit tests and benchmarks rely on: it must describe the change exactly and
// minimally, or "only these lines changed" would mean nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { changedLineCount, diffLineLists, diffLines, splitLines, type Hunk } from '../helpers/lineDiff';

function lcsLength(a: readonly string[], b: readonly string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    let diagonal = 0;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = x === b[j - 1] ? diagonal + 1 : Math.max(row[j], row[j - 1]);
      diagonal = above;
    }
  }
  return row[b.length];
}

function applyHunks(a: readonly string[], b: readonly string[], hunks: Hunk[]): string[] {
  const out: string[] = [];
  let i = 0;
  for (const h of hunks) {
    out.push(...a.slice(i, h.oldStart), ...b.slice(h.newStart, h.newEnd));
    i = h.oldEnd;
  }
  return [...out, ...a.slice(i)];
}

test('lines keep their terminators; a last line without one is a line', () => {
  assert.deepEqual(splitLines('a\r\nb\n\nc'), ['a\r\n', 'b\n', '\n', 'c']);
  assert.deepEqual(splitLines('a\n'), ['a\n']);
  assert.deepEqual(splitLines(''), []);
});

test('one changed line in the middle is one hunk of one line', () => {
  assert.deepEqual(diffLines('a\nb\nc\n', 'a\nB\nc\n'), [{ oldStart: 1, oldEnd: 2, newStart: 1, newEnd: 2 }]);
  assert.equal(changedLineCount('a\nb\nc\n', 'a\nB\nc\n'), 1);
});

test('separate edits give separate hunks; insertions have no old lines', () => {
  const hunks = diffLines('a\nb\nc\nd\ne\n', 'a\nB\nc\nd\nx\ny\ne\n');
  assert.deepEqual(hunks, [
    { oldStart: 1, oldEnd: 2, newStart: 1, newEnd: 2 },
    { oldStart: 4, oldEnd: 4, newStart: 4, newEnd: 6 },
  ]);
  assert.equal(changedLineCount('a\nb\nc\nd\ne\n', 'a\nB\nc\nd\nx\ny\ne\n'), 3);
});

test('a line ending change and a final line break are changes', () => {
  assert.equal(changedLineCount('a\nb\n', 'a\r\nb\n'), 1);
  assert.equal(changedLineCount('a\nb', 'a\nb\n'), 1);
  assert.deepEqual(diffLines('same\n', 'same\n'), []);
});

test('random line lists: the hunks rebuild the new list, are ordered, and are minimal (LCS)', () => {
  const lines = fc.array(fc.constantFrom('a\n', 'b\n', 'c\n', '\n', 'd'), { maxLength: 30 });
  fc.assert(
    fc.property(lines, lines, (a, b) => {
      const hunks = diffLineLists(a, b);
      assert.deepEqual(applyHunks(a, b, hunks), b);
      for (const [i, h] of hunks.entries()) {
        assert.ok(h.oldStart <= h.oldEnd && h.newStart <= h.newEnd && (h.oldEnd > h.oldStart || h.newEnd > h.newStart));
        if (i > 0) assert.ok(h.oldStart > hunks[i - 1].oldEnd && h.newStart > hunks[i - 1].newEnd, 'hunks are separated by equal lines');
      }
      const edits = hunks.reduce((n, h) => n + (h.oldEnd - h.oldStart) + (h.newEnd - h.newStart), 0);
      assert.equal(edits, a.length + b.length - 2 * lcsLength(a, b));
    }),
    { numRuns: 500, seed: 42 },
  );
});

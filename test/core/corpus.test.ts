// Every real-world file in the shared corpus goes through parsePipeline: no throw, the right
// dialect, a well-formed graph, and detection without hints agrees with the MANIFEST.
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { test } from 'node:test';
import { parsePipeline } from '../../src/core/parse';
import { dialectFromPath } from '../../src/core/detect';
import { corpusAvailable, corpusEntries, corpusSkipReason, type CorpusEntry } from '../helpers/corpus';

if (!corpusAvailable()) {
  test('corpus files', { skip: corpusSkipReason }, () => {});
} else {
  for (const entry of corpusEntries()) test(entry.file, () => checkFile(entry));
}

function checkFile(entry: CorpusEntry): void {
  assert.equal(statSync(entry.absolutePath).size, entry.bytes, 'file size differs from MANIFEST.tsv: corpus changed?');
  const text = readFileSync(entry.absolutePath, 'utf8');
  const lineCount = text.split(/\r\n|\r|\n/).length;
  const graph = parsePipeline(text, { dialect: entry.dialect });
  assert.equal(graph.dialect, entry.dialect);

  const ids = graph.nodes.map((n) => n.id);
  const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);
  assert.deepEqual(duplicates, [], 'node ids must be unique');
  const known = new Set(ids);
  for (const e of graph.edges) {
    assert.ok(known.has(e.to), `edge ${e.from} → ${e.to}: "${e.to}" is not a node`);
    if (!e.unresolved) assert.ok(known.has(e.from), `edge ${e.from} → ${e.to}: "${e.from}" is not a node and not marked unresolved`);
  }
  for (const n of graph.nodes) {
    const { startLine, endLine } = n.range;
    assert.ok(startLine >= 1 && startLine <= endLine && endLine <= lineCount, `${n.id}: range ${startLine}-${endLine} outside 1-${lineCount}`);
    const [start, end] = n.offsets;
    assert.ok(start >= 0 && start <= end && end <= text.length, `${n.id}: offsets ${start}-${end} outside the text`);
    if (n.marks.length > 0) assert.ok(n.readOnlyReason, `${n.id}: read-only without a reason`);
    // A clause that messages compose ("… is read-only (it …); change it in the text"), not a sentence.
    if (n.readOnlyReason !== undefined) assert.match(n.readOnlyReason, /^it [^()]*[^.]$/, `${n.id}: reason is not a clause`);
  }
  for (const p of graph.problems) {
    assert.ok(p.line >= 1 && p.line <= lineCount && p.column >= 1, `problem at ${p.line}:${p.column} outside the file: ${p.message}`);
  }

  // No name, no dialect: the content alone must say which dialect it is.
  assert.equal(parsePipeline(text).dialect, entry.dialect, 'detection by content');
  // The file's real path, where its name is one the dialect uses, must agree too.
  const byPath = dialectFromPath(entry.path);
  if (byPath !== undefined) assert.equal(byPath, entry.dialect, `detection by path ${entry.path}`);
}

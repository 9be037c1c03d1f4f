// The graph's problems as findings for VS Code's Problems panel: a code per kind, the range of
// what the problem is about, and the problems that follow from a syntax error as related places.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { graphFindings, LineIndex, tokenRange } from '../../src/core/findings';
import { parsePipeline } from '../../src/core/parse';

const workflow = [
  'on: push',
  'jobs:',
  '  build:',
  '    runs-on: ubuntu-latest',
  '  test:',
  '    needs: [build, lint]',
  '    runs-on: ubuntu-latest',
  '  a:',
  '    needs: b',
  '    runs-on: x',
  '  b:',
  '    needs: a',
  '    runs-on: x',
  '',
].join('\n');

describe('graphFindings', () => {
  test('an unknown dependency and a cycle: their codes, severities and the names underlined', () => {
    const graph = parsePipeline(workflow, { fileName: 'ci.yml', dialect: 'github' });
    const findings = graphFindings(graph, workflow);
    assert.deepEqual(
      findings.map((f) => [f.code, f.severity, f.range]),
      [
        ['unknown-dependency', 'error', { startLine: 6, startColumn: 20, endLine: 6, endColumn: 24 }],
        ['dependency-cycle', 'error', { startLine: 9, startColumn: 12, endLine: 9, endColumn: 13 }],
      ],
    );
    assert.ok(findings.every((f) => f.related === undefined));
  });

  test('a syntax error with consequences: one finding, the consequences as related places', () => {
    const broken = workflow.replace('  test:\n', '  test;\n');
    const graph = parsePipeline(broken, { fileName: 'ci.yml', dialect: 'github' });
    const findings = graphFindings(graph, broken);
    assert.equal(findings.length, 1);
    assert.equal(findings[0].code, 'yaml-syntax');
    assert.deepEqual(findings[0].range, { startLine: 5, startColumn: 3, endLine: 5, endColumn: 8 });
    const related = findings[0].related ?? [];
    assert.equal(related.length, graph.problems[0].consequences?.length);
    assert.ok(related.length > 0);
    assert.ok(related.every((r) => r.message.startsWith('follows from it: ')));
  });

  test('an unclosed quote: its own code, underlined from the quote to the end of its line', () => {
    const text = 'on: push\njobs:\n  build:\n    runs-on: "ubuntu-latest  \r\n    steps: []\r\n';
    const graph = parsePipeline(text, { fileName: 'ci.yml', dialect: 'github' });
    const findings = graphFindings(graph, text);
    assert.deepEqual(
      findings.map((f) => [f.code, f.range]),
      [['yaml-unclosed', { startLine: 4, startColumn: 14, endLine: 4, endColumn: 28 }]],
    );
  });

  test('read-only marks are not problems', () => {
    const text = 'on: push\njobs:\n  call:\n    uses: org/repo/.github/workflows/x.yml@v1\n';
    const graph = parsePipeline(text, { fileName: 'ci.yml', dialect: 'github' });
    assert.ok(graph.nodes[0].marks.length > 0, 'the fixture has a read-only node');
    assert.deepEqual(graphFindings(graph, text), []);
  });
});

describe('tokenRange', () => {
  const lines = new LineIndex('key: value\n\tindented\nlast');

  test('a token ends at YAML punctuation or whitespace', () => {
    assert.deepEqual(tokenRange(lines, 1, 1), { startLine: 1, startColumn: 1, endLine: 1, endColumn: 4 });
    assert.deepEqual(tokenRange(lines, 1, 6), { startLine: 1, startColumn: 6, endLine: 1, endColumn: 11 });
  });

  test('on whitespace, past the end of a line, or past the last line: one character', () => {
    assert.deepEqual(tokenRange(lines, 2, 1), { startLine: 2, startColumn: 1, endLine: 2, endColumn: 2 });
    assert.deepEqual(tokenRange(lines, 3, 9), { startLine: 3, startColumn: 9, endLine: 3, endColumn: 10 });
    assert.deepEqual(tokenRange(lines, 7, 1), { startLine: 7, startColumn: 1, endLine: 7, endColumn: 2 });
  });
});

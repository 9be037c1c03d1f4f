// A broken file is reported as its first cause, at the place the user has to fix: an unclosed
// quote or bracket where it opens (not where the parser gave up, often the end of the file), and
// the problems that follow from a syntax error folded into it instead of listed beside it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { GraphProblem } from '../../src/core/model';
import { parsePipeline } from '../../src/core/parse';
import { foldConsequences } from '../../src/core/problems';
import { parseYamlSource } from '../../src/core/yaml/source';

const deploy = readFileSync(join(__dirname, '..', '..', 'samples', '.github', 'workflows', 'deploy.yml'), 'utf8');

/** deploy.yml with one replacement, checked to apply exactly once. */
function deployWith(from: string, to: string): string {
  assert.equal(deploy.split(from).length, 2, `"${from}" must occur once in deploy.yml`);
  return deploy.replace(from, to);
}

const at = (p: GraphProblem) => `${p.line}:${p.column} ${p.message}`;

/** The problem a file's YAML is reported as: its first syntax error, the rest folded into it. */
const cause = (text: string) => at(foldConsequences(parseYamlSource(text).problems)[0]);

describe('unclosed quotes and brackets are reported where they open', () => {
  test('a single quote left open swallows the rest of the file: reported on its own line', () => {
    const text = deployWith('node-version: 20', "node-version: '20");
    const lastLine = text.trimEnd().split('\n').length;
    assert.equal(cause(text), `26:25 missing closing ': the string opened here runs on to line ${lastLine}`);
  });

  test('a double quote left open at the end of its line', () => {
    assert.equal(cause(deployWith('node-version: 20', 'node-version: "20')), '26:25 missing closing ": the string opened here is never closed');
  });

  test('a quoted key, a quote in a list item, and a quote that runs over several lines', () => {
    assert.equal(cause('a: 1\n"key: 1\n'), '2:1 missing closing ": the string opened here is never closed');
    assert.equal(cause('a:\n  - "x\n  - y\n'), '2:5 missing closing ": the string opened here runs on to line 3');
    assert.equal(cause("a:\n  b: 'x\n  c: 1\nd: 2\n"), "2:6 missing closing ': the string opened here runs on to line 4");
  });

  test('an escaped quote inside a string is not mistaken for its end', () => {
    assert.equal(cause("k: 'it''s\nnext: 1\n"), "1:4 missing closing ': the string opened here runs on to line 2");
  });

  test('a flow list or mapping left open: at its bracket', () => {
    assert.equal(cause(deployWith('needs: [build, test]', 'needs: [build, test')), '48:12 missing closing ]: the list opened here is never closed');
    assert.equal(cause('a: {b: c\nd: 1\n'), '1:4 missing closing }: the mapping opened here is never closed');
    assert.equal(cause('a:\n  b: [x,\n    y\n  c: 1\n'), '2:6 missing closing ]: the list opened here runs on to line 3');
  });

  test('a closed flow list that is only indented too little keeps the parser\'s own report', () => {
    const problems = parseYamlSource('a:\n  b: [x,\n  y]\n').problems;
    assert.match(problems[0].message, /^Flow sequence in block collection must be sufficiently indented/);
    assert.ok(problems.every((p) => p.code !== 'unclosed'));
  });

  test('well-formed quotes and brackets give no problem', () => {
    assert.deepEqual(parseYamlSource('a: "x"\nb: \'y\'\nc: [1, 2]\nd: {e: f}\n').problems, []);
  });
});

describe('the first syntax error is reported; what follows from it is folded into it', () => {
  test('a tab used as indentation: one problem, at the tab, with the other ten folded in', () => {
    const graph = parsePipeline(deployWith('    needs: build\n', '\tneeds: build\n'), { fileName: 'deploy.yml' });
    assert.deepEqual(graph.problems.map(at), ['38:1 Tabs are not allowed as indentation']);
    const consequences = graph.problems[0].consequences ?? [];
    assert.equal(consequences.length, 10);
    // The parser's recovery and the job the builder could not read are among them.
    assert.ok(consequences.some((p) => p.message === 'All mapping items must start at the same column' && p.line === 46));
    assert.ok(consequences.some((p) => p.source === 'structure' && /job "test" must be a mapping/.test(p.message)));
  });

  test('a semicolon for a colon: one problem at the key, not seven', () => {
    const graph = parsePipeline(deployWith('  test:\n', '  test;\n'), { fileName: 'deploy.yml' });
    assert.deepEqual(graph.problems.map(at), ['37:3 Implicit keys need to be on a single line']);
    assert.equal(graph.problems[0].consequences?.length, 6);
  });

  test('the cause is the earliest syntax error in the text, whatever order the problems came in', () => {
    const problem = (line: number, column: number, source: GraphProblem['source'], severity: GraphProblem['severity'] = 'error'): GraphProblem => ({
      message: `${source} ${line}:${column}`,
      line,
      column,
      severity,
      source,
    });
    const later = problem(9, 1, 'syntax');
    const earlier = problem(4, 7, 'syntax');
    const sameLineBefore = problem(4, 2, 'syntax', 'warning');
    const reference = problem(1, 1, 'reference');
    const folded = foldConsequences([later, reference, earlier, sameLineBefore]);
    assert.deepEqual(folded, [{ ...earlier, consequences: [later, reference, sameLineBefore] }]);
  });

  test('without a syntax error nothing is folded: reference, cycle and duplicate-key problems each stand', () => {
    const text = 'on: push\njobs:\n  a:\n    needs: [b, ghost]\n    runs-on: x\n  b:\n    needs: a\n    runs-on: x\n    runs-on: y\n';
    const graph = parsePipeline(text, { fileName: 'ci.yml', dialect: 'github' });
    assert.deepEqual(
      graph.problems.map((p) => [p.source, p.line]),
      [['structure', 9], ['reference', 4], ['cycle', 4]],
    );
    assert.ok(graph.problems.every((p) => p.consequences === undefined));
  });

  test('a syntax error alone has no consequences list', () => {
    const graph = parsePipeline('on: push\njobs:\n  a:\n    runs-on: [x\n', { fileName: 'ci.yml', dialect: 'github' });
    assert.equal(graph.problems.length, 1);
    assert.equal(graph.problems[0].consequences, undefined);
  });
});

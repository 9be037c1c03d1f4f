// Azure's compile-time expressions, evaluated over literal parameters and loop variables.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseDocument } from 'yaml';
import { UNKNOWN, eachItems, evaluate, valueObject, valueOfNode, type Value } from '../../src/core/dialects/azure/compose/evaluate';

const list = valueOfNode(parseDocument('[linux, windows]').contents) as Value;
const map = valueOfNode(parseDocument('{Windows: {Pool: win}, Linux: {Pool: lin}}').contents) as Value;
const scope = new Map<string, Value>([
  ['parameters', valueObject(new Map<string, Value>([['env', 'Prod'], ['deploy', true], ['count', 3], ['empty', ''], ['targets', list], ['matrix', map]]))],
  ['target', 'linux'],
]);

describe('Azure template expressions', () => {
  const cases: [string, unknown][] = [
    ["parameters.env", 'Prod'],
    ["parameters['env']", 'Prod'],
    ["eq(parameters.env, 'prod')", true],
    ["ne(parameters.env, 'prod')", false],
    ["eq(parameters.deploy, 'true')", true],
    ["and(parameters.deploy, eq(parameters.count, 3))", true],
    ["or(eq(variables['Build.Reason'], 'Manual'), parameters.deploy)", true],
    ["and(eq(variables['Build.Reason'], 'Manual'), not(parameters.deploy))", false],
    ["in(target, 'mac', 'linux')", true],
    ["notIn(target, 'mac', 'linux')", false],
    ["coalesce(parameters.empty, parameters.env)", 'Prod'],
    ["format('{0}-{1}', parameters.env, target)", 'Prod-linux'],
    ["replace(lower(parameters.env), 'p', 'b')", 'brod'],
    ["startsWith(target, 'LIN')", true],
    ["gt(parameters.count, 2)", true],
    ["length(parameters.targets)", 2],
    ["join(',', parameters.targets)", 'linux,windows'],
    ["containsValue(parameters.targets, 'WINDOWS')", true],
    ["parameters.matrix.Linux.Pool", 'lin'],
    ["iif(parameters.deploy, 'yes', 'no')", 'yes'],
    ["'it''s'", "it's"],
  ];
  for (const [expression, expected] of cases) {
    test(expression, () => assert.equal(evaluate(expression, scope), expected));
  }

  test('what reads variables, counters or unknown names is not known here', () => {
    for (const e of ["variables['Build.Reason']", "eq(variables.x, 'a')", "counter('a', 0)", 'dependencies.A.result', "eq(parameters.env", 'parameters.env extra']) {
      assert.equal(evaluate(e, scope), UNKNOWN, e);
    }
  });

  test('each goes over a list\'s items and a mapping\'s key/value pairs', () => {
    assert.deepEqual(eachItems(list), ['linux', 'windows']);
    const pairs = eachItems(map)!.map((p) => evaluate('pair.key', new Map([['pair', p]])));
    assert.deepEqual(pairs, ['Windows', 'Linux']);
  });
});

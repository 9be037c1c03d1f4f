// Azure deployment strategy parameters on the graph (rolling maxParallel, canary increments):
// read when they are plain whole numbers, for the inspector only; and what the edit engine does
// with a parameter the operation leaves out.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { planOperation } from '../../src/core/edit/plan';
import type { StrategyValue } from '../../src/core/edit/operations';
import { toPublicJson, type GraphNode, type PipelineGraph } from '../../src/core/model';
import { parsePipeline } from '../../src/core/parse';
import { nodeOf } from '../helpers/graphs';

function azure(text: string): PipelineGraph {
  return parsePipeline(text, { dialect: 'azure' });
}

/** One deployment job `Prod/Web` with a `kind` strategy whose parameter lines are `parameters`. */
function deployment(kind: string, ...parameters: string[]): string {
  return [
    'stages:',
    '- stage: Prod',
    '  jobs:',
    '  - deployment: Web',
    '    environment: production',
    '    strategy:',
    `      ${kind}:`,
    ...parameters.map((line) => `        ${line}`),
    '        deploy:',
    '          steps:',
    '          - script: ./deploy.sh',
    '',
  ].join('\n');
}

describe('strategy parameters', () => {
  test('rolling maxParallel and canary increments (flow or block list), on the job and its stage', () => {
    const rolling = azure(deployment('rolling', 'maxParallel: 3'));
    assert.deepEqual(nodeOf(rolling, 'Prod/Web').strategyParameters, { maxParallel: 3 });
    assert.deepEqual(nodeOf(rolling, 'Prod').strategyParameters, { maxParallel: 3 }, 'the stage shows its deployment job');
    const flow = azure(deployment('canary', 'increments: [10, 20, 50]'));
    assert.deepEqual(nodeOf(flow, 'Prod/Web').strategyParameters, { increments: [10, 20, 50] });
    const block = azure(deployment('canary', 'increments:', '- 10', "- '25'"));
    assert.deepEqual(nodeOf(block, 'Prod/Web').strategyParameters, { increments: [10, 25] });
    assert.deepEqual(nodeOf(block, 'Prod').strategyParameters, { increments: [10, 25] });
  });

  test('none for runOnce, a strategy without parameters, or a matrix job', () => {
    for (const text of [deployment('runOnce'), deployment('rolling'), deployment('canary', 'increments: []')]) {
      const graph = azure(text);
      assert.equal(nodeOf(graph, 'Prod/Web').strategyParameters, undefined, text);
      assert.equal(nodeOf(graph, 'Prod').strategyParameters, undefined);
    }
    const plain = azure('jobs:\n- job: Build\n  strategy:\n    maxParallel: 2\n    matrix:\n      a: { x: 1 }\n  steps:\n  - script: make\n');
    assert.equal(nodeOf(plain, 'Build').strategyParameters, undefined, 'a matrix job\'s maxParallel is not a deployment parameter');
  });

  test('expressions and shares are not numbers: left out, and the job stays editable', () => {
    const cases: [string, string][] = [
      ['rolling', 'maxParallel: $(parallelTargets)'],
      ['rolling', 'maxParallel: ${{ parameters.parallel }}'],
      ['rolling', 'maxParallel: 25%'],
      ['canary', 'increments: [10, $(next)]'],
      ['canary', 'increments: ${{ parameters.increments }}'],
    ];
    for (const [kind, parameter] of cases) {
      const strategy = `${kind}: ${parameter}`;
      const web = nodeOf(azure(deployment(kind, parameter)), 'Prod/Web');
      assert.equal(web.strategyParameters, undefined, strategy);
      assert.equal(web.strategy, kind, strategy);
      assert.deepEqual(web.marks, [], strategy);
    }
  });

  test('the public JSON does not carry them', () => {
    for (const n of toPublicJson(azure(deployment('rolling', 'maxParallel: 3'))).nodes) assert.equal('strategyParameters' in n, false);
  });
});

describe('a strategy edit that leaves a parameter out', () => {
  const strategyEdit = (text: string, value: StrategyValue): string => {
    const r = planOperation(text, { op: 'setProperty', stage: 'Prod/Web', property: 'strategy', value }, { dialect: 'azure' });
    if (!r.ok) assert.fail(`refused: ${r.reason}`);
    return r.text;
  };

  test('keeps the written maxParallel of the same strategy (a number or an expression)', () => {
    for (const written of ['3', '$(parallelTargets)']) {
      const text = deployment('rolling', `maxParallel: ${written}`);
      assert.equal(strategyEdit(text, { kind: 'rolling' }), text, written);
    }
  });

  test('drops only parameters the new strategy does not take; the graph reads back what was written', () => {
    const rolling = deployment('rolling', 'maxParallel: 3');
    const canary = strategyEdit(rolling, { kind: 'canary', steps: [10, 50] });
    assert.equal(canary, deployment('canary', 'increments: [10, 50]'));
    assert.deepEqual(nodeOf(azure(canary), 'Prod/Web').strategyParameters, { increments: [10, 50] });
    const back = strategyEdit(canary, { kind: 'rolling', maxParallel: 4 });
    assert.deepEqual(nodeOf(azure(back), 'Prod/Web').strategyParameters, { maxParallel: 4 });
  });
});

// Property tests: random sequences of 1–6 operations, each drawn from the graph as it is after
// the previous step, on corpus files and on generated pipelines. Every step either is refused
// (with a reason; the text stays as it was) or succeeds: the result parses, the node count
// changes by exactly what the operation says, and only the operation's own lines change.
// Seeded, so every run (and CI) sees the same cases.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { planOperation } from '../../src/core/edit/plan';
import type { EditOperation, StrategyValue } from '../../src/core/edit/operations';
import { DIALECTS, hasSyntaxErrors, type Dialect, type GraphNode, type PipelineGraph } from '../../src/core/model';
import { parsePipeline } from '../../src/core/parse';
import { TEMPLATES } from '../../src/core/templates/catalog';
import { generatePipeline } from '../../bench/generatePipelines';
import { expectedNodeDelta, GATES, isEditable, localName } from '../helpers/chooseOperations';
import { corpusAvailable, corpusEntries, corpusSkipReason } from '../helpers/corpus';
import { editScopeProblems } from '../helpers/editScope';

/** One step: which kind of operation, and numbers that pick its targets from the live graph. */
interface Step {
  kind: number;
  a: number;
  b: number;
  c: number;
}

const STEP_KINDS = 10;
const stepArbitrary = fc.record({ kind: fc.nat(STEP_KINDS - 1), a: fc.nat(), b: fc.nat(), c: fc.nat() });
const stepsArbitrary = fc.array(stepArbitrary, { minLength: 1, maxLength: 6 });

// Corpus files large enough to be real, small enough to keep the run short, with something editable.
const CORPUS_MAX_BYTES = 12_000;
const RUNS_PER_SOURCE = 50; // corpus and generated: 100 per dialect

const STRATEGIES: readonly (StrategyValue | null)[] = [
  { kind: 'rolling', maxSurge: '25%', maxUnavailable: '0' },
  { kind: 'rolling', maxParallel: 2 },
  { kind: 'blue-green' },
  { kind: 'canary', steps: [10, 50] },
  { kind: 'runOnce' },
  null,
];

const CONDITIONS: Record<Dialect, string> = {
  github: "github.ref == 'refs/heads/main'",
  gitlab: '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH',
  azure: "and(succeeded(), eq(variables['Build.SourceBranch'], 'refs/heads/main'))",
};

const RUNNERS: Record<Dialect, string> = { github: 'ubuntu-24.04', gitlab: 'alpine:3.20', azure: 'ubuntu-latest' };

function pick<T>(list: readonly T[], n: number): T | undefined {
  return list.length === 0 ? undefined : list[n % list.length];
}

/** The operation a step means on this graph. Targets may be read-only or unfit: refusals are part of the property. */
function operationFor(step: Step, graph: PipelineGraph, aimAt: (n: GraphNode) => boolean = () => true): EditOperation | undefined {
  const { a, b, c } = step;
  const nodes = graph.nodes;
  const aimed = nodes.filter(aimAt);
  const node = pick(aimed.length > 0 ? aimed : nodes, a);
  const other = pick(nodes, b);
  if (!node) {
    return { op: 'addStage', template: pick(TEMPLATES, a)!.name, id: `pw_new_${b % 1000}` };
  }
  switch (step.kind) {
    case 0: {
      // Now and then a name that is taken, which must be refused.
      const newId = c % 5 === 0 && other ? localName(other.id) : `${localName(node.id)}_r${b % 100}`;
      return { op: 'renameStage', stage: node.id, newId };
    }
    case 1:
      return { op: 'deleteStage', stage: node.id };
    case 2:
      return other && { op: 'addDependency', stage: node.id, dependsOn: other.id };
    case 3: {
      const edge = pick(graph.edges.filter((e) => !e.unresolved), a);
      return edge ? { op: 'removeDependency', stage: edge.to, dependsOn: edge.from } : other && { op: 'removeDependency', stage: node.id, dependsOn: other.id };
    }
    case 4: {
      const template = pick(TEMPLATES, a)!.name;
      const id = `pw_new_${b % 1000}`;
      const afterNode = c % 3 === 0 ? undefined : pick(nodes, c);
      const dependant = afterNode && pick(graph.edges.filter((e) => e.from === afterNode.id && !e.unresolved), b);
      return {
        op: 'addStage',
        template,
        id,
        ...(afterNode ? { after: afterNode.id } : {}),
        ...(c % 3 === 2 && dependant ? { before: dependant.to } : {}),
      };
    }
    case 5: {
      const lanes = graph.dialect === 'azure' ? nodes.filter((n) => n.role === 'stage').map((n) => n.id) : graph.lanes.map((l) => l.name);
      const to = c % 4 === 0 || lanes.length === 0 ? `lane_${b % 10}` : pick(lanes, b)!;
      return { op: 'moveToStage', stage: node.id, to };
    }
    case 6:
      return { op: 'setProperty', stage: node.id, property: 'name', value: c % 4 === 0 ? null : `Step ${b % 100}` };
    case 7: {
      const name = pick(['staging', 'production', 'qa'], b)!;
      const value = c % 4 === 0 ? null : { name, ...(c % 2 === 1 ? { url: `https://${name}.example.com` } : {}) };
      return { op: 'setProperty', stage: node.id, property: 'environment', value };
    }
    case 8:
      return { op: 'setProperty', stage: node.id, property: 'gate', value: c % 4 === 0 ? null : pick(GATES, b)! };
    default:
      switch (b % 4) {
        case 0:
          return { op: 'setProperty', stage: node.id, property: 'runner', value: c % 3 === 0 ? null : RUNNERS[graph.dialect] };
        case 1:
          return { op: 'setProperty', stage: node.id, property: 'timeout', value: c % 3 === 0 ? null : 5 + (c % 55) };
        case 2:
          return { op: 'setProperty', stage: node.id, property: 'strategy', value: pick(STRATEGIES, c)! };
        default:
          return { op: 'setProperty', stage: node.id, property: 'condition', value: c % 3 === 0 ? null : CONDITIONS[graph.dialect] };
      }
  }
}

/** Runs the steps on `text`, failing on the first step that breaks the property. */
function runSteps(dialect: Dialect, text: string, steps: Step[], counts: { applied: number; refused: number }, aimAt?: (n: GraphNode) => boolean): void {
  let current = text;
  let graph = parsePipeline(current, { dialect });
  for (const [i, step] of steps.entries()) {
    const op = operationFor(step, graph, aimAt);
    if (!op) continue;
    const where = `step ${i + 1} ${JSON.stringify(op)}`;
    const result = planOperation(current, op, { dialect });
    if (!result.ok) {
      counts.refused++;
      assert.match(result.reason, /^can't edit this visually: \S/, `${where}: a refusal needs a reason`);
      continue; // the text stays as it was
    }
    counts.applied++;
    assert.ok(!hasSyntaxErrors(result.graph), `${where}: the result does not parse`);
    const delta = result.graph.nodes.length - graph.nodes.length;
    assert.equal(delta, expectedNodeDelta(op, graph, result.graph), `${where}: node count changed by ${delta}`);
    assert.deepEqual(editScopeProblems(current, result.text, graph, op), [], `${where}: lines outside the operation changed`);
    current = result.text;
    graph = result.graph;
  }
}

/** Corpus file name → text, for the files worth editing (with a node `wanted` picks). */
function corpusTexts(dialect: Dialect, wanted: (n: GraphNode) => boolean = isEditable): Map<string, string> {
  const texts = new Map<string, string>();
  for (const e of corpusEntries()) {
    if (e.dialect !== dialect || e.bytes > CORPUS_MAX_BYTES) continue;
    const text = readFileSync(e.absolutePath, 'utf8');
    if (parsePipeline(text, { dialect }).nodes.some(wanted)) texts.set(e.file, text);
  }
  return texts;
}

/** A node with marks (a matrix, an alias, `extends`…): issue #10 lets its own text be edited. */
const marked = (n: GraphNode) => n.marks.length > 0;

describe('random operation sequences', () => {
  for (const [index, dialect] of DIALECTS.entries()) {
    test(`${dialect}: generated pipelines`, () => {
      const counts = { applied: 0, refused: 0 };
      const jobCount = fc.integer({ min: 3, max: 14 });
      fc.assert(
        fc.property(jobCount, stepsArbitrary, (jobs, steps) => runSteps(dialect, generatePipeline(dialect, jobs), steps, counts)),
        { numRuns: RUNS_PER_SOURCE, seed: 7001 + index, includeErrorInReport: true },
      );
      console.log(`${dialect} generated: ${counts.applied} steps applied, ${counts.refused} refused`);
      assert.ok(counts.applied > 0, 'no step was applied: the property tested nothing');
    });

    test(`${dialect}: corpus files`, { skip: corpusAvailable() ? false : corpusSkipReason }, () => {
      const files = corpusTexts(dialect);
      assert.ok(files.size > 0, `no ${dialect} corpus file under ${CORPUS_MAX_BYTES} bytes has an editable node`);
      const counts = { applied: 0, refused: 0 };
      // Files are drawn by name, so a counterexample names the file rather than printing it.
      fc.assert(
        fc.property(fc.constantFrom(...files.keys()), stepsArbitrary, (file, steps) => runSteps(dialect, files.get(file)!, steps, counts)),
        { numRuns: RUNS_PER_SOURCE, seed: 8001 + index, includeErrorInReport: true },
      );
      console.log(`${dialect} corpus (${files.size} files): ${counts.applied} steps applied, ${counts.refused} refused`);
    });

    // Issue #10: steps aimed at marked nodes, whose own text is now edited (ownText.ts); every
    // one still either is refused with a reason or stays within its lines and means what it says.
    test(`${dialect}: corpus files, steps aimed at marked nodes`, { skip: corpusAvailable() ? false : corpusSkipReason }, () => {
      const files = corpusTexts(dialect, marked);
      assert.ok(files.size > 0, `no ${dialect} corpus file under ${CORPUS_MAX_BYTES} bytes has a marked node`);
      const counts = { applied: 0, refused: 0 };
      fc.assert(
        fc.property(fc.constantFrom(...files.keys()), stepsArbitrary, (file, steps) => runSteps(dialect, files.get(file)!, steps, counts, marked)),
        { numRuns: RUNS_PER_SOURCE, seed: 9001 + index, includeErrorInReport: true },
      );
      console.log(`${dialect} corpus, marked nodes (${files.size} files): ${counts.applied} steps applied, ${counts.refused} refused`);
      assert.ok(counts.applied > 0, 'no step on a marked node was applied: the property tested nothing');
    });
  }
});

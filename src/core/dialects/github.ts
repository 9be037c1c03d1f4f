// GitHub Actions: one node per `jobs.<id>`, one edge per `needs` reference. Reads the workflow
// through the shared YAML layer and never throws: whatever the file holds, the result is a graph
// plus the problems that explain what could not be read.
import type { Node, Pair } from 'yaml';
import { inferKind, type JobFacts } from '../kinds';
import type { GateDetail, GraphEdge, GraphNode, GraphProblem, OpaqueMark } from '../model';
import type { DialectGraph } from '../parse';
import { readOnlyReason } from '../readOnly';
import {
  aliasTarget,
  isAlias,
  isMap,
  isScalar,
  keyOf,
  opaqueMarksIn,
  pairOf,
  pairSpan,
  positionAt,
  rootMap,
  scalarText,
  stringAt,
  stringList,
  valueOf,
  type YamlSource,
} from '../yaml/source';
import { manualApprovalGate, readSteps, stepCommands, waitGate } from './githubSteps';
import { writtenStrategy } from './writtenStrategy';

// GitHub's rule for job ids (workflow syntax: "jobs.<job_id>").
const JOB_ID = /^[A-Za-z_][A-Za-z0-9_-]*$/;

export function buildGithubGraph(src: YamlSource): DialectGraph {
  const reader = new WorkflowReader(src);
  return reader.read();
}

class WorkflowReader {
  private readonly nodes: GraphNode[] = [];
  private readonly edges: GraphEdge[] = [];
  private readonly problems: GraphProblem[] = [];
  constructor(private readonly src: YamlSource) {}

  read(): DialectGraph {
    const graph: DialectGraph = { nodes: this.nodes, edges: this.edges, lanes: [], problems: this.problems, fileMarks: [] };
    const contents = this.src.doc.contents;
    // An empty file (or one holding only comments) is an empty workflow, not an error.
    if (contents === null || contents === undefined) return graph;
    const root = rootMap(this.src);
    if (!root) {
      this.problem(contents, 'a GitHub Actions workflow must be a mapping at the top level (name:, on:, jobs:)');
      return graph;
    }
    const title = stringAt(root, 'name');
    if (title !== undefined) graph.title = title;
    const jobsPair = pairOf(root, 'jobs');
    if (!jobsPair) {
      this.problem(root, 'the workflow has no `jobs:` mapping');
      return graph;
    }
    const jobs = this.resolve(jobsPair.value);
    if (!isMap(jobs)) {
      const empty = isEmptyValue(jobs);
      this.problem(
        empty ? jobsPair.key : jobsPair.value,
        empty ? '`jobs:` is empty: a workflow needs at least one job' : '`jobs:` must be a mapping of job ids to jobs',
      );
      return graph;
    }
    if (jobs.items.length === 0) this.problem(jobsPair.key, '`jobs:` is empty: a workflow needs at least one job');
    const seen = new Set<string>();
    for (const pair of jobs.items) {
      const id = keyOf(pair);
      if (id === undefined || id === '') {
        this.problem(pair.key ?? pair.value, 'a job id must be a plain name');
        continue;
      }
      // The YAML layer already reports the duplicate key; a second node would break unique ids.
      if (seen.has(id)) continue;
      seen.add(id);
      this.readJob(id, pair as Pair<Node, Node | null>);
    }
    return graph;
  }

  private readJob(id: string, pair: Pair<Node, Node | null>): void {
    const span = pairSpan(this.src, pair);
    if (!JOB_ID.test(id)) {
      this.problem(pair.key, `job id "${id}" is not valid: it must start with a letter or _ and hold only letters, digits, - and _`);
    }
    const job = this.resolve(pair.value);
    const marks = new Set<OpaqueMark>(opaqueMarksIn(pair.value, this.src));
    if (!isMap(job)) {
      this.problem(isEmptyValue(job) ? pair.key : pair.value, `job "${id}" must be a mapping (runs-on:, steps:, …)`);
      this.nodes.push(this.node(id, id, { id, commands: [] }, marks, undefined, span));
      return;
    }

    const nameText = stringAt(job, 'name');
    const name = nameText !== undefined && nameText.trim() !== '' ? nameText : id;
    this.readNeeds(id, pairOf(job, 'needs'), marks);

    const steps = readSteps(this.resolve(valueOf(job, 'steps')), (n) => this.resolve(n));
    const reusable = stringAt(job, 'uses');
    if (reusable !== undefined) marks.add('reusable-workflow');
    if (!reusable && !pairOf(job, 'runs-on') && !marks.has('merge')) {
      this.problem(pair.key, `job "${id}" has neither runs-on: nor uses:`, 'warning');
    }

    const facts: JobFacts = { id, name: nameText, commands: [...(reusable !== undefined ? [reusable] : []), ...stepCommands(steps)] };
    const environment = this.readEnvironment(job);
    if (environment.name !== undefined) facts.environment = environment.name;
    const gate = manualApprovalGate(steps) ?? waitGate(steps);
    if (gate) facts.gate = gate;
    const condition = stringAt(job, 'if');
    if (condition !== undefined && runsOnFailure(condition)) facts.onFailure = true;

    const strategy = this.resolve(valueOf(job, 'strategy'));
    const hasMatrix = isMap(strategy) && pairOf(strategy, 'matrix') !== undefined;
    if (hasMatrix) marks.add('matrix');
    else if (isScalar(strategy) && (scalarText(strategy) ?? '').includes('${{')) marks.add('template-expression');

    const node = this.node(id, name, facts, marks, gate, span);
    if (environment.url !== undefined) node.environmentUrl = environment.url;
    const runner = stringAt(job, 'runs-on');
    if (runner !== undefined) node.runner = runner;
    if (condition !== undefined) node.condition = condition;
    const timeout = stringAt(job, 'timeout-minutes');
    if (timeout !== undefined) node.timeout = timeout;
    // A rollout strategy only means something on a deploy. A matrix is not one: it runs the job
    // several times, which the `matrix` mark says.
    const rollout = node.kind === 'deploy'
      ? writtenStrategy([...facts.commands, ...steps.flatMap((s) => (s.name !== undefined ? [s.name] : [])), id, name])
      : undefined;
    if (rollout) node.strategy = rollout;
    this.nodes.push(node);
  }

  private node(
    id: string,
    name: string,
    facts: JobFacts,
    marks: Set<OpaqueMark>,
    gate: GateDetail | undefined,
    span: ReturnType<typeof pairSpan>,
  ): GraphNode {
    const node: GraphNode = {
      id,
      name,
      kind: inferKind(facts),
      role: 'job',
      marks: [...marks],
      range: span.range,
      offsets: span.offsets,
    };
    if (facts.environment !== undefined) node.environment = facts.environment;
    if (gate) node.gate = gate;
    if (node.marks.length > 0) node.readOnlyReason = readOnlyReason(node.marks, 'github');
    return node;
  }

  /** `needs: a` or `needs: [a, b]`: one explicit edge per reference, positioned at the reference. */
  private readNeeds(id: string, needsPair: Pair<unknown, unknown> | undefined, marks: Set<OpaqueMark>): void {
    if (!needsPair || needsPair.value === null || needsPair.value === undefined) return;
    const written = needsPair.value as Node;
    const needs = this.resolve(written);
    if (isMap(needs)) {
      this.problem(written, `"needs" of job "${id}" must be a job id or a list of job ids`);
      return;
    }
    const { items, other } = stringList(needs);
    // Through an alias the names sit at the anchor; point at the alias, where this job says it.
    const via = isAlias(written) ? written.range?.[0] : undefined;
    const references = items.map((it) => ({ value: it.value, offset: via ?? it.offset }));
    for (const entry of other) {
      const target = this.resolve(entry);
      const text = scalarText(target);
      if (text !== undefined) references.push({ value: text, offset: entry.range?.[0] ?? 0 });
      else this.problem(entry, `"needs" of job "${id}" must list job ids, not mappings or lists`);
    }
    const listed = new Set<string>();
    for (const ref of references) {
      // GitHub does not evaluate expressions in needs; the real dependency is unknowable here.
      if (ref.value.includes('${{')) {
        marks.add('template-expression');
        continue;
      }
      const { line, column } = positionAt(this.src, ref.offset);
      if (listed.has(ref.value)) {
        this.problem(ref.offset, `job "${id}" lists "${ref.value}" in needs more than once`, 'warning');
        continue;
      }
      listed.add(ref.value);
      this.edges.push({ from: ref.value, to: id, implicit: false, line, column });
    }
  }

  private readEnvironment(job: unknown): { name?: string; url?: string } {
    const env = this.resolve(valueOf(job, 'environment'));
    if (isMap(env)) {
      const name = stringAt(env, 'name');
      const url = stringAt(env, 'url');
      return { ...(name !== undefined ? { name } : {}), ...(url !== undefined ? { url } : {}) };
    }
    const name = scalarText(env);
    return name !== undefined && name.trim() !== '' ? { name } : {};
  }

  /** Follow an alias to the node it names, so facts read through `*ref` are still seen. */
  private resolve(node: unknown): unknown {
    if (!isAlias(node)) return node;
    try {
      return aliasTarget(this.src, node);
    } catch {
      return undefined; // a dangling alias is reported by the YAML layer
    }
  }

  private problem(at: unknown, message: string, severity: GraphProblem['severity'] = 'error'): void {
    const offset = typeof at === 'number' ? at : ((at as Node | null | undefined)?.range?.[0] ?? 0);
    const { line, column } = positionAt(this.src, offset);
    this.problems.push({ message, line, column, severity, source: 'structure' });
  }
}

/** `key:` with nothing after it: point at the key, since the empty value has no text of its own. */
function isEmptyValue(node: unknown): boolean {
  return node === null || node === undefined || (isScalar(node) && scalarText(node) === undefined);
}

/** `if: failure()` / `${{ failure() }}` / `failure() && …`, but not `!failure()`. */
function runsOnFailure(condition: string): boolean {
  return /\bfailure\(\s*\)/.test(condition) && !/!\s*failure\(/.test(condition);
}

// The graph model: one shape for all three dialects. The YAML text is the model of record;
// a PipelineGraph is a read-only projection of it, rebuilt on every parse.

export type Dialect = 'github' | 'gitlab' | 'azure';

export const DIALECTS: readonly Dialect[] = ['github', 'gitlab', 'azure'];

/** Inferred from the YAML (environment, gates, names, commands); shown, never written back. */
export type NodeKind =
  | 'source'
  | 'build'
  | 'test'
  | 'security-scan'
  | 'deploy'
  | 'integration-test'
  | 'approval-gate'
  | 'verify'
  | 'rollback'
  | 'notify'
  | 'other';

export const NODE_KINDS: readonly NodeKind[] = [
  'source', 'build', 'test', 'security-scan', 'deploy', 'integration-test',
  'approval-gate', 'verify', 'rollback', 'notify', 'other',
];

/** The words for a kind, shown on nodes; a palette template's title uses its kind's words too. */
export const KIND_LABELS: Readonly<Record<NodeKind, string>> = {
  source: 'source',
  build: 'build',
  test: 'test',
  'security-scan': 'security scan',
  deploy: 'deploy',
  'integration-test': 'integration test',
  'approval-gate': 'approval gate',
  verify: 'verify',
  rollback: 'rollback',
  notify: 'notify',
  other: 'other',
};

/** manual: a person must act; delayed: waits a set time; approvers: named people must approve. */
export type GateKind = 'manual' | 'delayed' | 'approvers';

export interface GateDetail {
  kind: GateKind;
  /** delayed: the wait as written, e.g. "30 minutes". */
  after?: string;
  /** approvers: who is asked (Azure notifyUsers). */
  approvers?: string[];
  instructions?: string;
}

/** 1-based inclusive line span of a node's YAML (key line through the last line of its value). */
export interface LineRange {
  startLine: number;
  endLine: number;
}

/** Why a node cannot be edited visually (DESIGN.md "Opaque is honest"). */
export type OpaqueMark =
  | 'reusable-workflow'
  | 'extends'
  | 'include'
  | 'reference'
  | 'anchor'
  | 'alias'
  | 'merge'
  | 'template'
  | 'template-expression'
  | 'matrix'
  | 'missing';

/** Azure deployment strategy parameters (`strategy: rolling: maxParallel:`, `canary: increments:`). */
export interface StrategyParameters {
  /** rolling: how many targets are deployed to at a time. */
  maxParallel?: number;
  /** canary: the traffic percentages, in the order written. */
  increments?: number[];
}

export interface GraphNode {
  /** Job key (GitHub, GitLab) or `Stage` / `Stage/Job` (Azure). Unique within a graph. */
  id: string;
  /** Display name (`name:` / `displayName:` when present, else the id's last part). */
  name: string;
  kind: NodeKind;
  /** GitLab: the job's stage (lane). Azure jobs: the id of the stage node holding them. */
  stage?: string;
  /** Azure: 'stage' for a stage group, 'job' for a job inside it. Others: always 'job'. */
  role: 'job' | 'stage';
  environment?: string;
  environmentUrl?: string;
  gate?: GateDetail;
  /**
   * The deployment strategy, only as far as the YAML states it: rolling | blue-green | canary |
   * runOnce. A matrix is not one (it is the `matrix` mark).
   */
  strategy?: string;
  /**
   * The parameters of `strategy` the designer's inspector shows and the edit engine writes, as
   * written when they are plain whole numbers (Azure deployment jobs; an Azure stage takes its
   * deployment job's). Not part of the public JSON.
   */
  strategyParameters?: StrategyParameters;
  /**
   * Settings the designer's inspector shows, as written when they are one plain value: the runner
   * (GitHub `runs-on`, GitLab `image`, Azure `pool` name or vmImage), the condition (GitHub `if`,
   * GitLab's single `rules: - if:`, Azure `condition`) and the timeout (GitHub `timeout-minutes`,
   * GitLab `timeout`, Azure `timeoutInMinutes`). Not part of the public JSON.
   */
  runner?: string;
  condition?: string;
  timeout?: string;
  /**
   * GitLab: whose artifacts the job downloads — `earlier-stages` (every job of every earlier
   * stage, GitLab's default) or the jobs named by `dependencies:`, else by `needs:`. Not part of
   * the public JSON; edits keep it (see edit/artifacts.ts).
   */
  artifactsFrom?: 'earlier-stages' | string[];
  /** GitLab: the job may leave artifacts for later jobs. Not part of the public JSON. */
  leavesArtifacts?: boolean;
  /** Constructs on this node the designer shows but will not rewrite. Empty means editable. */
  marks: OpaqueMark[];
  /** Human-readable reason when `marks` is non-empty. */
  readOnlyReason?: string;
  range: LineRange;
  /** Byte offsets [start, end) of the node's YAML in the text, for editors and edit planning. */
  offsets: [number, number];
  /**
   * A composed pipeline (GitLab includes, Azure templates, GitHub reusable workflows): the file
   * that defines the node, relative to the project root, when it is not the root file; `range`
   * and `offsets` are then in that file.
   */
  file?: string;
}

export interface GraphEdge {
  /** The dependency ... */
  from: string;
  /** ... and the node that waits for it. */
  to: string;
  /** True when the edge comes from a dialect default (GitLab stage order, Azure previous stage). */
  implicit: boolean;
  /** True when `from` names no node in the graph (drawn as a ghost, flagged in errors). */
  unresolved?: boolean;
  /**
   * An unresolved `from` that another file of the pipeline defines (the graph of one file of a
   * pipeline split over files, see compose/pipelineOfFile.ts): that file, relative to the
   * project root. Drawn as a job of that file, not flagged.
   */
  definedIn?: string;
  /** True when the edge closes a dependency cycle. */
  cyclic?: boolean;
  /**
   * An implicit edge into a job whose own `needs:` may be set where it inherits from, in a file
   * not read here (GitLab `extends:` of an unknown parent): the platform's default, guessed.
   */
  guessed?: boolean;
  /** Where the reference is written (1-based); absent for implicit edges. */
  line?: number;
  column?: number;
  /** A composed pipeline: the file `line` and `column` are in, when it is not the root file. */
  file?: string;
}

export type ProblemSeverity = 'error' | 'warning';

export interface GraphProblem {
  message: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  severity: ProblemSeverity;
  /** 'syntax' problems mean the YAML itself did not parse: the graph is not trustworthy. */
  source: 'syntax' | 'structure' | 'reference' | 'cycle';
  /**
   * duplicate-key: a problem a dialect judges differently (GitLab accepts duplicate keys).
   * unclosed: a quote or bracket never closed, reported where it opens.
   * unknown-parent: a GitLab `extends` naming a job no file read defines (see parse.ts).
   */
  code?: 'duplicate-key' | 'unclosed' | 'unknown-parent';
  /**
   * On the first syntax error of a file that does not parse: the other problems found, which
   * follow from it (the parser's recovery and the builders see a broken tree). Fix this one first.
   */
  consequences?: GraphProblem[];
  /** A composed pipeline: the file the position is in, when it is not the root file. */
  file?: string;
}

/** GitLab lane / Azure stage order, for layout. */
export interface Lane {
  id: string;
  name: string;
  /** Lanes GitLab adds without `stages:` saying so (.pre, .post, defaults). */
  implicit: boolean;
  /**
   * GitLab: the file whose `stages:` declares this lane, when it is not this file (an included
   * file that declares none runs its jobs in its pipeline's stages); relative to the project root.
   */
  declaredIn?: string;
}

export interface PipelineGraph {
  dialect: Dialect;
  /** Pipeline-level name, when the file gives one. */
  title?: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
  lanes: Lane[];
  problems: GraphProblem[];
  /** File-level opaque constructs (top-level include/extends/templates), shown as banners. */
  fileMarks: { mark: OpaqueMark; detail: string; line: number }[];
}

/** True when the YAML did not parse: keep the last good graph and show the error. */
export function hasSyntaxErrors(graph: PipelineGraph): boolean {
  return graph.problems.some((p) => p.source === 'syntax' && p.severity === 'error');
}

/** The public JSON of `pipewright graph --json`: a contract other tools read. Keep stable. */
export interface PublicGraphJson {
  dialect: Dialect;
  nodes: {
    id: string;
    name: string;
    kind: NodeKind;
    stage?: string;
    environment?: string;
    gate?: GateKind;
    strategy?: string;
    readOnly?: boolean;
    /** Why it is read-only (with readOnly): `matrix`, `extends`, `template`, … */
    marks?: OpaqueMark[];
    range: LineRange;
    /** The defining file relative to the project root, when it is not the root file. */
    file?: string;
  }[];
  /** `definedIn`: the graph of one file of a pipeline split over files — the file that defines `from` (GraphEdge.definedIn). */
  edges: { from: string; to: string; implicit: boolean; definedIn?: string }[];
  errors: { message: string; line: number; column: number; file?: string }[];
  /** Only when there are any (added later, so files without warnings print as before). */
  warnings?: { message: string; line: number; column: number; file?: string }[];
  /**
   * The stages in their written order — GitLab's `stages:`, Azure's stages — which nodes' `stage`
   * names. `implicit`: not declared by this file (GitLab's defaults, `.pre`, `.post`, or stages
   * `declaredIn` another file of the pipeline). Only when there are any (added later, like `warnings`).
   */
  lanes?: { id: string; name: string; implicit: boolean; declaredIn?: string }[];
}

export function toPublicJson(graph: PipelineGraph): PublicGraphJson {
  return {
    dialect: graph.dialect,
    nodes: graph.nodes.map((n) => ({
      id: n.id,
      name: n.name,
      kind: n.kind,
      ...(n.stage !== undefined ? { stage: n.stage } : {}),
      ...(n.environment !== undefined ? { environment: n.environment } : {}),
      ...(n.gate !== undefined ? { gate: n.gate.kind } : {}),
      ...(n.strategy !== undefined ? { strategy: n.strategy } : {}),
      ...(n.marks.length > 0 ? { readOnly: true, marks: [...n.marks] } : {}),
      range: { startLine: n.range.startLine, endLine: n.range.endLine },
      ...(n.file !== undefined ? { file: n.file } : {}),
    })),
    edges: graph.edges.map((e) => ({ from: e.from, to: e.to, implicit: e.implicit, ...(e.definedIn !== undefined ? { definedIn: e.definedIn } : {}) })),
    errors: problemsOf(graph, 'error'),
    ...(graph.problems.some((p) => p.severity === 'warning') ? { warnings: problemsOf(graph, 'warning') } : {}),
    ...(graph.lanes.length > 0
      ? { lanes: graph.lanes.map((l) => ({ id: l.id, name: l.name, implicit: l.implicit, ...(l.declaredIn !== undefined ? { declaredIn: l.declaredIn } : {}) })) }
      : {}),
  };
}

function problemsOf(graph: PipelineGraph, severity: ProblemSeverity): PublicGraphJson['errors'] {
  return graph.problems
    .filter((p) => p.severity === severity)
    .map((p) => ({ message: p.message, line: p.line, column: p.column, ...(p.file !== undefined ? { file: p.file } : {}) }));
}

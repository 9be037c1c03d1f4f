// A GitHub workflow with the reusable workflows it calls from its own repository as one graph,
// as GitHub draws a run: a job `uses: ./.github/workflows/x.yml` becomes the called workflow's
// jobs, named "caller / job" (ids `caller/job`); the caller's `needs` apply to the called jobs that
// need nothing there, and jobs that need the caller wait for the whole called workflow (its last
// jobs). Calls into other repositories stay one read-only node; a missing file is a node marked
// missing. Each file is parsed once and built by the ordinary GitHub builder; a called job's
// settings that read `inputs` show what the call passes (callInputs.ts).
import type { Node } from 'yaml';
import type { ProjectFiles } from '../../compose/projectFiles';
import type { GraphNode, GraphProblem, PipelineGraph } from '../../model';
import { completeGraph, graphFromSource, type DialectGraph } from '../../parse';
import { syntaxCause } from '../../problems';
import { readOnlyReason } from '../../readOnly';
import { parseYamlSource, positionAt, rootMap, scalarText, valueOf, type YamlSource } from '../../yaml/source';
import { buildGithubGraph } from '../github';
import { bindInputs, callInputs } from './callInputs';

/** GitHub's limits (docs: "Limitations of reusable workflows", github.com since November 2025). */
export const MAX_WORKFLOW_LEVELS = 10;
export const MAX_REUSABLE_WORKFLOWS = 50;

interface Composing {
  rootPath: string;
  project: ProjectFiles;
  /** Every file read, root first, for their own YAML problems. */
  files: Map<string, YamlSource>;
  /** Distinct reusable workflows called, nested ones included. */
  called: Set<string>;
}

/**
 * The composed graph of the workflow at `rootPath` (relative to the repository root). The root's
 * own text is given (it may be unsaved); called workflows come from `project`.
 */
export function composeGithubGraph(rootPath: string, rootText: string, project: ProjectFiles): PipelineGraph {
  const src = parse(rootPath, rootText, project);
  if (src.problems.some(isSyntaxError)) return graphFromSource(src, { dialect: 'github' });
  const state: Composing = { rootPath, project, files: new Map([[rootPath, src]]), called: new Set() };
  const built = workflowGraph(rootPath, src, [rootPath], state);
  // A called workflow that does not parse is one problem at its call, not its own errors: those
  // would make the whole composed graph read as broken.
  const yamlProblems = [...state.files]
    .filter(([, file]) => !file.problems.some(isSyntaxError))
    .flatMap(([path, file]) => file.problems.map((p) => ({ ...p, ...fileField(path, state) })));
  return completeGraph('github', built, yamlProblems);
}

function workflowGraph(path: string, src: YamlSource, stack: string[], state: Composing): DialectGraph {
  // The builder's nodes, edges and problems are new objects of this call's own: placed in their
  // file in place rather than copied (a composed pipeline has thousands of them).
  const graph = buildGithubGraph(src);
  const inFile = fileField(path, state);
  if (inFile.file !== undefined) {
    for (const n of graph.nodes) n.file = inFile.file;
    for (const e of graph.edges) if (e.line !== undefined) e.file = inFile.file;
    for (const p of graph.problems) p.file = inFile.file;
  }
  for (const caller of [...graph.nodes]) {
    if (!caller.marks.includes('reusable-workflow')) continue;
    const callerJob = valueOf(valueOf(rootMap(src), 'jobs'), caller.id);
    const uses = valueOf(callerJob, 'uses');
    const target = scalarText(uses)?.trim() ?? '';
    // Only `./path` is this repository; `owner/repo/path@ref` stays one read-only node.
    if (!target.startsWith('./')) continue;
    const calledPath = target.slice(2).replace(/\/{2,}/g, '/');
    const problem = (message: string) => graph.problems.push({ message, ...positionAt(src, (uses as Node).range?.[0] ?? 0), severity: 'error', source: 'reference', ...inFile });
    if (stack.includes(calledPath)) {
      problem(`reusable workflow cycle: ${[...stack, calledPath].join(' → ')}`);
      continue;
    }
    if (stack.length >= MAX_WORKFLOW_LEVELS) {
      problem(`reusable workflows nest more than ${MAX_WORKFLOW_LEVELS} levels deep (GitHub's limit, the calling workflow included); ${calledPath} is not read`);
      continue;
    }
    state.called.add(calledPath);
    if (state.called.size > MAX_REUSABLE_WORKFLOWS) {
      problem(`more than ${MAX_REUSABLE_WORKFLOWS} distinct reusable workflows (GitHub's limit, nested ones included); ${calledPath} is not read`);
      continue;
    }
    let calledSrc = state.files.get(calledPath);
    if (!calledSrc) {
      const text = state.project.readFile(calledPath);
      if (text === undefined) {
        problem(`called workflow ${calledPath} not found in the repository`);
        replaceNode(graph, caller.id, [markMissing(graph.nodes.find((n) => n.id === caller.id)!, calledPath)]);
        continue;
      }
      calledSrc = parse(calledPath, text, state.project);
      state.files.set(calledPath, calledSrc);
    }
    const syntax = syntaxCause(calledSrc.problems);
    if (syntax) {
      problem(`called workflow ${calledPath} is not valid YAML: ${syntax.message} (line ${syntax.line})`);
      continue;
    }
    const called = workflowGraph(calledPath, calledSrc, [...stack, calledPath], state);
    // This call's own graph (see above): its settings read as this call sets `inputs`.
    bindInputs(called.nodes, callInputs(valueOf(callerJob, 'with'), calledSrc));
    graph.problems.push(...called.problems);
    if (called.nodes.length === 0) continue;
    splice(graph, graph.nodes.find((n) => n.id === caller.id)!, called);
  }
  return graph;
}

/** The caller's node becomes the called workflow's jobs; its edges go to their first and from their last jobs. */
function splice(graph: DialectGraph, caller: GraphNode, called: DialectGraph): void {
  const prefix = `${caller.id}/`;
  // A matrix or an expression on the caller applies to every job it runs.
  const inherited = caller.marks.filter((m) => m !== 'reusable-workflow');
  const ids = new Set(called.nodes.map((n) => n.id));
  const waits = new Set<string>();
  const awaited = new Set<string>();
  for (const e of called.edges) {
    if (!ids.has(e.from)) continue;
    waits.add(e.to);
    awaited.add(e.from);
  }
  const firsts = called.nodes.filter((n) => !waits.has(n.id)).map((n) => prefix + n.id);
  const lasts = called.nodes.filter((n) => !awaited.has(n.id)).map((n) => prefix + n.id);
  // The called graph is this call's own (see workflowGraph): renamed in place.
  for (const e of called.edges) {
    if (ids.has(e.from)) e.from = prefix + e.from;
    e.to = prefix + e.to;
  }
  for (const n of called.nodes) {
    n.id = prefix + n.id;
    n.name = `${caller.name} / ${n.name}`;
    // A called job nothing about which says what it is for (`run: ./go.sh`) is for what its
    // caller's name says: "deploy-prod / run" deploys.
    if (n.kind === 'other' && caller.kind !== 'other') n.kind = caller.kind;
    if (inherited.length === 0) continue;
    n.marks = [...new Set([...n.marks, ...inherited])];
    n.readOnlyReason = readOnlyReason(n.marks, 'github');
  }
  const inner = called.edges;
  const nodes = called.nodes;
  graph.edges = [
    ...graph.edges.flatMap((e) => {
      if (e.to === caller.id) return firsts.map((to) => ({ ...e, to }));
      if (e.from === caller.id) return lasts.map((from) => ({ ...e, from }));
      return [e];
    }),
    ...inner,
  ];
  replaceNode(graph, caller.id, nodes);
}

function replaceNode(graph: DialectGraph, id: string, by: GraphNode[]): void {
  const at = graph.nodes.findIndex((n) => n.id === id);
  graph.nodes = [...graph.nodes.slice(0, at), ...by, ...graph.nodes.slice(at + 1)];
}

function markMissing(node: GraphNode, path: string): GraphNode {
  return { ...node, marks: [...node.marks, 'missing'], readOnlyReason: `it calls the reusable workflow \`${path}\`, which is not in the repository` };
}

/** Each workflow is built from its own parse (no composite text): a kept parse is lent where it is. */
function parse(path: string, text: string, project: ProjectFiles): YamlSource {
  return project.parses ? project.parses.lend(path, text, 0) : parseYamlSource(text);
}

function fileField(path: string, state: Composing): { file?: string } {
  return path === state.rootPath ? {} : { file: path };
}

function isSyntaxError(p: GraphProblem): boolean {
  return p.source === 'syntax' && p.severity === 'error';
}

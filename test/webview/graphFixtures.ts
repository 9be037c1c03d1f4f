// Hand-built graphs for the webview tests: each one shaped like what a dialect builder returns
// for a small, realistic pipeline, so the webview can be tested on its own.
import type { GraphEdge, GraphNode, PipelineGraph } from '../../src/core/model';

let nextLine = 1;

/** A job node with sensible defaults; each call gets the next free line range of its graph. */
export function job(id: string, extra: Partial<GraphNode> = {}): GraphNode {
  const startLine = nextLine;
  nextLine += 6;
  return {
    id,
    name: id,
    kind: 'other',
    role: 'job',
    marks: [],
    range: { startLine, endLine: startLine + 5 },
    offsets: [startLine * 20, (startLine + 6) * 20],
    ...extra,
  };
}

export function edge(from: string, to: string, extra: Partial<GraphEdge> = {}): GraphEdge {
  return { from, to, implicit: false, ...extra };
}

/** build → (unit, scan) → deploy-staging → e2e → approve → deploy-prod → verify, + rollback. */
export function githubGraph(): PipelineGraph {
  nextLine = 1;
  return {
    dialect: 'github',
    title: 'Release',
    nodes: [
      job('build', { name: 'Build image', kind: 'build' }),
      job('unit', { name: 'Unit tests', kind: 'test', marks: ['matrix'], readOnlyReason: 'it expands into several jobs through `strategy.matrix`' }),
      job('scan', { name: 'Trivy scan', kind: 'security-scan' }),
      job('deploy-staging', { name: 'Deploy to staging', kind: 'deploy', environment: 'staging', environmentUrl: 'https://staging.example.com' }),
      job('e2e', { name: 'E2E tests', kind: 'integration-test' }),
      job('deploy-prod', { name: 'Deploy to production', kind: 'deploy', environment: 'production', environmentUrl: 'https://example.com', gate: { kind: 'manual' }, strategy: 'canary' }),
      job('verify', { name: 'Health check', kind: 'verify' }),
      job('rollback', { name: 'Roll back', kind: 'rollback' }),
    ],
    edges: [
      edge('build', 'unit', { line: 20, column: 12 }),
      edge('build', 'scan', { line: 26, column: 12 }),
      edge('unit', 'deploy-staging', { line: 32, column: 13 }),
      edge('scan', 'deploy-staging', { line: 32, column: 19 }),
      edge('deploy-staging', 'e2e', { line: 38, column: 12 }),
      edge('e2e', 'deploy-prod', { line: 44, column: 12 }),
      edge('deploy-prod', 'verify', { line: 50, column: 12 }),
      edge('verify', 'rollback', { line: 56, column: 12 }),
    ],
    lanes: [],
    problems: [],
    fileMarks: [],
  };
}

/** stages: build, test, deploy (+ an implicit .pre holding lint); needs on two jobs. */
export function gitlabGraph(): PipelineGraph {
  nextLine = 1;
  return {
    dialect: 'gitlab',
    nodes: [
      job('lint', { stage: '.pre', kind: 'test' }),
      job('compile', { stage: 'build', kind: 'build' }),
      job('package', { stage: 'build', kind: 'build' }),
      job('unit', { stage: 'test', kind: 'test' }),
      job('sast', { stage: 'test', kind: 'security-scan', marks: ['extends'], readOnlyReason: 'it inherits from `.sast-template` through `extends`' }),
      job('deploy-staging', { stage: 'deploy', kind: 'deploy', environment: 'staging' }),
      job('deploy-prod', { stage: 'deploy', kind: 'deploy', environment: 'production', gate: { kind: 'delayed', after: '30 minutes' } }),
    ],
    edges: [
      edge('lint', 'compile', { implicit: true }),
      edge('lint', 'package', { implicit: true }),
      edge('compile', 'package', { line: 14, column: 10 }),
      edge('compile', 'unit', { implicit: true }),
      edge('package', 'unit', { implicit: true }),
      edge('compile', 'sast', { implicit: true }),
      edge('package', 'sast', { implicit: true }),
      edge('unit', 'deploy-staging', { implicit: true }),
      edge('sast', 'deploy-staging', { implicit: true }),
      edge('deploy-staging', 'deploy-prod', { line: 40, column: 10 }),
    ],
    lanes: [
      { id: '.pre', name: '.pre', implicit: true },
      { id: 'build', name: 'build', implicit: false },
      { id: 'test', name: 'test', implicit: false },
      { id: 'deploy', name: 'deploy', implicit: false },
      { id: '.post', name: '.post', implicit: true },
    ],
    problems: [],
    fileMarks: [{ mark: 'include', detail: 'include: templates/security.yml', line: 1 }],
  };
}

/** Stages Build → Test → Prod; Prod holds an agentless approval job then the deployment. */
export function azureGraph(): PipelineGraph {
  nextLine = 1;
  return {
    dialect: 'azure',
    nodes: [
      job('Build', { role: 'stage', kind: 'build' }),
      job('Build/Compile', { name: 'Compile', stage: 'Build', kind: 'build' }),
      job('Build/Docker', { name: 'Docker image', stage: 'Build', kind: 'build' }),
      job('Test', { role: 'stage', kind: 'test' }),
      job('Test/Unit', { name: 'Unit', stage: 'Test', kind: 'test' }),
      job('Prod', { role: 'stage', kind: 'deploy' }),
      job('Prod/Approve', { name: 'Approve', stage: 'Prod', kind: 'approval-gate', gate: { kind: 'approvers', approvers: ['ops@example.com', 'lead@example.com'], instructions: 'Check the staging dashboard' } }),
      job('Prod/Deploy', { name: 'Deploy', stage: 'Prod', kind: 'deploy', environment: 'production', strategy: 'rolling' }),
    ],
    edges: [
      edge('Build/Compile', 'Build/Docker', { line: 12, column: 18 }),
      edge('Build', 'Test', { implicit: true }),
      edge('Test', 'Prod', { line: 30, column: 16 }),
      edge('Prod/Approve', 'Prod/Deploy', { line: 44, column: 18 }),
    ],
    lanes: [
      { id: 'Build', name: 'Build', implicit: false },
      { id: 'Test', name: 'Test', implicit: false },
      { id: 'Prod', name: 'Prod', implicit: false },
    ],
    problems: [],
    fileMarks: [],
  };
}

/** deploy needs a job nobody defined; a → b → c → a is a cycle. */
export function brokenReferencesGraph(): PipelineGraph {
  nextLine = 1;
  return {
    dialect: 'github',
    nodes: [
      job('a', { kind: 'build', range: { startLine: 3, endLine: 5 } }),
      job('b', { kind: 'test', range: { startLine: 6, endLine: 8 } }),
      job('c', { kind: 'test', range: { startLine: 9, endLine: 11 } }),
      job('deploy', { kind: 'deploy', environment: 'production', range: { startLine: 12, endLine: 15 } }),
    ],
    edges: [
      edge('c', 'a', { line: 4, column: 12, cyclic: true }),
      edge('a', 'b', { line: 7, column: 12 }),
      edge('b', 'c', { line: 10, column: 12 }),
      edge('compile', 'deploy', { line: 14, column: 12, unresolved: true }),
    ],
    lanes: [],
    problems: [
      { message: '"deploy" depends on "compile", which is not defined in this file', line: 14, column: 12, severity: 'error', source: 'reference' },
      { message: 'dependency cycle: a → b → c → a', line: 4, column: 12, severity: 'error', source: 'cycle' },
    ],
    fileMarks: [],
  };
}

/** What a builder returns for YAML that does not parse: no nodes, one syntax problem. */
export function syntaxErrorGraph(line: number, column: number): PipelineGraph {
  return {
    dialect: 'github',
    nodes: [],
    edges: [],
    lanes: [],
    problems: [{ message: 'Nested mappings are not allowed in compact mappings', line, column, severity: 'error', source: 'syntax' }],
    fileMarks: [],
  };
}

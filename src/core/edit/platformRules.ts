// Refusals the platform itself requires: the edit would give a file the platform rejects, so no
// designer could make it, however careful. They are told apart from refusals the designer makes
// for safety (issue #10 counts the two separately), and the designer does not offer such an
// action at all: platformRefusal answers from the graph alone, for the webview as for the engine.
import type { GraphNode, PipelineGraph } from '../model';
import type { EditPart } from './ownText';

/**
 * Each rule, with where the platform says so.
 *
 * - workflow-needs-a-job: "A workflow run is made up of one or more jobs"
 *   (https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#jobs).
 * - pipeline-needs-a-job: GitLab rejects a configuration without a visible job ("jobs config
 *   should contain at least one visible job", https://gitlab.com/gitlab-org/gitlab/-/issues/31641);
 *   Azure: "Every pipeline has at least one job"
 *   (https://learn.microsoft.com/azure/devops/pipelines/process/phases).
 * - pipeline-needs-a-stage: "Every pipeline has at least one stage"
 *   (https://learn.microsoft.com/azure/devops/pipelines/process/stages).
 * - stage-needs-a-job: "Each stage contains one or more jobs" (same page).
 * - reusable-workflow-call: a job that calls a reusable workflow takes only name, uses, with,
 *   secrets, needs, if, permissions, strategy and concurrency; not environment, runs-on or
 *   timeout-minutes (https://docs.github.com/actions/sharing-automations/reusing-workflows,
 *   "Supported keywords for jobs that call a reusable workflow").
 * - template-reference: an Azure `- template:` item takes only `template:` and `parameters:`
 *   (https://learn.microsoft.com/azure/devops/pipelines/yaml-schema/jobs-template and
 *   stages-template); its name, dependsOn and environment are written in the template file.
 */
export type PlatformRule =
  | 'workflow-needs-a-job'
  | 'pipeline-needs-a-job'
  | 'pipeline-needs-a-stage'
  | 'stage-needs-a-job'
  | 'reusable-workflow-call'
  | 'template-reference';

/** The platform's rule and what it says about this edit, as a refusal's message. */
export interface PlatformRefusal {
  rule: PlatformRule;
  message: string;
}

/** What a job calling a reusable workflow may carry of the parts the designer edits. */
const REUSABLE_CALL_PARTS = new Set<EditPart>(['needs', 'delete', 'condition', 'name']);

const PART_WORDS: Partial<Record<EditPart, string>> = {
  needs: 'dependencies',
  environment: 'environment',
  runner: 'runner',
  timeout: 'timeout',
  condition: 'condition',
  name: 'name',
  gate: 'gate',
  strategy: 'strategy',
  concurrency: 'concurrency',
};

/**
 * Why the platform rejects editing `part` of `node` (`rename` for its key), from the graph
 * alone; undefined when the platform allows it (the engine may still refuse for other reasons).
 */
export function platformRefusal(graph: PipelineGraph, node: GraphNode, part: EditPart): PlatformRefusal | undefined {
  const what = part === 'rename' ? 'name' : (PART_WORDS[part] ?? part);
  if (node.marks.includes('reusable-workflow') && part !== 'rename' && !REUSABLE_CALL_PARTS.has(part)) {
    return {
      rule: 'reusable-workflow-call',
      message: `"${node.id}" calls a reusable workflow, and GitHub allows no ${what} on such a job; set it in the called workflow`,
    };
  }
  if (graph.dialect === 'azure' && node.marks.includes('template') && part !== 'delete') {
    return {
      rule: 'template-reference',
      message: `"${node.id}" is a \`- template:\` reference, which Azure Pipelines allows only \`template:\` and \`parameters:\`; its ${what} ${what.endsWith('ies') ? 'are' : 'is'} written in the template file`,
    };
  }
  if (part === 'delete') return onlyOne(graph, node);
  return undefined;
}

/** Deleting the last job (or stage) of what must have one. */
function onlyOne(graph: PipelineGraph, node: GraphNode): PlatformRefusal | undefined {
  const jobs = graph.nodes.filter((n) => n.role === 'job');
  if (graph.dialect === 'github' && jobs.length < 2) {
    return { rule: 'workflow-needs-a-job', message: `"${node.id}" is the only job, and a workflow needs at least one; add another job before deleting this one` };
  }
  if (graph.dialect === 'gitlab' && jobs.length < 2) {
    return { rule: 'pipeline-needs-a-job', message: `"${node.id}" is the only job, and a pipeline needs at least one; add another job before deleting this one` };
  }
  if (graph.dialect !== 'azure') return undefined;
  if (node.role === 'stage') {
    return graph.nodes.filter((n) => n.role === 'stage').length < 2
      ? { rule: 'pipeline-needs-a-stage', message: `"${node.id}" is the only stage; a pipeline needs at least one` }
      : undefined;
  }
  const siblings = jobs.filter((n) => n.stage === node.stage);
  if (siblings.length >= 2) return undefined;
  return node.stage !== undefined && graph.nodes.some((n) => n.id === node.stage)
    ? { rule: 'stage-needs-a-job', message: `"${node.id}" is the only job of stage "${node.stage}", and a stage needs at least one; delete the stage instead` }
    : { rule: 'pipeline-needs-a-job', message: `"${node.id}" is the only job; a pipeline needs at least one` };
}

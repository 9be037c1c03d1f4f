// Stages: `- stage: X` items, each a group node holding its jobs, in one lane per stage.
// Without `dependsOn` a stage waits for the stage written before it (implicit edge);
// `dependsOn: []` waits for nothing.
import type { Node, YAMLMap } from 'yaml';
import type { GraphEdge, GraphNode, GraphProblem, Lane, OpaqueMark } from '../../model';
import { isScalar, isSeq, nodeSpan, pairOf, scalarText, stringAt, type YamlSource } from '../../yaml/source';
import { readDependsOn, softenTemplateReferences } from './dependsOn';
import { conditionRunsOnFailure, isTemplateExpression } from './expressions';
import { IdScope } from './ids';
import { buildJobs } from './jobs';
import { readSettings } from './jobFacts';
import { walkList, type ListEntry } from './listWalk';
import { marksOfMapping, readOnlyReason } from './marks';
import { NameChecker } from './names';
import { structureProblem } from './problems';
import { summarizeStage } from './stageSummary';
import { isTemplateItem, templateNode } from './templateItems';

export interface BuiltStages {
  nodes: GraphNode[];
  edges: GraphEdge[];
  lanes: Lane[];
  problems: GraphProblem[];
  /** The list has `${{ }}` blocks or items: some stages are decided at compile time. */
  hasTemplateExpressions: boolean;
}

export function buildStages(src: YamlSource, stagesNode: unknown, inheritedMarks: readonly OpaqueMark[]): BuiltStages {
  const built: BuiltStages = { nodes: [], edges: [], lanes: [], problems: [], hasTemplateExpressions: false };
  const walked = walkList(stagesNode);
  built.hasTemplateExpressions = walked.hasTemplateExpressions;
  for (const stray of walked.strays) {
    if (!stray.templateExpression) {
      built.problems.push(structureProblem(src, stray.node, 'expected a stage: `- stage: <name>` or `- template: <file>`'));
    }
  }
  const scope = new IdScope();
  const names = new NameChecker(src, 'stage');
  const idOfEntry = new Map<ListEntry, string>();
  const stageEdges: GraphEdge[] = [];
  for (const entry of walked.entries) {
    const inherited = [...inheritedMarks, ...(entry.enclosing.length > 0 ? (['template-expression'] as const) : [])];
    let stageNode: GraphNode;
    let dependsOnWritten = false;
    if (isTemplateItem(entry.map)) {
      stageNode = templateNode(src, entry.map, { scope, idPrefix: '', role: 'stage' }, inherited);
      built.nodes.push(stageNode);
    } else {
      const namePair = pairOf(entry.map, 'stage');
      if (!namePair) {
        built.problems.push(structureProblem(src, entry.map, 'expected a stage: `- stage: <name>` or `- template: <file>`'));
        continue;
      }
      const written = scalarText(namePair.value)?.trim();
      built.problems.push(...names.check(written, namePair.value, entry.enclosing.length > 0));
      const id = scope.take(written || 'Stage');
      const stage = buildStage(src, entry.map, id, written, inherited);
      stageNode = stage.node;
      built.nodes.push(stage.node, ...stage.jobNodes);
      built.edges.push(...stage.jobEdges);
      stageEdges.push(...stage.dependsOnEdges);
      built.problems.push(...stage.problems);
      dependsOnWritten = stage.dependsOnWritten;
    }
    idOfEntry.set(entry, stageNode.id);
    built.lanes.push({ id: stageNode.id, name: stageNode.name, implicit: false });
    if (!dependsOnWritten) {
      for (const from of previousIds(entry, idOfEntry)) {
        stageEdges.push({ from, to: stageNode.id, implicit: true });
      }
    }
  }
  const takesTemplates = walked.hasTemplateExpressions || built.nodes.some((n) => n.role === 'stage' && n.marks.includes('template'));
  const stageIds = new Set(built.nodes.filter((n) => n.role === 'stage').map((n) => n.id));
  const softened = softenTemplateReferences(stageEdges, stageIds, takesTemplates, src);
  built.edges.unshift(...softened.edges);
  built.problems.push(...softened.problems);
  return built;
}

interface BuiltStage {
  node: GraphNode;
  jobNodes: GraphNode[];
  jobEdges: GraphEdge[];
  /** Explicit stage-level edges; checked against all stages once the list is read. */
  dependsOnEdges: GraphEdge[];
  problems: GraphProblem[];
  dependsOnWritten: boolean;
}

function buildStage(
  src: YamlSource,
  map: YAMLMap.Parsed,
  id: string,
  written: string | undefined,
  inherited: readonly OpaqueMark[],
): BuiltStage {
  const marks = new Set<OpaqueMark>([...inherited, ...marksOfMapping(map, ['jobs'], src)]);
  if (written && isTemplateExpression(written)) marks.add('template-expression');
  const problems: GraphProblem[] = [];
  const jobEdges: GraphEdge[] = [];
  const displayName = stringAt(map, 'displayName');
  const condition = stringAt(map, 'condition');
  const onFailure = condition !== undefined && conditionRunsOnFailure(condition);

  const jobsPair = pairOf(map, 'jobs');
  const jobsValue = jobsPair?.value;
  const jobsText = scalarText(jobsValue);
  let jobNodes: GraphNode[] = [];
  if (jobsText !== undefined && isTemplateExpression(jobsText)) {
    marks.add('template-expression'); // `jobs: ${{ parameters.jobs }}`
  } else {
    const jobs = buildJobs(jobsValue, {
      src,
      stageId: id,
      // Jobs of a compiled-away stage are compiled away with it.
      inheritedMarks: inherited,
      stageOnFailure: onFailure,
    });
    jobNodes = jobs.nodes;
    jobEdges.push(...jobs.edges);
    problems.push(...jobs.problems);
    if (jobs.hasTemplateExpressions) marks.add('template-expression');
    if (jobsText !== undefined || (jobsValue !== null && jobsValue !== undefined && !isSeq(jobsValue) && !isScalar(jobsValue))) {
      problems.push(structureProblem(src, jobsValue as Node, '`jobs` must be a list of jobs'));
    } else if (jobNodes.length === 0 && !jobs.hasTemplateExpressions) {
      const what = written ? `stage "${written}"` : 'this stage';
      problems.push(structureProblem(src, (jobsPair?.key as Node | undefined) ?? map, `${what} has no jobs`));
    }
  }

  const deps = readDependsOn(src, pairOf(map, 'dependsOn'), id, (name) => name);
  problems.push(...deps.problems);
  if (deps.templated) marks.add('template-expression');

  const summary = summarizeStage({ name: written, displayName, onFailure }, jobNodes);
  const span = nodeSpan(src, map);
  const markList = [...marks];
  // Filled in key order by assignment, not with spreads (which put later keys on a slow path).
  const node = { id, name: displayName ?? (written || 'Stage') } as GraphNode;
  Object.assign(node, summary);
  // A stage has no timeout of its own; its jobs have.
  Object.assign(node, readSettings(map, false));
  node.role = 'stage';
  node.marks = markList;
  if (markList.length > 0) node.readOnlyReason = readOnlyReason(markList);
  node.range = span.range;
  node.offsets = span.offsets;
  return { node, jobNodes, jobEdges, dependsOnEdges: deps.edges, problems, dependsOnWritten: deps.written };
}

/** Ids of the stages directly before an entry, looking through items that made no node. */
function previousIds(entry: ListEntry, idOfEntry: Map<ListEntry, string>): string[] {
  const ids: string[] = [];
  const seen = new Set<ListEntry>();
  const visit = (e: ListEntry) => {
    if (seen.has(e)) return;
    seen.add(e);
    const id = idOfEntry.get(e);
    if (id !== undefined) {
      if (!ids.includes(id)) ids.push(id);
    } else {
      for (const p of e.previous) visit(p);
    }
  };
  for (const p of entry.previous) visit(p);
  return ids;
}

// Where the graph's Azure nodes are in the YAML: the `stages:` or top-level `jobs:` list, each
// stage's `jobs:` list, and the mapping of every stage and job. Nodes are matched to mappings by
// their start offset, so ids are never re-derived here (the read side owns them).
import type { Node, YAMLMap, YAMLSeq } from 'yaml';
import { passedList } from '../../../dialects/azure';
import { walkList } from '../../../dialects/azure/listWalk';
import type { GraphNode } from '../../../model';
import { readOnlyClause } from '../../../readOnly';
import { isSeq, pairOf, rootMap } from '../../../yaml/source';
import type { PlanContext } from '../../plan';
import { Refusal } from '../../splices';

/** One stage or job mapping in a list, with the graph node read from it (if any). */
export interface ListEntryRef {
  map: YAMLMap.Parsed;
  node?: GraphNode;
  /** Index in the list's own items of the item holding this entry. */
  itemIndex: number;
  /** True when the entry sits under a `${{ }}` block rather than directly in the list. */
  nested: boolean;
}

export interface EntryList {
  seq: YAMLSeq.Parsed;
  entries: ListEntryRef[];
}

export interface AzureLayout {
  root: YAMLMap.Parsed;
  /** `stages:` at the top level, when the pipeline has stages. */
  stages?: EntryList;
  /** Top-level `jobs:`, when the pipeline has jobs but no stages. */
  jobs?: EntryList;
}

export function readLayout(ctx: PlanContext): AzureLayout {
  const root = rootMap(ctx.src);
  if (!root) throw new Refusal('the file has no pipeline mapping at the top level');
  const nodes = ctx.graph.nodes;
  const layout: AzureLayout = { root };
  const stagesValue = pairOf(root, 'stages')?.value;
  if (isSeq(stagesValue)) layout.stages = entryList(stagesValue as YAMLSeq.Parsed, nodes);
  const jobsValue = pairOf(root, 'jobs')?.value;
  if (!layout.stages && isSeq(jobsValue)) layout.jobs = entryList(jobsValue as YAMLSeq.Parsed, nodes);
  if (!layout.stages && !layout.jobs) {
    // Stages handed to an `extends` template are drawn (read-only where they must be): find them there.
    const passed = passedList(pairOf(pairOf(root, 'extends')?.value, 'parameters')?.value);
    if (passed) layout[passed.kind] = entryList(passed.seq, nodes);
  }
  return layout;
}

/**
 * The `jobs:` list of a stage mapping, or undefined when it has none to edit. `stage`: the stage's
 * id — a job template used in several stages is drawn once in each from one text (the same
 * offsets): its entries here are this stage's jobs.
 */
export function jobsOfStage(ctx: PlanContext, stageMap: YAMLMap.Parsed, stage: string | undefined): EntryList | undefined {
  const value = pairOf(stageMap, 'jobs')?.value;
  if (!isSeq(value)) return undefined;
  const own = stage === undefined ? [] : ctx.graph.nodes.filter((n) => n.stage === stage && n.role === 'job');
  return entryList(value as YAMLSeq.Parsed, ctx.graph.nodes, own);
}

/**
 * The list's entries with the nodes drawn for them, found by where they are written. One text may
 * be drawn several times — a template used twice in the list, an `${{ each }}` — the uses in the
 * list's order, as the graph lists them: each entry takes the next node drawn from its place
 * (`preferred` first: a stage's own jobs, when the same job template is drawn in other stages too).
 */
function entryList(seq: YAMLSeq.Parsed, nodes: readonly GraphNode[], preferred: readonly GraphNode[] = []): EntryList {
  const drawnAt = (from: readonly GraphNode[]) => {
    const at = new Map<number, GraphNode[]>();
    for (const n of from) {
      const list = at.get(n.offsets[0]);
      if (list) list.push(n);
      else at.set(n.offsets[0], [n]);
    }
    return at;
  };
  const first = drawnAt(preferred);
  const any = drawnAt(nodes);
  const taken = new Map<number, number>();
  const entries = walkList(seq).entries.map((entry): ListEntryRef => {
    const start = entry.map.range[0];
    const itemIndex = seq.items.findIndex((item) => {
      const r = (item as Node | null)?.range;
      return !!r && r[0] <= start && start < Math.max(r[1], r[0] + 1);
    });
    const drawn = first.get(start) ?? any.get(start);
    const use = taken.get(start) ?? 0;
    taken.set(start, use + 1);
    // More entries than nodes from one place (a use not drawn): the last, as any one would be a guess.
    const node = drawn?.[Math.min(use, drawn.length - 1)];
    return { map: entry.map, node, itemIndex, nested: entry.enclosing.length > 0 };
  });
  return { seq, entries };
}

/** Where a node lives: its own mapping and the list holding it (and, for a job, its stage). */
export interface Located {
  node: GraphNode;
  entry: ListEntryRef;
  list: EntryList;
  /** For a job inside a stage: the stage's entry. */
  stage?: ListEntryRef;
}

export function locate(ctx: PlanContext, layout: AzureLayout, id: string): Located {
  const node = ctx.node(id);
  if (layout.stages) {
    for (const stage of layout.stages.entries) {
      if (stage.node === node) return { node, entry: stage, list: layout.stages };
      if (node.role === 'job' && stage.node && node.stage === stage.node.id) {
        const jobs = jobsOfStage(ctx, stage.map, stage.node.id);
        const entry = jobs?.entries.find((e) => e.node === node);
        if (jobs && entry) return { node, entry, list: jobs, stage };
      }
    }
  } else if (layout.jobs) {
    const entry = layout.jobs.entries.find((e) => e.node === node);
    if (entry) return { node, entry, list: layout.jobs };
  }
  if (id === 'Job' && !layout.stages && !layout.jobs) {
    throw new Refusal('this pipeline is a single implicit job (top-level `steps:`); add `jobs:` or `stages:` in the text to edit it visually');
  }
  // A node drawn for what is not written in a list here (the template `extends:` names) says what it is.
  if (node.readOnlyReason) throw new Refusal(`"${id}" cannot be edited here (${node.readOnlyReason})`, { byHand: true });
  throw new Refusal(`"${id}" is not a stage or job written in this file's \`stages:\` or \`jobs:\` list`);
}

/** The part of an id after its stage (`Build/Compile` → `Compile`). */
export function localName(id: string): string {
  const slash = id.lastIndexOf('/');
  return slash < 0 ? id : id.slice(slash + 1);
}

/** Refuses when a node that the edit changes is read-only (the engine checks only the targets). */
export function mustBeEditable(node: GraphNode | undefined, what: string): GraphNode {
  if (!node) throw new Refusal(`${what} is not something the designer can edit`);
  if (node.marks.length > 0) {
    throw new Refusal(`${what} ("${node.id}") is read-only (${readOnlyClause(node)}); change it in the text`);
  }
  return node;
}

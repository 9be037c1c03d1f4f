// An Azure pipeline with its templates as one graph: the root file's `extends:` and `- template:`
// items expanded from the repository (expand.ts), the result built by the ordinary Azure builder
// from the files' own parsed nodes, and every node, edge and problem placed in its own file.
import { Pair, Scalar, YAMLMap, YAMLSeq, isMap, isSeq, type Node, type ParsedNode } from 'yaml';
import { CompositeFiles, fileProblems, placeGraph, type CompositeSeen } from '../../../compose/compositeSource';
import type { ProjectFiles } from '../../../compose/projectFiles';
import { inferKind } from '../../../kinds';
import type { GraphNode, GraphProblem, OpaqueMark, PipelineGraph } from '../../../model';
import { graphFromSource } from '../../../parse';
import { keyOf, pairOf, pairSpan, positionAt, rootMap, scalarText, valueOf, type YamlSource } from '../../../yaml/source';
import { recordTemplateUses, TemplateExpander, type ExpandContext, type UnreadTemplate } from './expand';

/** The keys of a pipeline that hold what runs; the rest (triggers, resources, …) is kept as written. */
const PIPELINE_BODIES = new Set(['stages', 'jobs', 'steps', 'extends']);

/**
 * The composed graph of the Azure pipeline at `rootPath` (relative to the repository root). The
 * root's own text is given (it may be unsaved); templates come from `project`.
 */
export function composeAzureGraph(rootPath: string, rootText: string, project: ProjectFiles, seen?: CompositeSeen): PipelineGraph {
  const files = new CompositeFiles(project.parses);
  const root = files.add(rootPath, rootText);
  const map = rootMap(root.src);
  // A root that does not parse (or is no mapping) is reported as it is, alone.
  if (!map || hasSyntaxError(root.src)) return graphFromSource(root.src, { dialect: 'azure' });

  const expander = new TemplateExpander(files, project);
  let ctx: ExpandContext = { file: root, scope: new Map(), stack: [rootPath] };
  let body: YAMLMap = map;
  let unread: { template: UnreadTemplate; pair: Pair } | undefined;
  // `extends:` hands the pipeline to a template, which may extend another in turn.
  for (let pair = pairOf(body, 'extends'); pair; pair = pairOf(body, 'extends')) {
    const opened = expander.extendsTemplate(pair.value, ctx);
    if (!('body' in opened)) {
      unread = { template: opened, pair: pair as Pair };
      break;
    }
    body = opened.body;
    ctx = opened.ctx;
  }

  const contents = new YAMLMap();
  contents.range = map.range ? [...map.range] : undefined;
  // The pipeline's title stays the root's, whatever template runs it.
  const title = pairOf(map, 'name');
  if (body !== map && title) contents.items.push(title);
  const drawsSomething = ['stages', 'jobs', 'steps'].some((k) => pairOf(body, k));
  const notes: GraphProblem[] = [];
  for (const pair of body.items as Pair[]) {
    const key = keyOf(pair);
    // The root's own `parameters:` stay: they tell a template opened on its own (looksLikeTemplate).
    if ((key === 'parameters' && body !== map) || (body !== map && key === 'name')) continue;
    if (key === 'phases' && !drawsSomething) {
      // The first YAML pipelines' words for jobs: drawn as the jobs they are, so the file is not empty.
      contents.items.push(phasesAsJobs(pair, expander.expand(pair.value, ctx)));
      const at = files.place((pair.key as Node).range![0]);
      notes.push({ message: '`phases:` and `- phase:` are the old names of `jobs:` and `- job:`; drawn as jobs', ...positionAt(at.file.src, at.offset), severity: 'warning', source: 'structure', ...(at.file.path === rootPath ? {} : { file: at.file.path }) });
      continue;
    }
    const expanded = key !== undefined && (PIPELINE_BODIES.has(key) || key.includes('${{')) ? expander.expand(pair.value, ctx) : pair.value;
    contents.items.push(expanded === pair.value ? pair : new Pair(pair.key, expanded));
  }

  const composite = files.source(contents as unknown as ParsedNode);
  recordTemplateUses(composite, expander);
  seen?.(composite, files);
  const built = graphFromSource(composite, { dialect: 'azure' });
  const extendsNode = unread ? unreadExtendsNode(unread.template, unread.pair, composite) : undefined;
  const nodes = built.nodes.map((n) => markUnread(n, expander.unread.get(n.offsets[0])));
  const placed = placeGraph({ ...built, nodes: extendsNode ? [extendsNode, ...nodes] : nodes }, composite, files, rootPath);
  const located: GraphProblem[] = expander.problems.map((p) => {
    const at = files.place(p.offset);
    return { message: p.message, ...positionAt(at.file.src, at.offset), severity: p.severity, source: 'reference', ...(at.file.path === rootPath ? {} : { file: at.file.path }) };
  });
  return {
    ...placed,
    lanes: extendsNode ? [{ id: extendsNode.id, name: extendsNode.name, implicit: false }, ...placed.lanes] : placed.lanes,
    // The builder's note that an unread template leaves nothing to draw is said by the node now.
    problems: [...fileProblems(files.files.filter((f) => !hasSyntaxError(f.src)), rootPath), ...located, ...notes, ...placed.problems.filter((p) => !(extendsNode && /nothing to draw/.test(p.message)))],
    // An `extends:` read here has no banner: the banner says what is shown unexpanded, and this is
    // expanded; the stages the root passes to it say themselves why they are read-only.
    fileMarks: placed.fileMarks,
  };
}

/** `phases:` as `jobs:` and each `- phase:` item as `- job:`, the names standing where they are written. */
function phasesAsJobs(pair: Pair, list: unknown): Pair {
  const renamed = (key: unknown, name: string): Scalar => {
    const scalar = new Scalar(name);
    scalar.range = (key as Node).range ? [...(key as Node).range!] : undefined;
    return scalar;
  };
  if (!isSeq(list)) return new Pair(renamed(pair.key, 'jobs'), list);
  const items = list.items.map((item) => {
    const phase = isMap(item) ? pairOf(item, 'phase') : undefined;
    if (!phase) return item;
    const map = new YAMLMap();
    map.range = (item as Node).range ? [...(item as Node).range!] : undefined;
    map.items = (item as YAMLMap).items.map((p) => (p === phase ? new Pair(renamed(p.key, 'job'), p.value) : p)) as never;
    return map;
  });
  const seq = new YAMLSeq();
  seq.range = list.range ? [...list.range] : undefined;
  seq.items = items as never;
  return new Pair(renamed(pair.key, 'jobs'), seq);
}

// A template that does not parse is one problem where it is named (expand.ts), not its own errors:
// those would make the whole composed graph read as broken.
function hasSyntaxError(src: YamlSource): boolean {
  return src.problems.some((p) => p.source === 'syntax' && p.severity === 'error');
}

function markUnread(node: GraphNode, unread: UnreadTemplate | undefined): GraphNode {
  if (!unread?.missing || !node.marks.includes('template')) return node;
  const marks: OpaqueMark[] = [...node.marks, 'missing'];
  return { ...node, marks, readOnlyReason: `it is defined in the template file \`${unread.path}\`, which is not in the repository` };
}

/**
 * `extends:` a template in another repository or a missing file: one read-only node for what runs
 * the pipeline, where the `extends:` is written (the root or a template it extends), named by the
 * template — or the templates a `${{ if }}` chooses between.
 */
function unreadExtendsNode(template: UnreadTemplate, pair: Pair, composite: YamlSource): GraphNode {
  const candidates = [pair.value, ...(isMap(pair.value) ? (pair.value as YAMLMap).items.filter((p) => keyOf(p)?.includes('${{')).map((p) => p.value) : [])]
    .map((v) => scalarText(valueOf(v, 'template'))?.trim())
    .filter((t): t is string => t !== undefined && t !== '');
  const written = candidates.length > 0 ? candidates.join(' or ') : scalarText(pair.value)?.trim() || '(no path)';
  const marks: OpaqueMark[] = template.missing ? ['extends', 'template', 'missing'] : ['extends', 'template'];
  const span = pairSpan(composite, pair);
  const file = (candidates[0] ?? written).split('@')[0].split('/').pop() ?? written;
  return {
    id: `template:${written}`,
    name: written,
    kind: inferKind({ id: file.replace(/\.ya?ml$/i, ''), commands: [] }),
    role: 'stage',
    marks,
    readOnlyReason: template.missing
      ? `it is the template file \`${template.path}\` named in \`extends\`, which is not in the repository`
      : `it is the template \`${written}\` named in \`extends\`, which is read from another repository and decides what runs`,
    range: span.range,
    offsets: span.offsets,
  };
}

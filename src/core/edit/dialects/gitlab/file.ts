// The GitLab file as the edit planner sees it: the raw top-level entries (to splice), the
// resolved job views of the read side (to know what each job really says after extends and
// merges), and the lane order.
import { isMap, type YAMLMap } from 'yaml';
import type { GraphNode } from '../../../model';
import { createExtendsResolver } from '../../../dialects/gitlab/extends';
import { matrixJobOf } from '../../../dialects/gitlab/needs';
import { RESERVED_KEYS } from '../../../dialects/gitlab/topLevel';
import { MapView, createResolver, type Resolver } from '../../../dialects/gitlab/view';
import { readOnlyClause, readOnlyReason } from '../../../readOnly';
import { keyOf, lineWhere, pairOf, positionAt, rootMap } from '../../../yaml/source';
import { marksInTheWay, type EditPart } from '../../ownText';
import type { PlanContext } from '../../plan';
import { Refusal } from '../../splices';

export type AnyPair = YAMLMap.Parsed['items'][number];

export interface GitlabFile {
  ctx: PlanContext;
  root: YAMLMap.Parsed;
  resolver: Resolver;
  /** Every top-level entry in file order (settings, hidden templates and jobs). */
  entries: { name: string; pair: AnyPair }[];
  /** The job's raw entry; refuses when the job is missing or written twice. */
  jobPair(name: string): AnyPair;
  /** The job's raw mapping (its own keys, as written). */
  jobMap(name: string): YAMLMap.Parsed;
  /** The job as GitLab reads it: extends, merges and !reference applied. */
  view(name: string): MapView | undefined;
  /** Index of a lane in the graph's lane order (.pre, stages…, .post); -1 when unknown. */
  laneIndex(lane: string): number;
  /** "line N" of an offset, for messages. */
  where(offset: number | undefined): string;
  /** The job a name in `needs:`/`dependencies:` stands for: one job of a matrix (`build: [linux]`) is the matrix job. */
  jobNamed(written: string): string;
}

export function readGitlabFile(ctx: PlanContext): GitlabFile {
  const root = rootMap(ctx.src);
  if (!root) throw new Refusal('the file is not a mapping of jobs');
  if (root.flow) throw new Refusal('the file is written as one flow mapping ({ … }); edit it in the text');
  const entries: { name: string; pair: AnyPair }[] = [];
  const topLevel = new Map<string, unknown>();
  for (const pair of root.items) {
    const name = keyOf(pair);
    if (name === undefined) continue;
    entries.push({ name, pair });
    topLevel.set(name, pair.value);
  }
  const resolver = createResolver(ctx.src, (name) => topLevel.get(name));
  const extendsOf = createExtendsResolver({ src: ctx.src, resolver, topLevel, hasIncludes: topLevel.has('include') });
  const lanes = ctx.graph.lanes.map((l) => l.id);

  const jobPair = (name: string): AnyPair => {
    const found = entries.filter((e) => e.name === name);
    if (found.length === 0) throw new Refusal(`there is no job "${name}" in this file`);
    if (found.length > 1) throw new Refusal(`the job "${name}" is written ${found.length} times; remove the duplicate in the text first`);
    return found[0].pair;
  };
  return {
    ctx,
    root,
    resolver,
    entries,
    jobPair,
    jobMap(name) {
      const value = jobPair(name).value;
      if (!isMap(value)) throw new Refusal(`the job "${name}" is not written as a mapping here`);
      return value as YAMLMap.Parsed;
    },
    view: (name) => (topLevel.has(name) ? extendsOf.resolve(name) : undefined),
    laneIndex: (lane) => lanes.indexOf(lane),
    where: (offset) => (offset === undefined ? 'somewhere in the file' : lineWhere(ctx.src, offset, ctx.home)),
    jobNamed: (written) => matrixJobOf(written, (id) => ctx.graph.nodes.some((n) => n.id === id && n.marks.includes('matrix'))) ?? written,
  };
}

/** True for top-level names GitLab reads as settings or hidden templates, not jobs. */
export function isJobName(name: string): boolean {
  return name !== '' && !name.startsWith('.') && !RESERVED_KEYS.has(name) && name !== '<<';
}

/** A new job key must be one GitLab will read as a visible job. */
export function checkNewJobName(name: string): void {
  if (/[\r\n]/.test(name) || name.trim() !== name || name === '') {
    throw new Refusal(`"${name}" cannot be a job name: it must be one line without leading or trailing spaces`);
  }
  if (name.startsWith('.')) throw new Refusal(`"${name}" starts with a dot, which makes it a hidden template GitLab never runs`);
  if (RESERVED_KEYS.has(name) || name === '<<') throw new Refusal(`"${name}" is a GitLab setting, not a job name`);
  if (name.length > 255) throw new Refusal('GitLab job names are at most 255 characters');
}

/**
 * The graph node of a job; refuses when what it is marked for keeps `part` from being edited
 * (without a part: any mark), or when the keys `part` writes come from elsewhere through
 * `extends` or a `<<:` merge and cannot simply be written as the job's own. `needs:` and
 * `dependencies:` can: the planner writes the inherited list with the change (dependencies.ts).
 */
export function editableNode(file: GitlabFile, id: string, why: string, part?: EditPart): GraphNode {
  const node = file.ctx.node(id);
  const blocking = part === undefined ? node.marks : marksInTheWay(node, 'gitlab', part);
  if (blocking.length > 0) {
    const clause = blocking.length === node.marks.length ? readOnlyClause(node) : readOnlyReason(blocking, 'gitlab');
    throw new Refusal(`"${id}" ${why}, but it is read-only (${clause}); change it in the text`);
  }
  // Its own `timeout:` replaces an inherited one for this job alone, as one written by hand does
  // (a scalar: nothing of the parent's stays); the other parts' keys merge or combine with the
  // parent's (an environment's `url:` and `on_stop:`, `rules:` beside a parent's `only:`).
  if (part !== undefined && part !== 'needs' && part !== 'timeout' && (node.marks.includes('extends') || node.marks.includes('merge'))) refuseIfInherited(file, id, part);
  return node;
}

/** The keys each part of a job is written in (besides needs, which dependencies.ts overrides, and timeout). */
const KEYS_OF_PART: Partial<Record<EditPart, readonly string[]>> = {
  environment: ['environment'],
  condition: ['rules', 'only', 'except', 'when'],
  gate: ['when', 'start_in', 'allow_failure', 'rules'],
  runner: ['image'],
};

function refuseIfInherited(file: GitlabFile, id: string, part: EditPart): void {
  const own = file.jobMap(id);
  const view = file.view(id);
  for (const key of KEYS_OF_PART[part] ?? []) {
    if (pairOf(own, key) === undefined && view?.has(key)) {
      const how = file.ctx.node(id).marks.includes('extends') ? '`extends`' : 'a `<<:` merge';
      throw new Refusal(`"${id}" inherits its ${key}: through ${how}; change it where it is written, in the text`);
    }
  }
}

// One GitLab job → one graph node: stage, environment, gate, kind, strategy and read-only marks.
import { isAlias } from 'yaml';
import { inferKind } from '../../kinds';
import type { GraphNode, NodeKind, OpaqueMark } from '../../model';
import { readOnlyReason } from '../../readOnly';
import { opaqueMarksIn, pairSpan, scalarText, type YamlSource } from '../../yaml/source';
import { writtenStrategy } from '../writtenStrategy';
import { readJobFacts, readJobSettings, type GitlabJobFacts } from './facts';
import { DEFAULT_JOB_STAGE } from './lanes';
import type { JobPair } from './topLevel';
import { MapView, startOf, type Resolver } from './view';

export interface JobNode {
  node: GraphNode;
  /** The resolved job (after merges and extends), for needs and stage checks. */
  view: MapView;
  /** Where `stage:` is written (or inherited from), for the undeclared-stage problem. */
  stageOffset?: number;
  /**
   * No `stage:` is written for the job here, and it inherits from a definition outside this
   * file, which may set one: its stage is unknown, not GitLab's default.
   */
  stageUnknown?: boolean;
}

// Environment actions that touch an environment without deploying to it.
const NON_DEPLOY_ACTIONS = new Set(['stop', 'prepare', 'access', 'verify']);

const MARK_ORDER: OpaqueMark[] = ['extends', 'reference', 'merge', 'alias', 'anchor', 'matrix'];

export function buildJobNode(name: string, pair: JobPair, view: MapView, src: YamlSource, resolver: Resolver): JobNode {
  const facts = readJobFacts(view, resolver);
  // A job that stops or merely prepares an environment is not a deploy, and not an approval either.
  const deploys = facts.environment !== undefined && !NON_DEPLOY_ACTIONS.has(facts.environmentAction ?? 'start');
  let kind = kindOf(name, deploys ? facts.environment : undefined, facts);
  if (facts.environmentAction === 'verify' && kind === 'other') kind = 'verify';
  // GitLab publishes the artifacts of the `pages` job (or any job with `pages:`) as the site.
  if ((name === 'pages' || view.has('pages')) && (kind === 'other' || kind === 'build')) kind = 'deploy';
  const strategy = kind === 'deploy' ? writtenStrategy([name, ...facts.commands]) : undefined;

  const stageValue = view.get('stage');
  const stage = stageValue instanceof MapView ? undefined : scalarText(stageValue);
  const marks = marksOf(pair, view, src);
  const span = pairSpan(src, pair);
  // Filled in key order by assignment rather than with conditional spreads: a literal with
  // spreads defines every later key on a slow path, and this runs for every job on every parse.
  const node = { id: name, name, kind, stage: stage ?? DEFAULT_JOB_STAGE, role: 'job' } as GraphNode;
  if (facts.environment !== undefined) node.environment = facts.environment;
  if (facts.environmentUrl !== undefined) node.environmentUrl = facts.environmentUrl;
  if (facts.gate) node.gate = facts.gate;
  if (strategy) node.strategy = strategy;
  Object.assign(node, readJobSettings(view, resolver));
  node.marks = marks;
  if (marks.length > 0) node.readOnlyReason = readOnlyReason(marks, 'gitlab', { parents: parentsOf(view) });
  node.range = span.range;
  node.offsets = span.offsets;
  const stageOffset = startOf(stageValue);
  return { node, view, stageOffset };
}

// In GitLab `when: manual` is as often "a build someone starts by hand" (or a manual path for forks,
// through rules) as it is an approval step; so a gated job is the approval gate only when its name
// says so or nothing else says what it does. The gate itself is always shown.
const APPROVAL_NAME = /approv|\bgate\b|confirm|sign[-_ ]?off/i;

function kindOf(name: string, environment: string | undefined, facts: GitlabJobFacts): NodeKind {
  const withoutGate = inferKind({ id: name, environment, onFailure: facts.onFailure, commands: facts.commands });
  if (!facts.gate || facts.environment !== undefined) return withoutGate;
  if (APPROVAL_NAME.test(name) || withoutGate === 'other') return 'approval-gate';
  return withoutGate;
}

function marksOf(pair: JobPair, view: MapView, src: YamlSource): OpaqueMark[] {
  const found = new Set<OpaqueMark>(opaqueMarksIn(pair.value, src));
  if (isAlias(pair.value)) found.add('alias');
  if (view.has('extends')) found.add('extends');
  const parallel = view.get('parallel');
  if (parallel instanceof MapView && parallel.has('matrix')) found.add('matrix');
  return MARK_ORDER.filter((m) => found.has(m));
}

function parentsOf(view: MapView): string[] {
  const value = view.get('extends');
  if (value === undefined || value === null || value instanceof MapView) return [];
  const single = scalarText(value);
  if (single !== undefined) return [single];
  const items = (value as { items?: unknown[] }).items ?? [];
  return items.map((i) => scalarText(i)).filter((s): s is string => s !== undefined);
}

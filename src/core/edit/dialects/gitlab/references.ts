// Everywhere a GitLab file names a job: `needs:`, `dependencies:`, `environment: on_stop:`, a
// child pipeline's `trigger: include: - job:`, and the constructs this planner will not rewrite
// (`extends:`, `!reference`, `$CI_JOB_NAME` in rules).
import { isMap, isScalar, isSeq, visit, type Node, type Scalar, type YAMLMap } from 'yaml';
import { MapView } from '../../../dialects/gitlab/view';
import { otherFileAt, pairOf, scalarText } from '../../../yaml/source';
import { Refusal } from '../../splices';
import { editableNode, isJobName, type AnyPair, type GitlabFile } from './file';
import type { GraphNode } from '../../../model';
import { readOnlyClause } from '../../../readOnly';
import { mayMention } from './nameReferences';
import { readJobList, type JobList } from './needsList';
import { marksInTheWay, type EditPart } from '../../ownText';

/** One job's own references to another job, ready to edit. */
export interface JobReferences {
  job: string;
  map: YAMLMap.Parsed;
  needs: JobList;
  dependencies: JobList;
  /** `environment: {on_stop: name}` entry and the environment mapping holding it. */
  onStop?: { environment: YAMLMap.Parsed; pair: AnyPair; value: Scalar.Parsed };
  /** `trigger: include: - {artifact: …, job: name}` values. */
  triggerJobs: Scalar.Parsed[];
}

/**
 * The job's node when its YAML may be edited: not read-only, and not reused by other entries
 * through extends or !reference (an edit there would change them too).
 */
export function editableJob(file: GitlabFile, id: string, why: string, part?: EditPart): GraphNode {
  const node = editableNode(file, id, why, part);
  refuseIfReused(file, id, 'changing it');
  return node;
}

/**
 * Refuse when `name` is reused by extends or !reference, which an edit cannot follow: deleting
 * the job would leave the reference dangling, changing it would change the job reusing it too.
 */
export function refuseIfReused(file: GitlabFile, name: string, doing: 'deleting it' | 'changing it'): void {
  const consequence = doing === 'deleting it' ? 'deleting it would break it' : 'a change to it would change that job too';
  for (const { name: entry, pair } of file.entries) {
    if (entry === name) continue;
    const parents = pairOf(pair.value, 'extends')?.value;
    const listed = isSeq(parents) ? parents.items : [parents];
    const hit = listed.find((p) => scalarText(p) === name) as Node | undefined;
    if (hit) {
      throw new Refusal(`"${entry}" extends "${name}" (${file.where(hit.range?.[0])}); ${consequence} — edit extends: in the text`);
    }
  }
  if (!file.ctx.text.includes('!reference')) return;
  visit(file.root, {
    Seq(_, seq) {
      if ((seq as { tag?: string }).tag !== '!reference') return;
      if (scalarText(seq.items[0]) === name) {
        throw new Refusal(`a !reference [${name}, …] (${file.where(seq.range?.[0])}) reuses "${name}"; ${consequence} — edit it in the text`);
      }
    },
  });
}

/** Refuse a rename when rules compare `$CI_JOB_NAME` with the name: that text cannot be rewritten safely. */
export function refuseIfNamedInRules(file: GitlabFile, name: string): void {
  const token = new RegExp(`(^|[^\\w.:/-])${escapeRegExp(name)}($|[^\\w.:/-])`);
  for (const { name: entry, pair } of file.entries) {
    for (const key of ['rules', 'only', 'except']) {
      const node = pairOf(pair.value, key)?.value;
      if (!node) continue;
      visit(node as Node, {
        Scalar(_, scalar) {
          const text = scalarText(scalar);
          if (text && /CI_JOB_NAME/.test(text) && token.test(text)) {
            throw new Refusal(`"${entry}" tests the job name "${name}" in its ${key}: (${file.where(scalar.range?.[0])}); rewriting that condition is guesswork — rename in the text`);
          }
        },
      });
    }
  }
}

/** Every other visible job's references to `name`; a read-only job holding one refuses. */
export function referencesTo(file: GitlabFile, name: string): JobReferences[] {
  const found: JobReferences[] = [];
  for (const { name: job, pair } of file.entries) {
    if (job === name || !isJobName(job)) continue;
    if (!mayMention(file, pair, name)) continue;
    const view = file.view(job);
    if (!view || !resolvedMentions(file, view, name)) continue;
    const node = file.ctx.graph.nodes.find((n) => n.id === job);
    // Its references are its needs-like keys: open on a matrix or extends job when written in it.
    const blocking = node ? marksInTheWay(node, 'gitlab', 'needs') : [];
    const inherited = node?.marks.includes('extends') && isMap(pair.value) && ['needs', 'dependencies', 'environment', 'trigger'].some((k) => pairOf(pair.value, k) === undefined && view.has(k));
    if (!node || blocking.length > 0 || inherited || !isMap(pair.value)) {
      const why = node && node.marks.length > 0 ? readOnlyClause(node) : 'the designer does not read it as a job';
      // In a pipeline of several files, one written in another file than the one edited says which.
      const elsewhere = otherFileAt(file.ctx.src, (pair.key as Node | null)?.range?.[0] ?? 0, file.ctx.home);
      throw new Refusal(`"${job}"${elsewhere ? ` (in \`${elsewhere}\`)` : ''} refers to "${name}" but is read-only (${why}); change it in the text`);
    }
    const map = pair.value as YAMLMap.Parsed;
    found.push({
      job,
      map,
      needs: readJobList(map, 'needs', file.jobNamed),
      dependencies: readJobList(map, 'dependencies', file.jobNamed),
      onStop: onStopOf(map, name),
      triggerJobs: triggerJobsOf(map, name),
    });
  }
  return found;
}

// What GitLab reads for the job (after extends and merges) names `name` somewhere we edit.
function resolvedMentions(file: GitlabFile, view: MapView, name: string): boolean {
  const named = (value: unknown) => !(value instanceof MapView) && scalarText(value) === name;
  // In needs and dependencies, one job of its matrix too (`build: [linux]`).
  const needed = (value: unknown) => {
    const written = value instanceof MapView ? undefined : scalarText(value);
    return written !== undefined && file.jobNamed(written) === name;
  };
  for (const key of ['needs', 'dependencies']) {
    const value = view.get(key);
    const items = file.resolver.items(value ?? null);
    const entries = items.length > 0 ? items.map((i) => i.item) : [value];
    for (const item of entries) {
      if (needed(item)) return true;
      if (item instanceof MapView && !item.has('pipeline') && !item.has('project') && needed(item.get('job'))) return true;
    }
  }
  const environment = view.get('environment');
  if (environment instanceof MapView && named(environment.get('on_stop'))) return true;
  const trigger = view.get('trigger');
  if (trigger instanceof MapView) {
    for (const { item } of file.resolver.items(trigger.get('include') ?? null)) {
      if (item instanceof MapView && named(item.get('job'))) return true;
    }
  }
  return false;
}

function onStopOf(map: YAMLMap.Parsed, name: string): JobReferences['onStop'] {
  const environment = pairOf(map, 'environment')?.value;
  if (!isMap(environment)) return undefined;
  const pair = pairOf(environment, 'on_stop') as AnyPair | undefined;
  if (!pair || !isScalar(pair.value) || scalarText(pair.value) !== name) return undefined;
  return { environment: environment as YAMLMap.Parsed, pair, value: pair.value as Scalar.Parsed };
}

function triggerJobsOf(map: YAMLMap.Parsed, name: string): Scalar.Parsed[] {
  const include = pairOf(pairOf(map, 'trigger')?.value, 'include')?.value;
  const items = isSeq(include) ? include.items : [include];
  const out: Scalar.Parsed[] = [];
  for (const item of items) {
    const job = pairOf(item, 'job')?.value;
    if (isScalar(job) && scalarText(job) === name) out.push(job as Scalar.Parsed);
  }
  return out;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

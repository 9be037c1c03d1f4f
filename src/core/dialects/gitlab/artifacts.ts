// GitLab artifact flow: whose artifacts a job downloads, and which jobs may leave any. Part of the
// graph so that an edit's verification sees it: writing `needs:` for a job that followed the stage
// order changes which artifacts it gets, and a pipeline whose deploy loses `dist/` still parses.
import { isScalar, isSeq } from 'yaml';
import { scalarText } from '../../yaml/source';
import { MapView, type Resolver, type ViewValue } from './view';

/** Every job of every earlier stage: what a job downloads without `needs:` or `dependencies:`. */
export const EARLIER_STAGES = 'earlier-stages';

export type ArtifactSources = typeof EARLIER_STAGES | string[];

/**
 * Whose artifacts the job downloads: `dependencies:` decides when written (`[]`: none); else the
 * jobs of `needs:` but those with `artifacts: false`; else every job of every earlier stage.
 */
export function artifactSources(view: MapView, resolver: Resolver): ArtifactSources {
  if (isWritten(view.get('dependencies'))) return namesIn(view.get('dependencies')!, resolver, () => true);
  const needs = view.get('needs');
  if (isWritten(needs)) {
    return namesIn(needs!, resolver, (item) => !(item instanceof MapView) || scalarText(item.get('artifacts')) !== 'false');
  }
  return EARLIER_STAGES;
}

/**
 * Whether the job may leave artifacts: `artifacts:` of its own or from `default:` (unless
 * `inherit: default:` leaves it out), or a parent outside this file that may give it some.
 */
export function mayLeaveArtifacts(view: MapView, defaults: MapView | undefined, inheritsFromElsewhere: boolean): boolean {
  if (inheritsFromElsewhere) return true;
  const own = view.get('artifacts');
  if (own !== undefined) return own !== null && !(isScalar(own) && own.value === null);
  if (!defaults?.has('artifacts')) return false;
  const inherit = view.get('inherit');
  const fromDefault = inherit instanceof MapView ? inherit.get('default') : undefined;
  if (fromDefault === undefined || fromDefault === null) return true;
  if (isSeq(fromDefault)) return fromDefault.items.some((k) => scalarText(k) === 'artifacts');
  return fromDefault instanceof MapView ? true : scalarText(fromDefault) !== 'false';
}

// `needs:` / `dependencies:` written with no value is no list at all.
function isWritten(value: ViewValue | undefined): boolean {
  return value !== undefined && value !== null && !(isScalar(value) && scalarText(value) === undefined);
}

function namesIn(value: ViewValue, resolver: Resolver, downloads: (item: ViewValue) => boolean): string[] {
  const entries = isSeq(value) ? resolver.items(value).map((e) => e.item) : [value];
  const names: string[] = [];
  for (const item of entries) {
    if (!downloads(item)) continue;
    if (item instanceof MapView && (item.has('pipeline') || item.has('project'))) continue; // another pipeline's job
    const name = item instanceof MapView ? scalarText(item.get('job')) : scalarText(item);
    if (name !== undefined && name !== '' && !names.includes(name)) names.push(name);
  }
  return names;
}

// `- template: file.yml` items in a stages or jobs list: what they expand to lives in another
// file, so they become read-only nodes that keep their place in the graph instead of vanishing.
//
// Id: `template:<path as written>` (e.g. `template:jobs/build.yml@templates`), prefixed with
// `Stage/` inside a stage; the same path used again in the same list gets `#2`, `#3` (IdScope).
// The path, not the position, names it, so inserting other items does not change its id.
import type { YAMLMap } from 'yaml';
import type { GraphNode, OpaqueMark } from '../../model';
import { inferKind } from '../../kinds';
import { nodeSpan, pairOf, scalarText, type YamlSource } from '../../yaml/source';
import type { IdScope } from './ids';
import { marksOfMapping, readOnlyReason } from './marks';

export function isTemplateItem(map: YAMLMap.Parsed): boolean {
  return pairOf(map, 'template') !== undefined && !['stage', 'job', 'deployment'].some((k) => pairOf(map, k));
}

export function templateNode(
  src: YamlSource,
  map: YAMLMap.Parsed,
  place: { scope: IdScope; idPrefix: string; role: 'stage' | 'job'; stage?: string },
  extraMarks: Iterable<OpaqueMark>,
): GraphNode {
  const path = scalarText(pairOf(map, 'template')?.value)?.trim() || '(no path)';
  const id = place.scope.take(`template:${path}`);
  const marks = new Set<OpaqueMark>(['template', ...extraMarks, ...marksOfMapping(map, [], src)]);
  const markList = [...marks];
  const span = nodeSpan(src, map);
  return {
    id: `${place.idPrefix}${id}`,
    name: path,
    // The file name is often all there is to go on (`jobs/run-unit-tests.yml`).
    kind: inferKind({ id: templateBaseName(path), commands: [] }),
    ...(place.stage !== undefined ? { stage: place.stage } : {}),
    role: place.role,
    marks: markList,
    readOnlyReason: readOnlyReason(markList, path),
    range: span.range,
    offsets: span.offsets,
  };
}

/** `/eng/jobs/run-unit-tests.yml@self` → `run-unit-tests`. */
function templateBaseName(path: string): string {
  const withoutRepo = path.split('@')[0];
  const file = withoutRepo.split('/').pop() ?? withoutRepo;
  return file.replace(/\.ya?ml$/i, '');
}

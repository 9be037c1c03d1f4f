// Which dialect a file is: by its path first, then by what its top level holds.
import { isMap, isSeq, type YAMLMap } from 'yaml';
import { isTemplateExpression } from './dialects/azure/expressions';
import type { Dialect } from './model';
import { keyOf, pairOf, valueOf } from './yaml/source';

export { dialectFromPath } from './dialectPath';

const GITLAB_JOB_KEYS = ['script', 'stage', 'extends', 'trigger', 'when', 'rules', 'only', 'except', 'artifacts', 'before_script'];
const GITLAB_TOP_KEYS = ['include', 'workflow', 'default', 'variables', 'image', 'services', 'before_script', 'after_script', 'cache'];

/** Dialect from the parsed root mapping, or undefined when nothing gives it away. */
export function dialectFromContent(root: unknown): Dialect | undefined {
  if (!isMap(root)) return undefined;
  const map = root as YAMLMap;
  const jobs = valueOf(map, 'jobs');
  const stages = valueOf(map, 'stages');
  // GitHub: `on:` plus a `jobs:` mapping, or a jobs mapping whose jobs have runs-on / uses.
  if (isMap(jobs)) {
    if (pairOf(map, 'on') || pairOf(map, 'true')) return 'github';
    const anyGithubJob = jobs.items.some((p) => pairOf(p.value, 'runs-on') || pairOf(p.value, 'uses') || pairOf(p.value, 'steps'));
    if (anyGithubJob) return 'github';
  }
  // Azure: stages/jobs/steps are sequences of mappings (`- stage:`, `- job:`, `- script:`).
  if (isSeq(stages) && stages.items.some((s) => isMap(s) && (pairOf(s, 'stage') || pairOf(s, 'template')))) return 'azure';
  if (isSeq(jobs) && jobs.items.some((s) => isMap(s))) return 'azure';
  if (isSeq(valueOf(map, 'steps'))) return 'azure';
  // The pre-2019 Azure schema named jobs "phases" (`- phase:`); old templates still use it.
  const phases = valueOf(map, 'phases');
  if (isSeq(phases) && phases.items.some((s) => isMap(s))) return 'azure';
  if (pairOf(map, 'trigger') || pairOf(map, 'pr') || pairOf(map, 'pool')) return 'azure';
  // `extends:` naming its template directly, or in `${{ if }}`/`${{ else }}` branches (one per condition).
  const ext = valueOf(map, 'extends');
  if (isMap(ext) && (pairOf(ext, 'template') || ext.items.some((p) => isTemplateExpression(keyOf(p) ?? '') && isMap(p.value) && pairOf(p.value, 'template')))) return 'azure';
  // GitLab: `stages:` as a list of names, or any top-level job-shaped mapping.
  if (isSeq(stages) && stages.items.every((s) => !isMap(s))) return 'gitlab';
  for (const item of map.items) {
    const k = keyOf(item);
    if (k === undefined) continue;
    if (GITLAB_TOP_KEYS.includes(k) && k !== 'variables') return 'gitlab';
    if (isMap(item.value) && GITLAB_JOB_KEYS.some((j) => pairOf(item.value, j))) return 'gitlab';
  }
  return undefined;
}

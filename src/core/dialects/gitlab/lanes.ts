// GitLab stages become lanes: `.pre`, the declared stages in order (or GitLab's defaults), `.post`.
import type { Lane } from '../../model';
import type { PipelineStages } from '../../parse';
import { scalarText } from '../../yaml/source';
import { MapView, type Resolver } from './view';

export const DEFAULT_STAGES = ['build', 'test', 'deploy'];
export const DEFAULT_JOB_STAGE = 'test';

export interface LanePlan {
  lanes: Lane[];
  /** True when the file writes `stages:` (or the old `types:`). */
  declared: boolean;
  /**
   * The pipeline's stages the lanes follow (an included file): GitLab keeps the including file's
   * `stages:`, so a file's own, if it writes one, is not the pipeline's.
   */
  inherited?: PipelineStages;
  /** Adds a lane for a stage that no `stages:` declares (just before `.post`). */
  addUndeclared(stage: string): void;
  indexOf(stage: string): number;
}

/**
 * The lanes of a file: the stages of the pipeline that includes it when another file declares
 * them (`inherited`, whether or not this file writes its own: GitLab keeps the including file's;
 * not written here: implicit, and saying where they are), else its `stages:` (`stagesNode`) in
 * order, else GitLab's defaults.
 */
export function planLanes(stagesNode: unknown, resolver: Resolver, inherited?: PipelineStages): LanePlan {
  const declared = stagesNode !== undefined;
  const written = declared && !inherited ? stageNames(stagesNode, resolver) : [];
  const names = inherited ? inherited.names : declared ? written : DEFAULT_STAGES;
  const middle = names.filter((s) => s !== '.pre' && s !== '.post');
  const where = inherited ? { declaredIn: inherited.declaredIn } : {};
  const lanes: Lane[] = [
    { id: '.pre', name: '.pre', implicit: !written.includes('.pre') },
    ...middle.map((s) => ({ id: s, name: s, implicit: !declared || inherited !== undefined, ...where })),
    { id: '.post', name: '.post', implicit: !written.includes('.post') },
  ];
  const index = new Map<string, number>();
  const reindex = () => lanes.forEach((lane, i) => index.set(lane.id, i));
  reindex();
  return {
    lanes,
    declared,
    ...(inherited ? { inherited } : {}),
    addUndeclared(stage) {
      if (index.has(stage)) return;
      lanes.splice(lanes.length - 1, 0, { id: stage, name: stage, implicit: true });
      reindex();
    },
    indexOf: (stage) => index.get(stage) ?? -1,
  };
}

// `stages:` may nest lists (GitLab flattens them, which `!reference` relies on); duplicates count once.
function stageNames(node: unknown, resolver: Resolver): string[] {
  const names: string[] = [];
  let visited = 0; // nested aliases can fan out; a real stages list is far smaller than this
  const walk = (value: unknown, depth: number) => {
    if (depth > 10 || ++visited > 10_000) return;
    const items = resolver.items(value);
    if (items.length === 0) {
      const single = value instanceof MapView ? undefined : scalarText(value);
      if (single !== undefined && !names.includes(single)) names.push(single);
      return;
    }
    for (const { item } of items) walk(item, depth + 1);
  };
  walk(node, 0);
  return names;
}

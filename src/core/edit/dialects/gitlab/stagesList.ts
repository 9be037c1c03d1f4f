// Adding a lane to `stages:` (block or flow list). A file without `stages:` gets none: GitLab's
// defaults apply to it, or the file that includes it declares the stages.
import { isScalar, isSeq, type Node, type YAMLSeq } from 'yaml';
import { DEFAULT_STAGES } from '../../../dialects/gitlab/lanes';
import { pairOf, scalarText } from '../../../yaml/source';
import { renderString } from '../../fragment';
import { columnOf, lineStart } from '../../lines';
import { Refusal } from '../../splices';
import { dashBefore } from '../../wholeLines';
import type { GitlabFile } from './file';

/** The usual order of the lanes templates use, to place a new one among those a file has. */
export const USUAL_ORDER = ['.pre', 'build', 'test', 'staging', 'e2e', 'approve', 'deploy', 'verify', 'rollback', '.post'];

export type LanePosition = 'usual' | 'end';

/** How refusals name an item of `stages:`. */
export const STAGES_ITEM = 'a stages: item';

/** True when the file writes `stages:` (or the old `types:`). */
export function declaresStages(file: GitlabFile): boolean {
  return !!(pairOf(file.root, 'stages') ?? pairOf(file.root, 'types'));
}

/** The lanes `stages:` lists (or GitLab's defaults), without .pre/.post unless written. */
export function declaredLanes(file: GitlabFile): string[] {
  const seq = stagesSeq(file);
  if (!seq) return [...DEFAULT_STAGES];
  return seq.items.map((i) => scalarText(i)!);
}

/**
 * The file whose `stages:` an included file's lanes follow (the graph was built with its
 * pipeline's stages: ParseOptions.stages); undefined when the lanes are the file's own or GitLab's.
 */
export function pipelineStagesFile(file: GitlabFile): string | undefined {
  return file.ctx.graph.lanes.find((l) => l.declaredIn !== undefined)?.declaredIn;
}

/** Why an included file's lanes are not its own to edit: its pipeline's are declared in `declaredIn`. */
export function notOwnStages(seq: YAMLSeq.Parsed | undefined, declaredIn: string): string {
  return seq
    ? `this file's stages: is not the pipeline's: GitLab keeps the one in ${declaredIn}`
    : `this file has no stages: of its own; its pipeline's are declared in ${declaredIn}`;
}

/** Make sure `lane` is a stage GitLab accepts; add it to `stages:` when it is not. */
export function ensureLane(file: GitlabFile, lane: string, position: LanePosition): void {
  if (lane === '.pre' || lane === '.post') return;
  if (/[\r\n]/.test(lane) || lane.trim() === '') throw new Refusal(`"${lane}" cannot be a stage name`);
  const { splices } = file.ctx;
  const seq = stagesSeq(file);
  // The file that includes this one declares the stages: a stage its list has is there to move
  // to; another is added there (stages: written here would not be the pipeline's).
  const declaredIn = pipelineStagesFile(file);
  if (declaredIn !== undefined) {
    if (file.laneIndex(lane) >= 0) return;
    throw new Refusal(`${notOwnStages(seq, declaredIn)}: add "${lane}" there`);
  }
  const lanes = declaredLanes(file);
  if (lanes.includes(lane)) return;
  const index = insertionIndex(lanes, lane, position);
  if (!seq) {
    // A stage other jobs here already use is declared wherever theirs is.
    if (file.laneIndex(lane) >= 0) return;
    // GitLab's defaults apply, or a file that includes this one declares the stages.
    throw new Refusal(`this file has no stages: (GitLab's defaults apply, or a file that includes this one declares them); add "${lane}" to stages: where they are declared`);
  }
  if (index >= seq.items.length) {
    splices.appendSeqItem(seq, lane);
    return;
  }
  const before = seq.items[index] as Node;
  const start = before.range![0];
  if (seq.flow) {
    splices.insert(start, `${renderString(lane, splices.style, undefined, 'flow')}, `);
    return;
  }
  const dash = dashBefore(splices.text, start, STAGES_ITEM);
  splices.insert(lineStart(splices.text, dash), `${' '.repeat(columnOf(splices.text, dash))}- ${renderString(lane, splices.style)}${splices.style.eol}`);
}

function insertionIndex(lanes: string[], lane: string, position: LanePosition): number {
  const post = lanes.indexOf('.post');
  const end = post >= 0 ? post : lanes.length;
  if (position === 'end') return end;
  const rank = USUAL_ORDER.indexOf(lane);
  if (rank < 0) return end;
  const later = lanes.findIndex((l) => USUAL_ORDER.indexOf(l) > rank);
  return later >= 0 ? Math.min(later, end) : end;
}

export function stagesSeq(file: GitlabFile): YAMLSeq.Parsed | undefined {
  const pair = pairOf(file.root, 'stages') ?? pairOf(file.root, 'types');
  if (!pair) return undefined;
  const value = pair.value;
  if (!isSeq(value) || value.items.some((i) => !isScalar(i) || scalarText(i) === undefined)) {
    throw new Refusal(`stages: (${file.where((pair.key as Node).range?.[0])}) is not a plain list of names (nested lists, aliases or !reference); edit it in the text`);
  }
  return value as YAMLSeq.Parsed;
}

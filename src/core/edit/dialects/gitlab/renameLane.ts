// renameLane: the `stages:` entry and every `stage:` value naming the lane. A job that gets the
// lane from extends:, a `<<:` merge, an alias or !reference cannot follow a rewrite of its
// source safely, so the rename is refused and the job named. A job without `stage:` sits in
// GitLab's default lane "test"; renaming "test" writes the new name into it.
import { isMap, isScalar, visit, type Node, type Scalar, type YAMLMap } from 'yaml';
import { DEFAULT_JOB_STAGE } from '../../../dialects/gitlab/lanes';
import { pairOf, scalarText } from '../../../yaml/source';
import type { EditOperation } from '../../operations';
import { Refusal } from '../../splices';
import { insertEntry } from './entries';
import { isJobName, type GitlabFile } from './file';
import { checkNewLaneName, includeLine, readStageOrder, refuseFixedLane, refuseUnlisted, writeWholeStages } from './laneList';

type RenameLane = Extract<EditOperation, { op: 'renameLane' }>;

export function planRenameLane(file: GitlabFile, op: RenameLane): void {
  refuseFixedLane(op.lane, 'renamed');
  checkNewLaneName(op.newName);
  const order = readStageOrder(file);
  refuseUnlisted(file, order, op.lane);
  if (op.newName === op.lane) return;
  if (order.names.includes(op.newName) || file.laneIndex(op.newName) >= 0) throw new Refusal(`a stage named "${op.newName}" already exists`);
  const included = includeLine(file);
  if (included) throw new Refusal(`this file includes other files (${included}), whose jobs may be in stage "${op.lane}"; rename it in the text`);
  refuseIfStageTested(file, op.lane);

  const { splices } = file.ctx;
  if (order.seq) {
    splices.replaceScalar(order.seq.items[order.names.indexOf(op.lane)], op.newName);
  } else {
    writeWholeStages(file, order.names.map((name) => (name === op.lane ? op.newName : name)));
  }
  for (const job of file.ctx.graph.nodes) {
    if (job.stage === op.lane) renameJobStage(file, job.id, op);
  }
  // Hidden templates written for the lane follow it, so a job extending one later lands there.
  for (const { name, pair } of file.entries) {
    if (!name.startsWith('.') || !isMap(pair.value)) continue;
    const stage = pairOf(pair.value, 'stage')?.value;
    if (isPlainScalar(stage) && scalarText(stage) === op.lane) splices.replaceScalar(stage, op.newName);
  }
}

function renameJobStage(file: GitlabFile, id: string, op: RenameLane): void {
  const { splices } = file.ctx;
  const value = file.jobPair(id).value;
  if (!isMap(value)) throw new Refusal(`"${id}" is an alias of another entry and gets stage "${op.lane}" from it; rename the stage in the text`);
  const map = value as YAMLMap.Parsed;
  const own = pairOf(map, 'stage');
  if (own) {
    if (!isPlainScalar(own.value) || scalarText(own.value) !== op.lane) {
      throw new Refusal(`"${id}" writes its stage with an anchor, alias or !reference (${file.where((own.key as Node).range?.[0])}); rename the stage in the text`);
    }
    splices.replaceScalar(own.value, op.newName);
    return;
  }
  if (file.view(id)?.has('stage')) {
    const source = pairOf(map, 'extends') ?? pairOf(map, '<<');
    const via = !source ? 'another entry' : pairOf(map, 'extends') ? 'extends:' : 'a <<: merge of an anchor';
    const at = (source?.key as Node | undefined)?.range?.[0] ?? map.range[0];
    throw new Refusal(`"${id}" gets stage "${op.lane}" only through ${via} (${file.where(at)}); rename the stage in the text`);
  }
  if (op.lane !== DEFAULT_JOB_STAGE) throw new Refusal(`"${id}" has no stage: but is in stage "${op.lane}"; rename the stage in the text`);
  // GitLab's default lane is renamed: the job names its lane now, to stay in it.
  insertEntry(splices, map, 'stage', op.newName, true, { first: true });
}

/** A scalar written as itself: no tag (!reference), no anchor that aliases elsewhere would follow. */
function isPlainScalar(node: unknown): node is Scalar.Parsed {
  return isScalar(node) && !(node as { tag?: string }).tag && !(node as { anchor?: string }).anchor && !!(node as Node).range;
}

/** Conditions comparing $CI_JOB_STAGE with the name would silently stop matching. */
function refuseIfStageTested(file: GitlabFile, lane: string): void {
  const token = new RegExp(`(^|[^\\w.-])${lane.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\w.-])`);
  for (const { name, pair } of file.entries) {
    if ((!isJobName(name) && !name.startsWith('.') && name !== 'workflow') || !pair.value) continue;
    visit(pair.value as Node, {
      Scalar(_, scalar) {
        const text = scalarText(scalar);
        if (text && /CI_JOB_STAGE/.test(text) && token.test(text)) {
          throw new Refusal(`"${name}" tests the stage name "${lane}" (${file.where(scalar.range?.[0])}); rewriting that condition is guesswork — rename in the text`);
        }
      },
    });
  }
}

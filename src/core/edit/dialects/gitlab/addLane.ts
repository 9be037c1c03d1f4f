// addLane: a new stage name in `stages:`, after a given lane or at the end (before .post). A
// file without `stages:` runs on GitLab's defaults; it gets them written out with the new lane,
// so every job keeps the lane it had.
import type { EditOperation } from '../../operations';
import { renderString } from '../../fragment';
import { Refusal } from '../../splices';
import type { GitlabFile } from './file';
import { blockItemLine, checkNewLaneName, insertItemAfter, positionAfter, readStageOrder, writeWholeStages } from './laneList';

export function planAddLane(file: GitlabFile, op: Extract<EditOperation, { op: 'addLane' }>): void {
  checkNewLaneName(op.lane);
  const order = readStageOrder(file);
  if (order.names.includes(op.lane)) throw new Refusal(`the stage "${op.lane}" already exists`);
  const at = positionAfter(file, order, order.names, op.after);
  if (!order.seq) {
    writeWholeStages(file, [...order.names.slice(0, at), op.lane, ...order.names.slice(at)]);
    return;
  }
  const { splices } = file.ctx;
  const quoted = renderString(op.lane, splices.style);
  insertItemAfter(splices, order.seq, at - 1, order.seq.flow ? quoted : blockItemLine(splices, order.seq, quoted));
}

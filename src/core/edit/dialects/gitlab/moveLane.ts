// moveLane: reorder `stages:`, moving one item (its line, comment included, or its flow text) to
// after another lane or to the end. GitLab rejects a `needs:` on a job of a later stage, so a
// move that would put a need after its job is refused, naming the job.
import type { EditOperation } from '../../operations';
import { Refusal } from '../../splices';
import type { GitlabFile } from './file';
import { insertItemAfter, itemText, positionAfter, readStageOrder, refuseFixedLane, refuseUnlisted, writeWholeStages } from './laneList';

export function planMoveLane(file: GitlabFile, op: Extract<EditOperation, { op: 'moveLane' }>): void {
  refuseFixedLane(op.lane, 'moved');
  const order = readStageOrder(file);
  refuseUnlisted(file, order, op.lane);
  if (op.after === op.lane) throw new Refusal(`stage "${op.lane}" cannot move after itself`);
  const from = order.names.indexOf(op.lane);
  const rest = order.names.filter((name) => name !== op.lane);
  const at = positionAfter(file, order, rest, op.after);
  const names = [...rest.slice(0, at), op.lane, ...rest.slice(at)];
  if (names.join('\n') === order.names.join('\n')) return; // already there
  refuseNeedsOnLaterStages(file, names);
  if (!order.seq) {
    writeWholeStages(file, names);
    return;
  }
  const { splices } = file.ctx;
  const moved = itemText(splices, order.seq, from);
  // The item that will stand before it, as an index of the list as written.
  const previous = at === 0 ? -1 : order.names.indexOf(rest[at - 1]);
  splices.removeSeqItem(order.seq, from);
  insertItemAfter(splices, order.seq, previous, moved);
}

/** Every explicit need must stay on the same or an earlier stage in the new order. */
function refuseNeedsOnLaterStages(file: GitlabFile, names: string[]): void {
  // Lanes stages: does not declare are not ordered by this list: undefined, not compared.
  const rank = (lane: string | undefined): number | undefined => {
    if (lane === '.pre') return -1;
    if (lane === '.post') return names.length;
    const index = lane === undefined ? -1 : names.indexOf(lane);
    return index >= 0 ? index : undefined;
  };
  const { graph } = file.ctx;
  for (const edge of graph.edges) {
    if (edge.implicit || edge.unresolved) continue;
    const dependency = graph.nodes.find((n) => n.id === edge.from);
    const job = graph.nodes.find((n) => n.id === edge.to);
    if (!dependency || !job) continue;
    const [needed, needing] = [rank(dependency.stage), rank(job.stage)];
    if (needed !== undefined && needing !== undefined && needed > needing) {
      throw new Refusal(
        `"${job.id}" (stage "${job.stage}") needs "${dependency.id}" of stage "${dependency.stage}", which would then run after it; ` +
          'GitLab rejects needs on a later stage — change the needs first',
      );
    }
  }
}

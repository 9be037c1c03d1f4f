// Adding `workflow_dispatch` to a workflow's `on:`, so that it can be started by hand ("Run
// Workflow…" offers this when the trigger is missing). The form of `on:` grows as little as it
// can: `on: push` → `on: [push, workflow_dispatch]`, a list gets one more item, a mapping one
// more key (`workflow_dispatch:` with no settings). Nothing else in the file moves.
import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar } from 'yaml';
import { columnOf } from '../../lines';
import type { PlanContext, ValueCheck } from '../../plan';
import { Refusal } from '../../splices';
import { entryLines } from '../../wholeLines';
import { triggerEvents } from '../../../workflowDispatch';

const DISPATCH = 'workflow_dispatch';

export function addDispatchTrigger(ctx: PlanContext): ValueCheck {
  const read = triggerEvents(ctx.src);
  if ('reason' in read) throw new Refusal(read.reason);
  if (read.events.includes(DISPATCH)) throw new Refusal('the workflow can already be started by hand (it has `workflow_dispatch`)');
  const value = read.value;
  if (value === null || (isScalar(value) && value.value === null)) throw new Refusal('`on:` names no event; write the workflow\'s triggers in the text first');
  if (isScalar(value)) {
    const [start, end] = value.range!;
    // The event keeps its own spelling and quotes inside the new flow list.
    ctx.splices.replace(start, end, `[${ctx.text.slice(start, end)}, ${DISPATCH}]`);
  } else if (isSeq(value)) {
    ctx.splices.appendSeqItem(value, DISPATCH);
  } else if (isMap(value) && value.flow) {
    ctx.splices.insertPair(value, DISPATCH, null);
  } else if (isMap(value)) {
    // `workflow_dispatch:` with an empty value, as GitHub's documentation writes it, after the
    // last event and the comments indented under it.
    const last = value.items[value.items.length - 1] as Pair<Scalar, Node | null>;
    const column = columnOf(ctx.text, last.key.range![0]);
    ctx.splices.insertLines(entryLines(ctx.text, last)[1], `${' '.repeat(column)}${DISPATCH}:${ctx.style.eol}`);
  }
  const expected = [...read.events, DISPATCH];
  return ({ src }) => {
    const after = triggerEvents(src);
    if ('reason' in after) return `the triggers would no longer read: ${after.reason}`;
    if (after.events.join('\n') !== expected.join('\n')) return `the triggers would be ${after.events.join(', ')} instead of ${expected.join(', ')}`;
    return undefined;
  };
}

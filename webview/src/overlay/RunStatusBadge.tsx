// A node's status in the shown run: a pill on the card's top edge with the status icon, the
// instance count and the duration, in the status colour; its full sentence is the node's
// accessible description (toFlowElements points aria-describedby here). Positioned over the
// card's border, so the layout never changes.
import { useContext } from 'react';
import { lightCodiconClass } from '../../../src/shared/lightIcons';
import { badgeText, runStatusId, statusSentence } from './nodeStatusWords';
import { RunOverlayContext, useNow } from './RunOverlayContext';

export function RunStatusBadge({ nodeId }: { nodeId: string }) {
  const overlay = useContext(RunOverlayContext);
  const status = overlay?.state === 'shown' ? overlay.nodes[nodeId] : undefined;
  const now = useNow(status !== undefined && status.startedAt !== undefined && status.endedAt === undefined);
  if (!status) return null;
  const sentence = statusSentence(status, now);
  const short = badgeText(status, now);
  return (
    <span className={`pw-run-badge pw-run-${status.light}`} title={sentence} data-light={status.light}>
      <span className={lightCodiconClass(status.light)} aria-hidden="true" />
      {short ? <span className="pw-run-badge-text" aria-hidden="true">{short}</span> : null}
      <span id={runStatusId(nodeId)} className="pw-sr-only">{sentence}</span>
    </span>
  );
}

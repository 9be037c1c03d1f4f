// Icon, name and (when read-only) a lock: the first line of job cards and stage headers.
import type { GraphNode } from '../../../src/core/model';
import { marksLabel } from '../flow/describe';
import { kindIconClass } from './kindIcons';

export function NodeTitle({ node, flags }: { node: GraphNode; flags: readonly string[] }) {
  return (
    <div className="pw-title">
      <span className={`pw-kind-icon ${kindIconClass(node.kind)}`} aria-hidden="true" />
      <span className="pw-name" title={node.name}>
        {node.name}
      </span>
      {flags.length > 0 ? (
        <span className="pw-flag codicon codicon-error" title={flags.join('\n')} aria-hidden="true" />
      ) : null}
      {node.marks.length > 0 ? (
        <span className="pw-lock codicon codicon-lock" title={node.readOnlyReason ?? marksLabel(node)} aria-hidden="true" />
      ) : null}
    </div>
  );
}

// Icon, name and (when read-only) a lock: the first line of job cards and stage headers. While
// the node is being renamed, the name is a text box.
import { useContext } from 'react';
import type { GraphNode } from '../../../src/core/model';
import { RenameContext, useRenaming } from '../edit/RenameContext';
import { RenameInput } from '../edit/RenameInput';
import { readOnlyNote } from '../flow/describe';
import type { NodeFlags } from '../flow/nodeFlags';
import { LintBadge } from '../lint/LintBadge';
import { kindIconClass } from './kindIcons';

export function NodeTitle({ node, flags }: { node: GraphNode; flags: NodeFlags | undefined }) {
  const renaming = useRenaming(useContext(RenameContext), node.id);
  return (
    <div className="pw-title">
      <span className={`pw-kind-icon ${kindIconClass(node.kind)}`} aria-hidden="true" />
      {renaming !== undefined ? (
        <RenameInput nodeId={node.id} initial={renaming} label={`New id for ${node.name}`} />
      ) : (
        <span className="pw-name" title={node.name}>
          {node.name}
        </span>
      )}
      {flags ? (
        <span
          className={flags.severity === 'error' ? 'pw-flag codicon codicon-error' : 'pw-flag-warning codicon codicon-warning'}
          title={flags.reasons.join('\n')}
          aria-hidden="true"
        />
      ) : null}
      {node.marks.length > 0 ? (
        <span className="pw-lock codicon codicon-lock" title={readOnlyNote(node)} aria-hidden="true" />
      ) : null}
      <LintBadge nodeId={node.id} />
    </div>
  );
}

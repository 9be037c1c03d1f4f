// File-level constructs the designer shows but does not rewrite (include, extends, templates).
import type { PipelineGraph } from '../../../src/core/model';
import type { WebviewToHost } from '../../../src/shared/protocol';
import { PositionLink } from './PositionLink';

export function FileMarksBanner({ marks, post }: { marks: PipelineGraph['fileMarks']; post: (m: WebviewToHost) => void }) {
  if (marks.length === 0) return null;
  return (
    <aside className="pw-file-marks" aria-label="Read-only parts of this file">
      <span className="codicon codicon-lock" aria-hidden="true" />
      <span className="pw-file-marks-lead">Shown read-only, not expanded:</span>
      <ul>
        {marks.map((m, i) => (
          <li key={`${i}:${m.line}`}>
            <span className="pw-file-mark-detail">{m.detail}</span> <PositionLink line={m.line} column={1} post={post} />
          </li>
        ))}
      </ul>
    </aside>
  );
}

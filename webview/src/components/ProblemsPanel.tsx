// Every problem of the latest document as "message (line:column)", the position a link. The
// first syntax error of a broken file carries the problems that follow from it: counted, not listed.
import type { GraphProblem } from '../../../src/core/model';
import type { WebviewToHost } from '../../../src/shared/protocol';
import { PositionLink } from './PositionLink';

export function ProblemsPanel({ problems, post }: { problems: GraphProblem[]; post: (m: WebviewToHost) => void }) {
  if (problems.length === 0) return null;
  return (
    <section className="pw-problems" aria-label="Problems">
      <h2 className="pw-problems-heading">
        Problems <vscode-badge variant="counter">{problems.length}</vscode-badge>
      </h2>
      <ul className="pw-problem-list">
        {problems.map((p, i) => (
          <li key={`${i}:${p.line}:${p.column}`} className={`pw-problem pw-problem-${p.severity} pw-problem-${p.source}`}>
            <span
              className={`codicon codicon-${p.severity === 'error' ? 'error' : 'warning'}`}
              aria-label={p.severity}
              role="img"
            />
            <span className="pw-problem-message">{p.message}</span> <PositionLink line={p.line} column={p.column} post={post} />
            <FollowOn problem={p} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function FollowOn({ problem }: { problem: GraphProblem }) {
  // Problems may come from saved state of an older build: count only a real list.
  const count = Array.isArray(problem.consequences) ? problem.consequences.length : 0;
  if (count === 0) return null;
  return (
    <span className="pw-problem-follow-on">
      {' '}
      (and {count} {count === 1 ? 'problem' : 'problems'} that follow from it)
    </span>
  );
}

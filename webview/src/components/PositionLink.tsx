// "(line:column)" as a button that asks the host to put the cursor there.
import type { WebviewToHost } from '../../../src/shared/protocol';

export function PositionLink({ line, column, post }: { line: number; column: number; post: (m: WebviewToHost) => void }) {
  return (
    <button
      type="button"
      className="pw-position-link"
      aria-label={`Go to line ${line}, column ${column}`}
      onClick={() => post({ type: 'revealPosition', line, column })}
    >
      ({line}:{column})
    </button>
  );
}

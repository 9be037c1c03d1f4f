// The toolbar's run picker: which run to show over the graph — the latest on the checked-out
// branch (the default), any recent run of this workflow, or none — with the shown run's state,
// a one-line note when there is nothing to show or reading failed, and Run Workflow…. Without an
// overlay (not signed in, Restricted Mode, no repository) it is that one short line alone.
import type { RunChoice } from '../../../src/core/operate/overlay';
import { describeLight } from '../../../src/core/operate/status';
import { lightCodiconClass } from '../../../src/shared/lightIcons';
import type { RunOverlay } from '../../../src/shared/protocol';
import { ToolbarButton } from '../components/ToolbarButton';

interface RunPickerProps {
  overlay: RunOverlay;
  compact: boolean;
  onChoose(choice: RunChoice): void;
  onRunWorkflow(): void;
}

export function RunPicker({ overlay, compact, onChoose, onRunWorkflow }: RunPickerProps) {
  if (overlay.state === 'absent') {
    return (
      <span className="pw-run-picker pw-run-picker-absent" role="status">
        <span className="codicon codicon-github-action" aria-hidden="true" />
        <span className="pw-run-note">{overlay.reason}</span>
      </span>
    );
  }
  const { choice, runs, run, note, branch } = overlay;
  const value = choiceValue(choice);
  const listed = choice.kind !== 'run' || runs.some((r) => r.id === choice.runId);
  return (
    <span className="pw-run-picker">
      <span className="codicon codicon-github-action" aria-hidden="true" />
      <select className="pw-run-select" aria-label={`Run shown on the graph (${overlay.where})`} title="Run shown on the graph" value={value} onChange={(e) => onChoose(choiceOf(e.target.value))}>
        <option value="latest">{branch !== undefined ? `Latest on ${branch}` : 'Latest run'}</option>
        <option value="none">No run</option>
        {runs.map((r) => (
          <option key={r.id} value={`run:${r.id}`}>
            {`${r.label} — ${r.detail}`}
          </option>
        ))}
        {!listed && choice.kind === 'run' ? <option value={value}>{run?.label ?? `Run ${choice.runId}`}</option> : null}
      </select>
      {run ? (
        <span className={`pw-run-shown pw-run-${run.light}`} role="status" title={`${run.label}: ${run.detail}`}>
          <span className={lightCodiconClass(run.light)} aria-hidden="true" />
          <span className="pw-run-shown-text">{`${run.label} ${describeLight(run.light)}`}</span>
        </span>
      ) : null}
      {note !== undefined ? <span className="pw-run-note" role="status">{note}</span> : null}
      <ToolbarButton icon="play" label="Run Workflow…" description="Run this workflow on GitHub (asks for the branch and inputs, then confirms)" className="pw-run-workflow" compact={compact} onClick={onRunWorkflow} />
    </span>
  );
}

function choiceValue(choice: RunChoice): string {
  return choice.kind === 'run' ? `run:${choice.runId}` : choice.kind;
}

function choiceOf(value: string): RunChoice {
  if (value.startsWith('run:')) return { kind: 'run', runId: value.slice(4) };
  return value === 'none' ? { kind: 'none' } : { kind: 'latest' };
}

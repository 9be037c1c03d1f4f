// A GitLab lane's header: its name, and buttons to add a lane after it, rename it (inline) and
// move it one place left or right. Each asks the host for an edit (addLane, renameLane,
// moveLane); the lanes on screen change only when the edited document comes back.
import { useContext, useRef, useState } from 'react';
import { LaneCanvasContext } from './laneContext';
import { addLaneOperation, laneControls, newLaneName, renameLaneOperation } from './laneActions';
import { NameInput } from '../edit/NameInput';
import './lanes.css';

interface LaneHeaderProps {
  lane: string;
  implicit: boolean;
  /** Another file of the pipeline declares it (an included file's lane): named, and edited there. */
  declaredIn?: string;
}

type Editing = 'rename' | 'add';

export function LaneHeader({ lane, implicit, declaredIn }: LaneHeaderProps) {
  const control = useContext(LaneCanvasContext);
  const [editing, setEditing] = useState<Editing>();
  const header = useRef<HTMLDivElement>(null);
  // The label of the button that opened the box: the buttons are redrawn when it closes.
  const opener = useRef<string | undefined>(undefined);
  const graph = control.graph;
  const controls = graph ? laneControls(graph, lane) : undefined;

  const open = (mode: Editing, button: HTMLButtonElement) => {
    opener.current = button.getAttribute('aria-label') ?? undefined;
    setEditing(mode);
  };
  const close = () => {
    setEditing(undefined);
    // Keyboard users carry on from the button they used, unless they already moved on (another
    // box opened since): focus the closed box took with it lands on the body.
    requestAnimationFrame(() => {
      const active = document.activeElement;
      if (active && active !== document.body && !header.current?.contains(active)) return;
      const label = opener.current;
      if (label) header.current?.querySelector<HTMLElement>(`button[aria-label="${CSS.escape(label)}"]`)?.focus();
    });
  };
  const commit = (typed: string): string | undefined => {
    if (!graph) return undefined;
    const gesture = editing === 'add' ? addLaneOperation(graph, lane, typed) : renameLaneOperation(graph, lane, typed);
    if (!gesture.ok) return gesture.reason;
    close();
    if (gesture.value) control.request(gesture.value);
    return undefined;
  };

  const buttons = controls && (controls.addAfter || controls.canRename || controls.moveLeft || controls.moveRight);
  return (
    <div className="pw-lane-header" ref={header}>
      <span className="codicon codicon-layers" aria-hidden="true" />
      {editing ? (
        <NameInput
          initial={editing === 'add' && graph ? newLaneName(graph) : lane}
          label={editing === 'add' ? `Name of the new stage after ${lane}` : `New name for stage ${lane}`}
          commit={commit}
          cancel={close}
          className="pw-lane-rename"
          inputClassName="pw-lane-name-input"
        />
      ) : (
        <span className="pw-name" title={lane}>{lane}</span>
      )}
      {declaredIn !== undefined ? (
        <span className="pw-lane-note" title={`The pipeline's stages are declared in ${declaredIn}`}>
          in {declaredIn}
        </span>
      ) : implicit && !editing ? (
        <span className="pw-lane-note">implicit</span>
      ) : null}
      {buttons && !editing ? (
        <span className="pw-lane-actions pw-own-keys nodrag nopan" role="group" aria-label={`Stage ${lane}`}>
          {controls.moveLeft ? (
            <LaneButton icon="arrow-left" label={`Move stage ${lane} left`} onClick={() => control.request(controls.moveLeft!)} />
          ) : null}
          {controls.moveRight ? (
            <LaneButton icon="arrow-right" label={`Move stage ${lane} right`} onClick={() => control.request(controls.moveRight!)} />
          ) : null}
          {controls.canRename ? (
            <LaneButton icon="edit" label={`Rename stage ${lane}`} onClick={(button) => open('rename', button)} />
          ) : null}
          {controls.addAfter ? (
            <LaneButton icon="add" label={`Add a stage after ${lane}`} onClick={(button) => open('add', button)} />
          ) : null}
        </span>
      ) : null}
    </div>
  );
}

function LaneButton({ icon, label, onClick }: { icon: string; label: string; onClick(button: HTMLButtonElement): void }) {
  return (
    <button type="button" className="pw-lane-button nodrag nopan" aria-label={label} title={label} onClick={(e) => onClick(e.currentTarget)}>
      <span className={`codicon codicon-${icon}`} aria-hidden="true" />
    </button>
  );
}

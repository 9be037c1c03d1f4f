// Top bar: what is shown, how big it is, and the view's buttons. In a narrow designer the
// buttons show their icons only, and the bar wraps rather than cutting anything off.
import { useRef } from 'react';
import type { PipelineGraph } from '../../../src/core/model';
import type { RunChoice } from '../../../src/core/operate/overlay';
import type { RunOverlay } from '../../../src/shared/protocol';
import { RunPicker } from '../overlay/RunPicker';
import { TidyButton } from '../positions/TidyButton';
import { useMinimapShown } from '../viewport/minimap';
import { useReadableFit } from '../viewport/useReadableFit';
import { ToolbarButton } from './ToolbarButton';
import { useElementWidth } from './useElementWidth';

const DIALECT_NAMES = { github: 'GitHub Actions', gitlab: 'GitLab CI', azure: 'Azure Pipelines' } as const;

/** Narrower than this, the labelled buttons would not fit beside the title: icons only. */
export const TOOLBAR_COMPACT_WIDTH = 720;

interface ToolbarProps {
  fileName: string;
  graph?: PipelineGraph;
  /** Forget dragged positions; absent or `hasPositions` false disables the Tidy button. */
  onTidy?(): void;
  hasPositions?: boolean;
  /** Opens the find box (also Ctrl+F). */
  onFind?(): void;
  /** Shows or hides the inspector side panel. */
  onToggleInspector?(): void;
  inspectorOpen?: boolean;
  /** The user's minimap choice (undefined: by pane size) and how to change it. */
  minimap?: boolean;
  onMinimapChange?(shown: boolean): void;
  /** The run shown over the graph (GitHub workflows), with the picker's callbacks. */
  overlay?: RunOverlay;
  onChooseRun?(choice: RunChoice): void;
  onRunWorkflow?(): void;
}

export function Toolbar(props: ToolbarProps) {
  const { fileName, graph, onTidy, hasPositions = false, onFind, onToggleInspector, inspectorOpen = false, onMinimapChange } = props;
  const bar = useRef<HTMLElement>(null);
  const width = useElementWidth(bar);
  const compact = width > 0 && width < TOOLBAR_COMPACT_WIDTH;
  const fit = useReadableFit();
  const minimapShown = useMinimapShown(props.minimap);
  const jobCount = graph?.nodes.filter((n) => n.role === 'job').length ?? 0;
  const empty = !graph || graph.nodes.length === 0;
  return (
    <header ref={bar} className={compact ? 'pw-toolbar pw-toolbar-compact' : 'pw-toolbar'} role="toolbar" aria-label="Designer">
      <span className="pw-toolbar-heading">
        <span className="pw-toolbar-title" title={fileName}>
          {graph?.title ?? baseName(fileName)}
        </span>
        {graph ? (
          <>
            <vscode-badge className="pw-dialect-badge">{DIALECT_NAMES[graph.dialect] ?? graph.dialect}</vscode-badge>
            <span className="pw-toolbar-count">
              {jobCount} {jobCount === 1 ? 'job' : 'jobs'}
            </span>
          </>
        ) : null}
      </span>
      {props.overlay && props.onChooseRun && props.onRunWorkflow ? (
        <RunPicker overlay={props.overlay} compact={compact} onChoose={props.onChooseRun} onRunWorkflow={props.onRunWorkflow} />
      ) : null}
      <span className="pw-toolbar-actions">
        {onFind ? (
          <ToolbarButton
            icon="search"
            label="Find"
            description="Find a stage (Ctrl+F)"
            className="pw-find-open"
            keyShortcuts="Control+F"
            compact={compact}
            disabled={empty}
            onClick={onFind}
          />
        ) : null}
        {onTidy ? <TidyButton disabled={!graph || !hasPositions} onTidy={onTidy} compact={compact} /> : null}
        <ToolbarButton
          icon="screen-full"
          label="Fit"
          description="Fit the graph to the view (as far as it stays readable)"
          className="pw-fit-button"
          compact={compact}
          disabled={empty}
          onClick={() => void fit()}
        />
        {onMinimapChange ? (
          <ToolbarButton
            icon="map"
            label="Minimap"
            description="Minimap"
            className="pw-minimap-toggle"
            compact={compact}
            pressed={minimapShown}
            disabled={empty}
            onClick={() => onMinimapChange(!minimapShown)}
          />
        ) : null}
        {onToggleInspector ? (
          <ToolbarButton
            icon="layout-sidebar-right"
            label="Inspector"
            description={inspectorOpen ? 'Close the inspector' : 'Open the inspector (Enter on a stage)'}
            className="pw-inspector-toggle"
            compact={compact}
            pressed={inspectorOpen}
            onClick={onToggleInspector}
          />
        ) : null}
      </span>
    </header>
  );
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

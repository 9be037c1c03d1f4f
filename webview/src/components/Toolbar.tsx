// Top bar: what is shown, how big it is, and a Fit button.
import { useReactFlow } from '@xyflow/react';
import type { PipelineGraph } from '../../../src/core/model';
import { FIT_VIEW_OPTIONS } from './viewOptions';
import { TidyButton } from '../positions/TidyButton';

const DIALECT_NAMES = { github: 'GitHub Actions', gitlab: 'GitLab CI', azure: 'Azure Pipelines' } as const;

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
}

export function Toolbar({ fileName, graph, onTidy, hasPositions = false, onFind, onToggleInspector, inspectorOpen = false }: ToolbarProps) {
  const flow = useReactFlow();
  const jobCount = graph?.nodes.filter((n) => n.role === 'job').length ?? 0;
  return (
    <header className="pw-toolbar" role="toolbar" aria-label="Designer">
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
      <span className="pw-toolbar-spacer" />
      {onFind ? (
        <vscode-button
          secondary
          icon="search"
          className="pw-find-open"
          aria-label="Find a stage (Ctrl+F)"
          title="Find a stage (Ctrl+F)"
          aria-keyshortcuts="Control+F"
          disabled={!graph || graph.nodes.length === 0}
          onClick={onFind}
        >
          Find
        </vscode-button>
      ) : null}
      {onTidy ? <TidyButton disabled={!graph || !hasPositions} onTidy={onTidy} /> : null}
      <vscode-button
        secondary
        icon="screen-full"
        className="pw-fit-button"
        aria-label="Fit the graph to the view"
        title="Fit the graph to the view"
        disabled={!graph || graph.nodes.length === 0}
        onClick={() => void flow.fitView(FIT_VIEW_OPTIONS)}
      >
        Fit
      </vscode-button>
      {onToggleInspector ? (
        <vscode-button
          secondary
          icon="layout-sidebar-right"
          className="pw-inspector-toggle"
          aria-pressed={inspectorOpen ? 'true' : 'false'}
          aria-label={inspectorOpen ? 'Close the inspector' : 'Open the inspector'}
          title={inspectorOpen ? 'Close the inspector' : 'Open the inspector (Enter on a stage)'}
          onClick={onToggleInspector}
        >
          Inspector
        </vscode-button>
      ) : null}
    </header>
  );
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

// Top bar: what is shown, how big it is, and a Fit button.
import { useReactFlow } from '@xyflow/react';
import type { PipelineGraph } from '../../../src/core/model';
import { FIT_VIEW_OPTIONS } from './viewOptions';

const DIALECT_NAMES = { github: 'GitHub Actions', gitlab: 'GitLab CI', azure: 'Azure Pipelines' } as const;

export function Toolbar({ fileName, graph }: { fileName: string; graph?: PipelineGraph }) {
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
    </header>
  );
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

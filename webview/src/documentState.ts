// What the designer shows, derived from the stream of 'document' messages: the last graph that
// parsed, plus the problems of the latest document (which may not have parsed).
import { hasSyntaxErrors, type GraphProblem, type PipelineGraph } from '../../src/core/model';
import type { HostToWebview } from '../../src/shared/protocol';

export interface DocumentView {
  /** Version of the latest document applied. */
  version?: number;
  fileName: string;
  /** The last graph that parsed; undefined until one has. */
  graph?: PipelineGraph;
  /** The latest document has syntax errors, so `graph` is older than the text. */
  stale: boolean;
  /** Problems of the latest document. */
  problems: GraphProblem[];
}

export const EMPTY_VIEW: DocumentView = { fileName: '', stale: false, problems: [] };

type DocumentMessage = Extract<HostToWebview, { type: 'document' }>;

/** The view after a document message, or undefined when the message is older than the view. */
export function applyDocument(view: DocumentView, message: DocumentMessage): DocumentView | undefined {
  if (view.version !== undefined && message.version < view.version) return undefined;
  const broken = message.syntaxError || hasSyntaxErrors(message.graph);
  return {
    version: message.version,
    fileName: message.fileName,
    graph: broken ? view.graph : message.graph,
    stale: broken,
    problems: message.graph.problems,
  };
}

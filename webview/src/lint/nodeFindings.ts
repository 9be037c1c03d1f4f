// The lint findings of the document on screen, by node: how many and how bad (a node's badge),
// and the list with each finding's index (the inspector's rows, whose fix buttons name it). Pure.
import type { DesignerFinding } from '../../../src/shared/protocol';

export interface IndexedFinding extends DesignerFinding {
  /** Its place in the host's list: what `applyFix` names. */
  index: number;
}

export interface NodeFindings {
  /** The version the findings were made on. */
  version: number;
  byNode: ReadonlyMap<string, readonly IndexedFinding[]>;
}

export const NO_FINDINGS: NodeFindings = { version: -1, byNode: new Map() };

export function groupByNode(version: number, findings: readonly DesignerFinding[]): NodeFindings {
  const byNode = new Map<string, IndexedFinding[]>();
  findings.forEach((f, index) => {
    if (f.node === undefined) return;
    const list = byNode.get(f.node);
    const indexed = { ...f, index };
    if (list) list.push(indexed);
    else byNode.set(f.node, [indexed]);
  });
  return { version, byNode };
}

const RANK = { error: 0, warning: 1, information: 2 } as const;

/** The worst severity among findings, or undefined when there are none. */
export function worstSeverity(findings: readonly DesignerFinding[]): DesignerFinding['severity'] | undefined {
  let worst: DesignerFinding['severity'] | undefined;
  for (const f of findings) if (worst === undefined || RANK[f.severity] < RANK[worst]) worst = f.severity;
  return worst;
}

/** "2 problems (1 error, 1 warning)", for the badge's label and tooltip. */
export function describeCount(findings: readonly DesignerFinding[]): string {
  const counts = { error: 0, warning: 0, information: 0 };
  for (const f of findings) counts[f.severity]++;
  const parts = [
    counts.error ? `${counts.error} error${counts.error === 1 ? '' : 's'}` : '',
    counts.warning ? `${counts.warning} warning${counts.warning === 1 ? '' : 's'}` : '',
    counts.information ? `${counts.information} note${counts.information === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  return `${findings.length} deployment-practice finding${findings.length === 1 ? '' : 's'} (${parts.join(', ')})`;
}

/** The codicon for a severity, as VS Code's Problems panel shows it. */
export function severityIcon(severity: DesignerFinding['severity']): string {
  return severity === 'error' ? 'codicon-error' : severity === 'warning' ? 'codicon-warning' : 'codicon-info';
}

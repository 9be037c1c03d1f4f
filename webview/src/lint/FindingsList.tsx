// The inspector's list of a node's deployment-practice findings, each with its rule, where it is,
// and a button that applies its fix (through the host's edit engine; a refusal shows its reason).
import type { IndexedFinding } from './nodeFindings';
import { severityIcon } from './nodeFindings';
import { useNodeFindings } from './LintContext';

interface FindingsListProps {
  nodeId: string;
  onFix(finding: IndexedFinding): void;
  onReveal(line: number, column: number): void;
}

export function FindingsList({ nodeId, onFix, onReveal }: FindingsListProps) {
  const findings = useNodeFindings(nodeId);
  if (findings.length === 0) return null;
  return (
    <section className="pw-findings" aria-label="Deployment-practice findings">
      <h3 className="pw-findings-title">Findings</h3>
      <ul className="pw-findings-list">
        {findings.map((f) => (
          <li key={f.index} className={`pw-finding pw-lint-${f.severity}`}>
            <span className={`codicon ${severityIcon(f.severity)}`} aria-label={f.severity} role="img" />
            <div className="pw-finding-body">
              <p className="pw-finding-message">{f.message}</p>
              <p className="pw-finding-rule">
                <button type="button" className="pw-position-link" onClick={() => onReveal(f.line, f.column)} title="Show it in the text">
                  {f.rule} · line {f.line}
                </button>
              </p>
              {f.fix ? (
                <vscode-button className="pw-finding-fix" icon="lightbulb" onClick={() => onFix(f)}>
                  {f.fix}
                </vscode-button>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

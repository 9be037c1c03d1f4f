// A node's badge: how many deployment-practice findings it has, coloured by the worst one.
import { describeCount, severityIcon, worstSeverity } from './nodeFindings';
import { useNodeFindings } from './LintContext';

export function LintBadge({ nodeId }: { nodeId: string }) {
  const findings = useNodeFindings(nodeId);
  const worst = worstSeverity(findings);
  if (!worst) return null;
  const label = describeCount(findings);
  return (
    <span className={`pw-lint-badge pw-lint-${worst}`} title={`${label}:\n${findings.map((f) => `• ${f.message}`).join('\n')}`} aria-label={label} role="img">
      <span className={`codicon ${severityIcon(worst)}`} aria-hidden="true" />
      <span className="pw-lint-count">{findings.length}</span>
    </span>
  );
}

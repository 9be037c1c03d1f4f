// The palette: stage templates every dialect writes idiomatically (DESIGN.md "Stage templates").
// Names are a public contract (`pipewright templates`, `addStage` operations).
import type { NodeKind } from '../model';

export interface TemplateInfo {
  name: string;
  /** Palette label; it holds the words of its kind's label (KIND_LABELS), so the palette and the node it adds say the same. */
  title: string;
  /** One line: what it adds. */
  description: string;
  /** The kind the designer infers for the stage it adds (checked after every insert). */
  kind: NodeKind;
  group: 'Build' | 'Test' | 'Deploy' | 'Gate' | 'Verify' | 'Recover' | 'Notify';
}

export const TEMPLATES: readonly TemplateInfo[] = [
  { name: 'build', title: 'Build', description: 'Compile with a dependency cache and upload the artifact', kind: 'build', group: 'Build' },
  { name: 'unit-tests', title: 'Unit tests', description: 'Run the unit test suite and publish the report', kind: 'test', group: 'Test' },
  { name: 'security-scan', title: 'Security scan', description: 'Scan the container image for vulnerabilities (Trivy), failing on high severity', kind: 'security-scan', group: 'Test' },
  { name: 'deploy-staging', title: 'Deploy to staging', description: 'Deploy the build to the staging environment', kind: 'deploy', group: 'Deploy' },
  { name: 'e2e-tests', title: 'Integration tests (E2E smoke)', description: 'Run end-to-end smoke tests against the deployed environment', kind: 'integration-test', group: 'Test' },
  { name: 'approval-manual', title: 'Approval gate (manual)', description: 'Wait until someone approves before continuing', kind: 'approval-gate', group: 'Gate' },
  { name: 'approval-delayed', title: 'Approval gate (time-delayed)', description: 'Wait a set time (30 minutes) before continuing', kind: 'approval-gate', group: 'Gate' },
  { name: 'approval-approvers', title: 'Approval gate (multi-approver)', description: 'Ask named approvers, with instructions, before continuing', kind: 'approval-gate', group: 'Gate' },
  { name: 'deploy-production-rolling', title: 'Deploy to production (rolling)', description: 'Roll the new version out pod by pod (maxSurge / maxUnavailable)', kind: 'deploy', group: 'Deploy' },
  { name: 'deploy-production-blue-green', title: 'Deploy to production (blue-green)', description: 'Deploy beside the live version, then switch the service selector', kind: 'deploy', group: 'Deploy' },
  { name: 'deploy-production-canary', title: 'Deploy to production (canary)', description: 'Shift traffic in steps (Argo Rollouts setWeight and pause)', kind: 'deploy', group: 'Deploy' },
  { name: 'deploy-production-feature-flag', title: 'Deploy to production (feature flag)', description: 'Deploy dark and release by turning on a feature flag', kind: 'deploy', group: 'Deploy' },
  { name: 'verify-health', title: 'Verify (health check)', description: 'Poll the health endpoint with retries until it answers', kind: 'verify', group: 'Verify' },
  { name: 'verify-error-rate', title: 'Verify (error-rate gate)', description: 'Fail if the Prometheus error rate stays above the threshold', kind: 'verify', group: 'Verify' },
  { name: 'rollback-auto', title: 'Rollback (automatic)', description: 'Undo the rollout when an earlier stage fails', kind: 'rollback', group: 'Recover' },
  { name: 'rollback-manual', title: 'Rollback (manual, to a revision)', description: 'Roll back to a chosen revision when started by hand', kind: 'rollback', group: 'Recover' },
  { name: 'notify', title: 'Notify', description: 'Post the pipeline result to a chat webhook', kind: 'notify', group: 'Notify' },
];

export function templateInfo(name: string): TemplateInfo | undefined {
  return TEMPLATES.find((t) => t.name === name);
}

// Kind inference: what a stage is for, guessed from what the YAML says about it. Shown in the
// designer as an icon; never written back.
import type { GateDetail, NodeKind } from './model';

/** What a dialect knows about a job, gathered once, in dialect-neutral terms. */
export interface JobFacts {
  /** The key / id and display name, both are searched. */
  id: string;
  name?: string;
  environment?: string;
  gate?: GateDetail;
  /** Runs only on failure (`if: failure()`, `when: on_failure`, `condition: failed()`). */
  onFailure?: boolean;
  /** Commands and action/task references, joined (script lines, `run:`, `uses:`, `task:`). */
  commands: string[];
}

interface KindRule {
  kind: NodeKind;
  /** Matched against the id and name. */
  name?: RegExp;
  /** Matched against each command line. */
  command?: RegExp;
}

// Order matters: the first rule that matches wins, most specific first.
const RULES: KindRule[] = [
  {
    kind: 'rollback',
    name: /roll-?back|revert|undo/i,
    command: /rollout\s+undo|rollouts?\s+undo|helm\s+rollback|argo\s+rollouts\s+abort|az\s+webapp\s+deployment\s+slot\s+swap.*--action\s+reset|KubernetesManifest@\d+\s+reject/i,
  },
  {
    kind: 'security-scan',
    name: /scan|sast|dast|security|codeql|trivy|snyk|grype|gitleaks|secret[-_ ]?detect|dependency[-_ ]?(check|review)|audit|semgrep|sonar|vuln/i,
    command: /\btrivy\b|\bsnyk\b|\bgrype\b|\bgitleaks\b|\bsemgrep\b|codeql|dependency-check|aquasecurity|\bbandit\b|npm audit|sonar-scanner|SonarCloud|osv-scanner|zaproxy/i,
  },
  {
    kind: 'integration-test',
    name: /e2e|end[-_ ]?to[-_ ]?end|integration|smoke|acceptance|system[-_ ]?test/i,
    command: /\bcypress\b|\bplaywright\b|\bselenium\b|newman|k6\s+run|e2e|smoke/i,
  },
  {
    kind: 'verify',
    name: /verify|health|monitor|post[-_ ]?deploy|validate[-_ ]?deploy|canary[-_ ]?analysis/i,
    command: /curl\s+(-\w+\s+)*-?-f\w*\b.*health|\/health|\/healthz|\/readyz|rollout\s+status|prometheus|promql|error[-_]rate/i,
  },
  {
    kind: 'notify',
    name: /notif|slack|teams|announce|mail|alert/i,
    command: /slack|hooks\.slack\.com|webhook\.office|sendmail|discord|notify/i,
  },
  {
    kind: 'deploy',
    name: /deploy|promote|rollout|release[-_ ]to/i,
    command: /kubectl\s+(apply|set\s+image)|helm\s+(upgrade|install)|argocd\s+app\s+sync|kubectl\s+argo\s+rollouts\s+(set|promote)|terraform\s+apply|az\s+webapp\s+deploy|AzureWebApp@|AzureRmWebAppDeployment@|KubernetesManifest@|HelmDeploy@/i,
  },
  {
    kind: 'test',
    // "check" but not "checkout", which is the source stage below.
    name: /test|spec|lint|check(?!out)|unit|coverage|vet/i,
    command: /\b(npm|yarn|pnpm)\s+(run\s+)?test\b|\bpytest\b|\bgo\s+test\b|\bjest\b|\bmocha\b|\bvitest\b|\bcargo\s+test\b|\bmvn\b.*\btest\b|gradlew?\s+test|\bdotnet\s+test\b|\btox\b|\beslint\b|VSTest@|DotNetCoreCLI@.*test/i,
  },
  {
    kind: 'build',
    name: /build|compile|package|bundle|image|docker|publish|release|artifact|dist/i,
    command: /docker\s+(build|buildx)|\bbuild\b|\bcompile\b|\bmake\b|\bgo\s+build\b|cargo\s+build|mvn\b.*package|gradlew?\s+(build|assemble)|\bdotnet\s+(build|publish)\b|webpack|\btsc\b|kaniko|buildah|docker\/build-push-action|Docker@|DotNetCoreCLI@/i,
  },
  {
    kind: 'source',
    name: /^(source|checkout|fetch|clone|prepare|setup|init)$/i,
  },
];

export function inferKind(facts: JobFacts): NodeKind {
  // Structure says more than names: a gate with no environment is the approval step itself; an
  // environment makes a deploy (the gate then guards that deploy).
  if (facts.environment) {
    if (facts.onFailure || matches(RULES[0], facts)) return 'rollback';
    return 'deploy';
  }
  if (facts.gate) return 'approval-gate';
  if (facts.onFailure && matches(RULES[0], facts)) return 'rollback';
  for (const rule of RULES) {
    if (matches(rule, facts)) return rule.kind;
  }
  // "gate" as a word of its own: "aggregate", "delegate", "navigate" are not gates.
  if (/approv|(^|[^a-z])gates?([^a-z]|$)|manual/i.test(`${facts.id} ${facts.name ?? ''}`)) return 'approval-gate';
  return 'other';
}

function matches(rule: KindRule, facts: JobFacts): boolean {
  // Id and name are tested one by one so that anchored name rules (source) can match either.
  if (rule.name && [facts.id, facts.name].some((label) => label !== undefined && rule.name!.test(label))) return true;
  if (rule.command) {
    for (const c of facts.commands) if (rule.command.test(c)) return true;
  }
  return false;
}

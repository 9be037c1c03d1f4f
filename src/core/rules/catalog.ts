// Every rule, in the order the README table and `pipewright lint --rules` list them. Ids are a
// public contract: settings, `.pipewright.yml` and disable comments name rules by them.
import { credentialsRule } from './credentials';
import { deployWithoutEnvironmentRule, ungatedProductionDeployRule, unverifiedApprovalRule } from './gates';
import { pullRequestTargetRule } from './pullRequestTarget';
import type { Rule, RuleInfo } from './rule';
import { concurrentDeploysRule, deployWithoutTestsRule, deployWithoutTimeoutRule, noRollbackRule, noVerifyRule } from './safety';
import { noDependencyCacheRule, rebuiltInDeployRule } from './speed';
import { curlPipeShellRule, missingPermissionsRule, unpinnedActionRule } from './supplyChain';
import { unusedNeedsRule } from './unusedNeeds';
import { schemaRule } from './schema';

export const RULES: readonly Rule[] = [
  schemaRule,
  credentialsRule,
  pullRequestTargetRule,
  ungatedProductionDeployRule,
  unverifiedApprovalRule,
  deployWithoutEnvironmentRule,
  noRollbackRule,
  noVerifyRule,
  deployWithoutTestsRule,
  deployWithoutTimeoutRule,
  concurrentDeploysRule,
  unpinnedActionRule,
  missingPermissionsRule,
  curlPipeShellRule,
  noDependencyCacheRule,
  rebuiltInDeployRule,
  unusedNeedsRule,
];

/** Reported by the engine itself: a disable comment that silences nothing. */
export const UNUSED_DISABLE: RuleInfo = {
  id: 'unused-disable',
  group: 'structure',
  severity: 'warning',
  dialects: ['github', 'gitlab', 'azure'],
  summary: 'a `# pipewright-disable-next-line` comment that silences nothing (or names no rule)',
};

const ALL_DIALECTS = ['github', 'gitlab', 'azure'] as const;

/**
 * The graph's own problems (findings.ts codes), reported by `pipewright lint` beside the rules and
 * in the editor by their own producer. They cannot be turned off: a file with them is broken.
 */
export const GRAPH_PROBLEM_RULES: readonly RuleInfo[] = [
  { id: 'yaml-syntax', group: 'structure', severity: 'error', dialects: ALL_DIALECTS, summary: 'the file is not valid YAML' },
  { id: 'yaml-unclosed', group: 'structure', severity: 'error', dialects: ALL_DIALECTS, summary: 'a quote or bracket opened and never closed' },
  { id: 'duplicate-key', group: 'structure', severity: 'error', dialects: ALL_DIALECTS, summary: 'a key written twice in one mapping (GitLab keeps the later one: a warning there)' },
  { id: 'pipeline-structure', group: 'structure', severity: 'error', dialects: ALL_DIALECTS, summary: 'a job, stage or setting that is not where or what the dialect expects' },
  { id: 'unknown-dependency', group: 'structure', severity: 'error', dialects: ALL_DIALECTS, summary: '`needs`/`dependsOn` naming a job or stage that is not in the file' },
  { id: 'dependency-cycle', group: 'structure', severity: 'error', dialects: ALL_DIALECTS, summary: 'jobs or stages that wait for each other in a circle' },
];

/** Every rule id a setting may name. */
export const RULE_IDS: readonly string[] = [...RULES.map((r) => r.id), UNUSED_DISABLE.id];

/** Every rule and problem kind lint reports, for SARIF's rule list and the README table. */
export const ALL_RULE_INFOS: readonly RuleInfo[] = [...GRAPH_PROBLEM_RULES, ...RULES, UNUSED_DISABLE];

export function ruleInfo(id: string): RuleInfo | undefined {
  return ALL_RULE_INFOS.find((r) => r.id === id);
}

const DOCS_BASE = 'https://github.com/pipewright/pipewright/blob/main/docs/rules/';

/** The rule's page in the repository (docs/rules/ID.md). */
export function ruleDocUrl(id: string): string {
  return `${DOCS_BASE}${id}.md`;
}

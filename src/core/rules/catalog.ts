// Every rule, in the order the README table and `pipewright lint --rules` list them. Ids are a
// public contract: settings, `.pipewright.yml` and disable comments name rules by them.
import { credentialsRule } from './credentials';
import { deployWithoutEnvironmentRule, ungatedProductionDeployRule, unverifiedApprovalRule } from './gates';
import { pullRequestTargetRule } from './pullRequestTarget';
import type { Rule, RuleInfo } from './rule';
import { concurrentDeploysRule, deployWithoutTestsRule, deployWithoutTimeoutRule, noRollbackRule, noVerifyRule } from './safety';
import { noDependencyCacheRule, rebuiltInDeployRule } from './speed';
import { curlPipeShellRule, missingPermissionsRule, unpinnedActionRule } from './supplyChain';

export const RULES: readonly Rule[] = [
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
];

/** Reported by the engine itself: a disable comment that silences nothing. */
export const UNUSED_DISABLE: RuleInfo = {
  id: 'unused-disable',
  group: 'structure',
  severity: 'warning',
  dialects: ['github', 'gitlab', 'azure'],
  summary: 'a `# pipewright-disable-next-line` comment that silences nothing (or names no rule)',
};

/** Every rule id a setting may name. */
export const RULE_IDS: readonly string[] = [...RULES.map((r) => r.id), UNUSED_DISABLE.id];

export function ruleInfo(id: string): RuleInfo | undefined {
  return id === UNUSED_DISABLE.id ? UNUSED_DISABLE : RULES.find((r) => r.id === id);
}

const DOCS_BASE = 'https://github.com/pipewright/pipewright/blob/main/docs/rules/';

/** The rule's page in the repository (docs/rules/ID.md). */
export function ruleDocUrl(id: string): string {
  return `${DOCS_BASE}${id}.md`;
}

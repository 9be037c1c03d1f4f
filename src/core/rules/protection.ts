// What the platform says about an environment's approval, for the gate rules: GitHub keeps
// required reviewers and wait timers on the environment, out of the YAML.
import type { Environment } from '../operate/model';
import type { EnvironmentProtection } from './rule';

/**
 * Environment name → `approval` (required reviewers or a wait timer) or `none` (neither, and no
 * other check that might be one). An environment with only custom checks is left unknown: they
 * may approve or not. Environments the platform does not list are unknown too.
 */
export function protectionOfEnvironments(environments: readonly Pick<Environment, 'name' | 'protection'>[]): Map<string, EnvironmentProtection> {
  const known = new Map<string, EnvironmentProtection>();
  for (const { name, protection } of environments) {
    if (protection.reviewers.length > 0 || protection.waitTimerMinutes > 0) known.set(name, 'approval');
    else if (protection.otherChecks.length === 0) known.set(name, 'none');
  }
  return known;
}

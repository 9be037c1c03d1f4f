// The deployment strategy of a GitHub or GitLab deploy job, which neither dialect has a key for:
// only what its commands or names state outright. `kubectl set image`, `kubectl rollout status`,
// `helm upgrade` and Argo Rollouts' own commands roll out however the Deployment or Rollout is
// configured, and that configuration is not in this file, so by themselves they say nothing.

export type WrittenStrategy = 'blue-green' | 'canary' | 'rolling';

// Switching a Service's selector between two colours, or swapping App Service slots, is the
// blue-green cut-over itself.
const BLUE_GREEN = /blue[-_ /]?green|\bpatch\s+(?:service|svc)\b.*\bselector\b|\bslot\s+swap\b/i;
// Traffic weights are what make a canary (Argo Rollouts `setWeight`, NGINX `canary-weight`).
const CANARY = /\bcanary\b|\bset-?weight\b|setWeight|canary-weight/i;
// A line that ends a canary ("delete canary", `kubectl argo rollouts abort`) does not start one.
const ENDS_CANARY = /\b(?:delete|remove|rm|uninstall|destroy|clean-?up|abort|undo)\b/i;
// The Kubernetes strategy type and its parameters, or the word itself.
const ROLLING = /RollingUpdate|\bmax-?surge\b|\bmax-?unavailable\b|\brolling\b/i;

/**
 * Checked most specific first: blue-green wording wins over a canary's (Argo Rollouts does both),
 * and either over rolling. `texts`: commands, step names, the job's id and name.
 */
export function writtenStrategy(texts: readonly string[]): WrittenStrategy | undefined {
  const lines = texts.flatMap((t) => t.split(/\r?\n/));
  if (lines.some((l) => BLUE_GREEN.test(l))) return 'blue-green';
  if (lines.some((l) => CANARY.test(l) && !ENDS_CANARY.test(l))) return 'canary';
  if (lines.some((l) => ROLLING.test(l))) return 'rolling';
  return undefined;
}

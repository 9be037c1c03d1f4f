// The operating model: what a person sees of pipelines that run, on any platform. Providers map
// their payloads onto these shapes (src/providers/<name>/); views, the command line and the
// designer overlay read only these. Plain data (JSON-safe: ids are strings, times ISO 8601 text),
// so the same values cross the webview protocol and print as `--json`.
//
// Platform words, for orientation:
//   Run         GitHub workflow run · GitLab pipeline · Azure DevOps run (build)
//   Job         GitHub job · GitLab job · Azure DevOps timeline job (Stage/Job)
//   Environment GitHub / GitLab / Azure DevOps environment
//   Deployment  GitHub deployment · GitLab deployment · Azure DevOps environment deployment record
//   Approval    GitHub pending deployment · GitLab blocked deployment · Azure DevOps approval
//   Rollout     Kubernetes Deployment · Argo Rollout, with ReplicaSet revisions

/** Where a run is in its life; `conclusion` says how it ended once `completed`. */
export type RunStatus = 'queued' | 'in_progress' | 'waiting' | 'completed';

export const RUN_STATUSES: readonly RunStatus[] = ['queued', 'in_progress', 'waiting', 'completed'];

/**
 * How a completed run or job ended. Platforms have more words (GitHub `startup_failure`, Azure
 * `succeededWithIssues`): the provider maps them here and keeps its own in `providerState`.
 */
export type Conclusion = 'success' | 'failure' | 'cancelled' | 'skipped' | 'timed_out' | 'neutral';

export const CONCLUSIONS: readonly Conclusion[] = ['success', 'failure', 'cancelled', 'skipped', 'timed_out', 'neutral'];

/** A platform account. `login` is what the platform shows (GitHub login, GitLab username, …). */
export interface Person {
  login: string;
  id?: string;
  name?: string;
  avatarUrl?: string;
  url?: string;
}

/** A workflow file (GitHub), the project's pipeline (GitLab), a pipeline definition (Azure). */
export interface Pipeline {
  id: string;
  name: string;
  /** Path of its YAML in the repository (`.github/workflows/deploy.yml`), when it has one. */
  path?: string;
  state: 'active' | 'disabled';
  url?: string;
}

/** Enough of a run to name it in a confirmation or a notification. */
export interface RunLabel {
  number?: number;
  title?: string;
  headSha?: string;
  headBranch?: string;
  /** The pipeline's path or name. */
  pipeline?: string;
}

export interface Run {
  id: string;
  /** The per-pipeline counter people say ("run #42"); absent where the platform has none. */
  number?: number;
  /** Attempt of a re-run run, from 1. */
  attempt?: number;
  /** What the platform shows as the run's title (commit message, PR title, …). */
  title: string;
  pipeline: { id?: string; name?: string; path?: string };
  status: RunStatus;
  conclusion: Conclusion | null;
  /** The platform's own words for the state, for display and logs ("startup_failure"). */
  providerState?: string;
  /** What started it: `push`, `workflow_dispatch`, `schedule`, `web`, `api`, … */
  event: string;
  headSha: string;
  headBranch: string | null;
  createdAt: string;
  startedAt?: string;
  updatedAt?: string;
  actor?: Person;
  url?: string;
}

export interface Step {
  name: string;
  number: number;
  status: RunStatus;
  conclusion: Conclusion | null;
  startedAt?: string;
  completedAt?: string;
}

export interface Job {
  id: string;
  runId: string;
  /**
   * The platform's job name, as it shows it: GitHub `build (ubuntu-latest, 20)` for a matrix
   * instance, `call / deploy` inside a reusable workflow; GitLab `rspec 1/3`; Azure `Stage/Job`.
   * `mapJobsToNodes` turns it into a graph node id.
   */
  name: string;
  status: RunStatus;
  conclusion: Conclusion | null;
  providerState?: string;
  attempt?: number;
  createdAt?: string;
  startedAt?: string;
  completedAt?: string;
  runnerName?: string;
  url?: string;
  steps?: Step[];
}

/** A user, team or group that may approve, as the platform names it. */
export interface Reviewer {
  kind: 'user' | 'team' | 'group' | 'role';
  id: string;
  name: string;
}

/** Which branches may deploy to an environment. */
export type BranchPolicy = 'all' | 'protected' | 'custom';

/** The gate an environment puts before a deployment (GitHub keeps it out of the YAML). */
export interface ProtectionRules {
  reviewers: Reviewer[];
  /** How many of `reviewers` must approve (GitHub: one of them). 0 without reviewers. */
  requiredApprovals: number;
  /** The person who started the deployment may not approve it. */
  preventSelfReview: boolean;
  /** Minutes to wait before the deployment may proceed; 0 for none. */
  waitTimerMinutes: number;
  branchPolicy: BranchPolicy;
  /** Other checks by name (GitHub custom protection rules, Azure checks). */
  otherChecks: string[];
  /** Administrators may deploy without waiting (GitHub `can_admins_bypass`), when known. */
  adminsCanBypass?: boolean;
}

/** The rules a person can set on an environment (`setProtection`); others are kept as they are. */
export interface ProtectionRulesInput {
  reviewers: Pick<Reviewer, 'kind' | 'id'>[];
  preventSelfReview: boolean;
  waitTimerMinutes: number;
}

export interface Environment {
  id: string;
  name: string;
  url?: string;
  protection: ProtectionRules;
  createdAt?: string;
  updatedAt?: string;
}

/** The state of a deployment: the latest status the platform recorded for it. */
export type DeploymentState =
  | 'pending'
  | 'queued'
  | 'in_progress'
  | 'waiting'
  | 'success'
  | 'failure'
  | 'error'
  | 'cancelled'
  | 'inactive';

export interface Deployment {
  id: string;
  environment: string;
  ref: string;
  sha: string;
  state: DeploymentState;
  /**
   * Whether it ever reached `success` (a later deployment may since have made it `inactive`).
   * Undefined when only its latest state was read.
   */
  succeeded?: boolean;
  createdAt: string;
  updatedAt?: string;
  creator?: Person;
  /** The run (and job) that made it, when the platform links them (GitHub Actions does). */
  runId?: string;
  jobId?: string;
  /** Where a person sees it: the run or its log. */
  url?: string;
  environmentUrl?: string;
  description?: string;
}

/** An environment with its newest deployment, whatever that deployment's state. */
export interface EnvironmentStatus {
  environment: Environment;
  latest: Deployment | null;
}

/** A deployment waiting for a person's review before it may proceed. */
export interface PendingApproval {
  /** Unique within the target (GitHub: `RUN_ID/ENVIRONMENT_ID`; Azure: the approval id). */
  id: string;
  runId: string;
  run?: RunLabel;
  environment: { id: string; name: string; url?: string };
  /** Whether the signed-in user may give this review. */
  canApprove: boolean;
  reviewers: Reviewer[];
  requiredApprovals: number;
  /** Minutes of wait timer on the environment (it runs after approval on GitHub); 0 for none. */
  waitTimerMinutes: number;
  waitTimerStartedAt?: string;
  /** Since when it waits, when the platform says. */
  since?: string;
}

/** A review already given on a run (who approved or rejected which environments). */
export interface Review {
  decision: 'approved' | 'rejected';
  user: Person;
  environments: string[];
  comment: string;
}

/** A run with its jobs and what it waits for: what the Runs view expands and the overlay colours. */
export interface RunDetail {
  run: Run;
  /** The latest attempt's jobs. */
  jobs: Job[];
  /** What it waits for; read only while the run waits (empty otherwise). */
  pending: PendingApproval[];
  /** The reviews given so far (who approved which environment); read only while the run waits. */
  reviews: Review[];
}

export type RolloutStrategy = 'rolling' | 'recreate' | 'canary' | 'blue-green';

/**
 * progressing: moving to the new revision; paused: waiting (canary pause, manual promotion);
 * healthy: done and available; degraded: failed or unavailable; aborted: an Argo Rollout aborted.
 */
export type RolloutPhase = 'progressing' | 'paused' | 'healthy' | 'degraded' | 'aborted' | 'unknown';

/** A ReplicaSet revision of a Deployment or Rollout (`deployment.kubernetes.io/revision`). */
export interface Revision {
  number: number;
  /** The ReplicaSet's name. */
  name: string;
  createdAt?: string;
  images: string[];
  /** The revision the workload runs now (or is moving to). */
  current: boolean;
  replicas?: number;
}

/** A Kubernetes Deployment or an Argo Rollout, as far as a rollout goes. */
export interface Rollout {
  kind: 'deployment' | 'rollout';
  namespace: string;
  name: string;
  strategy: RolloutStrategy;
  phase: RolloutPhase;
  message?: string;
  replicas: { desired: number; updated: number; ready: number; available: number };
  /** Canary: the step it is at (0-based index) of how many. */
  step?: { index: number; count: number };
  /** Canary: the weight the steps set and the weight the traffic router reports. */
  weight?: { set: number; actual: number };
  /** Why it is paused (Argo `pauseConditions` reasons, `spec.paused`). */
  pauseReasons: string[];
  images: string[];
  currentRevision?: number;
  /** Newest first. */
  revisions: Revision[];
}

/** The repository (GitHub), project (GitLab) or repository of a project (Azure) a target names. */
export interface Repository {
  fullName: string;
  defaultBranch: string;
  url?: string;
  /** What the signed-in user may do: `admin` may set environment protection rules. */
  permission: 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none';
}

/** Branches and tags a run can be started on, the default branch first among branches. */
export interface RefList {
  defaultBranch: string;
  branches: string[];
  tags: string[];
  /** More exist than were read (the first page of each). */
  truncated: boolean;
}

/** The commit a branch, tag or sha of a repository names now (what pinning an action writes). */
export interface CommitRef {
  /** As asked for: `v4`, `main`, a short sha. */
  ref: string;
  /** The full 40-character sha. */
  sha: string;
}

/** A finished job's log as text (ANSI escapes as the platform sent them). */
export interface JobLog {
  jobId: string;
  text: string;
}

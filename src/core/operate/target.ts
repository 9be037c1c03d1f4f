// Where a pipeline runs: a repository, a project, or a cluster namespace. One shape per platform,
// one text form for the command line (`github:OWNER/REPO`), one key for caches.
import type { Checked } from '../edit/operations';

export type ProviderKind = 'github' | 'gitlab' | 'azure-devops' | 'kubernetes' | 'argo-rollouts';

export const PROVIDER_KINDS: readonly ProviderKind[] = ['github', 'gitlab', 'azure-devops', 'kubernetes', 'argo-rollouts'];

interface TargetBase {
  /** What a person calls it in a view ("Sandbox"); defaults to `describeTarget`. */
  label?: string;
}

/** A GitHub repository on github.com (`https://api.github.com`) or a GitHub Enterprise Server. */
export interface GitHubTarget extends TargetBase {
  provider: 'github';
  /** REST API root without a trailing slash: `https://api.github.com` or `https://HOST/api/v3`. */
  apiUrl: string;
  owner: string;
  repo: string;
}

/** A GitLab project on gitlab.com or a self-managed instance. */
export interface GitLabTarget extends TargetBase {
  provider: 'gitlab';
  /** REST API root, e.g. `https://gitlab.com/api/v4`. */
  apiUrl: string;
  /** Full path (`group/subgroup/project`) or numeric id. */
  project: string;
}

/** An Azure DevOps project. */
export interface AzureDevOpsTarget extends TargetBase {
  provider: 'azure-devops';
  /** `https://dev.azure.com/ORG` or an Azure DevOps Server collection URL. */
  organizationUrl: string;
  project: string;
}

/** A namespace of a cluster, from the user's kubeconfig (Deployments, or Argo Rollouts). */
export interface ClusterTarget extends TargetBase {
  provider: 'kubernetes' | 'argo-rollouts';
  /** kubeconfig context; absent: the current context. */
  context?: string;
  namespace: string;
}

export type Target = GitHubTarget | GitLabTarget | AzureDevOpsTarget | ClusterTarget;

export const GITHUB_API_URL = 'https://api.github.com';
export const GITLAB_API_URL = 'https://gitlab.com/api/v4';
export const AZURE_DEVOPS_URL = 'https://dev.azure.com';

export interface TargetDefaults {
  /** Overrides the platform's public API root (`--api-url`): GHES, self-managed GitLab, a test server. */
  apiUrl?: string;
}

const TARGET_FORMS: Record<ProviderKind, string> = {
  github: 'github:OWNER/REPO',
  gitlab: 'gitlab:GROUP/PROJECT',
  'azure-devops': 'azure-devops:ORGANIZATION/PROJECT',
  kubernetes: 'kubernetes:[CONTEXT/]NAMESPACE',
  'argo-rollouts': 'argo-rollouts:[CONTEXT/]NAMESPACE',
};

/** `github:OWNER/REPO` and the other forms of TARGET_FORMS; the error names the form expected. */
export function parseTarget(text: string, defaults: TargetDefaults = {}): Checked<Target> {
  const colon = text.indexOf(':');
  const kind = PROVIDER_KINDS.find((k) => k === text.slice(0, colon));
  if (colon < 0 || !kind) {
    return { ok: false, error: `target "${text}" must start with a platform: ${Object.values(TARGET_FORMS).join(', ')}` };
  }
  const rest = text.slice(colon + 1);
  const parts = rest.split('/');
  const form = TARGET_FORMS[kind];
  const wrong = (why: string): Checked<Target> => ({ ok: false, error: `target "${text}": ${why} (expected ${form})` });
  if (parts.some((p) => p.trim() === '' || p !== p.trim())) return wrong('empty or space-padded name');
  const apiUrl = defaults.apiUrl !== undefined ? trimSlash(defaults.apiUrl) : undefined;
  switch (kind) {
    case 'github':
      if (parts.length !== 2) return wrong('a GitHub target names an owner and a repository');
      if (!parts.every(isGitHubName)) return wrong('owner and repository may hold letters, digits, ".", "-" and "_"');
      return { ok: true, value: { provider: 'github', apiUrl: apiUrl ?? GITHUB_API_URL, owner: parts[0], repo: parts[1] } };
    case 'gitlab':
      if (parts.length < 2 && !/^\d+$/.test(rest)) return wrong('a GitLab target names a project path or id');
      return { ok: true, value: { provider: 'gitlab', apiUrl: apiUrl ?? GITLAB_API_URL, project: rest } };
    case 'azure-devops':
      if (parts.length !== 2) return wrong('an Azure DevOps target names an organization and a project');
      return {
        ok: true,
        value: { provider: 'azure-devops', organizationUrl: apiUrl ?? `${AZURE_DEVOPS_URL}/${parts[0]}`, project: parts[1] },
      };
    case 'kubernetes':
    case 'argo-rollouts':
      if (parts.length > 2) return wrong('a cluster target names at most a context and a namespace');
      return {
        ok: true,
        value: parts.length === 2 ? { provider: kind, context: parts[0], namespace: parts[1] } : { provider: kind, namespace: parts[0] },
      };
  }
}

/** The text form parseTarget reads (without the API URL). */
export function formatTarget(target: Target): string {
  switch (target.provider) {
    case 'github':
      return `github:${target.owner}/${target.repo}`;
    case 'gitlab':
      return `gitlab:${target.project}`;
    case 'azure-devops':
      return `azure-devops:${lastSegment(target.organizationUrl)}/${target.project}`;
    case 'kubernetes':
    case 'argo-rollouts':
      return `${target.provider}:${target.context !== undefined ? `${target.context}/` : ''}${target.namespace}`;
  }
}

/** How a message names the target: "acme/shop", "group/project", "cluster prod, namespace web". */
export function describeTarget(target: Target): string {
  if (target.label !== undefined) return target.label;
  switch (target.provider) {
    case 'github':
      return `${target.owner}/${target.repo}`;
    case 'gitlab':
      return target.project;
    case 'azure-devops':
      return `${lastSegment(target.organizationUrl)}/${target.project}`;
    case 'kubernetes':
    case 'argo-rollouts':
      return `namespace ${target.namespace}${target.context !== undefined ? ` (context ${target.context})` : ''}`;
  }
}

/** Equal for the same place on the same server: caches and the scheduler's sources use it. */
export function targetKey(target: Target): string {
  switch (target.provider) {
    case 'github':
      return `github ${target.apiUrl} ${target.owner}/${target.repo}`.toLowerCase();
    case 'gitlab':
      return `gitlab ${target.apiUrl} ${target.project}`.toLowerCase();
    case 'azure-devops':
      return `azure-devops ${target.organizationUrl} ${target.project}`.toLowerCase();
    case 'kubernetes':
    case 'argo-rollouts':
      return `${target.provider} ${target.context ?? ''} ${target.namespace}`;
  }
}

function isGitHubName(part: string): boolean {
  return /^[A-Za-z0-9._-]+$/.test(part) && part !== '.' && part !== '..';
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

function lastSegment(url: string): string {
  return trimSlash(url).split('/').pop() ?? url;
}

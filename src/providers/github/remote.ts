// Which GitHub repository a workspace is, from its git remote URL: github.com, or a GitHub
// Enterprise Server host the user named in settings. Pure; the editor reads the remote URL.
import { GITHUB_API_URL, type GitHubTarget } from '../../core/operate/target';

/**
 * `https://github.com/acme/shop.git`, `git@github.com:acme/shop.git`, `ssh://git@ghe.example.com/acme/shop`
 * and the like; undefined for other hosts. `enterpriseHosts` are GHES host names (API at
 * `https://HOST/api/v3`).
 */
export function githubTargetFromRemote(remoteUrl: string, enterpriseHosts: readonly string[] = []): GitHubTarget | undefined {
  const parsed = parseRemote(remoteUrl.trim());
  if (!parsed) return undefined;
  const host = parsed.host.toLowerCase();
  const enterprise = enterpriseHosts.map((h) => h.toLowerCase().replace(/^https?:\/\//, '').replace(/\/.*$/, ''));
  let apiUrl: string;
  if (host === 'github.com' || host === 'www.github.com' || host === 'ssh.github.com') apiUrl = GITHUB_API_URL;
  else if (enterprise.includes(host)) apiUrl = `https://${host}/api/v3`;
  else return undefined;
  const parts = parsed.path.replace(/^\/+|\/+$/g, '').replace(/\.git$/, '').split('/');
  if (parts.length !== 2 || parts.some((p) => !/^[A-Za-z0-9._-]+$/.test(p))) return undefined;
  return { provider: 'github', apiUrl, owner: parts[0], repo: parts[1] };
}

function parseRemote(url: string): { host: string; path: string } | undefined {
  // scp-like: git@host:owner/repo.git
  const scp = /^(?:[^@/]+@)?([^:/]+):(?!\/)(.+)$/.exec(url);
  if (scp && !/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) return { host: scp[1], path: scp[2] };
  try {
    const u = new URL(url);
    if (!['https:', 'http:', 'ssh:', 'git:'].includes(u.protocol)) return undefined;
    return { host: u.hostname, path: u.pathname };
  } catch {
    return undefined;
  }
}

/** The web page of a repository for an API URL: `https://github.com/o/r`, `https://HOST/o/r`. */
export function githubWebUrl(target: GitHubTarget): string {
  const api = new URL(target.apiUrl);
  const host = api.hostname === 'api.github.com' ? 'github.com' : api.host;
  return `${api.protocol}//${host}/${target.owner}/${target.repo}`;
}

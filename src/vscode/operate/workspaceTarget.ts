// Where the workspace's pipelines run: the GitHub repository of its git remote (github.com, or the
// GitHub Enterprise Server whose API URL the settings name), or the repository the settings name.
// Reads only local files and settings; nothing here talks to GitHub or asks the user anything.
import * as vscode from 'vscode';
import { GITHUB_API_URL, parseTarget, type GitHubTarget } from '../../core/operate/target';
import { branchFromHead, commondirFromFile, gitdirFromFile, parseGitRemotes, remotesByPreference } from './gitFiles';

/** Settings under `pipewright.github.*`; a workspace cannot set them until it is trusted (package.json). */
export const SETTINGS = {
  apiUrl: 'github.apiUrl',
  repository: 'github.repository',
  label: 'github.label',
} as const;

export type WorkspaceTarget =
  | { kind: 'untrusted' }
  /** No GitHub repository: `reason` says what to do (set the repository, add a remote). */
  | { kind: 'none'; reason: string }
  | {
      kind: 'github';
      target: GitHubTarget;
      /** The folder holding `.git` (workflow paths are relative to it), when there is one. */
      root?: vscode.Uri;
      /** How it was found, for the log. */
      from: 'setting' | 'remote';
    };

interface GitDirs {
  root: vscode.Uri;
  /** Holds HEAD (a worktree's own directory). */
  gitDir: vscode.Uri;
  /** Holds config (the shared directory of a worktree; else gitDir). */
  commonDir: vscode.Uri;
}

/** The GitHub API the settings name (github.com when unset), or why the setting is not usable. */
export function configuredApiUrl(): { ok: true; apiUrl: string; set: boolean } | { ok: false; reason: string } {
  const apiSetting = (vscode.workspace.getConfiguration('pipewright').get<string>(SETTINGS.apiUrl) ?? '').trim();
  if (apiSetting !== '' && !/^https?:\/\/[^\s/]+/.test(apiSetting)) {
    return { ok: false, reason: `The setting pipewright.${SETTINGS.apiUrl} must be an http(s) URL such as https://github.example.com/api/v3, not "${apiSetting}".` };
  }
  return { ok: true, apiUrl: apiSetting === '' ? GITHUB_API_URL : apiSetting.replace(/\/+$/, ''), set: apiSetting !== '' };
}

export async function resolveWorkspaceTarget(): Promise<WorkspaceTarget> {
  if (!vscode.workspace.isTrusted) return { kind: 'untrusted' };
  const config = vscode.workspace.getConfiguration('pipewright');
  const repoSetting = (config.get<string>(SETTINGS.repository) ?? '').trim();
  const label = (config.get<string>(SETTINGS.label) ?? '').trim();
  const api = configuredApiUrl();
  if (!api.ok) return { kind: 'none', reason: api.reason };
  const apiUrl = api.apiUrl;
  const dirs = await findGitDirs();
  const named = (target: GitHubTarget): GitHubTarget => (label === '' ? target : { ...target, label: `${label} (${target.owner}/${target.repo})` });
  if (repoSetting !== '') {
    const parsed = parseTarget(`github:${repoSetting}`, { apiUrl });
    if (!parsed.ok || parsed.value.provider !== 'github') {
      return { kind: 'none', reason: `The setting pipewright.${SETTINGS.repository} must be OWNER/REPO, not "${repoSetting}".` };
    }
    return { kind: 'github', target: named(parsed.value), root: dirs?.root, from: 'setting' };
  }
  if (!dirs) return { kind: 'none', reason: 'This folder is not a git repository. Open a clone of a GitHub repository, or name one in the setting pipewright.github.repository.' };
  const remotes = remotesByPreference(parseGitRemotes(await readText(vscode.Uri.joinPath(dirs.commonDir, 'config')) ?? ''));
  // A GHES serves git and its API on one host name (git over SSH on another port than the API).
  const enterprise = apiUrl === GITHUB_API_URL ? [] : [new URL(apiUrl).hostname];
  const { githubTargetFromRemote } = await import('../../providers/github/remote');
  for (const remote of remotes) {
    const target = githubTargetFromRemote(remote.url, enterprise);
    // A remote on a GHES host takes the API URL of the setting (its scheme and path too).
    if (target) return { kind: 'github', target: named(target.apiUrl === GITHUB_API_URL ? target : { ...target, apiUrl }), root: dirs.root, from: 'remote' };
  }
  const hosts = enterprise.length > 0 ? `github.com or ${enterprise[0]}` : 'github.com';
  return {
    kind: 'none',
    reason: remotes.length === 0
      ? 'This repository has no git remote. Add one on GitHub, or name the repository in the setting pipewright.github.repository.'
      : `No git remote of this repository is on ${hosts}. For a GitHub Enterprise Server, set pipewright.${SETTINGS.apiUrl}; or name the repository in pipewright.${SETTINGS.repository}.`,
  };
}

/** The branch checked out in the workspace's repository; undefined when detached or unknown. */
export async function currentBranch(): Promise<string | undefined> {
  const dirs = await findGitDirs();
  if (!dirs) return undefined;
  const head = await readText(vscode.Uri.joinPath(dirs.gitDir, 'HEAD'));
  return head === undefined ? undefined : branchFromHead(head);
}

/** A document's path inside the repository (`.github/workflows/deploy.yml`), or undefined outside it. */
export function repositoryPath(root: vscode.Uri | undefined, uri: vscode.Uri): string | undefined {
  if (root) {
    const base = root.path.endsWith('/') ? root.path : `${root.path}/`;
    return uri.scheme === root.scheme && uri.path.startsWith(base) ? uri.path.slice(base.length) : undefined;
  }
  // No clone (the repository comes from the settings): the workspace folder stands for its root.
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  return folder ? vscode.workspace.asRelativePath(uri, false) : undefined;
}

/** The first workspace folder that is in a git repository (the folder itself or a parent holds `.git`). */
async function findGitDirs(): Promise<GitDirs | undefined> {
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    let dir = folder.uri;
    for (;;) {
      const found = await gitDirsAt(dir);
      if (found) return found;
      const parent = vscode.Uri.joinPath(dir, '..');
      if (parent.path === dir.path) break;
      dir = parent;
    }
  }
  return undefined;
}

async function gitDirsAt(root: vscode.Uri): Promise<GitDirs | undefined> {
  const dotGit = vscode.Uri.joinPath(root, '.git');
  let type: vscode.FileType;
  try {
    type = (await vscode.workspace.fs.stat(dotGit)).type;
  } catch {
    return undefined;
  }
  if (type & vscode.FileType.Directory) return { root, gitDir: dotGit, commonDir: dotGit };
  // A worktree or submodule: `.git` is a file naming the real directory.
  const pointer = gitdirFromFile((await readText(dotGit)) ?? '');
  if (pointer === undefined) return undefined;
  const gitDir = pointer.startsWith('/') ? dotGit.with({ path: pointer }) : vscode.Uri.joinPath(root, pointer);
  const common = commondirFromFile((await readText(vscode.Uri.joinPath(gitDir, 'commondir'))) ?? '');
  const commonDir = common === undefined ? gitDir : common.startsWith('/') ? gitDir.with({ path: common }) : vscode.Uri.joinPath(gitDir, common);
  return { root, gitDir, commonDir };
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

// What a workspace's git files say about where its pipelines run: the remotes in `.git/config`,
// the branch in `.git/HEAD`, and where a worktree's git directory really is (`.git` as a file).
// No `vscode` and no I/O: the caller reads the files (workspaceTarget.ts), tests feed text.

export interface GitRemote {
  name: string;
  url: string;
}

/** `[remote "origin"] url = …` sections of a git config, in file order. */
export function parseGitRemotes(configText: string): GitRemote[] {
  const remotes: GitRemote[] = [];
  let current: string | undefined;
  for (const raw of configText.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)[#;].*$/, '').trim();
    if (line === '') continue;
    const section = /^\[\s*([A-Za-z0-9.-]+)(?:\s+"((?:[^"\\]|\\.)*)")?\s*\]$/.exec(line);
    if (section) {
      current = section[1].toLowerCase() === 'remote' && section[2] !== undefined ? section[2].replace(/\\(.)/g, '$1') : undefined;
      continue;
    }
    const entry = /^([A-Za-z][A-Za-z0-9-]*)\s*=\s*(.*)$/.exec(line);
    if (current !== undefined && entry && entry[1].toLowerCase() === 'url') {
      const url = unquote(entry[2]);
      // A remote's first url is where it fetches from.
      if (url !== '' && !remotes.some((r) => r.name === current)) remotes.push({ name: current, url });
    }
  }
  return remotes;
}

/** The remotes to try, best first: `origin`, then `upstream`, then the rest in file order. */
export function remotesByPreference(remotes: readonly GitRemote[]): GitRemote[] {
  const rank = (r: GitRemote) => (r.name === 'origin' ? 0 : r.name === 'upstream' ? 1 : 2);
  return [...remotes].sort((a, b) => rank(a) - rank(b));
}

/** `ref: refs/heads/feature/x` → `feature/x`; undefined for a detached HEAD (a bare sha). */
export function branchFromHead(headText: string): string | undefined {
  const m = /^ref:\s*refs\/heads\/(.+?)\s*$/.exec(headText.trim());
  return m?.[1];
}

/** A worktree's or submodule's `.git` file: `gitdir: ../.git/worktrees/x` → that path (as written). */
export function gitdirFromFile(dotGitText: string): string | undefined {
  const m = /^gitdir:\s*(.+?)\s*$/m.exec(dotGitText);
  return m?.[1];
}

/** A worktree's git directory names the shared one in `commondir` (relative to itself). */
export function commondirFromFile(text: string): string | undefined {
  const value = text.trim();
  return value === '' ? undefined : value;
}

function unquote(value: string): string {
  const v = value.trim();
  return v.startsWith('"') && v.endsWith('"') && v.length >= 2 ? v.slice(1, -1).replace(/\\(.)/g, '$1') : v;
}

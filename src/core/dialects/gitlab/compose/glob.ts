// GitLab's wildcard `include: local:` paths: `*` stays within one folder, `**` crosses folders.
// Paths are relative to the project root, with or without a leading `/`.

export function normalizeLocalPath(path: string): string {
  return path.replace(/^\.?\/+/, '').replace(/\/{2,}/g, '/');
}

export function isWildcard(path: string): boolean {
  return path.includes('*');
}

/** A matcher for root-relative paths (no leading `/`). */
export function globMatcher(glob: string): (path: string) => boolean {
  const pattern = normalizeLocalPath(glob);
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      // `**/` may also match no folder at all; `**` alone matches across folders.
      if (pattern[i + 2] === '/') {
        source += '(?:.*/)?';
        i += 2;
      } else {
        source += '.*';
        i += 1;
      }
    } else if (c === '*') source += '[^/]*';
    else source += c.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  const re = new RegExp(`^${source}$`);
  return (path) => re.test(normalizeLocalPath(path));
}

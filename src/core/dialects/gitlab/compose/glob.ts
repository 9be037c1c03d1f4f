// GitLab's wildcard `include: local:` paths: `*` stays within one folder, `**` crosses folders.
// Paths are relative to the project root, with or without a leading `/`.

export function normalizeLocalPath(path: string): string {
  return path.replace(/^\.?\/+/, '').replace(/\/{2,}/g, '/');
}

export function isWildcard(path: string): boolean {
  return path.includes('*');
}

/**
 * The folder every path a glob matches lies in (root-relative, '' for the root): its segments
 * before the first with a wildcard. A listing need not look outside it.
 */
export function globFolder(glob: string): string {
  const segments = normalizeLocalPath(glob).split('/');
  segments.pop();
  const fixed: string[] = [];
  for (const segment of segments) {
    if (segment.includes('*')) break;
    fixed.push(segment);
  }
  return fixed.join('/');
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

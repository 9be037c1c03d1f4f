// The project a composed pipeline is read from, as every dialect's composer sees it: paths
// relative to the project root, read through the caller (the core does no I/O of its own).
import type { ParseCache } from './parseCache';

/** The project's files; the CLI reads a folder, tests pass a map, the editor its workspace. */
export interface ProjectFiles {
  /** The file's text, or undefined when there is no such file. */
  readFile(path: string): string | undefined;
  /** Every file matching a GitLab wildcard path (see dialects/gitlab/compose/glob.ts), in any order. */
  listFiles(glob: string): string[];
  /** Parses kept from an earlier composition of the same pipeline (the designer's); absent: every file read is parsed. */
  parses?: ParseCache;
}

/**
 * `reference` as the platform reads it from the file at `fromFile` (both relative to the project
 * root): a leading `/` starts at the root, anything else at `fromFile`'s folder; `.` and `..`
 * segments are resolved. Undefined when the path climbs out of the project.
 */
export function resolveProjectPath(fromFile: string, reference: string): string | undefined {
  const fromRoot = reference.startsWith('/');
  const folder = fromRoot ? [] : fromFile.split('/').slice(0, -1);
  const parts = [...folder];
  for (const segment of reference.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(segment);
  }
  return parts.length === 0 ? undefined : parts.join('/');
}

// The project a composed pipeline is read from, for the CLI: its root folder (the git root above
// the file unless --root says otherwise) and its files, read on demand by the core's composer.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { ProjectFiles } from '../core/compose/projectFiles';
import { globFolder, globMatcher, isWildcard, normalizeLocalPath } from '../core/dialects/gitlab/compose/glob';

// Folders that never hold a pipeline's files and can be huge.
const SKIPPED_FOLDERS = new Set(['.git', 'node_modules']);

/**
 * The folder holding `.git` nearest above `file`; else `outside`, when given and holding the file
 * (the editor passes the file's workspace folder: a project opened without its git folder, from
 * an archive or a copy, still reads `/templates/x.yml` from its top); else the file's own folder.
 */
export function defaultRoot(file: string, outside?: string): string {
  const git = gitRootAbove(file);
  if (git !== undefined) return git;
  return outside !== undefined && pathInRoot(outside, file) !== undefined ? resolve(outside) : dirname(resolve(file));
}

/** The folder holding `.git` nearest above `file`, if any. */
export function gitRootAbove(file: string): string | undefined {
  for (let dir = dirname(resolve(file)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/** `file` relative to `root` with `/` separators, or undefined when it is outside the root. */
export function pathInRoot(root: string, file: string): string | undefined {
  const rel = relative(resolve(root), resolve(file));
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}

export function projectFilesAt(root: string): ProjectFiles {
  let all: string[] | undefined;
  // Listed once per folder: the editor composes again after every pause in typing, and a
  // `.gitlab/ci/*.yml` include need not walk the whole repository each time.
  const byFolder = new Map<string, string[]>();
  return {
    readFile(path) {
      const full = resolve(root, path);
      // An include cannot reach outside the project.
      if (pathInRoot(root, full) === undefined) return undefined;
      try {
        return statSync(full).isFile() ? readFileSync(full, 'utf8') : undefined;
      } catch {
        return undefined;
      }
    },
    listFiles(glob) {
      // A plain path (`rules: exists: [Dockerfile]`) is one file or none: nothing to walk.
      if (!isWildcard(glob)) {
        const path = normalizeLocalPath(glob);
        return !leavesFolder(path) && isFile(resolve(root, path)) ? [path] : [];
      }
      const matches = globMatcher(glob);
      const folder = globFolder(glob);
      if (all !== undefined || folder === '') return (all ??= walk(resolve(root), '')).filter(matches);
      if (leavesFolder(folder)) return [];
      let under = byFolder.get(folder);
      if (under === undefined) byFolder.set(folder, (under = walk(resolve(root), folder)));
      return under.filter(matches);
    },
  };
}

/** Whether `listFiles(glob)` would list `path` (relative to the root, `/` separators) were it there. */
export function listedBy(glob: string, path: string): boolean {
  return globMatcher(glob)(path);
}

/** A path with `..` or `.` in it: not one GitLab lists (nor, out of the project, one to read). */
function leavesFolder(path: string): boolean {
  return path.split('/').some((s) => s === '..' || s === '.');
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function walk(base: string, prefix: string): string[] {
  const found: string[] = [];
  let entries;
  try {
    entries = readdirSync(join(base, prefix), { withFileTypes: true });
  } catch {
    return found;
  }
  for (const entry of entries) {
    const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) found.push(...walk(base, path));
    else if (entry.isFile()) found.push(path);
  }
  return found;
}

/**
 * Another file of a composition (`path`, relative to `root`) as the command line names the one it
 * was given (`given`): absolute beside an absolute FILE, else relative to the working folder.
 */
export function shownBeside(given: string, root: string, path: string): string {
  return isAbsolute(given) ? join(root, path) : relative(process.cwd(), join(root, path));
}
